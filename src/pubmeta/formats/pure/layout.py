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
from dataclasses import dataclass, field
from typing import Any

from ...diagnostics import Issue, Severity
from ...identifiers import find_doi
from ...names import PARTICLES, SUFFIXES
from .vocabulary import vocabulary

VOCABULARY = vocabulary()

_BULLET = re.compile(r"^(?:[•·▪‣◦]|-(?=\s)|\*(?=\s))\s*(?P<text>.*)$")
_TABLE_ROW = re.compile(r"^\|?\s*(?P<label>[^|]+?)\s*\|\s*(?P<value>[^|]*?)\s*\|?\s*$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ID_FOOTER = re.compile(r"^ID:\s*(?P<id>[0-9]+)$")


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
        in_rows = type_index is None and _label_of(first, opening_only=False) is not None
        self._body(self.lines[body_start:], in_rows)

    # -- heading: institution?, title, subtitle?, authors -------------------------------------
    def _heading(self, lines: list[Line]) -> None:
        texts = [line for line in lines if line.text]
        bullets = [line for line in texts if _BULLET.match(line.text)]
        plain = [line for line in texts if not _BULLET.match(line.text)]
        # "*Corresponding author for this work" explains the * markers on names
        plain = [
            line
            for line in plain
            if not line.text.lstrip("*").lower().startswith("corresponding author")
        ]
        author_line: Line | None = None
        if self.snapshot and len(plain) >= 2:
            names = [line.text.removeprefix(",").strip() for line in plain[1:]]
            self._authors([n for n in names if n], plain[1].number)
            units = [_BULLET.match(b.text)["text"].strip() for b in bullets]  # type: ignore[index]
            if units:
                self.data["organisations"] = units
            plain, bullets = plain[:1], []
        elif bullets:
            self._authors([_BULLET.match(b.text)["text"] for b in bullets], bullets[0].number)  # type: ignore[index]
        elif len(plain) >= 2 and _looks_like_names(plain[-1].text):
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
        return first is not None and _BULLET.match(first.text) is not None

    def _unglue_cut_start(self) -> None:
        """A fragment whose first line is the cut end of a value with the next row glued to it
        ('...of shared educationTitle of host publicationActivist Pedagogy'): the row stays."""
        index = next((i for i, line in enumerate(self.lines) if line.text), None)
        if index is None or _GLUED_LABEL is None:
            return
        line = self.lines[index]
        glued = _GLUED_LABEL.search(line.text)
        if glued and _label_of(line.text, opening_only=False) is None:
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
            if _label_of(text, opening_only=True) is not None or _section_of(text) is not None:
                return index
            # a page cut inside its rows ('EditorsTony Gallagher, ...' first): a row whose
            # label any row may have, with another row right after it
            following = texts[position + 1][1] if position + 1 < len(texts) else ""
            if (
                _label_of(text, opening_only=False) is not None
                and _label_of(following, opening_only=False) is not None
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
        self._authors(parts, line.number)

    def _authors(self, names: list[str], line: int) -> None:
        self.data.setdefault("authors", []).extend(names)
        self.page.recognised += 1

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

    # -- body: metrics, abstract, labelled rows, sections --------------------------------------
    def _body(self, lines: list[Line], in_rows: bool = False) -> None:
        section: str | None = None
        in_block = in_rows
        paragraph: list[Line] = []
        abstract: list[list[Line]] = []
        last_label: str | None = None
        section_lines: list[Line] = []
        # old /portal/ pages list the authors as bullets right after the breadcrumb
        seen_content = False

        def close_paragraph() -> None:
            nonlocal paragraph
            if paragraph:
                if section in (None, "abstract"):
                    abstract.append(paragraph)
                    self.data["abstract_lines"] = abstract
                paragraph = []

        index = 0
        while index < len(lines):
            line = lines[index]
            index += 1
            text = line.text
            if not text:
                close_paragraph()
                in_block = False
                continue
            bullet = _BULLET.match(text)
            if (bullet["text"].strip() if bullet else text) in VOCABULARY.ui_text and (
                bullet or _section_of(text) is None
            ):
                continue  # the portal's tabs and links ('-  Overview', 'View full fingerprint')
            header = _section_of(text)
            if header is not None and not (
                section == "abstract" and paragraph and header == "citation"
            ):
                close_paragraph()
                in_block = False
                self._close_section(section, section_lines)
                section_lines = []
                if header == "end":
                    self.data["ended_naturally"] = True
                    self._tail(lines[index:])
                    return
                if header in ("documents", "links"):  # after the record's rows: it ended
                    self.data["ended_naturally"] = True
                section = None if header == "skip" else header
                self.page.recognised += header != "skip"
                continue
            dive = VOCABULARY.dive.match(text) if VOCABULARY.dive else None
            if dive:
                close_paragraph()
                if section == "fingerprint" and not section_lines:
                    # the sentence right under the header: the concepts follow it
                    if dive["title"]:
                        self.data.setdefault("dive_title", dive["title"])
                    continue
                self._close_section(section, section_lines)
                section, section_lines = None, []
                if dive["title"]:
                    self.data.setdefault("dive_title", dive["title"])
                continue
            footer = _ID_FOOTER.match(text)
            if footer:
                self.data["pure_id"] = footer["id"]
                self.data["ended_naturally"] = True
                continue
            metric = VOCABULARY.metric.match(text)
            if metric and not in_block and section in (None, "abstract") and not abstract:
                self._metric(metric)
                continue
            label = _label_of(text, opening_only=not in_block)
            if label is not None and section not in ("note", "citation"):
                close_paragraph()
                if section not in (None, "abstract", "series"):
                    self._close_section(section, section_lines)
                    section_lines = []
                    section = None
                in_block = True
                last_label = label
                self._row(label, _value_after(text, label), line)
                continue
            after_note = section == "note" and bool(section_lines)
            if _BULLET.match(text) and (
                section in (None, "abstract", "series", "authors") or after_note
            ):
                close_paragraph()
                if section in ("series", "note"):  # bullets after a note: its keywords
                    self._close_section(section, section_lines)
                    section_lines = []
                in_block = False
                if section != "authors":
                    section = "keywords"
                    if not seen_content and not self.data.get("authors"):
                        section = "authors"
                section_lines.append(line)
                continue
            if section == "authors":
                self._close_section(section, section_lines)
                section, section_lines = None, []
            seen_content = True
            if section in (None, "abstract"):
                if in_block and last_label in ("editors", "host_title") and not paragraph:
                    self.data[last_label] = f"{self.data.get(last_label, '')} {text}".strip()
                    continue
                if in_block and len(text) < 120:
                    # a row inside the labelled block whose label is not in the vocabulary:
                    # kept as a note and reported, never read as abstract or dropped
                    self.data.setdefault("notes", []).append(text)
                    self.page.warn(
                        line.number,
                        "pure-unknown-line",
                        f"row not understood, kept in notes: {text[:60]!r}",
                        "/notes",
                    )
                    continue
                in_block = False
                paragraph.append(line)
                continue
            section_lines.append(line)
        close_paragraph()
        self._close_section(section, section_lines)

    def _tail(self, lines: list[Line]) -> None:
        """After 'Cite this': BibTeX or ready-made citations; only a DOI is worth taking."""
        for line in lines:
            doi = find_doi(line.text)
            if doi and "doi" not in self.data:
                self.data["doi_from_citation"] = doi
                return

    def _metric(self, match: re.Match[str]) -> None:
        count = int(re.sub(r"[,.]", "", match["count"]))
        kind = (match["kind1"] or match["kind2"]).lower()
        source = (match["source1"] or match["source2"]).strip()
        key = "downloads" if kind.startswith(("download", "view", "visning")) else "citations"
        self.data.setdefault(key, []).append({"source": source, "count": count})
        self.page.recognised += 1

    def _row(self, label: str, value: str, line: Line) -> None:
        glued = _GLUED_LABEL.search(value) if _GLUED_LABEL is not None else None
        if glued:  # 'ISBN (Electronic)978-...-0ISBN (Print)978-...': two rows on one line
            rest = value[glued.start("label") :]
            self._row(label, value[: glued.start("label")].strip(), line)
            self._row(glued["label"], _value_after(rest, glued["label"]), line)
            return
        key = VOCABULARY.labels[label]
        self.page.recognised += 1
        if not value and label not in VOCABULARY.may_be_empty:
            self.page.warn(line.number, "pure-empty-value", f"'{label}' has no value")
            return
        if key in self.data and key not in ("url",):
            if self.data[key] != value:
                self.page.warn(
                    line.number,
                    "pure-repeated-label",
                    f"'{label}' appears again with {value!r}; the first value is kept",
                )
            return
        self.data[key] = value
        self.data.setdefault("_lines", {})[key] = line.number

    def _close_section(self, section: str | None, lines: list[Line]) -> None:
        if section is None or section in ("abstract", "end", "skip"):
            return
        items = [_BULLET.match(line.text) for line in lines]
        texts = [
            m["text"].strip() if m else line.text for m, line in zip(items, lines, strict=True)
        ]
        texts = [t for t in texts if t and t != "-"]
        if section == "keywords":
            self.data.setdefault("keywords", []).extend(texts)
        elif section == "authors":
            if all(_looks_like_names(t) or len(t.split()) >= 2 for t in texts):
                self._authors(texts, lines[0].number)
            else:
                self.data.setdefault("keywords", []).extend(texts)
        elif section == "fingerprint" and VOCABULARY.fingerprint_concept is not None:
            concepts = [VOCABULARY.fingerprint_concept.match(t) for t in texts]
            self.data.setdefault("subjects", []).extend(
                (section, c["concept"] if c else t) for c, t in zip(concepts, texts, strict=True)
            )
        elif section in ("fingerprint", "asjc", "oecd-fos"):
            self.data.setdefault("subjects", []).extend((section, t) for t in texts)
        elif section == "documents":  # 'Access to Document': links, a DOI among them
            dois = [find_doi(t) for t in texts]
            found = next((d for d in dois if d), None)
            if found and not self.data.get("doi"):
                self.data["doi"] = found
        elif section == "sdg":
            self.data.setdefault("subjects", []).extend(
                ("sdg", t) for t in texts if not t.startswith(VOCABULARY.sdg_sentences)
            )
        elif section == "note":
            if texts:
                # its lines as the page breaks them ('Publisher Copyright:' / '© 2025 ACM.')
                self.data.setdefault("notes", []).append("\n".join(texts))
        elif section == "citation":
            joined = " ".join(texts)
            self.data["citation_text"] = joined
            doi = find_doi(joined)
            if doi:
                self.data["doi_from_citation"] = _strip_glued_header(doi)
        elif section == "series":
            for line in lines:
                label = _label_of(line.text, opening_only=False)
                if label in ("Name", "Series"):
                    self.data["series_name"] = _value_after(line.text, label)
                elif label == "Volume":
                    self.data["series_number"] = _value_after(line.text, label)


#: A label of several words or with a parenthesis glued right after a value's last character:
#: the crawler lost the line break between two rows.
_GLUED_LABEL = (
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
        if match and _BULLET.match(following) and not match["text"].endswith(" "):
            result.append(Line(line.number, match["text"]))
            result.append(Line(line.number, match["header"]))
        else:
            result.append(line)
    return result


def _strip_glued_header(doi: str) -> str:
    """'10.1017/jgc.2021.25keywords' -> the DOI without the glued section header after it."""
    for header in VOCABULARY.sections:
        if doi.endswith(header) and len(doi) > len(header) + 8:
            return doi[: -len(header)]
    return doi


def _label_of(text: str, *, opening_only: bool) -> str | None:
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


def _value_after(text: str, label: str) -> str:
    if "\t" in text:
        return text.split("\t", 1)[1].strip()
    return text[len(label) :].lstrip(" :\t").strip()


def _section_of(text: str) -> str | None:
    return VOCABULARY.sections.get(text.strip().rstrip(":").lower())


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


def _looks_like_names(text: str) -> bool:
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
