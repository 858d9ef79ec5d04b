"""Writing the record as the ``<front>`` of a JATS 1.3 ``<article>``, valid against the JATS 1.3
Archiving and Publishing DTDs and the Publishing XSD."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...names import family_with_particles, split_particle
from ...xml.write import Node, serialise
from ..base import records_or_refuse
from .mapping import (
    ARTICLE_TYPES,
    CUSTOM,
    CUSTOM_FIELDS,
    DOCTYPE,
    ELECTRONIC_PUB_DATE,
    NAME_SPLIT,
    NSMAP,
    PRINT_PUB_DATE,
)

if TYPE_CHECKING:
    from ...dates import PartialDate
    from ...model import Event, Person, Publication

_DUMP = json.JSONEncoder(ensure_ascii=False).encode


def write(records: Sequence[Publication]) -> str:
    """One JATS article: a JATS document holds one record."""
    records_or_refuse("JATS", records, "article")
    return serialise(article(records[0]), DOCTYPE)


def article(record: Publication) -> Node:
    root = Node("article", None, {f"xmlns:{prefix}": uri for prefix, uri in NSMAP.items()})
    root.set("article-type", ARTICLE_TYPES[record.type.value])
    root.set("dtd-version", "1.3")
    if record.language:
        root.set("xml:lang", record.language)
    front = root.add("front")
    front.append(_journal_meta(record))
    front.append(_article_meta(record))
    return root


def _journal_meta(record: Publication) -> Node:
    meta = Node("journal-meta")
    container = record.container
    title = container.title if container else None
    # Publishing requires journal-id and issn; an empty one says "not known", never invents
    meta.add("journal-id", title or "", {"journal-id-type": "publisher-id"})
    if container and container.kind == "journal" and title:
        group = meta.add("journal-title-group")
        group.add("journal-title", title)
        if container.abbreviated_title:
            group.add("abbrev-journal-title", container.abbreviated_title)
    issns = []
    if container and container.issn_print:
        issns.append(("print", "ppub", container.issn_print))
    if container and container.issn_online:
        issns.append(("electronic", "epub", container.issn_online))
    for fmt, pub_type, value in issns:
        meta.add("issn", value, {"publication-format": fmt, "pub-type": pub_type})
    if not issns:
        meta.add("issn", "")
    if record.publisher:  # <publisher> needs a name; a lone place goes to custom-meta
        publisher = meta.add("publisher")
        publisher.add("publisher-name", record.publisher)
        if record.publisher_place:
            publisher.add("publisher-loc", record.publisher_place)
    return meta


def _date(parent: Node, tag: str, value: PartialDate, attributes: dict[str, str]) -> None:
    element = parent.add(tag, None, {**attributes, "iso-8601-date": value.isoformat()})
    if value.day is not None:
        element.add("day", f"{value.day:02d}")
    if value.month is not None:
        element.add("month", f"{value.month:02d}")
    if value.before_common_era:
        element.add("year", str(-value.historical_year))
        element.add("era", "BCE")
    else:
        element.add("year", f"{value.year:04d}")


def _ids(meta: Node, record: Publication) -> None:
    ids = record.identifiers
    for kind, value in (("doi", ids.doi), ("pmid", ids.pmid), ("pmcid", ids.pmcid)):
        if value:
            meta.add("article-id", value, {"pub-id-type": kind})
    for medium, use in (("isbn_print", "print"), ("isbn_electronic", "electronic")):
        for value in getattr(ids, medium):
            meta.add("article-id", value, {"pub-id-type": "isbn", "specific-use": use})
    if ids.scopus_eid:
        # not one of JATS's pub-id-type values: JATS 1.3 names it as a custom type
        meta.add(
            "article-id", ids.scopus_eid, {"pub-id-type": "custom", "custom-type": "scopus-eid"}
        )
    for other in ids.other:
        meta.add(
            "article-id", other.value, {"pub-id-type": "other", "assigning-authority": other.scheme}
        )


def _article_meta(record: Publication) -> Node:
    meta = Node("article-meta")
    _ids(meta, record)
    _categories(meta, record)
    titles = meta.add("title-group")
    titles.add("article-title", record.title or "")
    if record.subtitle:
        titles.add("subtitle", record.subtitle)
    for translated in record.translated_titles:
        group = titles.add("trans-title-group", None, {"xml:lang": translated.language})
        group.add("trans-title", translated.title)
        if translated.subtitle:
            group.add("trans-subtitle", translated.subtitle)
    if record.contributors:
        meta.append(_contributors(record))
    dates = record.dates
    if dates.published:
        _date(meta, "pub-date", dates.published, PRINT_PUB_DATE)
    if dates.early_online:
        _date(meta, "pub-date", dates.early_online, ELECTRONIC_PUB_DATE)
    if not dates.published and not dates.early_online:
        meta.add("pub-date-not-available")
    if record.volume:
        meta.add("volume", record.volume)
    if record.issue:
        meta.add("issue", record.issue)
    container = record.container
    if container:
        for medium, fmt in (("isbn_print", "print"), ("isbn_electronic", "electronic")):
            for value in getattr(container, medium):
                meta.add("isbn", value, {"publication-format": fmt})
    if record.pages:
        meta.add("fpage", record.pages.first)
        if record.pages.last:
            meta.add("lpage", record.pages.last)
    elif record.article_number:
        meta.add("elocation-id", record.article_number)
    if dates.submitted or dates.accepted:
        history = meta.add("history")
        if dates.submitted:
            _date(history, "date", dates.submitted, {"date-type": "received"})
        if dates.accepted:
            _date(history, "date", dates.accepted, {"date-type": "accepted"})
    if record.license:
        licence = meta.add("permissions").add("license")
        if record.license.url:
            licence.set("xlink:href", record.license.url)
            licence.add("ali:license_ref", record.license.url)
        if record.license.text:
            for paragraph in record.license.text.split("\n\n"):
                licence.add("license-p", paragraph)
    for url in record.identifiers.urls:
        meta.add("self-uri", None, {"xlink:href": url})
    if record.abstract:
        abstract = meta.add("abstract")
        for paragraph in record.abstract.split("\n\n"):
            abstract.add("p", paragraph)
    if record.keywords:
        group = meta.add("kwd-group", None, {"kwd-group-type": "author"})
        for keyword in record.keywords:
            group.add("kwd", keyword)
    _funding(meta, record)
    if record.event and record.event.start:
        meta.append(_conference(record.event))
    if record.page_count:
        meta.add("counts").add("page-count", None, {"count": str(record.page_count)})
    custom = _custom_meta(record)
    if custom:
        group = meta.add("custom-meta-group")
        for name, value in custom:
            item = group.add("custom-meta")
            item.add("meta-name", name)
            item.add("meta-value", value)
    return meta


def _funding(meta: Node, record: Publication) -> None:
    if not record.funding:
        return
    funding = meta.add("funding-group")
    for grant in record.funding:
        award = funding.add("award-group")
        if grant.funder_id:
            wrap = award.add("funding-source").add("institution-wrap")
            wrap.add("institution-id", grant.funder_id)
            wrap.add("institution", grant.funder)
        else:
            award.add("funding-source", grant.funder)
        if grant.award_id:
            award.add("award-id", grant.award_id)


def _categories(meta: Node, record: Publication) -> None:
    groups: list[tuple[str, str, list[str]]] = []
    if record.source_type:
        groups.append(("source-type", record.source_type.scheme, record.source_type.terms))
    # one group per run of a scheme, so the subjects keep their order
    for subject in record.subjects:
        if groups and groups[-1][0] == "subject" and groups[-1][1] == subject.scheme:
            groups[-1][2].append(subject.term)
        else:
            groups.append(("subject", subject.scheme, [subject.term]))
    if not groups:
        return
    categories = meta.add("article-categories")
    for kind, scheme, terms in groups:
        group = categories.add("subj-group", None, {"subj-group-type": kind, "vocab": scheme})
        for term in terms:
            group.add("subject", term)


def _contributors(record: Publication) -> Node:
    group = Node("contrib-group")
    affiliations: dict[tuple[str, str | None], str] = {}
    for contributor in record.contributors:
        contrib = group.add("contrib", None, {"contrib-type": contributor.role.value})
        if contributor.kind == "organisation":
            contrib.add("collab", contributor.name)
            continue
        if contributor.corresponding is not None:
            contrib.set("corresp", "yes" if contributor.corresponding else "no")
        if contributor.orcid:
            contrib.add(
                "contrib-id",
                f"https://orcid.org/{contributor.orcid}",
                {"contrib-id-type": "orcid"},
            )
        if contributor.family is not None:
            name = contrib.add("name", None, {"name-style": "western"})
            name.add("surname", family_with_particles(contributor))
            if contributor.given:
                name.add("given-names", contributor.given)
            if contributor.suffix:
                name.add("suffix", contributor.suffix)
        elif contributor.literal:
            contrib.add("string-name", contributor.literal)
        else:  # a given name alone (mononyms), as JATS 1.3 allows
            name = contrib.add("name", None, {"name-style": "given-only"})
            name.add("given-names", contributor.given or "")
            if contributor.suffix:
                name.add("suffix", contributor.suffix)
        if contributor.email:
            contrib.add("email", contributor.email)
        for affiliation in contributor.affiliations:
            key = (
                (affiliation, None)
                if isinstance(affiliation, str)
                else (affiliation.name, affiliation.ror)
            )
            rid = affiliations.setdefault(key, f"aff{len(affiliations) + 1}")
            contrib.add("xref", None, {"ref-type": "aff", "rid": rid})
    for (institution, ror), rid in affiliations.items():
        if ror is None:
            group.add("aff", institution, {"id": rid})
            continue
        wrap = group.add("aff", None, {"id": rid}).add("institution-wrap")
        wrap.add("institution-id", f"https://ror.org/{ror}", {"institution-id-type": "ror"})
        wrap.add("institution", institution)
    return group


def _conference(event: Event) -> Node:
    conference = Node("conference")
    assert event.start is not None
    span = event.start.isoformat() + (f"/{event.end.isoformat()}" if event.end else "")
    conference.add("conf-date", span, {"iso-8601-date": event.start.isoformat()})
    conference.add("conf-name", event.name)
    if event.acronym:
        conference.add("conf-acronym", event.acronym)
    if event.place:
        conference.add("conf-loc", event.place)
    return conference


def _json(value: Any) -> str:
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json", exclude_defaults=True)
    return _DUMP(value)


def _custom_meta(record: Publication) -> list[tuple[str, str]]:
    """What JATS has no element for, as pubmeta: name/value pairs (JSON where structured)."""

    def name(field: str) -> str:
        return CUSTOM + CUSTOM_FIELDS[field]

    found: list[tuple[str, str]] = [(name("type"), record.type.value)]
    for metric_kind in ("citations", "downloads"):
        found.extend((name(metric_kind), _json(m)) for m in getattr(record, metric_kind))
    simple = {
        "peer_reviewed": record.peer_reviewed,
        "externally_published": record.externally_published,
        "status": record.status.value if record.status else None,
        "access_rights": record.access_rights.value if record.access_rights else None,
        "contributors_truncated": record.contributors_truncated or None,
        "contributors_omitted": record.contributors_omitted,
        "publisher_place": None if record.publisher else record.publisher_place,
        "version": record.version,
    }
    found.extend(
        (name(field), _DUMP(value)) for field, value in simple.items() if value is not None
    )
    if record.pages and record.article_number:
        found.append((name("article_number"), record.article_number))
    if record.dates.early_online and not record.dates.published:
        # alone, an electronic pub-date means "published": say which event it was
        found.append((name("dates"), _json(record.dates)))
    event = record.event
    structured: dict[str, Any] = {
        "container": _container_rest(record),
        "series": record.series,
        "thesis": record.thesis,
        "provenance": record.provenance,
        "notes": record.notes or None,
        "event": event if event is not None and event.start is None else None,
        "related": [r.model_dump(mode="json") for r in record.related] or None,
    }
    found.extend((name(field), _json(value)) for field, value in structured.items() if value)
    for index, contributor in enumerate(record.contributors):
        if contributor.kind != "person" or _plainly_read_back(contributor):
            continue
        if _name_as_read(contributor) != _name_parts(contributor):
            # every part, nulls included: they replace what the name elements suggest
            split = contributor.model_dump(mode="json", include=set(NAME_PARTS))
            found.append((f"{CUSTOM}{NAME_SPLIT}{index}", _DUMP(split)))
    return found


NAME_PARTS = ("family", "given", "particle", "dropping_particle", "suffix", "literal")


def _plainly_read_back(person: Person) -> bool:
    """Whether the name elements surely give this name back: a one-word family name without
    particles or literal (most names; the full comparison below decides the others)."""
    family = person.family
    return (
        family is not None
        and " " not in family
        and person.particle is None
        and person.dropping_particle is None
        and person.literal is None
    )


def _name_parts(person: Person) -> tuple[str | None, ...]:
    return tuple(getattr(person, part) for part in NAME_PARTS)


def _name_as_read(person: Person) -> tuple[str | None, ...]:
    """What a reader gets back from the name elements written for this person."""
    if person.family is not None:
        particle, family = split_particle(family_with_particles(person))
        return (family, person.given, particle, None, person.suffix, None)
    if person.literal:
        return (None, None, None, None, None, person.literal)
    return (None, person.given, None, None, person.suffix, None)


def _container_rest(record: Publication) -> dict[str, Any] | None:
    """Container facts journal-meta cannot hold: a book's kind, title and subtitle."""
    container = record.container
    if container is None:
        return None
    rest: dict[str, Any] = {}
    if not (container.kind == "journal" and container.title):
        # journal-meta holds a journal's title and abbreviation only
        rest["kind"] = container.kind
        if container.title:
            rest["title"] = container.title
        if container.abbreviated_title:
            rest["abbreviated_title"] = container.abbreviated_title
    if container.subtitle:
        rest["subtitle"] = container.subtitle
    return rest or None
