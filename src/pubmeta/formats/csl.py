"""CSL-JSON: items as citeproc-js, Zotero, pandoc and citeproc-py read them.

The writer fills the standard CSL variables; whatever CSL cannot say (an ORCID, an accepted
date, a type CSL has no word for, a keyword containing a comma) is kept in ``note`` as
``pubmeta-<field>: <json>`` lines, found by reading the item back and comparing, so the round
trip holds by construction and nothing is dropped without a line saying so. The reader takes
CSL as people write it: numbers or strings, ``raw``/``literal`` dates, seasons, particles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ..dates import DateError, PartialDate
from ..errors import FormatError
from ..identifiers import normalise_doi
from ..issues import Issue, Severity
from ..model import Organisation, Person, Publication
from ..salvage import build
from . import FieldMap, Format, Reading

NOTE_PREFIX = "pubmeta-"

TO_CSL_TYPE = {
    "article": "article-journal",
    "review-article": "article-journal",
    "letter": "article-journal",
    "editorial": "article-journal",
    "comment": "article-journal",
    "conference-paper": "paper-conference",
    "conference-abstract": "paper-conference",
    "book": "book",
    "book-chapter": "chapter",
    "report": "report",
    "thesis": "thesis",
    "dataset": "dataset",
    "preprint": "article",
    "other": "document",
}
FROM_CSL_TYPE = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "paper-conference": "conference-paper",
    "book": "book",
    "classic": "book",
    "collection": "book",
    "chapter": "book-chapter",
    "entry": "book-chapter",
    "entry-dictionary": "book-chapter",
    "entry-encyclopedia": "book-chapter",
    "report": "report",
    "thesis": "thesis",
    "dataset": "dataset",
    "article": "preprint",
}
CSL_ROLES = ("author", "editor", "translator", "contributor")
STATUS_WORDS = {
    "published": "published",
    "epub-ahead-of-print": "epub ahead of print",
    "in-press": "in press",
    "accepted": "accepted",
    "submitted": "submitted",
    "unpublished": "unpublished",
}
FROM_STATUS = {v: k for k, v in STATUS_WORDS.items()} | {"forthcoming": "in-press"}

#: CSL keys the reader understands (others are reported, not silently dropped).
KNOWN_KEYS = frozenset(
    {
        "id",
        "type",
        "title",
        "author",
        "editor",
        "translator",
        "contributor",
        "issued",
        "available-date",
        "submitted",
        "event-date",
        "container-title",
        "container-title-short",
        "journalAbbreviation",
        "volume",
        "issue",
        "page",
        "page-first",
        "number",
        "number-of-pages",
        "DOI",
        "ISSN",
        "ISBN",
        "PMID",
        "PMCID",
        "URL",
        "abstract",
        "keyword",
        "categories",
        "language",
        "publisher",
        "publisher-place",
        "event-title",
        "event",
        "event-place",
        "collection-title",
        "collection-number",
        "genre",
        "note",
        "status",
        "citation-key",
    }
)


# -- writing -----------------------------------------------------------------------------------


def write(records: Sequence[Publication]) -> str:
    """A CSL-JSON array (always an array, as csl-data.json defines it), one item per line:
    readable in a diff, and written by json's C encoder (indenting falls back to Python's)."""
    lines = [
        json.dumps(item(record, index), ensure_ascii=False)
        for index, record in enumerate(records, start=1)
    ]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def item(record: Publication, index: int = 1) -> dict[str, Any]:
    """One CSL item, with the note lines that make it lossless."""
    csl = _standard(record, index)
    names_exact = _names_carried_exactly(record)
    # contributors CSL carries exactly need neither dumping nor comparing
    wanted = record.model_dump(
        mode="json", exclude_defaults=True, exclude={"contributors"} if names_exact else None
    )
    # reading the item back says what CSL lost; names CSL carries exactly need no re-reading
    seen = _native({k: v for k, v in csl.items() if k not in CSL_ROLES} if names_exact else csl)[0]
    plain_notes = _plain_notes_ok(record)
    extra: list[str] = []
    for key, value in wanted.items():
        if key == "notes" and plain_notes:
            continue
        if seen.get(key) != value:
            extra.append(f"{NOTE_PREFIX}{key}: {json.dumps(value, ensure_ascii=False)}")
    for key in seen:
        if key not in wanted and key != "notes":
            extra.append(f"{NOTE_PREFIX}{key}: null")
    note = list(record.notes) if plain_notes else []
    note += extra
    if note:
        csl["note"] = "\n".join(note)
    return csl


def _names_carried_exactly(record: Publication) -> bool:
    """Whether CSL's name lists alone give the contributors back unchanged: persons with only
    name parts, in roles CSL has, already grouped in CSL's role order."""
    last_role = 0
    for contributor in record.contributors:
        if not isinstance(contributor, Person):
            return False
        role = contributor.role.value
        if role not in CSL_ROLES:
            return False
        rank = CSL_ROLES.index(role)
        if rank < last_role:
            return False
        last_role = rank
        if (
            contributor.orcid
            or contributor.affiliations
            or contributor.email
            or contributor.corresponding is not None
            or (contributor.literal and contributor.family)
            or not (contributor.family or contributor.literal)
        ):
            return False
    return True


def _plain_notes_ok(record: Publication) -> bool:
    """Notes can be plain note lines when none spans lines or looks like a pubmeta line."""
    return all("\n" not in n and not n.startswith(NOTE_PREFIX) for n in record.notes)


def _date(value: PartialDate) -> dict[str, Any]:
    return {"date-parts": [value.parts()]}


def _name(person: Person | Organisation) -> dict[str, Any]:
    if isinstance(person, Organisation):
        return {"literal": person.name}
    name: dict[str, Any] = {}
    for key, csl_key in (
        ("family", "family"),
        ("given", "given"),
        ("particle", "non-dropping-particle"),
        ("dropping_particle", "dropping-particle"),
        ("suffix", "suffix"),
    ):
        value = getattr(person, key)
        if value:
            name[csl_key] = value
    if person.literal and not person.family:
        name["literal"] = person.literal
    return name


def _standard(record: Publication, index: int) -> dict[str, Any]:
    ids = record.identifiers
    csl: dict[str, Any] = {
        "id": ids.doi or f"item-{index}",
        "type": TO_CSL_TYPE[record.type.value],
    }
    if record.title:
        csl["title"] = record.title + (f": {record.subtitle}" if record.subtitle else "")
    for contributor in record.contributors:
        role = contributor.role.value
        csl.setdefault(role if role in CSL_ROLES else "contributor", []).append(_name(contributor))
    dates = record.dates
    for key, value in (
        ("issued", dates.published),
        ("available-date", dates.early_online),
        ("submitted", dates.submitted),
    ):
        if value:
            csl[key] = _date(value)
    container = record.container
    if container and container.title:
        csl["container-title"] = container.title
    if container and container.abbreviated_title:
        csl["container-title-short"] = container.abbreviated_title
    issns = [i for i in (container.issn_print, container.issn_online) if i] if container else []
    if issns:
        csl["ISSN"] = issns[0]
    isbns = [*ids.isbn_print, *ids.isbn_electronic]
    if container:
        isbns += [*container.isbn_print, *container.isbn_electronic]
    if isbns:
        csl["ISBN"] = isbns[0]
    for key, text in (("volume", record.volume), ("issue", record.issue)):
        if text:
            csl[key] = text
    if record.pages:
        csl["page"] = str(record.pages)
    if record.article_number:
        csl["number"] = record.article_number
    if record.page_count:
        csl["number-of-pages"] = str(record.page_count)
    if ids.doi:
        csl["DOI"] = ids.doi
    if ids.pmid:
        csl["PMID"] = ids.pmid
    if ids.pmcid:
        csl["PMCID"] = ids.pmcid
    if ids.urls:
        csl["URL"] = ids.urls[0]
    if record.abstract:
        csl["abstract"] = record.abstract
    if record.keywords:
        csl["keyword"] = ", ".join(record.keywords)
    if record.language:
        csl["language"] = record.language
    if record.publisher:
        csl["publisher"] = record.publisher
    if record.publisher_place:
        csl["publisher-place"] = record.publisher_place
    if record.event:
        csl["event-title"] = record.event.name
        if record.event.place:
            csl["event-place"] = record.event.place
        parts = [d.parts() for d in (record.event.start, record.event.end) if d]
        if parts:
            csl["event-date"] = {"date-parts": parts}
    if record.series:
        csl["collection-title"] = record.series.title
        if record.series.number:
            csl["collection-number"] = record.series.number
    # styles print CSL "status" and "genre" in the reference: only say what a reader needs,
    # a status other than published (the rest travels in note)
    if record.status and record.status.value != "published":
        csl["status"] = STATUS_WORDS[record.status.value]
    return csl


# -- reading -----------------------------------------------------------------------------------


def read(text: str, suffix: str = "") -> list[Reading]:
    try:
        document = json.loads(text)
    except RecursionError:
        raise FormatError(
            "the document is nested too deeply to be CSL-JSON", line=1, column=1, rule="too-deep"
        ) from None
    except json.JSONDecodeError as error:
        raise FormatError(
            f"malformed JSON: {error.msg}",
            line=error.lineno,
            column=error.colno,
            rule="json-syntax",
        ) from None
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        document = document["items"]
    items = document if isinstance(document, list) else [document]
    readings: list[Reading] = []
    for index, csl in enumerate(items):
        if not isinstance(csl, dict):
            raise FormatError(
                f"CSL item {index} is a {type(csl).__name__}, not an object", rule="csl-item"
            )
        data, issues = _native(csl)
        data, note_issues = _apply_note(data, csl.get("note"))
        issues += note_issues
        record, salvaged = build(data)
        pointer = f"/{index}"
        readings.append(
            Reading(
                record=record,
                issues=[_at(i, pointer) for i in issues + salvaged],
                line=1,
            )
        )
    if not readings:
        raise FormatError("the CSL-JSON array holds no item", line=1, column=1, rule="empty")
    return readings


def _at(issue: Issue, prefix: str) -> Issue:
    from dataclasses import replace

    return replace(issue, pointer=prefix + issue.pointer)


def _text(value: Any) -> str | None:
    if type(value) is str:  # the common case first: this runs for every variable of every item
        value = value.strip()
        return value or None
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, list):
        return _text(value[0]) if value else None
    text = str(value).strip()
    return text or None


def _warn(issues: list[Issue], rule: str, message: str, pointer: str = "") -> None:
    issues.append(Issue(rule, message, pointer, Severity.WARNING))


def _parse_date(value: Any, key: str, issues: list[Issue]) -> list[PartialDate]:
    """All dates of a CSL date variable (a range gives two)."""
    if isinstance(value, str):
        value = {"raw": value}
    if not isinstance(value, dict):
        return []
    found: list[PartialDate] = []
    for parts in value.get("date-parts") or []:
        if not isinstance(parts, list):
            continue
        numbers: list[int] = []
        for part in parts[:3]:
            text = _text(part)
            if text is None or not text.lstrip("-").isdigit():
                break
            numbers.append(int(text))
        if not numbers:
            continue
        if len(numbers) >= 2 and numbers[1] > 12:
            # a season as pseudo-month (13-16, 21-24): CSL's way; the record keeps the year
            _warn(
                issues, "csl-season", f"{key}: season {numbers[1]} kept as the year only", f"/{key}"
            )
            numbers = numbers[:1]
        try:
            found.append(PartialDate(*numbers))
        except DateError as error:
            _warn(issues, "csl-unparsed-date", f"{key}: {error}", f"/{key}")
    if not found:
        for form in ("raw", "literal"):
            if isinstance(value.get(form), str):
                for piece in re.split(r"\s*/\s*", value[form].strip())[:2]:
                    try:
                        found.append(_edtf(piece))
                    except DateError:
                        _warn(
                            issues,
                            "csl-unparsed-date",
                            f"{key}: {value[form]!r} is not a date pubmeta can read",
                            f"/{key}",
                        )
                        break
                break
    if value.get("season") is not None and found:
        _warn(issues, "csl-season", f"{key}: season {value['season']!r} not kept", f"/{key}")
    return found


def _edtf(text: str) -> PartialDate:
    iso = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if iso:
        numbers = [int(p) for p in iso.groups() if p]
        if len(numbers) >= 2 and numbers[1] > 12:
            numbers = numbers[:1]
        return PartialDate(*numbers)
    return PartialDate.parse_text(text)


_NAME_KEYS = {
    "family": "family",
    "given": "given",
    "non-dropping-particle": "particle",
    "dropping-particle": "dropping_particle",
    "suffix": "suffix",
    "literal": "literal",
}


def _person(name: Any) -> dict[str, Any] | None:
    if isinstance(name, str):
        return {"literal": name} if name.strip() else None
    if not isinstance(name, dict):
        return None
    person: dict[str, Any] = {}
    for csl_key, value in name.items():
        key = _NAME_KEYS.get(csl_key)
        if key is not None:
            text = _text(value)
            if text:
                person[key] = text
    if "literal" in person and "family" in person:
        del person["literal"]
    return person or None


def _native(csl: dict[str, Any]) -> tuple[dict[str, Any], list[Issue]]:
    """The record (native form) that the standard CSL variables of an item say."""
    issues: list[Issue] = []
    data: dict[str, Any] = {}
    csl_type = str(csl.get("type", ""))
    data["type"] = FROM_CSL_TYPE.get(csl_type, "other")
    title = _text(csl.get("title"))
    if title:
        data["title"] = title
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
    dates: dict[str, str] = {}
    for key, event_name in (
        ("issued", "published"),
        ("available-date", "early_online"),
        ("submitted", "submitted"),
    ):
        if key in csl:
            found = _parse_date(csl[key], key, issues)
            if found:
                dates[event_name] = found[0].isoformat()
    if dates:
        data["dates"] = dates
    container: dict[str, Any] = {}
    container_title = _text(csl.get("container-title"))
    if container_title:
        container["title"] = container_title
    abbreviation = _text(csl.get("container-title-short")) or _text(csl.get("journalAbbreviation"))
    if abbreviation:
        container["abbreviated_title"] = abbreviation
    issn_value = csl.get("ISSN")
    issns = (
        issn_value
        if isinstance(issn_value, list)
        else re.split(r"[,;\s]+", str(issn_value or "").strip())
    )
    issns = [str(i) for i in issns if i]
    if issns:
        container["issn_print"] = issns[0]
    if len(issns) > 1:
        container["issn_online"] = issns[1]
    if csl_type == "chapter" or (csl_type == "paper-conference" and container_title):
        container["kind"] = "proceedings" if csl_type == "paper-conference" else "book"
    isbns = [i for i in re.split(r"[,;\s]+", str(_text(csl.get("ISBN")) or "")) if i]
    if isbns:
        if container.get("kind") in ("book", "proceedings"):
            container["isbn_print"] = isbns
        else:
            data.setdefault("identifiers", {})["isbn_print"] = isbns
    if container:
        data["container"] = container
    for key in ("volume", "issue"):
        value = _text(csl.get(key))
        if value:
            data[key] = value
    page = _text(csl.get("page")) or _text(csl.get("page-first"))
    if page:
        first, _, last = re.sub(r"\s*[-–—]+\s*", "-", page).partition("-")
        data["pages"] = {"first": first} | ({"last": last} if last else {})
    number = _text(csl.get("number"))
    if number:
        data["article_number"] = number
    pages_count = _text(csl.get("number-of-pages"))
    if pages_count and pages_count.isdigit() and int(pages_count) > 0:
        data["page_count"] = int(pages_count)
    ids: dict[str, Any] = data.setdefault("identifiers", {})
    doi = _text(csl.get("DOI"))
    if doi:
        ids["doi"] = normalise_doi(doi)
    for key, field in (("PMID", "pmid"), ("PMCID", "pmcid")):
        value = _text(csl.get(key))
        if value:
            ids[field] = value
    url = _text(csl.get("URL"))
    if url:
        ids["urls"] = [url]
    if not ids:
        del data["identifiers"]
    abstract = _text(csl.get("abstract"))
    if abstract:
        data["abstract"] = abstract
    keyword = csl.get("keyword")
    if isinstance(keyword, list):
        words = [str(k).strip() for k in keyword]
    else:
        words = [w.strip() for w in re.split(r"[,;]", str(keyword or ""))]
    if any(words):
        data["keywords"] = [w for w in words if w]
    categories = csl.get("categories")
    if isinstance(categories, list) and categories:
        data["subjects"] = [{"scheme": "csl-category", "term": str(c)} for c in categories if c]
    language = _text(csl.get("language"))
    if language:
        data["language"] = language
    for key, field in (("publisher", "publisher"), ("publisher-place", "publisher_place")):
        value = _text(csl.get(key))
        if value:
            data[field] = value
    event_title = _text(csl.get("event-title")) or _text(csl.get("event"))
    if event_title:
        event: dict[str, Any] = {"name": event_title}
        place = _text(csl.get("event-place"))
        if place:
            event["place"] = place
        span = _parse_date(csl.get("event-date"), "event-date", issues)
        if span:
            event["start"] = span[0].isoformat()
        if len(span) > 1:
            event["end"] = span[1].isoformat()
        data["event"] = event
    series = _text(csl.get("collection-title"))
    if series:
        data["series"] = {"title": series}
        number = _text(csl.get("collection-number"))
        if number:
            data["series"]["number"] = number
    genre = _text(csl.get("genre"))
    if genre:
        data["source_type"] = {"scheme": "CSL", "terms": [t.strip() for t in genre.split(" / ")]}
    status = _text(csl.get("status"))
    if status:
        if status.lower() in FROM_STATUS:
            data["status"] = FROM_STATUS[status.lower()]
        else:
            _warn(
                issues,
                "csl-unknown-value",
                f"status {status!r} is not one pubmeta knows",
                "/status",
            )
    if csl_type and csl_type not in FROM_CSL_TYPE and csl_type != "document":
        _warn(issues, "csl-type", f"CSL type {csl_type!r} is read as 'other'", "/type")
    ignored = sorted(k for k in csl if k not in KNOWN_KEYS)
    if ignored:
        _warn(issues, "csl-ignored-key", "not CSL variables pubmeta reads: " + ", ".join(ignored))
    return data, issues


_NOTE_LINE = re.compile(rf"^{NOTE_PREFIX}([a-z_]+): (.*)$")


def _apply_note(data: dict[str, Any], note: Any) -> tuple[dict[str, Any], list[Issue]]:
    """Plain note lines become notes; ``pubmeta-<field>: json`` lines restore fields."""
    issues: list[Issue] = []
    if not isinstance(note, str) or not note.strip():
        return data, issues
    plain: list[str] = []
    for line in note.split("\n"):
        match = _NOTE_LINE.match(line)
        if match:
            try:
                value = json.loads(match.group(2))
            except ValueError:
                plain.append(line)
                continue
            if value is None:
                data.pop(match.group(1), None)
            else:
                data[match.group(1)] = value
        elif line.strip():
            plain.append(line)
    if plain and "notes" not in data:
        data["notes"] = plain
    return data, issues


def sniff(text: str, suffix: str) -> bool:
    head = text.lstrip()[:4000]
    return head.startswith(("[", "{")) and CSL_KEYS.search(head) is not None


#: Keys only CSL items have (pubmeta's own records spell theirs differently).
CSL_KEYS = re.compile(r'"(id|issued|container-title|author|DOI|URL|ISSN|page)"\s*:')


MAPPING = (
    FieldMap("type", "type (exact type in note when CSL's word is shared)"),
    FieldMap("source_type", "note (genre is read as the source's words)"),
    FieldMap("title", "title (a subtitle is joined with ': '; the split travels in note)"),
    FieldMap("subtitle", "title after ': ' (note)"),
    FieldMap("translated_titles", "note"),
    FieldMap("abstract", "abstract"),
    FieldMap(
        "contributors",
        "author / editor / translator / contributor with family, given, "
        "non-dropping-particle, dropping-particle, suffix, literal; ORCID, affiliations, "
        "organisations and interleaved roles in note",
    ),
    FieldMap("contributors_truncated", "note"),
    FieldMap("contributors_omitted", "note"),
    FieldMap("language", "language (BCP 47, region kept)"),
    FieldMap("status", "status when not published (styles print it), else note"),
    FieldMap("dates", "issued, available-date (early online), submitted; accepted in note"),
    FieldMap("container", "container-title, container-title-short, ISSN, ISBN; the rest in note"),
    FieldMap("series", "collection-title, collection-number"),
    FieldMap("event", "event-title, event-place, event-date"),
    FieldMap("volume", "volume"),
    FieldMap("issue", "issue"),
    FieldMap("pages", "page"),
    FieldMap("article_number", "number"),
    FieldMap("page_count", "number-of-pages"),
    FieldMap("publisher", "publisher"),
    FieldMap("publisher_place", "publisher-place"),
    FieldMap("identifiers", "DOI, PMID, PMCID, ISBN, URL; others in note"),
    FieldMap("keywords", "keyword (comma-separated; note when a keyword holds a comma)"),
    FieldMap("subjects", "note (categories read as subjects)"),
    FieldMap("peer_reviewed", "note"),
    FieldMap("externally_published", "note"),
    FieldMap("citations", "note"),
    FieldMap("downloads", "note"),
    FieldMap("license", "note"),
    FieldMap("access_rights", "note"),
    FieldMap("funding", "note"),
    FieldMap("thesis", "note"),
    FieldMap("notes", "note (plain lines)"),
    FieldMap("provenance", "note"),
)

FORMAT = Format(
    name="csl",
    title="CSL-JSON items (citeproc-js, Zotero, pandoc, citeproc-py)",
    media_type="application/vnd.citationstyles.csl+json",
    suffixes=(".csl.json", ".csl", ".json"),
    reader=read,
    writer=write,
    sniff=sniff,
    mapping=MAPPING,
)
