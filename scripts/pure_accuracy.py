"""Field-level accuracy of the Pure reader against the hand-checked corpus readings.

    python scripts/pure_accuracy.py [CORPUS_DIR]       (default: $PUBMETA_SHARED/corpus/pure)

Each ``NNN.expected.json`` holds values exactly as the page shows them; this script maps each
key to the record field that must carry it (normalising only what the record normalises on
purpose: language names to ISO 639, dates to ISO partial dates, ISBNs to ISBN-13 without
hyphens) and counts exact agreements. Keys that are annotations of the page rather than record
data are listed in NOT_RECORD_DATA, so nothing is skipped silently. The test suite imports
:func:`compare`.

The judge is independent of the reader: the status words, language names, month names and the
ISBN arithmetic below are spelt here, from Pure's documented meanings, not taken from the
reader's vocabulary or pubmeta's shared rules, so a reader that misreads a status, a language
or a date fails here. A page value this script has no spelling for is a failure that says so.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pubmeta
from pubmeta.model import Organisation, Publication, Role

#: Pure's publication states as portals print them -> (record status, the date it dates).
#: Pure's workflow: In preparation, Submitted, Accepted/In press, E-pub ahead of print
#: (printed "Published online" by newer portals), Published ("Published (in print/issue)"
#: beside an e-pub date).
STATUSES = {
    "published": ("published", "published"),
    "published (in print/issue)": ("published", "published"),
    "published online": ("epub-ahead-of-print", "early_online"),
    "e-pub ahead of print": ("epub-ahead-of-print", "early_online"),
    "early online date": ("epub-ahead-of-print", "early_online"),
    "accepted/in press": ("accepted", "accepted"),  # the state Pure dates by acceptance
    "submitted": ("submitted", "submitted"),
    "unpublished": ("unpublished", None),
    "udgivet": ("published", "published"),  # Danish: "published"
}
#: Language names as portals print them -> ISO 639-1.
LANGUAGES = {
    "english": "en",
    "engelsk": "en",
    "russian": "ru",
    "danish": "da",
    "dansk": "da",
    "german": "de",
    "dutch": "nl",
    "swedish": "sv",
    "finnish": "fi",
    "norwegian": "no",
    "french": "fr",
    "spanish": "es",
    "chinese": "zh",
}
#: Month names and abbreviations (English and Danish) -> number.
MONTHS = {
    **{m: i for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )},
    **{m: i for i, m in enumerate(
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
         "oktober", "november", "december"], 1
    )},
    "okt": 10,
}  # fmt: skip

#: Keys describing the page's wording or layout, not values of the record.
NOT_RECORD_DATA = {
    "url": "the page address is not in the text",
    "type_line": "the raw breadcrumb; its parts are compared one by one",
    "research_output_label": "the label word before the breadcrumb",
    "status_label": "which label the portal used",
    "dois_label_present": "an empty 'DOIs' row carries no value",
    "authors_raw": "the author markers; compared through corresponding_authors",
    "output_category_en": "an English gloss, not text from the page",
    "output_facet_en": "an English gloss, not text from the page",
    "output_type_en": "an English gloss, not text from the page",
    "citation_text_starts": "a ready-made citation is not record data (its DOI is compared)",
    "organisations": "the page's organisation units, tied to no author: the record has no field",
    "fingerprint_concepts": "a concept's area and weight; the concepts are fingerprint_topics",
}


def _subjects(record: Publication, scheme: str) -> list[str]:
    return [s.term for s in record.subjects if s.scheme == scheme]


def _names(record: Publication, role: Role) -> list[str]:
    return [c.display_name() for c in record.contributors if c.role is role]


def _terms(record: Publication, index: int) -> str | None:
    terms = record.source_type.terms if record.source_type else []
    return terms[index] if len(terms) > index else None


def _status(shown: str | None) -> tuple[str | None, str | None]:
    """(record status, dated event) of a status as the page shows it; unknown is a failure."""
    if shown is None:
        return None, None
    return STATUSES.get(shown.strip().lower(), (f"<no spelling for status {shown!r}>", None))


def _status_date(record: Publication, expected_status: str | None) -> str | None:
    event = _status(expected_status)[1] if expected_status else "published"
    value = getattr(record.dates, event or "published")
    return None if value is None else str(value.isoformat())


def _language(shown: str | None) -> str | None:
    if shown is None:
        return None
    return LANGUAGES.get(shown.strip().lower(), f"<no spelling for language {shown!r}>")


def _iso_date(shown: str | None) -> str | None:
    """'1 Jan 2006', '01 Jan 1999', 'Feb 2012', '2019' (and Danish '1 jan. 2006') as ISO."""
    if shown is None:
        return None
    words = shown.replace(".", " ").split()
    day = month = None
    if len(words) == 3 and words[0].isdigit():
        day = int(words.pop(0))
    if len(words) == 2:
        month = MONTHS.get(words.pop(0).lower())
        if month is None:
            return f"<no spelling for date {shown!r}>"
    if len(words) != 1 or not words[0].isdigit():
        return f"<no spelling for date {shown!r}>"
    iso = words[0].zfill(4)
    if month is not None:
        iso += f"-{month:02d}"
    if day is not None:
        iso += f"-{day:02d}"
    return iso


def _period_dates(shown: str) -> list[str | None]:
    """'29/06/24 → 3/07/24' (day/month/two-digit year, as the 2025 design prints a period) or
    '1/06/2024 → 3/06/2024' as ISO dates; anything else is a failure that says so."""
    found: list[str | None] = []
    for part in shown.split("→"):
        pieces = part.strip().split("/")
        if len(pieces) != 3 or not all(p.isdigit() for p in pieces):
            return [f"<no spelling for period {shown!r}>"]
        day, month, year = (int(p) for p in pieces)
        year += 2000 if year < 100 else 0
        found.append(f"{year:04d}-{month:02d}-{day:02d}")
    return found


def _conference(record: Publication, shown: dict[str, str]) -> tuple[Any, Any]:
    place = ", ".join(v for v in (shown.get("City"), shown.get("Country/Territory")) if v)
    want = {"name": shown.get("Conference"), "place": place or None}
    event = record.event
    got: dict[str, Any] = {
        "name": event and event.name,
        "place": event and event.place,
    }
    if "Period" in shown:
        want["dates"] = _period_dates(shown["Period"])
        got["dates"] = [
            d and str(d.isoformat()) for d in ((event.start, event.end) if event else ())
        ]
    return want, got


def _record_date(record: Publication, event: str) -> str | None:
    value = getattr(record.dates, event)
    return None if value is None else str(value.isoformat())


def _all_isbns(record: Publication, kind: str | None = None) -> list[str]:
    kinds = [kind] if kind else ["isbn_electronic", "isbn_print"]
    found: list[str] = []
    for holder in (record.container, record.identifiers):
        if holder is not None:
            for k in kinds:
                found.extend(getattr(holder, k))
    return found


def _isbn_13(shown: str) -> str:
    """An ISBN as the record keeps it: digits only, an ISBN-10 as its ISBN-13 (prefix 978,
    the check digit recomputed: weights 1 and 3 alternating, sum to a multiple of ten)."""
    compact = shown.replace("-", "").replace(" ", "").upper()
    if len(compact) != 10:
        return compact
    body = "978" + compact[:9]
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _isbn_list(values: list[str]) -> list[str]:
    return [_isbn_13(v) for v in values]


@dataclass
class FieldResult:
    key: str
    ok: bool
    expected: Any
    got: Any


Extractor = Callable[[Publication, dict[str, Any]], tuple[Any, Any]]

#: key -> (expected value as the record states it, value the record holds)
FIELDS: dict[str, Extractor] = {
    "title": lambda r, e: (e["title"], r.title),
    "subtitle": lambda r, e: (e["subtitle"], r.subtitle),
    "authors": lambda r, e: (e["authors"], _names(r, Role.AUTHOR)),
    "authors_truncated": lambda r, e: (e["authors_truncated"], r.contributors_truncated),
    "corresponding_authors": lambda r, e: (
        e["corresponding_authors"],
        [
            c.display_name()
            for c in r.contributors
            if not isinstance(c, Organisation) and c.corresponding
        ],
    ),
    "output_category": lambda r, e: (e["output_category"], _terms(r, 0)),
    "output_type": lambda r, e: (e["output_type"], _terms(r, 1)),
    "output_facet": lambda r, e: (e["output_facet"], _terms(r, 2)),
    "qualification": lambda r, e: (e["qualification"], r.thesis and r.thesis.qualification),
    "peer_reviewed": lambda r, e: (e["peer_reviewed"], r.peer_reviewed),
    "citations": lambda r, e: (e["citations"], {m.source: m.count for m in r.citations}),
    "downloads": lambda r, e: (e["downloads"], {m.source: m.count for m in r.downloads}),
    "abstract_starts": lambda r, e: (
        e["abstract_starts"],
        (r.abstract or "")[: len(e["abstract_starts"] or "")] or None,
    ),
    "language": lambda r, e: (_language(e["language"]), r.language),
    "pages": lambda r, e: (
        e["pages"] and re.sub(r"\s*[–—-]\s*", "-", e["pages"]),
        r.pages and str(r.pages),
    ),
    "number_of_pages": lambda r, e: (e["number_of_pages"], r.page_count and str(r.page_count)),
    "article_number": lambda r, e: (e["article_number"], r.article_number),
    "journal": lambda r, e: (e["journal"], r.container and r.container.title),
    "host_publication": lambda r, e: (e["host_publication"], r.container and r.container.title),
    "host_publication_subtitle": lambda r, e: (
        e["host_publication_subtitle"],
        r.container and r.container.subtitle,
    ),
    "volume": lambda r, e: (e["volume"], r.volume),
    "issue": lambda r, e: (e["issue"], r.issue),
    "publisher": lambda r, e: (e["publisher"], r.publisher),
    "place_of_publication": lambda r, e: (e["place_of_publication"], r.publisher_place),
    "publication_status": lambda r, e: (
        _status(e["publication_status"])[0],
        r.status and r.status.value,
    ),
    "publication_date": lambda r, e: (
        _iso_date(e["publication_date"]),
        _status_date(r, e.get("publication_status")),
    ),
    "early_online_date": lambda r, e: (
        _iso_date(e["early_online_date"]),
        _record_date(r, "early_online"),
    ),
    "journal_publication_date": lambda r, e: (
        _iso_date(e["journal_publication_date"]),
        _record_date(r, "published"),
    ),
    "conference": lambda r, e: _conference(r, e["conference"]),
    "externally_published": lambda r, e: (e["externally_published"], r.externally_published),
    # DOIs are case-insensitive: the record keeps them lower-cased
    "doi": lambda r, e: (e["doi"] and e["doi"].lower(), r.identifiers.doi),
    "doi_in_citation_text": lambda r, e: (
        e["doi_in_citation_text"] and e["doi_in_citation_text"].lower(),
        r.identifiers.doi,
    ),
    "isbn": lambda r, e: (sorted(_isbn_list(e["isbn"])), sorted(_all_isbns(r))),
    "isbn_print": lambda r, e: (_isbn_list(e["isbn_print"]), _all_isbns(r, "isbn_print")),
    "isbn_electronic": lambda r, e: (
        _isbn_list(e["isbn_electronic"]),
        _all_isbns(r, "isbn_electronic"),
    ),
    "keywords": lambda r, e: (e["keywords"], r.keywords),
    "keywords_partial": lambda r, e: (
        e["keywords_partial"],
        r.keywords[: len(e["keywords_partial"])],
    ),
    "fingerprint_topics": lambda r, e: (e["fingerprint_topics"], _subjects(r, "fingerprint")),
    "asjc_subject_areas": lambda r, e: (e["asjc_subject_areas"], _subjects(r, "asjc")),
    "sdgs": lambda r, e: (e["sdgs"], _subjects(r, "sdg")),
    "oecd_fos_wos": lambda r, e: (e["oecd_fos_wos"], _subjects(r, "oecd-fos")),
    "grnti": lambda r, e: (e["grnti"], _subjects(r, "grnti")),
    "series": lambda r, e: (
        e["series"].get("Name") if isinstance(e["series"], dict) else e["series"],
        r.series and r.series.title,
    ),
    "editors": lambda r, e: (e["editors"], _names(r, Role.EDITOR)),
    "commissioning_body": lambda r, e: (
        e["commissioning_body"],
        next((c.display_name() for c in r.contributors if c.role is Role.COMMISSIONER), None),
    ),
    "bibliographical_note": lambda r, e: (
        e["bibliographical_note"],
        r.notes[0] if r.notes else None,
    ),
    "bibliographical_note_starts": lambda r, e: (
        e["bibliographical_note_starts"],
        (r.notes[0] if r.notes else "")[: len(e["bibliographical_note_starts"])],
    ),
    "pure_id": lambda r, e: (
        e["pure_id"],
        next((o.value for o in r.identifiers.other if o.scheme == "pure"), None),
    ),
}


def compare(expected: dict[str, Any], record: Publication) -> list[FieldResult]:
    results = []
    for key in expected:
        if key.startswith("_") or key in NOT_RECORD_DATA:
            continue
        extractor = FIELDS.get(key)
        if extractor is None:
            results.append(FieldResult(key, False, expected[key], "<no mapping for this key>"))
            continue
        want, got = extractor(record, expected)
        if want in ([], {}) and got in ([], {}, None):
            got = want
        results.append(FieldResult(key, want == got, want, got))
    return results


def corpus_dir() -> Path:
    shared = Path(
        os.environ.get("PUBMETA_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
    )
    return shared / "corpus" / "pure"


def expected_files(folder: Path) -> list[Path]:
    """Every ``*.expected.json`` of the folder and its sub-folders (the markdown snapshots)."""
    return sorted(folder.rglob("*.expected.json"))


@dataclass
class Figures:
    right: int = 0
    total: int = 0
    not_read: int = 0

    @property
    def share(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0


def measure(folder: Path, show: bool = True) -> Figures:
    """Reads every page of ``folder`` and compares it field by field; prints each miss."""
    figures = Figures()
    for expected_path in expected_files(folder):
        text_path = expected_path.with_name(expected_path.name.replace(".expected.json", ".txt"))
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        name = text_path.relative_to(folder)
        try:
            record = pubmeta.read(text_path, format="pure")[0]
        except pubmeta.PubmetaError as error:
            figures.not_read += 1
            print(f"{name}: NOT READ: {error}")
            continue
        results = compare(expected, record)
        figures.total += len(results)
        figures.right += sum(r.ok for r in results)
        wrong = [r for r in results if not r.ok]
        if show:
            print(f"{name}: {len(results) - len(wrong)}/{len(results)} fields")
        for r in wrong:
            print(f"    {name} {r.key}: expected {r.expected!r}, got {r.got!r}")
    return figures


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else corpus_dir()
    figures = measure(folder)
    print(
        f"\nPure reader, field accuracy over {folder}: {figures.right}/{figures.total} = "
        f"{figures.share:.1f}%; records not read: {figures.not_read}"
    )
    return 0 if figures.not_read == 0 and figures.share >= 98.0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
