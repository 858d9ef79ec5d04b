"""The JATS mapping: article types, date kinds, and the custom-meta names, one table each.

What JATS has no element for travels in ``<custom-meta>`` under ``pubmeta:`` names; the writer
writes, the reader reads and the mapping table describes exactly the names listed here.
"""

from __future__ import annotations

from ..base import Fidelity, FieldMap

XLINK = "http://www.w3.org/1999/xlink"
ALI = "http://www.niso.org/schemas/ali/1.0/"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"xlink": XLINK, "ali": ALI, "mml": "http://www.w3.org/1998/Math/MathML"}
DOCTYPE = (
    '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 '
    '20210610//EN" "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd">'
)
CUSTOM = "pubmeta:"

#: record type -> JATS @article-type (JATS suggested values).
ARTICLE_TYPES = {
    "article": "research-article",
    "review-article": "review-article",
    "letter": "letter",
    "editorial": "editorial",
    "comment": "article-commentary",
    "conference-paper": "research-article",
    "conference-abstract": "abstract",
    "book": "other",
    "book-chapter": "other",
    "report": "other",
    "thesis": "dissertation",
    "dataset": "data-paper",
    "preprint": "research-article",
    "software": "other",
    "other": "other",
}
#: JATS @article-type -> record type, for articles without pubmeta's own custom-meta.
FROM_ARTICLE_TYPE = {
    "research-article": "article",
    "article": "article",
    "brief-report": "article",
    "case-report": "article",
    "rapid-communication": "article",
    "review-article": "review-article",
    "systematic-review": "review-article",
    "letter": "letter",
    "reply": "letter",
    "editorial": "editorial",
    "article-commentary": "comment",
    "discussion": "comment",
    "abstract": "conference-abstract",
    "meeting-report": "conference-paper",
    "dissertation": "thesis",
    "data-paper": "dataset",
    "book-review": "other",
    "correction": "other",
    "retraction": "other",
    "preprint": "preprint",
}
#: NLM @pub-type values of a print date, for reading older articles.
PRINT_PUB_TYPES = {"ppub", "collection", "epub-ppub", "epreprint-ppub"}
PRINT_PUB_DATE = {"publication-format": "print", "date-type": "pub"}
ELECTRONIC_PUB_DATE = {"publication-format": "electronic", "date-type": "pub"}
#: <era> words that mean "before the common era".
BCE_ERAS = {"bce", "bc", "b.c.", "b.c.e."}
CONTRIB_ROLES = ("author", "editor", "supervisor", "translator", "commissioner", "contributor")

#: record field -> custom-meta name (after ``pubmeta:``); the value is JSON, except for the
#: plain-text ones in PLAIN_CUSTOM. When each is written is the writer's business; the reader
#: takes every one it finds.
CUSTOM_FIELDS = {
    "type": "type",
    "peer_reviewed": "peer-reviewed",
    "externally_published": "externally-published",
    "status": "status",
    "access_rights": "access-rights",
    "contributors_truncated": "contributors-truncated",
    "contributors_omitted": "contributors-omitted",
    "publisher_place": "publisher-place",
    "article_number": "article-number",
    "dates": "dates",
    "citations": "citations",
    "downloads": "downloads",
    "container": "container",
    "series": "series",
    "thesis": "thesis",
    "provenance": "provenance",
    "notes": "notes",
    "event": "event",
    "version": "version",
    "related": "related",
}
PLAIN_CUSTOM = {"type", "article-number"}
#: Fields given as one custom-meta per list item (the rest: one custom-meta each).
LIST_CUSTOM = {"citations", "downloads"}
#: custom-meta name of a contributor's name split: pubmeta:name:<index>.
NAME_SPLIT = "name:"
FROM_CUSTOM = {name: field for field, name in CUSTOM_FIELDS.items()}


def _custom(field: str) -> str:
    return f"custom-meta {CUSTOM}{CUSTOM_FIELDS[field]}"


MAPPING = (
    FieldMap("type", f"@article-type (+ {_custom('type')} for the exact type)"),
    FieldMap("source_type", "article-categories/subj-group[@subj-group-type='source-type']"),
    FieldMap("title", "title-group/article-title"),
    FieldMap("subtitle", "title-group/subtitle"),
    FieldMap("translated_titles", "title-group/trans-title-group[@xml:lang]"),
    FieldMap("abstract", "abstract/p (one per paragraph)"),
    FieldMap(
        "contributors",
        "contrib-group/contrib: name (surname, given-names, suffix; given-only names), "
        "string-name, collab, contrib-id[orcid], xref -> aff, email, @corresp",
        Fidelity.CARRIED,
        "particles are written inside <surname>; lower-case leading words are read back as "
        f"the particle, another split via custom-meta {CUSTOM}{NAME_SPLIT}<n>",
    ),
    FieldMap("contributors_truncated", _custom("contributors_truncated")),
    FieldMap("contributors_omitted", _custom("contributors_omitted")),
    FieldMap("language", "article/@xml:lang"),
    FieldMap("status", _custom("status")),
    FieldMap(
        "dates",
        "pub-date[@publication-format=print|electronic][@date-type=pub], "
        "history/date[@date-type=received|accepted] (years before the common era with "
        f"<era>BCE</era>); {_custom('dates')} when an early-online date stands alone (JATS "
        "readers take a lone electronic pub-date as the publication date)",
    ),
    FieldMap(
        "container",
        "journal-meta (journal-title, abbrev-journal-title, issn @pub-type/"
        f"@publication-format), article-meta/isbn; a book container via {_custom('container')}",
    ),
    FieldMap("series", _custom("series")),
    FieldMap(
        "event",
        "conference (conf-date start/end, conf-name, conf-acronym, conf-loc); "
        f"{_custom('event')} when the event has no start date (JATS requires conf-date)",
    ),
    FieldMap("volume", "volume"),
    FieldMap("issue", "issue"),
    FieldMap("pages", "fpage, lpage"),
    FieldMap("article_number", f"elocation-id ({_custom('article_number')} beside pages)"),
    FieldMap("page_count", "counts/page-count/@count"),
    FieldMap("version", _custom("version")),
    FieldMap("publisher", "journal-meta/publisher/publisher-name"),
    FieldMap(
        "publisher_place",
        f"journal-meta/publisher/publisher-loc ({_custom('publisher_place')} without a name)",
    ),
    FieldMap(
        "identifiers",
        "article-id[@pub-id-type=doi|pmid|pmcid|isbn|other], "
        "article-id[@pub-id-type=custom][@custom-type=scopus-eid], self-uri",
    ),
    FieldMap("keywords", "kwd-group[@kwd-group-type=author]/kwd"),
    FieldMap("subjects", "article-categories/subj-group[@subj-group-type=subject][@vocab]"),
    FieldMap("peer_reviewed", _custom("peer_reviewed")),
    FieldMap("externally_published", _custom("externally_published")),
    FieldMap("citations", _custom("citations")),
    FieldMap("downloads", _custom("downloads")),
    FieldMap("license", "permissions/license/@xlink:href, ali:license_ref, license-p"),
    FieldMap("access_rights", _custom("access_rights")),
    FieldMap("funding", "funding-group/award-group (funding-source, institution-id, award-id)"),
    FieldMap("related", _custom("related")),
    FieldMap("thesis", _custom("thesis")),
    FieldMap("notes", _custom("notes")),
    FieldMap("provenance", _custom("provenance")),
)
