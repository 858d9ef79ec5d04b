"""Partial dates: a year, a year and month, or a full calendar date.

Scholarly sources often know only "2023" or "Dec 2023"; inventing the missing parts is the
classic mistake of metadata converters, so a date keeps exactly the precision it was given.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

#: The stored form; the JSON Schema publishes the same pattern.
ISO_PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_ISO = re.compile(ISO_PARTIAL_DATE_PATTERN)

MONTHS: dict[str, int] = {}
for _number, (_abbr, _name) in enumerate(
    zip(calendar.month_abbr[1:], calendar.month_name[1:], strict=True), start=1
):
    MONTHS[_abbr.lower()] = _number
    MONTHS[_name.lower()] = _number
# Spellings seen on portals that the C locale does not know.
MONTHS.update({"sept": 9, "june": 6, "july": 7})
# Danish month names and abbreviations, used by Danish Pure portals.
MONTHS.update(
    {
        "januar": 1,
        "februar": 2,
        "marts": 3,
        "maj": 5,
        "juni": 6,
        "juli": 7,
        "okt": 10,
        "oktober": 10,
        "december": 12,
        "dec": 12,
        "august": 8,
        "november": 11,
    }
)

_TEXT_DATE = re.compile(
    r"^(?:(?P<day>[0-9]{1,2})\.?\s+)?(?:(?P<month>[A-Za-zæøåÆØÅ]+)\.?\s+)?(?P<year>[0-9]{4})$"
)


class DateError(ValueError):
    """A text that is not a date of the accepted forms, or not a real calendar date."""


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to year, month or day precision. Orders by (year, month, day)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is outside 1..9999")
        if self.month is None and self.day is not None:
            raise DateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} is outside 1..12")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(f"{self.year:04d}-{self.month:02d} has {last} days, not {self.day}")

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def parts(self) -> list[int]:
        """The known parts, e.g. ``[2023, 12]`` (CSL's date-parts)."""
        return [p for p in (self.year, self.month, self.day) if p is not None]

    def isoformat(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.isoformat()

    def sort_key(self) -> tuple[int, int, int]:
        """Comparable key where an unknown part sorts as the earliest possible."""
        return (self.year, self.month or 0, self.day or 0)

    def may_precede(self, other: PartialDate) -> bool:
        """False only when self is certainly later than other at their shared precision."""
        a = self.parts()
        b = other.parts()
        n = min(len(a), len(b))
        return a[:n] <= b[:n]

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        if not _ISO.match(text):
            raise DateError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        pieces = [int(p) for p in text.split("-")]
        return cls(*pieces)

    @classmethod
    def parse_text(cls, text: str) -> PartialDate:
        """Read the forms portals print: ``2021``, ``Dec 2023``, ``15 Mar 2021``, ``26 Sept 2022``,
        ``1. dec. 2020`` and ISO forms."""
        stripped = " ".join(text.replace(",", " ").split())
        if _ISO.match(stripped):
            return cls.parse_iso(stripped)
        match = _TEXT_DATE.match(stripped)
        if not match:
            raise DateError(f"{text!r} is not a date")
        month_word = match.group("month")
        day = match.group("day")
        month = None
        if month_word is not None:
            month = MONTHS.get(month_word.lower().rstrip("."))
            if month is None:
                raise DateError(f"{month_word!r} in {text!r} is not a month name")
        elif day is not None:
            raise DateError(f"{text!r} has a day but no month")
        return cls(int(match.group("year")), month, int(day) if day else None)

    # -- pydantic integration: stored and published as the ISO string -----------------------
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def from_value(value: Any) -> PartialDate:
            if isinstance(value, str):
                return _from_stored_text(value)
            if isinstance(value, PartialDate):
                return value
            raise PydanticCustomError(
                "date_type", "a date must be a string YYYY, YYYY-MM or YYYY-MM-DD"
            )

        return core_schema.no_info_plain_validator_function(
            from_value,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda d: d.isoformat(), when_used="always"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": ISO_PARTIAL_DATE_PATTERN,
            "description": "A date to year, month or day precision: YYYY, YYYY-MM or YYYY-MM-DD.",
            "examples": ["2023", "2023-12", "2023-12-05"],
        }


@lru_cache(maxsize=8192)
def _from_stored_text(value: str) -> PartialDate:
    """A date in its stored form, for the model. Dates repeat across records and PartialDate is
    immutable, so validation shares the parses (a refusal raises and is not cached)."""
    try:
        return PartialDate.parse_iso(value)  # checks the form itself
    except DateError as exc:
        if not _ISO.match(value):
            raise PydanticCustomError(
                "date_format", "{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", {"value": value}
            ) from None
        raise PydanticCustomError("date_calendar", str(exc)) from None
