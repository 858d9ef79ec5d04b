"""What travels between the record and DataCite (Metadata Schema kernel 4.6/4.7): types, roles,
dates, identifiers both ways. One table for the reader, the writer, ``pubmeta formats`` and
README."""

from __future__ import annotations

from ..base import Fidelity, FieldMap

VERSIONS = ("4.6", "4.7")
DEFAULT_VERSION = "4.6"
NAMESPACE = "http://datacite.org/schema/kernel-4"
#: DataCite's standard value for a mandatory property whose value is not known
UNKNOWN = "(:unav)"


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
        "Dissertation, Dataset, Preprint; every other general type is 'other'",
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
        "e-mail and the corresponding flag are not carried; particles join the family name",
    ),
    FieldMap("language", "language"),
    FieldMap(
        "dates", "publicationYear; dates: Issued, Available (early online), Accepted, Submitted"
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
    FieldMap("status", "-", Fidelity.DROPPED),
    FieldMap("series", "-", Fidelity.DROPPED),
    FieldMap("event", "-", Fidelity.DROPPED),
    FieldMap("publisher_place", "-", Fidelity.DROPPED),
    FieldMap("thesis", "-", Fidelity.DROPPED, "the degree and institution have no property"),
    FieldMap("citations", "REST citationCount (read only)", Fidelity.DROPPED),
    FieldMap("downloads", "REST downloadCount (read only)", Fidelity.DROPPED),
    FieldMap("notes", "-", Fidelity.DROPPED),
    FieldMap("provenance", "-", Fidelity.DROPPED),
)
