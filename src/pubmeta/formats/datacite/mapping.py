"""What travels between the record and DataCite (Metadata Schema kernel 4.6/4.7): types, roles,
dates, identifiers both ways. One table for the reader, the writer, ``pubmeta formats`` and
README."""

from __future__ import annotations

from ..base import Fidelity, FieldMap, dropped

VERSIONS = ("4.6", "4.7")
DEFAULT_VERSION = "4.6"
NAMESPACE = "http://datacite.org/schema/kernel-4"
#: DataCite's standard value for a mandatory property whose value is not known
UNKNOWN = "(:unav)"
#: All of DataCite's standard values for unknown information (lower case): read as no value
#: where they stand for a whole value, so a name equal to one is not written as a name
STANDARD_VALUES = frozenset({UNKNOWN, "(:unac)", "(:unal)", "(:unap)", "(:unas)", "(:unkn)",
                             "(:none)", "(:null)", "(:tba)", "(:etal)"})  # fmt: skip


def schema_location(version: str) -> str:
    return f"{NAMESPACE} https://schema.datacite.org/meta/kernel-{version}/metadata.xsd"


#: record type -> resourceTypeGeneral (the closed list; 'Article' is not in it)
TO_GENERAL: dict[str, str] = {
    "article": "JournalArticle",
    "review-article": "JournalArticle",
    "letter": "JournalArticle",
    "editorial": "JournalArticle",
    "comment": "JournalArticle",
    "conference-paper": "ConferencePaper",
    "conference-abstract": "ConferencePaper",
    "book": "Book",
    "book-chapter": "BookChapter",
    "report": "Report",
    "thesis": "Dissertation",
    "dataset": "Dataset",
    "preprint": "Preprint",
    "software": "Software",
    "other": "Other",
}
FROM_GENERAL: dict[str, str] = {
    "JournalArticle": "article",
    "DataPaper": "article",
    "ConferencePaper": "conference-paper",
    "Book": "book",
    "BookChapter": "book-chapter",
    "Report": "report",
    "Dissertation": "thesis",
    "Dataset": "dataset",
    "Preprint": "preprint",
    "Software": "software",
}
#: resourceTypeGeneral values of both kernel 4.6 and 4.7 (4.7 adds Poster and Presentation)
GENERAL_TYPES = frozenset(
    [
        "Audiovisual",
        "Award",
        "Book",
        "BookChapter",
        "Collection",
        "ComputationalNotebook",
        "ConferencePaper",
        "ConferenceProceeding",
        "DataPaper",
        "Dataset",
        "Dissertation",
        "Event",
        "Image",
        "Instrument",
        "InteractiveResource",
        "Journal",
        "JournalArticle",
        "Model",
        "OutputManagementPlan",
        "PeerReview",
        "PhysicalObject",
        "Preprint",
        "Project",
        "Report",
        "Service",
        "Software",
        "Sound",
        "Standard",
        "StudyRegistration",
        "Text",
        "Workflow",
        "Other",
    ]
)
#: record related-identifier scheme <-> relatedIdentifierType (kernel 4.6; 4.7 adds RAiD, SWHID)
TO_RELATED_SCHEME: dict[str, str] = {
    "ark": "ARK", "arxiv": "arXiv", "bibcode": "bibcode", "cstr": "CSTR", "doi": "DOI",
    "ean13": "EAN13", "eissn": "EISSN", "handle": "Handle", "igsn": "IGSN", "isbn": "ISBN",
    "issn": "ISSN", "istc": "ISTC", "lissn": "LISSN", "lsid": "LSID", "pmid": "PMID",
    "purl": "PURL", "rrid": "RRID", "upc": "UPC", "url": "URL", "urn": "URN", "w3id": "w3id",
}  # fmt: skip
FROM_RELATED_SCHEME = {v: k for k, v in TO_RELATED_SCHEME.items()}
#: the host's identifiers: written as IsPublishedIn, read back into the container
HOST_SCHEMES = frozenset({"ISSN", "EISSN", "ISBN"})


def is_host_identifier(relation: str, scheme: str) -> bool:
    """An IsPublishedIn ISSN or ISBN says the host: DataCite readers take it for the host's
    identifier, so the record gives it in its container, not as a related identifier."""
    return relation == "is-published-in" and scheme in ("issn", "eissn", "lissn", "isbn")


def relation_type(relation: str) -> str:
    """'is-supplement-to' -> 'IsSupplementTo' (the record spells DataCite's words so)."""
    return "".join(word.capitalize() for word in relation.split("-"))


def relation_of(relation_type: str) -> str:
    """'IsSupplementTo' -> 'is-supplement-to'."""
    return "".join("-" + c.lower() if c.isupper() else c for c in relation_type).lstrip("-")


#: container kind -> relatedItemType of the host (relationType IsPublishedIn)
CONTAINER_TYPE: dict[str, str] = {
    "journal": "Journal",
    "book": "Book",
    "proceedings": "ConferenceProceeding",
    "report-series": "Report",
    "website": "Other",
    "other": "Other",
}
FROM_CONTAINER_TYPE = {v: k for k, v in CONTAINER_TYPE.items() if k != "website"}

#: record role -> contributorType (authors are creators)
TO_CONTRIBUTOR: dict[str, str] = {
    "editor": "Editor",
    "supervisor": "Supervisor",
    "translator": "Translator",
    "commissioner": "Sponsor",
    "contributor": "Other",
}
FROM_CONTRIBUTOR = {v: k for k, v in TO_CONTRIBUTOR.items()}

#: record date -> dateType
TO_DATE: dict[str, str] = {
    "submitted": "Submitted",
    "accepted": "Accepted",
    "early_online": "Available",
    "published": "Issued",
}
FROM_DATE = {v: k for k, v in TO_DATE.items()}

#: identifier field -> alternateIdentifierType
ALTERNATE: dict[str, str] = {"pmid": "PMID", "pmcid": "PMCID", "scopus_eid": "Scopus EID"}
FROM_ALTERNATE = {v.lower(): k for k, v in ALTERNATE.items()}

#: access rights -> the COAR/OpenAIRE rights URI DataCite records use
ACCESS_URI: dict[str, str] = {
    "open": "info:eu-repo/semantics/openAccess",
    "embargoed": "info:eu-repo/semantics/embargoedAccess",
    "restricted": "info:eu-repo/semantics/restrictedAccess",
    "closed": "info:eu-repo/semantics/closedAccess",
}
FROM_ACCESS_URI = {v.lower(): k for k, v in ACCESS_URI.items()}

MAPPING: tuple[FieldMap, ...] = (
    FieldMap(
        "type",
        "resourceType/@resourceTypeGeneral, and the record's type word as resourceType",
        Fidelity.CARRIED,
        "read from other sources: JournalArticle, ConferencePaper, Book, BookChapter, Report, "
        "Dissertation, Dataset, Preprint, Software; every other general type is 'other'",
    ),
    FieldMap(
        "source_type",
        "resourceType of a DataCite source: scheme 'DataCite', terms [general, specific]",
        Fidelity.LOSSY,
        "written back for a record of type 'other' (Software stays Software)",
    ),
    FieldMap("title", "titles/title (no titleType); '(:unav)' when unknown"),
    FieldMap("subtitle", "titles/title[@titleType=Subtitle]"),
    FieldMap("translated_titles", "titles/title[@titleType=TranslatedTitle][@xml:lang]"),
    FieldMap("abstract", "descriptions/description[@descriptionType=Abstract]"),
    FieldMap(
        "contributors",
        "creators (authors; '(:unav)' when none) and contributors (Editor, Supervisor, "
        "Translator, Sponsor, Other): nameType, givenName, familyName, ORCID, affiliation",
        Fidelity.LOSSY,
        "e-mail and the corresponding flag are not carried; particles join the family name; "
        "a person's name without parts (literal) reads back split where the whole-name rules "
        "tell the parts (natural order; Chinese, Japanese, Korean and Russian family first), "
        "else whole; read: a whole name is split only when it is a person's (nameType "
        "Personal or an ORCID iD), and people packed into one creator are told apart; a "
        "contributor whose whole name is one of DataCite's standard values for unknown "
        "information ('(:etal)', '(:unav)', ...) names no one there, so is not written",
    ),
    FieldMap("language", "language"),
    FieldMap(
        "dates",
        "publicationYear (published, else early online); dates: Issued, Available (early "
        "online), Accepted, Submitted",
    ),
    FieldMap(
        "container",
        "relatedItems/relatedItem[@relationType=IsPublishedIn]: titles; relatedIdentifiers "
        "IsPublishedIn: ISSN, EISSN, ISBN",
    ),
    FieldMap("volume", "relatedItem/volume"),
    FieldMap("issue", "relatedItem/issue"),
    FieldMap("pages", "relatedItem/firstPage, lastPage"),
    FieldMap("article_number", "relatedItem/number[@numberType=Article]"),
    FieldMap("page_count", "sizes/size: 'N pages'"),
    FieldMap("version", "version"),
    FieldMap("publisher", "publisher; '(:unav)' when unknown"),
    FieldMap(
        "identifiers",
        "identifier (DOI); alternateIdentifiers: PMID, PMCID, Scopus EID, ISBN, URL, others "
        "by their scheme",
    ),
    FieldMap("keywords", "subjects/subject without a scheme"),
    FieldMap("subjects", "subjects/subject[@subjectScheme]"),
    FieldMap("license", "rightsList/rights: rightsURI, statement"),
    FieldMap("access_rights", "rightsList/rights: info:eu-repo/semantics/...Access"),
    FieldMap("funding", "fundingReferences: funderName, funderIdentifier, awardNumber"),
    FieldMap(
        "related",
        "relatedIdentifiers (relationType, relatedIdentifierType)",
        Fidelity.LOSSY,
        "an is-published-in ISSN or ISBN is the host's: give it in the container (it is not "
        "written as a related identifier); read, the first ISSN and EISSN and every ISBN "
        "IsPublishedIn are the host's",
    ),
    *dropped("status series event publisher_place"),
    FieldMap("thesis", "-", Fidelity.DROPPED, "the degree and institution have no property"),
    FieldMap("citations", "REST citationCount (read only)", Fidelity.DROPPED),
    FieldMap("downloads", "REST downloadCount (read only)", Fidelity.DROPPED),
    *dropped("notes provenance"),
)
