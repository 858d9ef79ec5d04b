"""Shared pieces of the format tests: the records to write, and the round-trip projection."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cff_support import cff_projection
from conftest import REPO, SHARED
from deposit_support import (
    CROSSREF_FIELDS,
    DATACITE_FIELDS,
    crossref_projection,
    datacite_projection,
)
from openaire_support import PROJECTION as OPENAIRE_PROJECTION

import pubmeta
from pubmeta import Publication
from pubmeta.formats import FORMATS


def seed_and_corpus_records() -> list[tuple[str, Publication]]:
    """Every record of seeds/ and of the Pure corpus (corpus missing: seeds only)."""
    found = [(p.name, r) for p in sorted((REPO / "seeds").glob("*.yaml")) for r in pubmeta.read(p)]
    corpus = SHARED / "corpus" / "pure"
    for path in sorted(corpus.glob("*.txt")):
        found.extend((path.name, r) for r in pubmeta.read(path, format="pure"))
    return found


def _joined_title(record: Publication) -> str | None:
    if record.title is None:
        # DC has no "no main title": with no language to tell it by, a record's first
        # (translated) title is read as its main title; with one, its first title in the
        # record's own language (the same primary language subtag) is
        if record.language is None:
            first = record.translated_titles[0] if record.translated_titles else None
        else:
            primary = record.language.split("-")[0].lower()
            first = next(
                (
                    t
                    for t in record.translated_titles
                    if t.language.split("-")[0].lower() == primary
                ),
                None,
            )
        if first is None:
            return None
        return first.title + (f": {first.subtitle}" if first.subtitle else "")
    return record.title + (f": {record.subtitle}" if record.subtitle else "")


#: What a record type reads back as from Dublin Core, written from the OpenAIRE Guidelines
#: for Literature Repositories (v3, info:eu-repo/semantics publication types), not from the
#: writer's tables: journal contributions of every kind are 'article'; conference papers and
#: abstracts 'conferenceObject'; a chapter 'bookPart'; a thesis 'doctoralThesis' (the
#: record does not say which degree); datasets and software have no type of their own there.
_DC_TYPE_READ_BACK = {
    "article": "article",
    "review-article": "article",
    "letter": "article",
    "editorial": "article",
    "comment": "article",
    "conference-paper": "conference-paper",
    "conference-abstract": "conference-paper",
    "book": "book",
    "book-chapter": "book-chapter",
    "report": "report",
    "thesis": "thesis",
    "dataset": "other",
    "preprint": "preprint",
    "software": "other",
    "other": "other",
}

#: What a status reads back as, from the guidelines' info:eu-repo/semantics version types: a
#: published or early-online work is the publishedVersion, accepted and in-press the
#: acceptedVersion, submitted the submittedVersion, an unpublished one a draft.
_DC_STATUS_READ_BACK = {
    "published": "published",
    "epub-ahead-of-print": "published",
    "in-press": "accepted",
    "accepted": "accepted",
    "submitted": "submitted",
    "unpublished": "unpublished",
}


def _dc_type(record: Publication) -> str:
    return _DC_TYPE_READ_BACK[record.type.value]


def _dc_status(record: Publication) -> str | None:
    return None if record.status is None else _DC_STATUS_READ_BACK[record.status.value]


def _dc_dates(record: Publication) -> dict[str, Any]:
    date = record.dates.published or record.dates.early_online
    return {
        "submitted": None,
        "accepted": None,
        "early_online": None,
        "published": date.isoformat() if date else None,
    }


def _dc_identifiers(record: Publication) -> dict[str, Any]:
    ids = record.identifiers
    return {
        "doi": ids.doi,
        "pmid": ids.pmid,
        "pmcid": ids.pmcid,
        # a chapter's ISBNs are read as its book's, in the container (lossy there)
        "isbn_print": []
        if record.type.value == "book-chapter"
        else list(dict.fromkeys([*ids.isbn_print, *ids.isbn_electronic])),
        "isbn_electronic": [],
        "scopus_eid": None,
        "urls": list(ids.urls),
        "other": [],
    }


#: The HTML elements repositories put in dc:description (the mapping row: escaped HTML in
#: real records is read as plain text): block elements part paragraphs, inline ones vanish.
_DC_HTML_BLOCKS = ("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                   "blockquote")  # fmt: skip
_DC_HTML_INLINE = ("em", "strong", "i", "b", "u", "a", "span", "sup", "sub", "code")


def _dc_element(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"</?(?:{'|'.join(names)})(?:\s[^<>]*)?/?>", re.IGNORECASE)


def _dc_abstract(record: Publication) -> str | None:
    text = record.abstract
    while text is not None:  # taking tags out may join new ones ('<<b>i>'): until none is left
        tags = _dc_element(_DC_HTML_BLOCKS + _DC_HTML_INLINE)
        if tags.search(html.unescape(text)):
            text = html.unescape(text)  # HTML escaped inside the description
        if not tags.search(text):
            return text
        text = _dc_element(_DC_HTML_INLINE).sub("", _dc_element(_DC_HTML_BLOCKS).sub("\n\n", text))
        # a line break or tab in a paragraph is layout, other spaces (no-break ones too) content
        paragraphs = (
            re.sub(r"[ \t\r\n]*[\t\r\n][ \t\r\n]*", " ", part).strip(" \t\r\n")
            for part in re.split(r"\n[ \t\r]*\n", text)
        )
        text = "\n\n".join(p for p in paragraphs if p) or None
    return text


def _ris_abstract(record: Publication) -> str | None:
    """RIS has no escape: a paragraph shaped like a tag line ('TY  - JOUR', 'ER  -') cannot
    stand on a continuation line, so it is read back after the paragraph before it."""
    if record.abstract is None:
        return None
    paragraphs: list[str] = []
    for paragraph in record.abstract.split("\n\n"):
        if paragraphs and re.fullmatch(r"[A-Z][A-Z0-9]  ?-( .*)?", paragraph):
            paragraphs[-1] += " " + paragraph
        else:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _dc_access(record: Publication) -> str | None:
    rights = record.access_rights
    return (
        None if rights is None else ("closed" if rights.value == "metadata-only" else rights.value)
    )


def _bib_title(record: Publication) -> str | None:
    if record.title is None:
        return None
    return record.title + (f": {record.subtitle}" if record.subtitle else "")


def _bib_type(record: Publication) -> str:
    from pubmeta.formats.bibtex.mapping import FROM_ENTRY_TYPE, TO_ENTRY_TYPE

    return FROM_ENTRY_TYPE[TO_ENTRY_TYPE[record.type.value]]


def _bib_dates(record: Publication) -> dict[str, Any]:
    return {**_dc_dates(record)}


def _ris_dates(record: Publication) -> dict[str, Any]:
    """As BibTeX, but a year 0 is no year in RIS (exporters write 0000 for none)."""
    dates = _dc_dates(record)
    date = record.dates.published or record.dates.early_online
    if date is not None and date.year == 0:
        dates["published"] = None
    return dates


def _reference_identifiers(record: Publication, read_type: str, urls: list[str]) -> dict[str, Any]:
    """What BibTeX and RIS give back of the identifiers: DOI, PMID, PMCID, ISBNs as print (a
    part's ISBNs are read as its host book's, in the container), the URLs they carry."""
    ids = record.identifiers
    part = read_type in ("book-chapter", "conference-paper")
    return {
        "doi": ids.doi,
        "pmid": ids.pmid,
        "pmcid": ids.pmcid,
        "isbn_print": [] if part else list(dict.fromkeys([*ids.isbn_print, *ids.isbn_electronic])),
        "isbn_electronic": [],
        "scopus_eid": None,
        "urls": urls,
        "other": [],
    }


#: What a BibTeX url value cannot hold as typed, and the percent-encoding RFC 3986 gives it.
_BIB_URL_ENCODED = {"\\": "%5C", "{": "%7B", "}": "%7D"}


def _bib_url(url: str) -> str:
    return "".join(_BIB_URL_ENCODED.get(character, character) for character in url)


def _bib_identifiers(record: Publication) -> dict[str, Any]:
    urls = [_bib_url(url) for url in record.identifiers.urls[:1]]
    return _reference_identifiers(record, _bib_type(record), urls)


_BIB_ROLES = ("author", "editor", "translator")


def _bib_contributor(c: Any) -> dict[str, Any]:
    role = c.role.value
    if c.kind == "organisation" or not c.family:
        name = c.name if c.kind == "organisation" else (c.literal or c.given)
        return {"kind": "organisation", "name": name, "role": role}
    particles = " ".join(p for p in (c.dropping_particle, c.particle) if p)
    words = [w for w in particles.split(" ") if w]  # LaTeX reads a run of spaces as one
    # BibTeX's von part ends at its last lower-case word; the words after it join the name
    von_end = max((i + 1 for i, w in enumerate(words) if _bib_lower_case(w)), default=0)
    particle = " ".join(words[:von_end]) or None
    family = " ".join([*words[von_end:], c.family])
    return {
        "kind": "person", "family": family, "given": c.given, "particle": particle,
        "dropping_particle": None, "suffix": c.suffix, "literal": None, "role": role,
        "orcid": None, "affiliations": [], "corresponding": None, "email": None,
    }  # fmt: skip


def _bib_lower_case(word: str) -> bool:
    """BibTeX's von test on a particle word as written: its first letter is lower-case.
    The characters written as commands (``\\textbraceleft{}``...) lend it their lower-case
    letters; a word with a comma, or 'and', is written braced, which has no case."""
    if "," in word or word.lower() == "and":
        return False
    for char in word:
        if char in "\\{}~^":
            return True
        if char.isalpha():
            return char.islower()
    return False


def _bib_contributors(record: Publication) -> list[dict[str, Any]]:
    return [
        _bib_contributor(c)
        for role in _BIB_ROLES
        for c in record.contributors
        if c.role.value == role
    ]


def _bib_truncated(record: Publication) -> bool:
    return record.contributors_truncated and any(
        c.role.value == "author" for c in record.contributors
    )


def _bib_pages(record: Publication) -> dict[str, Any] | None:
    pages = record.pages
    if pages is None:
        return None
    first, last = pages.first, pages.last
    if last and first.isdigit() and last.isdigit() and len(last) < len(first) and int(last) > 0:
        last = first[: len(first) - len(last)] + last  # abbreviated ranges are expanded
    return {"first": first, "last": last}


def _ris_type(record: Publication) -> str:
    from pubmeta.formats.ris.mapping import FROM_TYPE, TO_TYPE

    return FROM_TYPE[TO_TYPE[record.type.value]]


def _ris_identifiers(record: Publication) -> dict[str, Any]:
    urls = list(dict.fromkeys(record.identifiers.urls))
    return _reference_identifiers(record, _ris_type(record), urls)


def _ris_pages(record: Publication) -> dict[str, Any] | None:
    pages = record.pages
    if pages is None:
        return None
    if pages.last is None and re.fullmatch(r"\S+\s*[-–]\s*\S+", pages.first):
        first, last = (p.strip() for p in re.split(r"\s*[-–]\s*", pages.first, maxsplit=1))
        return {"first": first, "last": last}  # a range in SP alone reads as a range
    return {"first": pages.first, "last": pages.last}


#: project_F where it differs from "keep the carried fields": lossy fields whose loss follows a
#: rule the mapping data states, so the law can still check them.
PROJECTIONS: dict[str, dict[str, Callable[[Publication], Any]]] = {
    "dc": {
        "title": _joined_title,
        "type": _dc_type,
        "status": _dc_status,
        "dates": _dc_dates,
        "identifiers": _dc_identifiers,
        "access_rights": _dc_access,
        "abstract": _dc_abstract,
    },
    "bibtex": {
        "type": _bib_type,
        "title": _bib_title,
        "dates": _bib_dates,
        "identifiers": _bib_identifiers,
        "contributors": _bib_contributors,
        "contributors_truncated": _bib_truncated,
        "pages": _bib_pages,
    },
    "openaire": OPENAIRE_PROJECTION,
    "cff": cff_projection(),
    "ris": {
        "type": _ris_type,
        "title": _bib_title,
        "dates": _ris_dates,
        "identifiers": _ris_identifiers,
        "pages": _ris_pages,
        "abstract": _ris_abstract,
    },
}


#: formats whose whole projection is one function (the deposit formats: see deposit_support)
WHOLE_PROJECTIONS: dict[str, tuple[frozenset[str], Callable[[Publication], dict[str, Any]]]] = {
    "crossref": (CROSSREF_FIELDS, crossref_projection),
    "datacite": (DATACITE_FIELDS, datacite_projection),
}


def carried(format_name: str, record: Publication) -> dict[str, Any]:
    """What a record read back from the format holds of the fields the law checks."""
    if format_name in WHOLE_PROJECTIONS:
        fields = set(WHOLE_PROJECTIONS[format_name][0])
    else:
        fields = FORMATS[format_name].carried_fields() | set(PROJECTIONS.get(format_name, {}))
    dumped = record.model_dump(mode="json")
    return {k: v for k, v in dumped.items() if k in fields}


def _one_space(value: Any) -> Any:
    """RIS reads a run of spaces inside a one-line value as one (exporters pad wrapped lines)."""
    if isinstance(value, str):
        return re.sub(r"[ \t]{2,}", " ", value)
    if isinstance(value, list):
        return [_one_space(v) for v in value]
    if isinstance(value, dict):
        return {k: _one_space(v) for k, v in value.items()}
    return value


def project(format_name: str, record: Publication) -> dict[str, Any]:
    """project_F(r): what the format must give back of r."""
    if format_name in WHOLE_PROJECTIONS:
        return WHOLE_PROJECTIONS[format_name][1](record)
    projected = carried(format_name, record)
    for field, rule in PROJECTIONS.get(format_name, {}).items():
        projected[field] = rule(record)
    if format_name == "ris":  # RIS exporters pad the lines they wrap (AB keeps its layout)
        projected = {k: v if k == "abstract" else _one_space(v) for k, v in projected.items()}
    elif format_name == "bibtex":  # LaTeX reads a run of spaces as one space
        projected = {k: _one_space(v) for k, v in projected.items()}
    return projected


def corpus_files(kind: str) -> list[Path]:
    return sorted((SHARED / "corpus" / kind).rglob("*.*"))


def truth_accuracy(kind: str, suffix: str) -> tuple[float, list[str]]:
    """Share of title, first author's family name, DOI and year right over the real files of
    ``../shared/corpus/<kind>`` against their ``.truth.json`` readings (written by people), and
    the misses. A file must give exactly as many records as its reading lists."""
    right = total = 0
    misses: list[str] = []
    for truth_path in sorted((SHARED / "corpus" / kind).glob("*.truth.json")):
        stem = truth_path.name.removesuffix(".truth.json")
        source = truth_path.with_name(stem + suffix)
        if not source.exists():  # a folder of several kinds of file (DataCite JSON and XML)
            source = next(
                p
                for p in truth_path.parent.iterdir()
                if p.name.startswith(stem + ".") and not p.name.endswith(".truth.json")
            )
        truths = json.loads(truth_path.read_text("utf-8"))
        records = pubmeta.read(source, format=kind)
        assert len(records) == len(truths), source.name  # none refused, none invented
        for record, truth in zip(records, truths, strict=True):
            authors = [c for c in record.contributors if c.role.value == "author"]
            family = None
            if authors:
                first = authors[0]
                family = (
                    first.name
                    if first.kind == "organisation"
                    else " ".join(p for p in (first.particle, first.family) if p)
                )
            date = record.dates.published
            got = {
                "title": record.title,
                "first_author_family": family,
                "doi": record.identifiers.doi,
                "year": date.year if date else None,
            }
            for key, value in got.items():
                expected = truth.get(key)
                expected = expected.lower() if key == "doi" and expected else expected
                total += 1
                if value == expected or (
                    key == "first_author_family"
                    and authors
                    and authors[0].kind == "person"
                    and authors[0].family == expected
                ):
                    right += 1
                else:
                    misses.append(f"{source.name}: {key} {value!r} != {expected!r}")
    return right / total, misses
