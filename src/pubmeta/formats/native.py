"""pubmeta's own form: JSON (one record or an array), JSON Lines, and YAML (one or more
documents). It carries every field of the record unchanged.

Input is judged as written (strict readings): a record that breaks the schema is invalid, and
validation says where. The reader refuses what would make the text mean something other than
it seems: a key given twice in one mapping (JSON keeps the last silently, YAML refuses), a
number of thousands of digits, NaN, and YAML aliases that expand beyond the size of a record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from io import StringIO
from typing import TYPE_CHECKING, Any

from ..errors import FormatError, OptionError
from ..jsonio import loads, too_deep
from ..lines import JSON_LINES_SUFFIXES, OverlongLine, record_lines
from ..text import JSON_LINE_BREAKS
from .base import FieldMap, Format, Option, Reading, overlong_reading
from .yaml_aliases import alias_budget, marked_error, spend

if TYPE_CHECKING:
    from ..model import Publication

JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = JSON_LINES_SUFFIXES
YAML_SUFFIXES = (".yaml", ".yml")
LAYOUTS = ("json", "jsonl", "yaml")

#: A YAML document may expand its aliases to at most this many nodes per byte of text (and
#: never fewer than the floor): records use aliases rarely and briefly; bombs grow exponentially.
ALIAS_NODES_PER_BYTE = 20
ALIAS_NODES_FLOOR = 100_000


def dump(record: Publication) -> dict[str, Any]:
    """The record as JSON-ready data, leaving out what equals its default."""
    data: dict[str, Any] = record.model_dump(mode="json", exclude_defaults=True)
    return data


# -- reading -----------------------------------------------------------------------------------


def is_yaml(text: str, suffix: str) -> bool:
    """Whether a document is read as YAML: by its suffix, or, with no JSON suffix, when it
    does not start as JSON does."""
    suffix = suffix.lower()
    if suffix in YAML_SUFFIXES:
        return True
    if suffix in JSONL_SUFFIXES or suffix in JSON_SUFFIXES:
        return False
    return not text.lstrip().startswith(("{", "["))


def read(text: str, suffix: str = "") -> Iterable[Reading]:
    if is_yaml(text, suffix):
        return _read_yaml(text)
    if suffix.lower() in JSONL_SUFFIXES:
        return _read_json_lines(text)
    try:
        document = loads(text)
    except FormatError as error:
        if error.rule == "json-syntax" and _looks_like_json_lines(text):
            return _read_json_lines(text)
        raise
    return _split_document(document, text, 0)


def _looks_like_json_lines(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return False
    try:
        loads(lines[0])
    except FormatError:
        return False
    return True


def _split_document(document: Any, text: str, line_offset: int) -> list[Reading]:
    """A document holds one record (a mapping) or several (an array of mappings)."""
    if isinstance(document, list):
        return [
            Reading(
                document=item,
                line=line_offset + 1,
                pointer_prefix=f"/{index}",
                text=text,
                line_offset=line_offset,
            )
            for index, item in enumerate(document)
        ]
    return [Reading(document=document, line=line_offset + 1, text=text, line_offset=line_offset)]


def _read_json_lines(text: str) -> Iterator[Reading]:
    """One record per line, handed over unparsed (``raw``) and one at a time: the checker parses
    and validates each in one step on the fast path, and explains errors on the slow one."""
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if line and not line.isspace():
            yield Reading(raw=line, line=number, text=line, line_offset=number - 1)


def read_json_lines_bytes(lines: Iterable[bytes]) -> Iterator[Reading]:
    """JSON Lines from byte lines (a binary file streams them): each line is validated from
    its bytes, so a huge file is never held whole and one bad byte costs one line."""
    for number, line in record_lines(lines):
        if type(line) is OverlongLine:
            yield overlong_reading(line, number)
        else:
            yield Reading(raw=line, line=number, text=line, line_offset=number - 1)


def _yaml_loader() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    class TextTimestamps(SafeConstructor):
        """Dates stay text: an unquoted 2023-02-30 is reported by pubmeta's date rule at its
        place, not turned into a datetime (or a crash) by the YAML layer."""

    TextTimestamps.add_constructor(
        "tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str
    )
    loader = YAML(typ="safe", pure=True)
    loader.Constructor = TextTimestamps
    return loader


def _read_yaml(text: str) -> list[Reading]:
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        documents = list(_yaml_loader().load_all(text))
    except DuplicateKeyError as error:
        message = f"a key is given twice in one mapping: {str(error.problem)[:120]}"
        raise marked_error(error, message, "duplicate-key") from None
    except MarkedYAMLError as error:
        message = f"malformed YAML: {str(error.problem or error.context)[:160]}"
        raise marked_error(error, message) from None
    except YAMLError as error:
        raise FormatError(f"malformed YAML: {str(error)[:160]}", rule="yaml-syntax") from None
    except RecursionError:
        raise too_deep() from None
    except ValueError as error:  # int conversion limit in the YAML constructor
        rule = "number-too-long" if "digits" in str(error) else "yaml-syntax"
        raise FormatError(f"unreadable YAML value: {str(error)[:120]}", rule=rule) from None
    budget = alias_budget(text, ALIAS_NODES_PER_BYTE, ALIAS_NODES_FLOOR)
    for document in documents:
        budget = spend(document, budget, _values_of)
    documents = [d for d in documents if d is not None]
    if len(documents) == 1:
        return _split_document(documents[0], text, 0)
    readings: list[Reading] = []
    for index, document in enumerate(documents):
        # multi-document YAML: point into the document by its index in the stream
        readings.extend(_split_document(document, _nth_yaml_document(text, index), 0))
    return readings


def _values_of(node: Any) -> Iterable[Any]:
    """A loaded document value's own values (what the alias budget counts)."""
    if isinstance(node, dict):
        return node.values()
    return node if isinstance(node, list) else ()


def _nth_yaml_document(text: str, index: int) -> str:
    """The text of the index-th document, with earlier lines blanked so line numbers hold."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("---")]
    if not starts or (starts[0] != 0 and any(line.strip() for line in lines[: starts[0]])):
        starts = [0, *starts]
    begin = starts[index] if index < len(starts) else 0
    end = starts[index + 1] if index + 1 < len(starts) else len(lines)
    kept = ["\n"] * begin + [
        line if not line.startswith("---") else "\n" for line in lines[begin:end]
    ]
    return "".join(kept)


# -- writing -----------------------------------------------------------------------------------


def write(records: Sequence[Publication], layout: str = "json") -> str:
    """One document: ``layout`` json (an object, or an array for several records), jsonl (a
    line per record) or yaml (a document per record)."""
    if layout == "json":
        return write_json(records)
    if layout == "jsonl":
        return "".join(write_line(r) + "\n" for r in records)
    if layout == "yaml":
        return write_yaml(records)
    raise OptionError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")


def write_json(records: Sequence[Publication]) -> str:
    """One record as a JSON object, several as an array."""
    data: Any = dump(records[0]) if len(records) == 1 else [dump(r) for r in records]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_line(record: Publication) -> str:
    """One record as one JSON line (without its line break)."""
    line = json.dumps(dump(record), ensure_ascii=False, separators=(",", ":"))
    return line.translate(JSON_LINE_BREAKS)


#: Characters YAML reads as line breaks: inside a plain or single-quoted scalar they would be
#: folded into spaces on reading, so such strings are written double-quoted, where they are
#: escaped.
YAML_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


def _yaml_dumper() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.representer import SafeRepresenter

    class Representer(SafeRepresenter):
        def represent_str(self, data: str) -> Any:
            if any(mark in data for mark in YAML_LINE_BREAKS):
                return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
            return super().represent_str(data)

    Representer.add_representer(str, Representer.represent_str)
    dumper = YAML(typ="safe", pure=True)
    dumper.Representer = Representer
    return dumper


def write_yaml(records: Sequence[Publication]) -> str:
    dumper = _yaml_dumper()
    dumper.default_flow_style = False
    dumper.allow_unicode = True
    dumper.sort_base_mapping_type_on_output = False
    dumper.width = 4096
    stream = StringIO()
    if len(records) == 1:
        dumper.dump(dump(records[0]), stream)
    else:
        dumper.dump_all([dump(r) for r in records], stream)
    return stream.getvalue()


def layout_for_suffix(suffix: str) -> str:
    suffix = suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "json"


def sniff(text: str, suffix: str) -> bool:
    if suffix in (*JSONL_SUFFIXES, *YAML_SUFFIXES):
        return True
    head = text.lstrip()[:4000]
    if not head.startswith(("{", "[")):
        return _looks_like_yaml_record(head, cut=len(text) > 4000)
    return True  # any JSON: CSL items are told apart first (the registry's sniffing order)


def _looks_like_yaml_record(head: str, cut: bool) -> bool:
    """A YAML record without a name that says so (standard input): every line at the left
    margin of its first lines (comments, ``---`` and ``%`` directives aside; ``- `` opening
    a record of a list) is ``key:`` with a field of the record as its key, and there is at
    least one."""
    keys = []
    lines = head.splitlines()
    for line in lines[:-1] if cut else lines:  # the last line of a cut head may be cut too
        if line.startswith("- "):
            line = line[2:]
        if not line.strip() or line[0] in " \t#%-.":
            continue
        key, colon, rest = line.partition(":")
        if not colon or (rest and not rest[0].isspace()) or not key.isidentifier():
            return False  # (a field's name is an identifier: no model is loaded for others)
        keys.append(key)
    if not keys:
        return False
    from ..model import Publication  # only for a text of YAML's shape and no telling name

    return all(key in Publication.model_fields for key in keys)


def _mapping() -> tuple[FieldMap, ...]:
    """Every field of the model, carried (computed from the model on first use)."""
    from ..model import Publication

    return tuple(FieldMap(name, name) for name in Publication.model_fields)


FORMAT = Format(
    name="pubmeta",
    title="pubmeta native JSON / JSON Lines / YAML",
    media_type="application/json",
    suffixes=(*JSON_SUFFIXES, *JSONL_SUFFIXES, *YAML_SUFFIXES),
    reader=read,
    writer=write,
    sniff=sniff,
    mapping_source=_mapping,
    byte_reader=read_json_lines_bytes,
    byte_suffixes=JSONL_SUFFIXES,
    options=(
        Option(
            "layout",
            "json (default), jsonl (a line per record) or yaml; by suffix for -o",
            default="json",
            choices=LAYOUTS,
        ),
    ),
    write_part=write_line,
    makes_cycles=is_yaml,  # ruamel's loader, composer and constructor refer to one another
)
