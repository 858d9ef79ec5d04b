"""Writing CSL-JSON items in one pass: standard variables, and a note line for each field CSL
does not carry exactly (the mapping table decides which)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ...jsonio import compact
from ...text import JSON_LINE_BREAKS, full_title
from .mapping import (
    BOOK_KINDS,
    CSL_ROLES,
    DATE_VARIABLES,
    FIELDS,
    NOTE_PREFIX,
    STATUS_WORDS,
    TEXT_VARIABLES,
    TO_CSL_TYPE,
    always_exact,
    isbn_kind,
    never_exact,
    plain_notes,
)

if TYPE_CHECKING:
    from ...dates import PartialDate
    from ...model import Person, Publication


def write(records: Sequence[Publication]) -> str:
    """A CSL-JSON array (always an array, as csl-data.json defines it), one item per line:
    readable in a diff."""
    lines = [compact(item(record, index)) for index, record in enumerate(records, start=1)]
    if not lines:
        return "[]\n"
    # the brackets joined to the first and last lines, so the document is copied once
    lines[0] = "[\n" + lines[0]
    lines[-1] += "\n]\n"
    return ",\n".join(lines)


def write_line(record: Publication) -> str:
    """One CSL item as one JSON line (ingest's CSL JSON Lines)."""
    return compact(item(record)).translate(JSON_LINE_BREAKS)


def item(record: Publication, index: int = 1) -> dict[str, Any]:
    """One CSL item, with the note lines that make it lossless."""
    csl = _standard(record, index)
    fields = record.__dict__
    note: list[str] = list(record.notes) if plain_notes(record.notes) else []
    for name, exact, default in _note_plan(record):
        value = fields[name]
        # None and [] are the defaults of every field that can hold them: the common case
        # is settled without comparing models
        if value is None or (value.__class__ is list and not value):
            continue
        if exact is not None and exact(record):
            continue
        if value != default:
            note.append(f"{NOTE_PREFIX}{name}: {compact(_json_value(record, name))}")
    if note:
        csl["note"] = "\n".join(note)
    return csl


_Plan = tuple[tuple[str, "Callable[[Publication], bool] | None", Any], ...]


def _note_plan(record: Publication) -> _Plan:
    return _plan_for(type(record))


@lru_cache(maxsize=4)
def _plan_for(record_class: type[Publication]) -> _Plan:
    """(field, its exactness test or None when only a note carries it, its default), in table
    order; fields CSL always carries exactly need no note and are left out. Built whole before
    it is shared (threads writing their first record at once each see a complete plan)."""
    infos = record_class.model_fields
    plan = []
    for entry in FIELDS:
        if entry.exact is always_exact:
            continue
        exact = None if entry.exact is never_exact else entry.exact
        default = infos[entry.field].get_default(call_default_factory=True)
        plan.append((entry.field, exact, default))
    return tuple(plan)


def _json_value(record: Publication, name: str) -> Any:
    dumped = record.model_dump(mode="json", include={name}, exclude_defaults=True)
    return dumped.get(name)


def date_parts(value: PartialDate) -> list[int]:
    """CSL counts years as historians do (no year 0; -44 is 44 BC)."""
    year = value.historical_year
    if value.month is None:
        return [year]
    if value.day is None:
        return [year, value.month]
    return [year, value.month, value.day]


def _name(contributor: Any) -> dict[str, Any]:
    if contributor.kind == "organisation":
        return {"literal": contributor.name}
    person: Person = contributor
    name: dict[str, Any] = {}
    if person.family:
        name["family"] = person.family
    if person.given:
        name["given"] = person.given
    if person.particle:
        name["non-dropping-particle"] = person.particle
    if person.dropping_particle:
        name["dropping-particle"] = person.dropping_particle
    if person.suffix:
        name["suffix"] = person.suffix
    if person.literal and not (person.family or person.given):
        name["literal"] = person.literal
    return name


def _standard(record: Publication, index: int) -> dict[str, Any]:
    ids = record.identifiers
    csl: dict[str, Any] = {
        "id": ids.doi or f"item-{index}",
        "type": TO_CSL_TYPE[record.type],
    }
    if record.title:
        csl["title"] = full_title(record.title, record.subtitle)
    for contributor in record.contributors:
        role = contributor.role._value_
        csl.setdefault(role if role in CSL_ROLES else "contributor", []).append(_name(contributor))
    _dates(record, csl)
    fields = record.__dict__
    for name, variable in TEXT_VARIABLES.items():
        text = fields[name]
        if text:
            csl[variable] = text
    _container(record, csl)
    if record.pages:
        csl["page"] = str(record.pages)
    if record.page_count:
        csl["number-of-pages"] = str(record.page_count)
    _identifiers(record, csl)
    if record.keywords:
        csl["keyword"] = ", ".join(record.keywords)
    _event_and_series(record, csl)
    # styles print CSL "status": only say what a reader of the reference needs, a status
    # other than published (the rest travels in note)
    if record.status is not None and record.status != "published":
        csl["status"] = STATUS_WORDS[record.status]
    return csl


def _dates(record: Publication, csl: dict[str, Any]) -> None:
    dates = record.dates
    for dated, variable in DATE_VARIABLES.items():
        value = getattr(dates, dated)
        if value is not None:
            csl[variable] = {"date-parts": [date_parts(value)]}
    if dates.published is None and dates.early_online is not None:
        # online first, nothing else: 'issued' is the date a reference prints (styles print
        # "n.d." without it), so it is the early-online date; a note line keeps the record's
        # dates exact (see csl.mapping.online_first)
        csl["issued"] = csl["available-date"]


def _container(record: Publication, csl: dict[str, Any]) -> None:
    container = record.container
    if container is not None:
        if container.title:
            csl["container-title"] = container.title
        if container.abbreviated_title:
            csl["container-title-short"] = container.abbreviated_title
        issns = [i for i in (container.issn_print, container.issn_online) if i]
        if issns:
            csl["ISSN"] = ", ".join(issns)
    # ISBNs only from where the reader puts them back (the rest travels in note)
    if isbn_kind(record) in BOOK_KINDS:
        isbns = container.isbn_print if container is not None else []
    else:
        isbns = record.identifiers.isbn_print
    if isbns:
        csl["ISBN"] = ", ".join(isbns)


def _identifiers(record: Publication, csl: dict[str, Any]) -> None:
    ids = record.identifiers
    if ids.doi:
        csl["DOI"] = ids.doi
    if ids.pmid:
        csl["PMID"] = ids.pmid
    if ids.pmcid:
        csl["PMCID"] = ids.pmcid
    if ids.urls:
        csl["URL"] = ids.urls[0]


def _event_and_series(record: Publication, csl: dict[str, Any]) -> None:
    event = record.event
    if event is not None:
        csl["event-title"] = event.name
        if event.place:
            csl["event-place"] = event.place
        parts = [date_parts(d) for d in (event.start, event.end) if d]
        if parts:
            csl["event-date"] = {"date-parts": parts}
    if record.series is not None:
        csl["collection-title"] = record.series.title
        if record.series.number:
            csl["collection-number"] = record.series.number
