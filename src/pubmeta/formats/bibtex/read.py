"""Reading BibTeX as reference managers and publishers export it: entries in any case, with or
without keys, ``crossref`` inheritance, biblatex fields (``date``, ``journaltitle``,
``location``), LaTeX to Unicode, names with particles and suffixes, ``and others``."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from ...dates import DateError, PartialDate
from ...diagnostics import Issue, Severity
from ...errors import FormatError
from ...identifiers import normalise_doi
from ...languages import code_for
from ..base import Reading, outside
from .latex import to_paragraphs, to_text, unescape_own
from .mapping import (
    CONTAINER_KIND,
    FROM_ENTRY_TYPE,
    FROM_PUBSTATE,
    IGNORED_QUIETLY,
    MONTH_WORDS,
    PART_TYPES,
)
from .names import parse_name, split_names, split_top
from .parse import Entry, entries

#: biblatex's inheritance of a part from its host (crossref): host field -> part field.
_FROM_HOST = {"title": "booktitle", "subtitle": "booksubtitle", "author": "bookauthor"}
_ROLES = {"author": "author", "editor": "editor", "translator": "translator"}
_ISBN_OR_ISSN = re.compile(r"[0-9Xx][0-9Xx -]{6,}[0-9Xx]")
_YEAR = re.compile(r"^\s*(-?\d{1,4})\s*[a-z]?\s*$")
_RANGE_DASHES = re.compile(r"\s*--+\s*")
_ONE_DASH = re.compile(r"\s*[-–—]\s*")

KNOWN = frozenset(
    {
        "title", "subtitle", "titleaddon", "booktitle", "booksubtitle", "journal",
        "journaltitle", "shortjournal", "journal-abbreviation", "author", "editor",
        "translator", "year", "month", "day", "date", "volume", "number", "issue", "pages",
        "eid", "articleno", "pagetotal", "numpages", "publisher", "address", "location",
        "institution", "school", "organization", "series", "doi", "url", "isbn", "issn",
        "eissn", "pmid", "pmcid", "eprint", "eprinttype", "archiveprefix", "abstract",
        "keywords", "keyword", "language", "langid", "note", "annote", "annotation",
        "howpublished", "type", "eventtitle", "venue", "eventdate", "pubstate", "chapter",
        "edition", "version",
    }
)  # fmt: skip


#: Fields that hold identifiers, not prose: read as typed (LaTeX would turn '--' into a dash).
VERBATIM = frozenset({"url", "doi", "eprint", "pmid", "pmcid", "isbn", "issn", "eissn"})
_URL_WRAPPER = re.compile(r"^\s*\\(?:url|href)\s*\{(.*)\}\s*$", re.DOTALL)


def verbatim(value: str) -> str:
    """An identifier or URL as typed: escapes of LaTeX specials undone, braces removed."""
    wrapped = _URL_WRAPPER.match(value)
    if wrapped:
        value = wrapped.group(1)
    # pubmeta's own escapes (its writer escapes a DOI as text) and exporters' '\_', '\~'
    return unescape_own(re.sub(r"\\([~])", r"\1", value)).strip()


def read(text: str, suffix: str = "") -> list[Reading]:
    found, problems = entries(text)
    if not found:
        if problems:
            first = problems[0]
            raise FormatError(
                f"malformed BibTeX: {first.message}",
                line=first.line,
                column=first.column,
                rule="bibtex-syntax",
            )
        raise FormatError("the document holds no BibTeX entry", line=1, column=1, rule="empty")
    by_key = {e.key.lower(): e for e in found if e.key}
    readings = []
    for entry in found:
        data, issues = native(entry, by_key)
        readings.append(outside(data, issues, line=entry.line))
    for problem in problems:  # the malformed entries: each stays a finding at its place
        issue = Issue("bibtex-syntax", f"malformed BibTeX: {problem.message}", line=problem.line,
                      column=problem.column)  # fmt: skip
        readings.append(Reading(document=None, strict=False, issues=[issue], line=problem.line))
    readings.sort(key=lambda r: r.line)
    return readings


def _inherit(entry: Entry, by_key: dict[str, Entry], issues: list[Issue]) -> dict[str, str]:
    fields = dict(entry.fields)
    parent_key = fields.get("crossref")
    if not parent_key:
        return fields
    parent = by_key.get(to_text(parent_key).lower())
    if parent is None:
        message = f"crossref '{to_text(parent_key)}' is not an entry of this file"
        line = entry.lines.get("crossref")
        issues.append(Issue("bibtex-missing-crossref", message, "", line=line))
        return fields
    for name, value in parent.fields.items():
        if name in ("crossref", "key", "ids"):
            continue
        target = _FROM_HOST.get(name, name) if entry.type in PART_TYPES else name
        fields.setdefault(target, value)
    return fields


def native(entry: Entry, by_key: dict[str, Entry]) -> tuple[dict[str, Any], list[Issue]]:
    issues: list[Issue] = []
    fields = _inherit(entry, by_key, issues)
    record_type = FROM_ENTRY_TYPE.get(entry.type)
    if record_type is None:
        issues.append(
            Issue("bibtex-type", f"@{entry.type} is read as 'other'", "/type", line=entry.line)
        )
        record_type = "other"
    data: dict[str, Any] = {"type": record_type}
    notes: list[str] = []
    text = {
        name: verbatim(value) if name in VERBATIM else to_text(value)
        for name, value in fields.items()
        if name != "abstract"
    }
    _titles(text, data, notes)
    _contributors(fields, data)
    _container(entry, record_type, text, data)
    _date(fields, text, data, notes, issues, entry)
    _numbering(fields, text, data, notes)
    _publisher(entry, record_type, text, data)
    _identifiers(record_type, text, data)
    _content(fields, text, data)
    _status(text, data, notes)
    _event(text, data)
    notes.extend(_other_notes(record_type, text))
    if notes:
        data["notes"] = notes
    issues.extend(_field_issues(entry))
    return data, issues


def _titles(text: dict[str, str], data: dict[str, Any], notes: list[str]) -> None:
    if text.get("title"):
        data["title"] = text["title"]
    if text.get("subtitle"):
        data["subtitle"] = text["subtitle"]
    if text.get("titleaddon"):
        notes.append(f"titleaddon: {text['titleaddon']}")


def _numbering(
    fields: dict[str, str], text: dict[str, str], data: dict[str, Any], notes: list[str]
) -> None:
    """Volume, edition, chapter, issue, series, pages, article number, version, page count."""
    if text.get("volume"):
        data["volume"] = text["volume"]
    notes.extend(
        f"{source}: {text[source]}" for source in ("edition", "chapter") if text.get(source)
    )
    number = text.get("number") or text.get("issue")
    if number:
        data["issue"] = number
    if text.get("series"):
        data["series"] = {"title": text["series"]}
    _pages(fields.get("pages"), data)
    for source in ("eid", "articleno"):
        if text.get(source):
            data["article_number"] = text[source]
    if text.get("version"):
        data["version"] = text["version"]
    for source in ("pagetotal", "numpages"):
        if text.get(source):
            data["page_count"] = int(text[source]) if text[source].isdigit() else text[source]


def _publisher(entry: Entry, record_type: str, text: dict[str, str], data: dict[str, Any]) -> None:
    """Publisher and its place; a thesis's awarding institution and qualification."""
    publisher = text.get("publisher") or (
        text.get("institution") if record_type == "report" else None
    )
    if publisher:
        data["publisher"] = publisher
    place = text.get("address") or text.get("location")
    if place:
        data["publisher_place"] = place
    school = text.get("school") or (text.get("institution") if record_type == "thesis" else None)
    if school:
        thesis: dict[str, Any] = {"awarding_institutions": [school]}
        if entry.type == "mastersthesis":
            thesis["qualification"] = "Master"
        data["thesis"] = thesis
    elif record_type == "thesis" and entry.type in ("phdthesis", "mastersthesis"):
        data["thesis"] = {"qualification": "PhD" if entry.type == "phdthesis" else "Master"}


def _content(fields: dict[str, str], text: dict[str, str], data: dict[str, Any]) -> None:
    """Abstract, keywords and language."""
    if fields.get("abstract"):
        data["abstract"] = to_paragraphs(fields["abstract"])
    keywords = fields.get("keywords") or fields.get("keyword")
    if keywords:
        # ';' separates when it stands outside braces; else ','
        by_semicolon = split_top(keywords, re.compile(";"))
        parts = by_semicolon if len(by_semicolon) > 1 else split_top(keywords, re.compile(","))
        pieces = (to_text(k) for k in parts)
        data["keywords"] = [k for k in pieces if k]
    language = text.get("langid") or text.get("language")
    if language:
        # a name ('english', 'Deutsch') or a code; what the record refuses is kept as a note
        data["language"] = code_for(language) or language


def _status(text: dict[str, str], data: dict[str, Any], notes: list[str]) -> None:
    if text.get("pubstate"):
        status = FROM_PUBSTATE.get(text["pubstate"].lower())
        if status:
            data["status"] = status
        else:
            notes.append(f"pubstate: {text['pubstate']}")


def _event(text: dict[str, str], data: dict[str, Any]) -> None:
    if text.get("eventtitle"):
        event: dict[str, Any] = {"name": text["eventtitle"]}
        if text.get("venue"):
            event["place"] = text["venue"]
        data["event"] = event


#: Fields kept as notes, in this order ('note' as it is, the others named).
_NOTE_FIELDS = ("note", "annote", "annotation", "howpublished", "type", "organization")


def _other_notes(record_type: str, text: dict[str, str]) -> list[str]:
    """The fields kept as notes; a report's organization is its publisher, not a note."""
    return [
        text[source] if source == "note" else f"{source}: {text[source]}"
        for source in _NOTE_FIELDS
        if text.get(source) and not (source == "organization" and record_type == "report")
    ]


def _field_issues(entry: Entry) -> list[Issue]:
    """Fields pubmeta does not read, fields given twice, undefined @string macros."""
    at = entry.line
    issues: list[Issue] = []
    unknown = sorted(n for n in entry.fields if n not in KNOWN and n not in IGNORED_QUIETLY)
    if unknown:
        issues.append(Issue("bibtex-unknown-field", "fields pubmeta does not read: "
                            + ", ".join(unknown)[:300], "", line=at))  # fmt: skip
    for name in entry.repeated:
        issues.append(Issue("bibtex-syntax", f"the field '{name}' is given twice (the first is "
                            "kept)", "", severity=Severity.WARNING, line=at))  # fmt: skip
    for macro in dict.fromkeys(entry.undefined_macros):
        issues.append(Issue("bibtex-undefined-macro", f"@string '{macro}' is not defined (read "
                            "as its name)", "", line=at))  # fmt: skip
    return issues


def _contributors(fields: dict[str, str], data: dict[str, Any]) -> None:
    contributors: list[dict[str, Any]] = []
    for field, role in _ROLES.items():
        if not fields.get(field):
            continue
        names, truncated = split_names(fields[field])
        for name in names:
            person = parse_name(name)
            if role != "author":
                person["role"] = role
            contributors.append(person)
        if truncated and field == "author":
            data["contributors_truncated"] = True
    if contributors:
        data["contributors"] = contributors


def _container(entry: Entry, record_type: str, text: dict[str, str], data: dict[str, Any]) -> None:
    title = text.get("journaltitle") or text.get("journal") or text.get("booktitle")
    container: dict[str, Any] = {}
    if title:
        container["title"] = title
        kind = CONTAINER_KIND.get(record_type)
        if kind is None and (text.get("journal") or text.get("journaltitle")):
            kind = "journal"
        if kind:
            container["kind"] = kind
    if text.get("booksubtitle") and title:
        container["subtitle"] = text["booksubtitle"]
    abbreviation = text.get("shortjournal") or text.get("journal-abbreviation")
    if abbreviation and title:
        container["abbreviated_title"] = abbreviation
    for source, target in (("issn", "issn_print"), ("eissn", "issn_online")):
        values = _ISBN_OR_ISSN.findall(text.get(source, ""))
        if values:
            container[target] = values[0]
    if container:
        data["container"] = container


def _date(
    fields: dict[str, str],
    text: dict[str, str],
    data: dict[str, Any],
    notes: list[str],
    issues: list[Issue],
    entry: Entry,
) -> None:
    date_text = text.get("date")
    if date_text:
        first = re.split(r"/", date_text)[0].strip()
        try:
            data["dates"] = {"published": PartialDate.parse_iso(first).isoformat()}
            return
        except DateError:
            notes.append(f"date: {date_text}")
    year_text = text.get("year")
    if not year_text:
        return
    match = _YEAR.match(year_text)
    if not match:
        notes.append(f"year: {year_text}")
        return
    parts = [int(match.group(1))]
    month_text = (text.get("month") or "").strip()
    if month_text:
        month, day = month_and_day(month_text)
        if month:
            parts.append(month)
            day_text = (text.get("day") or "").strip()
            if day_text.isdigit():
                parts.append(int(day_text))
            elif day:
                parts.append(day)
            elif any(c.isdigit() for c in month_text) and not month_text.isdigit():
                notes.append(f"month: {month_text}")  # the days (an event's) are not the date's
        else:
            notes.append(f"month: {text.get('month')}")
    date, dropped = PartialDate.salvage(*parts)
    if date is None:
        notes.append(f"year: {year_text}")
        return
    if dropped:
        issues.append(Issue("date-part-dropped", f"{dropped}", "/dates/published",
                            line=entry.lines.get("year")))  # fmt: skip
    data["dates"] = {"published": date.isoformat()}


#: The days of an event joined to its month ('jun # "~24--26,"' is 'June 24–26,').
_DAY_RANGE = re.compile(r"^(\d{1,2})[-–—]+(\d{1,2})$")


def month_and_day(value: str) -> tuple[int | None, int | None]:
    """A ``month`` field: '3', 'mar', 'March', and with a day joined to it as styles print one
    ('"10~" # jan' is '10~January'; 'January~10'; 'jul # "~4,"'); a range of days joined to
    the month (a conference's, 'jun # "~24--26,"') gives the month alone. (None, None) when it
    is not one month ('April-May', 'aug # "~31~--~" # sep # "~4,"' are kept as notes)."""
    words = [w for w in re.split(r"[\s~.,]+", value.lower()) if w]
    months = [w for w in words if not w.isdigit() and not _DAY_RANGE.match(w)]
    numbers = [int(w) for w in words if w.isdigit()]
    ranges = [m for w in words if (m := _DAY_RANGE.match(w))]
    if len(words) == 1 and numbers:
        return (numbers[0], None) if 1 <= numbers[0] <= 12 else (None, None)
    if len(months) != 1 or len(numbers) + len(ranges) > 1 or MONTH_WORDS.get(months[0]) is None:
        return None, None
    if ranges:
        first, last = (int(day) for day in ranges[0].groups())
        return (MONTH_WORDS[months[0]], None) if 1 <= first < last <= 31 else (None, None)
    day = numbers[0] if numbers and 1 <= numbers[0] <= 31 else None
    if numbers and day is None:
        return None, None
    return MONTH_WORDS[months[0]], day


def _pages(value: str | None, data: dict[str, Any]) -> None:
    """'12--19', '12-19', '12–19' or one page; a part in braces may hold a hyphen."""
    if not value or not value.strip():
        return
    parts = split_top(value, _RANGE_DASHES) if "--" in value else split_top(value, _ONE_DASH)
    if len(parts) != 2:
        data["pages"] = {"first": to_text(value)}
        return
    first, last = to_text(parts[0]), to_text(parts[1])
    if not first or not last:
        data["pages"] = {"first": first or last}
        return
    if first.isdigit() and last.isdigit() and len(last) < len(first) and int(last) > 0:
        # an abbreviated range ('227--32' is 227-232), as style guides print them
        last = first[: len(first) - len(last)] + last
    data["pages"] = {"first": first, "last": last}


#: A DOI as a whole segment of a link's path: a resolver's (doi.org, dx.doi.org, doi.acm.org,
#: hdl.handle.net) or a publisher's landing page (``/doi/abs/10.1002/...``).
_DOI_IN_PATH = re.compile(r"/(10\.[0-9]{4,9}(?:\.[0-9]+)*/[^?#\s]+)")
#: Path words a landing page puts after the DOI to choose a view of the same work.
_VIEW_WORDS = frozenset({"abstract", "abs", "full", "fulltext", "pdf", "epdf", "html", "epub",
                         "references", "suppinfo", "summary", "meta"})  # fmt: skip


def doi_in_url(url: str) -> str | None:
    """The DOI a link's path holds (any host: ``http://doi.acm.org/10.1145/1.2``,
    ``https://dl.acm.org/doi/pdf/10.1145/1.2``), without a trailing view word; None if none."""
    scheme, _, rest = url.strip().partition("://")
    if not rest or not scheme.isalpha():
        return None
    match = _DOI_IN_PATH.search(rest)
    if not match:
        return None
    segments = unquote(match.group(1)).rstrip("/").split("/")
    while len(segments) > 2 and segments[-1].lower() in _VIEW_WORDS:
        segments.pop()
    return normalise_doi("/".join(segments))


def _identifiers(record_type: str, text: dict[str, str], data: dict[str, Any]) -> None:
    ids: dict[str, Any] = {}
    if text.get("doi"):
        ids["doi"] = normalise_doi(text["doi"])
        if not ids["doi"].startswith("10.") and (doi := doi_in_url(text["doi"])):
            ids["doi"] = doi  # the field holds a link of another resolver
    elif text.get("url") and (doi := doi_in_url(text["url"])):
        ids["doi"] = doi
    if text.get("pmid"):
        ids["pmid"] = text["pmid"]
    if text.get("pmcid"):
        ids["pmcid"] = text["pmcid"]
    eprint_type = (text.get("eprinttype") or text.get("archiveprefix") or "").lower()
    if text.get("eprint"):
        if eprint_type == "pubmed":
            ids.setdefault("pmid", text["eprint"])
        elif eprint_type:
            ids["other"] = [{"scheme": eprint_type, "value": text["eprint"]}]
    if text.get("url"):
        ids["urls"] = [text["url"]]
    isbns = _ISBN_OR_ISSN.findall(text.get("isbn", ""))
    if isbns:
        if record_type in ("book-chapter", "conference-paper"):
            data.setdefault("container", {}).setdefault("kind", "book")
            data["container"]["isbn_print"] = isbns
        else:
            ids["isbn_print"] = isbns
    if ids:
        data["identifiers"] = ids
