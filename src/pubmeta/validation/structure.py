"""Why the model refused a record, said in the terms of the published JSON Schema.

The model's own errors are the findings (one validation, no second validator on the error
path); this module names each one's rule and says it the way the schema would: a failed
pattern by the pattern itself (every constrained field type has its own, so the pattern says
which rule), an unknown property with the nearest known name, a missing one at the object that
lacks it, a wrong type with what was expected.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .. import identifiers as ids
from ..dates import ISO_PARTIAL_DATE_PATTERN
from ..diagnostics import Issue, pointer_join, quote
from ..jsonio import json_type
from ..languages import LANGUAGE_PATTERN
from ..text import TEXT_PATTERN, has_forbidden, schema_pattern

#: A field's pattern -> the rule its failure breaks (patterns as the model and the schema
#: state them). Text patterns are told apart by the value: blank or a forbidden character.
PATTERN_RULES: dict[str, str] = {}
for _pattern, _rule in (
    (ids.DOI_PATTERN, "doi-syntax"),
    (ids.ISSN_PATTERN, "issn-syntax"),
    (ids.ISBN_PATTERN, "isbn-syntax"),
    (ids.ORCID_PATTERN, "orcid-syntax"),
    (ids.PMID_PATTERN, "pmid-form"),
    (ids.PMCID_PATTERN, "pmcid-form"),
    (ids.SCOPUS_EID_PATTERN, "scopus-eid-form"),
    (ids.ROR_PATTERN, "ror-syntax"),
    (ids.URL_PATTERN, "url-syntax"),
    (LANGUAGE_PATTERN, "language-code"),
    (ISO_PARTIAL_DATE_PATTERN, "date-format"),
):
    PATTERN_RULES[_pattern] = PATTERN_RULES[schema_pattern(_pattern)] = _rule
_TEXT_PATTERNS = {TEXT_PATTERN, schema_pattern(TEXT_PATTERN)}

_RULES = {
    "date_calendar": "date-calendar",
    "date_format": "date-format",
    "date_type": "type",
    "literal_error": "const",
    "enum": "enum",
    "name_empty": "name-empty",
    "license_empty": "license-empty",
    "thesis_empty": "thesis-empty",
    "greater_than": "minimum",
    "greater_than_equal": "minimum",
    "less_than": "maximum",
    "less_than_equal": "maximum",
    "string_too_short": "min-length",
    "too_short": "min-length",
    "string_unicode": "text-control-character",
}
_JSON_TYPES = {
    "string_type": "a string",
    "int_type": "a whole number",
    "bool_type": "a boolean",
    "list_type": "an array",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "typed_dict_type": "an object",
    "date_type": "a string",
    "enum_type": "a string",
}


def is_branch(part: Any) -> bool:
    """pydantic names the branch of a union in an error's place ('Organisation',
    'function-before[person_has_a_name(), Person]'); the check-only validator names its
    typed dicts as the models."""
    return isinstance(part, str) and ("[" in part or part in ("Person", "Organisation"))


def meant_branch(value: Any) -> str:
    """Which branch of the contributor union a value means: a person unless it says not."""
    kind = value.get("kind") if isinstance(value, dict) else None
    return "Organisation" if kind == "organisation" else "Person"


def _at(data: Any, location: list[Any]) -> Any:
    node = data
    for key in location:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def refusals(data: Any, errors: list[Any]) -> list[tuple[list[Any], dict[str, Any]]]:
    """(place, error) of each refusal, in the order found. Of a union's branches only the one
    the value means counts."""
    seen: dict[tuple[Any, ...], tuple[list[Any], dict[str, Any]]] = {}
    for error in errors:
        location: list[Any] = []
        keep = True
        for part in error["loc"]:
            if is_branch(part):
                if meant_branch(_at(data, location)) not in part:
                    keep = False
                    break
                continue
            location.append(part)
        key = (*location, error["type"])
        if keep and key not in seen:
            seen[key] = (location, error)
    return list(seen.values())


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    from ..schema import load_schema

    return load_schema()


def _resolve(node: Any) -> Any:
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        node = _schema()["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _branches(node: Any) -> list[Mapping[str, Any]]:
    """A schema and the branches of its anyOf/oneOf, resolved."""
    node = _resolve(node)
    if not isinstance(node, Mapping):
        return []
    found = [node]
    for branch in [*node.get("anyOf", []), *node.get("oneOf", [])]:
        found.extend(_branches(branch))
    return found


def schema_at(location: list[Any], data: Any) -> Mapping[str, Any] | None:
    """The object schema that applies at a place (of a union, the branch the value means)."""
    node: Any = _schema()
    for part in location:
        branches = _branches(node)
        if isinstance(part, int):
            node = next((b["items"] for b in branches if "items" in b), None)
        else:
            node = next(
                (b["properties"][part] for b in branches if part in b.get("properties", {})), None
            )
        if node is None:
            return None
    objects = [b for b in _branches(node) if "properties" in b]
    value = _at(data, location)
    if len(objects) > 1 and isinstance(value, dict):
        kind = value.get("kind", "person")
        for candidate in objects:
            if candidate["properties"].get("kind", {}).get("const") == kind:
                return candidate
    return objects[0] if objects else None


def _suggest(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def text_rule(value: Any) -> tuple[str, str]:
    """(rule, message) of a text that failed the text pattern."""
    if isinstance(value, str) and has_forbidden(value):
        character = next(c for c in value if has_forbidden(c))
        return (
            "text-control-character",
            f"{quote(value)} holds the control character U+{ord(character):04X}, which no "
            "format can carry",
        )
    return "text-blank", "the text is empty or only whitespace; leave the field out instead"


def pattern_issue(pattern: str, value: Any, pointer: str, described: str = "") -> Issue:
    if pattern in _TEXT_PATTERNS:
        rule, message = text_rule(value)
        return Issue(rule, message, pointer)
    rule = PATTERN_RULES.get(pattern, "pattern")
    hint = f" ({described.rstrip('.')})" if described else ""
    return Issue(rule, f"{quote(value)} is not an accepted form{hint}", pointer)


def _type_issue(kind: str, value: Any, pointer: str) -> Issue:
    wanted = _JSON_TYPES.get(kind, "another type")
    got = json_type(value)
    hint = ""
    if wanted == "a string" and got in ("a number", "a boolean") and quote(value) == repr(value):
        hint = f'; quote it: "{value}"'
    return Issue("type", f"{quote(value)} is {got}, expected {wanted}{hint}", pointer)


def issue_of(location: list[Any], error: dict[str, Any], data: Any) -> Issue:
    """One pydantic error as a finding of the published schema's rule."""
    kind = error["type"]
    value = error.get("input")
    context = error.get("ctx") or {}
    pointer = pointer_join(*location)
    if kind == "extra_forbidden":
        parent = schema_at(location[:-1], data)
        allowed = sorted(parent.get("properties", {})) if parent else []
        name = str(location[-1])
        return Issue(
            "unknown-property", f"unknown property {quote(name)}{_suggest(name, allowed)}", pointer
        )
    if kind == "missing":
        return Issue(
            "required",
            f"missing required property {quote(location[-1])}",
            pointer_join(*location[:-1]),
        )
    if kind == "string_pattern_mismatch":
        return pattern_issue(str(context.get("pattern", "")), value, pointer)
    if kind == "enum" or kind == "literal_error":
        expected = str(context.get("expected", "")).replace("'", "")
        rule = "enum" if kind == "enum" else "const"
        return Issue(rule, f"{quote(value)} is not one of: {expected}", pointer)
    if kind in _JSON_TYPES or kind.endswith("_type"):
        return _type_issue(kind, value, pointer)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {"greater_than": "more than", "greater_than_equal": "at least"}.get(kind, "at most")
        limit = next(iter(context.values()), "")
        return Issue(_RULES[kind], f"{quote(value)} should be {bound} {limit}", pointer)
    if kind == "string_unicode":
        return Issue(
            "text-control-character",
            "the text holds a lone surrogate, which no format can carry",
            pointer,
        )
    return Issue(_RULES.get(kind, "model"), str(error["msg"])[:200], pointer)


def structure_issues(data: Any, errors: list[Any]) -> list[Issue]:
    """Why the model refused ``data``: one finding per refused place."""
    found = [issue_of(location, error, data) for location, error in refusals(data, errors)]
    unique: dict[tuple[str, str], Issue] = {}
    for issue in found:
        unique.setdefault((issue.pointer, issue.rule), issue)
    return list(unique.values())


def removal_order(place: list[Any]) -> tuple[Any, ...]:
    """Sorts places so that, taken in reverse, the deepest and last go first: removing one
    then never shifts the place of another."""
    return tuple((1, p) if isinstance(p, int) else (0, str(p)) for p in place)


def remove_at(data: Any, location: list[Any]) -> tuple[list[Any], Any] | None:
    """Take the refused value, or the smallest enclosing one that can go, out of ``data``:
    (where it was, what it was), or None when there is nothing to take."""
    if not location:
        return None
    path: list[tuple[Any, Any]] = []
    node = data
    for key in location:
        if (isinstance(node, dict) and key in node) or (
            isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        ):
            path.append((node, key))
            node = node[key]
        else:
            break
    if not path:
        return None
    # a required member that is missing: the deepest value that is there (the object that
    # lacks it) goes
    parent, key = path[-1]
    value = parent[key]
    del parent[key]
    return [k for _, k in path], value
