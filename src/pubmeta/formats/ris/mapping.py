"""The RIS vocabulary pubmeta uses: reference types both ways, the tags it reads (both tag
generations), and the mapping table."""

from __future__ import annotations

import re

from ..base import Fidelity, FieldMap, dropped

#: Record type -> TY written.
TO_TYPE = {
    "article": "JOUR",
    "review-article": "JOUR",
    "letter": "JOUR",
    "editorial": "JOUR",
    "comment": "JOUR",
    "conference-paper": "CPAPER",
    "conference-abstract": "ABST",
    "book": "BOOK",
    "book-chapter": "CHAP",
    "report": "RPRT",
    "thesis": "THES",
    "dataset": "DATA",
    "preprint": "UNPB",
    "software": "COMP",
    "other": "GEN",
}
#: TY read -> record type.
FROM_TYPE = {
    "JOUR": "article",
    "JFULL": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "NEWS": "article",
    "INPR": "article",
    "ABST": "conference-abstract",
    "CPAPER": "conference-paper",
    "CONF": "conference-paper",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "book-chapter",
    "ECHAP": "book-chapter",
    "RPRT": "report",
    "GOVDOC": "report",
    "STAND": "report",
    "THES": "thesis",
    "DATA": "dataset",
    "DBASE": "dataset",
    "UNPB": "preprint",
    "MANSCPT": "preprint",
    "GEN": "other",
    "ELEC": "other",
    "ICOMM": "other",
    "COMP": "software",
    "PAT": "other",
    "SER": "other",
}
#: Tags read as authors / editors / translators (first and second generation).
AUTHOR_TAGS = ("AU", "A1")
EDITOR_TAGS = ("A2", "ED")
TRANSLATOR_TAGS = ("A4",)
TITLE_TAGS = ("TI", "T1", "CT", "BT")
JOURNAL_TAGS = ("JF", "JO", "T2")
ABBREVIATION_TAGS = ("J2", "JA", "J1")
DATE_TAGS = ("DA", "PY", "Y1")
ABSTRACT_TAGS = ("AB", "N2")
#: Tags whose value runs over several lines (continuation lines join with a line break).
MULTILINE_TAGS = frozenset({"AB", "N2", "N1"})
#: A line as RIS readers take a tag line: a capital and a capital or digit, two spaces (one,
#: from some exporters), a hyphen, then a space and the value, or nothing. RIS has no escape,
#: so no continuation line may look like this.
TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  ?-(?: (.*)|)$")
#: A run of spaces in a one-line value: read and written as one space (RIS exporters pad the
#: lines they wrap; a double space carries no meaning there).
RUN_OF_SPACES = re.compile(r"[ \t]{2,}")

#: Words that make a name without a comma an organisation's; other names without a comma are
#: persons in natural order ('Catarina Barata', as JabRef and publishers export them).
ORGANISATION_WORDS = frozenset(
    {
        "organization", "organisation", "institute", "institut", "university", "universität",
        "université", "group", "consortium", "committee", "association", "society", "council",
        "agency", "ministry", "department", "center", "centre", "foundation", "collaboration",
        "network", "team", "commission", "office", "board", "federation", "academy", "bank",
        "union", "corporation", "inc.", "ltd", "ltd.", "gmbh", "company", "project",
        "initiative", "alliance", "service", "services", "authority", "laboratory",
    }
)  # fmt: skip


#: a page range given in SP alone ('SP  - 12-19'), and the dash that splits it
SP_RANGE = re.compile(r"\S+\s*[-–]\s*\S+")
SP_RANGE_DASH = re.compile(r"\s*[-–]\s*")


def reads_as_organisation(name: str) -> bool:
    """A name without a comma: an organisation's when it is one word or names a kind of body;
    else a person's in natural order."""
    words = name.split()
    return len(words) < 2 or any(w.lower().strip("()") in ORGANISATION_WORDS for w in words)


_TIGHT_COMMA = re.compile(r"^([^\W\d_][^,\d]*),([^\W\d_][^,\d]*)$")


def tight_comma(value: str) -> tuple[str, str] | None:
    """Reference Manager writes 'Baldwin,S.A.' and 'Family,Given': one comma without a space
    between a family name and given names or initials, no digit on either side, no word of
    an organisation: (family, given), else None."""
    tight = _TIGHT_COMMA.match(value.strip())
    if tight is None or any(w.lower().strip("(),") in ORGANISATION_WORDS for w in value.split()):
        return None
    return tight.group(1).strip(), tight.group(2).strip()


MAPPING: tuple[FieldMap, ...] = (
    FieldMap(
        "type",
        "TY: JOUR, CPAPER, ABST, BOOK, CHAP, RPRT, THES, DATA, UNPB, GEN",
        Fidelity.LOSSY,
        "review articles, letters, editorials and comments read back as article",
    ),
    FieldMap("source_type", "-", Fidelity.DROPPED),
    FieldMap(
        "title",
        "TI",
        Fidelity.LOSSY,
        "a subtitle is joined as 'Title: Subtitle'; in every one-line value a run of spaces "
        "reads as one space (exporters pad the lines they wrap)",
    ),
    FieldMap("subtitle", "TI after ': '", Fidelity.LOSSY, "reads back as part of the title"),
    FieldMap("translated_titles", "-", Fidelity.DROPPED),
    FieldMap(
        "abstract",
        "AB (paragraphs on continuation lines)",
        Fidelity.LOSSY,
        "a paragraph that would read as a tag line ('ER  - ') joins the one before it",
    ),
    FieldMap(
        "contributors",
        "AU (authors), A2 (editors), A4 (translators): 'Family, Given, Suffix', one per line; "
        "a name without a comma is an organisation's when it is one word or names a kind of "
        "body (University, Group...), else a person's in natural order",
        Fidelity.LOSSY,
        "ORCID, affiliations, e-mail and other roles are not carried; particles are read by "
        "the shared rule (lower-case leading words of the family name); an organisation or "
        "literal name that would read as a person is written 'Name,' and reads back as a "
        "family name; a comma before a space or at the end of a given name or suffix, which "
        "would part the name again, is left out",
    ),
    *dropped("contributors_truncated contributors_omitted"),
    FieldMap("language", "LA (the code as stored; names such as 'English' are read)"),
    FieldMap("status", "-", Fidelity.DROPPED, "read: TY INPR as in press"),
    FieldMap(
        "dates",
        "PY (year), DA (YYYY/MM/DD/, empty parts left empty)",
        Fidelity.LOSSY,
        "one date: published, else early online; a year 0 (1 BC) is not written: exporters "
        "write 0000 for no year, and readers read it so",
    ),
    FieldMap(
        "container",
        "T2 (journal or host title), J2 (abbreviation), SN (ISSN of the journal, ISBN of the "
        "host book)",
        Fidelity.LOSSY,
        "subtitle joined to the title; electronic ISSN and ISBNs read back as print",
    ),
    FieldMap("series", "T3", Fidelity.LOSSY, "the series number and ISSN are not carried"),
    FieldMap("event", "-", Fidelity.DROPPED, "read: T2 of CONF/CPAPER is the proceedings"),
    FieldMap("volume", "VL"),
    FieldMap("issue", "IS"),
    FieldMap("pages", "SP, EP"),
    FieldMap("article_number", "C7 (the article number, as EndNote and Zotero write it)"),
    FieldMap("page_count", "-", Fidelity.DROPPED),
    FieldMap("version", "-", Fidelity.DROPPED, "RIS has no version tag (ET is the edition)"),
    FieldMap("publisher", "PB"),
    FieldMap("publisher_place", "CY"),
    FieldMap(
        "identifiers",
        "DO, UR (one line each), SN (ISBN of a book), C2 (PMCID), AN (PMID)",
        Fidelity.LOSSY,
        "ISBNs read back as print; Scopus EID and other identifiers are not written",
    ),
    FieldMap("keywords", "KW (one line each)"),
    *dropped(
        "subjects peer_reviewed externally_published citations downloads license access_rights "
        "funding related thesis"
    ),
    FieldMap("notes", "-", Fidelity.DROPPED, "read: N1 and tags of no record field"),
    FieldMap("provenance", "-", Fidelity.DROPPED),
)
