"""The body of a Pure portal page, after its heading and breadcrumb: metric lines, the
abstract, the labelled rows and the sections (keywords, fingerprint, subject areas, series,
note, citation), walked line by line. Each kind of line is one method of :class:`Body`; what a
closed section gives the record is one reader of :data:`SECTION_READERS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...identifiers import find_doi
from .lines import (
    BULLET,
    GLUED_LABEL,
    VOCABULARY,
    Line,
    Page,
    label_of,
    looks_like_names,
    section_of,
    value_after,
)

_ID_FOOTER = re.compile(r"^ID:\s*(?P<id>[0-9]+)$")


class Body:
    """The walk's state: the open section and its lines, the open paragraph, whether the lines
    are inside the block of labelled rows."""

    def __init__(self, page: Page, in_rows: bool) -> None:
        self.page = page
        self.data = page.data
        self.section: str | None = None
        self.in_block = in_rows
        self.paragraph: list[Line] = []
        self.abstract: list[list[Line]] = []
        self.last_label: str | None = None
        self.section_lines: list[Line] = []
        # old /portal/ pages list the authors as bullets right after the breadcrumb
        self.seen_content = False

    def read(self, lines: list[Line]) -> None:
        kinds = (self._dive, self._footer, self._metric_line, self._labelled_row, self._bullet)
        for index, line in enumerate(lines):
            text = line.text
            if not text:
                self._close_paragraph()
                self.in_block = False
                continue
            if _is_interface(text):
                continue  # the portal's tabs and links ('-  Overview', 'View full fingerprint')
            header = section_of(text)
            if header is not None and not (
                self.section == "abstract" and self.paragraph and header == "citation"
            ):
                if self._header(header):
                    self._tail(lines[index + 1 :])
                    return
                continue
            if not any(kind(line) for kind in kinds):
                self._text(line)
        self._close_paragraph()
        self._close_section()

    def _close_paragraph(self) -> None:
        if self.paragraph:
            if self.section in (None, "abstract"):
                self.abstract.append(self.paragraph)
                self.data["abstract_lines"] = self.abstract
            self.paragraph = []

    def _close_section(self) -> None:
        """What the open section's lines give the record; the section is left with none."""
        section, lines = self.section, self.section_lines
        self.section_lines = []
        reader = SECTION_READERS.get(section) if section is not None else None
        if reader is None:
            return
        items = [BULLET.match(line.text) for line in lines]
        texts = [
            m["text"].strip() if m else line.text for m, line in zip(items, lines, strict=True)
        ]
        reader(self.page, [t for t in texts if t and t != "-"], lines)

    def _header(self, header: str) -> bool:
        """A section header closes the open section; True at the page's end ('Cite this')."""
        self._close_paragraph()
        self.in_block = False
        self._close_section()
        if header == "end":
            self.data["ended_naturally"] = True
            return True
        if header in ("documents", "links"):  # after the record's rows: it ended
            self.data["ended_naturally"] = True
        self.section = None if header == "skip" else header
        self.page.recognised += header != "skip"
        return False

    def _dive(self, line: Line) -> bool:
        """The fingerprint sentence ('Dive into the research topics of ...'), naming the title."""
        dive = VOCABULARY.dive.match(line.text) if VOCABULARY.dive else None
        if not dive:
            return False
        self._close_paragraph()
        # right under the fingerprint header the concepts follow it: the section stays open
        if not (self.section == "fingerprint" and not self.section_lines):
            self._close_section()
            self.section = None
        if dive["title"]:
            self.data.setdefault("dive_title", dive["title"])
        return True

    def _footer(self, line: Line) -> bool:
        footer = _ID_FOOTER.match(line.text)
        if footer:
            self.data["pure_id"] = footer["id"]
            self.data["ended_naturally"] = True
        return footer is not None

    def _metric_line(self, line: Line) -> bool:
        """'12 Citations (Scopus)' above the abstract."""
        metric = VOCABULARY.metric.match(line.text)
        above_abstract = self.section in (None, "abstract") and not self.abstract
        if not (metric and not self.in_block and above_abstract):
            return False
        count = int(re.sub(r"[,.]", "", metric["count"]))
        kind = (metric["kind1"] or metric["kind2"]).lower()
        source = (metric["source1"] or metric["source2"]).strip()
        key = "downloads" if kind.startswith(("download", "view", "visning")) else "citations"
        self.data.setdefault(key, []).append({"source": source, "count": count})
        self.page.recognised += 1
        return True

    def _labelled_row(self, line: Line) -> bool:
        label = label_of(line.text, opening_only=not self.in_block)
        if label is None or self.section in ("note", "citation"):
            return False
        self._close_paragraph()
        if self.section not in (None, "abstract", "series"):
            self._close_section()
            self.section = None
        self.in_block = True
        self.last_label = label
        self._row(label, value_after(line.text, label), line)
        return True

    def _bullet(self, line: Line) -> bool:
        """A bullet opens keywords (or, before any content, the authors of old pages)."""
        after_note = self.section == "note" and bool(self.section_lines)
        if not BULLET.match(line.text) or not (
            self.section in (None, "abstract", "series", "authors") or after_note
        ):
            return False
        self._close_paragraph()
        if self.section in ("series", "note"):  # bullets after a note: its keywords
            self._close_section()
        self.in_block = False
        if self.section != "authors":
            before_content = not self.seen_content and not self.data.get("authors")
            self.section = "authors" if before_content else "keywords"
        self.section_lines.append(line)
        return True

    def _text(self, line: Line) -> None:
        """Any other line: the abstract's, a row continued or not understood, a section's."""
        if self.section == "authors":
            self._close_section()
            self.section = None
        self.seen_content = True
        if self.section in (None, "abstract"):
            self._paragraph_line(line)
        else:
            self.section_lines.append(line)

    def _paragraph_line(self, line: Line) -> None:
        text, label = line.text, self.last_label
        if self.in_block and label in ("editors", "host_title") and not self.paragraph:
            self.data[label] = f"{self.data.get(label, '')} {text}".strip()
            return
        if self.in_block and len(text) < 120:
            # a row inside the labelled block whose label is not in the vocabulary:
            # kept as a note and reported, never read as abstract or dropped
            self.data.setdefault("notes", []).append(text)
            self.page.warn(
                line.number,
                "pure-unknown-line",
                f"row not understood, kept in notes: {text[:60]!r}",
                "/notes",
            )
            return
        self.in_block = False
        self.paragraph.append(line)

    def _tail(self, lines: list[Line]) -> None:
        """After 'Cite this': BibTeX or ready-made citations; only a DOI is worth taking."""
        for line in lines:
            doi = find_doi(line.text)
            if doi and "doi" not in self.data:
                self.data["doi_from_citation"] = doi
                return

    def _row(self, label: str, value: str, line: Line) -> None:
        glued = GLUED_LABEL.search(value) if GLUED_LABEL is not None else None
        if glued:  # 'ISBN (Electronic)978-...-0ISBN (Print)978-...': two rows on one line
            rest = value[glued.start("label") :]
            self._row(label, value[: glued.start("label")].strip(), line)
            self._row(glued["label"], value_after(rest, glued["label"]), line)
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


def _is_interface(text: str) -> bool:
    bullet = BULLET.match(text)
    return (bullet["text"].strip() if bullet else text) in VOCABULARY.ui_text and (
        bullet is not None or section_of(text) is None
    )


# -- what a closed section gives the record: its bulleted or plain texts, and its lines -------
SectionReader = Callable[[Page, list[str], list[Line]], None]


def _keywords(page: Page, texts: list[str], lines: list[Line]) -> None:
    page.data.setdefault("keywords", []).extend(texts)


def _authors_or_keywords(page: Page, texts: list[str], lines: list[Line]) -> None:
    """Bullets before any content: the authors of old /portal/ pages, if they look like names."""
    if all(looks_like_names(t) or len(t.split()) >= 2 for t in texts):
        page.add_authors(texts)
    else:
        page.data.setdefault("keywords", []).extend(texts)


def _subjects(scheme: str) -> SectionReader:
    def read(page: Page, texts: list[str], lines: list[Line]) -> None:
        page.data.setdefault("subjects", []).extend((scheme, t) for t in texts)

    return read


def _fingerprint(page: Page, texts: list[str], lines: list[Line]) -> None:
    """The concepts, without the subject areas new layouts print after each."""
    if VOCABULARY.fingerprint_concept is None:
        _subjects("fingerprint")(page, texts, lines)
        return
    concepts = [VOCABULARY.fingerprint_concept.match(t) for t in texts]
    page.data.setdefault("subjects", []).extend(
        ("fingerprint", c["concept"] if c else t) for c, t in zip(concepts, texts, strict=True)
    )


def _documents(page: Page, texts: list[str], lines: list[Line]) -> None:
    """'Access to Document': links, a DOI among them."""
    found = next((d for d in (find_doi(t) for t in texts) if d), None)
    if found and not page.data.get("doi"):
        page.data["doi"] = found


def _sdg(page: Page, texts: list[str], lines: list[Line]) -> None:
    page.data.setdefault("subjects", []).extend(
        ("sdg", t) for t in texts if not t.startswith(VOCABULARY.sdg_sentences)
    )


def _note(page: Page, texts: list[str], lines: list[Line]) -> None:
    if texts:
        # its lines as the page breaks them ('Publisher Copyright:' / '© 2025 ACM.')
        page.data.setdefault("notes", []).append("\n".join(texts))


def _citation(page: Page, texts: list[str], lines: list[Line]) -> None:
    joined = " ".join(texts)
    page.data["citation_text"] = joined
    doi = find_doi(joined)
    if doi:
        page.data["doi_from_citation"] = _strip_glued_header(doi)


def _series(page: Page, texts: list[str], lines: list[Line]) -> None:
    for line in lines:
        label = label_of(line.text, opening_only=False)
        if label in ("Name", "Series"):
            page.data["series_name"] = value_after(line.text, label)
        elif label == "Volume":
            page.data["series_number"] = value_after(line.text, label)


def _strip_glued_header(doi: str) -> str:
    """'10.1017/jgc.2021.25keywords' -> the DOI without the glued section header after it."""
    for header in VOCABULARY.sections:
        if doi.endswith(header) and len(doi) > len(header) + 8:
            return doi[: -len(header)]
    return doi


#: Section -> its reader; a section not here (abstract, end, skip, links) gives nothing.
SECTION_READERS: dict[str, SectionReader] = {
    "keywords": _keywords,
    "authors": _authors_or_keywords,
    "fingerprint": _fingerprint,
    "asjc": _subjects("asjc"),
    "oecd-fos": _subjects("oecd-fos"),
    "documents": _documents,
    "sdg": _sdg,
    "note": _note,
    "citation": _citation,
    "series": _series,
}
