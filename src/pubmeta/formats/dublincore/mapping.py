"""The Dublin Core vocabulary pubmeta uses: namespaces, OpenAIRE's info:eu-repo terms, and the
mapping table."""

from __future__ import annotations

import html
import re

from ...languages import code_for
from ...text import collapse
from ..base import Fidelity, FieldMap, dropped

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI = "http://www.openarchives.org/OAI/2.0/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
EU_REPO = "info:eu-repo/semantics/"
ALT_IDENTIFIER = EU_REPO + "altIdentifier/"
GRANT = "info:eu-repo/grantAgreement/"

TO_EU_REPO_TYPE = {
    "article": "article",
    "review-article": "article",
    "letter": "article",
    "editorial": "article",
    "comment": "article",
    "conference-paper": "conferenceObject",
    "conference-abstract": "conferenceObject",
    "book": "book",
    "book-chapter": "bookPart",
    "report": "report",
    "thesis": "doctoralThesis",
    "dataset": "other",
    "preprint": "preprint",
    "software": "other",
    "other": "other",
}
#: eu-repo or free-text dc:type (lower-case) -> record type.
FROM_TYPE = {
    "article": "article",
    "journal article": "article",
    "contributiontoperiodical": "article",
    "review": "review-article",
    "conferenceobject": "conference-paper",
    "conference paper": "conference-paper",
    "conference object": "conference-paper",
    "book": "book",
    "bookpart": "book-chapter",
    "book chapter": "book-chapter",
    "book part": "book-chapter",
    "chapter": "book-chapter",
    "report": "report",
    "technical report": "report",
    "workingpaper": "report",
    "working paper": "report",
    "doctoralthesis": "thesis",
    "masterthesis": "thesis",
    "bachelorthesis": "thesis",
    "thesis": "thesis",
    "doctoral thesis": "thesis",
    "master thesis": "thesis",
    "dataset": "dataset",
    "preprint": "preprint",
    "other": "other",
}
VERSION_OF_STATUS = {
    "published": "publishedVersion",
    "epub-ahead-of-print": "publishedVersion",
    "in-press": "acceptedVersion",
    "accepted": "acceptedVersion",
    "submitted": "submittedVersion",
    "unpublished": "draft",
}
STATUS_OF_VERSION = {
    "publishedversion": "published",
    "acceptedversion": "accepted",
    "submittedversion": "submitted",
    "draft": "unpublished",
}
ACCESS = {
    "open": "openAccess",
    "embargoed": "embargoedAccess",
    "restricted": "restrictedAccess",
    "closed": "closedAccess",
    "metadata-only": "closedAccess",
}
FROM_ACCESS = {v.lower(): k for k, v in ACCESS.items() if k != "metadata-only"}

#: "Title, Volume(Issue), Pages[, (date)]": the fixed shape pubmeta writes and Zenodo serves;
#: the title is greedy, so a title holding ", " stays whole.
SOURCE = re.compile(
    r"^(?P<title>.+), (?P<volume>[^,()]*)\((?P<issue>[^()]*)\), ?(?P<pages>[^,()]*?)"
    r"(?:, \((?P<date>[^()]*)\))?$"
)
UNSAFE_IN_SOURCE = re.compile(r"[,()]")
SOURCE_ISSN = re.compile(r"^(?P<kind>e?ISSN):?\s*(?P<issn>\S+)$", re.IGNORECASE)
DATE_START = re.compile(r"^(-?\d{4}(?:-\d{2}(?:-\d{2})?)?)(?![\d])")

MAPPING = (
    FieldMap(
        "type",
        "dc:type info:eu-repo/semantics/<type>",
        Fidelity.LOSSY,
        "article-like types read back as article; dataset as other",
    ),
    FieldMap("source_type", "dc:type free text (read only)", Fidelity.DROPPED, "not written"),
    FieldMap(
        "title",
        "dc:title[@xml:lang]",
        Fidelity.LOSSY,
        "a subtitle is joined to it as 'Title: Subtitle'",
    ),
    FieldMap(
        "subtitle", "dc:title 'Title: Subtitle'", Fidelity.LOSSY, "reads back as part of the title"
    ),
    FieldMap(
        "translated_titles",
        "further dc:title with another xml:lang",
        Fidelity.LOSSY,
        "a translated subtitle joins its title; on a record without a title, the first in the "
        "record's own language (the same primary subtag) reads back as its title, in the "
        "record's language (DC cannot tell them apart)",
    ),
    FieldMap("abstract", "dc:description (escaped HTML in real records read as plain text)"),
    FieldMap(
        "contributors",
        "dc:creator (authors), dc:contributor (others) as 'Family, Given'",
        Fidelity.LOSSY,
        "roles other than author read back as contributor; organisations, ORCID, affiliations "
        "and dropping particles are not carried",
    ),
    *dropped("contributors_truncated contributors_omitted"),
    FieldMap(
        "language",
        "dc:language ISO 639-3",
        Fidelity.LOSSY,
        "a region subtag rides on the title's xml:lang",
    ),
    FieldMap(
        "status",
        "dc:type info:eu-repo/semantics/<version>",
        Fidelity.LOSSY,
        "epub-ahead-of-print reads back as published, in-press as accepted",
    ),
    FieldMap(
        "dates",
        "dc:date ISO 8601 (published, else early online)",
        Fidelity.LOSSY,
        "one date only; submitted/accepted are not carried",
    ),
    FieldMap(
        "container",
        "dc:source 'Title, Volume(Issue), Pages' and 'ISSN:'/'eISSN:'; read: dc:relation "
        "altIdentifier/pissn|eissn",
        Fidelity.LOSSY,
        "container kind, subtitle, abbreviation and ISBNs are not carried",
    ),
    *dropped("series event"),
    FieldMap("volume", "dc:source", Fidelity.LOSSY, "only with a container title"),
    FieldMap("issue", "dc:source", Fidelity.LOSSY, "only with a container title"),
    FieldMap("pages", "dc:source", Fidelity.LOSSY, "only with a container title"),
    FieldMap(
        "article_number",
        "dc:source",
        Fidelity.LOSSY,
        "only with a container title and without pages",
    ),
    *dropped("page_count version"),
    FieldMap("publisher", "dc:publisher"),
    FieldMap("publisher_place", "-", Fidelity.DROPPED),
    FieldMap(
        "identifiers",
        "dc:identifier: https://doi.org/..., PubMed and PMC URLs, urn:isbn:..., URLs; read: "
        "dc:relation info:eu-repo/semantics/altIdentifier/<scheme>/... (doi, pmid, pmc, "
        "isbn, arxiv, hdl, urn, ark, purl, wos)",
        Fidelity.LOSSY,
        "Scopus EID and other identifiers are not written; ISBN medium is not kept; a "
        "chapter's ISBNs are read as its book's (container)",
    ),
    FieldMap("keywords", "dc:subject"),
    *dropped("subjects peer_reviewed externally_published citations downloads"),
    FieldMap("license", "dc:rights (licence URL)", Fidelity.LOSSY, "licence text not written"),
    FieldMap(
        "access_rights",
        "dc:rights info:eu-repo/semantics/<access>Access",
        Fidelity.LOSSY,
        "metadata-only reads back as closed",
    ),
    FieldMap(
        "funding",
        "dc:relation info:eu-repo/grantAgreement/<funder>//<award>",
        Fidelity.LOSSY,
        "only funder and award (without '/'); funder ids not carried",
    ),
    FieldMap("thesis", "-", Fidelity.DROPPED),
    FieldMap(
        "notes", "- (read: dc:relation, dc:coverage, dc:format and extra values)", Fidelity.DROPPED
    ),
    *dropped("related provenance"),
)


def same_language(tag: str | None, language: str | None) -> bool:
    """Whether a title's xml:lang is the record's language (the same primary subtag; a title
    or a record without a language matches any): the main title is the first that is."""
    if not tag or not language:
        return True
    return (code_for(tag) or tag).split("-")[0] == language.split("-")[0]


_HTML_TAG = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|ul|ol|em|strong|i|b|u|a|span|sup|sub|blockquote|code)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_HTML_BLOCK = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|blockquote)(?:\s[^<>]*)?/?>", re.I)


def plain_description(text: str) -> str:
    """A dc:description as plain paragraphs. Descriptions often carry (escaped) HTML, as
    Zenodo and OJS serve them; only real HTML tags go, a '<' in prose ("x < y") is text."""
    if "<" not in text and "&" not in text:  # no markup, escaped or not (most descriptions)
        unescaped = text
    elif _HTML_TAG.search(html.unescape(text)):
        unescaped = html.unescape(text)
    else:
        unescaped = text
    if "<" in unescaped and _HTML_TAG.search(unescaped):
        unescaped = _HTML_TAG.sub("", _HTML_BLOCK.sub("\n\n", unescaped))
    paragraphs = [collapse(p) for p in re.split(r"\n[ \t\r]*\n", unescaped)]
    return "\n\n".join(p for p in paragraphs if p)


def written_description(text: str) -> str:
    """An abstract as dc:description holds it: what :func:`plain_description` reads back, so
    the written description reads as itself. Taking the tags out can join a new one ('<<b>i>'),
    so the rule runs to its fixed point; each pass that changes the text shortens it."""
    while (plain := plain_description(text)) != text:
        text = plain
    return text
