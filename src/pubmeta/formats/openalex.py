"""OpenAlex works (``.json``): a single work, a ``results`` list of the API, or a JSON array of
works. Reader only: OpenAlex is an aggregator, nobody deposits into it.

The abstract is rebuilt from ``abstract_inverted_index`` (word -> positions); authors come from
``authorships`` in natural order with ORCID, institutions and the corresponding flag; the host
venue and ``biblio`` give journal, volume, issue and pages.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import Issue, Severity
from ..identifiers import affiliation as affiliation_of
from ..identifiers import distinct, normalise_doi, normalise_orcid
from ..languages import code_for
from ..names import split_whole_name
from .base import JSON_LINES_SUFFIXES, Fidelity, FieldMap, Format, Reading, json_lines
from .loose_json import (
    date_from_parts,
    date_from_text,
    integer,
    items,
    line,
    member,
    objects,
    readings_of,
    text,
)

#: OpenAlex ``type`` (and Crossref's, given as ``type_crossref``) -> record type
FROM_TYPE: dict[str, str] = {
    "article": "article",
    "review": "review-article",
    "letter": "letter",
    "editorial": "editorial",
    "book-chapter": "book-chapter",
    "book": "book",
    "monograph": "book",
    "dissertation": "thesis",
    "report": "report",
    "dataset": "dataset",
    "preprint": "preprint",
    "posted-content": "preprint",
    "proceedings-article": "conference-paper",
}
#: host source ``type`` -> container kind
CONTAINER_KIND: dict[str, str] = {
    "journal": "journal",
    "conference": "proceedings",
    "book series": "book",
    "ebook platform": "book",
    "repository": "other",
}
_WORK_ID = re.compile(r"^https?://openalex\.org/W\d+$", re.IGNORECASE)
_SNIFF = re.compile(r'"id"\s*:\s*"https?://openalex\.org/W\d+"|"abstract_inverted_index"\s*:')

MAPPING: tuple[FieldMap, ...] = (
    FieldMap(
        "type",
        "type (type_crossref for proceedings papers)",
        Fidelity.LOSSY,
        "paratext, erratum, standard, peer-review and other types read as 'other'",
    ),
    FieldMap("source_type", "type: scheme 'OpenAlex'"),
    FieldMap("title", "title (display_name)"),
    FieldMap("abstract", "abstract_inverted_index, rebuilt in word order"),
    FieldMap(
        "contributors",
        "authorships: author.display_name, orcid, institutions, is_corresponding",
        Fidelity.LOSSY,
        "names are given whole: in natural order the last word is the family name; Chinese, "
        "Japanese and Korean names (family first) split at their one space, Russian ones by "
        "patronymic or family-name ending; a counter in brackets is dropped; where a split "
        "would be a guess the name is kept whole (literal)",
    ),
    FieldMap("language", "language"),
    FieldMap("dates", "publication_date (publication_year)"),
    FieldMap(
        "container",
        "primary_location.source: display_name, type, issn",
        Fidelity.LOSSY,
        "ISSNs come without their medium: the first is read as print, the second as online",
    ),
    FieldMap("volume", "biblio.volume"),
    FieldMap("issue", "biblio.issue"),
    FieldMap("pages", "biblio.first_page, biblio.last_page"),
    FieldMap("publisher", "primary_location.source.host_organization_name"),
    FieldMap("identifiers", "doi, ids (pmid, pmcid, openalex, mag), landing page URL"),
    FieldMap("subjects", "keywords, topics, mesh: schemes 'OpenAlex keyword', 'OpenAlex topic'"),
    FieldMap("citations", "cited_by_count: source 'OpenAlex'"),
    FieldMap("license", "primary_location.license (an OpenAlex licence id such as 'cc-by')"),
    FieldMap("access_rights", "open_access.is_oa: true is 'open'", Fidelity.LOSSY),
    FieldMap("funding", "awards and funders (funder ROR or OpenAlex id)"),
    FieldMap("provenance", "id (the OpenAlex work address)"),
    FieldMap("version", "-", Fidelity.DROPPED),
    FieldMap("related", "-", Fidelity.DROPPED, "related_works and referenced_works are not read"),
)


def sniff(text_: str, suffix: str) -> bool:
    head = text_.lstrip()[:6000]
    return head.startswith(("{", "[")) and _SNIFF.search(head) is not None


def read(document_text: str, suffix: str = "") -> list[Reading]:
    from ..jsonio import loads

    document = loads(document_text)
    works: list[Any]
    prefix: str | None = ""
    if isinstance(document, dict) and isinstance(document.get("results"), list):
        works, prefix = document["results"], "/results"
    elif isinstance(document, list):
        works = document
    else:
        works = [document]
        prefix = None
    places = ["" if prefix is None else f"{prefix}/{index}" for index in range(len(works))]
    return readings_of(
        zip(works, places, strict=True),
        lambda work: bool(work.get("title") or work.get("display_name") or work.get("id")),
        native,
        "openalex-not-a-work",
        'an OpenAlex work (read: a work, {"results": [work, ...]} or a list of works)',
    )


def abstract_of(index: Any) -> str | None:
    """The abstract from OpenAlex's inverted index (word -> the positions it stands at)."""
    if not isinstance(index, dict):
        return None
    placed: dict[int, str] = {}
    for word, positions in index.items():
        for position in positions if type(positions) is list else items(positions):
            # a whole number, the usual position, taken as it is (a bool is not one)
            number = position if type(position) is int else integer(position)
            if number is not None and 0 <= number < 1_000_000:
                placed[number] = word
    words = [placed[p] for p in sorted(placed)]
    return line(" ".join(words)) if words else None


def native(work: dict[str, Any]) -> tuple[dict[str, Any], list[Issue]]:
    issues: list[Issue] = []
    data: dict[str, Any] = {}
    _type(work, data)
    title = line(work.get("title")) or line(work.get("display_name"))
    if title:
        data["title"] = title
    abstract = abstract_of(work.get("abstract_inverted_index"))
    if abstract:
        data["abstract"] = abstract
    contributors = [c for c in map(_author, objects(work.get("authorships"))) if c]
    if contributors:
        data["contributors"] = contributors
    language = text(work.get("language"))
    if language:
        data["language"] = code_for(language) or language
    _date(work, data, issues)
    location = work.get("primary_location")
    _host(member(location, "source"), data)
    _numbering(work.get("biblio"), data)
    data["identifiers"] = _identifiers(work, location)
    subjects = _subjects(work)
    if subjects:
        data["subjects"] = subjects
    cited = integer(work.get("cited_by_count"))
    if cited is not None and cited >= 0:
        data["citations"] = [{"source": "OpenAlex", "count": cited}]
    _access(work, location, data)
    funding = _funding(work)
    if funding:
        data["funding"] = funding
    data["provenance"] = _provenance(work)
    if work.get("is_retracted") is True:
        data["notes"] = ["OpenAlex: the work is retracted"]
    return data, issues


def _type(work: dict[str, Any], data: dict[str, Any]) -> None:
    """The record type (an article Crossref calls a proceedings article is a conference
    paper), and OpenAlex's own type as read."""
    openalex_type = text(work.get("type")) or ""
    crossref_type = text(work.get("type_crossref")) or ""
    record_type = FROM_TYPE.get(openalex_type, "other")
    if record_type == "article" and crossref_type == "proceedings-article":
        record_type = "conference-paper"
    data["type"] = record_type
    if openalex_type:
        data["source_type"] = {"scheme": "OpenAlex", "terms": [openalex_type]}


def _date(work: dict[str, Any], data: dict[str, Any], issues: list[Issue]) -> None:
    """The publication date, else the year; a part it cannot hold dropped with a warning."""
    date, dropped = date_from_text(work.get("publication_date"))
    if date is None:
        date, dropped = date_from_parts([work.get("publication_year")])
    if dropped:
        issues.append(Issue("date-part-dropped", dropped, "/publication_date", Severity.WARNING))
    if date is not None:
        data["dates"] = {"published": date.isoformat()}


def _numbering(biblio: Any, data: dict[str, Any]) -> None:
    """Volume, issue and pages from ``biblio`` (a lone last page read as the first)."""
    for key in ("volume", "issue"):
        value = line(member(biblio, key))
        if value:
            data[key] = value
    first, last = line(member(biblio, "first_page")), line(member(biblio, "last_page"))
    if first:
        data["pages"] = {"first": first, **({"last": last} if last and last != first else {})}
    elif last:
        data["pages"] = {"first": last}


def _access(work: dict[str, Any], location: Any, data: dict[str, Any]) -> None:
    """The primary location's licence, and open access."""
    licence = line(member(location, "license"))
    if licence:
        data["license"] = {"text": licence}
    if member(work, "open_access", "is_oa") is True:
        data["access_rights"] = "open"


def _provenance(work: dict[str, Any]) -> dict[str, Any]:
    """The reader, and the work's OpenAlex address when it is one."""
    provenance: dict[str, Any] = {"reader": "openalex"}
    address = text(work.get("id"))
    if address and _WORK_ID.match(address):
        provenance["url"] = address
    return provenance


def _author(authorship: dict[str, Any]) -> dict[str, Any] | None:
    name = line(member(authorship, "author", "display_name")) or line(
        authorship.get("raw_author_name")
    )
    if not name:
        return None
    # script-aware: CJK and Russian names family first, a counter '(15649)' dropped, a guess
    # kept whole (see names.split_whole_name)
    person: dict[str, Any] = split_whole_name(name)[0]
    orcid = text(member(authorship, "author", "orcid"))
    if orcid:
        person["orcid"] = normalise_orcid(orcid)
    affiliations: list[str | dict[str, str]] = []
    for institution in objects(authorship.get("institutions")):
        institution_name = line(institution.get("display_name"))
        if institution_name:
            affiliations.append(affiliation_of(institution_name, text(institution.get("ror"))))
    if not affiliations:
        raw = [line(a) for a in items(authorship.get("raw_affiliation_strings"))]
        affiliations = [a for a in raw if a]
    if affiliations:
        person["affiliations"] = distinct(affiliations)
    if authorship.get("is_corresponding") is True:
        person["corresponding"] = True
    return person


def _host(source: Any, data: dict[str, Any]) -> None:
    if not isinstance(source, dict):
        return
    container: dict[str, Any] = {}
    title = line(source.get("display_name"))
    kind = CONTAINER_KIND.get(text(source.get("type")) or "")
    if title:
        container["title"] = title
        container["kind"] = kind or "other"
    issns = [i for i in (text(v) for v in items(source.get("issn"))) if i]
    if not issns and text(source.get("issn_l")):
        issns = [text(source.get("issn_l")) or ""]
    if issns:
        container["issn_print"] = issns[0]
        if len(issns) > 1:
            container["issn_online"] = issns[1]
    if container:
        data["container"] = container
    publisher = line(source.get("host_organization_name"))
    if publisher:
        data["publisher"] = publisher


def _identifiers(work: dict[str, Any], location: Any) -> dict[str, Any]:
    ids: dict[str, Any] = {}
    found = work.get("ids")
    known: dict[str, Any] = found if isinstance(found, dict) else {}
    doi = text(work.get("doi")) or text(known.get("doi"))
    if doi:
        ids["doi"] = normalise_doi(doi)
    pmid = text(known.get("pmid"))
    if pmid:
        ids["pmid"] = pmid.rstrip("/").rsplit("/", 1)[-1]
    pmcid = text(known.get("pmcid"))
    if pmcid:
        ids["pmcid"] = pmcid.rstrip("/").rsplit("/", 1)[-1]
    other = []
    for scheme in ("openalex", "mag"):
        value = text(known.get(scheme)) or (text(work.get("id")) if scheme == "openalex" else None)
        if value:
            other.append({"scheme": scheme, "value": value.rstrip("/").rsplit("/", 1)[-1]})
    if other:
        ids["other"] = other
    landing = text(member(location, "landing_page_url"))
    if landing and "doi.org/" not in landing.lower():
        ids["urls"] = [landing]
    return ids


def _subjects(work: dict[str, Any]) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for key, scheme in (("keywords", "OpenAlex keyword"), ("topics", "OpenAlex topic")):
        for item in objects(work.get(key)):
            term = line(item.get("display_name"))
            if term:
                found.append({"scheme": scheme, "term": term})
    for heading in objects(work.get("mesh")):
        term = line(heading.get("descriptor_name"))
        if term:
            found.append({"scheme": "MeSH", "term": term})
    unique = {(s["scheme"], s["term"]): s for s in found}  # OpenAlex repeats MeSH headings
    return list(unique.values())


def _funding(work: dict[str, Any]) -> list[dict[str, str]]:
    funding: list[dict[str, str]] = []
    named: set[str] = set()
    for grant in objects(work.get("grants")) + objects(work.get("awards")):
        funder = line(grant.get("funder_display_name")) or line(grant.get("funder_name"))
        if not funder:
            continue
        entry = {"funder": funder}
        funder_id = text(grant.get("funder")) or text(grant.get("funder_id"))
        if funder_id:
            entry["funder_id"] = funder_id
        award = line(grant.get("award_id")) or line(grant.get("funder_award_id"))
        if award:
            entry["award_id"] = award
        funding.append(entry)
        named.add(funder)
    for body in objects(work.get("funders")):
        name = line(body.get("display_name"))
        if name and name not in named:
            named_entry = {"funder": name}
            body_id = text(body.get("ror")) or text(body.get("id"))
            if body_id:
                named_entry["funder_id"] = body_id
            funding.append(named_entry)
            named.add(name)
    return funding


FORMAT = Format(
    name="openalex",
    title="OpenAlex works (API JSON)",
    media_type="application/json",
    suffixes=(".json",),
    reader=read,
    byte_reader=json_lines(read),  # JSON Lines of API responses, one per line
    byte_suffixes=JSON_LINES_SUFFIXES,
    sniff=sniff,
    mapping_source=MAPPING,
)
