"""From a Pure page's own terms to the record's native form.

What the page shows is mapped through the vocabulary; what it does not show stays absent
(never inferred from another portal's habits), and what cannot be understood is a warning
naming its line. The native document goes through the same salvage path as every other
reader's: a value the record refuses is kept in notes.
"""

from __future__ import annotations

import re
from typing import Any

from ...dates import DateError, PartialDate
from ...identifiers import find_doi, is_valid_isbn, normalise_doi, normalise_isbn
from ...languages import code_for
from ...names import parse_natural
from .layout import Line, Page
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


def build(page: Page) -> dict[str, Any]:
    data = page.data
    lines: dict[str, int] = data.get("_lines", {})
    record: dict[str, Any] = {}
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
    if data.get("language"):
        code = code_for(data["language"])
        if code:
            record["language"] = code
        else:
            page.warn(
                lines.get("language", 1),
                "pure-unknown-value",
                f"language {data['language']!r} is not a known language name; kept in notes",
                "/language",
            )
            record.setdefault("notes", []).append(f"language: {data['language']}")
    dates: dict[str, str] = {}
    if data.get("status"):
        status_text, _, date_text = data["status"].partition(" - ")
        word = re.sub(r"\s*\(.*\)$", "", status_text).strip().lower()
        known = VOCABULARY.status_words.get(word)
        if known is None:
            page.warn(
                lines.get("status", 1),
                "pure-unknown-value",
                f"publication status {status_text!r} is not known; kept in notes",
                "/status",
            )
            record.setdefault("notes", []).append(f"status: {data['status']}")
        else:
            record["status"], event = known
            if date_text and event:
                parsed = _date(date_text, page, lines.get("status"), "/dates/" + event, record)
                if parsed:
                    dates[event] = parsed
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
    container: dict[str, Any] = {}
    if data.get("journal"):
        container = {"kind": "journal", "title": data["journal"]}
    elif data.get("host_title"):
        kind = (
            "proceedings"
            if "conference" in str(data.get("category", "")).lower()
            and record["type"] == "conference-paper"
            else "book"
        )
        container = {"kind": kind, "title": data["host_title"]}
        if data.get("host_subtitle"):
            container["subtitle"] = data["host_subtitle"]
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
    if data.get("series_name"):
        record["series"] = {"title": data["series_name"]}
        if data.get("series_number"):
            record["series"]["number"] = data["series_number"]
    held_at = _event(data, page, lines, record)
    if held_at:
        record["event"] = held_at
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
            page.warn(
                lines.get("page_count", 1),
                "pure-unknown-value",
                f"number of pages {data['page_count']!r} is not a number; kept in notes",
                "/page_count",
            )
            record.setdefault("notes", []).append(f"page_count: {data['page_count']}")
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
    if data.get("keywords"):
        record["keywords"] = data["keywords"]
    if data.get("subjects"):
        record["subjects"] = [{"scheme": s, "term": t} for s, t in data["subjects"]]
    if data.get("peer_reviewed") is not None:
        record["peer_reviewed"] = data["peer_reviewed"]
    if data.get("externally_published"):
        answer = data["externally_published"].strip().lower()
        if answer in VOCABULARY.yes or answer in VOCABULARY.no:
            record["externally_published"] = answer in VOCABULARY.yes
        else:
            page.warn(
                lines.get("externally_published", 1),
                "pure-unknown-value",
                f"'Externally published' is {answer!r}, not yes or no; kept in notes",
            )
            note = f"externally_published: {data['externally_published'].strip()}"
            record.setdefault("notes", []).append(note)
    for key in ("citations", "downloads"):
        if data.get(key):
            record[key] = data[key]
    if data.get("qualification") or data.get("awarding_institution"):
        record["thesis"] = {
            k: v
            for k, v in (
                ("qualification", data.get("qualification")),
                (
                    "awarding_institutions",
                    [data["awarding_institution"]] if data.get("awarding_institution") else None,
                ),
            )
            if v
        }
    if data.get("notes"):
        record.setdefault("notes", []).extend(data["notes"])
    if data.get("edition"):
        record.setdefault("notes", []).append(f"Edition: {data['edition']}")
    truncated = _looks_truncated(data, record)
    record["provenance"] = {"reader": "pure"} | ({"truncated": True} if truncated else {})
    if data.get("institution"):
        record["provenance"]["institution"] = data["institution"]
    return record


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
