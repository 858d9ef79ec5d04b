"""The words of Pure portal pages, one data file per language, merged into one vocabulary.

Each ``vocabulary/<language>.json`` maps the labels, section headers, breadcrumb words, status
values, yes/no answers, month names and metric words that portals in that language print to
what they mean in the record. Pages do not say their language (and mix English labels with
local ones), so the reader knows all of them at once. Adding a language is adding a file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ...dates import MONTHS

#: What each key of a vocabulary file holds.
KEYS = {
    "language": "ISO 639-1 code of the language",
    "name": "the language's English name",
    "labels": "label as printed -> field it fills",
    "opening_labels": "labels that can open the block of labelled rows",
    "may_be_empty": "labels whose value may be missing (a lost link text)",
    "record_labels": "labels that only record pages begin a line with (to tell a page)",
    "sections": "section header (lower-case) -> section",
    "type_line_labels": "prefixes of the breadcrumb line ('Research output:')",
    "student_thesis_labels": "breadcrumb prefixes of student theses",
    "categories": "first breadcrumb word -> record type it implies (or null)",
    "peer_review_tokens": "breadcrumb endings that mean peer reviewed",
    "type_words": "second breadcrumb word (lower-case) -> record type",
    "status_words": "status value (lower-case) -> [status, dated event or '']",
    "yes": "words for yes",
    "no": "words for no",
    "months": "month names and abbreviations (lower-case) -> number",
    "citations": "words for citations in metric lines",
    "downloads": "words for downloads and views in metric lines",
    "more_authors": "words after '+ N' that mean more authors",
    "dive": "the start of the fingerprint sentence naming the title, or null",
    "sdg_sentences": "starts of the sentence above a list of UN SDGs (not an SDG itself)",
    "ui_text": "lines (or bullets) that are the portal's interface, never data (tab names)",
    "ui_phrases": "interface phrases inside a line, removed (a link's accessibility text)",
    "fingerprint_areas": "the subject areas after a concept in new-layout fingerprint lists",
}


@dataclass(frozen=True)
class Vocabulary:
    labels: dict[str, str]
    labels_longest_first: tuple[str, ...]
    opening_labels: frozenset[str]
    may_be_empty: frozenset[str]
    record_labels: frozenset[str]
    sections: dict[str, str]
    type_line_labels: tuple[str, ...]
    student_thesis_labels: tuple[str, ...]
    categories: dict[str, str | None]
    categories_longest_first: tuple[str, ...]
    peer_review_tokens: tuple[str, ...]
    type_words: dict[str, str]
    status_words: dict[str, tuple[str, str]]
    yes: frozenset[str]
    no: frozenset[str]
    months: dict[str, int]
    metric: re.Pattern[str]
    more_authors: re.Pattern[str]
    dive: re.Pattern[str] | None
    sdg_sentences: tuple[str, ...]
    glued_header: re.Pattern[str]
    languages: tuple[str, ...]
    ui_text: frozenset[str] = frozenset()
    ui_phrases: re.Pattern[str] | None = None
    #: '<concept> <area> NN%': the concept, its area and weight
    fingerprint_concept: re.Pattern[str] | None = None


def files() -> dict[str, dict[str, Any]]:
    """Every vocabulary file, by language code."""
    folder = resources.files(__package__).joinpath("vocabulary")
    found: dict[str, dict[str, Any]] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            found[data["language"]] = data
    return found


def _alternatives(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    merged: dict[str, Any] = {
        key: {}
        for key in ("labels", "sections", "categories", "type_words", "status_words", "months")
    }
    sets: dict[str, set[str]] = {
        key: set()
        for key in (
            "opening_labels", "may_be_empty", "record_labels", "type_line_labels",
            "student_thesis_labels", "peer_review_tokens", "yes", "no", "citations",
            "downloads", "more_authors", "sdg_sentences", "ui_text", "ui_phrases",
            "fingerprint_areas",
        )
    }  # fmt: skip
    dives: list[str] = []
    languages = []
    for code, data in files().items():
        languages.append(code)
        for key in merged:
            for word, meaning in data.get(key, {}).items():
                merged[key].setdefault(word, meaning)
        for key in sets:
            sets[key].update(data.get(key, []))
        if data.get("dive"):
            dives.append(data["dive"])
    months = {**MONTHS, **{k.lower(): int(v) for k, v in merged["months"].items()}}
    counted = _alternatives(sets["citations"] | sets["downloads"])
    metric = re.compile(
        r"^(?P<count>[0-9][0-9,.\u00a0 ]*)\s+(?:"
        rf"(?P<source1>[^\W\d_][\w .-]*?)\s+(?P<kind1>{counted})"
        rf"|(?P<kind2>{counted})\s*\((?P<source2>[^)]+)\)"
        r")$",
        re.IGNORECASE,
    )
    more = re.compile(
        rf"(?:,\s*)?(?:\+\s*(?P<n>[0-9]+)\s+(?:{_alternatives(sets['more_authors'])})"
        r"|(?:&\s*)?\bet\s+al\.?)\s*$",
        re.IGNORECASE,
    )
    # the sentence is the fingerprint's, whole or cut short by a crawler; only a whole one
    # (closing quote and full stop) names the title
    dive = (
        re.compile(
            rf"^(?:{'|'.join(re.escape(d) for d in dives)})"
            r"(?:\s+['‘’\"“](?:(?P<title>.*)['‘’\"”]\..*)?.*)?$"
        )
        if dives
        else None
    )
    headers = {
        h
        for h in merged["sections"]
        if merged["sections"][h] in ("keywords", "fingerprint", "abstract")
    }
    spellings = {h.title() for h in headers} | {h.capitalize() for h in headers}
    glued = re.compile(rf"^(?P<text>.*\S)(?P<header>{_alternatives(spellings)})$")
    return Vocabulary(
        labels=merged["labels"],
        labels_longest_first=tuple(sorted(merged["labels"], key=len, reverse=True)),
        opening_labels=frozenset(sets["opening_labels"]),
        may_be_empty=frozenset(sets["may_be_empty"]),
        record_labels=frozenset(sets["record_labels"]),
        sections={k.lower(): v for k, v in merged["sections"].items()},
        type_line_labels=tuple(sorted(sets["type_line_labels"], key=len, reverse=True)),
        student_thesis_labels=tuple(sets["student_thesis_labels"]),
        categories=merged["categories"],
        categories_longest_first=tuple(sorted(merged["categories"], key=len, reverse=True)),
        peer_review_tokens=tuple(sorted(sets["peer_review_tokens"], key=len, reverse=True)),
        type_words={k.lower(): v for k, v in merged["type_words"].items()},
        status_words={k.lower(): (v[0], v[1]) for k, v in merged["status_words"].items()},
        yes=frozenset(w.lower() for w in sets["yes"]),
        no=frozenset(w.lower() for w in sets["no"]),
        months=months,
        metric=metric,
        more_authors=more,
        dive=dive,
        sdg_sentences=tuple(sorted(sets["sdg_sentences"])),
        glued_header=glued,
        languages=tuple(languages),
        ui_text=frozenset(sets["ui_text"]),
        ui_phrases=(
            re.compile(rf"\s*(?:{_alternatives(sets['ui_phrases'])})\s*")
            if sets["ui_phrases"]
            else None
        ),
        fingerprint_concept=(
            re.compile(
                rf"^(?P<concept>.+?)\s+(?P<area>{_alternatives(sets['fingerprint_areas'])})"
                r"\s+(?P<weight>[0-9]{1,3})\s*%$"
            )
            if sets["fingerprint_areas"]
            else None
        ),
    )
