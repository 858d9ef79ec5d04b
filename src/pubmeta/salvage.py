"""Building a record from what a reader of another format found, without losing what does not fit.

Readers collect values into the native (JSON-like) shape. Every value the model refuses (an
ISSN like "03-647-1", a language it does not know, a date of the wrong shape) is taken out of
its field, kept as a note in the source's words, and reported as a warning, so a bad value
never costs the whole record and nothing disappears silently. All refusals of one validation
are handled together (the number of bad values is not limited); a removal that leaves a
required member missing removes the enclosing object, and the next round finds that.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic_core import ValidationError

from .diagnostics import Issue, Severity, pointer_join
from .errors import FormatError
from .model import Publication
from .text import FORBIDDEN
from .validation.structure import removal_order, remove_at

#: Each round removes at least one value, and refusals nest at most as deep as the model.
_MAX_ROUNDS = 16


def build(data: dict[str, Any], line: int = 1) -> tuple[Publication, list[Issue]]:
    issues: list[Issue] = []
    for _ in range(_MAX_ROUNDS):
        try:
            return Publication.model_validate(data), issues
        except ValidationError as error:
            found = error.errors(include_url=False)
        refused = _refusals(data, found)
        removed = 0
        # deepest and last first, so removing one does not shift the place of another
        for location, value, message in sorted(refused, key=_removal_order, reverse=True):
            taken = remove_at(data, location)
            if taken is None:
                continue
            removed += 1
            place, value = taken
            pointer = pointer_join(*place)
            data.setdefault("notes", [])
            if not isinstance(data["notes"], list):
                data["notes"] = [_as_text(data["notes"])]
            data["notes"].append(f"{pointer.lstrip('/')}: {_as_text(value)}")
            issues.append(
                Issue(
                    "value-kept-as-note",
                    f"{_as_text(value)[:80]!r} is not a valid {pointer} ({message}); kept in notes",
                    pointer,
                    Severity.WARNING,
                    line=line,
                    column=1,
                )
            )
        if not removed:
            first = found[0]
            raise FormatError(
                f"cannot build a record: {pointer_join(*first['loc'])}: {first['msg']}",
                rule="unreadable-record",
            )
    raise FormatError("cannot build a record from these values", rule="unreadable-record")


def _refusals(data: Any, errors: list[Any]) -> list[tuple[list[Any], Any, str]]:
    """(place, value, why) of each refusal; a refusal inside a place that is itself refused
    is handled by removing the outer one."""
    from .validation.structure import refusals

    seen: dict[tuple[Any, ...], tuple[list[Any], Any, str]] = {}
    for location, error in refusals(data, errors):
        seen.setdefault(tuple(location), (location, error.get("input"), str(error["msg"])[:120]))
    places = list(seen)
    return [
        seen[p] for p in places if not any(len(q) < len(p) and p[: len(q)] == q for q in places)
    ]


def _removal_order(refusal: tuple[list[Any], Any, str]) -> tuple[Any, ...]:
    return removal_order(refusal[0])


def _as_text(value: Any) -> str:
    """A refused value as note text: JSON for structures, and characters no format can carry
    written as \\u escapes (the note itself must be a valid text)."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, TypeError, RecursionError):
            text = repr(value)
    text = FORBIDDEN.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text[:2000])
    return text if text.strip() else json.dumps(text)
