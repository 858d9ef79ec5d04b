"""Building a record from what a reader found, without losing what does not fit.

Readers of outside formats collect values into the native (JSON-like) shape. A value the model
refuses (an ISSN like "03-647-1", a language it does not know) is taken out of its field, kept
as a note in the source's words, and reported as a warning, so one bad value never costs the
whole record and nothing disappears silently.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .errors import FormatError
from .issues import Issue, Severity, pointer_join
from .model import Publication

_MAX_ROUNDS = 50


def build(data: dict[str, Any], line: int = 1) -> tuple[Publication, list[Issue]]:
    issues: list[Issue] = []
    for _ in range(_MAX_ROUNDS):
        try:
            return Publication.model_validate(data), issues
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            location = [p for p in first["loc"] if not (isinstance(p, str) and "[" in p)]
            if not _remove(data, location):
                raise FormatError(
                    f"cannot build a record: {pointer_join(*location)}: {first['msg']}",
                    rule="unreadable-record",
                ) from None
            value = first.get("input")
            pointer = pointer_join(*location)
            data.setdefault("notes", []).append(f"{pointer.lstrip('/')}: {value}")
            issues.append(
                Issue(
                    "value-kept-as-note",
                    f"{value!r} is not a valid {pointer} ({first['msg']}); kept in notes",
                    pointer,
                    Severity.WARNING,
                    line=line,
                    column=1,
                )
            )
    raise FormatError("cannot build a record: too many invalid values", rule="unreadable-record")


def _remove(data: Any, location: list[Any]) -> bool:
    """Take the offending value (or the smallest enclosing removable one) out of ``data``."""
    if not location:
        return False
    parents = []
    node = data
    for key in location[:-1]:
        parents.append((node, key))
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    key = location[-1]
    try:
        if isinstance(node, dict) and key in node:
            del node[key]
            return True
        if isinstance(node, list) and isinstance(key, int) and key < len(node):
            del node[key]
            return True
    except TypeError:
        pass
    # a required member is missing: drop the enclosing object instead
    while parents:
        parent, parent_key = parents.pop()
        if isinstance(parent, (dict, list)):
            del parent[parent_key]
            return True
    return False
