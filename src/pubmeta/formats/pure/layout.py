"""The line layout of a Pure portal page: the text, line by line, into the page's own terms.

Pure portals print a record as a title, an author line, a type breadcrumb (``Research output:
Contribution to journalArticlepeer-review``), metric lines, the abstract, then rows of labelled
fields whose labels are glued to their values (``Original languageEnglish``) and a few sections
(keywords, fingerprint, subject areas, series). Crawlers deliver that text in several layouts:
the current one, the same indented, the c. 2017 one, old ``/portal/`` pages with the
institution first, rows extracted as markdown tables, and fragments cut off at either end. The
parser works from the vocabulary (:mod:`.vocabulary`) and these layout rules, not from known
pages; whatever it does not understand becomes a warning naming the line.
"""

from __future__ import annotations

import re

from .body import Body
from .lines import (
    BULLET,
    GLUED_LABEL,
    VOCABULARY,
    Line,
    Page,
    label_of,
    looks_like_names,
    section_of,
)

_TABLE_ROW = re.compile(r"^\|?\s*(?P<label>[^|]+?)\s*\|\s*(?P<value>[^|]*?)\s*\|?\s*$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


class Parser:
    """Walks the lines once; each layout rule is one method."""

    def __init__(self, lines: list[Line], page: Page) -> None:
        self.lines = _unglue_headers([self._untable(_without_ui(line)) for line in lines])
        self.page = page
        self.data = page.data
        self.type_index: int | None = None
        #: markdown snapshots of the 2025 design: the breadcrumb's parts between ' › ', one
        #: author a line (each after the first opening with ', '), organisation units as bullets
        self.snapshot = False

    # markdown table rows become "Label<TAB>Value"; table rules vanish
    @staticmethod
    def _untable(line: Line) -> Line:
        text = line.text.strip()
        if "|" in text:
            if _TABLE_RULE.match(text):
                return Line(line.number, "")
            match = _TABLE_ROW.match(text)
            if match:
                return Line(line.number, f"{match['label']}\t{match['value']}")
        return Line(line.number, text)

    def run(self) -> None:
        type_index = self.type_index = next(
            (
                i
                for i, line in enumerate(self.lines)
                if line.text.startswith(VOCABULARY.type_line_labels)
            ),
            None,
        )
        body_start = 0
        if type_index is not None:
            self.snapshot = "›" in self.lines[type_index].text
            self._heading(self.lines[:type_index])
            self._type_line(self.lines[type_index])
            body_start = type_index + 1
        else:
            self._unglue_cut_start()
            body_start = self._heading_without_type_line()
        first = next((line.text for line in self.lines[body_start:] if line.text), "")
        # a fragment that starts inside the rows: its first line is a row whatever its label
        in_rows = type_index is None and label_of(first, opening_only=False) is not None
        Body(self.page, in_rows).read(self.lines[body_start:])

    # -- heading: institution?, title, subtitle?, authors -------------------------------------
    def _heading(self, lines: list[Line]) -> None:
        texts = [line for line in lines if line.text]
        bullets = [line for line in texts if BULLET.match(line.text)]
        plain = [line for line in texts if not BULLET.match(line.text)]
        # "*Corresponding author for this work" explains the * markers on names
        plain = [
            line
            for line in plain
            if not line.text.lstrip("*").lower().startswith("corresponding author")
        ]
        author_line: Line | None = None
        if self.snapshot and len(plain) >= 2:
            names = [line.text.removeprefix(",").strip() for line in plain[1:]]
            self.page.add_authors([n for n in names if n])
            units = [BULLET.match(b.text)["text"].strip() for b in bullets]  # type: ignore[index]
            if units:
                self.data["organisations"] = units
            plain, bullets = plain[:1], []
        elif bullets:
            self.page.add_authors([BULLET.match(b.text)["text"] for b in bullets])  # type: ignore[index]
        elif len(plain) >= 2 and looks_like_names(plain[-1].text):
            author_line = plain[-1]
            plain = plain[:-1]
        if author_line is not None:
            self._author_line(author_line)
        if len(plain) >= 2 and not bullets and self._bullets_follow_type_line():
            self.data["institution"] = plain[0].text
            plain = plain[1:]
        if plain:
            self.data["title"] = plain[0].text
            self.page.recognised += 1
            if len(plain) >= 2:
                self.data["subtitle"] = plain[1].text
            for extra in plain[2:]:
                self.page.warn(
                    extra.number,
                    "pure-unknown-line",
                    f"line not understood in the heading: {extra.text[:60]!r}",
                )

    def _bullets_follow_type_line(self) -> bool:
        """Old /portal/ pages put the institution first and list the authors as bullets right
        after the breadcrumb; there the first heading line is not the title."""
        after = self.lines[self.type_index + 1 :] if self.type_index is not None else []
        first = next((line for line in after if line.text), None)
        return first is not None and BULLET.match(first.text) is not None

    def _unglue_cut_start(self) -> None:
        """A fragment whose first line is the cut end of a value with the next row glued to it
        ('...of shared educationTitle of host publicationActivist Pedagogy'): the row stays."""
        index = next((i for i, line in enumerate(self.lines) if line.text), None)
        if index is None or GLUED_LABEL is None:
            return
        line = self.lines[index]
        glued = GLUED_LABEL.search(line.text)
        if glued and label_of(line.text, opening_only=False) is None:
            cut = line.text[: glued.start("label")][:60]
            self.page.warn(
                line.number,
                "pure-unknown-line",
                f"the excerpt starts inside a value: {cut!r} left out",
            )
            self.lines[index] = Line(line.number, line.text[glued.start("label") :])

    def _heading_without_type_line(self) -> int:
        """Fragments: skip to the first line that a body rule knows."""
        texts = [(index, line.text) for index, line in enumerate(self.lines) if line.text]
        for position, (index, text) in enumerate(texts):
            if label_of(text, opening_only=True) is not None or section_of(text) is not None:
                return index
            # a page cut inside its rows ('EditorsTony Gallagher, ...' first): a row whose
            # label any row may have, with another row right after it
            following = texts[position + 1][1] if position + 1 < len(texts) else ""
            if (
                label_of(text, opening_only=False) is not None
                and label_of(following, opening_only=False) is not None
            ):
                return index
        return 0

    def _author_line(self, line: Line) -> None:
        text = line.text
        more = VOCABULARY.more_authors.search(text)
        if more:
            self.data["authors_truncated"] = True
            if more["n"]:
                self.data["authors_omitted"] = int(more["n"])
            text = text[: more.start()].rstrip(", ")
        parts = [p.strip() for p in re.split(r",\s*|\s+&\s+|\s+and\s+", text) if p.strip()]
        self.page.add_authors(parts)

    def _type_line(self, line: Line) -> None:
        label = next(lbl for lbl in VOCABULARY.type_line_labels if line.text.startswith(lbl))
        rest = line.text[len(label) :].strip()
        self.data["type_label"] = label.rstrip(":")
        self.page.recognised += 1
        peer = None
        for token in VOCABULARY.peer_review_tokens:
            if rest.lower().endswith(token):
                rest, peer = rest[: -len(token)].rstrip(), True
                break
        self.data["peer_reviewed"] = peer
        if "›" in rest:  # 'Category › Type › peer-review': the parts are given, not glued
            parts = [p.strip() for p in rest.split("›") if p.strip()]
            self.data["category"] = parts[0] if parts else rest
            self.data["type_terms"] = parts[:3]
            return
        if label in VOCABULARY.student_thesis_labels:
            terms = _split_glued(rest)
            word = label.rstrip(":")  # the page's own word for it
            self.data["category"] = word
            self.data["type_terms"] = [word, *terms[:1]]
            if len(terms) > 1:
                self.data["qualification"] = terms[1]
            return
        category = next(
            (c for c in VOCABULARY.categories_longest_first if rest.startswith(c)), None
        )
        if category is None:
            pieces = _split_glued(rest)
            category, rest = (pieces[0], rest[len(pieces[0]) :]) if pieces else (rest, "")
        else:
            rest = rest[len(category) :]
        pieces = _split_glued(rest.strip())
        self.data["category"] = category
        # category, type, facet ("Academic research", "Forskning"): general to specific
        self.data["type_terms"] = [category, *pieces[:2]]
        for extra in pieces[2:]:
            self.page.warn(
                line.number,
                "pure-unknown-value",
                f"breadcrumb part not understood: {extra!r}; kept in notes",
                "/source_type",
            )
            self.data.setdefault("notes", []).append(f"source_type: {extra}")


def _without_ui(line: Line) -> Line:
    """A line without the portal's interface phrases ('3   Link opens in a new tab Citations
    (Scopus)' -> '3 Citations (Scopus)')."""
    if VOCABULARY.ui_phrases is None or not VOCABULARY.ui_phrases.search(line.text):
        return line
    return Line(line.number, VOCABULARY.ui_phrases.sub(" ", line.text).strip())


def _unglue_headers(lines: list[Line]) -> list[Line]:
    """'...doi: 10.1017/jgc.2021.25Keywords' followed by bullets: the crawler glued a section
    header to the end of the previous text; give it back its own line."""
    result: list[Line] = []
    for index, line in enumerate(lines):
        match = VOCABULARY.glued_header.match(line.text)
        following = next((n.text for n in lines[index + 1 :] if n.text), "")
        if match and BULLET.match(following) and not match["text"].endswith(" "):
            result.append(Line(line.number, match["text"]))
            result.append(Line(line.number, match["header"]))
        else:
            result.append(line)
    return result


_GLUE = re.compile(r"(?<=[a-z\)\]])(?=[A-Z])")
_KEEP_GLUED = ("PhD", "MPhil", "DPhil", "MSc", "MRes", "EdD", "DBA", "MBA", "LLM", "eBook")


def _split_glued(text: str) -> list[str]:
    """'Review articleAcademic research' -> ['Review article', 'Academic research'];
    words with inner capitals ('PhD', 'MSc') are not split."""
    kept = [m.span() for w in _KEEP_GLUED for m in re.finditer(re.escape(w), text)]
    cuts = [
        m.start()
        for m in _GLUE.finditer(text)
        if not any(start < m.start() < end for start, end in kept)
    ]
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return [p.strip() for p in pieces if p.strip()]
