"""Reading CSL-JSON as people and programs write it: numbers or strings, ``raw``/``literal``
dates, seasons, particles, years before the common era, and any JSON shape where another was
expected (a value of the wrong shape is reported or left to the record's salvage, never a
crash)."""

from __future__ import annotations

import json
import re
from typing import Any

from ...dates import DateError, PartialDate, astronomical_year, days_in
from ...diagnostics import Issue, Severity
from ...errors import FormatError
from ...identifiers import normalise_doi
from ...languages import code_for
from ...text import count
from ..base import Reading, outside
from ..loose_json import text as loose_text
from .mapping import (
    BOOK_KINDS,
    CSL_ROLES,
    DATE_VARIABLES,
    FROM_CSL_TYPE,
    FROM_STATUS,
    NAME_KEYS,
    NOTE_PREFIX,
    TEXT_VARIABLES,
    container_kind_read,
)

#: CSL keys the reader understands (others are reported, not silently dropped).
KNOWN_KEYS = frozenset(
    {
        "id", "type", "title", *CSL_ROLES, *DATE_VARIABLES.values(), "event-date",
        "container-title", "container-title-short", "journalAbbreviation", "page",
        "page-first", "number-of-pages", "DOI", "ISSN", "ISBN", "PMID", "PMCID", "URL",
        "keyword", "categories", "event-title", "event", "event-place", "collection-title",
        "collection-number", "genre", "note", "status", "citation-key",
        *TEXT_VARIABLES.values(),
    }
)  # fmt: skip
_NOTE_LINE = re.compile(rf"^{NOTE_PREFIX}([a-z_]+): (.*)$")
_PAGE_DASHES = re.compile(r"\s*[-–—]+\s*")
_LIST_SEPARATORS = re.compile(r"[,;\s]+")


def read(text: str, suffix: str = "") -> list[Reading]:
    from ...jsonio import loads

    document = loads(text)
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        document = document["items"]
    items = document if isinstance(document, list) else [document]
    readings: list[Reading] = []
    for index, csl in enumerate(items):
        if not isinstance(csl, dict):
            problem = Issue(
                "csl-item", f"CSL item {index} is not an object", f"/{index}", line=1, column=1
            )
            readings.append(Reading(document=None, strict=False, issues=[problem]))
            continue
        data, issues = native(csl)
        _apply_note(data, csl.get("note"))
        reading = outside(data, [i.under(f"/{index}") for i in issues])
        reading.pointer_prefix = f"/{index}"
        readings.append(reading)
    if not readings:
        raise FormatError("the CSL-JSON array holds no item", line=1, column=1, rule="empty")
    return readings


def _text(value: Any) -> str | None:
    if type(value) is str:  # the common case first: this runs for every variable of every item
        value = value.strip()
        return value or None
    return loose_text(value)  # a number as printed, a list's first text, else none


def _text_of(csl: dict[str, Any], key: str) -> str | None:
    """The text of a variable of the item, or None (most variables are absent from most items:
    asked first, without converting)."""
    value = csl.get(key)
    return None if value is None else _text(value)


def _plain_range(page: str) -> bool:
    """Whether a page range needs no tidying: no space of any kind (isprintable is false for
    every space but U+0020), no en or em dash, no run of hyphens."""
    return (
        page.isprintable()
        and " " not in page
        and "--" not in page
        and "\u2013" not in page
        and "\u2014" not in page
    )


def _warn(issues: list[Issue], rule: str, message: str, pointer: str = "") -> None:
    issues.append(Issue(rule, message, pointer, Severity.WARNING))


_DATE_NUMBER = re.compile(r"-?[0-9]{1,6}")


def _number(part: Any) -> int | None:
    if type(part) is int:  # as date-parts are written, almost always
        return part if -999_999 <= part <= 999_999 else None
    text = _text(part)
    if text is None or not _DATE_NUMBER.fullmatch(text):
        return None
    return int(text)


def _from_parts(parts: list[Any], key: str, issues: list[Issue]) -> PartialDate | None:
    numbers: list[int] = []
    for part in parts[:3]:
        number = _number(part)
        if number is None:
            break
        numbers.append(number)
    if not numbers:
        return None
    if len(numbers) >= 2 and numbers[1] > 12:
        # a season as pseudo-month (13-16, 21-24): CSL's way; the record keeps the year
        _warn(issues, "csl-season", f"{key}: season {numbers[1]} kept as the year only", f"/{key}")
        numbers = numbers[:1]
    year = numbers[0]
    if year == 0:
        _warn(issues, "csl-unparsed-date", f"{key}: CSL has no year 0", f"/{key}")
        return None
    try:
        # historians' years have no year 0: -44 (44 BC) is the model's (astronomical) -43
        date, dropped = PartialDate.salvage(astronomical_year(year), *numbers[1:])
    except DateError as error:
        _warn(issues, "csl-unparsed-date", f"{key}: {error}", f"/{key}")
        return None
    if dropped:
        _warn(issues, "date-part-dropped", f"{key}: {dropped}", f"/{key}")
    return date


def _plain_date(value: Any) -> str | None:
    """The ISO form of the commonest CSL date, ``{"date-parts": [[year, month, day]]}`` of a
    four-digit year (month and day optional) that is a real date; None for any other shape,
    which :func:`parse_date` reads and reports (this runs for every date of every item)."""
    if type(value) is not dict or len(value) != 1:
        return None
    parts_list = value.get("date-parts")
    if type(parts_list) is not list or len(parts_list) != 1:
        return None
    parts = parts_list[0]
    if type(parts) is not list or not 1 <= len(parts) <= 3:
        return None
    year = parts[0]
    if type(year) is not int or not 1000 <= year <= 9999:
        return None
    if len(parts) == 1:
        return str(year)
    month = parts[1]
    if type(month) is not int or not 1 <= month <= 12:
        return None
    if len(parts) == 2:
        return f"{year}-{month:02d}"
    day = parts[2]
    if type(day) is not int or not 1 <= day <= days_in(year, month):
        return None
    return f"{year}-{month:02d}-{day:02d}"


def parse_date(value: Any, key: str, issues: list[Issue]) -> list[PartialDate]:
    """All dates of a CSL date variable (a range gives two)."""
    if isinstance(value, (str, int)):
        value = {"raw": str(value)}
    if not isinstance(value, dict):
        return []
    found: list[PartialDate] = []
    parts_list = value.get("date-parts")
    for parts in parts_list if isinstance(parts_list, list) else []:
        if isinstance(parts, list):
            date = _from_parts(parts, key, issues)
            if date is not None:
                found.append(date)
    if not found:
        for form in ("raw", "literal"):
            raw = value.get(form)
            if isinstance(raw, str):
                for piece in re.split(r"\s*/\s*", raw.strip())[:2]:
                    try:
                        found.append(_edtf(piece))
                    except DateError:
                        _warn(
                            issues,
                            "csl-unparsed-date",
                            f"{key}: {raw[:60]!r} is not a date pubmeta can read",
                            f"/{key}",
                        )
                        break
                break
    if value.get("season") is not None and found:
        _warn(
            issues, "csl-season", f"{key}: season {str(value['season'])[:20]!r} not kept", f"/{key}"
        )
    return found


def _edtf(text: str) -> PartialDate:
    iso = re.match(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if iso:
        numbers = [int(p) for p in iso.groups() if p]
        if len(numbers) >= 2 and numbers[1] > 12:
            numbers = numbers[:1]
        return PartialDate.salvage(*numbers)[0]
    return PartialDate.parse_text(text)


def _person(name: Any) -> dict[str, Any] | None:
    if type(name) is dict and len(name) == 2:  # most names: a family and a given name
        family, given = name.get("family"), name.get("given")
        if type(family) is str and type(given) is str:
            family, given = family.strip(), given.strip()
            if family and given:
                return {"family": family, "given": given}
    if isinstance(name, str):
        return {"literal": name.strip()} if name.strip() else None
    if not isinstance(name, dict):
        return None
    person: dict[str, Any] = {}
    for csl_key, value in name.items():  # the name's own keys: two or three, not all six
        key = NAME_KEYS.get(csl_key)
        if key is not None:
            text = value.strip() if type(value) is str else _text(value)  # (str: most names)
            if text:
                person[key] = text
    if "literal" in person and ("family" in person or "given" in person):
        del person["literal"]
    if "family" not in person and "given" not in person and "literal" not in person:
        return None  # a particle or suffix alone is no name
    return person


def native(csl: dict[str, Any]) -> tuple[dict[str, Any], list[Issue]]:
    """The record (native form) that the standard CSL variables of an item say."""
    issues: list[Issue] = []
    data: dict[str, Any] = {}
    csl_type = _text(csl.get("type")) or ""
    data["type"] = FROM_CSL_TYPE.get(csl_type, "other")
    title = _text(csl.get("title"))
    if title:
        data["title"] = title
    _contributors(csl, data)
    _dates(csl, data, issues)
    for field, variable in TEXT_VARIABLES.items():
        value = csl.get(variable)
        if value is not None:  # most are absent: no call for them
            value = _text(value)
            if value:
                data[field] = value
    language = data.get("language")
    if language and (code := code_for(language)):
        data["language"] = code  # "English" and "en_US" as sources write them
    _container_and_isbns(csl, csl_type, data)
    _pages(csl, data)
    _identifiers(csl, data)
    _keywords(csl, data)
    _event(csl, data, issues)
    _series_genre_status(csl, data, issues)
    if csl_type and csl_type not in FROM_CSL_TYPE:
        _warn(issues, "csl-type", f"CSL type {csl_type[:40]!r} is read as 'other'", "/type")
    ignored = (
        [] if KNOWN_KEYS.issuperset(csl) else sorted(str(k) for k in csl if k not in KNOWN_KEYS)
    )
    if ignored:
        shown = ", ".join(k[:40] for k in ignored[:10]) + (", ..." if len(ignored) > 10 else "")
        _warn(issues, "csl-ignored-key", "not CSL variables pubmeta reads: " + shown)
    return data, issues


def _contributors(csl: dict[str, Any], data: dict[str, Any]) -> None:
    contributors = []
    for role in CSL_ROLES:
        names = csl.get(role) or []
        for name in names if isinstance(names, list) else [names]:
            person = _person(name)
            if person is not None:
                if role != "author":
                    person["role"] = role
                contributors.append(person)
    if contributors:
        data["contributors"] = contributors


def _dates(csl: dict[str, Any], data: dict[str, Any], issues: list[Issue]) -> None:
    dates: dict[str, str] = {}
    for event, variable in DATE_VARIABLES.items():
        value = csl.get(variable)
        if value is not None:
            iso = _plain_date(value)
            if iso is None:
                found = parse_date(value, variable, issues)
                iso = found[0].isoformat() if found else None
            if iso is not None:
                dates[event] = iso
    if dates:
        data["dates"] = dates


def _pages(csl: dict[str, Any], data: dict[str, Any]) -> None:
    page = _text_of(csl, "page") or _text_of(csl, "page-first")
    if page:
        if not _plain_range(page):
            page = _PAGE_DASHES.sub("-", page)
        first, _, last = page.partition("-")
        if first:
            data["pages"] = {"first": first} | ({"last": last} if last else {})
    pages_count = _text_of(csl, "number-of-pages")
    if pages_count:
        pages = count(pages_count)
        data["page_count"] = pages_count.strip() if pages is None else pages


def _identifiers(csl: dict[str, Any], data: dict[str, Any]) -> None:
    ids: dict[str, Any] = data.setdefault("identifiers", {})
    doi = _text(csl.get("DOI"))
    if doi:
        ids["doi"] = normalise_doi(doi)
    for key, field in (("PMID", "pmid"), ("PMCID", "pmcid")):
        value = _text_of(csl, key)
        if value:
            ids[field] = value
    url = _text_of(csl, "URL")
    if url:
        ids["urls"] = [url]
    if not ids:
        del data["identifiers"]


def _series_genre_status(csl: dict[str, Any], data: dict[str, Any], issues: list[Issue]) -> None:
    series = _text_of(csl, "collection-title")
    if series:
        data["series"] = {"title": series}
        number = _text(csl.get("collection-number"))
        if number:
            data["series"]["number"] = number
    genre = _text_of(csl, "genre")
    if genre:
        terms = [t.strip() for t in genre.split(" / ") if t.strip()]
        data["source_type"] = {"scheme": "CSL", "terms": terms}
    status = _text_of(csl, "status")
    if status:
        if status.lower() in FROM_STATUS:
            data["status"] = FROM_STATUS[status.lower()]
        else:
            _warn(
                issues,
                "csl-unknown-value",
                f"status {status[:60]!r} is not one pubmeta knows",
                "/status",
            )


def _split(value: Any) -> list[str]:
    if isinstance(value, list):
        return [t for t in (_text(v) for v in value) if t]
    text = _text(value)
    if text is None:
        return []
    if text.isprintable() and " " not in text and "," not in text and ";" not in text:
        return [text]  # one value, as most are: no separator to split at
    return [p for p in _LIST_SEPARATORS.split(text) if p]


def _container_and_isbns(csl: dict[str, Any], csl_type: str, data: dict[str, Any]) -> None:
    container: dict[str, Any] = {}
    container_title = _text(csl.get("container-title"))
    if container_title:
        container["title"] = container_title
    abbreviation = _text_of(csl, "container-title-short") or _text_of(csl, "journalAbbreviation")
    if abbreviation:
        container["abbreviated_title"] = abbreviation
    issns = _split(csl.get("ISSN"))
    if issns:
        container["issn_print"] = issns[0]
    if len(issns) > 1:
        container["issn_online"] = issns[1]
    kind = container_kind_read(csl_type, bool(container_title))
    isbns = _split(csl.get("ISBN"))
    if isbns and kind in BOOK_KINDS:
        container["isbn_print"] = isbns
    elif isbns:
        data.setdefault("identifiers", {})["isbn_print"] = isbns
    if container:
        if kind != "journal":
            container["kind"] = kind
        data["container"] = container


def _keywords(csl: dict[str, Any], data: dict[str, Any]) -> None:
    keyword = csl.get("keyword")
    if isinstance(keyword, list):
        words = [t for t in (_text(k) for k in keyword) if t]
    elif keyword is None:
        words = []
    else:
        # split at commas and semicolons (str.split: a regex costs more than the keywords)
        words = [w.strip() for w in (_text(keyword) or "").replace(";", ",").split(",")]
    words = [w for w in words if w]
    if words:
        data["keywords"] = words
    categories = csl.get("categories")
    if isinstance(categories, list) and categories:
        terms = [t for t in (_text(c) for c in categories) if t]
        if terms:
            data["subjects"] = [{"scheme": "csl-category", "term": t} for t in terms]


def _event(csl: dict[str, Any], data: dict[str, Any], issues: list[Issue]) -> None:
    event_title = _text_of(csl, "event-title") or _text_of(csl, "event")
    if not event_title:
        return
    event: dict[str, Any] = {"name": event_title}
    place = _text(csl.get("event-place"))
    if place:
        event["place"] = place
    span = parse_date(csl.get("event-date"), "event-date", issues)
    if span:
        event["start"] = span[0].isoformat()
    if len(span) > 1:
        event["end"] = span[1].isoformat()
    data["event"] = event


def _apply_note(data: dict[str, Any], note: Any) -> None:
    """Plain note lines become notes; ``pubmeta-<field>: json`` lines restore fields."""
    if not isinstance(note, str) or not note.strip():
        return
    plain: list[str] = []
    for line in note.split("\n"):
        match = _NOTE_LINE.match(line)
        if match:
            try:
                value = json.loads(match.group(2))
            except (ValueError, RecursionError):
                plain.append(line)
                continue
            if value is None:
                data.pop(match.group(1), None)
            else:
                data[match.group(1)] = value
        elif line.strip():
            plain.append(line.strip())
    if plain and "notes" not in data:
        data["notes"] = plain
