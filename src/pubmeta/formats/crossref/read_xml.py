"""Reading Crossref XML: metadata deposits (``doi_batch``, any schema version) and the
``crossref_result`` / ``doi_record`` documents Crossref serves, one record per registered work
(journal article, chapter, book, conference paper, dissertation, report, dataset, posted
content)."""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import unquote

from lxml import etree

from ...dates import DateError, PartialDate
from ...diagnostics import Issue, Severity
from ...errors import FormatError
from ...identifiers import affiliation as affiliation_of
from ...identifiers import distinct, normalise_doi, normalise_orcid
from ...names import split_particle
from ...xml.parse import child as _child
from ...xml.parse import children as _children
from ...xml.parse import line_of, local, parse, stripped_text
from ..base import Reading, outside
from .mapping import FROM_ROLE, FROM_STRUCTURE, related_as_read

Element = etree._Element
#: the elements under <body> (or <crossref>) that hold works
HOLDERS = frozenset({"journal", "book", "conference", "dissertation", "report-paper",
                     "database", "posted_content"})  # fmt: skip


def _text(element: Element | None, name: str | None = None) -> str | None:
    return stripped_text(_child(element, name) if name else element)


def read(document_text: str, suffix: str = "") -> list[Reading]:
    root = parse(document_text)
    holders = [e for e in root.iter() if local(e.tag) in HOLDERS]
    readings: list[Reading] = []
    for holder in holders:
        for item, structure in _works(holder):
            issues: list[Issue] = []
            data = _record(holder, item, structure, issues)
            reading = outside(data, issues, line=line_of(item))
            readings.append(reading)
    if not readings:
        raise FormatError(
            "no Crossref work with a DOI in this XML (expected a doi_batch deposit or a "
            "crossref_result with journal_article, content_item, dissertation... elements)",
            line=1,
            column=1,
            rule="crossref-not-a-work",
        )
    return readings


def _works(holder: Element) -> list[tuple[Element, str]]:
    kind = local(holder.tag)
    if kind in ("dissertation", "posted_content"):
        return [(holder, kind)]
    found: list[tuple[Element, str]] = []
    names = {"journal": ("journal_article",), "conference": ("conference_paper",),
             "book": ("content_item",), "report-paper": ("content_item",),
             "database": ("dataset",)}[kind]  # fmt: skip
    if kind in ("book", "report-paper"):
        meta = _child(holder, "book_metadata")
        if meta is None:
            meta = _child(holder, "report-paper_metadata")
        if meta is not None and _child(meta, "doi_data") is not None:
            found.append((meta, local(meta.tag)))
    for name in names:
        found.extend((item, name) for item in _children(holder, name))
    return found


def _date(element: Element | None, issues: list[Issue]) -> PartialDate | None:
    if element is None:
        return None
    parts = [_text(element, name) for name in ("year", "month", "day")]
    numbers: list[int] = []
    for part in parts:
        if part is None or not part.isdigit() or len(part) > 4:
            break
        numbers.append(int(part))
    if not numbers:
        return None
    try:
        date, dropped = PartialDate.salvage(*numbers)
    except DateError as error:
        issues.append(Issue("date-part-dropped", str(error), "", Severity.WARNING,
                            line=line_of(element)))  # fmt: skip
        return None
    if dropped:
        issues.append(Issue("date-part-dropped", dropped, "", Severity.WARNING,
                            line=line_of(element)))  # fmt: skip
    return date


def _contributors(parent: Element | None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for element in list(parent) if parent is not None else []:
        name = local(element.tag)
        role = FROM_ROLE.get(element.get("contributor_role") or "author", "contributor")
        if name == "organization":
            value = _text(element)
            if value:
                found.append({"kind": "organisation", "name": value, "role": role})
        elif name == "person_name":
            person = _person(element)
            if person:
                person["role"] = role
                found.append(person)
    return found


def _person(element: Element) -> dict[str, Any] | None:
    surname = _text(element, "surname")
    given = _text(element, "given_name")
    if not surname:
        return {"literal": given} if given else None
    particle, family = split_particle(surname)
    person: dict[str, Any] = {"family": family}
    if particle:
        person["particle"] = particle
    if given:
        person["given"] = given
    suffix = _text(element, "suffix")
    if suffix:
        person["suffix"] = suffix
    affiliations: list[str | dict[str, str]] = []
    for institution in _children(_child(element, "affiliations"), "institution"):
        name = _text(institution, "institution_name")
        ror = next(
            (_text(i) for i in _children(institution, "institution_id") if i.get("type") == "ror"),
            None,
        )
        if name:
            affiliations.append(affiliation_of(name, ror))
    affiliations += [a for a in (_text(a) for a in _children(element, "affiliation")) if a]  # 4.x
    if affiliations:
        person["affiliations"] = distinct(affiliations)
    orcid = _text(element, "ORCID")
    if orcid:
        person["orcid"] = normalise_orcid(orcid)
    return person


def _record(holder: Element, item: Element, structure: str, issues: list[Issue]) -> dict[str, Any]:
    data: dict[str, Any] = {"type": FROM_STRUCTURE[structure]}
    if structure == "posted_content" and item.get("type", "preprint") != "preprint":
        data["type"] = "other"
    titles = _child(item, "titles")
    title, subtitle = _text(titles, "title"), _text(titles, "subtitle")
    if title:
        data["title"] = title
    if subtitle:
        data["subtitle"] = subtitle
    contributors = _contributors(_child(item, "contributors"))
    contributors += [
        {**p, "role": "author"} for p in map(_person, _children(item, "person_name")) if p
    ]
    if contributors:
        data["contributors"] = contributors
    meta = _meta(holder)
    language = item.get("language") or (meta.get("language") if meta is not None else None)
    if language:
        data["language"] = language
    abstract = _abstract(item)
    if abstract:
        data["abstract"] = abstract
    _dates(holder, item, structure, data, issues)
    _container(holder, item, structure, data)
    _pages_and_number(item, data)
    _publisher(holder, item, structure, data)
    _identifiers(item, structure, data)
    _programs(item, data)
    if structure == "dissertation":
        thesis = _thesis(item)
        if thesis:
            data["thesis"] = thesis
    data["provenance"] = {"reader": "crossref"}
    return data


def _abstract(item: Element) -> str | None:
    """The abstract's paragraphs (or its text); else the description."""
    abstract = _child(item, "abstract")
    if abstract is not None:
        paragraphs = [_text(p) for p in abstract.iter() if local(p.tag) == "p"]
        text = "\n\n".join(p for p in paragraphs if p) or _text(abstract)
        if text:
            return text
    return _text(item, "description") or None


def _pages_and_number(item: Element, data: dict[str, Any]) -> None:
    """The page range, and the article number (the publisher's item number of that type)."""
    pages = _child(item, "pages")
    first = _text(pages, "first_page")
    if first:
        data["pages"] = {"first": first}
        last = _text(pages, "last_page")
        if last:
            data["pages"]["last"] = last
    numbers = _children(_child(item, "publisher_item"), "item_number") + _children(
        item, "item_number"
    )
    for number in numbers:
        if number.get("item_number_type") == "article_number" and _text(number):
            data["article_number"] = _text(number)


def _thesis(item: Element) -> dict[str, Any]:
    """A dissertation's awarding institutions and degree."""
    thesis: dict[str, Any] = {}
    names = [_text(i, "institution_name") for i in _children(item, "institution")]
    if any(names):
        thesis["awarding_institutions"] = [n for n in names if n]
    degree = _text(item, "degree")
    if degree:
        thesis["qualification"] = degree
    return thesis


def _meta(holder: Element) -> Element | None:
    for name in ("journal_metadata", "book_metadata", "proceedings_metadata",
                 "report-paper_metadata", "database_metadata"):  # fmt: skip
        found = _child(holder, name)
        if found is not None:
            return found
    return None


def _dates(
    holder: Element, item: Element, structure: str, data: dict[str, Any], issues: list[Issue]
) -> None:
    dates: dict[str, Any] = {}
    sources = [item]
    if structure in ("journal_article", "content_item", "conference_paper"):
        # the issue's, book's or proceedings' date where the item gives none
        sources += [e for e in (_child(holder, "journal_issue"), _meta(holder)) if e is not None]
    for source in sources:
        found: dict[str, str] = {}
        for element in _children(source, "publication_date"):
            date = _date(element, issues)
            media = "online" if element.get("media_type") == "online" else "print"
            if date is not None and media not in found:
                found[media] = date.isoformat()
        if len(found) == 2:  # printed after it went online: the online date came early
            dates["published"], dates["early_online"] = found["print"], found["online"]
        elif found:  # one date: when the work was published, in whichever medium
            dates["published"] = next(iter(found.values()))
        if found:
            break
    for name in ("approval_date", "posted_date"):
        date = _date(_child(item, name), issues)
        if date is not None and "published" not in dates:
            dates["published"] = date.isoformat()
    database_date = _date(_child(_child(item, "database_date"), "publication_date"), issues)
    if database_date is not None and "published" not in dates:
        dates["published"] = database_date.isoformat()
    accepted = _date(_child(item, "acceptance_date"), issues)
    if accepted is not None:
        dates["accepted"] = accepted.isoformat()
    if dates:
        data["dates"] = dates


def _container(holder: Element, item: Element, structure: str, data: dict[str, Any]) -> None:
    container: dict[str, Any] = {}
    meta = _meta(holder)
    if structure == "journal_article" and meta is not None:
        container["kind"] = "journal"
        container["title"] = _text(meta, "full_title")
        container["abbreviated_title"] = _text(meta, "abbrev_title")
        for issn in _children(meta, "issn"):
            key = "issn_online" if issn.get("media_type") == "electronic" else "issn_print"
            if key not in container or container[key] is None:
                container[key] = _text(issn)
        issue = _child(holder, "journal_issue")
        volume = _text(_child(issue, "journal_volume"), "volume")
        if volume:
            data["volume"] = volume
        number = _text(issue, "issue")
        if number:
            data["issue"] = number
    elif structure in ("content_item", "conference_paper") and meta is not None:
        container["kind"] = "book" if structure == "content_item" else "proceedings"
        if structure == "content_item":
            titles = _child(meta, "titles")
            container["title"] = _text(titles, "title")
            container["subtitle"] = _text(titles, "subtitle")
        else:
            container["title"] = _text(meta, "proceedings_title")
        _isbns(meta, container)
        if structure == "conference_paper":
            _event(holder, data)
    elif structure == "dataset" and meta is not None:
        titles = _child(meta, "titles")
        title = _text(titles, "title")
        own = data.get("title")
        if title and (title != own or _text(titles, "subtitle") != data.get("subtitle")):
            container = {"kind": "other", "title": title, "subtitle": _text(titles, "subtitle")}
    container = {k: v for k, v in container.items() if v}
    if container.keys() - {"kind"}:
        data["container"] = container


def _isbns(element: Element | None, target: dict[str, Any]) -> None:
    for isbn in _children(element, "isbn"):
        key = "isbn_electronic" if isbn.get("media_type") == "electronic" else "isbn_print"
        value = _text(isbn)
        if value:
            target.setdefault(key, []).append(value)


def _event(holder: Element, data: dict[str, Any]) -> None:
    event = _child(holder, "event_metadata")
    name = _text(event, "conference_name")
    if event is None or not name:
        return
    found: dict[str, Any] = {"name": name}
    for element, field in (("conference_acronym", "acronym"), ("conference_location", "place")):
        value = _text(event, element)
        if value:
            found[field] = value
    when = _child(event, "conference_date")
    for prefix in ("start", "end"):
        parts = [when.get(f"{prefix}_{p}") if when is not None else None
                 for p in ("year", "month", "day")]  # fmt: skip
        numbers = []
        for part in parts:
            if part is None or not part.isdigit():
                break
            numbers.append(int(part))
        if numbers:
            with contextlib.suppress(DateError):
                found[prefix] = PartialDate.salvage(*numbers)[0].isoformat()
    data["event"] = found


def _publisher(holder: Element, item: Element, structure: str, data: dict[str, Any]) -> None:
    meta = item if structure in ("book_metadata", "report-paper_metadata") else _meta(holder)
    publisher = _child(meta, "publisher")
    name = _text(publisher, "publisher_name")
    if name:
        data["publisher"] = name
        place = _text(publisher, "publisher_place")
        if place:
            data["publisher_place"] = place


def _identifiers(item: Element, structure: str, data: dict[str, Any]) -> None:
    ids: dict[str, Any] = {}
    doi_data = _child(item, "doi_data")
    doi = _text(doi_data, "doi")
    if doi:
        ids["doi"] = normalise_doi(doi)
    resource = _text(doi_data, "resource")
    # the DOI's own link (percent-encoded where a URI cannot hold its characters) is no URL
    if resource and not (doi and unquote(resource).lower().endswith("doi.org/" + doi.lower())):
        ids["urls"] = [resource]
    if structure not in ("content_item", "conference_paper"):
        _isbns(item, ids)
    data["identifiers"] = ids


def _programs(item: Element, data: dict[str, Any]) -> None:
    funding: list[dict[str, str]] = []
    # programs stand in the item, or in its crossmark's custom metadata (unixref records)
    custom = _child(_child(item, "crossmark"), "custom_metadata")
    for program in [*item, *(custom if custom is not None else [])]:
        name = local(program.tag)
        if name == "program" and program.get("name") == "fundref":
            for group in program:
                funding.extend(_fundgroup(group))
        elif name == "program" and program.get("name") == "AccessIndicators":
            for element in program:
                if local(element.tag) == "license_ref" and _text(element) and "license" not in data:
                    data["license"] = {"url": _text(element)}
                elif local(element.tag) == "free_to_read":
                    data["access_rights"] = "open"
        elif name == "program" and program.get("name") == "relations":
            for item_element in program:
                for relation in item_element:
                    if local(relation.tag) not in ("inter_work_relation", "intra_work_relation"):
                        continue
                    found = related_as_read(
                        relation.get("relationship-type") or "",
                        relation.get("identifier-type") or "",
                        _text(relation) or "",
                    )
                    if found is not None:
                        data.setdefault("related", []).append(found)
    if funding:
        data["funding"] = funding


def _fundgroup(group: Element) -> list[dict[str, str]]:
    assertions = [group] if group.get("name") == "funder_name" else list(group)
    entry: dict[str, str] = {}
    for assertion in assertions:
        kind = assertion.get("name")
        if kind == "funder_name":
            name = (assertion.text or "").strip()
            if name:
                entry["funder"] = name
            for inner in assertion:
                if inner.get("name") == "funder_identifier" and _text(inner):
                    entry["funder_id"] = _text(inner) or ""
        elif kind == "award_number" and _text(assertion):
            entry["award_id"] = _text(assertion) or ""
    return [entry] if "funder" in entry else []
