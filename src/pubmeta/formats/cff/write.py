"""Writing CITATION.cff 1.2.0, valid against the official schema (see :mod:`.mapping` for what
goes where). A value CFF's schema cannot take (a URL of another scheme, a partial release date,
an identifier of the wrong shape) is left out or moved where the mapping table says, never
written invalid."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import yaml

from ...errors import UnwritableRecordError, WriteError
from ...text import full_title
from . import yaml12
from .mapping import (
    ANONYMOUS,
    DEFAULT_MESSAGE,
    SOURCE_SCHEME,
    TO_REFERENCE_TYPE,
    TO_STATUS,
    TOP_LEVEL_TYPES,
    VERSION_WRITTEN,
)

if TYPE_CHECKING:
    from ...model import Publication, Thesis

#: The official schema's patterns the writer must meet (checked against the schema by tests).
CFF_URL = re.compile(r"^(https|http|ftp|sftp)://.+")
CFF_DOI = re.compile(r"^10\.\d{4,9}(\.\d+)?/[A-Za-z0-9:/_;\-\.\(\)\[\]\\]+$")
CFF_ORCID = re.compile(r"^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$")
CFF_SWH = re.compile(r"^swh:1:(snp|rel|rev|dir|cnt):[0-9a-fA-F]{40}$")
CFF_DATE = re.compile(r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$")
CFF_EMAIL = re.compile(r"^[\S]+@[\S]+\.[\S]{2,}$")
CFF_COMMIT = re.compile(r"^\S+$")


def write(records: Sequence[Publication]) -> str:
    if not records:
        raise WriteError("a CITATION.cff describes one work: got no record")
    if len(records) == 1:
        record = records[0]
        cited = None if record.type in TOP_LEVEL_TYPES else record
        document = top_level(record, software=cited is None)
    elif len(records) == 2 and records[0].type in TOP_LEVEL_TYPES:
        document = top_level(records[0], software=True)
        cited = records[1]
    else:
        raise WriteError(
            "a CITATION.cff describes one work, with at most one preferred citation: got "
            f"{len(records)} records (write the software first, then the work to cite)"
        )
    if cited is not None:
        document["preferred-citation"] = reference(cited)
    return dump(document)


#: Characters YAML reads as line breaks: a text holding one is written double-quoted, where
#: they are escaped (plain or single-quoted, reading would fold them into spaces).
_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter. A text is written plain only where both YAML 1.1 (GitHub's Ruby
    reader) and YAML 1.2 (CFF's Python tools) read it back as that text: ``yes``, ``0o17``,
    ``1e5`` and dates are quoted."""

    def represent_str(self, data: str) -> Any:
        if any(mark in data for mark in _LINE_BREAKS):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        return self.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _Dumper.represent_str)
for _first, _resolvers in yaml12.Loader.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        _Dumper.add_implicit_resolver(_tag, _regexp, [_first])


def dump(document: dict[str, Any]) -> str:
    return yaml.dump(
        document,
        Dumper=_Dumper,
        default_flow_style=False,
        allow_unicode=True,
        sort_keys=False,
        width=4096,
    )


def _title(record: Publication) -> str:
    if not record.title:
        raise UnwritableRecordError("title: CFF requires a title (CFF 1.2.0 schema)")
    return full_title(record.title, record.subtitle)


def top_level(record: Publication, software: bool) -> dict[str, Any]:
    cff: dict[str, Any] = {
        "cff-version": VERSION_WRITTEN,
        "message": record.message or DEFAULT_MESSAGE,
    }
    if software:
        cff["type"] = TOP_LEVEL_TYPES[record.type]
    cff["title"] = _title(record)
    cff["authors"] = people(record, "author") or [{"name": ANONYMOUS}]
    if not software:
        return cff
    if record.version:
        cff["version"] = record.version
    published = record.dates.published
    if published is not None and _day(published.isoformat()):
        cff["date-released"] = published.isoformat()
    _shared(record, cff)
    return cff


def _shared(record: Publication, cff: dict[str, Any]) -> None:
    """What the top level and a reference write alike."""
    doi = _doi(record)
    if doi:
        cff["doi"] = doi
    ids = record.identifiers
    listed = identifiers(record)
    if listed:
        cff["identifiers"] = listed
    urls = [u for u in ids.urls if CFF_URL.match(u)]
    if urls and urls[0] == ids.urls[0]:
        cff["url"] = urls[0]
    for field, key in (("repository_code", "repository-code"),
                       ("repository_artifact", "repository-artifact")):  # fmt: skip
        value = getattr(record, field)
        if value and CFF_URL.match(value):
            cff[key] = value
    commit = next((o.value for o in ids.other if o.scheme == "commit"), None)
    if commit and CFF_COMMIT.match(commit):
        cff["commit"] = commit
    licence = record.license
    if licence is not None:
        spdx = _spdx(licence.text) or _spdx(_spdx_of_url(licence.url))
        if spdx:
            cff["license"] = spdx if len(spdx) > 1 else spdx[0]
        if licence.url and CFF_URL.match(licence.url):
            cff["license-url"] = licence.url
    keywords = list(dict.fromkeys(record.keywords))
    if keywords:
        cff["keywords"] = keywords
    if record.abstract:
        cff["abstract"] = record.abstract


def identifiers(record: Publication) -> list[dict[str, str]]:
    """The identifiers list: URLs after the first, then the other identifiers."""
    ids = record.identifiers
    listed: list[dict[str, str]] = []
    urls = list(dict.fromkeys(ids.urls))
    if urls and CFF_URL.match(urls[0]):
        urls = urls[1:]
    for url in urls:
        if CFF_URL.match(url):
            listed.append({"type": "url", "value": url})
        else:
            listed.append({"type": "other", "value": url, "description": "url"})
    doi = _doi(record)
    for other in ids.other:
        if other.scheme == "commit" or (other.scheme == "doi" and other.value == doi):
            continue
        if other.scheme == "swh" and CFF_SWH.match(other.value):
            listed.append({"type": "swh", "value": other.value})
        elif other.scheme == "doi" and CFF_DOI.match(other.value):
            listed.append({"type": "doi", "value": other.value})
        else:
            listed.append({"type": "other", "value": other.value, "description": other.scheme})
    unique: dict[str, dict[str, str]] = {}
    for entry in listed:
        unique.setdefault(repr(sorted(entry.items())), entry)
    return list(unique.values())


def _doi(record: Publication) -> str | None:
    """The DOI written as ``doi``: the record's, else the first other identifier that is one
    (a reader takes the first DOI of ``identifiers`` as the work's when ``doi`` is absent)."""
    ids = record.identifiers
    if ids.doi and CFF_DOI.match(ids.doi):
        return ids.doi
    return next((o.value for o in ids.other if o.scheme == "doi" and CFF_DOI.match(o.value)), None)


def _day(text: str) -> bool:
    """A date the schema's date format takes: YYYY-MM-DD of a real day (year 1 at least)."""
    if not CFF_DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


#: Licence addresses that name one SPDX licence: Creative Commons deeds and legal codes, the
#: SPDX list's own pages and the Open Source Initiative's.
_CC = re.compile(
    r"^https?://(?:www\.)?creativecommons\.org/licenses/(by(?:-nc)?(?:-sa|-nd)?)/([1-4]\.0)/?"
    r"(?:legalcode(?:\.[a-z]+)?|deed(?:\.[a-zA-Z-]+)?)?$"
)
_CC0 = re.compile(r"^https?://(?:www\.)?creativecommons\.org/publicdomain/zero/1\.0/?")
_LISTED = re.compile(
    r"^https?://(?:www\.)?(?:spdx\.org/licenses|opensource\.org/licenses?)/([A-Za-z0-9.+-]+?)"
    r"(?:\.html)?/?$"
)


def _spdx_of_url(url: str | None) -> str | None:
    """The SPDX id a licence address names, if it names one (checked against the list)."""
    if not url:
        return None
    found = _CC.match(url)
    if found:
        return f"CC-{found.group(1).upper()}-{found.group(2)}"
    if _CC0.match(url):
        return "CC0-1.0"
    found = _LISTED.match(url)
    return found.group(1) if found else None


def _spdx(text: str | None) -> list[str]:
    if not text:
        return []
    from .rules import validator

    allowed = validator().root["definitions"]["license-enum"]["enum"]
    parts = text.split(" OR ")
    return parts if all(p in allowed for p in parts) and len(set(parts)) == len(parts) else []


def people(record: Publication, role: str) -> list[dict[str, Any]]:
    written: list[dict[str, Any]] = []
    for contributor in record.contributors:
        if contributor.role != role:
            continue
        entry = person(contributor)
        if entry not in written:
            written.append(entry)
    return written


def person(contributor: Any) -> dict[str, Any]:
    if contributor.kind == "organisation":
        return {"name": contributor.name}
    if not contributor.family and not contributor.given:
        return {"name": contributor.literal}
    entry: dict[str, Any] = {}
    if contributor.family:
        entry["family-names"] = contributor.family
    if contributor.given:
        entry["given-names"] = contributor.given
    particle = " ".join(p for p in (contributor.dropping_particle, contributor.particle) if p)
    if particle:
        entry["name-particle"] = particle
    if contributor.suffix:
        entry["name-suffix"] = contributor.suffix
    if contributor.email and CFF_EMAIL.match(contributor.email):
        entry["email"] = contributor.email
    if contributor.orcid and CFF_ORCID.match(contributor.orcid):
        entry["orcid"] = "https://orcid.org/" + contributor.orcid
    names = [name for name, _ in contributor.distinct_affiliations()]
    if names:
        entry["affiliation"] = "; ".join(names)
    return entry


def reference(record: Publication) -> dict[str, Any]:
    word = TO_REFERENCE_TYPE[record.type]
    source = record.source_type
    if source is not None and source.scheme == SOURCE_SCHEME:  # [preferred-citation,] word
        from .mapping import FROM_REFERENCE_TYPE

        if FROM_REFERENCE_TYPE.get(source.terms[-1], "other") == record.type:
            word = source.terms[-1]
    cff: dict[str, Any] = {"type": word, "title": _title(record)}
    cff["authors"] = people(record, "author") or [{"name": ANONYMOUS}]
    for role, key in (("editor", "editors"), ("translator", "translators")):
        listed = people(record, role)
        if listed:
            cff[key] = listed
    _shared(record, cff)
    _reference_details(record, cff)
    return cff


def _reference_details(record: Publication, cff: dict[str, Any]) -> None:
    _place_in_host(record, cff)
    if record.publisher:
        cff["publisher"] = {"name": record.publisher}
    _reference_date(record, cff)
    status = TO_STATUS.get(record.status) if record.status else None
    if status:
        cff["status"] = status
    if record.version:
        cff["version"] = record.version
    if record.language and re.fullmatch(r"[a-z]{2,3}", record.language):
        cff["languages"] = [record.language]
    _conference(record, cff)
    if record.thesis is not None and record.type == "thesis":
        _thesis(record.thesis, cff)
    if record.notes:
        cff["notes"] = "\n\n".join(record.notes)


def _place_in_host(record: Publication, cff: dict[str, Any]) -> None:
    """The journal or collection, volume, issue, first and last page, number of pages."""
    container = record.container
    if container is not None and container.title:
        cff["journal" if container.kind == "journal" else "collection-title"] = container.title
    for field in ("volume", "issue"):
        value = getattr(record, field)
        if value:
            cff[field] = value
    if record.pages is not None:
        cff["start"] = record.pages.first
        if record.pages.last:
            cff["end"] = record.pages.last
    if record.page_count:
        cff["pages"] = record.page_count


def _reference_date(record: Publication, cff: dict[str, Any]) -> None:
    """A full date as date-published; else the year and month (CFF has no other partial date)."""
    published = record.dates.published
    if published is not None and 0 <= published.year <= 9999:
        text = published.isoformat()
        if _day(text):
            cff["date-published"] = text
        elif published.day is None:
            cff["year"] = published.year
            if published.month:
                cff["month"] = published.month


def _conference(record: Publication, cff: dict[str, Any]) -> None:
    if record.event is not None:
        cff["conference"] = {"name": record.event.name}
        if record.event.place:
            cff["conference"]["location"] = record.event.place


def _thesis(thesis: Thesis, cff: dict[str, Any]) -> None:
    if thesis.awarding_institutions:
        cff["institution"] = {"name": thesis.awarding_institutions[0]}
    if thesis.qualification:
        cff["thesis-type"] = thesis.qualification
