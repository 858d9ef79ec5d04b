"""The deposit formats (Crossref, DataCite) in the laws: the options a deposit needs, records
made ready for deposit, and what each format gives back of a record (its projection), spelt
from the mapping data's rules."""

from __future__ import annotations

import json
import re
from typing import Any

from pubmeta import Publication
from pubmeta.dates import PartialDate
from pubmeta.names import family_with_particles, split_particle

DEPOSIT_OPTIONS: dict[str, dict[str, str]] = {
    "crossref": {
        "depositor": "Law Press",
        "email": "doi@law.example",
        "registrant": "Law Press",
        "batch_id": "laws-0001",
        "timestamp": "20261201000000",
    },
    "datacite": {},
}
_XSD_SPACE = re.compile(r"[\x20\t\n\r]+")
_RESOURCE = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
_CROSSREF_STRUCTURE = {
    "article": "journal", "review-article": "journal", "letter": "journal",
    "editorial": "journal", "comment": "journal", "conference-paper": "conference",
    "conference-abstract": "conference", "book-chapter": "chapter", "book": "book",
    "thesis": "dissertation", "report": "report", "dataset": "database",
    "preprint": "posted", "software": "posted", "other": "posted",
}  # fmt: skip
_CROSSREF_READ_TYPE = {
    "journal": "article", "conference": "conference-paper", "chapter": "book-chapter",
    "book": "book", "dissertation": "thesis", "report": "report", "database": "dataset",
}  # fmt: skip


CROSSREF_FIELDS = frozenset(
    [
        "type",
        "title",
        "subtitle",
        "abstract",
        "contributors",
        "language",
        "dates",
        "container",
        "event",
        "volume",
        "issue",
        "pages",
        "article_number",
        "publisher",
        "publisher_place",
        "identifiers",
        "license",
        "access_rights",
        "funding",
        "thesis",
        "related",
    ]
)


def _distinct(affiliations: list[Any]) -> list[Any]:
    """Each affiliation once (the deposit formats write each once), in the model's JSON form."""
    seen: dict[str, Any] = {}
    for value in affiliations:
        dumped = value if isinstance(value, str) else value.model_dump(mode="json")
        seen.setdefault(json.dumps(dumped), dumped)
    return list(seen.values())


def _crossref_related(record: Publication) -> list[dict[str, str]]:
    """Relations Crossref has words for, with kinds it has types for (an e-ISSN is an ISSN)."""
    from pubmeta.formats.crossref.mapping import RELATED_SCHEMES, RELATIONS

    back = {"uri": "url"}
    return [
        {"relation": r.relation.value,
         "scheme": back.get(RELATED_SCHEMES[r.scheme.value], RELATED_SCHEMES[r.scheme.value]),
         "value": r.value}
        for r in record.related
        if r.relation.value in RELATIONS and r.scheme.value in RELATED_SCHEMES
    ]  # fmt: skip


def _datacite_related(record: Publication) -> list[dict[str, str]]:
    """All but an is-published-in ISSN or ISBN (the host's, given in the container)."""
    return [
        r.model_dump(mode="json")
        for r in record.related
        if not (r.relation.value == "is-published-in"
                and r.scheme.value in ("issn", "eissn", "lissn", "isbn"))
    ]  # fmt: skip


def options(fmt: str) -> dict[str, str]:
    return DEPOSIT_OPTIONS.get(fmt, {})


def _in_range(date: PartialDate | None) -> PartialDate | None:
    if date is None or 1400 <= date.year <= 2200:
        return date
    return PartialDate(2000)


def ready_for_deposit(fmt: str, record: Publication) -> Publication:
    """The record with what a deposit cannot go without filled in (a DOI, a title, a year in
    the registry's range, a journal, a publisher, an institution): the laws then test the
    writer on every other shape of the record."""
    if fmt not in DEPOSIT_OPTIONS:
        return record
    data = record.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("identifiers", {}).setdefault("doi", "10.5555/law.1")
    data.setdefault("title", "Untitled")
    dates = {
        k: _in_range(getattr(record.dates, k))
        for k in ("submitted", "accepted", "early_online", "published")
    }
    if dates["published"] is None and dates["early_online"] is None:
        dates["published"] = PartialDate(2020)
    data["dates"] = {k: v.isoformat() for k, v in dates.items() if v is not None}
    if record.event is not None:
        data["event"]["start"] = _iso(_in_range(record.event.start))
        data["event"]["end"] = _iso(_in_range(record.event.end))
        data["event"] = {k: v for k, v in data["event"].items() if v is not None}
        if len(record.event.name) < 3:
            data["event"]["name"] = record.event.name + " Meeting"
    if fmt != "crossref":
        return Publication.model_validate(data)
    structure = _CROSSREF_STRUCTURE[record.type.value]
    if structure in ("journal", "conference", "chapter"):
        container = data.setdefault("container", {})
        container.setdefault("title", "Host Title")
        if structure == "conference" and len(container["title"]) < 3 and record.event is None:
            container["title"] += " Proceedings"
    if structure in ("chapter", "book", "conference"):
        data.setdefault("publisher", "Law Press")
    if structure == "dissertation":
        if not any(c.role.value == "author" and c.kind == "person" for c in record.contributors):
            data.setdefault("contributors", []).append({"family": "Author"})
        institutions = record.thesis.awarding_institutions if record.thesis else []
        if not institutions and not record.publisher:
            data.setdefault("thesis", {})["awarding_institutions"] = ["Law University"]
    return Publication.model_validate(data)


def _iso(date: PartialDate | None) -> str | None:
    return date.isoformat() if date else None


def _collapse(text: str) -> str:
    return _XSD_SPACE.sub(" ", text).strip(" ")


def _crossref_person(c: Any) -> dict[str, Any]:
    role = c.role.value
    if c.kind == "organisation":
        return {"kind": "organisation", "name": _collapse(c.name), "role": role}
    surname = family_with_particles(c) or c.literal or c.given
    given = c.given if c.given and (c.family or c.literal) else None
    particle, family = split_particle(_collapse(surname))
    return {
        "kind": "person", "family": family, "given": _collapse(given) if given else None,
        "particle": particle, "dropping_particle": None, "suffix": c.suffix, "literal": None,
        "role": role, "orcid": c.orcid, "affiliations": _distinct(c.affiliations),
        "corresponding": None, "email": None,
    }  # fmt: skip


def _isbns(holder: Any) -> dict[str, list[str]]:
    pairs = [(i, "isbn_print") for i in holder.isbn_print]
    pairs += [(i, "isbn_electronic") for i in holder.isbn_electronic]
    kept: dict[str, list[str]] = {"isbn_print": [], "isbn_electronic": []}
    for value, key in pairs[:6]:
        kept[key].append(value)
    return kept


def crossref_projection(record: Publication) -> dict[str, Any]:
    """What a Crossref deposit gives back of a deposit-ready record (see crossref/mapping.py)."""
    structure = _CROSSREF_STRUCTURE[record.type.value]
    if structure == "posted":
        read_type = "preprint" if record.type.value == "preprint" else "other"
    else:
        read_type = _CROSSREF_READ_TYPE[structure]
    dates = record.dates
    published, online = dates.published, dates.early_online
    if structure in ("dissertation", "posted", "database") or published is None or online is None:
        published, online = published or online, None  # one date reads as the publication
    accepted = dates.accepted if structure in ("journal", "chapter", "book", "conference",
                                               "posted") else None  # fmt: skip
    container = None
    holder = record.container
    if structure == "journal" and holder is not None:
        container = {"kind": "journal", "title": holder.title, "subtitle": None,
                     "abbreviated_title": holder.abbreviated_title,
                     "issn_print": holder.issn_print, "issn_online": holder.issn_online,
                     "isbn_print": [], "isbn_electronic": []}  # fmt: skip
    elif structure in ("chapter", "conference") and holder is not None:
        container = {"kind": "book" if structure == "chapter" else "proceedings",
                     "title": holder.title,
                     "subtitle": holder.subtitle if structure == "chapter" else None,
                     "abbreviated_title": None, "issn_print": None, "issn_online": None,
                     **_isbns(holder)}  # fmt: skip
    elif (
        structure == "database"
        and holder is not None
        and holder.title
        and (holder.title, holder.subtitle) != (record.title, record.subtitle)
    ):
        container = {"kind": "other", "title": holder.title, "subtitle": holder.subtitle,
                         "abbreviated_title": None, "issn_print": None, "issn_online": None,
                         "isbn_print": [], "isbn_electronic": []}  # fmt: skip
    event = None
    if structure == "conference":
        assert holder is not None and holder.title
        source = record.event
        event = {
            "name": source.name if source else holder.title,
            "acronym": source.acronym if source else None,
            "place": source.place if source else None,
            "start": _iso(source.start) if source else None,
            "end": _iso(source.end) if source else None,
        }
    ids = record.identifiers
    urls = [u for u in ids.urls if _RESOURCE.match(u)][:1]
    own_isbns = (
        _isbns(ids)
        if structure in ("book", "report", "dissertation")
        else {"isbn_print": [], "isbn_electronic": []}
    )
    licence = record.license.url if record.license else None
    thesis = None
    if structure == "dissertation":
        institutions = list(record.thesis.awarding_institutions) if record.thesis else []
        thesis = {
            "qualification": record.thesis.qualification if record.thesis else None,
            "awarding_institutions": (institutions or [record.publisher or ""])[:6],
        }
    language = record.language
    from pubmeta.formats.crossref.mapping import LANGUAGES

    return {
        "type": read_type,
        "title": record.title,
        "subtitle": record.subtitle,
        "abstract": record.abstract,
        "contributors": [
            _crossref_person(c)
            for c in record.contributors
            if c.role.value in ("author", "editor", "translator")
        ],
        "language": language if language and language.lower() in LANGUAGES else None,
        "dates": {
            "submitted": None,
            "accepted": _iso(accepted),
            "early_online": _iso(online),
            "published": _iso(published),
        },
        "container": container,
        "event": event,
        "volume": record.volume if structure == "journal" else None,
        "issue": record.issue if structure == "journal" else None,
        "pages": (
            record.pages.model_dump(mode="json")
            if record.pages and structure in ("journal", "chapter", "conference")
            else None
        ),
        "article_number": record.article_number,
        "publisher": record.publisher
        if structure in ("chapter", "book", "conference", "report", "database")
        else None,
        "publisher_place": record.publisher_place
        if record.publisher and structure in ("chapter", "book", "conference", "report", "database")
        else None,
        "identifiers": {
            "doi": ids.doi,
            "pmid": None,
            "pmcid": None,
            **own_isbns,
            "scopus_eid": None,
            "urls": urls,
            "other": [],
        },
        "license": {"url": licence, "text": None}
        if licence and _RESOURCE.match(licence) and len(licence) >= 10
        else None,
        "access_rights": "open"
        if record.access_rights is not None and record.access_rights.value == "open"
        else None,
        "funding": [f.model_dump(mode="json") for f in record.funding],
        "related": _crossref_related(record),
        "thesis": thesis,
    }


DATACITE_FIELDS = frozenset(
    [
        "type",
        "source_type",
        "title",
        "subtitle",
        "translated_titles",
        "abstract",
        "contributors",
        "language",
        "dates",
        "container",
        "volume",
        "issue",
        "pages",
        "article_number",
        "page_count",
        "publisher",
        "identifiers",
        "keywords",
        "subjects",
        "license",
        "access_rights",
        "funding",
        "version",
        "related",
    ]
)
_DATACITE_UNKNOWN = {"(:unav)", "(:unac)", "(:unal)", "(:unap)", "(:unas)", "(:unkn)",
                     "(:none)", "(:null)", "(:tba)", "(:etal)"}  # fmt: skip


def _known(value: str | None) -> str | None:
    return None if value is None or value.lower() in _DATACITE_UNKNOWN else value


def _datacite_person(c: Any) -> dict[str, Any] | None:
    """What DataCite gives back of one contributor; None when the whole name it holds is one of
    DataCite's standard values for unknown information ('(:etal)', '(:unav)'...): read back, as
    DataCite defines them, as no name, so no contributor (a family name is held apart)."""
    role = c.role.value
    if c.kind == "organisation":
        return {"kind": "organisation", "name": c.name, "role": role} if _known(c.name) else None
    if c.family is None and _known(c.literal or c.given) is None:
        return None
    base = {"kind": "person", "family": None, "given": None, "particle": None,
            "dropping_particle": None, "suffix": None, "literal": None, "role": role,
            "orcid": c.orcid, "affiliations": _distinct(c.affiliations),
            "corresponding": None, "email": None}  # fmt: skip
    family = family_with_particles(c) or None
    if family:
        particle, rest = split_particle(family)
        from pubmeta.names import SUFFIXES

        # DataCite has no suffix property: a known suffix after the name's last comma reads back
        suffix = c.suffix if c.suffix in SUFFIXES and c.suffix != c.given else None
        return {**base, "family": rest, "particle": particle, "given": c.given,
                "suffix": suffix}  # fmt: skip
    # no family name: the name DataCite holds (nameType Personal) is read back in its 'Family,
    # Given' form, or split by the whole-name rules, or as printed where a split is a guess
    from pubmeta.formats.datacite.read import person_from_display

    parsed = person_from_display(c.literal or c.given, personal=True)
    return {**base, **parsed}


def datacite_projection(record: Publication) -> dict[str, Any]:
    """What a DataCite resource gives back of a record (see datacite/mapping.py)."""
    from pubmeta.formats.datacite.mapping import CONTAINER_TYPE, FROM_CONTAINER_TYPE, TO_GENERAL
    from pubmeta.formats.datacite.write import general_type

    general = general_type(record)
    source = record.source_type
    specific = source.terms[-1] if source is not None and source.scheme == "DataCite" else (
        record.type.value)  # fmt: skip
    if specific in TO_GENERAL and TO_GENERAL[specific] == general:
        read_type, source_type = specific, None
    else:
        from pubmeta.formats.datacite.mapping import FROM_GENERAL

        read_type = FROM_GENERAL.get(general, "other")
        terms = [general] + ([specific] if specific != general else [])
        source_type = {"scheme": "DataCite", "terms": terms}
    dates = record.dates
    # the publicationYear reads back as a year-only publication date
    published = dates.published or (
        PartialDate(dates.early_online.year) if dates.early_online else None
    )
    container = None
    holder = record.container
    if holder is not None:
        isbns = list(dict.fromkeys([*holder.isbn_print, *holder.isbn_electronic]))
        fields = {"title": holder.title, "subtitle": holder.subtitle,
                  "abbreviated_title": holder.abbreviated_title,
                  "issn_print": holder.issn_print, "issn_online": holder.issn_online}  # fmt: skip
        if any(fields.values()) or isbns:
            # the host's kind travels in its relatedItem, written for its titles or its place
            place = record.volume or record.issue or record.pages or record.article_number
            titled = holder.title or holder.subtitle or holder.abbreviated_title
            kind = "journal"  # the model's default kind, when no relatedItem says another
            if titled:
                kind = FROM_CONTAINER_TYPE[CONTAINER_TYPE[holder.kind]]
            elif place:
                kind = "other"
            container = {"kind": kind, **fields, "isbn_print": isbns, "isbn_electronic": []}
    licence = record.license
    access = record.access_rights.value if record.access_rights is not None else None
    authors = [c for c in record.contributors if c.role.value == "author"]
    others = [c for c in record.contributors if c.role.value != "author"]
    ids = record.identifiers
    return {
        "type": read_type,
        "source_type": source_type,
        "title": _known(record.title),
        "subtitle": record.subtitle,
        "translated_titles": [
            {
                "language": t.language,
                "subtitle": None,
                "title": t.title + (f": {t.subtitle}" if t.subtitle else ""),
            }
            for t in record.translated_titles
        ],
        "abstract": record.abstract,
        "contributors": [
            person for c in [*authors, *others] if (person := _datacite_person(c)) is not None
        ],
        "language": record.language,
        "dates": {
            "submitted": _iso(dates.submitted),
            "accepted": _iso(dates.accepted),
            "early_online": _iso(dates.early_online),
            "published": _iso(published),
        },
        "container": container,
        "volume": record.volume,
        "issue": record.issue,
        "pages": record.pages.model_dump(mode="json") if record.pages else None,
        "article_number": record.article_number,
        "page_count": record.page_count,
        "publisher": _known(record.publisher),
        "identifiers": {
            "doi": ids.doi,
            "pmid": ids.pmid,
            "pmcid": ids.pmcid,
            "isbn_print": list(ids.isbn_print),
            "isbn_electronic": list(ids.isbn_electronic),
            "scopus_eid": ids.scopus_eid,
            "urls": list(ids.urls),
            "other": [o.model_dump(mode="json") for o in ids.other],
        },
        "keywords": list(record.keywords),
        "subjects": [s.model_dump(mode="json") for s in record.subjects],
        "license": licence.model_dump(mode="json") if licence else None,
        "access_rights": access
        if access in ("open", "embargoed", "restricted", "closed")
        else None,
        "funding": [f.model_dump(mode="json") for f in record.funding],
        "related": _datacite_related(record),
        "version": record.version,
    }
