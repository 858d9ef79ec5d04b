"""Values of the registries' and aggregators' JSON (Crossref, DataCite, OpenAlex; CSL-JSON's
odd values too) taken as they come: any JSON type where another was expected gives "no
value", never a crash.

These APIs are documented but not schema-checked by their producers: a number where a string
was expected, ``null`` for an empty list, a list of one for a string. The readers ask these
helpers for the shape they need and skip what does not have it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from ..dates import DateError, PartialDate
from ..diagnostics import Issue
from ..errors import FormatError
from .base import Reading, outside

# a line break or tab with the spaces around it: layout, not content (other spaces are kept)
_BREAK = re.compile(r"[ ]*[\t\n\r][ \t\n\r]*")
_ISO_START = re.compile(r"^(-?\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:$|[T ])")


def text(value: Any) -> str | None:
    """A one-line text: strings stripped, numbers as printed, a list's first text."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, list):
        for item in value:
            found = text(item)
            if found:
                return found
    return None


def line(value: Any) -> str | None:
    """A one-line text: a line break or tab (with the spaces around it) made one space."""
    # run for every value of every work of a snapshot: nothing and a string, the usual values,
    # are answered here, and a text is searched only when it holds a break (a test is cheaper)
    if value is None:
        return None
    found = value.strip() if isinstance(value, str) else text(value)
    if found and ("\n" in found or "\t" in found or "\r" in found):
        return _BREAK.sub(" ", found)
    return found or None


def items(value: Any) -> list[Any]:
    """A list as a list; one value as a list of one; nothing as empty."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def objects(value: Any) -> list[dict[str, Any]]:
    """The JSON objects of a list (or a lone object)."""
    return [item for item in items(value) if isinstance(item, dict)]


def member(value: Any, *keys: str) -> Any:
    """``value[k1][k2]...`` where every step is an object, else None."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def integer(value: Any) -> int | None:
    """A whole number given as a number or as digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,9}\s*", value):
        return int(value)
    return None


def date_from_parts(parts: Any) -> tuple[PartialDate | None, str | None]:
    """A ``[year, month, day]`` list (Crossref's ``date-parts`` row) as a date, as precise as
    its valid parts allow, and what was dropped (or None)."""
    if type(parts) is list and len(parts) <= 3 and all(type(p) is int for p in parts):
        return _date_of_numbers(tuple(parts))  # the usual row, [2021, 3, 5]
    return _date_of_parts(parts)


@lru_cache(maxsize=65536)
def _date_of_numbers(parts: tuple[int, ...]) -> tuple[PartialDate | None, str | None]:
    """A row of whole numbers: dates repeat across a registry's works and PartialDate is
    immutable, so the parses are shared."""
    return _date_of_parts(list(parts))


def _date_of_parts(parts: Any) -> tuple[PartialDate | None, str | None]:
    numbers: list[int] = []
    for part in items(parts)[:3]:
        number = integer(part)
        if number is None:
            break
        numbers.append(number)
    if not numbers or numbers[0] == 0:
        return None, None
    try:
        return PartialDate.salvage(*numbers)
    except DateError as error:
        return None, str(error)


def date_from_text(value: Any) -> tuple[PartialDate | None, str | None]:
    """An ISO date or date-time's date (``2016-12-20``, ``2016-12``, ``2016``,
    ``2016-12-20T10:00:00Z``), as precise as its valid parts allow, and what was dropped."""
    found = text(value)
    if found is None:
        return None, None
    match = _ISO_START.match(found)
    if match is None:
        return None, f"{found[:60]!r} is not an ISO date"
    return date_from_parts([int(p) for p in match.groups() if p is not None])


def readings_of(
    found: Iterable[tuple[Any, str]],
    accept: Callable[[dict[str, Any]], bool],
    native: Callable[[dict[str, Any]], tuple[dict[str, Any], list[Issue]]],
    rule: str,
    source: str,
) -> list[Reading]:
    """One reading per item of an API response, each with its JSON pointer: an item that is not
    a record of this ``source`` is reported under ``rule``, the others go through ``native``."""
    readings: list[Reading] = []
    for item, place in found:
        if not isinstance(item, dict) or not accept(item):
            problem = Issue(rule, f"this is not {source}", place, line=1)
            readings.append(Reading(document=None, strict=False, issues=[problem]))
            continue
        data, issues = native(item)
        reading = outside(data, [i.under(place) for i in issues])
        reading.pointer_prefix = place
        readings.append(reading)
    if not readings:
        raise FormatError(
            f"the response is empty: expected {source}", line=1, column=1, rule="empty"
        )
    return readings
