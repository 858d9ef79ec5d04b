"""The controlled terms of the record: output types, statuses, roles, access rights and the
relations between works, as plain enumerations.

They live apart from :mod:`pubmeta.model` (which imports them) so that readers and writers can
name them without importing the model (which builds its validators when imported).

A member is its own key: a ``str`` enum hashes and compares as its value, so ``TABLE[member]``
and ``member == "article"`` need no conversion (and are the quicker: 65 ns against 82 ns for
``TABLE[member._value_]``, measured). Where the word itself is written out (an f-string would
print ``Role.AUTHOR``), writers read ``member._value_`` (the enum's documented attribute): the
``value`` property costs two Python calls (290 ns), paid for every name of every record.
"""

from __future__ import annotations

from enum import Enum


class PublicationType(str, Enum):
    """Controlled output type; the source's own words are kept in ``source_type``."""

    ARTICLE = "article"
    REVIEW_ARTICLE = "review-article"
    LETTER = "letter"
    EDITORIAL = "editorial"
    COMMENT = "comment"
    CONFERENCE_PAPER = "conference-paper"
    CONFERENCE_ABSTRACT = "conference-abstract"
    BOOK = "book"
    BOOK_CHAPTER = "book-chapter"
    REPORT = "report"
    THESIS = "thesis"
    DATASET = "dataset"
    PREPRINT = "preprint"
    SOFTWARE = "software"
    OTHER = "other"


class Status(str, Enum):
    """Publication status (controlled)."""

    PUBLISHED = "published"
    EPUB_AHEAD_OF_PRINT = "epub-ahead-of-print"
    IN_PRESS = "in-press"
    ACCEPTED = "accepted"
    SUBMITTED = "submitted"
    UNPUBLISHED = "unpublished"


class Role(str, Enum):
    """What a contributor did for the work."""

    AUTHOR = "author"
    EDITOR = "editor"
    SUPERVISOR = "supervisor"
    TRANSLATOR = "translator"
    COMMISSIONER = "commissioner"
    CONTRIBUTOR = "contributor"


class AccessRights(str, Enum):
    """Access to the full text, as the OpenAIRE guidelines name it."""

    OPEN = "open"
    EMBARGOED = "embargoed"
    RESTRICTED = "restricted"
    CLOSED = "closed"
    METADATA_ONLY = "metadata-only"


class Relation(str, Enum):
    """How the record relates to another work: DataCite's relation types (kernel 4.6), in
    lower case with dashes ('IsSupplementTo' is 'is-supplement-to')."""

    IS_CITED_BY = "is-cited-by"
    CITES = "cites"
    IS_SUPPLEMENT_TO = "is-supplement-to"
    IS_SUPPLEMENTED_BY = "is-supplemented-by"
    IS_CONTINUED_BY = "is-continued-by"
    CONTINUES = "continues"
    IS_NEW_VERSION_OF = "is-new-version-of"
    IS_PREVIOUS_VERSION_OF = "is-previous-version-of"
    IS_PART_OF = "is-part-of"
    HAS_PART = "has-part"
    IS_PUBLISHED_IN = "is-published-in"
    IS_REFERENCED_BY = "is-referenced-by"
    REFERENCES = "references"
    IS_DOCUMENTED_BY = "is-documented-by"
    DOCUMENTS = "documents"
    IS_COMPILED_BY = "is-compiled-by"
    COMPILES = "compiles"
    IS_VARIANT_FORM_OF = "is-variant-form-of"
    IS_ORIGINAL_FORM_OF = "is-original-form-of"
    IS_IDENTICAL_TO = "is-identical-to"
    HAS_METADATA = "has-metadata"
    IS_METADATA_FOR = "is-metadata-for"
    REVIEWS = "reviews"
    IS_REVIEWED_BY = "is-reviewed-by"
    IS_DERIVED_FROM = "is-derived-from"
    IS_SOURCE_OF = "is-source-of"
    DESCRIBES = "describes"
    IS_DESCRIBED_BY = "is-described-by"
    HAS_VERSION = "has-version"
    IS_VERSION_OF = "is-version-of"
    REQUIRES = "requires"
    IS_REQUIRED_BY = "is-required-by"
    OBSOLETES = "obsoletes"
    IS_OBSOLETED_BY = "is-obsoleted-by"
    COLLECTS = "collects"
    IS_COLLECTED_BY = "is-collected-by"
    HAS_TRANSLATION = "has-translation"
    IS_TRANSLATION_OF = "is-translation-of"


class RelatedScheme(str, Enum):
    """The kind of a related work's identifier: DataCite's relatedIdentifierType (4.6), in
    lower case."""

    ARK = "ark"
    ARXIV = "arxiv"
    BIBCODE = "bibcode"
    CSTR = "cstr"
    DOI = "doi"
    EAN13 = "ean13"
    EISSN = "eissn"
    HANDLE = "handle"
    IGSN = "igsn"
    ISBN = "isbn"
    ISSN = "issn"
    ISTC = "istc"
    LISSN = "lissn"
    LSID = "lsid"
    PMID = "pmid"
    PURL = "purl"
    RRID = "rrid"
    UPC = "upc"
    URL = "url"
    URN = "urn"
    W3ID = "w3id"
