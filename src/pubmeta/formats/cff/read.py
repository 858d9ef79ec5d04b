"""Reading CITATION.cff (cff-version 1.0.3, 1.1.0, 1.2.0): the software record, then the
preferred citation (see :mod:`.mapping` for the choice), with every problem of the file found
against the official schema and the semantic rules, each at its line and column."""

from __future__ import annotations

import json
import re
from typing import Any

from ... import identifiers as ids
from ..base import Reading
from .mapping import (
    ANONYMOUS,
    DEFAULT_MESSAGE,
    FROM_REFERENCE_TYPE,
    FROM_STATUS,
    PREFERRED,
    REFERENCE_NOTE,
    SOURCE_SCHEME,
)
from .rules import file_issues
from .yaml12 import load

_TOP_VERSION = re.compile(r"^version:[ \t]*(['\"]?)([^'\"#\r\n]*?)\1[ \t]*(?:#.*)?$", re.MULTILINE)
_NAME_PARTS = (
    ("family", "family-names"),
    ("given", "given-names"),
    ("particle", "name-particle"),
    ("suffix", "name-suffix"),
)


def read(text: str, suffix: str = "") -> list[Reading]:
    document, root = load(text)
    issues = file_issues(document, root)
    if not isinstance(document, dict):
        return [Reading(document=None, strict=False, issues=issues)]
    top = software(document, text)
    readings = [Reading(document=top, strict=False, issues=issues)]
    cited = document.get("preferred-citation")
    if isinstance(cited, dict):
        record = reference(cited)
        terms = [PREFERRED, *record.get("source_type", {}).get("terms", [])]
        record["source_type"] = {"scheme": SOURCE_SCHEME, "terms": terms}  # the mark: .mapping
        if "message" in top:
            record["message"] = top["message"]  # the file's request, of the work it cites too
        if record.get("title") is not None or record.get("contributors"):
            readings.append(Reading(document=record, strict=False))
    return readings


# -- the top level -----------------------------------------------------------------------------


def software(cff: dict[str, Any], text: str) -> dict[str, Any]:
    kind = cff.get("type")
    record: dict[str, Any] = {"type": kind if kind in ("software", "dataset") else "software"}
    _common(cff, record)
    version = cff.get("version")
    if version is not None and not isinstance(version, str):
        written = _TOP_VERSION.search(text)  # a number as written: 1.10 is not 1.1
        version = written.group(2).strip() if written else str(version)
    if version is not None:
        record["version"] = version
    released = _date(cff.get("date-released"))
    if released:
        record["dates"] = {"published": released}
    message = cff.get("message")
    if isinstance(message, str) and message.strip() and message != DEFAULT_MESSAGE:
        record["message"] = message
    _references(cff.get("references"), record)
    return _without_empty_notes(record)


def _references(entries: Any, record: dict[str, Any]) -> None:
    """Each reference with a DOI as a ``references`` relation, and every reference whole in the
    notes (the model holds another work only by identifier: see :mod:`.mapping`)."""
    if not isinstance(entries, list):
        return
    related = [
        {"relation": "references", "scheme": "doi", "value": r["doi"]}
        for r in entries
        if isinstance(r, dict) and isinstance(r.get("doi"), str) and ids.is_valid_doi(r["doi"])
    ]
    if related:
        record["related"] = related
    for entry in entries:
        if entry is not None:
            record["notes"].append(reference_note(entry))


def reference_note(entry: Any) -> str:
    """A reference of the file kept whole as a note: ``reference (CFF): `` and its JSON."""
    return REFERENCE_NOTE + json.dumps(entry, ensure_ascii=False, default=str)


def _common(cff: dict[str, Any], record: dict[str, Any]) -> None:
    """What the top level and a reference share."""
    if cff.get("title") is not None:
        record["title"] = _text(cff["title"])
    notes: list[str] = record.setdefault("notes", [])
    contributors = [
        *_people(cff.get("authors"), "author", notes),
        *_people(cff.get("editors"), "editor", notes),
        *_people(cff.get("translators"), "translator", notes),
    ]
    if contributors:
        record["contributors"] = contributors
    if cff.get("abstract") is not None:
        record["abstract"] = _text(cff["abstract"])
    keywords = cff.get("keywords")
    if isinstance(keywords, list):
        record["keywords"] = [_text(k) for k in keywords if k is not None]
    for key, field in (("repository-code", "repository_code"),
                       ("repository-artifact", "repository_artifact")):  # fmt: skip
        if isinstance(cff.get(key), str):
            record[field] = cff[key]
    identifiers = _identifiers(cff, notes)
    if identifiers:
        record["identifiers"] = identifiers
    licence = _licence(cff)
    if licence:
        record["license"] = licence


def _text(value: Any) -> Any:
    return value if isinstance(value, str) else (str(value) if value is not None else None)


def _date(value: Any) -> str | None:
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


def _people(entries: Any, role: str, notes: list[str]) -> list[dict[str, Any]]:
    if not isinstance(entries, list):
        return []
    found = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        person = _person(entry, role, notes)
        if person is not None:
            found.append(person)
    return found


def _person(entry: dict[str, Any], role: str, notes: list[str]) -> dict[str, Any] | None:
    parts = {k: _text(entry.get(c)) for k, c in _NAME_PARTS}
    parts = {k: v for k, v in parts.items() if isinstance(v, str) and v.strip()}
    if not parts.get("family") and not parts.get("given"):
        name = _text(entry.get("name")) or _text(entry.get("alias"))
        if not name or not name.strip() or name.strip().lower() == ANONYMOUS:
            return None
        return {"kind": "organisation", "name": name, "role": role}
    person: dict[str, Any] = {"kind": "person", **parts, "role": role}
    orcid = entry.get("orcid")
    if isinstance(orcid, str) and orcid.strip():
        if _orcid_ok(orcid):
            person["orcid"] = orcid.strip()
        else:  # reported at its place by the file's check; kept, not carried
            notes.append(f"orcid of {parts.get('family') or parts.get('given')}: {orcid}")
    affiliation = _text(entry.get("affiliation"))
    if affiliation and affiliation.strip():
        person["affiliations"] = [affiliation]
    email = _text(entry.get("email"))
    if email and email.strip():
        person["email"] = email
    return person


def _orcid_ok(value: str) -> bool:
    value = value.strip()
    return re.fullmatch(ids.ORCID_PATTERN, value) is not None and ids.is_valid_orcid(
        ids.normalise_orcid(value)
    )


def _identifiers(cff: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    doi = cff.get("doi") if isinstance(cff.get("doi"), str) else None
    if doi is not None and not ids.is_valid_doi(doi):
        notes.append(f"doi: {doi}")  # reported at its place by the file's check
        doi = None
    urls = [cff["url"]] if isinstance(cff.get("url"), str) else []
    other: list[dict[str, str]] = []
    for entry in cff.get("identifiers") or ():
        if not isinstance(entry, dict) or entry.get("value") is None:
            continue
        kind, value = entry.get("type"), _text(entry.get("value"))
        described = _text(entry.get("description"))
        if kind == "doi" and doi is None and value and ids.is_valid_doi(value):
            doi = value
        elif kind == "url" or (kind == "other" and described == "url"):
            urls.append(value)
        elif kind == "swh":
            other.append({"scheme": "swh", "value": value})
        else:
            other.append({"scheme": kind if kind == "doi" else (described or "other"),
                          "value": value})  # fmt: skip
    if isinstance(cff.get("repository"), str):
        urls.append(cff["repository"])
    if isinstance(cff.get("commit"), str):
        other.append({"scheme": "commit", "value": cff["commit"]})
    found: dict[str, Any] = {}
    if doi:
        found["doi"] = doi
    if urls:
        found["urls"] = list(dict.fromkeys(urls))
    if other:
        found["other"] = other
    for key, field in (("isbn", "isbn_print"),):
        if cff.get(key) is not None:
            found[field] = [_text(cff[key])]
    if cff.get("pmcid") is not None:
        found["pmcid"] = _text(cff["pmcid"])
    return found


def _licence(cff: dict[str, Any]) -> dict[str, Any]:
    licence: dict[str, Any] = {}
    ids = cff.get("license")
    if isinstance(ids, str) and ids.strip():
        licence["text"] = ids
    elif isinstance(ids, list) and all(isinstance(i, str) for i in ids) and ids:
        licence["text"] = " OR ".join(ids)
    if isinstance(cff.get("license-url"), str):
        licence["url"] = cff["license-url"]
    return licence


# -- a reference (preferred-citation) ----------------------------------------------------------


def reference(cff: dict[str, Any]) -> dict[str, Any]:
    word = cff.get("type")
    record: dict[str, Any] = {"type": FROM_REFERENCE_TYPE.get(str(word), "other")}
    if isinstance(word, str) and word.strip():
        record["source_type"] = {"scheme": SOURCE_SCHEME, "terms": [word]}
    _common(cff, record)
    _placement(cff, record)
    date = _date(cff.get("date-published")) or _year_month(cff.get("year"), cff.get("month"))
    if date:
        record["dates"] = {"published": date}
    for key, field in (("volume", "volume"), ("issue", "issue"), ("version", "version")):
        if cff.get(key) is not None:
            record[field] = _text(cff[key])
    status = FROM_STATUS.get(str(cff.get("status")))
    if status:
        record["status"] = status
    languages = cff.get("languages")
    if isinstance(languages, list) and languages and isinstance(languages[0], str):
        record["language"] = languages[0]
    notes = cff.get("notes")
    if isinstance(notes, str) and notes.strip():
        record["notes"].insert(0, notes)
    return _without_empty_notes(record)


def _without_empty_notes(record: dict[str, Any]) -> dict[str, Any]:
    if not record.get("notes"):
        record.pop("notes", None)
    return record


def _placement(cff: dict[str, Any], record: dict[str, Any]) -> None:
    """Container, pages, publisher, event and thesis facts of a reference."""
    host = cff.get("journal") or cff.get("collection-title")
    if host is not None:
        kind = "journal" if cff.get("journal") is not None else (
            "proceedings" if record["type"] == "conference-paper" else "book")  # fmt: skip
        record["container"] = {"kind": kind, "title": _text(host)}
        issn = _text(cff.get("issn"))
        if issn and re.fullmatch(ids.ISSN_PATTERN, issn) and ids.is_valid_issn(issn):
            record["container"]["issn_print"] = issn
        elif issn:
            record["notes"].append(f"issn: {issn}")  # reported at its place by the check
    start, end = cff.get("start"), cff.get("end")
    if start is not None:
        record["pages"] = {"first": _text(start), **({"last": _text(end)} if end else {})}
    pages = cff.get("pages")
    if isinstance(pages, int) and not isinstance(pages, bool) and pages > 0:
        record["page_count"] = pages
    publisher = cff.get("publisher")
    if isinstance(publisher, dict) and publisher.get("name") is not None:
        record["publisher"] = _text(publisher["name"])
    conference = cff.get("conference")
    if isinstance(conference, dict) and conference.get("name") is not None:
        event: dict[str, Any] = {"name": _text(conference["name"])}
        if conference.get("location") is not None:
            event["place"] = _text(conference["location"])
        for key, field in (("date-start", "start"), ("date-end", "end")):
            day = _date(conference.get(key))
            if day:
                event[field] = day
        record["event"] = event
    institution = cff.get("institution")
    if record["type"] == "thesis" and (institution or cff.get("thesis-type")):
        thesis: dict[str, Any] = {}
        if isinstance(institution, dict) and institution.get("name") is not None:
            thesis["awarding_institutions"] = [_text(institution["name"])]
        if cff.get("thesis-type") is not None:
            thesis["qualification"] = _text(cff["thesis-type"])
        record["thesis"] = thesis
    elif isinstance(institution, dict) and institution.get("name") and "publisher" not in record:
        record["publisher"] = _text(institution["name"])


def _year_month(year: Any, month: Any) -> str | None:
    try:
        y = int(year)
    except (TypeError, ValueError):
        return None
    if not 0 <= y <= 9999:
        return None
    try:
        m = int(month) if month is not None else None
    except (TypeError, ValueError):
        m = None
    return f"{y:04d}-{m:02d}" if m is not None and 1 <= m <= 12 else f"{y:04d}"
