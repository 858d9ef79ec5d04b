"""What both YAML readers (the native reader's ruamel documents, the CFF reader's PyYAML
nodes) share: the guard against alias bombs (the values a reader would see, aliases expanded,
are counted against a budget proportional to the text, and a document past it is refused), and
a YAML library's marked error told as a finding at its place."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..errors import FormatError


def marked_error(error: Any, message: str, rule: str = "yaml-syntax") -> FormatError:
    """A YAML library's marked error (ruamel's or PyYAML's: ``problem_mark`` or
    ``context_mark``) as a FormatError at its line and column."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return FormatError(message, rule=rule)
    return FormatError(message, line=mark.line + 1, column=mark.column + 1, rule=rule)


def alias_budget(text: str, per_byte: int, floor: int) -> int:
    """How many values a document of this text may expand to."""
    return max(floor, per_byte * len(text))


def spend(root: Any, budget: int, children: Callable[[Any], Iterable[Any]]) -> int:
    """The budget left once every value under ``root`` is counted (``children`` gives a
    value's own values); FormatError (``yaml-alias``) when it runs out."""
    stack = [root]
    while stack:
        node = stack.pop()
        budget -= 1
        if budget < 0:
            raise FormatError(
                "YAML aliases expand this document far beyond its size (an alias bomb?); "
                "write the values out instead of repeating them by alias",
                line=1,
                column=1,
                rule="yaml-alias",
            )
        stack.extend(children(node))
    return budget
