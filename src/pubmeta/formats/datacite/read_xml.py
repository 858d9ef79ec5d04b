"""DataCite XML (kernel 3 and 4, any minor version; a bare ``<resource>`` or one inside an
OAI-PMH ``oai_datacite`` envelope) put in the REST API's attribute shape, so that one builder
(:func:`.read.native`) reads both."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from lxml import etree

from ...errors import FormatError
from ...xml.parse import child as _child
from ...xml.parse import children as _children
from ...xml.parse import line_of, local, parse
from ...xml.parse import stripped_text as _text
from ..base import Reading
from .read import reading_of

Element = etree._Element
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read(document_text: str, suffix: str = "") -> list[Reading]:
    root = parse(document_text)
    resources = [e for e in root.iter() if local(e.tag) == "resource"]
    if not resources:
        raise FormatError(
            "no DataCite <resource> in this XML", line=1, column=1, rule="datacite-not-a-resource"
        )
    return [reading_of(attributes(r), "", line_of(r)) for r in resources]


def _names(element: Element, kind: str) -> list[dict[str, Any]]:
    """The people of one ``<creator>`` or ``<contributor>``: one, unless it holds several
    ``<creatorName>`` elements (records packing a creator list into one element exist); then
    each name with the parts that follow it, up to the next name, is one person."""
    parts = [c for c in element if isinstance(c.tag, str)]
    starts = [i for i, c in enumerate(parts) if local(c.tag) == f"{kind}Name"]
    bounds = [0, *starts[1:], len(parts)]
    return [_name(element, kind, parts[a:b]) for a, b in pairwise(bounds)]


def _name(element: Element, kind: str, parts: list[Element]) -> dict[str, Any]:
    def first(name: str) -> Element | None:
        return next((p for p in parts if local(p.tag) == name), None)

    def every(name: str) -> list[Element]:
        return [p for p in parts if local(p.tag) == name]

    name_element = first(f"{kind}Name")
    entry: dict[str, Any] = {
        "name": _text(name_element),
        "nameType": name_element.get("nameType") if name_element is not None else None,
        "givenName": _text(first("givenName")),
        "familyName": _text(first("familyName")),
        "nameIdentifiers": [
            {"nameIdentifier": _text(i), "nameIdentifierScheme": i.get("nameIdentifierScheme")}
            for i in every("nameIdentifier")
        ],
        "affiliation": [
            {
                "name": _text(a),
                "affiliationIdentifier": a.get("affiliationIdentifier"),
                "affiliationIdentifierScheme": a.get("affiliationIdentifierScheme"),
            }
            for a in every("affiliation")
        ],
    }
    if kind == "contributor":
        entry["contributorType"] = element.get("contributorType")
    return entry


def _typed(parent: Element | None, list_name: str, item: str) -> list[Element]:
    return _children(_child(parent, list_name), item)


def attributes(resource: Element) -> dict[str, Any]:
    """The resource in the DataCite REST API's ``attributes`` form."""
    identifier = _child(resource, "identifier")
    resource_type = _child(resource, "resourceType")
    found: dict[str, Any] = {
        "doi": _text(identifier)
        if identifier is not None and (identifier.get("identifierType") or "").upper() == "DOI"
        else None,
        "creators": [
            n for c in _typed(resource, "creators", "creator") for n in _names(c, "creator")
        ],
        "contributors": [
            n
            for c in _typed(resource, "contributors", "contributor")
            for n in _names(c, "contributor")
        ],
        "titles": [
            {"title": _text(t), "titleType": t.get("titleType"), "lang": t.get(_XML_LANG)}
            for t in _typed(resource, "titles", "title")
        ],
        "publisher": _text(_child(resource, "publisher")),
        "publicationYear": _text(_child(resource, "publicationYear")),
        "types": {
            "resourceTypeGeneral": resource_type.get("resourceTypeGeneral")
            if resource_type is not None
            else None,
            "resourceType": _text(resource_type),
        },
        "subjects": [
            {"subject": _text(s), "subjectScheme": s.get("subjectScheme")}
            for s in _typed(resource, "subjects", "subject")
        ],
        "dates": [
            {"date": _text(d), "dateType": d.get("dateType")}
            for d in _typed(resource, "dates", "date")
        ],
        "language": _text(_child(resource, "language")),
        "alternateIdentifiers": [
            {
                "alternateIdentifier": _text(a),
                "alternateIdentifierType": a.get("alternateIdentifierType"),
            }
            for a in _typed(resource, "alternateIdentifiers", "alternateIdentifier")
        ],
        "relatedIdentifiers": [
            {
                "relatedIdentifier": _text(r),
                "relationType": r.get("relationType"),
                "relatedIdentifierType": r.get("relatedIdentifierType"),
            }
            for r in _typed(resource, "relatedIdentifiers", "relatedIdentifier")
        ],
        "sizes": [_text(s) for s in _typed(resource, "sizes", "size")],
        "formats": [_text(f) for f in _typed(resource, "formats", "format")],
        "version": _text(_child(resource, "version")),
        "rightsList": [
            {"rights": _text(r), "rightsUri": r.get("rightsURI")}
            for r in _typed(resource, "rightsList", "rights")
        ],
        "descriptions": [
            {"description": _text(d), "descriptionType": d.get("descriptionType")}
            for d in _typed(resource, "descriptions", "description")
        ],
        "fundingReferences": [
            _funding(f) for f in _typed(resource, "fundingReferences", "fundingReference")
        ],
        "relatedItems": [_related_item(i) for i in _typed(resource, "relatedItems", "relatedItem")],
    }
    if identifier is not None and found["doi"] is None and _text(identifier):
        found["identifiers"] = [
            {"identifier": _text(identifier), "identifierType": identifier.get("identifierType")}
        ]
    return found


def _funding(element: Element) -> dict[str, Any]:
    return {
        "funderName": _text(_child(element, "funderName")),
        "funderIdentifier": _text(_child(element, "funderIdentifier")),
        "awardNumber": _text(_child(element, "awardNumber")),
    }


def _related_item(element: Element) -> dict[str, Any]:
    return {
        "relationType": element.get("relationType"),
        "relatedItemType": element.get("relatedItemType"),
        "titles": [
            {"title": _text(t), "titleType": t.get("titleType")}
            for t in _typed(element, "titles", "title")
        ],
        "volume": _text(_child(element, "volume")),
        "issue": _text(_child(element, "issue")),
        "number": _text(_child(element, "number")),
        "firstPage": _text(_child(element, "firstPage")),
        "lastPage": _text(_child(element, "lastPage")),
    }
