"""The BibTeX vocabulary pubmeta uses: entry types both ways, month macros, the fields it
reads, and the mapping table (what travels, what is lossy and how)."""

from __future__ import annotations

from ...dates import MONTHS as MONTHS_BY_NAME
from ..base import Fidelity, FieldMap, dropped

#: Record type -> entry type written (BibTeX's standard types; biblatex reads them too).
TO_ENTRY_TYPE = {
    "article": "article",
    "review-article": "article",
    "letter": "article",
    "editorial": "article",
    "comment": "article",
    "conference-paper": "inproceedings",
    "conference-abstract": "inproceedings",
    "book": "book",
    "book-chapter": "incollection",
    "report": "techreport",
    "thesis": "phdthesis",
    "dataset": "misc",
    "preprint": "unpublished",
    "software": "software",
    "other": "misc",
}
#: Entry type read (lower-case; BibTeX and biblatex) -> record type.
FROM_ENTRY_TYPE = {
    "article": "article",
    "inproceedings": "conference-paper",
    "conference": "conference-paper",
    "incollection": "book-chapter",
    "inbook": "book-chapter",
    "bookinbook": "book-chapter",
    "suppbook": "book-chapter",
    "book": "book",
    "mvbook": "book",
    "booklet": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "dataset": "dataset",
    "data": "dataset",
    "unpublished": "preprint",
    "misc": "other",
    "online": "other",
    "electronic": "other",
    "www": "other",
    "webpage": "other",
    "software": "software",
    "patent": "other",
    "periodical": "other",
    "standard": "report",
}
#: Entry types whose ``booktitle``/``title`` of a crossref parent is the host book.
PART_TYPES = frozenset({"inproceedings", "conference", "incollection", "inbook", "bookinbook"})
#: Container kinds by the record type of the part.
CONTAINER_KIND = {"article": "journal", "conference-paper": "proceedings", "book-chapter": "book"}

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: What the month macros stand for, as BibTeX's standard styles define them ('jan' is
#: "January"): so '"10~" # jan' reads "10~January", the 10th of January.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
#: Month words a ``month`` field holds (macros, English names and abbreviations).
MONTH_WORDS = MONTHS_BY_NAME

#: biblatex ``pubstate`` <-> record status.
TO_PUBSTATE = {
    "in-press": "inpress",
    "accepted": "forthcoming",
    "submitted": "submitted",
    "epub-ahead-of-print": "prepublished",
}
FROM_PUBSTATE = {
    "inpress": "in-press",
    "in press": "in-press",
    "forthcoming": "accepted",
    "submitted": "submitted",
    "prepublished": "epub-ahead-of-print",
}

#: Fields read but deliberately not carried into the record: said once per entry in a warning.
IGNORED_QUIETLY = frozenset({"crossref", "key"})

MAPPING: tuple[FieldMap, ...] = (
    FieldMap(
        "type",
        "@type: article, inproceedings, incollection, book, techreport, phdthesis, "
        "unpublished (preprint), misc",
        Fidelity.LOSSY,
        "review articles, letters, editorials and comments read back as article, conference "
        "abstracts as conference-paper, datasets as other (software is biblatex's @software)",
    ),
    FieldMap("source_type", "-", Fidelity.DROPPED),
    FieldMap(
        "title",
        "title (capitals braced so styles keep them)",
        Fidelity.LOSSY,
        "a subtitle is joined as 'Title: Subtitle'; in every text a run of spaces reads as one "
        "space, as LaTeX reads it",
    ),
    FieldMap("subtitle", "title after ': '", Fidelity.LOSSY, "reads back as part of the title"),
    FieldMap("translated_titles", "-", Fidelity.DROPPED),
    FieldMap("abstract", "abstract", Fidelity.LOSSY, "paragraph breaks are kept as blank lines"),
    FieldMap(
        "contributors",
        "author, editor, translator: 'von Last, Jr, First' joined by ' and '; organisations "
        "in braces; 'and others' for a truncated list",
        Fidelity.LOSSY,
        "ORCID, affiliations, e-mail, other roles are not carried; a dropping particle reads "
        "back as the particle, and a particle's words after its last lower-case one (all of "
        "'De' in 'De Gaulle') as the family name's, as BibTeX reads them; a person with only a "
        "literal name reads back as an organisation",
    ),
    FieldMap("contributors_truncated", "'and others' after the last author"),
    FieldMap("contributors_omitted", "-", Fidelity.DROPPED),
    FieldMap("language", "language (the code as stored; names such as 'english' are read)"),
    FieldMap(
        "status",
        "pubstate (biblatex)",
        Fidelity.LOSSY,
        "published and unpublished read back as absent",
    ),
    FieldMap(
        "dates",
        "year, month (macro), date (biblatex, when the day is known)",
        Fidelity.LOSSY,
        "one date: published, else early online; years before the common era as negative "
        "astronomical years",
    ),
    FieldMap(
        "container",
        "journal, shortjournal, booktitle, issn, isbn (of the host book)",
        Fidelity.LOSSY,
        "subtitle joined to the title; electronic ISSN and ISBNs read back as print",
    ),
    FieldMap("series", "series", Fidelity.LOSSY, "the series number and ISSN are not carried"),
    FieldMap(
        "event",
        "eventtitle, venue (biblatex)",
        Fidelity.LOSSY,
        "event dates and acronym are not carried",
    ),
    FieldMap("volume", "volume"),
    FieldMap("issue", "number"),
    FieldMap("pages", "pages 'first--last' (abbreviated last pages such as 227--32 expanded)"),
    FieldMap("article_number", "eid"),
    FieldMap("page_count", "pagetotal (biblatex)"),
    FieldMap("version", "version (biblatex)"),
    FieldMap("publisher", "publisher (institution of a report, school of a thesis read)"),
    FieldMap("publisher_place", "address"),
    FieldMap(
        "identifiers",
        "doi, url, isbn, pmid, pmcid; eprint with eprinttype arxiv/pubmed read",
        Fidelity.LOSSY,
        "only the first URL, its '\\', '{' and '}' percent-encoded (%5C, %7B, %7D: they "
        "would end or break the value; a URI cannot hold them anyway), so read back encoded; "
        "ISBNs read back as print; Scopus EID and other identifiers are not written",
    ),
    FieldMap("keywords", "keywords ('a, b'; '; ' when a keyword holds a comma)"),
    *dropped(
        "subjects peer_reviewed externally_published citations downloads license access_rights "
        "funding related"
    ),
    FieldMap(
        "thesis",
        "school (read: awarding institution)",
        Fidelity.LOSSY,
        "the qualification is told only by phdthesis/mastersthesis",
    ),
    FieldMap("notes", "-", Fidelity.DROPPED, "read: note, annote and fields of no record field"),
    FieldMap("provenance", "-", Fidelity.DROPPED),
)
