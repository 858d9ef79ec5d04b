"""Reading JATS 1.x and NLM 2.x/3.0 articles as publishers deliver them.

The reader collects what the front matter says into the record's native form; a value of an
unexpected shape (a custom-meta that is not the JSON pubmeta writes, a date part of thousands
of digits) is reported and kept as a note, never a crash.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml import etree

from ...dates import MONTHS, DateError, PartialDate
from ...diagnostics import Issue, Severity
from ...errors import FormatError
from ...identifiers import ROR_PATTERN, normalise_doi
from ...names import split_particle
from ...text import count as text_count
from ...xml import parse as xmlio
from ..base import Reading, outside
from .mapping import (
    BCE_ERAS,
    CONTRIB_ROLES,
    CUSTOM,
    FROM_ARTICLE_TYPE,
    FROM_CUSTOM,
    LIST_CUSTOM,
    NAME_SPLIT,
    PLAIN_CUSTOM,
    PRINT_PUB_TYPES,
    XLINK,
    XML_NS,
)

_SMALL_NUMBER = re.compile(r"^[0-9]{1,4}$")
_ISO_START = re.compile(r"^-?[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?(?![0-9])")


def read(text: str, suffix: str = "") -> list[Reading]:
    root = xmlio.parse(text)
    articles = (
        [root]
        if xmlio.local(root.tag) == "article"
        else [element for element in root.iter() if xmlio.local(element.tag) == "article"]
    )
    if not articles:
        raise FormatError(
            f"not a JATS article: the root element is <{xmlio.local(root.tag)[:40]}>",
            line=xmlio.line_of(root),
            column=1,
            rule="jats-not-an-article",
        )
    readings = []
    for element in articles:
        data, issues = _read_article(element)
        readings.append(outside(data, issues, xmlio.line_of(element)))
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
    meta = _find(front, "article-meta")
    if meta is None:
        raise FormatError(
            "the article has no <article-meta>",
            line=xmlio.line_of(front),
            column=1,
            rule="jats-no-front",
        )
    data: dict[str, Any] = {}
    notes: list[str] = []
    custom: dict[str, list[str]] = {}
    for group in _all(meta, "custom-meta-group"):
        for item in _all(group, "custom-meta"):
            name = xmlio.text_of(_find(item, "meta-name"))
            custom.setdefault(name, []).append(xmlio.text_of(_find(item, "meta-value")))
    article_type = root.get("article-type", "")
    data["type"] = FROM_ARTICLE_TYPE.get(article_type, "other")
    language = root.get(f"{{{XML_NS}}}lang")
    if language:
        data["language"] = language
    _read_ids(meta, data)
    _read_categories(meta, data)
    _read_titles(_find(meta, "title-group"), data)
    data["contributors"] = _read_contributors(meta, front, custom, notes)
    _read_journal(_find(front, "journal-meta"), data)
    _read_dates(meta, data, notes, issues)
    _read_volume_to_pages(meta, data)
    _read_permissions(meta, data)
    for self_uri in _all(meta, "self-uri"):
        href = self_uri.get(f"{{{XLINK}}}href")
        if href:
            data.setdefault("identifiers", {}).setdefault("urls", []).append(href)
    _read_abstract_and_keywords(meta, data)
    _read_funding(meta, data)
    conference = _find(meta, "conference")
    if conference is not None:
        _read_conference(conference, data, notes, issues)
    _read_custom(custom, data, notes, issues, meta)
    if notes:
        data["notes"] = data.get("notes", []) + notes
    if not data.get("identifiers"):
        data.pop("identifiers", None)
    return data, issues


def _read_volume_to_pages(meta: etree._Element, data: dict[str, Any]) -> None:
    """volume, issue, pages or elocation-id, the host's ISBNs and the page count."""
    for name in ("volume", "issue"):
        _put_text(data, name, _find(meta, name))
    first, last = xmlio.text_of(_find(meta, "fpage")), xmlio.text_of(_find(meta, "lpage"))
    if first:
        data["pages"] = {"first": first} | ({"last": last} if last else {})
    _put_text(data, "article_number", _find(meta, "elocation-id"))
    for isbn in _all(meta, "isbn"):
        medium = (
            "isbn_electronic"
            if isbn.get("publication-format") in ("electronic", "online")
            else "isbn_print"
        )
        data.setdefault("container", {}).setdefault(medium, []).append(xmlio.text_of(isbn))
    count = _find(meta, "counts", "page-count")
    pages = (count.get("count") or "").strip() if count is not None else ""
    if pages:
        counted = text_count(pages)
        data["page_count"] = pages if counted is None else counted


def _read_abstract_and_keywords(meta: etree._Element, data: dict[str, Any]) -> None:
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


def _read_titles(titles: etree._Element | None, data: dict[str, Any]) -> None:
    _put_text(data, "title", _find(titles, "article-title"))
    _put_text(data, "subtitle", _find(titles, "subtitle"))
    for group in _all(titles, "trans-title-group"):
        lang = group.get(f"{{{XML_NS}}}lang")
        trans = xmlio.text_of(_find(group, "trans-title"))
        if lang and trans:
            translated = {"language": lang, "title": trans}
            _put_text(translated, "subtitle", _find(group, "trans-subtitle"))
            data.setdefault("translated_titles", []).append(translated)


def _read_ids(meta: etree._Element, data: dict[str, Any]) -> None:
    ids: dict[str, Any] = data.setdefault("identifiers", {})
    for element in _all(meta, "article-id"):
        kind = (element.get("pub-id-type") or "").lower()
        if kind == "custom":
            kind = (element.get("custom-type") or "custom").lower()
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
        container.setdefault("issn_online" if electronic else "issn_print", value)
    publisher = _find(journal, "publisher")
    _put_text(data, "publisher", _find(publisher, "publisher-name"))
    _put_text(data, "publisher_place", _find(publisher, "publisher-loc"))


def _number(text: str) -> int | None:
    return int(text) if _SMALL_NUMBER.match(text) else None


def _partial(element: etree._Element, issues: list[Issue]) -> str | None:
    """A date element as a stored partial date; impossible parts dropped with a warning."""
    iso = _ISO_START.match(element.get("iso-8601-date") or "")
    if iso:
        try:
            return PartialDate.parse_iso(iso.group(0)).isoformat()
        except DateError:
            pass
    year = _number(xmlio.text_of(_find(element, "year")))
    if year is None:
        return None
    if xmlio.text_of(_find(element, "era")).lower() in BCE_ERAS and year:
        year = PartialDate.from_historical(-year).year
    month_text = xmlio.text_of(_find(element, "month"))
    month = _number(month_text) or MONTHS.get(month_text.lower().rstrip("."))
    day = _number(xmlio.text_of(_find(element, "day"))) if month else None
    try:
        date, dropped = PartialDate.salvage(year, month, day)
    except DateError:
        return None
    if dropped:
        _warn(issues, element, "date-part-dropped", f"<{xmlio.local(element.tag)}>: {dropped}")
    return date.isoformat()


def _read_dates(
    meta: etree._Element, data: dict[str, Any], notes: list[str], issues: list[Issue]
) -> None:
    """Print and electronic publication dates; other pub-date kinds are kept as notes."""
    printed: list[str] = []
    electronic: list[str] = []
    other: list[str] = []
    for element in _all(meta, "pub-date"):
        value = _partial(element, issues)
        if value is None:
            continue
        pub_type = element.get("pub-type", "")
        fmt = element.get("publication-format", "")
        date_type = element.get("date-type", "pub")
        if date_type not in ("pub", "", "published"):
            notes.append(f"pub-date {date_type}: {value}")
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
        value = _partial(element, issues)
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
    affs = {aff.get("id"): _affiliation(aff) for aff in front.iter("aff") if aff.get("id")}
    people: list[dict[str, Any]] = []
    for group in _all(meta, "contrib-group"):
        for contrib in _all(group, "contrib"):
            person = _read_contrib(contrib, affs)
            if person is not None:
                people.append(person)
    for index, person in enumerate(people):
        prefix = person.pop("_prefix", None)
        if prefix:
            notes.append(f"contributors/{index}: honorific {prefix!r}")
        override = custom.get(f"{CUSTOM}{NAME_SPLIT}{index}")
        if override and person.get("kind") != "organisation":
            try:
                split = json.loads(override[0])
            except (ValueError, RecursionError):
                split = None
            if isinstance(split, dict):
                for key, value in split.items():
                    if value is None:
                        person.pop(str(key), None)
                    else:
                        person[str(key)] = value
            else:
                notes.append(f"{CUSTOM}{NAME_SPLIT}{index}: {override[0][:200]}")
    return people


def _affiliation(aff: etree._Element) -> str | dict[str, str]:
    """An affiliation's text, with its ROR ID when an institution-id gives one."""
    name = xmlio.text_of(aff, skip=("label", "sup", "institution-id"))
    for institution_id in aff.iter("institution-id"):
        value = xmlio.text_of(institution_id)
        kind = (institution_id.get("institution-id-type") or "").lower()
        if name and (kind == "ror" or "ror.org/" in value) and re.fullmatch(ROR_PATTERN, value):
            return {"name": name, "ror": value}
    return name


def _read_contrib(
    contrib: etree._Element, affs: dict[str | None, str | dict[str, str]]
) -> dict[str, Any] | None:
    role = contrib.get("contrib-type") or "author"
    if role not in CONTRIB_ROLES:
        role = "contributor"
    collab = _find(contrib, "collab")
    name = _find(contrib, "name")
    string_name = _find(contrib, "string-name")
    if name is None and string_name is not None and _find(string_name, "surname") is not None:
        name, string_name = string_name, None
    person: dict[str, Any]
    if collab is not None and name is None:
        text = xmlio.text_of(collab, skip=("contrib-group", "xref"))
        return {"kind": "organisation", "name": text, "role": role} if text else None
    if name is not None:
        particle, family = split_particle(xmlio.text_of(_find(name, "surname")))
        person = {"family": family} if family else {}
        if particle:
            person["particle"] = particle
        _put_text(person, "given", _find(name, "given-names"))
        _put_text(person, "suffix", _find(name, "suffix"))
        # an honorific: the record has no field for it (kept as a note by the caller)
        _put_text(person, "_prefix", _find(name, "prefix"))
    elif string_name is not None:
        person = {"literal": xmlio.text_of(string_name)}
    else:
        return None
    if role != "author":
        person["role"] = role
    if contrib.get("corresp") in ("yes", "no"):
        person["corresponding"] = contrib.get("corresp") == "yes"
    for contrib_id in _all(contrib, "contrib-id"):
        if contrib_id.get("contrib-id-type") == "orcid":
            person["orcid"] = xmlio.text_of(contrib_id).replace("http://", "https://")
    _put_text(person, "email", _find(contrib, "email"))
    affiliations = [
        affs[x.get("rid")]
        for x in _all(contrib, "xref")
        if x.get("ref-type") == "aff" and affs.get(x.get("rid"))
    ]
    affiliations += [_affiliation(a) for a in _all(contrib, "aff")]
    if any(affiliations):
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
    _gather_paragraphs(candidates[0], paragraphs)
    if not paragraphs:
        text = xmlio.text_of(candidates[0])
        return text or None
    return "\n\n".join(paragraphs)


def _gather_paragraphs(node: etree._Element, paragraphs: list[str]) -> None:
    """The paragraphs and titles of an abstract, its sections' included, in order (a module
    function: a recursive closure would be a reference cycle)."""
    for child in node:
        name = xmlio.local(child.tag)
        if name in ("p", "title"):
            text = xmlio.text_of(child)
            if text:
                paragraphs.append(text)
        elif name == "sec":
            _gather_paragraphs(child, paragraphs)


def _read_funding(meta: etree._Element, data: dict[str, Any]) -> None:
    for group in _all(meta, "funding-group"):
        for award in _all(group, "award-group"):
            source = _find(award, "funding-source")
            if source is None:
                continue
            wrap = _find(source, "institution-wrap")
            funder = xmlio.text_of(_find(wrap, "institution") if wrap is not None else source)
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


_DAY_RANGE = re.compile(
    r"^(?P<d1>[0-9]{1,2})\s*[-–]\s*(?P<d2>[0-9]{1,2})\s+(?P<month>[^\W\d_]+)\.?,?\s+(?P<year>[0-9]{4})$"
)
_YEAR_MONTH_DAYS = re.compile(
    r"^(?P<year>[0-9]{4})\s+(?P<month>[^\W\d_]+)\.?\s+(?P<d1>[0-9]{1,2})\s*[-–]\s*(?P<d2>[0-9]{1,2})$"
)
_MONTH_DAY_RANGE = re.compile(
    r"^(?P<month>[^\W\d_]+)\.?\s+(?P<d1>[0-9]{1,2})\s*[-–]\s*(?P<d2>[0-9]{1,2}),?\s+(?P<year>[0-9]{4})$"
)


def conference_dates(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """'2019-03-12/2019-03-15', '12-15 March 2019', 'March 12-15, 2019', '2003 Aug 25-29',
    'March 2019' ->
    (start, end); (None, None) when the text is not one of these."""
    text = " ".join(text.split())
    for pattern in (_DAY_RANGE, _MONTH_DAY_RANGE, _YEAR_MONTH_DAYS):
        match = pattern.match(text)
        month = MONTHS.get(match["month"].lower()) if match else None
        if match and month:
            year = int(match["year"])
            try:
                return PartialDate(year, month, int(match["d1"])), PartialDate(
                    year, month, int(match["d2"])
                )
            except DateError:
                return None, None
    pieces = re.split(r"\s*/\s*|\s+[-–]\s+|\s*–\s*", text) if text else []
    try:
        parsed = [PartialDate.parse_text(p) for p in pieces[:2]]
    except DateError:
        return None, None
    if not parsed:
        return None, None
    return parsed[0], parsed[1] if len(parsed) > 1 else None


def _read_conference(
    conference: etree._Element, data: dict[str, Any], notes: list[str], issues: list[Issue]
) -> None:
    named = xmlio.text_of(_find(conference, "conf-name"))
    name = named or xmlio.text_of(_find(conference, "conf-acronym"))
    if not name:
        return
    event: dict[str, Any] = {"name": name}
    if named:  # else the acronym already stands in as the name
        _put_text(event, "acronym", _find(conference, "conf-acronym"))
    _put_text(event, "place", _find(conference, "conf-loc"))
    date = _find(conference, "conf-date")
    span = xmlio.text_of(date)
    if span:
        start, end = conference_dates(span)
        if start is None and date is not None and date.get("iso-8601-date"):
            start, _ = conference_dates(date.get("iso-8601-date", ""))
        if start is not None:
            event["start"] = start.isoformat()
        if end is not None:
            event["end"] = end.isoformat()
        if start is None:
            notes.append(f"conf-date: {span}")
            assert date is not None
            _warn(
                issues,
                date,
                "jats-kept-as-note",
                f"conference date {span[:60]!r} is not a date pubmeta can read; kept in notes",
            )
    data["event"] = event


def _read_custom(
    custom: dict[str, list[str]],
    data: dict[str, Any],
    notes: list[str],
    issues: list[Issue],
    meta: etree._Element,
) -> None:
    """pubmeta's own custom-meta: each replaces what the elements said. A value that is not
    the JSON pubmeta writes is kept as a note and reported."""
    for name, values in custom.items():
        if not name.startswith(CUSTOM) or name[len(CUSTOM) :].startswith(NAME_SPLIT):
            continue
        key = name[len(CUSTOM) :]
        field = FROM_CUSTOM.get(key)
        if field is None:
            notes.extend(f"{name}: {v}" for v in values)
            _warn(issues, meta, "jats-custom-meta", f"custom-meta {name[:60]} is not pubmeta's")
            continue
        if key in PLAIN_CUSTOM:
            data[field] = values[0]
            continue
        try:
            parsed = [json.loads(v) for v in values]
        except (ValueError, RecursionError):
            notes.extend(f"{name}: {v}" for v in values)
            _warn(issues, meta, "jats-custom-meta", f"custom-meta {name} is not JSON; in notes")
            continue
        if key in LIST_CUSTOM:
            data[field] = parsed
        elif field == "container":
            if isinstance(parsed[0], dict):
                data.setdefault("container", {}).update(parsed[0])
            else:
                notes.append(f"{name}: {values[0]}")
                _warn(issues, meta, "jats-custom-meta", f"custom-meta {name} is not an object")
        elif field == "notes":
            if isinstance(parsed[0], list):
                data["notes"] = [*parsed[0], *data.get("notes", [])]
            else:
                notes.append(f"{name}: {values[0]}")
                _warn(issues, meta, "jats-custom-meta", f"custom-meta {name} is not a list")
        else:
            data[field] = parsed[0]
    container = data.get("container")
    if container is not None and not container:
        del data["container"]
