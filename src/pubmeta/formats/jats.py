"""JATS XML: the record as the ``<front>`` of a JATS 1.3 ``<article>``; read back from JATS
1.x and NLM 2.x/3.0 articles as publishers deliver them.

The writer's output is valid against the JATS 1.3 Archiving and Publishing DTDs and the
Publishing XSD. What JATS has no element for travels in ``custom-meta`` under ``pubmeta:``
names, so the round trip keeps it; the mapping table below says which fields are lossy.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from typing import Any

from lxml import etree

from .. import xmlio
from ..dates import DateError, PartialDate
from ..errors import FormatError
from ..identifiers import normalise_doi
from ..issues import Issue, Severity
from ..model import Event, Organisation, Person, Publication
from ..salvage import build
from ..xmlwriter import Node, serialise
from . import Fidelity, FieldMap, Format, Reading

XLINK = "http://www.w3.org/1999/xlink"
ALI = "http://www.niso.org/schemas/ali/1.0/"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"xlink": XLINK, "ali": ALI, "mml": "http://www.w3.org/1998/Math/MathML"}
DOCTYPE = (
    '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 '
    '20210610//EN" "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd">'
)
CUSTOM = "pubmeta:"

#: record type -> JATS @article-type (JATS suggested values).
ARTICLE_TYPES = {
    "article": "research-article",
    "review-article": "review-article",
    "letter": "letter",
    "editorial": "editorial",
    "comment": "article-commentary",
    "conference-paper": "research-article",
    "conference-abstract": "abstract",
    "book": "other",
    "book-chapter": "other",
    "report": "other",
    "thesis": "dissertation",
    "dataset": "data-paper",
    "preprint": "research-article",
    "other": "other",
}
#: JATS @article-type -> record type, for articles without pubmeta's own custom-meta.
FROM_ARTICLE_TYPE = {
    "research-article": "article",
    "article": "article",
    "brief-report": "article",
    "case-report": "article",
    "rapid-communication": "article",
    "review-article": "review-article",
    "systematic-review": "review-article",
    "letter": "letter",
    "reply": "letter",
    "editorial": "editorial",
    "article-commentary": "comment",
    "discussion": "comment",
    "abstract": "conference-abstract",
    "meeting-report": "conference-paper",
    "dissertation": "thesis",
    "data-paper": "dataset",
    "book-review": "other",
    "correction": "other",
    "retraction": "other",
}
#: NLM @pub-type values -> (print?) for reading older articles.
PRINT_PUB_TYPES = {"ppub", "collection", "epub-ppub", "epreprint-ppub"}


# -- writing -----------------------------------------------------------------------------------


def write(records: Sequence[Publication]) -> str:
    """One JATS article per record; several records become a ``<collection>``-free series of
    documents is not XML, so more than one record is refused: write them one by one."""
    if len(records) != 1:
        raise FormatError(
            f"a JATS document holds one article; got {len(records)} records "
            "(write each record to its own document)",
            rule="jats-one-article",
        )
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
    element.add("year", f"{value.year:04d}")


def _article_meta(record: Publication) -> Node:
    meta = Node("article-meta")
    ids = record.identifiers
    for kind, value in (("doi", ids.doi), ("pmid", ids.pmid), ("pmcid", ids.pmcid)):
        if value:
            meta.add("article-id", value, {"pub-id-type": kind})
    for medium in ("isbn_print", "isbn_electronic"):
        for value in getattr(ids, medium):
            meta.add(
                "article-id",
                value,
                {
                    "pub-id-type": "isbn",
                    "specific-use": "print" if medium == "isbn_print" else "electronic",
                },
            )
    if ids.scopus_eid:
        meta.add("article-id", ids.scopus_eid, {"pub-id-type": "scopus-eid"})
    for other in ids.other:
        meta.add(
            "article-id", other.value, {"pub-id-type": "other", "assigning-authority": other.scheme}
        )
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
        permissions = meta.add("permissions")
        licence = permissions.add("license")
        if record.license.url:
            licence.set("xlink:href", record.license.url)
            licence.add("ali:license_ref", record.license.url)
        if record.license.text:
            licence.add("license-p", record.license.text)
    for url in ids.urls:
        meta.add("self-uri", None, {"xlink:href": url})
    if record.abstract:
        abstract = meta.add("abstract")
        for paragraph in record.abstract.split("\n\n"):
            abstract.add("p", paragraph)
    if record.keywords:
        group = meta.add("kwd-group", None, {"kwd-group-type": "author"})
        for keyword in record.keywords:
            group.add("kwd", keyword)
    if record.funding:
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
    if record.event:
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


PRINT_PUB_DATE = {"publication-format": "print", "date-type": "pub"}
ELECTRONIC_PUB_DATE = {"publication-format": "electronic", "date-type": "pub"}


def _categories(meta: Node, record: Publication) -> None:
    groups: list[tuple[str, str, list[str]]] = []
    if record.source_type:
        groups.append(("source-type", record.source_type.scheme, record.source_type.terms))
    schemes: dict[str, list[str]] = {}
    for subject in record.subjects:
        schemes.setdefault(subject.scheme, []).append(subject.term)
    groups.extend(("subject", scheme, terms) for scheme, terms in schemes.items())
    if not groups:
        return
    categories = meta.add("article-categories")
    for kind, scheme, terms in groups:
        group = categories.add("subj-group", None, {"subj-group-type": kind, "vocab": scheme})
        for term in terms:
            group.add("subject", term)


def _contributors(record: Publication) -> Node:
    group = Node("contrib-group")
    affiliations: dict[str, str] = {}
    for contributor in record.contributors:
        contrib = group.add("contrib", None, {"contrib-type": contributor.role.value})
        if isinstance(contributor, Organisation):
            contrib.add("collab", contributor.name)
            continue
        if contributor.corresponding:
            contrib.set("corresp", "yes")
        if contributor.orcid:
            contrib.add(
                "contrib-id",
                f"https://orcid.org/{contributor.orcid}",
                {"contrib-id-type": "orcid"},
            )
        if contributor.family is None and contributor.literal:
            contrib.add("string-name", contributor.literal)
        else:
            name = contrib.add("name", None, {"name-style": "western"})
            name.add("surname", _surname(contributor))
            if contributor.given:
                name.add("given-names", contributor.given)
            if contributor.suffix:
                name.add("suffix", contributor.suffix)
        if contributor.email:
            contrib.add("email", contributor.email)
        for text in contributor.affiliations:
            rid = affiliations.setdefault(text, f"aff{len(affiliations) + 1}")
            contrib.add("xref", None, {"ref-type": "aff", "rid": rid})
    for text, rid in affiliations.items():
        group.add("aff", text, {"id": rid})
    return group


def _surname(person: Person) -> str:
    return " ".join(p for p in (person.dropping_particle, person.particle, person.family) if p)


def _conference(event: Event) -> Node:
    conference = Node("conference")
    if event.start:
        span = event.start.isoformat() + (f"/{event.end.isoformat()}" if event.end else "")
        conference.add("conf-date", span, {"iso-8601-date": event.start.isoformat()})
    conference.add("conf-name", event.name)
    if event.acronym:
        conference.add("conf-acronym", event.acronym)
    if event.place:
        conference.add("conf-loc", event.place)
    return conference


def _custom_meta(record: Publication) -> list[tuple[str, str]]:
    """What JATS has no element for, as pubmeta: name/value pairs (JSON where structured)."""
    found: list[tuple[str, str]] = [(CUSTOM + "type", record.type.value)]
    for metric_kind in ("citations", "downloads"):
        for metric in getattr(record, metric_kind):
            found.append(
                (
                    CUSTOM + metric_kind,
                    json.dumps(
                        metric.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False
                    ),
                )
            )
    simple = {
        "peer-reviewed": record.peer_reviewed,
        "externally-published": record.externally_published,
        "status": record.status.value if record.status else None,
        "access-rights": record.access_rights.value if record.access_rights else None,
        "contributors-truncated": record.contributors_truncated or None,
        "contributors-omitted": record.contributors_omitted,
    }
    for name, value in simple.items():
        if value is not None:
            found.append((CUSTOM + name, json.dumps(value)))
    if record.pages and record.article_number:
        found.append((CUSTOM + "article-number", record.article_number))
    if record.publisher_place and not record.publisher:
        found.append((CUSTOM + "publisher-place", json.dumps(record.publisher_place)))
    if record.dates.early_online and not record.dates.published:
        # alone, an electronic pub-date means "published": say which event it was
        found.append(
            (
                CUSTOM + "dates",
                json.dumps(record.dates.model_dump(mode="json", exclude_defaults=True)),
            )
        )
    structured: dict[str, Any] = {
        "container": _container_rest(record),
        "series": record.series,
        "thesis": record.thesis,
        "provenance": record.provenance,
        "notes": record.notes or None,
        "event": record.event
        if record.event and (record.event.end and not record.event.start)
        else None,
    }
    for name, value in structured.items():
        if value is None:
            continue
        dumped = (
            value
            if isinstance(value, (list, dict))
            else value.model_dump(mode="json", exclude_defaults=True)
        )
        found.append((CUSTOM + name, json.dumps(dumped, ensure_ascii=False)))
    for person_index, contributor in enumerate(record.contributors):
        if (
            isinstance(contributor, Person)
            and contributor.family is not None
            and (
                contributor.dropping_particle
                or contributor.literal
                or _split_surname(_surname(contributor))
                != (contributor.particle, contributor.family)
            )
        ):
            found.append(
                (
                    CUSTOM + f"name:{person_index}",
                    json.dumps(
                        contributor.model_dump(
                            # all four, nulls included: they replace what the surname suggests
                            mode="json",
                            include={"family", "particle", "dropping_particle", "literal"},
                        ),
                        ensure_ascii=False,
                    ),
                )
            )
    return found


def _container_rest(record: Publication) -> dict[str, Any] | None:
    """Container facts journal-meta cannot hold: a book's kind, title and subtitle."""
    container = record.container
    if container is None:
        return None
    rest: dict[str, Any] = {}
    if container.kind != "journal":
        rest["kind"] = container.kind
        if container.title:
            rest["title"] = container.title
    if container.subtitle:
        rest["subtitle"] = container.subtitle
    if container.kind == "journal" and not container.title:
        rest["kind"] = "journal"
    return rest or None


# -- reading -----------------------------------------------------------------------------------


def read(text: str, suffix: str = "") -> list[Reading]:
    root = xmlio.parse(text)
    articles = (
        [root]
        if xmlio.local(root.tag) == "article"
        else [element for element in root.iter() if xmlio.local(element.tag) == "article"]
    )
    if not articles:
        raise FormatError(
            f"not a JATS article: the root element is <{xmlio.local(root.tag)}>",
            line=xmlio.line_of(root),
            column=1,
            rule="jats-not-an-article",
        )
    readings = []
    for element in articles:
        data, issues = _read_article(element)
        line = xmlio.line_of(element)
        record, salvaged = build(data, line)
        readings.append(Reading(record=record, issues=issues + salvaged, line=line))
    return readings


def _find(parent: etree._Element | None, *path: str) -> etree._Element | None:
    # JATS and NLM elements have no namespace: lxml's C-level child iteration by tag is the
    # fast way (find() goes through ElementPath in Python)
    node = parent
    for name in path:
        if node is None:
            return None
        node = next(node.iterchildren(name), None)
    return node


def _all(parent: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if parent is None else list(parent.iterchildren(name))


def _put_text(target: dict[str, Any], key: str, element: etree._Element | None) -> None:
    """``target[key]`` = the element's text, when there is an element with text."""
    text = xmlio.text_of(element)
    if text:
        target[key] = text


def _warn(issues: list[Issue], element: etree._Element, rule: str, message: str) -> None:
    issues.append(Issue(rule, message, "", Severity.WARNING, line=xmlio.line_of(element), column=1))


def _read_article(root: etree._Element) -> tuple[dict[str, Any], list[Issue]]:
    issues: list[Issue] = []
    front = _find(root, "front")
    if front is None:
        raise FormatError(
            "the article has no <front>", line=xmlio.line_of(root), column=1, rule="jats-no-front"
        )
    journal = _find(front, "journal-meta")
    meta = _find(front, "article-meta")
    if meta is None:
        raise FormatError(
            "the article has no <article-meta>",
            line=xmlio.line_of(front),
            column=1,
            rule="jats-no-front",
        )
    data: dict[str, Any] = {}
    custom_lists: dict[str, list[str]] = {}
    for group in _all(meta, "custom-meta-group"):
        for item in _all(group, "custom-meta"):
            name = xmlio.text_of(_find(item, "meta-name"))
            custom_lists.setdefault(name, []).append(xmlio.text_of(_find(item, "meta-value")))
    custom = {name: values[0] for name, values in custom_lists.items()}
    article_type = root.get("article-type", "")
    data["type"] = custom.get(CUSTOM + "type") or FROM_ARTICLE_TYPE.get(article_type, "other")
    language = root.get(f"{{{XML_NS}}}lang")
    if language:
        data["language"] = language
    _read_ids(meta, data)
    _read_categories(meta, data)
    titles = _find(meta, "title-group")
    _put_text(data, "title", _find(titles, "article-title"))
    _put_text(data, "subtitle", _find(titles, "subtitle"))
    for group in _all(titles, "trans-title-group"):
        lang = group.get(f"{{{XML_NS}}}lang")
        trans = xmlio.text_of(_find(group, "trans-title"))
        if lang and trans:
            translated = {"language": lang, "title": trans}
            _put_text(translated, "subtitle", _find(group, "trans-subtitle"))
            data.setdefault("translated_titles", []).append(translated)
    notes: list[str] = []
    data["contributors"] = _read_contributors(meta, front, custom_lists, notes)
    for note in notes:
        data.setdefault("notes", []).append(note)
        _warn(issues, meta, "jats-kept-as-note", f"{note}: no record field; kept in notes")
    _read_journal(journal, data)
    _read_dates(meta, data)
    for name in ("volume", "issue"):
        _put_text(data, name, _find(meta, name))
    first, last = xmlio.text_of(_find(meta, "fpage")), xmlio.text_of(_find(meta, "lpage"))
    if first:
        data["pages"] = {"first": first} | ({"last": last} if last else {})
    _put_text(data, "article_number", _find(meta, "elocation-id"))
    if custom.get(CUSTOM + "article-number"):
        data["article_number"] = custom[CUSTOM + "article-number"]
    for isbn in _all(meta, "isbn"):
        medium = (
            "isbn_electronic"
            if isbn.get("publication-format") in ("electronic", "online")
            else "isbn_print"
        )
        data.setdefault("container", {}).setdefault(medium, []).append(xmlio.text_of(isbn))
    _read_permissions(meta, data)
    for self_uri in _all(meta, "self-uri"):
        href = self_uri.get(f"{{{XLINK}}}href")
        if href:
            data.setdefault("identifiers", {}).setdefault("urls", []).append(href)
    abstract = _abstract(meta)
    if abstract:
        data["abstract"] = abstract
    for group in _all(meta, "kwd-group"):
        kind = group.get("kwd-group-type", "author")
        words = [xmlio.text_of(k) for k in _all(group, "kwd") if xmlio.text_of(k)]
        if kind in ("author", "author-keywords", "author-generated"):
            data.setdefault("keywords", []).extend(words)
        else:
            data.setdefault("subjects", []).extend({"scheme": kind, "term": w} for w in words)
    _read_funding(meta, data)
    conference = _find(meta, "conference")
    if conference is not None:
        _read_conference(conference, data)
    count = _find(meta, "counts", "page-count")
    if count is not None and (count.get("count") or "").isdigit() and int(count.get("count", 0)):
        data["page_count"] = int(count.get("count", 0))
    _read_custom(custom_lists, data, issues, meta)
    return data, issues


def _read_ids(meta: etree._Element, data: dict[str, Any]) -> None:
    ids: dict[str, Any] = data.setdefault("identifiers", {})
    for element in _all(meta, "article-id"):
        kind = (element.get("pub-id-type") or "").lower()
        value = xmlio.text_of(element)
        if not value:
            continue
        if kind == "doi":
            ids["doi"] = normalise_doi(value)
        elif kind == "pmid":
            ids["pmid"] = value
        elif kind in ("pmcid", "pmc"):
            ids["pmcid"] = value
        elif kind == "isbn":
            medium = (
                "isbn_electronic" if element.get("specific-use") == "electronic" else "isbn_print"
            )
            ids.setdefault(medium, []).append(value)
        elif kind == "scopus-eid":
            ids["scopus_eid"] = value
        else:
            scheme = element.get("assigning-authority") or kind or "other"
            ids.setdefault("other", []).append({"scheme": scheme, "value": value})


def _read_categories(meta: etree._Element, data: dict[str, Any]) -> None:
    categories = _find(meta, "article-categories")
    for group in categories.iter("subj-group") if categories is not None else []:
        terms = [xmlio.text_of(s) for s in _all(group, "subject") if xmlio.text_of(s)]
        kind = group.get("subj-group-type", "heading")
        if kind == "source-type" and terms:
            data["source_type"] = {"scheme": group.get("vocab") or "JATS", "terms": terms}
        elif kind == "subject":
            scheme = group.get("vocab") or "jats-subject"
            data.setdefault("subjects", []).extend({"scheme": scheme, "term": t} for t in terms)
        else:
            data.setdefault("subjects", []).extend(
                {"scheme": f"jats-{kind}", "term": t} for t in terms
            )


def _read_journal(journal: etree._Element | None, data: dict[str, Any]) -> None:
    if journal is None:
        return
    container: dict[str, Any] = data.setdefault("container", {})
    title = xmlio.text_of(_find(journal, "journal-title-group", "journal-title")) or xmlio.text_of(
        _find(journal, "journal-title")
    )
    if title:
        container["title"] = title
        container["kind"] = "journal"
    abbrev = xmlio.text_of(
        _find(journal, "journal-title-group", "abbrev-journal-title")
    ) or xmlio.text_of(_find(journal, "abbrev-journal-title"))
    if abbrev:
        container["abbreviated_title"] = abbrev
    for issn in _all(journal, "issn"):
        value = xmlio.text_of(issn)
        if not value:
            continue
        electronic = (
            issn.get("publication-format") in ("electronic", "online")
            or issn.get("pub-type") == "epub"
        )
        key = "issn_online" if electronic else "issn_print"
        container.setdefault(key, value)
    publisher = _find(journal, "publisher")
    _put_text(data, "publisher", _find(publisher, "publisher-name"))
    _put_text(data, "publisher_place", _find(publisher, "publisher-loc"))


def _partial(element: etree._Element) -> str | None:
    iso = element.get("iso-8601-date")
    if iso:
        try:
            return PartialDate.parse_iso(iso[:10]).isoformat()
        except DateError:
            pass
    year = xmlio.text_of(_find(element, "year"))
    month = xmlio.text_of(_find(element, "month"))
    day = xmlio.text_of(_find(element, "day"))
    if not year.isdigit():
        return None
    try:
        if month.isdigit():
            return PartialDate(
                int(year), int(month), int(day) if day.isdigit() else None
            ).isoformat()
        return PartialDate(int(year)).isoformat()
    except DateError:
        return None


def _read_dates(meta: etree._Element, data: dict[str, Any]) -> None:
    """Print and electronic publication dates; other pub-date kinds are kept as notes."""
    printed: list[str] = []
    electronic: list[str] = []
    other: list[str] = []
    for element in _all(meta, "pub-date"):
        value = _partial(element)
        if value is None:
            continue
        pub_type = element.get("pub-type", "")
        fmt = element.get("publication-format", "")
        date_type = element.get("date-type", "pub")
        if date_type not in ("pub", "", "published"):
            data.setdefault("notes", []).append(f"pub-date {date_type}: {value}")
            continue
        if fmt == "print" or pub_type in PRINT_PUB_TYPES:
            printed.append(value)
        elif fmt in ("electronic", "online") or pub_type == "epub":
            electronic.append(value)
        else:
            other.append(value)
    dates: dict[str, str] = {}
    if printed:
        dates["published"] = printed[0]
        if electronic:
            dates["early_online"] = electronic[0]
    elif electronic:
        dates["published"] = electronic[0]
    elif other:
        dates["published"] = other[0]
    for element in _all(_find(meta, "history"), "date"):
        value = _partial(element)
        kind = element.get("date-type", "")
        if value and kind in ("received", "submitted"):
            dates["submitted"] = value
        elif value and kind == "accepted":
            dates["accepted"] = value
    if dates:
        data["dates"] = dates


def _read_contributors(
    meta: etree._Element, front: etree._Element, custom: dict[str, list[str]], notes: list[str]
) -> list[dict[str, Any]]:
    affs = {
        aff.get("id"): xmlio.text_of(aff, skip=("label", "sup"))
        for aff in front.iter("aff")
        if aff.get("id")
    }
    people: list[dict[str, Any]] = []
    for group in _all(meta, "contrib-group"):
        for contrib in _all(group, "contrib"):
            person = _read_contrib(contrib, affs)
            if person is not None:
                people.append(person)
    for index, person in enumerate(people):
        prefix = person.pop("_prefix", None)
        if prefix:
            notes.append(f"contributors/{index}: honorific '{prefix}'")
        override = custom.get(f"{CUSTOM}name:{index}")
        if override:
            with contextlib.suppress(ValueError):
                person.update(json.loads(override[0]))
    return people


def _split_surname(surname: str) -> tuple[str | None, str]:
    """'van der Rohe' -> ('van der', 'Rohe'): JATS keeps particles inside <surname>."""
    words = surname.split(" ")  # a no-break space joins, it does not separate
    lead = []
    while len(words) > 1 and words[0].islower():
        lead.append(words.pop(0))
    return (" ".join(lead) or None, " ".join(words))


def _read_contrib(contrib: etree._Element, affs: dict[str | None, str]) -> dict[str, Any] | None:
    role = contrib.get("contrib-type") or "author"
    if role not in ("author", "editor", "supervisor", "translator", "commissioner", "contributor"):
        role = "contributor"
    collab = _find(contrib, "collab")
    name = _find(contrib, "name")
    string_name = _find(contrib, "string-name")
    if name is None and string_name is not None and _find(string_name, "surname") is not None:
        name = string_name
        string_name = None
    person: dict[str, Any]
    if collab is not None and name is None:
        text = xmlio.text_of(collab, skip=("contrib-group", "xref"))
        return {"kind": "organisation", "name": text, "role": role} if text else None
    if name is not None:
        particle, family = _split_surname(xmlio.text_of(_find(name, "surname")))
        person = {"family": family} if family else {}
        if particle:
            person["particle"] = particle
        _put_text(person, "given", _find(name, "given-names"))
        _put_text(person, "suffix", _find(name, "suffix"))
        # an honorific: the record has no field for it, so it is not read
        _put_text(person, "_prefix", _find(name, "prefix"))
    elif string_name is not None:
        person = {"literal": xmlio.text_of(string_name)}
    else:
        return None
    if role != "author":
        person["role"] = role
    if contrib.get("corresp") == "yes":
        person["corresponding"] = True
    for contrib_id in _all(contrib, "contrib-id"):
        if contrib_id.get("contrib-id-type") == "orcid":
            person["orcid"] = xmlio.text_of(contrib_id).replace("http://", "https://")
    _put_text(person, "email", _find(contrib, "email"))
    affiliations = [
        affs[x.get("rid")]
        for x in _all(contrib, "xref")
        if x.get("ref-type") == "aff" and affs.get(x.get("rid"))
    ]
    affiliations += [xmlio.text_of(a, skip=("label",)) for a in _all(contrib, "aff")]
    if affiliations:
        person["affiliations"] = [a for a in affiliations if a]
    return person


def _read_permissions(meta: etree._Element, data: dict[str, Any]) -> None:
    licence = _find(meta, "permissions", "license")
    if licence is None:
        return
    url = licence.get(f"{{{XLINK}}}href") or next(
        (xmlio.text_of(e) for e in licence.iter() if xmlio.local(e.tag) == "license_ref"), None
    )
    paragraphs = [xmlio.text_of(p) for p in _all(licence, "license-p")]
    text = "\n\n".join(p for p in paragraphs if p)
    found = {k: v for k, v in (("url", url), ("text", text)) if v}
    if found:
        data["license"] = found


def _abstract(meta: etree._Element) -> str | None:
    candidates = [
        a
        for a in _all(meta, "abstract")
        if a.get("abstract-type") in (None, "", "summary", "structured")
    ]
    if not candidates:
        return None
    paragraphs: list[str] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            name = xmlio.local(child.tag)
            if name in ("p", "title"):
                text = xmlio.text_of(child)
                if text:
                    paragraphs.append(text)
            elif name == "sec":
                walk(child)

    walk(candidates[0])
    if not paragraphs:
        text = xmlio.text_of(candidates[0])
        return text or None
    return "\n\n".join(paragraphs)


def _read_funding(meta: etree._Element, data: dict[str, Any]) -> None:
    for group in _all(meta, "funding-group"):
        for award in _all(group, "award-group"):
            source = _find(award, "funding-source")
            if source is None:
                continue
            wrap = _find(source, "institution-wrap")
            funder = (
                xmlio.text_of(_find(wrap, "institution"))
                if wrap is not None
                else xmlio.text_of(source)
            )
            if not funder:
                continue
            grant: dict[str, Any] = {"funder": funder}
            funder_id = xmlio.text_of(_find(wrap, "institution-id")) if wrap is not None else ""
            if funder_id:
                grant["funder_id"] = funder_id
            award_id = xmlio.text_of(_find(award, "award-id"))
            if award_id:
                grant["award_id"] = award_id
            data.setdefault("funding", []).append(grant)


def _read_conference(conference: etree._Element, data: dict[str, Any]) -> None:
    name = xmlio.text_of(_find(conference, "conf-name"))
    if not name:
        return
    event: dict[str, Any] = {"name": name}
    acronym = xmlio.text_of(_find(conference, "conf-acronym"))
    if acronym:
        event["acronym"] = acronym
    place = xmlio.text_of(_find(conference, "conf-loc"))
    if place:
        event["place"] = place
    span = xmlio.text_of(_find(conference, "conf-date"))
    start, _, end = span.partition("/")
    for key, value in (("start", start), ("end", end)):
        try:
            if value:
                event[key] = PartialDate.parse_text(value).isoformat()
        except DateError:
            pass
    data["event"] = event


def _read_custom(
    custom: dict[str, list[str]], data: dict[str, Any], issues: list[Issue], meta: etree._Element
) -> None:
    for name, values in custom.items():
        if not name.startswith(CUSTOM):
            continue
        key = name[len(CUSTOM) :]
        try:
            parsed = (
                [json.loads(v) for v in values] if key not in ("type", "article-number") else values
            )
        except ValueError:
            _warn(issues, meta, "jats-custom-meta", f"custom-meta {name} is not JSON; ignored")
            continue
        if key in ("citations", "downloads"):
            data[key] = parsed
        elif key == "dates":
            data["dates"] = parsed[0]
        elif key in (
            "peer-reviewed",
            "externally-published",
            "status",
            "access-rights",
            "contributors-truncated",
            "contributors-omitted",
            "publisher-place",
        ):
            data[key.replace("-", "_")] = parsed[0]
        elif key == "container":
            data.setdefault("container", {}).update(parsed[0])
        elif key == "notes":
            data["notes"] = parsed[0] + data.get("notes", [])
        elif key in ("series", "thesis", "provenance", "event"):
            data[key] = parsed[0]
    container = data.get("container")
    if container is not None and not container:
        del data["container"]
    if not data.get("identifiers"):
        data.pop("identifiers", None)


def sniff(text: str, suffix: str) -> bool:
    head = text[:4000]
    return "<article" in head and ("<front" in text[:20000] or "JATS" in head or "NLM" in head)


MAPPING = (
    FieldMap("type", "@article-type (+ custom-meta pubmeta:type for the exact type)"),
    FieldMap("source_type", "article-categories/subj-group[@subj-group-type='source-type']"),
    FieldMap("title", "title-group/article-title"),
    FieldMap("subtitle", "title-group/subtitle"),
    FieldMap("translated_titles", "title-group/trans-title-group[@xml:lang]"),
    FieldMap("abstract", "abstract/p (one per paragraph)"),
    FieldMap(
        "contributors",
        "contrib-group/contrib: name (surname, given-names, suffix), "
        "string-name, collab, contrib-id[orcid], xref -> aff, email, @corresp",
        Fidelity.CARRIED,
        "particles are written inside <surname>; lower-case leading words "
        "are read back as the particle, a dropping particle via custom-meta",
    ),
    FieldMap("contributors_truncated", "custom-meta pubmeta:contributors-truncated"),
    FieldMap("contributors_omitted", "custom-meta pubmeta:contributors-omitted"),
    FieldMap("language", "article/@xml:lang"),
    FieldMap("status", "custom-meta pubmeta:status"),
    FieldMap(
        "dates",
        "pub-date[@publication-format=print|electronic][@date-type=pub], "
        "history/date[@date-type=received|accepted]; custom-meta pubmeta:dates when an "
        "early-online date stands alone (JATS readers take a lone electronic pub-date as the "
        "publication date)",
    ),
    FieldMap(
        "container",
        "journal-meta (journal-title, abbrev-journal-title, issn @pub-type/"
        "@publication-format), article-meta/isbn; a book container via custom-meta",
    ),
    FieldMap("series", "custom-meta pubmeta:series"),
    FieldMap("event", "conference (conf-name, conf-acronym, conf-loc, conf-date start/end)"),
    FieldMap("volume", "volume"),
    FieldMap("issue", "issue"),
    FieldMap("pages", "fpage, lpage"),
    FieldMap("article_number", "elocation-id (custom-meta when pages are also present)"),
    FieldMap("page_count", "counts/page-count/@count"),
    FieldMap("publisher", "journal-meta/publisher/publisher-name"),
    FieldMap("publisher_place", "journal-meta/publisher/publisher-loc"),
    FieldMap(
        "identifiers", "article-id[@pub-id-type=doi|pmid|pmcid|isbn|scopus-eid|other], self-uri"
    ),
    FieldMap("keywords", "kwd-group[@kwd-group-type=author]/kwd"),
    FieldMap("subjects", "article-categories/subj-group[@subj-group-type=subject][@vocab]"),
    FieldMap("peer_reviewed", "custom-meta pubmeta:peer-reviewed"),
    FieldMap("externally_published", "custom-meta pubmeta:externally-published"),
    FieldMap("citations", "custom-meta pubmeta:citations"),
    FieldMap("downloads", "custom-meta pubmeta:downloads"),
    FieldMap("license", "permissions/license/@xlink:href, license-p"),
    FieldMap("access_rights", "custom-meta pubmeta:access-rights"),
    FieldMap("funding", "funding-group/award-group (funding-source, institution-id, award-id)"),
    FieldMap("thesis", "custom-meta pubmeta:thesis"),
    FieldMap("notes", "custom-meta pubmeta:notes"),
    FieldMap("provenance", "custom-meta pubmeta:provenance"),
)

FORMAT = Format(
    name="jats",
    title="JATS 1.3 XML article front matter",
    media_type="application/jats+xml",
    suffixes=(".xml", ".nxml", ".jats"),
    reader=read,
    writer=write,
    sniff=sniff,
    mapping=MAPPING,
)
