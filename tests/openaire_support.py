"""What an oai_openaire resource gives back of a record: the lossy fields' rules, written from
the Guidelines and the v4 schema (the lists of relation and identifier types are read from the
schema itself), not from the writer."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from conftest import SHARED

from pubmeta import Publication

_V4 = SHARED / "standards" / "openaire4" / "schemas" / "4.0"


@cache
def _enumeration(name: str) -> frozenset[str]:
    text = (_V4 / name).read_text("utf-8")
    return frozenset(re.findall(r'<xs:enumeration value="([^"]+)"', text))


def _words(relation_type: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", relation_type).lower()


def _role(role: str) -> str:
    # DataCite 4.1 (v4's contributor types) has Editor, Supervisor, Sponsor; no Translator
    return role if role in ("author", "editor", "supervisor", "commissioner") else "contributor"


def _affiliation(affiliation: Any) -> Any:
    if isinstance(affiliation, str):
        return affiliation
    if affiliation.ror is None:
        return affiliation.name
    return {"name": affiliation.name, "ror": affiliation.ror}


def _contributor(c: Any) -> dict[str, Any]:
    role = _role(c.role.value)
    if c.kind == "organisation":
        return {"kind": "organisation", "name": c.name, "role": role}
    # the particles stand in the family name's place (familyName and creatorName's first
    # part), so a person with particles and no family name reads back with them as one
    surname = " ".join(p for p in (c.dropping_particle, c.particle, c.family) if p)
    if surname:
        family, given, literal = surname, c.given, None
    else:
        family, given = None, c.given
        literal = c.literal if c.literal != c.given else None
    return {
        "kind": "person", "family": family, "given": given, "particle": None,
        "dropping_particle": None, "suffix": None, "literal": literal, "role": role,
        "orcid": c.orcid, "affiliations": [_affiliation(a) for a in c.affiliations],
        "corresponding": None, "email": None,
    }  # fmt: skip


def contributors(record: Publication) -> list[dict[str, Any]]:
    authors = [c for c in record.contributors if c.role.value == "author"]
    others = [c for c in record.contributors if c.role.value != "author"]
    return [_contributor(c) for c in [*authors, *others]]


def status(record: Publication) -> str | None:
    if record.status is None:
        return None
    # COAR has one "version of record": an early online one is that version too
    return "published" if record.status.value == "epub-ahead-of-print" else record.status.value


def access_rights(record: Publication) -> str | None:
    if record.access_rights is None:
        return None
    # v4's access rights have no "closed access": metadata only is the nearest
    return "metadata-only" if record.access_rights.value == "closed" else record.access_rights.value


def container(record: Publication) -> dict[str, Any] | None:
    holder = record.container
    if holder is None:
        return None
    isbns = list(dict.fromkeys([*holder.isbn_print, *holder.isbn_electronic]))
    if not (holder.title or holder.issn_print or holder.issn_online or isbns):
        return None
    kind = "journal"
    if record.type.value == "book-chapter":
        kind = "book"
    elif record.type.value in ("conference-paper", "conference-abstract"):
        kind = "proceedings"
    return {
        "kind": kind, "title": holder.title, "subtitle": None, "abbreviated_title": None,
        "issn_print": holder.issn_print, "issn_online": holder.issn_online,
        "isbn_print": isbns, "isbn_electronic": [],
    }  # fmt: skip


def funding(record: Publication) -> list[dict[str, Any]]:
    kept = []
    for grant in record.funding:
        funder_id = grant.funder_id
        # v4's funderIdentifierType: ISNI, GRID, Crossref Funder ID, ROR
        if funder_id is not None and "ror.org/" not in funder_id and "10.13039/" not in funder_id:
            funder_id = None
        kept.append({"funder": grant.funder, "funder_id": funder_id, "award_id": grant.award_id})
    return kept


def related(record: Publication) -> list[dict[str, Any]]:
    relations = {_words(r) for r in _enumeration("datacite-relationType-v4.xsd")}
    schemes = {s.lower() for s in _enumeration("datacite-relatedIdentifierType-v4.xsd")}
    kept = []
    for entry in record.related:
        relation, scheme = entry.relation.value, entry.scheme.value
        if relation not in relations or scheme not in schemes:
            continue
        if relation == "is-part-of" and scheme in ("issn", "eissn", "isbn"):
            continue  # the host's identifier, read into the container
        kept.append(entry.model_dump(mode="json"))
    return kept


PROJECTION = {
    "contributors": contributors,
    "status": status,
    "access_rights": access_rights,
    "container": container,
    "funding": funding,
    "related": related,
}
