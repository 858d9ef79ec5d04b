"""Lenient loading: a registry's own data error costs the value, not the work.

A record the model accepts but a semantic rule refuses (an inverted page range ``998-100``, an
ISSN with a wrong check digit) is kept whole with the refused value taken out of its field and
put in ``notes`` as ``pointer: value [rule-id]``; the finding becomes a warning with the same
rule id. This is how :mod:`pubmeta.salvage` keeps what the model refuses, applied to what the
rules refuse. Snapshot loads are lenient unless strict rejection is asked for. A finding with no
place in the record (the record as a whole is wrong) cannot be kept this way: the record is
rejected as before.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic_core import ValidationError

from ..diagnostics import Issue, Severity, pointer_parts
from ..model import Publication
from ..validation import semantic_issues


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _take(data: Any, parts: list[str]) -> tuple[bool, Any]:
    """Remove the value at ``parts`` from ``data``: (found, value)."""
    node = data
    for part in parts[:-1]:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return False, None
    last = parts[-1]
    if isinstance(node, dict) and last in node:
        return True, node.pop(last)
    if isinstance(node, list) and last.isdigit() and int(last) < len(node):
        return True, node.pop(int(last))
    return False, None


def _place(issue: Issue) -> list[tuple[bool, str]]:
    return [(p.isdigit(), p.zfill(9)) for p in pointer_parts(issue.pointer)]


def keep_refused(
    record: Publication, issues: Sequence[Issue]
) -> tuple[Publication | None, list[Issue]]:
    """The record with every value a rule refused moved into its notes, and the findings with
    those errors as warnings; (None, issues) when an error cannot be kept so."""
    errors = [i for i in issues if i.is_error]
    if not errors or any(not i.pointer for i in errors):
        return None, list(issues)
    data = record.model_dump(mode="json", exclude_defaults=True)
    notes: list[str] = list(data.get("notes", []))
    kept: list[Issue] = []
    # the deepest and last places first: taking one out does not move another
    taken: set[str] = set()
    for issue in sorted(errors, key=_place, reverse=True):
        if issue.pointer not in taken:
            found, value = _take(data, pointer_parts(issue.pointer))
            if not found:
                return None, list(issues)
            taken.add(issue.pointer)
            notes.append(f"{issue.pointer.lstrip('/')}: {_as_text(value)} [{issue.rule}]")
        kept.append(
            Issue(
                issue.rule,
                f"{issue.message}; the value is kept in notes",
                issue.pointer,
                Severity.WARNING,
                line=issue.line,
                column=issue.column,
            )
        )
    data["notes"] = notes
    try:
        rebuilt = Publication.model_validate(data)
    except ValidationError:
        return None, list(issues)
    if any(i.is_error for i in semantic_issues(rebuilt)):
        return None, list(issues)
    return rebuilt, [*(i for i in issues if not i.is_error), *kept]
