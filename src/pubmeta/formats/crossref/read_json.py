"""Reading Crossref REST API works: a bare work, ``{"message": work}`` and ``message.items``
lists. Values of the wrong JSON shape are skipped (or reported), never a crash."""

from __future__ import annotations

import re
from typing import Any

from ...dates import DateError, PartialDate
from ...diagnostics import Issue, Severity
from ...identifiers import affiliation as affiliation_of
from ...identifiers import distinct, normalise_doi, normalise_orcid
from ...jsonio import loads
from ...languages import code_for
from ...names import split_particle
from ...text import squeeze
from ..base import Reading
from ..loose_json import date_from_parts, items, line, member, objects, readings_of, text
from .mapping import FROM_ROLE, FROM_TYPE, related_as_read

_TAGS = re.compile(r"<[^>]+>")
_PARAGRAPH_END = re.compile(r"</(?:jats:)?(?:p|title|sec)>", re.IGNORECASE)
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


#: The JSON shapes read as Crossref works, as a message names them.
SHAPES = (
    'a work, {"message": work}, {"message": {"items": [work, ...]}}, {"items": [work, ...]} '
    "(a list response saved as its message), a list of works, or an object mapping DOIs to "
    "works or lists of works"
)
_DOI_KEY = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?10\.\d{4,9}/", re.IGNORECASE)


def _pointer(key: str) -> str:
    return "/" + key.replace("~", "~0").replace("/", "~1")


def _works(document: Any) -> tuple[list[Any], list[str]]:
    """The works a response holds, each with its JSON pointer."""
    if isinstance(document, list):
        return document, [f"/{i}" for i in range(len(document))]
    if not isinstance(document, dict):
        return [document], [""]
    message = document.get("message")
    if isinstance(message, dict):
        if isinstance(message.get("items"), list):
            found = message["items"]
            return found, [f"/message/items/{i}" for i in range(len(found))]
        return [message], ["/message"]
    if "DOI" not in document and isinstance(document.get("items"), list):
        found = document["items"]  # r.json()["message"] of a list response
        return found, [f"/items/{i}" for i in range(len(found))]
    if document and all(_DOI_KEY.match(key) for key in document):
        works: list[Any] = []
        places: list[str] = []
        for key, value in document.items():  # {"10.1000/x": [work, ...], ...}
            if isinstance(value, list):
                works.extend(value)
                places.extend(f"{_pointer(key)}/{i}" for i in range(len(value)))
            else:
                works.append(value)
                places.append(_pointer(key))
        return works, places
    return [document], [""]


def read(document_text: str, suffix: str = "") -> list[Reading]:
    works, places = _works(loads(document_text))
    return readings_of(
        zip(works, places, strict=True),
        lambda work: bool(work.get("DOI") or work.get("title")),
        native,
        "crossref-not-a-work",
        f"a Crossref work (read: {SHAPES})",
    )


def abstract_text(markup: str) -> str | None:
    """Crossref abstracts are JATS fragments: paragraphs kept, tags removed."""
    marked = _PARAGRAPH_END.sub("\n\n", markup)
    plain = _TAGS.sub(" ", marked)
    for entity, character in _ENTITIES.items():
        plain = plain.replace(entity, character)
    paragraphs = [squeeze(p) for p in plain.split("\n\n")]
    # a leading "Abstract" heading is the section's title, not its text
    if len(paragraphs) > 1 and paragraphs[0].lower() in ("abstract", "summary"):
        paragraphs = paragraphs[1:]
    kept = [p for p in paragraphs if p]
    return "\n\n".join(kept) or None


def _date(work: dict[str, Any], key: str, issues: list[Issue]) -> PartialDate | None:
    holder = work.get(key)
    if holder is None:
        return None
    rows = items(member(holder, "date-parts"))
    if not rows:
        return None
    date, dropped = date_from_parts(rows[0])
    if dropped:
        issues.append(Issue("date-part-dropped", f"{key}: {dropped}", f"/{key}", Severity.WARNING))
    return date


def _assertion_date(work: dict[str, Any], name: str) -> PartialDate | None:
    given = work.get("assertion")
    if not given:  # the usual work: none (an empty one names nothing)
        return None
    for assertion in objects(given):
        if assertion.get("name") == name:
            value = text(assertion.get("value"))
            if value:
                try:
                    return PartialDate.parse_text(value.split(",")[0])
                except DateError:
                    return None
    return None


def _person(name: dict[str, Any]) -> dict[str, Any] | None:
    family = line(name.get("family"))
    given = line(name.get("given"))
    literal = line(name.get("name"))
    person: dict[str, Any] = {}
    if family:
        particle, rest = split_particle(family)
        person["family"] = rest
        if particle:
            person["particle"] = particle
        if given:
            person["given"] = given
    elif literal:
        return {"kind": "organisation", "name": literal}
    elif given:
        person["literal"] = given
    else:
        return None
    suffix = line(name.get("suffix"))
    if suffix:
        person["suffix"] = suffix
    orcid = text(name.get("ORCID"))
    if orcid:
        person["orcid"] = normalise_orcid(orcid)
    given_affiliations = name.get("affiliation")
    if not given_affiliations:  # the usual name: none (an empty object names nothing)
        return person
    affiliations: list[str | dict[str, str]] = []
    for affiliation in objects(given_affiliations):
        institution = line(affiliation.get("name"))
        ror = next(
            (
                text(i.get("id"))
                for i in objects(affiliation.get("id"))
                if (text(i.get("id-type")) or "").upper() == "ROR"
            ),
            None,
        )
        if institution:
            affiliations.append(affiliation_of(institution, ror))
    if affiliations:
        person["affiliations"] = distinct(affiliations)
    return person


def native(work: dict[str, Any]) -> tuple[dict[str, Any], list[Issue]]:
    issues: list[Issue] = []
    data: dict[str, Any] = {}
    _type(work, data)
    _titles(work, data)
    contributors = _contributors(work)
    if contributors:
        data["contributors"] = contributors
    language = text(work.get("language"))
    if language:
        data["language"] = code_for(language) or language
    _dates(work, data, issues)
    _container(work, data)
    _publication_details(work, data)
    _event(work, data, issues)
    data["identifiers"] = _identifiers(work, data["type"])
    _rights(work, data)
    funding = _funding(work)
    if funding:
        data["funding"] = funding
    related = _related(work)
    if related:
        data["related"] = related
    subjects = [line(s) for s in items(work.get("subject"))]
    if any(subjects):
        data["subjects"] = [{"scheme": "Crossref", "term": s} for s in subjects if s]
    cited = work.get("is-referenced-by-count")
    if isinstance(cited, int) and not isinstance(cited, bool) and cited >= 0:
        data["citations"] = [{"source": "Crossref", "count": cited}]
    if data["type"] == "thesis":
        thesis = _thesis(work)
        if thesis:
            data["thesis"] = thesis
    data["provenance"] = {"reader": "crossref"}
    return data, issues


def _type(work: dict[str, Any], data: dict[str, Any]) -> None:
    """The record type, and Crossref's own type (and a posted content's subtype) as read."""
    crossref_type = text(work.get("type")) or ""
    data["type"] = FROM_TYPE.get(crossref_type, "other")
    if crossref_type:
        data["source_type"] = {"scheme": "Crossref", "terms": [crossref_type]}
    subtype = text(work.get("subtype"))
    if subtype and crossref_type == "posted-content" and subtype != "preprint":
        data["type"] = "other"
        data["source_type"]["terms"].append(subtype)


def _titles(work: dict[str, Any], data: dict[str, Any]) -> None:
    """Title, subtitle (unless it repeats the title) and abstract."""
    title = line(work.get("title"))
    if title:
        data["title"] = title
    subtitle = line(work.get("subtitle"))
    if subtitle and subtitle != title:
        data["subtitle"] = subtitle
    markup = text(work.get("abstract"))
    if markup:
        abstract = abstract_text(markup)
        if abstract:
            data["abstract"] = abstract


def _contributors(work: dict[str, Any]) -> list[dict[str, Any]]:
    contributors: list[dict[str, Any]] = []
    for key in ("author", "editor", "translator", "chair"):
        given = work.get(key)
        if not given:  # nothing, or an empty value, names no one
            continue
        for name in objects(given):
            person = _person(name)
            if person:
                person["role"] = FROM_ROLE[key]
                contributors.append(person)
    return contributors


#: Crossref members read as they are: member -> record field.
_AS_GIVEN = (
    ("volume", "volume"), ("issue", "issue"), ("publisher", "publisher"),
    ("publisher-location", "publisher_place"), ("article-number", "article_number"),
)  # fmt: skip


def _publication_details(work: dict[str, Any], data: dict[str, Any]) -> None:
    """Volume, issue, publisher and its place, article number, and the page range."""
    for key, field in _AS_GIVEN:
        value = line(work.get(key))
        if value:
            data[field] = value
    page = line(work.get("page"))
    if page:
        first, _, last = page.partition("-")
        data["pages"] = {"first": first.strip() or page}
        if last.strip() and first.strip():
            data["pages"]["last"] = last.strip()


def _related(work: dict[str, Any]) -> list[dict[str, str]]:
    """The works ``relation`` names, each as a related item the record can hold."""
    relations = work.get("relation")
    return [
        found
        for relation, targets in (relations.items() if isinstance(relations, dict) else ())
        for target in objects(targets)
        if (found := related_as_read(str(relation), text(target.get("id-type")) or "",
                                     line(target.get("id")) or "")) is not None
    ]  # fmt: skip


def _thesis(work: dict[str, Any]) -> dict[str, Any]:
    """A dissertation's awarding institutions and degree."""
    institutions = [line(i.get("name")) for i in objects(work.get("institution"))]
    degree = line(work.get("degree"))
    thesis: dict[str, Any] = {}
    if any(institutions):
        thesis["awarding_institutions"] = [i for i in institutions if i]
    if degree:
        thesis["qualification"] = degree
    return thesis


def _dates(work: dict[str, Any], data: dict[str, Any], issues: list[Issue]) -> None:
    dates: dict[str, Any] = {}
    issued = _date(work, "issued", issues)
    printed = _date(work, "published-print", issues)
    online = _date(work, "published-online", issues)
    if issued is None:  # a dissertation gives only its approval
        issued = _date(work, "approved", issues) or printed or online
    if issued is not None:
        dates["published"] = issued.isoformat()
    if online is not None and printed is not None and online < printed:
        dates["early_online"] = online.isoformat()  # online ahead of print (not digitised later)
    accepted = _date(work, "accepted", issues) or _assertion_date(work, "accepted")
    if accepted is not None:
        dates["accepted"] = accepted.isoformat()
    received = _assertion_date(work, "received")
    if received is not None:
        dates["submitted"] = received.isoformat()
    if dates:
        data["dates"] = dates


#: record type -> the kind of its container
_CONTAINER_KIND = {"article": "journal", "review-article": "journal", "book-chapter": "book",
                   "conference-paper": "proceedings", "report": "report-series"}  # fmt: skip


def _container(work: dict[str, Any], data: dict[str, Any]) -> None:
    container: dict[str, Any] = {}
    titles = [line(t) for t in items(work.get("container-title"))]
    titles = [t for t in titles if t]
    record_type = data["type"]
    if titles:
        container["title"] = titles[-1] if record_type == "book-chapter" else titles[0]
        container["kind"] = _CONTAINER_KIND.get(record_type, "other")
    short = line(work.get("short-container-title"))
    if short and titles:
        container["abbreviated_title"] = short
    for entry in objects(work.get("issn-type")):
        value, kind = text(entry.get("value")), text(entry.get("type"))
        if value and kind == "print" and "issn_print" not in container:
            container["issn_print"] = value
        elif value and kind == "electronic" and "issn_online" not in container:
            container["issn_online"] = value
    if "issn_print" not in container and "issn_online" not in container:
        issns = [text(i) for i in items(work.get("ISSN"))]
        issns = [i for i in issns if i]
        if issns:
            container["issn_print"] = issns[0]
            if len(issns) > 1 and issns[1] != issns[0]:
                container["issn_online"] = issns[1]
    if record_type in ("book-chapter", "conference-paper"):
        _isbns(work, container)
    if container:
        data["container"] = container


def _isbns(work: dict[str, Any], target: dict[str, Any]) -> None:
    printed: list[str] = []
    electronic: list[str] = []
    for entry in objects(work.get("isbn-type")):
        value, kind = text(entry.get("value")), text(entry.get("type"))
        if value:
            (electronic if kind == "electronic" else printed).append(value)
    if not printed and not electronic:
        printed = [i for i in (text(v) for v in items(work.get("ISBN"))) if i]
    if printed:
        target["isbn_print"] = list(dict.fromkeys(printed))
    if electronic:
        target["isbn_electronic"] = list(dict.fromkeys(electronic))


def _event(work: dict[str, Any], data: dict[str, Any], issues: list[Issue]) -> None:
    event = work.get("event")
    if event is None:
        return
    name = line(member(event, "name"))
    if not name:
        return
    found: dict[str, Any] = {"name": name}
    acronym, place = line(member(event, "acronym")), line(member(event, "location"))
    if acronym:
        found["acronym"] = acronym
    if place:
        found["place"] = place
    for key, field in (("start", "start"), ("end", "end")):
        date = _date(event, key, issues) if isinstance(event, dict) else None
        if date is not None:
            found[field] = date.isoformat()
    data["event"] = found


def _identifiers(work: dict[str, Any], record_type: str) -> dict[str, Any]:
    ids: dict[str, Any] = {}
    doi = text(work.get("DOI"))
    if doi:
        ids["doi"] = normalise_doi(doi)
    landing = text(member(work, "resource", "primary", "URL"))
    if landing and "doi.org/" not in landing.lower():
        ids["urls"] = [landing]
    if record_type not in ("book-chapter", "conference-paper"):
        _isbns(work, ids)
    return ids


def _rights(work: dict[str, Any], data: dict[str, Any]) -> None:
    licences = objects(work.get("license"))
    if not licences:
        return
    chosen = next(
        (
            entry
            for entry in licences
            if text(entry.get("content-version")) in ("vor", "unspecified")
        ),
        licences[0] if licences else None,
    )
    url = text(chosen.get("URL")) if chosen else None
    if url:
        data["license"] = {"url": url}


def _funding(work: dict[str, Any]) -> list[dict[str, str]]:
    funding: list[dict[str, str]] = []
    given = work.get("funder")
    if not given:  # the usual work: none (an empty object names no funder)
        return funding
    for funder in objects(given):
        name = line(funder.get("name"))
        if not name:
            continue
        funder_id = text(funder.get("DOI"))
        awards: list[str | None] = [a for a in (line(v) for v in items(funder.get("award"))) if a]
        for award in awards or [None]:
            entry = {"funder": name}
            if funder_id:
                entry["funder_id"] = funder_id
            if award:
                entry["award_id"] = award
            funding.append(entry)
    return funding
