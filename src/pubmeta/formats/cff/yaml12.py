"""CITATION.cff as YAML 1.2, parsed once by libyaml (PyYAML's C parser), with places.

The official tools read CFF with ruamel.yaml's safe loader (YAML 1.2, dates kept as text). This
module reads the same values through libyaml, which is about fifty times faster than a parser
written in Python: the plain scalars are resolved by YAML 1.2's core rules as ruamel.yaml's 1.2
resolver states them (``yes`` is text, ``true`` a boolean, ``1_000`` a number, dates text), a
key given twice is refused, and an alias that would expand beyond the size of the file is
refused. A test holds the values to ruamel.yaml's on every real and official example file.

The node tree the parser composes also gives every value's line and column, so findings are
placed without parsing the file a second time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import yaml

from ...diagnostics import pointer_parts
from ...errors import FormatError
from ..yaml_aliases import alias_budget, marked_error, spend

Locator = Callable[[str], tuple[int, int]]

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_MERGE = re.compile(r"^(?:<<)$")


class Loader(_Base):  # type: ignore[misc]
    """libyaml's parser with YAML 1.2's core resolvers and strict mappings."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                fresh = key not in seen
            except TypeError:
                continue  # an unhashable key: the constructor below says so
            if not fresh:
                mark = key_node.start_mark
                raise FormatError(
                    f"a key is given twice in one mapping: {str(key)[:80]!r}",
                    line=mark.line + 1,
                    column=mark.column + 1,
                    rule="duplicate-key",
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", _BOOL, "tTfF"),
    ("tag:yaml.org,2002:float", _FLOAT, "-+0123456789."),
    ("tag:yaml.org,2002:int", _INT, "-+0123456789"),
    ("tag:yaml.org,2002:merge", _MERGE, "<"),
    ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
):
    Loader.add_implicit_resolver(_tag, _pattern, list(_first))


def _int(loader: Loader, node: Any) -> int:
    text = loader.construct_scalar(node).replace("_", "")
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)


def _float(loader: Loader, node: Any) -> float:
    text = loader.construct_scalar(node).replace("_", "").lower()
    if text.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    if text == ".nan":
        return math.nan
    return float(text)


def _text(loader: Loader, node: Any) -> str:
    return loader.construct_scalar(node)  # type: ignore[no-any-return]


Loader.add_constructor("tag:yaml.org,2002:int", _int)
Loader.add_constructor("tag:yaml.org,2002:float", _float)
Loader.add_constructor("tag:yaml.org,2002:timestamp", _text)  # explicit !!timestamp: text

#: An alias may expand a document to at most this many values per byte of text (and at least
#: the floor): a "billion laughs" file is refused before anything walks it.
ALIAS_NODES_PER_BYTE = 4
ALIAS_NODES_FLOOR = 10_000


def load(text: str) -> tuple[Any, Any]:
    """(document, root node); malformed YAML is a :class:`FormatError` at its place."""
    loader = Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise FormatError("the file holds no CITATION.cff content", line=1, column=1,
                              rule="empty")  # fmt: skip
        spend(root, alias_budget(text, ALIAS_NODES_PER_BYTE, ALIAS_NODES_FLOOR), _nodes_under)
        document = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        message = f"malformed YAML: {str(error.problem or error.context)[:160]}"
        raise marked_error(error, message) from None
    except (yaml.YAMLError, ValueError, TypeError) as error:
        raise FormatError(f"malformed YAML: {str(error)[:160]}", rule="yaml-syntax") from None
    except RecursionError:
        raise FormatError("the document is nested too deeply", rule="too-deep") from None
    finally:
        loader.dispose()
    return document, root


def _nodes_under(node: Any) -> Iterable[Any]:
    """A composed node's own nodes, keys too (what the alias budget counts)."""
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else ()


def locators(root: Any) -> tuple[Locator, Locator]:
    """(value locator, key locator) over the composed nodes: a pointer lands on its value (a
    missing member on the deepest node there is; an empty value on its key); the key locator
    lands on the member's name."""

    def walk(pointer: str, key: bool) -> tuple[int, int]:
        node = root
        mark = node.start_mark
        for part in pointer_parts(pointer):
            found: tuple[Any, Any] | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                        found = (key_node, value_node)
            elif isinstance(node, yaml.SequenceNode) and part.isdigit():
                index = int(part)
                if index < len(node.value):
                    found = (None, node.value[index])
            if found is None:
                break
            key_node, node = found
            empty = isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")
            mark = key_node.start_mark if key_node and (key or empty) else node.start_mark
        return mark.line + 1, mark.column + 1

    return (lambda pointer: walk(pointer, False)), (lambda pointer: walk(pointer, True))
