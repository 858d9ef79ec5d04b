"""Partial dates: a year, a year and month, or a full calendar date.

Scholarly sources often know only "2023" or "Dec 2023"; inventing the missing parts is the
classic mistake of metadata converters, so a date keeps exactly the precision it was given.
Years follow ISO 8601's astronomical numbering, proleptic Gregorian: ``0000`` is 1 BC and
``-0043`` is 44 BC, so works from before the common era keep their dates.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

#: The stored form; the JSON Schema publishes the same pattern.
ISO_PARTIAL_DATE_PATTERN = r"^-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_ISO = re.compile(ISO_PARTIAL_DATE_PATTERN)
MIN_YEAR, MAX_YEAR = -9999, 9999


def astronomical_year(historical: int) -> int:
    """The stored (astronomical) year of a year counted as historians count it, without a
    year zero: -44 (44 BC) is -43, 1 BC is 0. DateError for year 0, which that count lacks."""
    if historical == 0:
        raise DateError("there is no year 0 in historical numbering (1 BC is -1)")
    return historical if historical > 0 else historical + 1


#: English month names and abbreviations (lower-case) -> month number; readers of other
#: languages pass their own table to :meth:`PartialDate.parse_text`.
MONTHS: dict[str, int] = {}
for _number, (_abbr, _name) in enumerate(
    zip(calendar.month_abbr[1:], calendar.month_name[1:], strict=True), start=1
):
    MONTHS[_abbr.lower()] = _number
    MONTHS[_name.lower()] = _number
MONTHS.update({"sept": 9})

_TEXT_DATE = re.compile(
    r"^(?:(?P<day>[0-9]{1,2})\.?\s+)?(?:(?P<month>[^\W\d_]+)\.?\s+)?(?P<year>[0-9]{1,4})"
    r"(?:\s*(?P<era>BCE?|B\.C\.(?:E\.)?))?$",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(r"^(?P<month>[^\W\d_]+)\.?\s+(?P<day>[0-9]{1,2})\s+(?P<year>[0-9]{4})$")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class DateError(ValueError):
    """A text that is not a date of the accepted forms, or not a real calendar date."""


def is_leap(year: int) -> bool:
    """Proleptic Gregorian leap years, for any year (Python's modulo makes negatives work)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in(year: int, month: int) -> int:
    return 29 if month == 2 and is_leap(year) else _DAYS[month - 1]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to year, month or day precision.

    Dates are totally ordered by (year, month, day) with an unknown part sorting first:
    ``PartialDate(2023) < PartialDate(2023, 5)``. Use :meth:`may_precede` to ask whether two
    dates of different precision can be in order.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise DateError(f"year {self.year} is outside {MIN_YEAR}..{MAX_YEAR}")
        if self.month is None and self.day is not None:
            raise DateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} is outside 1..12")
        if self.day is not None and self.month is not None:
            last = days_in(self.year, self.month)
            if not 1 <= self.day <= last:
                raise DateError(f"{self.year:04d}-{self.month:02d} has {last} days, not {self.day}")

    @classmethod
    def salvage(
        cls, year: int, month: int | None = None, day: int | None = None
    ) -> tuple[PartialDate, str | None]:
        """The date as precise as its valid parts allow, and what was dropped (or None):
        ``(2020, 13, 5)`` is 2020 ("month 13 ..."), ``(2021, 2, 29)`` is 2021-02."""
        try:
            return cls(year, month, day), None
        except DateError as error:
            if month is not None and 1 <= month <= 12 and MIN_YEAR <= year <= MAX_YEAR:
                return cls(year, month), f"day {day} dropped: {error}"
            if MIN_YEAR <= year <= MAX_YEAR:
                dropped = f"month {month}" + (f" and day {day}" if day is not None else "")
                return cls(year), f"{dropped} dropped: {error}"
            raise

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def parts(self) -> list[int]:
        """The known parts, e.g. ``[2023, 12]`` (astronomical year, as stored)."""
        return [p for p in (self.year, self.month, self.day) if p is not None]

    def isoformat(self) -> str:
        text = f"-{-self.year:04d}" if self.year < 0 else f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.isoformat()

    @property
    def before_common_era(self) -> bool:
        return self.year <= 0

    @property
    def historical_year(self) -> int:
        """The year as historians count it, without a year zero: 44 BC is ``-44``
        (the convention CSL-JSON and citeproc use)."""
        return self.year if self.year > 0 else self.year - 1

    @classmethod
    def from_historical(
        cls, year: int, month: int | None = None, day: int | None = None
    ) -> PartialDate:
        """From a year without a year zero (``-44`` is 44 BC); year 0 does not exist there."""
        return cls(astronomical_year(year), month, day)

    def sort_key(self) -> tuple[int, int, int]:
        """Comparable key where an unknown part sorts as the earliest possible."""
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    def may_precede(self, other: PartialDate) -> bool:
        """False only when self is certainly later than other at their shared precision."""
        a = self.parts()
        b = other.parts()
        n = min(len(a), len(b))
        return a[:n] <= b[:n]

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        """Read ``[-]YYYY``, ``[-]YYYY-MM`` or ``[-]YYYY-MM-DD``."""
        if not _ISO.match(text):
            raise DateError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        negative = text.startswith("-")
        pieces = [int(p) for p in text.lstrip("-").split("-")]
        if negative:
            pieces[0] = -pieces[0]
        return cls(*pieces)

    @classmethod
    def parse_text(cls, text: str, months: Mapping[str, int] | None = None) -> PartialDate:
        """Read the forms sources print: ``2021``, ``Dec 2023``, ``15 Mar 2021``,
        ``26 Sept 2022``, ``1. dec. 2020``, ``March 15 2021``, ``44 BC`` and ISO forms.
        ``months`` maps month words (lower-case) of another language to numbers."""
        names = MONTHS if months is None else months
        stripped = " ".join(text.replace(",", " ").split())
        if _ISO.match(stripped):
            return cls.parse_iso(stripped)
        match = _TEXT_DATE.match(stripped)
        if not match:
            american = _MONTH_YEAR.match(stripped)
            if american and american["month"].lower().rstrip(".") in names:
                number = names[american["month"].lower().rstrip(".")]
                return cls(int(american["year"]), number, int(american["day"]))
            raise DateError(f"{text!r} is not a date")
        month_word = match.group("month")
        day = match.group("day")
        month: int | None = None
        if month_word is not None:
            month = names.get(month_word.lower().rstrip("."))
            if month is None:
                raise DateError(f"{month_word!r} in {text!r} is not a month name")
        elif day is not None:
            raise DateError(f"{text!r} has a day but no month")
        year = int(match.group("year"))
        if match.group("era"):
            return cls.from_historical(-year, month, int(day) if day else None)
        if len(match.group("year")) != 4:
            raise DateError(f"{text!r} has no four-digit year")
        return cls(year, month, int(day) if day else None)

    # -- pydantic integration: stored and published as the ISO string -----------------------
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            validate_stored,
            serialization=core_schema.plain_serializer_function_ser_schema(
                serialise_stored, when_used="always"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": ISO_PARTIAL_DATE_PATTERN,
            "description": "A date to year, month or day precision: YYYY, YYYY-MM or YYYY-MM-DD "
            "(ISO 8601; years before the common era as -YYYY, astronomical: 0000 is 1 BC).",
            "examples": ["2023", "2023-12", "2023-12-05", "-0043-03-15"],
        }


def validate_stored(value: Any) -> PartialDate:
    """The model's validator: a stored date string (or a PartialDate) to a PartialDate."""
    if isinstance(value, str):
        return _from_stored_text(value)
    if isinstance(value, PartialDate):
        return value
    from pydantic_core import PydanticCustomError

    raise PydanticCustomError("date_type", "a date must be a string YYYY, YYYY-MM or YYYY-MM-DD")


def serialise_stored(value: PartialDate) -> str:
    return value.isoformat()


@lru_cache(maxsize=8192)
def _from_stored_text(value: str) -> PartialDate:
    """A date in its stored form, for the model. Dates repeat across records and PartialDate is
    immutable, so validation shares the parses (a refusal raises and is not cached)."""
    try:
        return PartialDate.parse_iso(value)  # checks the form itself
    except DateError as exc:
        from pydantic_core import PydanticCustomError

        if not _ISO.match(value):
            raise PydanticCustomError(
                "date_format",
                "{value} is not YYYY, YYYY-MM or YYYY-MM-DD",
                {"value": _short(value)},
            ) from None
        raise PydanticCustomError("date_calendar", str(exc)) from None


def _short(value: str) -> str:
    return repr(value) if len(value) <= 40 else repr(value[:35]) + "..."
