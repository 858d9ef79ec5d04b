"""Where a JSON pointer lands in JSON or YAML text, as 1-based line and column.

Only consulted when there is something to report, so the round-trip YAML parser (which keeps
the places of keys and values, and reads JSON too) stays off the path of valid records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError

from .diagnostics import pointer_parts

Locator = Callable[[str], tuple[int, int]]


class _TextTimestamps(RoundTripConstructor):
    """Dates stay text: the record's partial dates are validated by pubmeta, not by YAML."""


_TextTimestamps.add_constructor(
    "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
)


def _rt_loader() -> YAML:
    loader = YAML(typ="rt", pure=True)
    loader.Constructor = _TextTimestamps
    loader.allow_duplicate_keys = True
    return loader


def tree_locator(tree: Any, line_offset: int = 0, column_offset: int = 0) -> Locator:
    """Locator over a ruamel round-trip tree. A pointer to a missing member lands on the
    deepest existing node; a pointer to a member name (unknown property) lands on the key."""

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


def key_locator(tree: Any, line_offset: int = 0) -> Callable[[str], tuple[int, int]]:
    """Place of the member *name* a pointer ends in (for unknown-property messages)."""

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
    try:
        tree = _rt_loader().load(text)
    except (YAMLError, ValueError, TypeError):
        first = line_offset + 1

        def fallback(_pointer: str) -> tuple[int, int]:
            return first, 1

        return fallback, fallback
    return tree_locator(tree, line_offset), key_locator(tree, line_offset)
