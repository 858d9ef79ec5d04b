"""Where a JSON pointer lands in JSON or YAML text, as 1-based line and column.

Only consulted when there is something to report. JSON is walked along the pointer alone, with
json's own C scanner skipping every value the pointer does not enter, so placing a finding
costs about as much as reading the record once; YAML goes through ruamel's round-trip parser,
which keeps the places of keys and values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .diagnostics import pointer_parts

Locator = Callable[[str], tuple[int, int]]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_scan_string: Any = json.decoder.scanstring  # type: ignore[attr-defined]


def _skip(text: str, at: int) -> int:
    match = _WHITESPACE.match(text, at)
    return match.end() if match else at


def json_offset(text: str, pointer: str, key: bool = False) -> int:
    """Offset of the value (or, with ``key``, of the member name) a pointer names; when the
    pointer leaves the document, the offset of the deepest value it reached."""
    at = _skip(text, 0)
    parts = pointer_parts(pointer)
    for index, part in enumerate(parts):
        if at >= len(text):
            break
        opening = text[at]
        if opening == "{":
            found = _member(text, at, part)
            if found is None:
                break
            key_at, value_at = found
            if key and index == len(parts) - 1:
                return key_at
            at = value_at
        elif opening == "[" and part.isdigit():
            found_at = _item(text, at, int(part))
            if found_at is None:
                break
            at = found_at
        else:
            break
    return at


def _member(text: str, at: int, name: str) -> tuple[int, int] | None:
    at = _skip(text, at + 1)
    while at < len(text) and text[at] == '"':
        key_at = at
        key, at = _scan_string(text, at + 1)
        at = _skip(text, at)
        if at >= len(text) or text[at] != ":":
            return None
        value_at = _skip(text, at + 1)
        if key == name:
            return key_at, value_at
        after = _past_value(text, value_at)
        if after is None:
            return None
        at = after
    return None


def _item(text: str, at: int, index: int) -> int | None:
    at = _skip(text, at + 1)
    for _ in range(index):
        if at >= len(text) or text[at] == "]":
            return None
        after = _past_value(text, at)
        if after is None:
            return None
        at = after
    return at if at < len(text) and text[at] != "]" else None


def _past_value(text: str, at: int) -> int | None:
    """Where the next member or item starts after the value at ``at`` (past its comma), or
    None when no value stands there."""
    try:
        _value, at = _DECODER.raw_decode(text, at)
    except ValueError:
        return None
    at = _skip(text, at)
    if at < len(text) and text[at] == ",":
        at = _skip(text, at + 1)
    return at


def _place(text: str, offset: int, line_offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return line + 1 + line_offset, column + 1


def json_locator(text: str, line_offset: int = 0) -> tuple[Locator, Locator]:
    def value(pointer: str) -> tuple[int, int]:
        return _place(text, json_offset(text, pointer), line_offset)

    def member(pointer: str) -> tuple[int, int]:
        return _place(text, json_offset(text, pointer, key=True), line_offset)

    return value, member


# -- YAML ------------------------------------------------------------------------------------


def _rt_loader() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class TextTimestamps(RoundTripConstructor):
        """Dates stay text: the record's partial dates are validated by pubmeta, not YAML."""

    TextTimestamps.add_constructor(
        "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
    )
    loader = YAML(typ="rt", pure=True)
    loader.Constructor = TextTimestamps
    loader.allow_duplicate_keys = True
    return loader


def tree_locator(tree: Any, line_offset: int = 0, column_offset: int = 0) -> Locator:
    """Locator over a ruamel round-trip tree. A pointer to a missing member lands on the
    deepest existing node; a pointer to a member name (unknown property) lands on the key."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def locate(pointer: str) -> tuple[int, int]:
        node = tree
        place = (0, 0)
        if isinstance(node, (CommentedMap, CommentedSeq)):
            place = (node.lc.line, node.lc.col)
        for part in pointer_parts(pointer):
            if isinstance(node, CommentedMap) and part in node:
                value = node[part]
                place = node.lc.key(part) if value is None else node.lc.value(part)
                node = value
            elif isinstance(node, CommentedSeq) and part.isdigit() and int(part) < len(node):
                place = node.lc.item(int(part))
                node = node[int(part)]
            else:
                break
        line, column = place
        first_line_shift = column_offset if line == 0 else 0
        return line + 1 + line_offset, column + 1 + first_line_shift

    return locate


def key_locator(tree: Any, line_offset: int = 0) -> Locator:
    """Place of the member *name* a pointer ends in (for unknown-property messages)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def locate(pointer: str) -> tuple[int, int]:
        parts = pointer_parts(pointer)
        node = tree
        for part in parts[:-1]:
            if isinstance(node, CommentedMap) and part in node:
                node = node[part]
            elif isinstance(node, CommentedSeq) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return tree_locator(tree, line_offset)(pointer)
        if parts and isinstance(node, CommentedMap) and parts[-1] in node:
            line, column = node.lc.key(parts[-1])
            return line + 1 + line_offset, column + 1
        return tree_locator(tree, line_offset)(pointer)

    return locate


def text_locator(text: str, line_offset: int = 0) -> tuple[Locator, Locator]:
    """(value locator, key locator) for JSON or YAML text; both fall back to the first line."""
    if text.lstrip().startswith(("{", "[")):
        return json_locator(text, line_offset)
    from ruamel.yaml.error import YAMLError

    try:
        tree = _rt_loader().load(text)
    except (YAMLError, ValueError, TypeError, RecursionError):
        first = line_offset + 1

        def fallback(_pointer: str) -> tuple[int, int]:
            return first, 1

        return fallback, fallback
    return tree_locator(tree, line_offset), key_locator(tree, line_offset)
