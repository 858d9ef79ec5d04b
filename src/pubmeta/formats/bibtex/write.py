"""Writing BibTeX that both ``bibtex`` and ``biber`` accept: one document for all records,
keys unique and stable across runs (first author, year, first title word), LaTeX specials
escaped, capitals that must survive a style braced, names split so they read back alike."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...text import full_title
from .latex import escape, protected
from .mapping import MONTHS, TO_ENTRY_TYPE, TO_PUBSTATE
from .names import parse_name, write_name
from .parse import OPENS_A_FIELD_OR_ENTRY

if TYPE_CHECKING:
    from ...model import Publication

_KEY_WORD = re.compile(r"[A-Za-z0-9]+")
_ROLES = ("author", "editor", "translator")
_SMALL_WORDS = frozenset({"a", "an", "the", "on", "of", "in", "and", "for", "to", "at", "with"})


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def base_key(record: Publication, people: dict[str, list[str]] | None = None) -> str:
    """'vaimann2018design': first contributor's family name, year, first title word
    (``people``: the record's names as :func:`_people` writes them, when already known)."""
    name = ""
    people = _people(record) if people is None else people
    first = next((names[0] for names in people.values() if names), None)
    if first is not None:
        # the name as a reader of the entry finds it, so the key is the same after a re-read
        parsed = parse_name(first)
        name = parsed.get("family") or parsed.get("name") or parsed.get("literal") or ""
    date = record.dates.published or record.dates.early_online
    year = str(date.year) if date else ""
    title = full_title(record.title, record.subtitle) if record.title else ""
    title_words = [
        w.lower() for w in _KEY_WORD.findall(_ascii(title)) if w.lower() not in _SMALL_WORDS
    ]
    parts = ["".join(_KEY_WORD.findall(_ascii(name))).lower()[:24], year.replace("-", "bc"),
             title_words[0][:20] if title_words else ""]  # fmt: skip
    return "".join(parts) or "record"


def keys(
    records: Sequence[Publication], people: Sequence[dict[str, list[str]]] | None = None
) -> list[str]:
    """Unique keys in record order: a repeated base key gets a, b, c... (all its uses)."""
    if people is None:
        people = [_people(r) for r in records]
    bases = [base_key(r, p) for r, p in zip(records, people, strict=True)]
    counts: dict[str, int] = {}
    for base in bases:
        counts[base] = counts.get(base, 0) + 1
    seen: dict[str, int] = {}
    out = []
    taken = {b for b in bases if counts[b] == 1}
    for base in bases:
        if counts[base] == 1:
            out.append(base)
            continue
        index = seen.get(base, 0)
        while True:
            key = base + _letters(index)
            index += 1
            if key not in taken:
                break
        seen[base] = index
        taken.add(key)
        out.append(key)
    return out


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(97 + rest) + letters
    return letters


def write(records: Sequence[Publication]) -> str:
    people = [_people(r) for r in records]
    written = zip(records, keys(records, people), people, strict=True)
    return "\n".join(entry(r, k, p) for r, k, p in written)


def _people(record: Publication) -> dict[str, list[str]]:
    """The record's names as BibTeX names, by role (author, editor, translator)."""
    people: dict[str, list[str]] = {role: [] for role in _ROLES}
    for contributor in record.contributors:
        names = people.get(contributor.role)
        if names is not None:
            names.append(write_name(contributor))
    return people


def entry(record: Publication, key: str, people: dict[str, list[str]] | None = None) -> str:
    entry_type = _entry_type(record)
    people = _people(record) if people is None else people
    fields = [
        *_names(record, people),
        *_titles(record, entry_type),
        *_date(record),
        *_numbering(record),
        *_publishing(record, entry_type),
        *_identifiers(record),
        *_content(record),
    ]
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


_Fields = list[tuple[str, str]]


def _entry_type(record: Publication) -> str:
    if record.type == "thesis" and record.thesis and _is_masters(record.thesis.qualification):
        return "mastersthesis"
    return TO_ENTRY_TYPE[record.type]


def _names(record: Publication, people: dict[str, list[str]]) -> _Fields:
    fields: _Fields = []
    for role, names in people.items():
        if names:
            if role == "author" and record.contributors_truncated:
                names = [*names, "others"]
            fields.append((role, " and ".join(names)))
    return fields


def _titles(record: Publication, entry_type: str) -> _Fields:
    """The title, and the container's: an article's journal, else the book's title."""
    fields: _Fields = []
    if record.title:
        fields.append(("title", protected(full_title(record.title, record.subtitle))))
    container = record.container
    if container and container.title:
        host = full_title(container.title, container.subtitle)
        fields.append(("journal" if entry_type == "article" else "booktitle", protected(host)))
        if container.abbreviated_title and entry_type == "article":
            fields.append(("shortjournal", escape(container.abbreviated_title)))
    return fields


def _date(record: Publication) -> _Fields:
    date = record.dates.published or record.dates.early_online
    if not date:
        return []
    fields = [("year", str(date.year))]
    if date.month:
        fields.append(("month", MONTHS[date.month - 1]))  # a macro: written bare
    if date.day:
        fields.append(("date", date.isoformat()))
    return fields


def _numbering(record: Publication) -> _Fields:
    """Volume, number, pages, eid, page total, series and version."""
    fields: _Fields = []
    if record.volume:
        fields.append(("volume", escape(record.volume)))
    if record.issue:
        fields.append(("number", escape(record.issue)))
    if record.pages:
        last = f"--{_page(record.pages.last)}" if record.pages.last else ""
        fields.append(("pages", _page(record.pages.first) + last))
    if record.article_number:
        fields.append(("eid", escape(record.article_number)))
    if record.page_count:
        fields.append(("pagetotal", str(record.page_count)))
    if record.series:
        fields.append(("series", protected(record.series.title)))
    if record.version:
        fields.append(("version", escape(record.version)))
    return fields


def _publishing(record: Publication, entry_type: str) -> _Fields:
    """Publisher (a tech report's institution), place, school, event and status."""
    fields: _Fields = []
    if record.publisher:
        fields.append(("institution" if entry_type == "techreport" else "publisher",
                       protected(record.publisher)))  # fmt: skip
    if record.publisher_place:
        fields.append(("address", escape(record.publisher_place)))
    if record.type == "thesis" and record.thesis and record.thesis.awarding_institutions:
        fields.append(("school", protected(record.thesis.awarding_institutions[0])))
    if record.event:
        fields.append(("eventtitle", protected(record.event.name)))
        if record.event.place:
            fields.append(("venue", escape(record.event.place)))
    if record.status and record.status in TO_PUBSTATE:
        fields.append(("pubstate", TO_PUBSTATE[record.status]))
    return fields


def _identifiers(record: Publication) -> _Fields:
    """DOI, ISBNs (a chapter's or paper's book's when it has none), ISSN, PMID, PMCID, URL."""
    fields: _Fields = []
    ids = record.identifiers
    container = record.container
    if ids.doi:
        fields.append(("doi", escape(ids.doi)))
    isbns = [*ids.isbn_print, *ids.isbn_electronic]
    if not isbns and container and record.type in ("book-chapter", "conference-paper"):
        isbns = [*container.isbn_print, *container.isbn_electronic]
    if isbns:
        fields.append(("isbn", ", ".join(dict.fromkeys(isbns))))
    if container and (container.issn_print or container.issn_online):
        fields.append(("issn", container.issn_print or container.issn_online or ""))
    if ids.pmid:
        fields.append(("pmid", ids.pmid))
    if ids.pmcid:
        fields.append(("pmcid", ids.pmcid))
    if ids.urls:
        fields.append(("url", _url(ids.urls[0])))
    return fields


def _content(record: Publication) -> _Fields:
    """Language, keywords and abstract."""
    fields: _Fields = []
    if record.language:
        fields.append(("language", record.language))
    if record.keywords:
        # a keyword holding the separator is braced: readers split outside braces only
        fields.append(("keywords", ", ".join(
            "{" + escape(k) + "}" if "," in k or ";" in k else escape(k) for k in record.keywords
        )))  # fmt: skip
    if record.abstract:
        first, *more = record.abstract.split("\n\n")
        fields.append(("abstract", "\n\n".join([escape(first), *map(_later_paragraph, more)])))
    return fields


def _later_paragraph(paragraph: str) -> str:
    """A paragraph on a line of its own inside a braced value. A line that reads as the start
    of a field or an entry ('@misc{', 'title = {') is what a '{' left open makes, and readers
    (ours, for one) take it so: its first character, a letter or '@', is grouped in braces,
    which every reader drops from the text."""
    escaped = escape(paragraph)
    if OPENS_A_FIELD_OR_ENTRY.match(escaped):
        return "{" + escaped[0] + "}" + escaped[1:]
    return escaped


def _page(page: str) -> str:
    # a page holding a dash is braced, so the range splits only at the '--' between pages
    return "{" + escape(page) + "}" if any(d in page for d in "-–—") else escape(page)


def _url(url: str) -> str:
    # a URL stays as typed (biber and the url package read it verbatim) but for the
    # characters that would end or break the value
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace("%", "\\%")


def _is_masters(qualification: str | None) -> bool:
    return qualification is not None and qualification.lower().startswith(("master", "msc", "ma "))
