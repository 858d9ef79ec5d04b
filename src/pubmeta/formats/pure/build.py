"""From a Pure page's own terms to the record's native form.

What the page shows is mapped through the vocabulary; what it does not show stays absent
(never inferred from another portal's habits), and what cannot be understood is a warning
naming its line. The native document goes through the same salvage path as every other
reader's: a value the record refuses is kept in notes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...dates import DateError, PartialDate
from ...identifiers import find_doi, is_valid_isbn, normalise_doi, normalise_isbn
from ...languages import code_for
from ...names import parse_natural
from .lines import Line, Page
from .vocabulary import vocabulary

VOCABULARY = vocabulary()

_NUMERIC_DATE = re.compile(r"^(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{2,4})$")
_TERMINAL = re.compile(r"[.!?)\]\"'’”»%]$")


def _person(name: str) -> dict[str, Any]:
    """'Danny N. Khalil*' -> name parts by position (see names.parse_natural); the star marks
    the corresponding author."""
    corresponding = name.endswith("*")
    person = parse_natural(name.rstrip("*").strip())
    if corresponding:
        person["corresponding"] = True
    return person


def _date(
    value: str, page: Page, line: int | None, pointer: str, record: dict[str, Any]
) -> str | None:
    """The ISO form of a date as the page prints it; one it cannot read is kept in notes, in
    the page's words, and said so (never dropped, never guessed)."""
    cleaned = value.strip()
    numeric = _NUMERIC_DATE.match(cleaned)
    try:
        if numeric:
            year = int(numeric["y"])
            year += 2000 if year < 100 and year <= 69 else (1900 if year < 100 else 0)
            return PartialDate(year, int(numeric["m"]), int(numeric["d"])).isoformat()
        return PartialDate.parse_text(cleaned, VOCABULARY.months).isoformat()
    except DateError as error:
        page.warn(
            line or 1, "pure-unparsed-date", f"date not understood: {error}; kept in notes", pointer
        )
        record.setdefault("notes", []).append(f"{pointer.lstrip('/')}: {cleaned}")
        return None


def _abstract(paragraphs: list[list[Line]]) -> str:
    texts: list[str] = []
    for lines in paragraphs:
        wrapped = len(lines) > 1 and all(len(line.text) < 100 for line in lines[:-1])
        if wrapped:
            texts.append(" ".join(line.text for line in lines))
        else:
            texts.extend(line.text for line in lines)
    return "\n\n".join(texts)


def _controlled_type(data: dict[str, Any]) -> str:
    terms = data.get("type_terms") or []
    if len(terms) > 1:
        word = terms[1].lower()
        if word in VOCABULARY.type_words:
            return VOCABULARY.type_words[word]
    category = str(data.get("category", "")).lower()
    implied = next((t for c, t in VOCABULARY.categories.items() if c.lower() == category), None)
    if implied:
        return implied
    if data.get("host_title"):
        return "book-chapter"
    if data.get("journal"):
        return "article"
    if data.get("qualification") or data.get("awarding_institution"):
        return "thesis"
    return "other"


#: A field builder reads the page's rows (``page.data``) and adds its fields to the record; a
#: value it cannot understand is a warning naming its line and a note in the page's words.
FieldBuilder = Callable[[Page, dict[str, Any]], None]


def build(page: Page) -> dict[str, Any]:
    """The record the page shows: each field builder of :data:`FIELDS` in turn (the order is
    the order of the record's notes and of the page's warnings)."""
    record: dict[str, Any] = {}
    for builder in FIELDS:
        builder(page, record)
    return record


def _lines(page: Page) -> dict[str, int]:
    """Line number of each row the page showed, by field."""
    lines: dict[str, int] = page.data.get("_lines", {})
    return lines


def _keep_in_notes(
    page: Page, record: dict[str, Any], key: str, message: str, pointer: str
) -> None:
    """A row whose value is not understood: a warning naming its line, the value in notes."""
    page.warn(_lines(page).get(key, 1), "pure-unknown-value", message, pointer)
    record.setdefault("notes", []).append(f"{key}: {page.data[key]}")


def _type_and_titles(page: Page, record: dict[str, Any]) -> None:
    data = page.data
    record["type"] = _controlled_type(data)
    if data.get("type_terms"):
        record["source_type"] = {"scheme": "Pure", "terms": data["type_terms"]}
    title = data.get("title") or data.get("dive_title")
    if title:
        record["title"] = title
    if data.get("subtitle"):
        record["subtitle"] = data["subtitle"]
    if data.get("abstract_lines"):
        record["abstract"] = _abstract(data["abstract_lines"])


def _contributors(page: Page, record: dict[str, Any]) -> None:
    data = page.data
    contributors = [_person(n) for n in data.get("authors", [])]
    for role, key in (("editor", "editors"), ("supervisor", "supervisors")):
        if data.get(key):
            for name in re.split(r",\s*|\s+&\s+|\s+and\s+", data[key]):
                if name.strip():
                    contributors.append({**_person(name.strip()), "role": role})
    if data.get("commissioning_body"):
        contributors.append(
            {"kind": "organisation", "name": data["commissioning_body"], "role": "commissioner"}
        )
    if contributors:
        record["contributors"] = contributors
    if data.get("authors_truncated"):
        record["contributors_truncated"] = True
        if data.get("authors_omitted"):
            record["contributors_omitted"] = data["authors_omitted"]


def _language(page: Page, record: dict[str, Any]) -> None:
    name = page.data.get("language")
    if not name:
        return
    code = code_for(name)
    if code:
        record["language"] = code
    else:
        message = f"language {name!r} is not a known language name; kept in notes"
        _keep_in_notes(page, record, "language", message, "/language")


def _dates(page: Page, record: dict[str, Any]) -> None:
    """The dated events: the status row's date first, then the rows that name one event."""
    data, lines = page.data, _lines(page)
    dates = _status(page, record)
    for key, event in (("early_online", "early_online"), ("accepted_date", "accepted")):
        if data.get(key) and event not in dates:
            parsed = _date(data[key], page, lines.get(key), "/dates/" + event, record)
            if parsed:
                dates[event] = parsed
    if data.get("journal_date"):
        parsed = _date(
            data["journal_date"], page, lines.get("journal_date"), "/dates/published", record
        )
        if parsed and "published" not in dates:
            dates["published"] = parsed
        elif parsed and dates.get("published") != parsed:
            record.setdefault("notes", []).append(
                f"Journal publication date: {data['journal_date']}"
            )
    if data.get("award_date") and "published" not in dates:
        parsed = _date(
            data["award_date"], page, lines.get("award_date"), "/dates/published", record
        )
        if parsed:
            dates["published"] = parsed
    if dates:
        record["dates"] = dates


def _status(page: Page, record: dict[str, Any]) -> dict[str, str]:
    """'Published - 3 Mar 2021': the record's status, and the date of the event it names."""
    status = page.data.get("status")
    if not status:
        return {}
    status_text, _, date_text = status.partition(" - ")
    word = re.sub(r"\s*\(.*\)$", "", status_text).strip().lower()
    known = VOCABULARY.status_words.get(word)
    if known is None:
        message = f"publication status {status_text!r} is not known; kept in notes"
        _keep_in_notes(page, record, "status", message, "/status")
        return {}
    record["status"], event = known
    if date_text and event:
        parsed = _date(date_text, page, _lines(page).get("status"), "/dates/" + event, record)
        if parsed:
            return {event: parsed}
    return {}


def _container(page: Page, record: dict[str, Any]) -> None:
    """The journal or the host book, with the ISBNs and ISSN (a book's own ISBNs, on a page
    with no host, are the record's identifiers)."""
    data = page.data
    container = _host(data, record["type"])
    isbns = {k: _isbns(data.get(k, "")) for k in ("isbn_print", "isbn_electronic")}
    _drop_cut_isbns(data, page, isbns)
    if container.get("kind") in ("book", "proceedings"):
        container.update({k: v for k, v in isbns.items() if v})
    elif any(isbns.values()):
        record["identifiers"] = {k: v for k, v in isbns.items() if v}
    if data.get("issn") and container:
        container["issn_print"] = data["issn"].split(",")[0].strip()
    if container:
        record["container"] = container


def _host(data: dict[str, Any], record_type: str) -> dict[str, Any]:
    if data.get("journal"):
        return {"kind": "journal", "title": data["journal"]}
    if not data.get("host_title"):
        return {}
    conference = "conference" in str(data.get("category", "")).lower()
    kind = "proceedings" if conference and record_type == "conference-paper" else "book"
    host = {"kind": kind, "title": data["host_title"]}
    if data.get("host_subtitle"):
        host["subtitle"] = data["host_subtitle"]
    return host


def _series(page: Page, record: dict[str, Any]) -> None:
    data = page.data
    if data.get("series_name"):
        record["series"] = {"title": data["series_name"]}
        if data.get("series_number"):
            record["series"]["number"] = data["series_number"]


def _held_at(page: Page, record: dict[str, Any]) -> None:
    held_at = _event(page.data, page, _lines(page), record)
    if held_at:
        record["event"] = held_at


def _locators(page: Page, record: dict[str, Any]) -> None:
    """Volume, issue, article number, publisher, page range and number of pages."""
    data = page.data
    for key in ("volume", "issue", "article_number", "publisher", "publisher_place"):
        if data.get(key):
            record[key] = data[key]
    if data.get("pages"):
        first, _, last = re.sub(r"\s*[-–—]\s*", "-", data["pages"]).partition("-")
        record["pages"] = {"first": first.strip()} | ({"last": last.strip()} if last else {})
    if data.get("page_count"):
        pages = re.sub(r"\D", "", data["page_count"])
        if pages and len(pages) <= 18 and int(pages) > 0:
            record["page_count"] = int(pages)
        else:
            message = f"number of pages {data['page_count']!r} is not a number; kept in notes"
            _keep_in_notes(page, record, "page_count", message, "/page_count")


def _identifiers(page: Page, record: dict[str, Any]) -> None:
    """DOI (from its row, else from the citation), Pure's own id and the page's address."""
    data = page.data
    identifiers: dict[str, Any] = record.setdefault("identifiers", {})
    doi = data.get("doi") or ""
    found = find_doi(doi) if doi else None
    if found:
        identifiers["doi"] = normalise_doi(found)
    elif data.get("doi_from_citation"):
        identifiers["doi"] = data["doi_from_citation"]
    if data.get("pure_id"):
        identifiers["other"] = [{"scheme": "pure", "value": data["pure_id"]}]
    if data.get("url"):
        identifiers["urls"] = [data["url"]]
    if not identifiers:
        del record["identifiers"]


def _keywords_and_subjects(page: Page, record: dict[str, Any]) -> None:
    data = page.data
    if data.get("keywords"):
        record["keywords"] = data["keywords"]
    if data.get("subjects"):
        record["subjects"] = [{"scheme": s, "term": t} for s, t in data["subjects"]]


def _review_and_origin(page: Page, record: dict[str, Any]) -> None:
    """Peer reviewed (from the breadcrumb) and 'Externally published' (yes or no)."""
    data = page.data
    if data.get("peer_reviewed") is not None:
        record["peer_reviewed"] = data["peer_reviewed"]
    if data.get("externally_published"):
        answer = data["externally_published"].strip().lower()
        if answer in VOCABULARY.yes or answer in VOCABULARY.no:
            record["externally_published"] = answer in VOCABULARY.yes
        else:
            page.warn(
                _lines(page).get("externally_published", 1),
                "pure-unknown-value",
                f"'Externally published' is {answer!r}, not yes or no; kept in notes",
            )
            note = f"externally_published: {data['externally_published'].strip()}"
            record.setdefault("notes", []).append(note)


def _metrics(page: Page, record: dict[str, Any]) -> None:
    for key in ("citations", "downloads"):
        if page.data.get(key):
            record[key] = page.data[key]


def _thesis(page: Page, record: dict[str, Any]) -> None:
    data = page.data
    if data.get("qualification") or data.get("awarding_institution"):
        institution = data.get("awarding_institution")
        record["thesis"] = {
            k: v
            for k, v in (
                ("qualification", data.get("qualification")),
                ("awarding_institutions", [institution] if institution else None),
            )
            if v
        }


def _notes(page: Page, record: dict[str, Any]) -> None:
    """The page's bibliographical note and its edition row."""
    data = page.data
    if data.get("notes"):
        record.setdefault("notes", []).extend(data["notes"])
    if data.get("edition"):
        record.setdefault("notes", []).append(f"Edition: {data['edition']}")


def _provenance(page: Page, record: dict[str, Any]) -> None:
    data = page.data
    truncated = _looks_truncated(data, record)
    record["provenance"] = {"reader": "pure"} | ({"truncated": True} if truncated else {})
    if data.get("institution"):
        record["provenance"]["institution"] = data["institution"]


#: The record, field by field, in the order its notes and warnings are written.
FIELDS: tuple[FieldBuilder, ...] = (
    _type_and_titles,
    _contributors,
    _language,
    _dates,
    _container,
    _series,
    _held_at,
    _locators,
    _identifiers,
    _keywords_and_subjects,
    _review_and_origin,
    _metrics,
    _thesis,
    _notes,
    _provenance,
)


def _drop_cut_isbns(data: dict[str, Any], page: Page, isbns: dict[str, list[str]]) -> None:
    """On a page cut off at its end, the last row's value may be cut too: an ISBN there that
    is not a whole one ('978-90-04-512') is left out with a warning, neither kept nor reported
    as a wrong check digit; ISBNs of any other row are kept for the rules to judge."""
    lines: dict[str, int] = data.get("_lines", {})
    if data.get("ended_naturally") or not lines:
        return
    last = max(lines.values())
    for key, values in isbns.items():
        if lines.get(key) != last:
            continue
        for value in values:
            if not is_valid_isbn(value):
                page.warn(last, "pure-unknown-value", f"ISBN {value!r} is cut off where the "
                          "excerpt ends; left out", f"/container/{key}")  # fmt: skip
        isbns[key] = [v for v in values if is_valid_isbn(v)]


def _isbns(value: str) -> list[str]:
    """The ISBNs of a row, each once: portals list a book's ISBN-10 beside its ISBN-13, one
    number once both are in the ISBN-13 form the record keeps."""
    numbers = [m.group() for m in _ISBN.finditer(value)]
    if not numbers or _ISBN.sub("", value).strip(" ,;/"):
        # something else in the row: each comma-separated part, for the rules to judge
        numbers = [p for p in re.split(r"[,;]\s*", value) if p.strip()]
    return list(dict.fromkeys(normalise_isbn(n) for n in numbers))


#: One ISBN as portals print them (13 or 10 digits, hyphens or single spaces inside); a row
#: may list several, separated by commas, semicolons or only a space.
_ISBN = re.compile(
    r"(?<![0-9])(?:97[89](?:[- ]?[0-9]){10}|[0-9](?:[- ]?[0-9]){8}[- ]?[0-9Xx])(?![0-9])"
)


def _event(
    data: dict[str, Any], page: Page, lines: dict[str, int], record: dict[str, Any]
) -> dict[str, Any] | None:
    name = data.get("event")
    if not name:
        return None
    event: dict[str, Any] = {"name": name}
    place = ", ".join(p for p in (data.get("event_city"), data.get("event_country")) if p)
    if place:
        event["place"] = place
    if data.get("event_acronym"):
        event["acronym"] = data["event_acronym"]
    period = data.get("event_period")
    if period:
        pieces = re.split(r"\s*(?:→|->|–|—|\s-\s)\s*", period)
        start = pieces[0]
        end = pieces[1] if len(pieces) > 1 else ""
        line = lines.get("event_period")
        parsed_start = _date(start, page, line, "/event/start", record)
        parsed_end = _date(end, page, line, "/event/end", record) if end else None
        if parsed_start:
            event["start"] = parsed_start
        if parsed_end:
            event["end"] = parsed_end
    return event


def _looks_truncated(data: dict[str, Any], record: dict[str, Any]) -> bool:
    """The excerpt was cut: no title line, an abstract stopping mid-sentence, or a page that
    does not reach its natural end ('Cite this', 'ID: n')."""
    if not data.get("title"):
        return True
    abstract = record.get("abstract")
    if abstract and not _TERMINAL.search(abstract.rstrip()):
        return True
    return not data.get("ended_naturally")
