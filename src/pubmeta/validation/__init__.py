"""Validation of records: the model (or its check-only twin), then semantic rules.

Valid records take the fast path: the check-only twin of the model
(:mod:`pubmeta.validation.checker`) when no record needs to be built, else the model itself,
then the semantic rules on the record's fields (:mod:`.semantic`). A record the model refuses
is reported from the model's own errors in the published schema's terms (:mod:`.structure`),
and the semantic rules still run on what remains once the refused values are set aside, so one
run shows every problem. Every finding is an :class:`~pubmeta.diagnostics.Issue` whose rule is
registered in :data:`pubmeta.diagnostics.RULES`.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic_core import ValidationError

from ..diagnostics import Issue
from ..jsonio import OBJECT_ONLY, json_type, parse_json
from .checker import record_checker
from .semantic import semantic_issues

if TYPE_CHECKING:
    from ..model import Publication

__all__ = ["check_document", "check_raw", "publication_class", "semantic_issues"]

Outcome = tuple["Publication | None", bool, list[Issue]]


@cache
def publication_class() -> type[Publication]:
    """The record's class, loaded on first use (importing it builds the model, which checking
    without building never needs; an import statement in a function is paid at every call)."""
    from ..model import Publication

    return Publication


def check_raw(
    raw: str | bytes, *, build: bool = True, semantic: bool = True, line: int = 1
) -> Outcome:
    """One record from its JSON text (a JSON Lines line)."""
    document, problem = parse_json(raw, line)
    if problem is not None:
        return None, False, [problem]
    if not isinstance(document, dict):
        kind = json_type(document)
        return (
            None,
            False,
            [Issue("type", f"a record must be {OBJECT_ONLY}, not {kind}", line=line, column=1)],
        )
    return check_document(document, build=build, semantic=semantic)


def check_document(
    document: dict[str, Any], *, build: bool = True, semantic: bool = True
) -> Outcome:
    """One record in its native (JSON-like) form: (record or None, accepted, findings);
    ``semantic=False`` leaves out the semantic rules of a built record."""
    try:
        if build:
            record = publication_class().model_validate(document)
            return record, True, semantic_issues(record) if semantic else []
        fields = record_checker().validate_python(document)
        return None, True, semantic_issues(fields)
    except ValidationError as error:
        errors = error.errors(include_url=False)
    return None, False, _refused(document, errors)


def _refused(document: dict[str, Any], errors: list[Any]) -> list[Issue]:
    """The structure findings, and the semantic findings of what remains once the refused
    values are set aside (each place reported once)."""
    from .structure import refusals, removal_order, remove_at, structure_issues

    found = structure_issues(document, errors)
    remainder = copy.deepcopy(document)
    for _ in range(8):
        places = sorted(
            (place for place, _ in refusals(remainder, errors)), key=removal_order, reverse=True
        )
        for place in places:
            remove_at(remainder, place)
        try:
            fields = record_checker().validate_python(remainder)
        except ValidationError as error:
            errors = error.errors(include_url=False)
            continue
        covered = {i.pointer for i in found}
        # errors only: a refused record's warnings come back once it is mended
        found.extend(i for i in semantic_issues(fields) if i.is_error and i.pointer not in covered)
        break
    return found
