"""One line of a Pure portal page and what it is: a labelled row, a section header, a bullet,
a list of names; and the :class:`Page` the line rules fill in. The rules here judge a single
line from the vocabulary (:mod:`.vocabulary`); the walk over the page is :mod:`.layout`'s and
:mod:`.body`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...diagnostics import Issue, Severity
from ...names import PARTICLES, SUFFIXES
from .vocabulary import vocabulary

VOCABULARY = vocabulary()

BULLET = re.compile(r"^(?:[•·▪‣◦]|-(?=\s)|\*(?=\s))\s*(?P<text>.*)$")


@dataclass
class Line:
    number: int
    text: str


@dataclass
class Page:
    """What has been read so far, in the source's own terms, before it becomes a record."""

    data: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    recognised: int = 0

    def warn(self, line: int, rule: str, message: str, pointer: str = "") -> None:
        self.issues.append(Issue(rule, message, pointer, Severity.WARNING, line=line, column=1))

    def add_authors(self, names: list[str]) -> None:
        self.data.setdefault("authors", []).extend(names)
        self.recognised += 1


#: A label of several words or with a parenthesis glued right after a value's last character:
#: the crawler lost the line break between two rows.
GLUED_LABEL = (
    re.compile(
        r"(?<=\S)(?P<label>"
        + "|".join(
            re.escape(label)
            for label in VOCABULARY.labels_longest_first
            if " " in label and label[0].isupper()
        )
        + r")(?=\S)"
    )
    if VOCABULARY.labels
    else None
)


def label_of(text: str, *, opening_only: bool) -> str | None:
    if "\t" in text:
        label = text.split("\t", 1)[0].strip()
        return label if label in VOCABULARY.labels else None
    for label in VOCABULARY.labels_longest_first:
        if text.startswith(label) and (not opening_only or label in VOCABULARY.opening_labels):
            rest = text[len(label) :]
            if not rest and label not in VOCABULARY.may_be_empty:
                continue
            # a label glued to its value, or followed by a separator
            if rest and rest[0].islower() and not label.endswith(")"):
                continue
            return label
    return None


def value_after(text: str, label: str) -> str:
    if "\t" in text:
        return text.split("\t", 1)[1].strip()
    return text[len(label) :].lstrip(" :\t").strip()


def section_of(text: str) -> str | None:
    return VOCABULARY.sections.get(text.strip().rstrip(":").lower())


def looks_like_names(text: str) -> bool:
    """Whether a heading line is a list of personal names rather than a title."""
    stripped = VOCABULARY.more_authors.sub("", text).strip().rstrip(",")
    if not stripped or len(stripped) > 4000 or re.search(r"[0-9:;?!\"“”]", stripped):
        return False
    parts = [p.strip().rstrip("*") for p in re.split(r",\s*|\s+&\s+", stripped)]
    for part in parts:
        tokens = part.split()
        if not 1 <= len(tokens) <= 6:
            return False
        for token in tokens:
            if token.lower() in PARTICLES or token in SUFFIXES:
                continue
            if not (token[0].isupper() or token[0] in "'’"):
                return False
    return (
        len(parts) >= 2
        or VOCABULARY.more_authors.search(text) is not None
        or len(parts[0].split()) >= 2
    )
