"""Writing one record as a DataCite Metadata Schema kernel-4 ``<resource>`` (4.6 or 4.7), valid
against the official XSD. A mandatory property the record does not know (creator, title,
publisher) gets DataCite's standard value ``(:unav)``; what cannot be stood in for (the DOI,
the publication year) is refused with the field named."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...errors import OptionError, UnwritableRecordError
from ...names import SUFFIXES, family_with_particles, split_particle
from ...text import full_title
from ...xml.write import Node, serialise
from ..base import records_or_refuse
from ..kernel import funding_references, orcid, subjects
from .mapping import (
    ACCESS_URI,
    ALTERNATE,
    CONTAINER_TYPE,
    DEFAULT_VERSION,
    GENERAL_TYPES,
    NAMESPACE,
    STANDARD_VALUES,
    TO_CONTRIBUTOR,
    TO_DATE,
    TO_GENERAL,
    TO_RELATED_SCHEME,
    UNKNOWN,
    VERSIONS,
    is_host_identifier,
    relation_type,
    schema_location,
)
from .read import person_from_display

if TYPE_CHECKING:
    from ...model import Organisation, Person, Publication


def write(records: Sequence[Publication], *, version: str = DEFAULT_VERSION) -> str:
    """One DataCite resource: a DataCite document describes one DOI."""
    if version not in VERSIONS:
        raise OptionError(f"datacite version {version!r}: one of {', '.join(VERSIONS)}")
    records_or_refuse("DataCite", records, "resource")
    return serialise(resource(records[0], version))


def _refuse(field: str, why: str) -> UnwritableRecordError:
    return UnwritableRecordError(f"{field}: {why} (DataCite Metadata Schema)")


def general_type(record: Publication) -> str:
    source = record.source_type
    if (
        record.type == "other"
        and source is not None
        and source.scheme == "DataCite"
        and source.terms[0] in GENERAL_TYPES
    ):
        return source.terms[0]
    return TO_GENERAL[record.type]


def resource(record: Publication, version: str) -> Node:
    doi = record.identifiers.doi
    if doi is None:
        raise _refuse("identifiers.doi", "a DataCite resource is identified by its DOI")
    year = record.dates.published or record.dates.early_online
    if year is None:
        raise _refuse("dates.published", "publicationYear is mandatory and has no stand-in")
    if not 0 <= year.year <= 9999:
        raise _refuse("dates.published", f"publicationYear has four digits, not {year.year}")
    root = Node(
        "resource",
        None,
        {
            "xmlns": NAMESPACE,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": schema_location(version),
        },
    )
    root.add("identifier", doi, {"identifierType": "DOI"})
    creators = root.add("creators")
    authors = [c for c in _named(record.contributors) if c.role == "author"]
    for author in authors:
        _name(creators.add("creator"), "creator", author)
    if not authors:
        creators.add("creator").add("creatorName", UNKNOWN)
    _titles(root, record)
    root.add("publisher", record.publisher or UNKNOWN)
    root.add("publicationYear", f"{year.year:04d}")
    general = general_type(record)
    specific = record.type._value_
    if record.source_type is not None and record.source_type.scheme == "DataCite":
        specific = record.source_type.terms[-1]
    root.add("resourceType", specific, {"resourceTypeGeneral": general})
    subjects(root, record)
    others = [c for c in _named(record.contributors) if c.role != "author"]
    if others:
        group = root.add("contributors")
        for contributor in others:
            element = group.add(
                "contributor", None, {"contributorType": TO_CONTRIBUTOR[contributor.role]}
            )
            _name(element, "contributor", contributor)
    _dates(root, record)
    if record.language:
        root.add("language", record.language)
    _alternate_identifiers(root, record)
    _related_identifiers(root, record)
    if record.page_count is not None:
        root.add("sizes").add("size", f"{record.page_count} pages")
    if record.version:
        root.add("version", record.version)
    _rights(root, record)
    if record.abstract:
        descriptions = root.add("descriptions")
        descriptions.add("description", record.abstract, {"descriptionType": "Abstract"})
    funding_references(root, record, unmarked="Other")
    _related_item(root, record)
    return root


def _named(contributors: Sequence[Person | Organisation]) -> list[Person | Organisation]:
    """The contributors DataCite can name: one whose whole name is a standard value for
    unknown information ('(:etal)') would read back as no one (see the mapping)."""
    named: list[Person | Organisation] = []
    for contributor in contributors:
        if contributor.kind == "organisation":
            whole = contributor.name
        elif contributor.family is None:  # a family name is written (and read) apart
            whole = contributor.literal or contributor.given or ""
        else:
            whole = ""
        if whole.strip().lower() not in STANDARD_VALUES:
            named.append(contributor)
    return named


def _name(element: Node, kind: str, contributor: Person | Organisation) -> None:
    if contributor.kind == "organisation":
        element.add(f"{kind}Name", contributor.name, {"nameType": "Organizational"})
        return
    family = family_with_particles(contributor) or None
    if family and "  " in family:  # read back, a particle is parted at a run of spaces as at one
        particle, rest = split_particle(family)
        family = f"{particle} {rest}" if particle else family
    given, suffix = contributor.given, contributor.suffix
    display = contributor.literal or given or UNKNOWN
    if not family:
        # a person's name is read by DataCite's 'Family, Given' form or the whole-name rules
        # (it is written as a Personal name): written as it reads back
        parts = person_from_display(display, personal=True)
        if parts.get("family"):
            family = family_with_particles(_Parts(**parts))
            given, suffix = parts.get("given"), parts.get("suffix")
    if family:
        display = f"{family}, {given}" if given else family
        # DataCite has no suffix property: one it can be read back from stays in the name
        if suffix in SUFFIXES and suffix != given:
            display += f", {suffix}"
    element.add(f"{kind}Name", display, {"nameType": "Personal"})
    if family and given:
        element.add("givenName", given)
    if family:
        element.add("familyName", family)
    orcid(element, contributor.orcid)
    for name, ror in contributor.distinct_affiliations():
        identified = {
            "affiliationIdentifier": f"https://ror.org/{ror}",
            "affiliationIdentifierScheme": "ROR",
            "schemeURI": "https://ror.org",
        }
        element.add("affiliation", name, identified if ror else None)


class _Parts:
    """Name parts as :func:`family_with_particles` takes them."""

    def __init__(self, **parts: str | None) -> None:
        self.family = parts.get("family")
        self.particle = parts.get("particle")
        self.dropping_particle: str | None = None
        self.given = parts.get("given")
        self.suffix = parts.get("suffix")
        self.literal: str | None = None


def _titles(root: Node, record: Publication) -> None:
    titles = root.add("titles")
    titles.add("title", record.title or UNKNOWN)
    if record.subtitle:
        titles.add("title", record.subtitle, {"titleType": "Subtitle"})
    for translated in record.translated_titles:
        text = full_title(translated.title, translated.subtitle)
        titles.add("title", text, {"titleType": "TranslatedTitle", "xml:lang": translated.language})


def _dates(root: Node, record: Publication) -> None:
    given = [(key, getattr(record.dates, key)) for key in TO_DATE]
    # a year-only publication date is the publicationYear itself: not said twice
    given = [
        (key, date)
        for key, date in given
        if date is not None and not (key == "published" and date.month is None)
    ]
    if given:
        dates = root.add("dates")
        for key, date in given:
            dates.add("date", date.isoformat(), {"dateType": TO_DATE[key]})


def _alternate_identifiers(root: Node, record: Publication) -> None:
    ids = record.identifiers
    pairs: list[tuple[str, str]] = []
    for field, kind in ALTERNATE.items():
        value = getattr(ids, field)
        if value:
            pairs.append((value, kind))
    pairs += [(isbn, "ISBN") for isbn in ids.isbn_print]
    pairs += [(isbn, "EISBN") for isbn in ids.isbn_electronic]
    pairs += [(url, "URL") for url in ids.urls]
    pairs += [(other.value, other.scheme) for other in ids.other]
    if pairs:
        group = root.add("alternateIdentifiers")
        for value, kind in pairs:
            group.add("alternateIdentifier", value, {"alternateIdentifierType": kind})


def _related_identifiers(root: Node, record: Publication) -> None:
    container = record.container
    pairs: list[tuple[str, str]] = []
    if container is not None:
        if container.issn_print:
            pairs.append((container.issn_print, "ISSN"))
        if container.issn_online:
            pairs.append((container.issn_online, "EISSN"))
        # DataCite has one ISBN type: a host's e-ISBNs read back as its print ISBNs
        isbns = dict.fromkeys([*container.isbn_print, *container.isbn_electronic])
        pairs += [(isbn, "ISBN") for isbn in isbns]
    triples = [(value, kind, "IsPublishedIn") for value, kind in pairs]
    triples += [
        (r.value, TO_RELATED_SCHEME[r.scheme], relation_type(r.relation))
        for r in record.related
        if not is_host_identifier(r.relation, r.scheme)
    ]
    if triples:
        group = root.add("relatedIdentifiers")
        for value, kind, relation in triples:
            group.add("relatedIdentifier", value,
                      {"relatedIdentifierType": kind, "relationType": relation})  # fmt: skip


def _rights(root: Node, record: Publication) -> None:
    licence = record.license
    access = record.access_rights
    if licence is None and access not in ACCESS_URI:
        return
    rights = root.add("rightsList")
    if licence is not None:
        attributes = {"rightsURI": licence.url} if licence.url else None
        rights.add("rights", licence.text, attributes)
    if access in ACCESS_URI:
        rights.add("rights", None, {"rightsURI": ACCESS_URI[access]})


def _related_item(root: Node, record: Publication) -> None:
    container = record.container
    has_place = record.volume or record.issue or record.pages or record.article_number
    has_titles = container is not None and (
        container.title or container.subtitle or container.abbreviated_title
    )
    if not has_titles and not has_place:
        return  # the host's identifiers alone are said by relatedIdentifiers
    kind = CONTAINER_TYPE[container.kind] if container is not None and has_titles else "Other"
    item = root.add("relatedItems").add(
        "relatedItem", None, {"relatedItemType": kind, "relationType": "IsPublishedIn"}
    )
    if container is not None and has_titles:
        titles = item.add("titles")
        if container.title:
            titles.add("title", container.title)
        if container.subtitle:
            titles.add("title", container.subtitle, {"titleType": "Subtitle"})
        if container.abbreviated_title:
            titles.add("title", container.abbreviated_title, {"titleType": "AlternativeTitle"})
    if record.volume:
        item.add("volume", record.volume)
    if record.issue:
        item.add("issue", record.issue)
    if record.article_number:
        item.add("number", record.article_number, {"numberType": "Article"})
    if record.pages:
        item.add("firstPage", record.pages.first)
        if record.pages.last:
            item.add("lastPage", record.pages.last)
