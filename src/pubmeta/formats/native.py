"""pubmeta's own form: JSON (one record or an array), JSON Lines, and YAML (one or more
documents). It carries every field of the record unchanged."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from io import StringIO
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import FormatError
from ..model import Publication
from . import FieldMap, Format, Reading

JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
YAML_SUFFIXES = (".yaml", ".yml")


def dump(record: Publication) -> dict[str, Any]:
    """The record as JSON-ready data, leaving out what equals its default."""
    data: dict[str, Any] = record.model_dump(mode="json", exclude_defaults=True)
    return data


# -- reading -----------------------------------------------------------------------------------


def read(text: str, suffix: str = "") -> Iterable[Reading]:
    suffix = suffix.lower()
    if suffix in YAML_SUFFIXES:
        return _read_yaml(text)
    if suffix in JSONL_SUFFIXES:
        return _read_json_lines(text)
    stripped = text.lstrip()
    if suffix not in JSON_SUFFIXES and not stripped.startswith(("{", "[")):
        return _read_yaml(text)
    try:
        document = json.loads(text)
    except RecursionError:
        raise _too_deep() from None
    except json.JSONDecodeError as error:
        if _looks_like_json_lines(text):
            return _read_json_lines(text)
        raise FormatError(
            f"malformed JSON: {error.msg}",
            line=error.lineno,
            column=error.colno,
            rule="json-syntax",
        ) from None
    return _split_document(document, text, 0)


def _too_deep() -> FormatError:
    return FormatError(
        "the document is nested too deeply to be a record", line=1, column=1, rule="too-deep"
    )


def _looks_like_json_lines(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return False
    try:
        json.loads(lines[0])
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _split_document(document: Any, text: str, line_offset: int) -> list[Reading]:
    """A document holds one record (a mapping) or several (an array of mappings)."""
    if isinstance(document, list):
        readings = []
        for index, item in enumerate(document):
            prefix = f"/{index}"
            readings.append(
                Reading(
                    data=item,
                    line=line_offset + 1,
                    pointer_prefix=prefix,
                    text=text,
                    line_offset=line_offset,
                )
            )
        return readings
    return [Reading(data=document, line=line_offset + 1, text=text, line_offset=line_offset)]


def _read_json_lines(text: str) -> Iterator[Reading]:
    """One record per line, handed over unparsed (``raw``) and one at a time: the checker parses
    and validates each in one step on the fast path, and explains syntax errors on the slow one."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line and not line.isspace():
            yield Reading(raw=line, line=number, text=line, line_offset=number - 1)


def read_json_lines_bytes(lines: Iterable[bytes]) -> Iterator[Reading]:
    """JSON Lines from byte lines (a binary file streams them): each line is validated from
    its bytes, so a huge file is never held whole and one bad byte costs one line."""
    for number, line in enumerate(lines, start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        line = line.rstrip(b"\r\n")
        if line and not line.isspace():
            yield Reading(raw=line, line=number, text=line, line_offset=number - 1)


class _TextTimestamps(SafeConstructor):
    """Dates stay text: an unquoted 2023-02-30 is reported by pubmeta's date rule at its place,
    not turned into a datetime (or a crash) by the YAML layer."""


_TextTimestamps.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


def _read_yaml(text: str) -> list[Reading]:
    loader = YAML(typ="safe", pure=True)
    loader.Constructor = _TextTimestamps
    try:
        documents = list(loader.load_all(text))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise FormatError(
            f"malformed YAML: {error.problem or error.context}",
            line=None if mark is None else mark.line + 1,
            column=None if mark is None else mark.column + 1,
            rule="yaml-syntax",
        ) from None
    except YAMLError as error:
        raise FormatError(f"malformed YAML: {error}", rule="yaml-syntax") from None
    except RecursionError:
        raise _too_deep() from None
    documents = [d for d in documents if d is not None]
    if len(documents) == 1:
        return _split_document(documents[0], text, 0)
    readings: list[Reading] = []
    for index, document in enumerate(documents):
        # multi-document YAML: point into the document by its index in the stream
        readings.extend(_split_document(document, _nth_yaml_document(text, index), 0))
    return readings


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


def write_json(records: Sequence[Publication]) -> str:
    """One record as a JSON object, several as an array."""
    data: Any = dump(records[0]) if len(records) == 1 else [dump(r) for r in records]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json_lines(records: Sequence[Publication]) -> str:
    return "".join(
        json.dumps(dump(r), ensure_ascii=False, separators=(",", ":")) + "\n" for r in records
    )


def write_yaml(records: Sequence[Publication]) -> str:
    dumper = YAML(typ="safe", pure=True)
    dumper.default_flow_style = False
    dumper.allow_unicode = True
    dumper.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    dumper.width = 4096
    stream = StringIO()
    if len(records) == 1:
        dumper.dump(dump(records[0]), stream)
    else:
        dumper.dump_all([dump(r) for r in records], stream)
    return stream.getvalue()


def write_for_suffix(records: Sequence[Publication], suffix: str) -> str:
    suffix = suffix.lower()
    if suffix in YAML_SUFFIXES:
        return write_yaml(records)
    if suffix in JSONL_SUFFIXES:
        return write_json_lines(records)
    return write_json(records)


#: Keys of CSL items, which are JSON too but not pubmeta records.
_CSL_KEYS = re.compile(r'"(id|issued|container-title|author|DOI|URL|ISSN|page)"\s*:')


def sniff(text: str, suffix: str) -> bool:
    if suffix in (*JSONL_SUFFIXES, *YAML_SUFFIXES):
        return True
    head = text.lstrip()[:4000]
    return head.startswith(("{", "[")) and _CSL_KEYS.search(head) is None


FORMAT = Format(
    name="pubmeta",
    title="pubmeta native JSON / JSON Lines / YAML",
    media_type="application/json",
    suffixes=(*JSON_SUFFIXES, *JSONL_SUFFIXES, *YAML_SUFFIXES),
    reader=read,
    writer=write_json,
    sniff=sniff,
    mapping=tuple(FieldMap(name, name) for name in Publication.model_fields),
    byte_reader=read_json_lines_bytes,
    byte_suffixes=JSONL_SUFFIXES,
)
