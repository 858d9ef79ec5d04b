"""The ``oai_openaire`` vocabulary pubmeta uses: namespaces, identifier and contributor terms,
and the mapping table (the COAR vocabularies are in :mod:`.coar`)."""

from __future__ import annotations

from ..base import Fidelity, FieldMap, dropped

OAIRE = "http://namespace.openaire.eu/schema/oaire/"
DATACITE = "http://datacite.org/schema/kernel-4"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI = "http://www.openarchives.org/OAI/2.0/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_URL = "https://www.openaire.eu/schema/repo-lit/4.0/openaire.xsd"
SCHEMA_LOCATION = f"{OAIRE} {SCHEMA_URL}"

#: contributor role -> contributorType (authors are creators); the rest are "Other"
TO_CONTRIBUTOR = {"editor": "Editor", "supervisor": "Supervisor", "commissioner": "Sponsor"}
FROM_CONTRIBUTOR = {v: k for k, v in TO_CONTRIBUTOR.items()}

#: record date -> datacite:date/@dateType
TO_DATE = {
    "published": "Issued",
    "accepted": "Accepted",
    "submitted": "Submitted",
    "early_online": "Available",
}
FROM_DATE = {v: k for k, v in TO_DATE.items()}

#: identifier field -> alternateIdentifierType
ALTERNATE = {"pmid": "PMID", "pmcid": "PMCID", "scopus_eid": "Scopus EID"}
FROM_ALTERNATE = {"PMID": "pmid", "PMCID": "pmcid", "Scopus EID": "scopus_eid"}
#: alternateIdentifierType words pubmeta gives a meaning; another scheme spelled so is
#: written with OTHER_PREFIX so that it reads back as itself
RESERVED = frozenset({"DOI", "URL", "ISBN", "EISBN", *FROM_ALTERNATE})
OTHER_PREFIX = "other:"

#: relatedIdentifierType of the v4 schema (DataCite 4.1's list) <- record scheme
RELATED_SCHEMES = {
    "ark": "ARK", "arxiv": "arXiv", "bibcode": "bibcode", "doi": "DOI", "ean13": "EAN13",
    "eissn": "EISSN", "handle": "Handle", "igsn": "IGSN", "isbn": "ISBN", "issn": "ISSN",
    "istc": "ISTC", "lissn": "LISSN", "lsid": "LSID", "pmid": "PMID", "purl": "PURL",
    "upc": "UPC", "url": "URL", "urn": "URN",
}  # fmt: skip
FROM_RELATED_SCHEME = {v.lower(): k for k, v in RELATED_SCHEMES.items()}
#: relationType of the v4 schema, as the record spells them
_RELATION_WORDS = (
    "is-cited-by cites is-supplement-to is-supplemented-by is-continued-by continues "
    "is-described-by describes has-version is-version-of is-new-version-of "
    "is-previous-version-of is-part-of has-part is-referenced-by references is-documented-by "
    "documents is-compiled-by compiles is-variant-form-of is-original-form-of is-identical-to "
    "has-metadata is-metadata-for reviews is-reviewed-by is-derived-from is-source-of "
    "is-required-by requires"
)
RELATIONS = frozenset(_RELATION_WORDS.split(" "))
#: the host's identifiers, written as IsPartOf (as the Guidelines' own example does)
HOST_SCHEMES = {"ISSN": "issn_print", "PISSN": "issn_print", "EISSN": "issn_online"}

MAPPING = (
    FieldMap(
        "type",
        "oaire:resourceType/@uri (COAR resource type) and @resourceTypeGeneral",
        Fidelity.CARRIED,
        "read from other sources: each of the 58 COAR concepts as its nearest record type",
    ),
    FieldMap(
        "source_type",
        "read only: the resourceType's words when its concept is not COAR's",
        Fidelity.DROPPED,
    ),
    FieldMap("title", "datacite:title"),
    FieldMap("subtitle", "datacite:title[@titleType=Subtitle]"),
    FieldMap(
        "translated_titles",
        "datacite:title[@titleType=TranslatedTitle][@xml:lang], its subtitle after it",
    ),
    FieldMap("abstract", "dc:description"),
    FieldMap(
        "contributors",
        "datacite:creator (authors), datacite:contributor[@contributorType] (others): "
        "creatorName, givenName, familyName, nameIdentifier (ORCID), affiliation (ROR)",
        Fidelity.LOSSY,
        "authors come first; particles join the family name; suffix, e-mail and the "
        "corresponding flag are not carried; translators read back as contributors",
    ),
    *dropped("contributors_truncated contributors_omitted"),
    FieldMap("language", "dc:language"),
    FieldMap(
        "status",
        "oaire:version/@uri (COAR version type)",
        Fidelity.LOSSY,
        "epub-ahead-of-print reads back as published (both the version of record)",
    ),
    FieldMap(
        "dates",
        "datacite:date Issued, Accepted, Submitted, Available (early online)",
    ),
    FieldMap(
        "container",
        "oaire:citationTitle; datacite:relatedIdentifier IsPartOf ISSN, EISSN, ISBN",
        Fidelity.LOSSY,
        "kind, subtitle and abbreviation are not carried (a chapter's host reads back as a "
        "book, a conference item's as proceedings, else a journal); e-ISBNs read back as ISBNs",
    ),
    *dropped("series event"),
    FieldMap("volume", "oaire:citationVolume"),
    FieldMap("issue", "oaire:citationIssue"),
    FieldMap("pages", "oaire:citationStartPage, oaire:citationEndPage"),
    FieldMap("article_number", "-", Fidelity.DROPPED),
    FieldMap("page_count", "datacite:size 'N pages'"),
    FieldMap("version", "-", Fidelity.DROPPED, "oaire:version is the COAR version type"),
    FieldMap("publisher", "dc:publisher"),
    FieldMap("publisher_place", "-", Fidelity.DROPPED),
    FieldMap(
        "identifiers",
        "datacite:identifier (DOI, else the first URL); datacite:alternateIdentifier (PMID, "
        "PMCID, ISBN, EISBN, Scopus EID, URL, others by scheme)",
    ),
    FieldMap("keywords", "datacite:subject"),
    FieldMap("subjects", "datacite:subject[@subjectScheme]"),
    *dropped("peer_reviewed externally_published citations downloads"),
    FieldMap("license", "oaire:licenseCondition[@uri]"),
    FieldMap(
        "access_rights",
        "datacite:rights/@rightsURI (COAR access right)",
        Fidelity.LOSSY,
        "closed reads back as metadata-only (v4 has no closed-access concept)",
    ),
    FieldMap(
        "funding",
        "oaire:fundingReference: funderName, funderIdentifier, awardNumber",
        Fidelity.LOSSY,
        "a funder identifier is carried when it is a ROR ID or a Crossref Funder ID (the "
        "types the schema allows that can be told from the identifier)",
    ),
    FieldMap(
        "related",
        "datacite:relatedIdentifier[@relatedIdentifierType][@relationType]",
        Fidelity.LOSSY,
        "relations and identifier types outside the v4 lists are not written, nor an "
        "IsPartOf ISSN or ISBN (that is the host's)",
    ),
    *dropped("thesis notes provenance"),
)
