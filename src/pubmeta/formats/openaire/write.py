"""Writing one record as an ``oai_openaire`` ``<resource>`` (OpenAIRE Guidelines for Literature
Repositories v4), valid against ``openaire.xsd``. Elements follow the order of the Guidelines'
own example; nothing the record does not know is invented."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...names import family_with_particles
from ...xml.write import Node, serialise
from ..base import records_or_refuse
from ..kernel import funding_references, orcid, subjects
from . import coar
from .mapping import (
    ALTERNATE,
    DATACITE,
    DC,
    OAIRE,
    OTHER_PREFIX,
    RELATED_SCHEMES,
    RELATIONS,
    RESERVED,
    SCHEMA_LOCATION,
    TO_CONTRIBUTOR,
    TO_DATE,
    XSI,
)

if TYPE_CHECKING:
    from ...model import Organisation, Person, Publication


def write(records: Sequence[Publication]) -> str:
    records_or_refuse("oai_openaire", records, "resource")
    return serialise(resource(records[0]))


def resource(record: Publication) -> Node:
    """The ``<resource>`` element of one record (the OAI-PMH provider puts it in ``<metadata>``)."""
    root = Node(
        "resource",
        None,
        {
            "xmlns": OAIRE,
            "xmlns:datacite": DATACITE,
            "xmlns:dc": DC,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": SCHEMA_LOCATION,
        },
    )
    _contributors(root, record)
    funding_references(root, record, unmarked=None)
    primary = _identifiers(root, record)
    _related(root, record)
    _titles(root, record)
    _dates(root, record)
    if record.abstract:
        root.add("dc:description", record.abstract)
    if record.language:
        root.add("dc:language", record.language)
    if record.publisher:
        root.add("dc:publisher", record.publisher)
    kind = record.type
    concept = coar.TO_RESOURCE_TYPE[kind]
    root.add(
        "resourceType",
        coar.RESOURCE_TYPES[concept][0],
        {
            "resourceTypeGeneral": coar.GENERAL.get(kind, "literature"),
            "uri": coar.RESOURCE_TYPE + concept,
        },
    )
    if primary is not None:
        root.add("datacite:identifier", primary[1], {"identifierType": primary[0]})
    if record.status is not None:
        version = coar.TO_VERSION[record.status]
        root.add("version", coar.VERSIONS[version][0], {"uri": coar.VERSION + version})
    if record.access_rights is not None:
        right = coar.TO_ACCESS[record.access_rights]
        root.add(
            "datacite:rights", coar.ACCESS_LABEL[right], {"rightsURI": coar.ACCESS_RIGHT + right}
        )
    licence = record.license
    if licence is not None:
        root.add("licenseCondition", licence.text, {"uri": licence.url} if licence.url else None)
    subjects(root, record, "datacite:")
    if record.page_count is not None:
        root.add("datacite:sizes").add("datacite:size", f"{record.page_count} pages")
    _citation(root, record)
    return root


def _contributors(root: Node, record: Publication) -> None:
    authors = [c for c in record.contributors if c.role == "author"]
    others = [c for c in record.contributors if c.role != "author"]
    if authors:
        creators = root.add("datacite:creators")
        for author in authors:
            _name(creators.add("datacite:creator"), "creator", author)
    if others:
        group = root.add("datacite:contributors")
        for other in others:
            kind = TO_CONTRIBUTOR.get(other.role, "Other")
            _name(group.add("datacite:contributor", None, {"contributorType": kind}), "contributor",
                  other)  # fmt: skip


def _name(element: Node, kind: str, contributor: Person | Organisation) -> None:
    if contributor.kind == "organisation":
        element.add(f"datacite:{kind}Name", contributor.name, {"nameType": "Organizational"})
        return
    family = family_with_particles(contributor) or None
    # the name as it reads back: 'Family, Given' (the suffix is not carried)
    given = contributor.given
    if family:
        display = f"{family}, {given}" if given else family
    else:
        display = contributor.literal or given or ""
    element.add(f"datacite:{kind}Name", display, {"nameType": "Personal"})
    if contributor.given:
        element.add("datacite:givenName", contributor.given)
    if family:
        element.add("datacite:familyName", family)
    orcid(element, contributor.orcid, "datacite:")
    for affiliation in contributor.affiliations:
        if isinstance(affiliation, str):
            element.add("datacite:affiliation", affiliation)
        else:
            identified = None
            if affiliation.ror:
                identified = {
                    "affiliationIdentifier": f"https://ror.org/{affiliation.ror}",
                    "affiliationIdentifierScheme": "ROR",
                }
            element.add("datacite:affiliation", affiliation.name, identified)


def _identifiers(root: Node, record: Publication) -> tuple[str, str] | None:
    """The alternate identifiers; returns the primary one (DOI, else the first URL)."""
    ids = record.identifiers
    urls = list(ids.urls)
    primary: tuple[str, str] | None = None
    if ids.doi:
        primary = ("DOI", ids.doi)
    elif urls:
        primary = ("URL", urls.pop(0))
    pairs: list[tuple[str, str]] = []
    for field, kind in ALTERNATE.items():
        value = getattr(ids, field)
        if value:
            pairs.append((kind, value))
    pairs += [("ISBN", isbn) for isbn in ids.isbn_print]
    pairs += [("EISBN", isbn) for isbn in ids.isbn_electronic]
    pairs += [("URL", url) for url in urls]
    for other in ids.other:
        scheme = other.scheme
        if scheme in RESERVED or scheme.startswith(OTHER_PREFIX):
            scheme = OTHER_PREFIX + scheme
        pairs.append((scheme, other.value))
    if pairs:
        group = root.add("datacite:alternateIdentifiers")
        for kind, value in pairs:
            group.add("datacite:alternateIdentifier", value, {"alternateIdentifierType": kind})
    return primary


def _related(root: Node, record: Publication) -> None:
    triples: list[tuple[str, str, str]] = []
    container = record.container
    if container is not None:
        if container.issn_print:
            triples.append((container.issn_print, "ISSN", "IsPartOf"))
        if container.issn_online:
            triples.append((container.issn_online, "EISSN", "IsPartOf"))
        isbns = dict.fromkeys([*container.isbn_print, *container.isbn_electronic])
        triples += [(isbn, "ISBN", "IsPartOf") for isbn in isbns]
    for related in record.related:
        relation, scheme = related.relation, related.scheme
        if relation not in RELATIONS or scheme not in RELATED_SCHEMES:
            continue
        if relation == "is-part-of" and scheme in ("issn", "eissn", "isbn"):
            continue  # that says the host
        words = "".join(word.capitalize() for word in relation.split("-"))
        triples.append((related.value, RELATED_SCHEMES[scheme], words))
    if triples:
        group = root.add("datacite:relatedIdentifiers")
        for value, kind, relation_type in triples:
            group.add("datacite:relatedIdentifier", value,
                      {"relatedIdentifierType": kind, "relationType": relation_type})  # fmt: skip


def _titles(root: Node, record: Publication) -> None:
    if not (record.title or record.subtitle or record.translated_titles):
        return
    titles = root.add("datacite:titles")
    if record.title:
        titles.add("datacite:title", record.title)
    if record.subtitle:
        titles.add("datacite:title", record.subtitle, {"titleType": "Subtitle"})
    for translated in record.translated_titles:
        lang = {"xml:lang": translated.language}
        titles.add("datacite:title", translated.title, {"titleType": "TranslatedTitle", **lang})
        if translated.subtitle:
            titles.add("datacite:title", translated.subtitle, {"titleType": "Subtitle", **lang})


def _dates(root: Node, record: Publication) -> None:
    given = [(TO_DATE[key], getattr(record.dates, key)) for key in TO_DATE]
    if any(date is not None for _, date in given):
        dates = root.add("datacite:dates")
        for kind, date in given:
            if date is not None:
                dates.add("datacite:date", date.isoformat(), {"dateType": kind})


def _citation(root: Node, record: Publication) -> None:
    if record.container is not None and record.container.title:
        root.add("citationTitle", record.container.title)
    if record.volume:
        root.add("citationVolume", record.volume)
    if record.issue:
        root.add("citationIssue", record.issue)
    if record.pages:
        root.add("citationStartPage", record.pages.first)
        if record.pages.last:
            root.add("citationEndPage", record.pages.last)
