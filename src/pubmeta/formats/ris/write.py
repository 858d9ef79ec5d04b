"""Writing spec-conform RIS: every line ``XX  - value``, CRLF line ends, ``TY`` first and
``ER  - `` last in each record, no counter lines, one line per author, keyword and identifier;
paragraphs of an abstract on continuation lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...names import family_with_particles
from ...text import full_title
from .mapping import (
    RUN_OF_SPACES,
    SP_RANGE,
    SP_RANGE_DASH,
    TO_TYPE,
    reads_as_organisation,
    tight_comma,
)

if TYPE_CHECKING:
    from ...model import Publication

CRLF = "\r\n"

_ROLE_TAGS = (("author", "AU"), ("editor", "A2"), ("translator", "A4"))


def write(records: Sequence[Publication]) -> str:
    return "".join(write_part(r) for r in records)


def _stable_name(contributor: Any) -> str:
    """The name as written, in the form that rewrites itself: written, read back as a reader
    of RIS reads it, and written again (a name RIS cannot hold exactly settles in one step)."""
    from .read import name_of

    return _name(_Parts(name_of(_name(contributor), "author")))


class _Parts:
    """A contributor as the reader gives it back (kind, name or name parts)."""

    def __init__(self, parts: dict[str, Any]) -> None:
        self.kind = parts.get("kind", "person")
        self.name = parts.get("name")
        self.family = parts.get("family")
        self.given = parts.get("given")
        self.particle = parts.get("particle")
        self.dropping_particle = None
        self.suffix = parts.get("suffix")
        self.literal = parts.get("literal")


def _name(contributor: Any) -> str:
    if contributor.kind == "organisation" or not (contributor.family or contributor.given):
        name = str(contributor.name if contributor.kind == "organisation" else contributor.literal)
        # RIS cannot mark an organisation: one that would read as a person in natural order
        # is written as a family name alone, which reads back (and rewrites) the same
        # (and so is one whose comma the reader would take for a tight 'Family,Given' one)
        whole = (reads_as_organisation(name) or ", " in name) and tight_comma(name) is None
        return name if whole else f"{name},"
    family = family_with_particles(contributor)
    if not (contributor.given or contributor.suffix):
        return f"{family},"  # the comma says: a person's family name, not an organisation
    parts = [family, contributor.given or ""]
    if contributor.suffix:
        parts.append(contributor.suffix)
    return ", ".join(parts)


def write_part(record: Publication) -> str:
    lines: list[tuple[str, str]] = [("TY", TO_TYPE[record.type])]
    add = lines.append
    for role, tag in _ROLE_TAGS:
        for contributor in record.contributors:
            if contributor.role == role:
                add((tag, _stable_name(contributor)))
    if record.title:
        add(("TI", full_title(record.title, record.subtitle)))
    container = record.container
    series_in_t2 = False
    if container and container.title:
        host = full_title(container.title, container.subtitle)
        add(("T2", host))
    elif record.series and record.type == "book":
        add(("T2", record.series.title))  # a book's series in T2, as publishers export books
        series_in_t2 = True
    if container and container.abbreviated_title:
        add(("J2", container.abbreviated_title))
    if record.series and not series_in_t2:
        add(("T3", record.series.title))
    date = record.dates.published or record.dates.early_online
    if date and date.year != 0:  # RIS exporters write year 0000 for "no year": not written
        add(("PY", str(date.year)))
        parts = [str(date.year), f"{date.month:02d}" if date.month else "",
                 f"{date.day:02d}" if date.day else ""]  # fmt: skip
        add(("DA", "/".join(parts) + "/"))
    for tag, value in (("VL", record.volume), ("IS", record.issue)):
        if value:
            add((tag, value))
    if record.pages:
        first, last = record.pages.first, record.pages.last
        if last is None and SP_RANGE.fullmatch(first):
            # readers take a range in SP alone as first and last page: written as they read it
            first, last = (p.strip() for p in SP_RANGE_DASH.split(first, maxsplit=1))
        add(("SP", first))
        if last:
            add(("EP", last))
    if record.article_number:
        add(("C7", record.article_number))
    if record.publisher:
        add(("PB", record.publisher))
    if record.publisher_place:
        add(("CY", record.publisher_place))
    ids = record.identifiers
    if container:
        for issn in dict.fromkeys((container.issn_print, container.issn_online)):
            if issn:
                add(("SN", issn))
    isbns = [*ids.isbn_print, *ids.isbn_electronic]
    if not isbns and container and record.type in ("book-chapter", "conference-paper"):
        isbns = [*container.isbn_print, *container.isbn_electronic]
    for isbn in dict.fromkeys(isbns):
        add(("SN", isbn))
    if ids.doi:
        add(("DO", ids.doi))
    if ids.pmcid:
        add(("C2", ids.pmcid))
    if ids.pmid:
        add(("AN", ids.pmid))
        add(("DP", "NLM"))
    for url in dict.fromkeys(ids.urls):
        add(("UR", url))
    if record.language:
        add(("LA", record.language))
    for keyword in record.keywords:
        add(("KW", keyword))
    if record.abstract:
        # paragraphs on continuation lines: a blank line between them, as they are stored
        add(("AB", record.abstract.replace("\n", CRLF)))
    body = "".join(
        f"{tag}  - {value if tag == 'AB' else RUN_OF_SPACES.sub(' ', value)}{CRLF}"
        for tag, value in lines
    )
    return f"{body}ER  - {CRLF}"
