"""Checking a CFF document against the official JSON Schema (draft-07), every problem at once.

A small evaluator of the keywords the official CFF 1.2.0 schema uses, reading the schema file
itself (its patterns, lists and structure are the official ones; nothing is retyped here). It
answers as python-jsonschema's ``Draft7Validator`` with ``FormatChecker()`` does (a test holds
the two to the same verdict on the official examples, the real corpus and documents drawn from
the schema), but it is written for the person who reads the findings:

- every problem is found, not the first one;
- an ``anyOf``/``oneOf`` that no branch satisfies is answered with the problems of the branch the
  value was meant for (an identifier's ``type`` says which; an author with ``name`` is an
  entity, one with name parts a person; otherwise the branch of the value's JSON type that
  fails least), never with the schema;
- each finding is (JSON pointer, rule id, message) with the rule ids of :mod:`pubmeta.diagnostics`.
"""

from __future__ import annotations

import datetime
import json
import re
from functools import cache
from typing import Any

from ...diagnostics import pointer_join, quote
from ...jsonio import schema_type as json_type

Path = tuple[str | int, ...]
Finding = tuple[Path, str, str]  # where (pointer parts), rule, message


class _Failed(Exception):
    """A probe met its first problem."""


class _Probe(list):  # type: ignore[type-arg]
    """A findings list that stops the check at the first finding: is a branch valid at all?"""

    def append(self, item: Any) -> None:
        raise _Failed

    def extend(self, items: Any) -> None:
        if items:
            raise _Failed


_JSON_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _format_ok(kind: str, value: Any) -> bool:
    """python-jsonschema's FormatChecker() without extras: date and email; uri unchecked."""
    if not isinstance(value, str):
        return True
    if kind == "date":
        if not _DATE.match(value):
            return False
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    if kind == "email":
        return "@" in value
    return True


class Validator:
    """The schema, compiled once into checks (regular expressions compiled once)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.root = schema
        #: definition object -> its name, so a message can say what was expected in words
        self._names = {id(d): n for n, d in schema.get("definitions", {}).items()}

    def findings(self, document: Any) -> list[tuple[str, str, str]]:
        """(JSON pointer, rule, message) of every problem of the document."""
        found: list[Finding] = []
        self.check(self.root, document, (), found)
        return [(pointer_join(*where), rule, message) for where, rule, message in found]

    def check(self, schema: Any, value: Any, at: Path, found: list[Finding]) -> None:
        if schema is True or not isinstance(schema, dict):
            return
        ref = schema.get("$ref")
        if ref is not None:
            self.check(self._resolve(ref), value, at, found)
        kinds = schema.get("type")
        if kinds is not None:
            allowed = [kinds] if isinstance(kinds, str) else kinds
            if not any(_JSON_TYPES[k](value) for k in allowed):
                found.append((at, "type", f"{quote(value)} is {json_type(value)}, not "
                              + " or ".join(allowed)))  # fmt: skip
                return
        if "enum" in schema and value not in schema["enum"]:
            found.append((at, "enum", _enum_message(value, schema["enum"])))
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                self._branches(keyword, schema[keyword], value, at, found)
        if isinstance(value, str):
            self._string(schema, value, at, found)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self._number(schema, value, at, found)
        elif isinstance(value, list):
            self._array(schema, value, at, found)
        elif isinstance(value, dict):
            self._object(schema, value, at, found)

    def _resolve(self, ref: str) -> Any:
        node: Any = self.root
        for part in ref.lstrip("#").split("/")[1:]:
            node = node[part]
        return node

    def _string(self, schema: dict[str, Any], value: str, at: Path, found: list[Finding]) -> None:
        if "minLength" in schema and len(value) < schema["minLength"]:
            found.append((at, "min-length", "must not be empty" if schema["minLength"] == 1
                          else f"shorter than {schema['minLength']} characters"))  # fmt: skip
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            found.append((at, "pattern", f"longer than {schema['maxLength']} characters"))
        pattern = schema.get("pattern")
        if pattern is not None and _regex(pattern).search(value) is None:
            expected = EXPECTED.get(self._names.get(id(schema), ""))
            if expected and value.strip():
                found.append((at, "pattern", f"{quote(value)} is not {expected}"))
            else:
                found.append((at, "pattern", _pattern_message(value, pattern, schema)))
        kind = schema.get("format")
        if kind is not None and not _format_ok(kind, value):
            found.append((at, "pattern", _format_message(value, kind)))

    def _number(self, schema: dict[str, Any], value: float, at: Path, found: list[Finding]) -> None:
        if "minimum" in schema and value < schema["minimum"]:
            found.append((at, "minimum", f"{value} is below the minimum {schema['minimum']}"))
        if "maximum" in schema and value > schema["maximum"]:
            found.append((at, "maximum", f"{value} is above the maximum {schema['maximum']}"))

    def _array(
        self, schema: dict[str, Any], value: list[Any], at: Path, found: list[Finding]
    ) -> None:
        if "minItems" in schema and len(value) < schema["minItems"]:
            found.append((at, "min-length", f"needs at least {schema['minItems']} item(s)"))
        if schema.get("uniqueItems"):
            seen: dict[str, int] = {}
            for index, item in enumerate(value):
                key = json.dumps(item, sort_keys=True, default=str)
                if key in seen:
                    found.append(((*at, index), "unique-items",
                                  f"the same as item {seen[key]}"))  # fmt: skip
                else:
                    seen[key] = index
        items = schema.get("items")
        if isinstance(items, dict):
            for index, item in enumerate(value):
                self.check(items, item, (*at, index), found)

    def _object(
        self, schema: dict[str, Any], value: dict[str, Any], at: Path, found: list[Finding]
    ) -> None:
        for name in schema.get("required", ()):
            if name not in value:
                found.append((at, "required", f"'{name}' is required here"))
        properties = schema.get("properties", {})
        closed = schema.get("additionalProperties") is False
        for name, member in value.items():
            where = (*at, name)
            if name in properties:
                self.check(properties[name], member, where, found)
            elif closed:
                found.append((where, "unknown-property", _unknown_message(name, properties)))

    def _branches(
        self, keyword: str, branches: list[Any], value: Any, at: Path, found: list[Finding]
    ) -> None:
        passing = 0
        for branch in branches:
            try:
                self.check(branch, value, at, _Probe())
            except _Failed:
                continue
            if keyword == "anyOf":
                return
            passing += 1
        if passing == 1:
            return
        if passing > 1:
            found.append((at, "one-of", "fits more than one of the forms allowed here"))
            return
        results: list[list[Finding]] = []
        for branch in branches:
            mine: list[Finding] = []
            self.check(branch, value, at, mine)
            results.append(mine)
        meant = self._meant(branches, value, at, results)
        if meant is None:
            kinds = [self._kind(b) for b in branches]
            found.append((at, "type", f"{quote(value)} is {json_type(value)}, not "
                          + " or ".join(dict.fromkeys(k for k in kinds if k))))  # fmt: skip
            return
        found.extend(results[meant])

    def _kind(self, branch: Any) -> str | None:
        while isinstance(branch, dict) and "$ref" in branch and "type" not in branch:
            branch = self._resolve(branch["$ref"])
        if not isinstance(branch, dict):
            return None
        kind = branch.get("type")
        if kind is None and "enum" in branch:
            return "one of " + ", ".join(quote(v) for v in branch["enum"][:5])
        if kind is None and ("anyOf" in branch or "oneOf" in branch):
            subs = branch.get("anyOf") or branch.get("oneOf") or []
            return " or ".join(k for k in (self._kind(s) for s in subs) if k)
        return kind if isinstance(kind, str) else None

    def _meant(
        self, branches: list[Any], value: Any, at: Path, results: list[list[Finding]]
    ) -> int | None:
        """The branch the value was meant for (None: its JSON type fits no branch)."""
        typed = [
            i for i, r in enumerate(results) if not any(f[0] == at and f[1] == "type" for f in r)
        ]
        if not typed:
            return None
        if isinstance(value, dict):
            kind = value.get("type")
            for i in typed:
                enum = self._member_enum(branches[i], "type")
                if enum is not None and kind in enum:
                    return i
            return min(typed, key=lambda i: (self._unknown_names(branches[i], value),
                                             len(results[i])))  # fmt: skip
        return min(typed, key=lambda i: len(results[i]))

    def _member_enum(self, branch: Any, name: str) -> list[Any] | None:
        branch = self._deref(branch)
        member = self._deref(branch.get("properties", {}).get(name))
        return member.get("enum") if isinstance(member, dict) else None

    def _unknown_names(self, branch: Any, value: dict[str, Any]) -> int:
        properties = self._deref(branch).get("properties", {})
        return sum(1 for name in value if name not in properties)

    def _deref(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            node = self._resolve(node["$ref"])
        return node if node is not None else {}


#: What a definition's pattern asks for, in words (by the official schema's definition names).
EXPECTED = {
    "doi": "a DOI such as 10.5281/zenodo.1003150 (no resolver URL)",
    "orcid": "an ORCID iD URL such as https://orcid.org/0000-0002-1825-0097",
    "url": "a URL starting with https://, http://, ftp:// or sftp://",
    "email": "an e-mail address",
    "date": "a date YYYY-MM-DD",
    "swh-identifier": "a Software Heritage ID such as swh:1:rel:<40 hex digits>",
    "commit": "a commit hash or reference",
}


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _pattern_message(value: str, pattern: str, schema: dict[str, Any]) -> str:
    if not value.strip():
        return "is empty: give a value or leave the key out"
    examples = schema.get("examples")
    hint = f" (e.g. {quote(examples[0])})" if isinstance(examples, list) and examples else ""
    return f"{quote(value)} does not match {pattern}{hint}"


def _format_message(value: str, kind: str) -> str:
    if kind == "date":
        return f"{quote(value)} is not a real date YYYY-MM-DD"
    return f"{quote(value)} is not a valid {kind}"


def _enum_message(value: Any, allowed: list[Any]) -> str:
    if len(allowed) <= 12:
        return f"{quote(value)} is not one of " + ", ".join(quote(a) for a in allowed)
    close = [a for a in allowed if isinstance(a, str) and isinstance(value, str)
             and a.lower() == value.lower()]  # fmt: skip
    hint = f" (did you mean {quote(close[0])}?)" if close else ""
    return f"{quote(value)} is not in the list of {len(allowed)} allowed values{hint}"


def _unknown_message(name: str, properties: dict[str, Any]) -> str:
    spelled = name.replace("_", "-").lower()
    hint = f" (did you mean '{spelled}'?)" if spelled != name and spelled in properties else ""
    return f"'{name}' is not a CFF key here{hint}"
