"""Reading DataCite: REST API JSON (``data.attributes``, ``data`` lists, bare attributes) and
kernel-3/4 XML. The XML is first put in the REST API's attribute shape (:mod:`.read_xml`), so
one builder here turns both into the record."""

from __future__ import annotations

import re
from typing import Any

from ...diagnostics import Issue, Severity
from ...errors import FormatError
from ...identifiers import affiliation as affiliation_of
from ...identifiers import distinct, normalise_doi, normalise_orcid
from ...languages import code_for
from ...model import PublicationType, Relation
from ...names import SUFFIXES, parse_inverted, split_packed, split_particle, split_whole_name
from ..base import Reading, outside
from ..kernel import file_listed_identifier
from ..loose_json import date_from_parts, date_from_text, items, line, member, objects, text
from .mapping import (
    FROM_ACCESS_URI,
    FROM_ALTERNATE,
    FROM_CONTAINER_TYPE,
    FROM_CONTRIBUTOR,
    FROM_DATE,
    FROM_GENERAL,
    FROM_RELATED_SCHEME,
    STANDARD_VALUES,
    TO_GENERAL,
    relation_of,
)

#: the record's relation words
RELATIONS = frozenset(r.value for r in Relation)

_PAGES = re.compile(r"^\s*(\d+)\s*pages?\s*$", re.IGNORECASE)
_RECORD_TYPES = frozenset(t.value for t in PublicationType)


#: The shapes read as DataCite records, as a message names them.
SHAPES = (
    'REST API JSON {"data": {"attributes": {...}}}, {"data": [...]}, {"attributes": {...}}, '
    "the attributes alone, or kernel-4 XML <resource>"
)


def read(document_text: str, suffix: str = "") -> list[Reading]:
    from ...jsonio import loads

    document = loads(document_text)
    found: list[tuple[Any, str]]
    data = document.get("data") if isinstance(document, dict) else None
    if isinstance(data, list):
        found = [(member(item, "attributes"), f"/data/{i}/attributes") for i, item in
                 enumerate(data)]  # fmt: skip
    elif isinstance(data, dict):
        found = [(data.get("attributes"), "/data/attributes")]
    elif isinstance(document, dict) and isinstance(document.get("attributes"), dict):
        found = [(document["attributes"], "/attributes")]
    else:
        found = [(document, "")]
    readings: list[Reading] = []
    for attributes, place in found:
        readings.append(reading_of(attributes, place))
    if not readings:
        raise FormatError("the DataCite response holds no DOI", line=1, column=1, rule="empty")
    return readings


def reading_of(attributes: Any, place: str = "", line_number: int = 1) -> Reading:
    if not isinstance(attributes, dict) or not (
        attributes.get("doi") or attributes.get("titles") or attributes.get("identifiers")
    ):
        message = f"this is not a DataCite record (read: {SHAPES})"
        problem = Issue("datacite-not-a-resource", message, place, line=line_number)
        return Reading(document=None, strict=False, issues=[problem], line=line_number)
    data, issues = native(attributes)
    reading = outside(data, [i.under(place) for i in issues], line=line_number)
    reading.pointer_prefix = place
    return reading


def _known(value: Any) -> str | None:
    found = line(value)
    return None if found is None or found.lower() in STANDARD_VALUES else found


def person_from_display(name: str, personal: bool = False) -> dict[str, Any]:
    """A creatorName given without its parts: 'Family, Given' (DataCite's form; also without
    the space, 'Singhal,Vipul') is split; a name without a comma is split only when it is
    known to be a person's (nameType Personal, or an ORCID iD), by the script-aware rules of
    :func:`split_whole_name` (else kept whole: it may be an organisation's)."""
    if "," not in name:
        return split_whole_name(name)[0] if personal else {"literal": name}
    split = parse_inverted(name) or parse_inverted(", ".join(p.strip() for p in name.split(",", 1)))
    if split is None and personal:
        return split_whole_name(name)[0]
    return split or {"literal": name}


def _names(entry: dict[str, Any], role: str) -> list[dict[str, Any]]:
    """The people of one creator or contributor: several when a source packed them into one
    name as 'Family, Given (Affiliation); Family, Given (Affiliation)'."""
    name = _known(entry.get("name"))
    packed = split_packed(name) if name and not entry.get("familyName") else None
    if packed is None or text(entry.get("nameType")) == "Organizational":
        found = _name(entry, role)
        return [found] if found else []
    people = []
    for whole, affiliation in packed:
        person = {**person_from_display(whole, personal=True), "role": role}
        if affiliation:
            person["affiliations"] = [affiliation]
        people.append(person)
    return people


def _name(entry: dict[str, Any], role: str) -> dict[str, Any] | None:
    name = _known(entry.get("name"))
    given, family = line(entry.get("givenName")), line(entry.get("familyName"))
    kind = text(entry.get("nameType"))
    found: dict[str, Any]
    if kind == "Organizational":
        return {"kind": "organisation", "name": name, "role": role} if name else None
    if family:
        particle, rest = split_particle(family)
        found = {"family": rest}
        if particle:
            found["particle"] = particle
        if given:
            found["given"] = given
        last = name.rsplit(",", 1)[1].strip() if name and "," in name else None
        # 'Family, Given, Jr.'; not the end of a given name that holds a comma ('A,Jr.')
        inside_given = bool(given and name and name.rstrip().endswith(given))
        if last and last in SUFFIXES and not inside_given:
            found["suffix"] = last
    elif name:
        personal = kind == "Personal" or any(
            (text(i.get("nameIdentifierScheme")) or "").upper() == "ORCID"
            for i in objects(entry.get("nameIdentifiers"))
        )
        found = person_from_display(name, personal)
    elif given:
        found = {"literal": given}
    else:
        return None
    found["role"] = role
    for identifier in objects(entry.get("nameIdentifiers")):
        scheme = (text(identifier.get("nameIdentifierScheme")) or "").upper()
        value = text(identifier.get("nameIdentifier"))
        if scheme == "ORCID" and value:
            found["orcid"] = normalise_orcid(value)
    affiliations: list[str | dict[str, str]] = []
    for given in items(entry.get("affiliation")):
        if not isinstance(given, dict):
            plain = line(given)
            if plain:
                affiliations.append(plain)
            continue
        institution = line(given.get("name"))
        scheme = (text(given.get("affiliationIdentifierScheme")) or "").upper()
        ror = text(given.get("affiliationIdentifier")) if scheme == "ROR" else None
        if institution:
            affiliations.append(affiliation_of(institution, ror))
    if affiliations:
        found["affiliations"] = distinct(affiliations)
    return found


def native(attributes: dict[str, Any]) -> tuple[dict[str, Any], list[Issue]]:
    issues: list[Issue] = []
    data: dict[str, Any] = {}
    _type(attributes, data)
    _titles(attributes, data)
    contributors = _contributors(attributes)
    if contributors:
        data["contributors"] = contributors
    language = text(attributes.get("language"))
    if language:
        data["language"] = code_for(language) or language
    _dates(attributes, data, issues)
    publisher = attributes.get("publisher")
    name = _known(publisher.get("name") if isinstance(publisher, dict) else publisher)
    if name:
        data["publisher"] = name
    _subjects(attributes, data)
    _identifiers(attributes, data)
    host, others = _host_and_others(attributes)
    _container(attributes, data, host)
    for size in items(attributes.get("sizes")):
        match = _PAGES.match(text(size) or "")
        if match and 0 < int(match.group(1)) <= 100_000:
            data["page_count"] = int(match.group(1))
    _rights(attributes, data)
    abstracts = [
        text(d.get("description"))
        for d in objects(attributes.get("descriptions"))
        if text(d.get("descriptionType")) == "Abstract"
    ]
    if any(abstracts):
        data["abstract"] = next(a for a in abstracts if a)
    funding = _funding(attributes)
    if funding:
        data["funding"] = funding
    _counts(attributes, data)
    related = [r for r in map(_related, others) if r is not None]
    if related:
        data["related"] = related
    version = line(attributes.get("version"))
    if version:
        data["version"] = version
    unplaced = _unplaced(attributes, others)
    if unplaced:
        data["notes"] = [*data.get("notes", []), *unplaced]
    data["provenance"] = {"reader": "datacite"}
    return data, issues


def _type(attributes: dict[str, Any], data: dict[str, Any]) -> None:
    """The record type: pubmeta's own word where the writer put it, else from the general
    type (DataCite's types then kept as read)."""
    types = attributes.get("types")
    general = text(member(types, "resourceTypeGeneral")) or ""
    specific = line(member(types, "resourceType"))
    record_type = FROM_GENERAL.get(general, "other")
    if specific in _RECORD_TYPES and TO_GENERAL[specific] == general:
        record_type = specific  # pubmeta's own type word, as its writer puts it
    elif general:
        terms = [general] + ([specific] if specific and specific != general else [])
        data["source_type"] = {"scheme": "DataCite", "terms": terms}
    data["type"] = record_type


def _contributors(attributes: dict[str, Any]) -> list[dict[str, Any]]:
    """Creators as authors, then contributors in their roles."""
    contributors = [c for e in objects(attributes.get("creators")) for c in _names(e, "author")]
    for entry in objects(attributes.get("contributors")):
        role = FROM_CONTRIBUTOR.get(text(entry.get("contributorType")) or "", "contributor")
        contributors.extend(_names(entry, role))
    return contributors


#: DataCite's usage counts: attribute -> record field.
_COUNTS = (("citationCount", "citations"), ("downloadCount", "downloads"))


def _counts(attributes: dict[str, Any], data: dict[str, Any]) -> None:
    for key, field in _COUNTS:
        count = attributes.get(key)
        if isinstance(count, int) and not isinstance(count, bool) and count > 0:
            data[field] = [{"source": "DataCite", "count": count}]


def _titles(attributes: dict[str, Any], data: dict[str, Any]) -> None:
    translated: list[dict[str, Any]] = []
    for entry in objects(attributes.get("titles")):
        kind = text(entry.get("titleType"))
        # DataCite's stand-ins for unknown values stand only where a value is mandatory
        value = _known(entry.get("title")) if kind is None else line(entry.get("title"))
        if not value:
            continue
        if kind is None and "title" not in data:
            data["title"] = value
        elif kind == "Subtitle" and "subtitle" not in data:
            data["subtitle"] = value
        elif kind == "TranslatedTitle" and text(entry.get("lang")):
            translated.append({"language": text(entry.get("lang")), "title": value})
    if translated:
        data["translated_titles"] = translated


def _dates(attributes: dict[str, Any], data: dict[str, Any], issues: list[Issue]) -> None:
    dates: dict[str, Any] = {}
    for entry in objects(attributes.get("dates")):
        key = FROM_DATE.get(text(entry.get("dateType")) or "")
        if key is None or key in dates:
            continue
        date, dropped = date_from_text(entry.get("date"))
        if dropped:
            issues.append(Issue("date-part-dropped", dropped, "/dates", Severity.WARNING))
        if date is not None:
            dates[key] = date.isoformat()
    year, _ = date_from_parts([attributes.get("publicationYear")])
    issued = dates.get("published")
    if (
        year is not None
        and issued is not None
        and not issued.lstrip("-").startswith(f"{year.year:04d}")
    ):
        # the publicationYear is the citation's year: the Issued date that disagrees is kept
        data.setdefault("notes", []).append(f"DataCite Issued date: {issued}")
        issues.append(Issue("value-kept-as-note", f"the Issued date {issued} is not of the "
                            f"publicationYear {year.year}: kept in notes", "/dates",
                            Severity.WARNING))  # fmt: skip
        issued = None
    if year is not None and issued is None:
        dates["published"] = year.isoformat()
    if dates:
        data["dates"] = dates


def _subjects(attributes: dict[str, Any], data: dict[str, Any]) -> None:
    keywords: list[str] = []
    subjects: list[dict[str, str]] = []
    for entry in objects(attributes.get("subjects")):
        term = line(entry.get("subject"))
        scheme = line(entry.get("subjectScheme"))
        if term and scheme:
            subjects.append({"scheme": scheme, "term": term})
        elif term:
            keywords.append(term)
    if keywords:
        data["keywords"] = keywords
    if subjects:
        data["subjects"] = subjects


def _identifiers(attributes: dict[str, Any], data: dict[str, Any]) -> None:
    ids: dict[str, Any] = {}
    doi = text(attributes.get("doi"))
    if doi:
        ids["doi"] = normalise_doi(doi)
    for entry in objects(attributes.get("identifiers")) + objects(
        attributes.get("alternateIdentifiers")
    ):
        kind = text(entry.get("identifierType")) or text(entry.get("alternateIdentifierType"))
        value = line(entry.get("identifier")) or line(entry.get("alternateIdentifier"))
        if not kind or not value:
            continue
        field = FROM_ALTERNATE.get(kind.lower())
        if kind == "DOI" and "doi" not in ids:
            ids["doi"] = normalise_doi(value)
        elif kind == "DOI":
            continue
        elif field:
            ids[field] = value
        elif not file_listed_identifier(ids, kind, value):
            ids.setdefault("other", []).append({"scheme": kind, "value": value})
    url = text(attributes.get("url"))
    if url and url not in ids.get("urls", []):
        ids.setdefault("urls", []).append(url)
    data["identifiers"] = ids


def _host_and_others(attributes: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The host's identifiers (IsPublishedIn: the first ISSN and EISSN, every ISBN) as a
    container, and the other related identifiers, in order."""
    container: dict[str, Any] = {}
    others: list[dict[str, Any]] = []
    for entry in objects(attributes.get("relatedIdentifiers")):
        kind = text(entry.get("relatedIdentifierType"))
        value = line(entry.get("relatedIdentifier"))
        if not value:
            continue
        if text(entry.get("relationType")) == "IsPublishedIn":
            if kind == "ISSN" and "issn_print" not in container:
                container["issn_print"] = value
                continue
            if kind == "EISSN" and "issn_online" not in container:
                container["issn_online"] = value
                continue
            if kind == "ISBN":
                if value not in container.setdefault("isbn_print", []):
                    container["isbn_print"].append(value)
                continue
        others.append(entry)
    return container, others


def _related(entry: dict[str, Any]) -> dict[str, str] | None:
    """A related identifier as the record holds it, or None for types it has no word for."""
    relation = relation_of(text(entry.get("relationType")) or "")
    scheme = FROM_RELATED_SCHEME.get(text(entry.get("relatedIdentifierType")) or "")
    value = line(entry.get("relatedIdentifier"))
    if relation not in RELATIONS or scheme is None or not value:
        return None
    return {"relation": relation, "scheme": scheme, "value": value}


def _container(attributes: dict[str, Any], data: dict[str, Any], container: dict[str, Any]) -> None:
    """The host: its identifiers (``container``, from :func:`_host_and_others`) and the
    relatedItem that says its titles and place."""
    host = next(
        (e for e in objects(attributes.get("relatedItems"))
         if text(e.get("relationType")) == "IsPublishedIn"),
        None,
    )  # fmt: skip
    if host is not None:
        kind = FROM_CONTAINER_TYPE.get(text(host.get("relatedItemType")) or "", "other")
        for entry in objects(host.get("titles")):
            value, title_type = line(entry.get("title")), text(entry.get("titleType"))
            field = {None: "title", "Subtitle": "subtitle",
                     "AlternativeTitle": "abbreviated_title"}.get(title_type)  # fmt: skip
            if value and field and field not in container:
                container[field] = value
        for key, field in (("volume", "volume"), ("issue", "issue")):
            value = line(host.get(key))
            if value:
                data[field] = value
        number = host.get("number")
        value = line(number.get("number") if isinstance(number, dict) else number)
        if value:
            data["article_number"] = value
        first, last = line(host.get("firstPage")), line(host.get("lastPage"))
        if first:
            data["pages"] = {"first": first, **({"last": last} if last else {})}
        if container:
            container["kind"] = kind
    else:
        legacy = attributes.get("container")  # the REST API's summary of the host
        title = line(member(legacy, "title"))
        if title:
            container["title"] = title
            container["kind"] = FROM_CONTAINER_TYPE.get(text(member(legacy, "type")) or "",
                                                        "other")  # fmt: skip
        for key, field in (("volume", "volume"), ("issue", "issue")):
            value = line(member(legacy, key))
            if value:
                data[field] = value
        first, last = line(member(legacy, "firstPage")), line(member(legacy, "lastPage"))
        if first:
            data["pages"] = {"first": first, **({"last": last} if last else {})}
    if container:
        data["container"] = container


def _rights(attributes: dict[str, Any], data: dict[str, Any]) -> None:
    for entry in objects(attributes.get("rightsList")):
        uri = text(entry.get("rightsUri")) or text(entry.get("rightsURI"))
        statement = text(entry.get("rights"))
        access = FROM_ACCESS_URI.get((uri or "").lower())
        if access:
            data.setdefault("access_rights", access)
        elif (uri or statement) and "license" not in data:
            data["license"] = {k: v for k, v in (("url", uri), ("text", statement)) if v}


def _funding(attributes: dict[str, Any]) -> list[dict[str, str]]:
    funding: list[dict[str, str]] = []
    for entry in objects(attributes.get("fundingReferences")):
        name = line(entry.get("funderName"))
        if not name:
            continue
        found = {"funder": name}
        funder_id = text(entry.get("funderIdentifier"))
        if funder_id:
            found["funder_id"] = funder_id
        award = line(entry.get("awardNumber"))
        if isinstance(entry.get("awardNumber"), dict):
            award = line(entry["awardNumber"].get("awardNumber"))
        if award:
            found["award_id"] = award
        funding.append(found)
    return funding


def _unplaced(attributes: dict[str, Any], others: list[dict[str, Any]]) -> list[str]:
    """Properties the record has no field for, kept as notes rather than dropped."""
    notes: list[str] = []
    for entry in objects(attributes.get("titles")):
        kind, value = text(entry.get("titleType")), line(entry.get("title"))
        if (
            value
            and kind not in (None, "Subtitle")
            and not (kind == "TranslatedTitle" and text(entry.get("lang")))
        ):
            notes.append(f"DataCite title ({kind}): {value}")
    for entry in others:
        if _related(entry) is None:
            relation = text(entry.get("relationType"))
            kind = text(entry.get("relatedIdentifierType"))
            notes.append(f"DataCite {relation} {kind}: {line(entry.get('relatedIdentifier'))}")
    for entry in objects(attributes.get("descriptions")):
        kind, value = text(entry.get("descriptionType")), text(entry.get("description"))
        if value and kind != "Abstract":
            notes.append(f"DataCite {kind or 'description'}: {value}")
    for size in items(attributes.get("sizes")):
        value = line(size)
        if value and not _PAGES.match(value):
            notes.append(f"DataCite size: {value}")
    notes += [
        f"DataCite format: {f}" for f in (line(v) for v in items(attributes.get("formats"))) if f
    ]
    return notes
