"""Writing spec-conform RIS: every line ``XX  - value``, CRLF line ends, ``TY`` first and
``ER  - `` last in each record, no counter lines, one line per author, keyword and identifier;
paragraphs of an abstract on continuation lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...names import family_with_particles
from ...text import full_title
from .mapping import (
    RUN_OF_SPACES,
    SP_RANGE,
    SP_RANGE_DASH,
    TAG_LINE,
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
    given, suffix = _part(contributor.given), _part(contributor.suffix)
    if not (given or suffix):
        return f"{family},"  # the comma says: a person's family name, not an organisation
    parts = [family, given]
    if suffix:
        parts.append(suffix)
    return ", ".join(parts)


#: Commas before a space or at the end: where a reader parts 'Family, Given, Suffix'.
_SEPARATING_COMMAS = re.compile(r",+(?= |$)")


def _part(value: str | None) -> str:
    """A given name or suffix without the commas that would part it again on reading (a
    comma inside a word, 'Jean-Luc,Marie', stays): written as it reads back."""
    if not value or "," not in value:
        return value or ""
    return RUN_OF_SPACES.sub(" ", _SEPARATING_COMMAS.sub("", value)).strip()


def write_part(record: Publication) -> str:
    lines: _Lines = [
        ("TY", TO_TYPE[record.type]),
        *_names(record),
        *_titles(record),
        *_date(record),
        *_numbering(record),
        *_identifiers(record),
        *_content(record),
    ]
    body = "".join(
        f"{tag}  - {value if tag == 'AB' else RUN_OF_SPACES.sub(' ', value)}{CRLF}"
        for tag, value in lines
    )
    return f"{body}ER  - {CRLF}"


_Lines = list[tuple[str, str]]


def _names(record: Publication) -> _Lines:
    """One line per contributor: authors, then editors, then translators."""
    return [
        (tag, _stable_name(contributor))
        for role, tag in _ROLE_TAGS
        for contributor in record.contributors
        if contributor.role == role
    ]


def _titles(record: Publication) -> _Lines:
    """Title, the container's title (else a book's series) and abbreviation, and series."""
    lines: _Lines = []
    if record.title:
        lines.append(("TI", full_title(record.title, record.subtitle)))
    container = record.container
    series_in_t2 = False
    if container and container.title:
        lines.append(("T2", full_title(container.title, container.subtitle)))
    elif record.series and record.type == "book":
        lines.append(("T2", record.series.title))  # a book's series in T2, as publishers do
        series_in_t2 = True
    if container and container.abbreviated_title:
        lines.append(("J2", container.abbreviated_title))
    if record.series and not series_in_t2:
        lines.append(("T3", record.series.title))
    return lines


def _date(record: Publication) -> _Lines:
    date = record.dates.published or record.dates.early_online
    if not date or date.year == 0:  # RIS exporters write year 0000 for "no year": not written
        return []
    parts = [str(date.year), f"{date.month:02d}" if date.month else "",
             f"{date.day:02d}" if date.day else ""]  # fmt: skip
    return [("PY", str(date.year)), ("DA", "/".join(parts) + "/")]


def _numbering(record: Publication) -> _Lines:
    """Volume, issue, pages, article number, publisher and its place."""
    lines: _Lines = [(tag, value) for tag, value in (("VL", record.volume),
                                                      ("IS", record.issue)) if value]  # fmt: skip
    if record.pages:
        first, last = record.pages.first, record.pages.last
        if last is None and SP_RANGE.fullmatch(first):
            # readers take a range in SP alone as first and last page: written as they read it
            first, last = (p.strip() for p in SP_RANGE_DASH.split(first, maxsplit=1))
        lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
    for tag, value in (("C7", record.article_number), ("PB", record.publisher),
                       ("CY", record.publisher_place)):  # fmt: skip
        if value:
            lines.append((tag, value))
    return lines


def _identifiers(record: Publication) -> _Lines:
    """ISSNs, ISBNs (a chapter's or paper's book's when it has none), DOI, PMCID, PMID, URLs."""
    lines: _Lines = []
    ids = record.identifiers
    container = record.container
    if container:
        lines += [("SN", i) for i in dict.fromkeys((container.issn_print, container.issn_online))
                  if i]  # fmt: skip
    isbns = [*ids.isbn_print, *ids.isbn_electronic]
    if not isbns and container and record.type in ("book-chapter", "conference-paper"):
        isbns = [*container.isbn_print, *container.isbn_electronic]
    lines += [("SN", isbn) for isbn in dict.fromkeys(isbns)]
    if ids.doi:
        lines.append(("DO", ids.doi))
    if ids.pmcid:
        lines.append(("C2", ids.pmcid))
    if ids.pmid:
        lines += [("AN", ids.pmid), ("DP", "NLM")]
    lines += [("UR", url) for url in dict.fromkeys(ids.urls)]
    return lines


def _content(record: Publication) -> _Lines:
    """Language, keywords and abstract."""
    lines: _Lines = [("LA", record.language)] if record.language else []
    lines += [("KW", keyword) for keyword in record.keywords]
    if record.abstract:
        lines.append(("AB", _abstract(record.abstract)))
    return lines


def _abstract(abstract: str) -> str:
    """Paragraphs on continuation lines, a blank line between them, as they are stored. A
    paragraph that would read as a tag line ('ER  - ') joins the one before it after a space:
    RIS has no escape, and its text is kept whole."""
    paragraphs = abstract.split("\n\n")
    kept = paragraphs[:1]
    for paragraph in paragraphs[1:]:
        if TAG_LINE.match(paragraph):
            kept[-1] += " " + paragraph
        else:
            kept.append(paragraph)
    return (CRLF + CRLF).join(kept)
