"""Research-portal (Elsevier Pure) page text -> record. Reader only.

The page's lines are read into the page's own terms by the layout rules (:mod:`.layout`) and
the vocabulary of every portal language (:mod:`.vocabulary`, one data file per language), then
mapped to the record's native form (:mod:`.build`), which goes through the same salvage path as
every reader's. Whatever is not understood becomes a warning naming the line, never silence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...errors import FormatError
from ..base import Fidelity, FieldMap, Format, Reading, outside


def read(text: str, suffix: str = "") -> list[Reading]:
    """One record from one page's text."""
    from .build import build
    from .layout import Parser
    from .lines import Line, Page

    if not text.strip():
        raise FormatError(
            "empty document: no research-portal record", line=1, column=1, rule="empty"
        )
    if "\x00" in text or text.count("\ufffd") > max(20, len(text) // 20):
        raise FormatError(
            "binary data, not the text of a research-portal page",
            line=1,
            column=1,
            rule="pure-binary",
        )
    lines = [Line(n, raw.rstrip()) for n, raw in enumerate(text.split("\n"), start=1)]
    page = Page()
    Parser(lines, page).run()
    if page.recognised == 0:
        raise FormatError(
            "no research-output record found: expected a 'Research output:' line or labelled "
            "fields such as 'Original language' or 'Publication status'",
            line=1,
            column=1,
            rule="pure-not-a-record",
        )
    document = build(page)
    if document.get("provenance", {}).get("truncated"):
        page.warn(
            len(lines),
            "pure-truncated",
            "the page text is cut off: what it does not show is left empty, not guessed",
            "/provenance/truncated",
        )
    return [outside(document, page.issues)]


@lru_cache(maxsize=1)
def _sniffer() -> re.Pattern[str]:
    from .vocabulary import vocabulary

    words = vocabulary()
    # the breadcrumb anywhere, or a row that only record pages have (language, status)
    strong = words.record_labels
    crumbs = "|".join(re.escape(w) for w in words.type_line_labels)
    rows = "|".join(re.escape(w) for w in sorted(strong, key=len, reverse=True))
    return re.compile(rf"(?:{crumbs})|^\s*\|?\s*(?:{rows})", re.M)


def sniff(text: str, suffix: str) -> bool:
    head = text[:6000]
    if head.lstrip().startswith(("{", "[", "<")):
        return False
    return _sniffer().search(head) is not None


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
    FieldMap("contributors_omitted", "N of '+ N more' on the author line"),
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
    FieldMap("version", "-", Fidelity.DROPPED, "portal pages do not show one"),
    FieldMap("related", "-", Fidelity.DROPPED, "portal pages do not show them"),
)

FORMAT = Format(
    name="pure",
    title="research-portal (Elsevier Pure) page text, reader only",
    media_type="text/plain",
    suffixes=(".txt",),
    reader=read,
    writer=None,
    sniff=sniff,
    mapping_source=_MAPPING,
)
