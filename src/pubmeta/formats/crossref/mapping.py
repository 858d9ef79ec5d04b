"""What travels between the record and Crossref: types both ways, roles, the deposit's
namespaces and the limits its schema puts on values. One table for the reader, the writer,
``pubmeta formats`` and README."""

from __future__ import annotations

from ..base import Fidelity, FieldMap, dropped

VERSIONS = ("5.3.1", "5.4.0")
DEFAULT_VERSION = "5.3.1"
JATS_NS = "http://www.ncbi.nlm.nih.gov/JATS1"
AI_NS = "http://www.crossref.org/AccessIndicators.xsd"
FR_NS = "http://www.crossref.org/fundref.xsd"
REL_NS = "http://www.crossref.org/relations.xsd"


def namespace(version: str) -> str:
    return f"http://www.crossref.org/schema/{version}"


def schema_location(version: str) -> str:
    return f"{namespace(version)} https://www.crossref.org/schemas/crossref{version}.xsd"


#: Crossref REST ``type`` -> record type
FROM_TYPE: dict[str, str] = {
    "journal-article": "article",
    "proceedings-article": "conference-paper",
    "book-chapter": "book-chapter",
    "book-section": "book-chapter",
    "book-part": "book-chapter",
    "reference-entry": "book-chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-set": "book",
    "book-series": "book",
    "dissertation": "thesis",
    "report": "report",
    "report-component": "report",
    "report-series": "report",
    "dataset": "dataset",
    "database": "dataset",
    "posted-content": "preprint",
}

#: record type -> the deposit structure that holds it (element under <body>)
STRUCTURE: dict[str, str] = {
    "article": "journal",
    "review-article": "journal",
    "letter": "journal",
    "editorial": "journal",
    "comment": "journal",
    "conference-paper": "conference",
    "conference-abstract": "conference",
    "book-chapter": "book-chapter",
    "book": "book",
    "thesis": "dissertation",
    "report": "report-paper",
    "dataset": "database",
    "preprint": "posted_content",
    "software": "posted_content",
    "other": "posted_content",
}

#: deposit structure (and posted_content type) -> record type, for the XML reader
FROM_STRUCTURE: dict[str, str] = {
    "journal_article": "article",
    "conference_paper": "conference-paper",
    "content_item": "book-chapter",
    "book_metadata": "book",
    "dissertation": "thesis",
    "report-paper_metadata": "report",
    "dataset": "dataset",
    "posted_content": "preprint",
}
POSTED_CONTENT_TYPE = {"preprint": "preprint", "software": "other", "other": "other"}

#: record relation -> (rel:program element, relationship-type); relations Crossref has no word
#: for (is-cited-by, cites, is-new-version-of, is-published-in, describes...) are not deposited
RELATIONS: dict[str, tuple[str, str]] = {
    **{relation: ("inter_work_relation", kind) for relation, kind in {
        "is-derived-from": "isDerivedFrom", "is-source-of": "hasDerivation",
        "reviews": "isReviewOf", "is-reviewed-by": "hasReview",
        "is-compiled-by": "isCompiledBy", "compiles": "compiles",
        "is-documented-by": "isDocumentedBy", "documents": "documents",
        "is-supplement-to": "isSupplementTo", "is-supplemented-by": "isSupplementedBy",
        "is-continued-by": "isContinuedBy", "continues": "continues",
        "is-part-of": "isPartOf", "has-part": "hasPart",
        "references": "references", "is-referenced-by": "isReferencedBy",
        "requires": "requires", "is-required-by": "isRequiredBy",
    }.items()},
    **{relation: ("intra_work_relation", kind) for relation, kind in {
        "is-translation-of": "isTranslationOf", "has-translation": "hasTranslation",
        "is-identical-to": "isIdenticalTo", "is-variant-form-of": "isVariantFormOf",
        "is-original-form-of": "isOriginalFormOf", "is-version-of": "isVersionOf",
        "has-version": "hasVersion",
    }.items()},
}  # fmt: skip
FROM_RELATION = {kind: relation for relation, (_, kind) in RELATIONS.items()}
#: record related-identifier scheme -> identifier-type (kinds without one are not deposited)
RELATED_SCHEMES: dict[str, str] = {
    "doi": "doi", "issn": "issn", "eissn": "issn", "lissn": "issn", "isbn": "isbn",
    "url": "uri", "pmid": "pmid", "purl": "purl", "arxiv": "arxiv", "ark": "ark",
    "handle": "handle",
}  # fmt: skip
FROM_RELATED_SCHEME = {"doi": "doi", "issn": "issn", "isbn": "isbn", "uri": "url",
                       "pmid": "pmid", "purl": "purl", "arxiv": "arxiv", "ark": "ark",
                       "handle": "handle"}  # fmt: skip


def related_as_read(relation: str, kind: str, value: str) -> dict[str, str] | None:
    """A Crossref relation (relationship-type or the REST API's dashed key, identifier-type)
    as the record's related identifier; None for what the record has no word for."""
    camel = "".join(w.capitalize() if i else w for i, w in enumerate(relation.split("-")))
    ours = FROM_RELATION.get(camel)
    scheme = FROM_RELATED_SCHEME.get(kind.lower())
    if ours is None or scheme is None or not value:
        return None
    return {"relation": ours, "scheme": scheme, "value": value}


#: record role -> contributor_role; roles Crossref has no word for are not written
ROLES: dict[str, str] = {"author": "author", "editor": "editor", "translator": "translator"}
FROM_ROLE: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "chair": "editor",
}

#: ISO 639-1 codes the deposit's ``language`` attribute admits (the schema's enumeration)
LANGUAGES = frozenset(
    [
        "aa",
        "ab",
        "ae",
        "af",
        "ak",
        "am",
        "an",
        "ar",
        "as",
        "av",
        "ay",
        "az",
        "ba",
        "be",
        "bg",
        "bh",
        "bi",
        "bm",
        "bn",
        "bo",
        "br",
        "bs",
        "ca",
        "ce",
        "ch",
        "co",
        "cr",
        "cs",
        "cu",
        "cv",
        "cy",
        "da",
        "de",
        "dv",
        "dz",
        "ee",
        "el",
        "en",
        "eo",
        "es",
        "et",
        "eu",
        "fa",
        "ff",
        "fi",
        "fj",
        "fo",
        "fr",
        "fy",
        "ga",
        "gd",
        "gl",
        "gn",
        "gu",
        "gv",
        "ha",
        "he",
        "hi",
        "ho",
        "hr",
        "ht",
        "hu",
        "hy",
        "hz",
        "ia",
        "id",
        "ie",
        "ig",
        "ii",
        "ik",
        "io",
        "is",
        "it",
        "iu",
        "ja",
        "jw",
        "ka",
        "kg",
        "ki",
        "kj",
        "kk",
        "kl",
        "km",
        "kn",
        "ko",
        "kr",
        "ks",
        "ku",
        "kv",
        "kw",
        "ky",
        "la",
        "lb",
        "lg",
        "li",
        "ln",
        "lo",
        "lt",
        "lu",
        "lv",
        "mg",
        "mh",
        "mi",
        "mk",
        "ml",
        "mn",
        "mo",
        "mr",
        "ms",
        "mt",
        "my",
        "na",
        "nb",
        "nd",
        "ne",
        "ng",
        "nl",
        "nn",
        "no",
        "nr",
        "nv",
        "ny",
        "oc",
        "oj",
        "om",
        "or",
        "os",
        "pa",
        "pi",
        "pl",
        "ps",
        "pt",
        "qu",
        "rm",
        "rn",
        "ro",
        "ru",
        "rw",
        "sa",
        "sc",
        "sd",
        "se",
        "sg",
        "sh",
        "si",
        "sk",
        "sl",
        "sm",
        "sn",
        "so",
        "sq",
        "sr",
        "ss",
        "st",
        "su",
        "sv",
        "sw",
        "ta",
        "te",
        "tg",
        "th",
        "ti",
        "tk",
        "tl",
        "tn",
        "to",
        "tr",
        "ts",
        "tt",
        "tw",
        "ty",
        "ug",
        "uk",
        "ur",
        "uz",
        "ve",
        "vi",
        "vo",
        "wa",
        "wo",
        "xh",
        "yi",
        "yo",
        "za",
        "zh",
        "zu",
    ]
)

#: (element, shortest, longest): the schema's lengths for the values the writer puts in them
LENGTHS: dict[str, tuple[int, int]] = {
    "given_name": (1, 60),
    "surname": (1, 60),
    "suffix": (1, 10),
    "organization": (1, 511),
    "full_title": (1, 255),
    "abbrev_title": (1, 150),
    "proceedings_title": (1, 511),
    "conference_name": (3, 512),
    "conference_acronym": (1, 127),
    "conference_location": (2, 255),
    "volume": (1, 32),
    "issue": (1, 32),
    "first_page": (1, 32),
    "last_page": (1, 32),
    "item_number": (1, 32),
    "publisher_name": (1, 255),
    "publisher_place": (2, 255),
    "institution_name": (1, 1024),
    "degree": (2, 255),
    "edition_number": (1, 15),
    "doi": (6, 2048),
    "resource": (1, 2048),
    "license_ref": (10, 4000),
}
#: given_name and surname: no digit at either end, no question mark (the schema's pattern)
NAME_PATTERN = r"[^\d?]*[^?\s]+[^\d]*"
YEARS = (1400, 2200)

MAPPING: tuple[FieldMap, ...] = (
    FieldMap(
        "type",
        "structure: journal_article, conference_paper, content_item (chapter), book_metadata, "
        "dissertation, report-paper, dataset, posted_content",
        Fidelity.LOSSY,
        "review articles, letters, editorials and comments are journal articles; conference "
        "abstracts conference papers; 'software' and 'other' are posted content of type 'other'",
    ),
    FieldMap("source_type", "REST type (read only)", Fidelity.DROPPED),
    FieldMap("title", "titles/title"),
    FieldMap("subtitle", "titles/subtitle"),
    FieldMap("translated_titles", "-", Fidelity.DROPPED, "Crossref has no translated title"),
    FieldMap("abstract", "jats:abstract/jats:p"),
    FieldMap(
        "contributors",
        "contributors: person_name (given_name, surname, suffix, affiliations, ORCID), "
        "organization; sequence first/additional",
        Fidelity.LOSSY,
        "authors, editors and translators only; particles join the surname; a literal name "
        "is a surname; e-mail and the corresponding flag are not carried",
    ),
    *dropped("contributors_truncated contributors_omitted"),
    FieldMap(
        "language",
        "@language",
        Fidelity.LOSSY,
        "ISO 639-1 codes only; region subtags and three-letter codes are not carried",
    ),
    FieldMap("status", "-", Fidelity.DROPPED, "a deposit is of a published work"),
    FieldMap(
        "dates",
        "publication_date (print: published, online: early online), acceptance_date, "
        "approval_date (theses), posted_date (posted content)",
        Fidelity.LOSSY,
        "as precise as given, never a month or day invented; years 1400-2200; the received "
        "date is not carried",
    ),
    FieldMap(
        "container",
        "journal_metadata (full_title, abbrev_title, issn), book_metadata (titles, isbn) of "
        "a chapter, proceedings_metadata (proceedings_title, isbn)",
    ),
    FieldMap("series", "-", Fidelity.DROPPED),
    FieldMap(
        "event",
        "event_metadata: conference_name, conference_acronym, conference_location, conference_date",
    ),
    FieldMap("volume", "journal_issue/journal_volume/volume"),
    FieldMap("issue", "journal_issue/issue"),
    FieldMap("pages", "pages: first_page, last_page"),
    FieldMap("article_number", "publisher_item/item_number[@item_number_type=article_number]"),
    FieldMap("page_count", "-", Fidelity.DROPPED),
    FieldMap("version", "-", Fidelity.DROPPED, "a deposit has no version for these structures"),
    FieldMap("publisher", "publisher/publisher_name (books, proceedings, reports)"),
    FieldMap("publisher_place", "publisher/publisher_place"),
    FieldMap(
        "identifiers",
        "doi_data: doi, resource (the first http(s) URL; the DOI's address when none); isbn",
        Fidelity.LOSSY,
        "PubMed, PMC, Scopus and other identifiers are not part of a deposit",
    ),
    FieldMap("keywords", "-", Fidelity.DROPPED, "a deposit has no keywords"),
    FieldMap("subjects", "REST subject (read only)", Fidelity.DROPPED),
    *dropped("peer_reviewed externally_published"),
    FieldMap("citations", "REST is-referenced-by-count (read only)", Fidelity.DROPPED),
    FieldMap("downloads", "-", Fidelity.DROPPED),
    FieldMap(
        "license",
        "ai:program/ai:license_ref",
        Fidelity.LOSSY,
        "the licence URL (http, https or ftp); a licence statement without one is not carried",
    ),
    FieldMap("access_rights", "ai:free_to_read (open only)", Fidelity.LOSSY),
    FieldMap("funding", "fr:program: fundgroup of funder_name, funder_identifier, award_number"),
    FieldMap(
        "thesis",
        "dissertation: institution/institution_name, degree",
        Fidelity.LOSSY,
        "awarding institutions and the degree; supervisors are not carried",
    ),
    FieldMap("notes", "-", Fidelity.DROPPED),
    FieldMap(
        "related",
        "rel:program: inter_work_relation / intra_work_relation (relationship-type, "
        "identifier-type)",
        Fidelity.LOSSY,
        "relations Crossref has no word for (is-cited-by, cites, is-new-version-of, ...) and "
        "identifier kinds it has no type for (bibcode, igsn, urn, ...) are not deposited; an "
        "e-ISSN or linking ISSN reads back as an ISSN",
    ),
    FieldMap("provenance", "-", Fidelity.DROPPED),
)
