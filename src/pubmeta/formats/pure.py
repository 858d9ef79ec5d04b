"""Research-portal (Elsevier Pure) page text -> record. Reader only.

Pure portals print a record as a title, an author line, a type breadcrumb
(``Research output: Contribution to journalArticlepeer-review``), metric lines, the abstract,
then rows of labelled fields whose labels are glued to their values (``Original languageEnglish``)
and a few sections (keywords, fingerprint, subject areas, series). Crawlers deliver that text
in several layouts: the current one, the same indented, the c. 2017 one, old ``/portal/`` pages
with the institution first, rows extracted as markdown tables, and fragments cut off at either
end. The reader works from the label vocabulary and the layout rules, not from known pages;
whatever it does not understand becomes a warning naming the line, never silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..dates import DateError, PartialDate
from ..errors import FormatError
from ..identifiers import find_doi, normalise_doi
from ..issues import Issue, Severity
from ..languages import code_for
from ..model import Publication
from . import Fidelity, FieldMap, Format, Reading

# -- vocabulary --------------------------------------------------------------------------------

#: Label text (English and Danish portals) -> the field it fills.
LABELS: dict[str, str] = {
    "Original language": "language",
    "Language": "language",
    "Originalsprog": "language",
    "Sprog": "language",
    "Pages (from-to)": "pages",
    "Pages": "pages",
    "Sider (fra-til)": "pages",
    "Sider": "pages",
    "Number of pages": "page_count",
    "Antal sider": "page_count",
    "Article number": "article_number",
    "Artikelnummer": "article_number",
    "Journal": "journal",
    "Tidsskrift": "journal",
    "Volume": "volume",
    "Bind": "volume",
    "Issue number": "issue",
    "Nummer": "issue",
    "State": "status",
    "Publication status": "status",
    "Status": "status",
    "Early online date": "early_online",
    "E-pub ahead of print date": "early_online",
    "Accepted/In press date": "accepted_date",
    "Journal publication date": "journal_date",
    "Externally published": "externally_published",
    "Eksternt udgivet": "externally_published",
    "DOIs": "doi",
    "DOI": "doi",
    "Publisher": "publisher",
    "Forlag": "publisher",
    "Udgiver": "publisher",
    "Place of Publication": "publisher_place",
    "Place of publication": "publisher_place",
    "Udgivelsessted": "publisher_place",
    "Title of host publication": "host_title",
    "Titel på værtspublikation": "host_title",
    "Subtitle of host publication": "host_subtitle",
    "Undertitel på værtspublikation": "host_subtitle",
    "Editors": "editors",
    "Redaktører": "editors",
    "ISBN (Print)": "isbn_print",
    "ISBN (Trykt)": "isbn_print",
    "ISBN (Electronic)": "isbn_electronic",
    "ISBN (Elektronisk)": "isbn_electronic",
    "ISSN": "issn",
    "Commissioning body": "commissioning_body",
    "Event": "event",
    "Conference": "event",
    "Konference": "event",
    "Begivenhed": "event",
    "Conference number": "event_number",
    "Abbreviated title": "event_acronym",
    "Country/Territory": "event_country",
    "Land/Område": "event_country",
    "City": "event_city",
    "By": "event_city",
    "Period": "event_period",
    "Periode": "event_period",
    "Duration": "event_period",
    "Internet address": "url",
    "Qualification": "qualification",
    "Awarding Institution": "awarding_institution",
    "Supervisors/Advisors": "supervisors",
    "Supervisor": "supervisors",
    "Award date": "award_date",
    "Date of Award": "award_date",
    "Edition": "edition",
    "Name": "series_name",
    "Series": "series_name",
}

#: Labels that open a metadata block. Weaker labels ("Journal", "Name") are read only inside
#: a block, so an abstract line that happens to begin with such a word is not taken for one.
OPENING_LABELS = frozenset(
    {
        "Original language",
        "Language",
        "Originalsprog",
        "Pages (from-to)",
        "Number of pages",
        "Publication status",
        "State",
        "Title of host publication",
        "Qualification",
        "Awarding Institution",
        "Supervisors/Advisors",
        "ISBN (Print)",
        "ISBN (Electronic)",
        "Article number",
        "Journal",
        "Issue number",
        "DOIs",
        "Date of Award",
    }
)

#: Labels whose value may be empty (the link text was lost).
MAY_BE_EMPTY = frozenset({"DOIs", "DOI", "Internet address", "Editors"})

_LABELS_LONGEST_FIRST = sorted(LABELS, key=len, reverse=True)

SECTION_HEADERS: dict[str, str] = {
    "abstract": "abstract",
    "resumé": "abstract",
    "keywords": "keywords",
    "emneord": "keywords",
    "fingerprint": "fingerprint",
    "fingeraftryk": "fingerprint",
    "asjc scopus subject areas": "asjc",
    "un sdgs": "sdg",
    "oecd fos+wos": "oecd-fos",
    "bibliographical note": "note",
    "bibliografisk note": "note",
    "publication series": "series",
    "cite this": "end",
    "citation": "citation",
    "view graph of relations": "skip",
    "access to document": "end",
    "other files and links": "end",
    "projects": "end",
    "research output per year": "end",
}

TYPE_LINE_LABELS = ("Research output:", "Publikation:", "Student thesis:", "Studenteropgave:")

#: Output categories (first breadcrumb), longest first when matched against glued text.
CATEGORIES = (
    "Chapter in Book/Report/Conference proceeding",
    "Chapter in book / Conference proceeding",
    "Contribution to journal",
    "Contribution to conference",
    "Contribution to specialist publication",
    "Journal article publication",
    "Conference article published in proceeding or book",
    "Book/Film/Article review",
    "Book/Report",
    "Working paper",
    "Other contribution",
    "Non-textual form",
    "Thesis",
    "Patent",
    "Bidrag til tidsskrift",
    "Bidrag til bog/antologi/rapport",
    "Bog/antologi/afhandling/rapport",
    "Konferencebidrag",
    "Andet bidrag",
)

PEER_REVIEW_TOKENS = ("peer-review", "peer review", "fagfællebedømt")

#: The source's type word (lower-case) -> controlled type.
TYPE_WORDS: dict[str, str] = {
    "article": "article",
    "journal article": "article",
    "special issue": "article",
    "scientific article": "article",
    "tidsskriftartikel": "article",
    "artikel": "article",
    "review article": "review-article",
    "review": "review-article",
    "literature review": "review-article",
    "systematic review": "review-article",
    "letter": "letter",
    "letter to the editor": "letter",
    "editorial": "editorial",
    "leder": "editorial",
    "comment/debate": "comment",
    "comment": "comment",
    "commentary": "comment",
    "kommentar/debat": "comment",
    "conference article": "conference-paper",
    "conference contribution": "conference-paper",
    "conference paper": "conference-paper",
    "paper": "conference-paper",
    "konferenceartikel": "conference-paper",
    "abstract": "conference-abstract",
    "meeting abstract": "conference-abstract",
    "poster": "conference-abstract",
    "book": "book",
    "anthology": "book",
    "scholarly edition": "book",
    "bog": "book",
    "antologi": "book",
    "chapter": "book-chapter",
    "chapter (peer-reviewed)": "book-chapter",
    "chapter in an edited book (as author)": "book-chapter",
    "entry for encyclopedia/dictionary": "book-chapter",
    "bidrag til bog/antologi": "book-chapter",
    "commissioned report": "report",
    "report": "report",
    "rapport": "report",
    "working paper": "report",
    "doctoral thesis": "thesis",
    "phd thesis": "thesis",
    "master's thesis": "thesis",
    "ph.d.-afhandling": "thesis",
    "dataset": "dataset",
    "preprint": "preprint",
}

CATEGORY_TYPES: dict[str, str] = {
    "contribution to journal": "article",
    "journal article publication": "article",
    "bidrag til tidsskrift": "article",
    "book/report": "book",
    "bog/antologi/afhandling/rapport": "book",
    "chapter in book/report/conference proceeding": "book-chapter",
    "chapter in book / conference proceeding": "book-chapter",
    "bidrag til bog/antologi/rapport": "book-chapter",
    "contribution to conference": "conference-paper",
    "konferencebidrag": "conference-paper",
    "conference article published in proceeding or book": "conference-paper",
    "working paper": "report",
    "thesis": "thesis",
    "student thesis": "thesis",
}

#: Status words (lower-case, before any parenthesis) -> (controlled status, dated event).
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "published": ("published", "published"),
    "published online": ("epub-ahead-of-print", "early_online"),
    "e-pub ahead of print": ("epub-ahead-of-print", "early_online"),
    "accepted/in press": ("accepted", "accepted"),
    "accepted": ("accepted", "accepted"),
    "in press": ("in-press", "accepted"),
    "submitted": ("submitted", "submitted"),
    "submitted/in review": ("submitted", "submitted"),
    "unpublished": ("unpublished", ""),
    "in preparation": ("unpublished", ""),
    "udgivet": ("published", "published"),
    "accepteret/in press": ("accepted", "accepted"),
    "indsendt": ("submitted", "submitted"),
}

YES = frozenset({"yes", "ja", "true"})
NO = frozenset({"no", "nej", "false"})

#: Lower-case name particles that CSL keeps apart from the family name.
PARTICLES = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "dos",
        "das",
        "la",
        "le",
        "ter",
        "ten",
        "zu",
        "af",
        "al",
        "el",
        "bin",
        "ibn",
        "op",
        "'t",
        "vander",
        "vom",
    }
)
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})

_METRIC = re.compile(
    r"^(?P<count>[0-9][0-9,.]*)\s+(?:"
    r"(?P<source1>[A-Za-z][\w .-]*?)\s+(?P<kind1>citations?|downloads?|views?)"
    r"|(?P<kind2>Citations?|Downloads?|Views?|Visninger|Citationer)\s*\((?P<source2>[^)]+)\)"
    r")$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[•·▪‣◦]|-(?=\s)|\*(?=\s))\s*(?P<text>.*)$")
_TABLE_ROW = re.compile(r"^\|?\s*(?P<label>[^|]+?)\s*\|\s*(?P<value>[^|]*?)\s*\|?\s*$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MORE_AUTHORS = re.compile(
    r"(?:,\s*)?(?:\+\s*(?P<n>[0-9]+)\s+(?:more|others?)|(?:&\s*)?\bet\s+al\.?)\s*$",
    re.IGNORECASE,
)
_DIVE = re.compile(r"^Dive into the research topics of '(?P<title>.*)'\. Together they form")
_ID_FOOTER = re.compile(r"^ID:\s*(?P<id>[0-9]+)$")
_NUMERIC_DATE = re.compile(r"^(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{2,4})$")
_TERMINAL = re.compile(r"[.!?)\]\"'’”»%]$")


# -- the reader --------------------------------------------------------------------------------


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _Page:
    """What has been read so far, in the source's own terms, before it becomes a record."""

    data: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    recognised: int = 0

    def warn(self, line: int, rule: str, message: str, pointer: str = "") -> None:
        self.issues.append(Issue(rule, message, pointer, Severity.WARNING, line=line, column=1))


def read(text: str, suffix: str = "") -> list[Reading]:
    """One record from one page's text."""
    if not text.strip():
        raise FormatError(
            "empty document: no research-portal record", line=1, column=1, rule="pure-empty"
        )
    if "\x00" in text or sum(ch == "\ufffd" for ch in text) > max(20, len(text) // 20):
        raise FormatError(
            "binary data, not the text of a research-portal page",
            line=1,
            column=1,
            rule="pure-binary",
        )
    lines = [_Line(n, raw.rstrip()) for n, raw in enumerate(text.splitlines(), start=1)]
    page = _Page()
    _Parser(lines, page).run()
    if page.recognised == 0:
        raise FormatError(
            "no research-output record found: expected a 'Research output:' line or labelled "
            "fields such as 'Original language' or 'Publication status'",
            line=1,
            column=1,
            rule="pure-not-a-record",
        )
    record = _build(page)
    if record.provenance is not None and record.provenance.truncated:
        page.warn(
            len(lines),
            "pure-truncated",
            "the page text is cut off: what it does not show is left empty, not guessed",
            "/provenance/truncated",
        )
    return [Reading(record=record, issues=page.issues, line=1)]


class _Parser:
    """Walks the lines once; each layout rule is one method."""

    def __init__(self, lines: list[_Line], page: _Page) -> None:
        self.lines = _unglue_headers([self._untable(line) for line in lines])
        self.page = page
        self.data = page.data
        self.type_index: int | None = None

    # markdown table rows become "Label<TAB>Value"; table rules vanish
    @staticmethod
    def _untable(line: _Line) -> _Line:
        text = line.text.strip()
        if "|" in text:
            if _TABLE_RULE.match(text):
                return _Line(line.number, "")
            match = _TABLE_ROW.match(text)
            if match:
                return _Line(line.number, f"{match['label']}\t{match['value']}")
        return _Line(line.number, text)

    def run(self) -> None:
        type_index = self.type_index = next(
            (i for i, line in enumerate(self.lines) if line.text.startswith(TYPE_LINE_LABELS)),
            None,
        )
        body_start = 0
        if type_index is not None:
            self._heading(self.lines[:type_index])
            self._type_line(self.lines[type_index])
            body_start = type_index + 1
        else:
            body_start = self._heading_without_type_line()
        self._body(self.lines[body_start:])

    # -- heading: institution?, title, subtitle?, authors -------------------------------------
    def _heading(self, lines: list[_Line]) -> None:
        texts = [line for line in lines if line.text]
        bullets = [line for line in texts if _BULLET.match(line.text)]
        plain = [line for line in texts if not _BULLET.match(line.text)]
        # "*Corresponding author for this work" explains the * markers on names
        plain = [
            line
            for line in plain
            if not line.text.lstrip("*").lower().startswith("corresponding author")
        ]
        author_line: _Line | None = None
        if bullets:
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

    def _heading_without_type_line(self) -> int:
        """Fragments: skip to the first line that a body rule knows."""
        for index, line in enumerate(self.lines):
            if line.text and (
                _label_of(line.text, opening_only=True) is not None
                or _section_of(line.text) is not None
            ):
                return index
        return 0

    def _author_line(self, line: _Line) -> None:
        text = line.text
        more = _MORE_AUTHORS.search(text)
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

    def _type_line(self, line: _Line) -> None:
        label = next(lbl for lbl in TYPE_LINE_LABELS if line.text.startswith(lbl))
        rest = line.text[len(label) :].strip()
        self.data["type_label"] = label.rstrip(":")
        self.page.recognised += 1
        peer = None
        for token in PEER_REVIEW_TOKENS:
            if rest.lower().endswith(token):
                rest, peer = rest[: -len(token)].rstrip(), True
                break
        self.data["peer_reviewed"] = peer
        if label.startswith(("Student thesis", "Studenteropgave")):
            terms = _split_glued(rest)
            self.data["category"] = "Student thesis"
            self.data["type_terms"] = ["Student thesis", *terms[:1]]
            if len(terms) > 1:
                self.data["qualification"] = terms[1]
            return
        category = next((c for c in CATEGORIES if rest.startswith(c)), None)
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
                f"breadcrumb part not understood: {extra!r}",
                "/source_type",
            )

    # -- body: metrics, abstract, labelled rows, sections --------------------------------------
    def _body(self, lines: list[_Line]) -> None:
        section: str | None = None
        in_block = False
        paragraph: list[_Line] = []
        abstract: list[list[_Line]] = []
        last_label: str | None = None
        section_lines: list[_Line] = []
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
                section = None if header == "skip" else header
                self.page.recognised += header != "skip"
                continue
            dive = _DIVE.match(text)
            if dive:
                close_paragraph()
                self._close_section(section, section_lines)
                section, section_lines = None, []
                self.data.setdefault("dive_title", dive["title"])
                continue
            footer = _ID_FOOTER.match(text)
            if footer:
                self.data["pure_id"] = footer["id"]
                self.data["ended_naturally"] = True
                continue
            metric = _METRIC.match(text)
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
            if _BULLET.match(text) and section in (None, "abstract", "series", "authors"):
                close_paragraph()
                if section == "series":
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

    def _tail(self, lines: list[_Line]) -> None:
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

    def _row(self, label: str, value: str, line: _Line) -> None:
        key = LABELS[label]
        self.page.recognised += 1
        if not value and label not in MAY_BE_EMPTY:
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

    def _close_section(self, section: str | None, lines: list[_Line]) -> None:
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
        elif section in ("fingerprint", "asjc", "oecd-fos"):
            self.data.setdefault("subjects", []).extend((section, t) for t in texts)
        elif section == "sdg":
            self.data.setdefault("subjects", []).extend(
                ("sdg", t) for t in texts if not t.startswith("This output contributes")
            )
        elif section == "note":
            if texts:
                self.data.setdefault("notes", []).append(" ".join(texts))
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


_GLUED_HEADER = re.compile(r"^(?P<text>.*\S)(?P<header>Keywords|Fingerprint|Abstract|Emneord)$")


def _unglue_headers(lines: list[_Line]) -> list[_Line]:
    """'...doi: 10.1017/jgc.2021.25Keywords' followed by bullets: the crawler glued a section
    header to the end of the previous text; give it back its own line."""
    result: list[_Line] = []
    for index, line in enumerate(lines):
        match = _GLUED_HEADER.match(line.text)
        following = next((n.text for n in lines[index + 1 :] if n.text), "")
        if match and _BULLET.match(following) and not match["text"].endswith(" "):
            result.append(_Line(line.number, match["text"]))
            result.append(_Line(line.number, match["header"]))
        else:
            result.append(line)
    return result


def _strip_glued_header(doi: str) -> str:
    """'10.1017/jgc.2021.25keywords' -> the DOI without the glued section header after it."""
    for header in SECTION_HEADERS:
        if doi.endswith(header) and len(doi) > len(header) + 8:
            return doi[: -len(header)]
    return doi


def _label_of(text: str, *, opening_only: bool) -> str | None:
    if "\t" in text:
        label = text.split("\t", 1)[0].strip()
        return label if label in LABELS else None
    for label in _LABELS_LONGEST_FIRST:
        if text.startswith(label) and (not opening_only or label in OPENING_LABELS):
            rest = text[len(label) :]
            if not rest and label not in MAY_BE_EMPTY:
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
    return SECTION_HEADERS.get(text.strip().rstrip(":").lower())


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
    stripped = _MORE_AUTHORS.sub("", text).strip().rstrip(",")
    if not stripped or len(stripped) > 4000 or re.search(r"[0-9:;?!\"“”]", stripped):
        return False
    parts = [p.strip().rstrip("*") for p in re.split(r",\s*|\s+&\s+", stripped)]
    for part in parts:
        tokens = part.split()
        if not 1 <= len(tokens) <= 6:
            return False
        for token in tokens:
            if token.lower() in PARTICLES or token in NAME_SUFFIXES:
                continue
            if not (token[0].isupper() or token[0] in "'’"):
                return False
    return len(parts) >= 2 or _MORE_AUTHORS.search(text) is not None or len(parts[0].split()) >= 2


# -- from the page's terms to the record -------------------------------------------------------


def _person(name: str) -> dict[str, Any]:
    """'Danny N. Khalil' -> given/family; lower-case particles apart, capitalised ones
    ('El Homsi', 'Van Leeuwen') kept in the family name as printed."""
    corresponding = name.endswith("*")
    name = name.rstrip("*").strip()
    person: dict[str, Any] = {}
    if corresponding:
        person["corresponding"] = True
    tokens = name.split()
    suffix = None
    if len(tokens) > 2 and tokens[-1] in NAME_SUFFIXES:
        suffix = tokens.pop()
    if len(tokens) == 1:
        person["literal"] = tokens[0]
        return person
    family_start = len(tokens) - 1
    while family_start > 1 and (tokens[family_start - 1].lower() in PARTICLES):
        family_start -= 1
    particle_tokens = [t for t in tokens[family_start:-1] if t.islower()]
    capital_tokens = tokens[family_start:-1]
    if particle_tokens and len(particle_tokens) == len(capital_tokens):
        person["family"] = tokens[-1]
        person["particle"] = " ".join(particle_tokens)
    else:
        person["family"] = " ".join(tokens[family_start:])
    person["given"] = " ".join(tokens[:family_start])
    if suffix:
        person["suffix"] = suffix
    return person


def _date(value: str, page: _Page, line: int | None, pointer: str) -> str | None:
    cleaned = value.strip()
    numeric = _NUMERIC_DATE.match(cleaned)
    try:
        if numeric:
            year = int(numeric["y"])
            year += 2000 if year < 100 and year <= 69 else (1900 if year < 100 else 0)
            return PartialDate(year, int(numeric["m"]), int(numeric["d"])).isoformat()
        return PartialDate.parse_text(cleaned).isoformat()
    except DateError as error:
        page.warn(line or 1, "pure-unparsed-date", f"date not understood: {error}", pointer)
        return None


def _abstract(paragraphs: list[list[_Line]]) -> str:
    texts: list[str] = []
    for lines in paragraphs:
        wrapped = len(lines) > 1 and all(len(line.text) < 100 for line in lines[:-1])
        if wrapped:
            texts.append(" ".join(line.text for line in lines))
        else:
            texts.extend(line.text for line in lines)
    return "\n\n".join(texts)


def _controlled_type(data: dict[str, Any]) -> str:
    terms = data.get("type_terms") or []
    if len(terms) > 1:
        word = terms[1].lower()
        if word in TYPE_WORDS:
            return TYPE_WORDS[word]
    category = str(data.get("category", "")).lower()
    if category in CATEGORY_TYPES:
        return CATEGORY_TYPES[category]
    if data.get("host_title"):
        return "book-chapter"
    if data.get("journal"):
        return "article"
    if data.get("qualification") or data.get("awarding_institution"):
        return "thesis"
    return "other"


def _build(page: _Page) -> Publication:
    data = page.data
    lines: dict[str, int] = data.get("_lines", {})
    record: dict[str, Any] = {}
    record["type"] = _controlled_type(data)
    if data.get("type_terms"):
        record["source_type"] = {"scheme": "Pure", "terms": data["type_terms"]}
    title = data.get("title") or data.get("dive_title")
    if title:
        record["title"] = title
    if data.get("subtitle"):
        record["subtitle"] = data["subtitle"]
    if data.get("abstract_lines"):
        record["abstract"] = _abstract(data["abstract_lines"])
    contributors = [_person(n) for n in data.get("authors", [])]
    for role, key in (("editor", "editors"), ("supervisor", "supervisors")):
        if data.get(key):
            for name in re.split(r",\s*|\s+&\s+|\s+and\s+", data[key]):
                if name.strip():
                    contributors.append({**_person(name.strip()), "role": role})
    if data.get("commissioning_body"):
        contributors.append(
            {"kind": "organisation", "name": data["commissioning_body"], "role": "commissioner"}
        )
    if contributors:
        record["contributors"] = contributors
    if data.get("authors_truncated"):
        record["contributors_truncated"] = True
        if data.get("authors_omitted"):
            record["contributors_omitted"] = data["authors_omitted"]
    if data.get("language"):
        code = code_for(data["language"])
        if code:
            record["language"] = code
        else:
            page.warn(
                lines.get("language", 1),
                "pure-unknown-value",
                f"language {data['language']!r} is not a known language name",
                "/language",
            )
    dates: dict[str, str] = {}
    if data.get("status"):
        status_text, _, date_text = data["status"].partition(" - ")
        word = re.sub(r"\s*\(.*\)$", "", status_text).strip().lower()
        known = STATUS_WORDS.get(word)
        if known is None:
            page.warn(
                lines.get("status", 1),
                "pure-unknown-value",
                f"publication status {status_text!r} is not known",
                "/status",
            )
        else:
            record["status"], event = known
            if date_text and event:
                parsed = _date(date_text, page, lines.get("status"), "/dates/" + event)
                if parsed:
                    dates[event] = parsed
    for key, event in (("early_online", "early_online"), ("accepted_date", "accepted")):
        if data.get(key) and event not in dates:
            parsed = _date(data[key], page, lines.get(key), "/dates/" + event)
            if parsed:
                dates[event] = parsed
    if data.get("journal_date"):
        parsed = _date(data["journal_date"], page, lines.get("journal_date"), "/dates/published")
        if parsed and "published" not in dates:
            dates["published"] = parsed
        elif parsed and dates.get("published") != parsed:
            record.setdefault("notes", []).append(
                f"Journal publication date: {data['journal_date']}"
            )
    if data.get("award_date") and "published" not in dates:
        parsed = _date(data["award_date"], page, lines.get("award_date"), "/dates/published")
        if parsed:
            dates["published"] = parsed
    if dates:
        record["dates"] = dates
    container: dict[str, Any] = {}
    if data.get("journal"):
        container = {"kind": "journal", "title": data["journal"]}
    elif data.get("host_title"):
        kind = (
            "proceedings"
            if "conference" in str(data.get("category", "")).lower()
            and record["type"] == "conference-paper"
            else "book"
        )
        container = {"kind": kind, "title": data["host_title"]}
        if data.get("host_subtitle"):
            container["subtitle"] = data["host_subtitle"]
    isbns = {k: _isbns(data.get(k, "")) for k in ("isbn_print", "isbn_electronic")}
    if container.get("kind") in ("book", "proceedings"):
        container.update({k: v for k, v in isbns.items() if v})
    elif any(isbns.values()):
        record["identifiers"] = {k: v for k, v in isbns.items() if v}
    if data.get("issn") and container:
        container["issn_print"] = data["issn"].split(",")[0].strip()
    if container:
        record["container"] = container
    if data.get("series_name"):
        record["series"] = {"title": data["series_name"]}
        if data.get("series_number"):
            record["series"]["number"] = data["series_number"]
    held_at = _event(data, page, lines)
    if held_at:
        record["event"] = held_at
    for key in ("volume", "issue", "article_number", "publisher", "publisher_place"):
        if data.get(key):
            record[key] = data[key]
    if data.get("pages"):
        first, _, last = re.sub(r"\s*[-–—]\s*", "-", data["pages"]).partition("-")
        record["pages"] = {"first": first.strip()} | ({"last": last.strip()} if last else {})
    if data.get("page_count"):
        count = re.sub(r"\D", "", data["page_count"])
        if count and int(count) > 0:
            record["page_count"] = int(count)
        else:
            page.warn(
                lines.get("page_count", 1),
                "pure-unknown-value",
                f"number of pages {data['page_count']!r} is not a number",
                "/page_count",
            )
    identifiers: dict[str, Any] = record.setdefault("identifiers", {})
    doi = data.get("doi") or ""
    found = find_doi(doi) if doi else None
    if found:
        identifiers["doi"] = normalise_doi(found)
    elif data.get("doi_from_citation"):
        identifiers["doi"] = data["doi_from_citation"]
    if data.get("pure_id"):
        identifiers["other"] = [{"scheme": "pure", "value": data["pure_id"]}]
    if data.get("url"):
        identifiers["urls"] = [data["url"]]
    if not identifiers:
        del record["identifiers"]
    if data.get("keywords"):
        record["keywords"] = data["keywords"]
    if data.get("subjects"):
        record["subjects"] = [{"scheme": s, "term": t} for s, t in data["subjects"]]
    if data.get("peer_reviewed") is not None:
        record["peer_reviewed"] = data["peer_reviewed"]
    if data.get("externally_published"):
        answer = data["externally_published"].strip().lower()
        if answer in YES or answer in NO:
            record["externally_published"] = answer in YES
        else:
            page.warn(
                lines.get("externally_published", 1),
                "pure-unknown-value",
                f"'Externally published' is {answer!r}, not yes or no",
            )
    for key in ("citations", "downloads"):
        if data.get(key):
            record[key] = data[key]
    if data.get("qualification") or data.get("awarding_institution"):
        record["thesis"] = {
            k: v
            for k, v in (
                ("qualification", data.get("qualification")),
                (
                    "awarding_institutions",
                    [data["awarding_institution"]] if data.get("awarding_institution") else None,
                ),
            )
            if v
        }
    if data.get("notes"):
        record.setdefault("notes", []).extend(data["notes"])
    if data.get("edition"):
        record.setdefault("notes", []).append(f"Edition: {data['edition']}")
    truncated = _looks_truncated(data, record)
    record["provenance"] = {"reader": "pure"} | ({"truncated": True} if truncated else {})
    if data.get("institution"):
        record["provenance"]["institution"] = data["institution"]
    try:
        return Publication.model_validate(record)
    except ValidationError as error:
        problems = "; ".join(
            f"/{'/'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:3]
        )
        raise FormatError(
            f"the page's values do not make a valid record: {problems}", rule="pure-invalid"
        ) from None


def _isbns(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;]\s*", value) if p.strip()]


def _event(data: dict[str, Any], page: _Page, lines: dict[str, int]) -> dict[str, Any] | None:
    name = data.get("event")
    if not name:
        return None
    event: dict[str, Any] = {"name": name}
    place = ", ".join(p for p in (data.get("event_city"), data.get("event_country")) if p)
    if place:
        event["place"] = place
    if data.get("event_acronym"):
        event["acronym"] = data["event_acronym"]
    period = data.get("event_period")
    if period:
        pieces = re.split(r"\s*(?:→|->|–|—|\s-\s)\s*", period)
        start = pieces[0]
        end = pieces[1] if len(pieces) > 1 else ""
        parsed_start = _date(start, page, lines.get("event_period"), "/event/start")
        parsed_end = _date(end, page, lines.get("event_period"), "/event/end") if end else None
        if parsed_start:
            event["start"] = parsed_start
        if parsed_end:
            event["end"] = parsed_end
    return event


def _looks_truncated(data: dict[str, Any], record: dict[str, Any]) -> bool:
    """The excerpt was cut: no title line, an abstract stopping mid-sentence, or a page that
    does not reach its natural end ('Cite this', 'ID: n')."""
    if not data.get("title"):
        return True
    abstract = record.get("abstract")
    if abstract and not _TERMINAL.search(abstract.rstrip()):
        return True
    return not data.get("ended_naturally")


def sniff(text: str, suffix: str) -> bool:
    head = text[:6000]
    if any(label in head for label in TYPE_LINE_LABELS):
        return True
    return bool(
        re.search(r"^\s*\|?\s*(Original language|Publication status|Originalsprog)", head, re.M)
    )


_MAPPING = (
    FieldMap("title", "title line (or the 'Dive into the research topics' sentence)"),
    FieldMap("subtitle", "second title line"),
    FieldMap(
        "contributors",
        "author line / bullets; 'Editors'; 'Supervisors/Advisors'; 'Commissioning body'",
        Fidelity.LOSSY,
        "names split by position: no ORCID or affiliation on the page text",
    ),
    FieldMap("contributors_truncated", "'et al.' / '+ N more' on the author line"),
    FieldMap("type", "breadcrumb type word (Research output: category, type, facet)"),
    FieldMap("source_type", "breadcrumb category and type"),
    FieldMap("peer_reviewed", "'peer-review' token of the breadcrumb"),
    FieldMap("citations", "'N Scopus citations' / 'N Citations (Scopus)'"),
    FieldMap("downloads", "'N Downloads (Pure)'"),
    FieldMap(
        "abstract",
        "paragraphs before/after the labelled rows or under 'Abstract'",
        Fidelity.LOSSY,
        "line breaks lost by the crawler cannot be restored",
    ),
    FieldMap("language", "'Original language' / 'Language' / 'Originalsprog' (name -> ISO 639)"),
    FieldMap("status", "'State' / 'Publication status' before ' - '"),
    FieldMap("dates", "status date; 'Early online date'; 'Accepted/In press date'"),
    FieldMap("container", "'Journal' or 'Title of host publication' (+ subtitle, ISBNs)"),
    FieldMap("series", "'Publication series' section"),
    FieldMap("event", "'Event'/'Conference', 'City', 'Country/Territory', 'Period'"),
    FieldMap("volume", "'Volume'"),
    FieldMap("issue", "'Issue number'"),
    FieldMap("pages", "'Pages (from-to)' / 'Pages'"),
    FieldMap("article_number", "'Article number'"),
    FieldMap("page_count", "'Number of pages'"),
    FieldMap("publisher", "'Publisher'"),
    FieldMap("publisher_place", "'Place of Publication'"),
    FieldMap(
        "identifiers", "'DOIs' (or a DOI in the citation text), 'ID:' footer, ISBNs of a book"
    ),
    FieldMap("keywords", "bullets after the rows or under 'Keywords'"),
    FieldMap(
        "subjects", "'Fingerprint' words, 'ASJC Scopus subject areas', 'UN SDGs', 'OECD FOS+WOS'"
    ),
    FieldMap("externally_published", "'Externally published' Yes/No"),
    FieldMap("thesis", "'Qualification', 'Awarding Institution', thesis breadcrumb"),
    FieldMap("notes", "'Bibliographical note'"),
    FieldMap("provenance", "reader 'pure', truncated when the excerpt is cut, portal institution"),
)

FORMAT = Format(
    name="pure",
    title="research-portal (Elsevier Pure) page text, reader only",
    media_type="text/plain",
    suffixes=(".txt",),
    reader=read,
    writer=None,
    sniff=sniff,
    mapping=_MAPPING,
)
