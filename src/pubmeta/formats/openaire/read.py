"""Reading ``oai_openaire`` resources: bare, or in OAI-PMH GetRecord/ListRecords responses.

Real repositories serve records the schema refuses (the Guidelines' own example among them:
``identifierType="Handle"``, related identifiers without a relation type, empty creators), so
the reader never depends on validity: it takes what it can tell and keeps the rest as notes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...diagnostics import Issue
from ...errors import FormatError
from ...identifiers import normalise_doi
from ...names import parse_inverted
from ...xml import parse as xmlio
from ...xml.parse import text_of
from ..base import Reading, outside
from ..kernel import file_listed_identifier
from . import coar
from .mapping import (
    FROM_ALTERNATE,
    FROM_CONTRIBUTOR,
    FROM_DATE,
    FROM_RELATED_SCHEME,
    HOST_SCHEMES,
    OAI,
    OAIRE,
    OTHER_PREFIX,
    RELATIONS,
    XML_LANG,
)

if TYPE_CHECKING:
    from lxml import etree

    Element = etree._Element

_PAGES = re.compile(r"^\s*(\d+)\s*pages?\s*$", re.IGNORECASE)
_RELATION_WORD = re.compile(r"(?<!^)(?=[A-Z])")


def read(text: str, suffix: str = "") -> list[Reading]:
    return read_tree(xmlio.parse(text))


def read_tree(root: Element) -> list[Reading]:
    """The resources of a parsed document, or of an element of one (a harvested page's
    ``record``: the harvester reads a page's records from the page's own tree)."""
    found = (
        [root] if root.tag == f"{{{OAIRE}}}resource" else list(root.iter(f"{{{OAIRE}}}resource"))
    )
    deleted = _deleted(root)
    if not found:
        raise FormatError(
            f"no oai_openaire resource here (root element <{xmlio.local(root.tag)[:40]}>)",
            line=xmlio.line_of(root),
            column=1,
            rule="empty",
        )
    readings = []
    for index, element in enumerate(found):
        data = resource_document(element)
        identifier = _oai_identifier(element)
        if identifier:
            data.setdefault("identifiers", {}).setdefault("other", []).append(
                {"scheme": "oai", "value": identifier}
            )
        readings.append(outside(data, deleted if index == 0 else [], xmlio.line_of(element)))
    return readings


def _deleted(root: Element) -> list[Issue]:
    issues = []
    for header in root.iter(f"{{{OAI}}}header"):
        if header.get("status") == "deleted":
            identifier = xmlio.text_of(header.find(f"{{{OAI}}}identifier"))
            issues.append(
                Issue(
                    "dc-deleted-record",
                    f"OAI-PMH record {identifier[:100]} is deleted: it has no metadata to read",
                    line=xmlio.line_of(header),
                    column=1,
                )
            )
    return issues


def _oai_identifier(element: Element) -> str | None:
    metadata = element.getparent()
    record = metadata.getparent() if metadata is not None else None
    # iterchildren matches a tag in C; find would go through ElementPath (a record each time)
    header = next(record.iterchildren(f"{{{OAI}}}header"), None) if record is not None else None
    if header is None:
        return None
    return text_of(next(header.iterchildren(f"{{{OAI}}}identifier"), None)) or None


def _local(element: Element) -> str:
    tag = element.tag
    return tag[tag.find("}") + 1 :] if isinstance(tag, str) else ""


def _text(element: Element | None) -> str | None:
    if element is None:
        return None
    value = text_of(element, collapsed=False).strip()
    return value or None


def _kids(element: Element | None, name: str) -> list[Element]:
    return [] if element is None else [c for c in element if _local(c) == name]


def _kid(element: Element | None, name: str) -> Element | None:
    found = _kids(element, name)
    return found[0] if found else None


def resource_document(resource: Element) -> dict[str, Any]:
    """One resource as a record document (pubmeta's native form); unknown parts become notes."""
    data: dict[str, Any] = {}
    notes: list[str] = []
    contributors: list[dict[str, Any]] = []
    ids: dict[str, Any] = {}
    container: dict[str, Any] = {}
    for child in resource:
        name = _local(child)
        if name == "creators":
            contributors[:0] = [
                p for p in (_person(c, "creator", "author") for c in _kids(child, "creator")) if p
            ]
        elif name == "contributors":
            for element in _kids(child, "contributor"):
                role = FROM_CONTRIBUTOR.get(element.get("contributorType") or "", "contributor")
                person = _person(element, "contributor", role)
                if person:
                    contributors.append(person)
        elif name == "titles":
            _titles(child, data)
        elif name in _SIMPLE:
            value = _text(child)
            if value and _SIMPLE[name] not in data:
                data[_SIMPLE[name]] = value
            elif value and name == "description":
                data["abstract"] += "\n\n" + value
        elif name in _READERS:
            _READERS[name](child, data, ids, container, notes)
    if contributors:
        data["contributors"] = contributors
    if ids:
        data["identifiers"] = ids
    _finish_container(data, container)
    if notes:
        data["notes"] = notes
    data.setdefault("type", "other")
    return data


_SIMPLE = {"description": "abstract", "language": "language", "publisher": "publisher",
           "citationVolume": "volume", "citationIssue": "issue"}  # fmt: skip


def _parts(element: Element) -> tuple[dict[str, Element], list[Element], list[Element]]:
    """A person's parts in one pass (a record holds many persons): the first part of each
    name, the name identifiers and the affiliations."""
    first: dict[str, Element] = {}
    identifiers: list[Element] = []
    affiliations: list[Element] = []
    for part in element:
        name = _local(part)
        if name == "nameIdentifier":
            identifiers.append(part)
        elif name == "affiliation":
            affiliations.append(part)
        elif name not in first:
            first[name] = part
    return first, identifiers, affiliations


def _person(element: Element, kind: str, role: str) -> dict[str, Any] | None:
    first, identifiers, affiliations = _parts(element)
    name_element = first.get(f"{kind}Name")
    display = _text(name_element)
    given, family = _text(first.get("givenName")), _text(first.get("familyName"))
    name_type = name_element.get("nameType") if name_element is not None else None
    person: dict[str, Any]
    if name_type == "Organizational" and display:
        person = {"kind": "organisation", "name": display}
    elif family:
        person = {"family": family, **({"given": given} if given else {})}
    elif given or display:
        person = {}
        if given:
            person["given"] = given
        if display and display != given:
            # a name without parts: 'Family, Given' as repositories write it, unless the
            # source says it is a person's name as printed
            parsed = parse_inverted(display) if name_type is None and not given else None
            person.update(parsed or {"literal": display})
    else:
        return None
    if role != "author":
        person["role"] = role
    if person.get("kind") != "organisation":
        _person_links(person, identifiers, affiliations)
    return person


def _person_links(
    person: dict[str, Any], identifiers: list[Element], affiliation_elements: list[Element]
) -> None:
    """A person's ORCID iD and affiliations."""
    for identifier in identifiers:
        scheme = (identifier.get("nameIdentifierScheme") or "").upper()
        if scheme == "ORCID" and _text(identifier) and "orcid" not in person:
            person["orcid"] = _text(identifier)
    affiliations: list[Any] = []
    for affiliation in affiliation_elements:
        name = _text(affiliation)
        if not name:
            continue
        ror = affiliation.get("affiliationIdentifier")
        scheme = (affiliation.get("affiliationIdentifierScheme") or "").upper()
        affiliations.append({"name": name, "ror": ror} if ror and scheme == "ROR" else name)
    if affiliations:
        person["affiliations"] = affiliations


def _titles(element: Element, data: dict[str, Any]) -> None:
    translated: list[dict[str, Any]] = data.setdefault("translated_titles", [])
    last: dict[str, Any] | None = None
    for title in _kids(element, "title"):
        value = _text(title)
        if not value:
            continue
        kind, lang = title.get("titleType"), title.get(XML_LANG)
        if kind == "TranslatedTitle" and lang:
            last = {"language": lang, "title": value}
            translated.append(last)
            continue
        if kind == "Subtitle":
            if lang and last is not None and last["language"] == lang and "subtitle" not in last:
                last["subtitle"] = value
            elif "subtitle" not in data and not lang:
                data["subtitle"] = value
            else:
                data.setdefault("notes", []).append(f"subtitle: {value}")
        elif kind is None and "title" not in data:
            data["title"] = value
        elif lang and kind in (None, "AlternativeTitle"):
            translated.append({"language": lang, "title": value})
        else:
            data.setdefault("notes", []).append(f"{(kind or 'title')}: {value}")
        last = None
    if not translated:
        del data["translated_titles"]


def _resource_type(element: Element, data: dict[str, Any], *_: Any) -> None:
    uri = element.get("uri") or ""
    concept = uri.rsplit("/", 1)[-1] if uri.startswith(coar.RESOURCE_TYPE) else ""
    if concept in coar.RESOURCE_TYPES:
        data["type"] = coar.RESOURCE_TYPES[concept][1]
        return
    words = _text(element)
    if words:
        data["source_type"] = {"scheme": "OpenAIRE", "terms": [words]}


def _identifier(element: Element, data: dict[str, Any], ids: dict[str, Any], *_: Any) -> None:
    value = _text(element)
    kind = (element.get("identifierType") or "").upper()
    if value is None:
        return
    if kind == "DOI":
        ids["doi"] = normalise_doi(value) if value.lower().startswith(("http", "doi:")) else value
    elif kind == "URL":
        ids.setdefault("urls", []).insert(0, value)
    else:
        ids.setdefault("other", []).insert(0, {"scheme": kind.lower() or "id", "value": value})


def _alternates(element: Element, data: dict[str, Any], ids: dict[str, Any], *_: Any) -> None:
    for alternate in _kids(element, "alternateIdentifier"):
        value = _text(alternate)
        kind = alternate.get("alternateIdentifierType") or ""
        if value is None:
            continue
        if kind == "PMID" and value.upper().startswith("PMC"):
            kind = "PMCID"  # the Guidelines' own example gives a PMC id as PMID
        if kind in FROM_ALTERNATE and FROM_ALTERNATE[kind] not in ids:
            ids[FROM_ALTERNATE[kind]] = value
        elif kind == "DOI" and "doi" not in ids:
            ids["doi"] = value
        elif not file_listed_identifier(ids, kind, value):
            scheme = kind.removeprefix(OTHER_PREFIX) if kind.startswith(OTHER_PREFIX) else kind
            ids.setdefault("other", []).append({"scheme": scheme or "id", "value": value})


def _related(element: Element, data: dict[str, Any], ids: dict[str, Any], container: dict[str, Any],
             notes: list[str]) -> None:  # fmt: skip
    for related in _kids(element, "relatedIdentifier"):
        value = _text(related)
        kind = related.get("relatedIdentifierType") or ""
        relation = related.get("relationType") or ""
        if value is None:
            continue
        words = _RELATION_WORD.sub("-", relation).lower()
        # real records often leave the relation out (the schema requires it): an ISSN or
        # ISBN is then the host's, a DOI the work's own (DSpace's version of record)
        host = relation in ("IsPartOf", "")
        if host and kind.upper() in HOST_SCHEMES:
            container.setdefault(HOST_SCHEMES[kind.upper()], value)
        elif host and kind.upper() == "ISBN":
            container.setdefault("isbn_print", []).append(value)
        elif not relation and kind.upper() == "DOI" and "doi" not in ids:
            ids["doi"] = value
        elif words in RELATIONS and kind.lower() in FROM_RELATED_SCHEME:
            scheme = FROM_RELATED_SCHEME[kind.lower()]
            data.setdefault("related", []).append(
                {"relation": words, "scheme": scheme, "value": value}
            )
        else:
            notes.append(f"related identifier ({kind or '?'} {relation or '?'}): {value}")


def _dates(element: Element, data: dict[str, Any], *_: Any) -> None:
    dates: dict[str, str] = data.setdefault("dates", {})
    for date in _kids(element, "date"):
        key = FROM_DATE.get(date.get("dateType") or "")
        value = _text(date)
        if key and value and key not in dates:
            dates[key] = value


def _version(element: Element, data: dict[str, Any], *_: Any) -> None:
    uri = element.get("uri") or ""
    concept = uri.rsplit("/", 1)[-1] if uri.startswith(coar.VERSION) else ""
    status = coar.VERSIONS.get(concept, ("", None))[1]
    if status:
        data["status"] = status


def _rights(element: Element, data: dict[str, Any], *_: Any) -> None:
    uri = element.get("rightsURI") or ""
    concept = uri.rsplit("/", 1)[-1] if uri.startswith(coar.ACCESS_RIGHT) else ""
    if concept in coar.FROM_ACCESS and "access_rights" not in data:
        data["access_rights"] = coar.FROM_ACCESS[concept]


def _licence(element: Element, data: dict[str, Any], *_: Any) -> None:
    if "license" in data:
        return
    licence = {"url": element.get("uri"), "text": _text(element)}
    licence = {k: v for k, v in licence.items() if v}
    if licence:
        data["license"] = licence


def _subjects(element: Element, data: dict[str, Any], *_: Any) -> None:
    for subject in _kids(element, "subject"):
        value = _text(subject)
        scheme = subject.get("subjectScheme")
        if value and scheme:
            data.setdefault("subjects", []).append({"scheme": scheme, "term": value})
        elif value:
            data.setdefault("keywords", []).append(value)


def _sizes(element: Element, data: dict[str, Any], *_: Any) -> None:
    for size in _kids(element, "size"):
        match = _PAGES.match(_text(size) or "")
        if match and "page_count" not in data:
            data["page_count"] = int(match.group(1))


def _funding(element: Element, data: dict[str, Any], *_: Any) -> None:
    for reference in _kids(element, "fundingReference"):
        funder = _text(_kid(reference, "funderName"))
        if not funder:
            continue
        grant = {"funder": funder, "funder_id": _text(_kid(reference, "funderIdentifier")),
                 "award_id": _text(_kid(reference, "awardNumber"))}  # fmt: skip
        data.setdefault("funding", []).append({k: v for k, v in grant.items() if v})


def _citation(element: Element, data: dict[str, Any], ids: Any, container: dict[str, Any],
              *_: Any) -> None:  # fmt: skip
    name, value = _local(element), _text(element)
    if value is None:
        return
    if name == "citationTitle":
        container.setdefault("title", value)
    elif name == "citationStartPage":
        data.setdefault("pages", {})["first"] = value
    elif name == "citationEndPage":
        data.setdefault("pages", {})["last"] = value


def _finish_container(data: dict[str, Any], container: dict[str, Any]) -> None:
    pages = data.get("pages")
    if pages is not None and "first" not in pages:
        data["notes"] = [*data.get("notes", []), f"end page: {pages['last']}"]
        del data["pages"]
    if not container:
        return
    kind = data.get("type")
    if kind == "book-chapter":
        container["kind"] = "book"
    elif kind in ("conference-paper", "conference-abstract"):
        container["kind"] = "proceedings"
    data["container"] = container


_READERS: dict[str, Any] = {
    "resourceType": _resource_type,
    "identifier": _identifier,
    "alternateIdentifiers": _alternates,
    "relatedIdentifiers": _related,
    "dates": _dates,
    "version": _version,
    "rights": _rights,
    "licenseCondition": _licence,
    "subjects": _subjects,
    "sizes": _sizes,
    "fundingReferences": _funding,
    "citationTitle": _citation,
    "citationStartPage": _citation,
    "citationEndPage": _citation,
}
