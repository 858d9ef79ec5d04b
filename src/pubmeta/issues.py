"""Diagnostics as data: where (file, line, column, JSON pointer), which rule, how bad, and why.

Modelled on python-jsonschema's errors-as-data, written for the person who reads them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about one place in one record.

    ``pointer`` is an RFC 6901 JSON pointer into the record's native form (``/dates/published``),
    ``""`` for the record as a whole. ``line``/``column`` are 1-based places in the source text.
    """

    rule: str
    message: str
    pointer: str = ""
    severity: Severity = Severity.ERROR
    path: str | None = None
    line: int | None = None
    column: int | None = None
    record: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def at(self, line: int | None, column: int | None) -> Issue:
        return replace(self, line=line, column=column)

    def in_file(self, path: str | None, record: int | None = None) -> Issue:
        return replace(self, path=path, record=record)

    def format(self) -> str:
        """``PATH:LINE:COL: /pointer: message [rule-id]`` (warnings say so)."""
        where = f"{self.path or '<input>'}:{self.line or 1}:{self.column or 1}"
        pointer = self.pointer or "/"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {pointer}: {prefix}{self.message} [{self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def pointer_join(*parts: str | int) -> str:
    """JSON pointer from path parts, escaping ``~`` and ``/`` as RFC 6901 requires."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def pointer_parts(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
