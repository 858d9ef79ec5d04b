"""The CSL-JSON mapping: one table for the reader, the writer, ``pubmeta formats`` and README.

For every record field the table says which CSL variables carry it and, as a function of the
record, whether CSL carries this record's value *exactly*. The writer puts a field that CSL
does not carry exactly into ``note`` as a ``pubmeta-<field>: <json>`` line, so the round trip
is lossless without reading the item back; the round-trip and stability laws prove the
predicates right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..base import Fidelity, FieldMap

if TYPE_CHECKING:
    from ...model import Publication

NOTE_PREFIX = "pubmeta-"

TO_CSL_TYPE = {
    "article": "article-journal",
    "review-article": "article-journal",
    "letter": "article-journal",
    "editorial": "article-journal",
    "comment": "article-journal",
    "conference-paper": "paper-conference",
    "conference-abstract": "paper-conference",
    "book": "book",
    "book-chapter": "chapter",
    "report": "report",
    "thesis": "thesis",
    "dataset": "dataset",
    "preprint": "article",
    "software": "software",
    "other": "document",
}
FROM_CSL_TYPE = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "paper-conference": "conference-paper",
    "book": "book",
    "classic": "book",
    "collection": "book",
    "chapter": "book-chapter",
    "entry": "book-chapter",
    "entry-dictionary": "book-chapter",
    "entry-encyclopedia": "book-chapter",
    "report": "report",
    "thesis": "thesis",
    "dataset": "dataset",
    "article": "preprint",
    "document": "other",
    "speech": "conference-paper",
    "software": "software",
}
#: CSL name variables, in the order the writer groups contributors.
CSL_ROLES = ("author", "editor", "translator", "contributor")
_ROLE_RANKS = {role: rank for rank, role in enumerate(CSL_ROLES)}
STATUS_WORDS = {
    "published": "published",
    "epub-ahead-of-print": "epub ahead of print",
    "in-press": "in press",
    "accepted": "accepted",
    "submitted": "submitted",
    "unpublished": "unpublished",
}
FROM_STATUS = {v: k for k, v in STATUS_WORDS.items()} | {"forthcoming": "in-press"}
#: Name parts: CSL key -> record key.
NAME_KEYS = {
    "family": "family",
    "given": "given",
    "non-dropping-particle": "particle",
    "dropping-particle": "dropping_particle",
    "suffix": "suffix",
    "literal": "literal",
}
#: One-to-one text variables: record field -> CSL variable.
TEXT_VARIABLES = {
    "abstract": "abstract",
    "volume": "volume",
    "issue": "issue",
    "article_number": "number",
    "publisher": "publisher",
    "publisher_place": "publisher-place",
    "language": "language",
    "version": "version",
}
#: Dated events: record date -> CSL date variable (accepted has none).
DATE_VARIABLES = {
    "published": "issued",
    "early_online": "available-date",
    "submitted": "submitted",
}
BOOK_KINDS = ("book", "proceedings")


def container_kind_read(csl_type: str, has_container_title: bool) -> str:
    """The container kind the reader infers from the item's type."""
    if csl_type == "chapter":
        return "book"
    if csl_type == "paper-conference" and has_container_title:
        return "proceedings"
    return "journal"


# -- which values CSL carries exactly ------------------------------------------------------


def _type(r: Publication) -> bool:
    value = r.type
    return FROM_CSL_TYPE.get(TO_CSL_TYPE[value], "other") == value


def _title(r: Publication) -> bool:
    return r.subtitle is None


def _contributors(r: Publication) -> bool:
    """CSL's name lists give the contributors back: persons with only name parts, in roles CSL
    has, already grouped in CSL's role order."""
    last = 0
    for contributor in r.contributors:
        if contributor.kind != "person":
            return False
        rank = _ROLE_RANKS.get(contributor.role)
        if rank is None:
            return False
        if rank < last:
            return False
        last = rank
        if (
            contributor.orcid
            or contributor.affiliations
            or contributor.email
            or contributor.corresponding is not None
            or (contributor.literal and (contributor.family or contributor.given))
        ):
            return False
    return True


def online_first(r: Publication) -> bool:
    """Only an early-online date: written as ``issued`` too (a reference must show the year
    the source shows), with a note line that keeps the record's dates as they are."""
    return r.dates.published is None and r.dates.early_online is not None


def _dates(r: Publication) -> bool:
    return r.dates.accepted is None and not online_first(r)


def _status(r: Publication) -> bool:
    return r.status is None or r.status != "published"


def isbn_kind(r: Publication) -> str:
    """The container kind the reader will infer for this record (it decides where ISBNs go)."""
    c = r.container
    return container_kind_read(TO_CSL_TYPE[r.type], bool(c and c.title))


def _container(r: Publication) -> bool:
    """The reader rebuilds the container from title, abbreviation, ISSNs (print first), the
    ISBNs of a book kind, and the kind it infers from the item's type."""
    c = r.container
    if c is None:
        return True
    kind = isbn_kind(r)
    has_content = bool(
        c.title or c.abbreviated_title or c.issn_print or (c.isbn_print and kind in BOOK_KINDS)
    )
    return (
        has_content
        and c.kind == kind
        and c.subtitle is None
        and not c.isbn_electronic
        and (not c.isbn_print or kind in BOOK_KINDS)
        and not (c.issn_online and not c.issn_print)
    )


def _identifiers(r: Publication) -> bool:
    ids = r.identifiers
    if ids.scopus_eid or ids.other or len(ids.urls) > 1 or ids.isbn_electronic:
        return False
    return not ids.isbn_print or isbn_kind(r) not in BOOK_KINDS


def _pages(r: Publication) -> bool:
    pages = r.pages
    if pages is None:
        return True
    for text in (pages.first, pages.last or ""):
        if "-" in text or "\u2013" in text or "\u2014" in text:
            return False
    return True


def _keywords(r: Publication) -> bool:
    # loops, not all() over a generator, here and below: they run for every record written
    for keyword in r.keywords:  # noqa: SIM110
        if "," in keyword or ";" in keyword:
            return False
    return True


def _series(r: Publication) -> bool:
    return r.series is None or r.series.issn is None


def _event(r: Publication) -> bool:
    e = r.event
    return e is None or (e.acronym is None and not (e.end and not e.start))


def plain_notes(notes: list[str]) -> bool:
    """Notes travel as plain note lines when none spans lines or looks like a pubmeta line."""
    for note in notes:  # noqa: SIM110
        if "\n" in note or "\r" in note or note.startswith(NOTE_PREFIX):
            return False
    return True


def _notes(r: Publication) -> bool:
    return plain_notes(r.notes)


def never_exact(_r: Publication) -> bool:
    return False


def always_exact(_r: Publication) -> bool:
    return True


@dataclass(frozen=True)
class CslField:
    field: str
    target: str
    exact: Callable[[Publication], bool]
    fidelity: Fidelity = Fidelity.CARRIED
    note: str = ""


FIELDS: tuple[CslField, ...] = (
    CslField("type", "type (the exact type in note when CSL's word is shared)", _type),
    CslField("source_type", "note (genre is read as the source's words)", never_exact),
    CslField("title", "title (a subtitle is joined with ': '; the split in note)", _title),
    CslField("subtitle", "title after ': ' (note)", _title),
    CslField("translated_titles", "note", never_exact),
    CslField("abstract", "abstract", always_exact),
    CslField(
        "contributors",
        "author / editor / translator / contributor with family, given, "
        "non-dropping-particle, dropping-particle, suffix, literal; ORCID, affiliations, "
        "organisations and interleaved roles in note",
        _contributors,
    ),
    CslField("contributors_truncated", "note", never_exact),
    CslField("contributors_omitted", "note", never_exact),
    CslField("language", "language (BCP 47, region kept)", always_exact),
    CslField("status", "status when not published (styles print it), else note", _status),
    CslField(
        "dates",
        "issued, available-date (early online), submitted; accepted in note; an early-online "
        "date alone is issued too (a reference shows its year), the dates exact in note; years "
        "before the common era as negative date-parts (-44 is 44 BC)",
        _dates,
    ),
    CslField(
        "container",
        "container-title, container-title-short, ISSN, ISBN; the rest in note",
        _container,
    ),
    CslField("series", "collection-title, collection-number", _series),
    CslField("event", "event-title, event-place, event-date", _event),
    CslField("volume", "volume", always_exact),
    CslField("issue", "issue", always_exact),
    CslField("pages", "page", _pages),
    CslField("article_number", "number", always_exact),
    CslField("page_count", "number-of-pages", always_exact),
    CslField("version", "version", always_exact),
    CslField("publisher", "publisher", always_exact),
    CslField("publisher_place", "publisher-place", always_exact),
    CslField("identifiers", "DOI, PMID, PMCID, ISBN, URL; others in note", _identifiers),
    CslField("keywords", "keyword (comma-separated; note when a keyword holds a comma)", _keywords),
    CslField("subjects", "note (categories read as subjects)", never_exact),
    CslField("peer_reviewed", "note", never_exact),
    CslField("externally_published", "note", never_exact),
    CslField("citations", "note", never_exact),
    CslField("downloads", "note", never_exact),
    CslField("license", "note", never_exact),
    CslField("access_rights", "note", never_exact),
    CslField("funding", "note", never_exact),
    CslField("related", "note", never_exact),
    CslField("thesis", "note", never_exact),
    CslField("notes", "note (plain lines; as JSON when a note spans lines)", _notes),
    CslField("provenance", "note", never_exact),
)

MAPPING = tuple(FieldMap(f.field, f.target, f.fidelity, f.note) for f in FIELDS)
