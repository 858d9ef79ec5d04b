"""The public operations: read, write, validate, and the inspection they share.

These depend on the registry and the model only; the CLI and the pipeline depend on these.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from .errors import FormatError, InvalidRecordError, PubmetaError, UnknownFormatError
from .formats import FORMATS, Format, Reading, format_for, get_format
from .issues import Issue
from .model import Publication
from .validation import check_data, check_json, semantic_issues

#: Inputs larger than this are refused before parsing (see README, "Limits").
MAX_INPUT_BYTES = 512 * 1024 * 1024
#: Read buffer for files read line by line: records of a few KB each would make the default
#: 8 KiB buffer refill and copy every line or two (measured: 2.1 -> 0.6 us per 2.5 KB line).
LINE_BUFFER_BYTES = 64 * 1024

Source = str | bytes | Path


class SourceUnreadableError(PubmetaError):
    """The file could not be opened or read (an I/O error, not a content problem)."""


@dataclass(slots=True)
class Checked:
    """One record of a source after reading and validation."""

    record: Publication | None
    issues: list[Issue] = field(default_factory=list)
    line: int = 1
    raw: str | bytes | None = None
    #: The model accepted the record; ``record`` is None all the same when it was checked
    #: without being built (``build=False``).
    accepted: bool = False

    def __post_init__(self) -> None:
        if self.record is not None:
            self.accepted = True

    @property
    def ok(self) -> bool:
        return self.accepted and not any(i.is_error for i in self.issues)


def decode(content: bytes) -> tuple[str, list[Issue]]:
    """UTF-8 text (a BOM is dropped); undecodable bytes are an issue at their line and column."""
    if len(content) > MAX_INPUT_BYTES:
        raise FormatError(
            f"input is {len(content)} bytes, over the {MAX_INPUT_BYTES}-byte limit",
            rule="too-large",
        )
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]  # slicing bytes is cheaper than the utf-8-sig codec's str copy
    try:
        return content.decode("utf-8"), []
    except UnicodeDecodeError as error:
        return content.decode("utf-8", errors="replace"), [_encoding_issue(content, error)]


def _encoding_issue(content: bytes, error: UnicodeDecodeError, lines_before: int = 0) -> Issue:
    before = content[: error.start]
    line = before.count(b"\n") + 1 + lines_before
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return Issue(
        "encoding",
        f"byte 0x{content[error.start]:02x} is not UTF-8 ({error.reason}); save the file as UTF-8",
        line=line,
        column=column,
    )


def load(source: Source) -> tuple[str, str, str | None, list[Issue]]:
    """(text, suffix, path label, decoding issues) for a path or in-memory content."""
    if isinstance(source, Path):
        try:
            content = source.read_bytes()
        except OSError as error:
            raise SourceUnreadableError(
                f"cannot read {source}: {error.strerror or error}"
            ) from None
        text, issues = decode(content)
        return text, source.suffix.lower(), str(source), issues
    if isinstance(source, bytes):
        text, issues = decode(source)
        return text, "", None, issues
    if isinstance(source, str):
        return source, "", None, []
    raise TypeError(f"source must be str, bytes or pathlib.Path, not {type(source).__name__}")


def resolve_format(text: str, suffix: str, name: str | None) -> Format:
    fmt = get_format(name) if name else format_for(text, suffix)
    if not fmt.can_read:
        raise UnknownFormatError(f"format '{fmt.name}' can be written but not read")
    return fmt


def _position(issue: Issue, reading: Reading) -> Issue:
    if issue.line is not None:
        return issue
    pointer = reading.pointer_prefix + issue.pointer
    issue = replace(issue, pointer=pointer)
    locate_value, locate_key = reading.locators()
    locate = locate_key if issue.rule == "unknown-property" else locate_value
    try:
        line, column = locate(pointer)
    except Exception:  # a place is a courtesy: never let finding it hide the finding
        line, column = reading.line, 1
    return issue.at(line, column)


def _check_reading(reading: Reading, build: bool = True) -> Checked:
    issues = list(reading.issues)
    record = reading.record
    if record is not None:
        issues.extend(semantic_issues(record))
        return Checked(
            record, [i if i.line else i.at(reading.line, 1) for i in issues], reading.line
        )
    data = reading.data
    if reading.raw is not None:
        fast = check_json(reading.raw, build=build)
        if fast is not None:
            record, found = fast
            positioned = [_position(i, reading) for i in found]
            return Checked(record, positioned, reading.line, reading.raw, accepted=True)
        try:
            data = json.loads(reading.raw)
        except UnicodeDecodeError as error:
            raw = reading.raw if isinstance(reading.raw, bytes) else b""
            issue = _encoding_issue(raw, error, reading.line - 1)
            return Checked(None, [*issues, issue], reading.line, reading.raw)
        except json.JSONDecodeError as error:
            issue = Issue(
                "json-syntax", f"malformed JSON: {error.msg}", line=reading.line, column=error.colno
            )
            return Checked(None, [*issues, issue], reading.line, reading.raw)
        except RecursionError:
            issue = Issue(
                "too-deep",
                "the line is nested too deeply to be a record",
                line=reading.line,
                column=1,
            )
            return Checked(None, [*issues, issue], reading.line, reading.raw)
    if data is None and not issues:
        issues.append(Issue("empty", "no record here", line=reading.line, column=1))
        return Checked(None, issues, reading.line, reading.raw)
    if data is None:
        return Checked(None, issues, reading.line, reading.raw)
    if not isinstance(data, dict):
        kind = type(data).__name__
        issue = Issue("type", f"a record must be a mapping (JSON object), not {kind}")
        return Checked(None, [*issues, _position(issue, reading)], reading.line, reading.raw)
    record, found = check_data(data)
    issues.extend(_position(i, reading) for i in found)
    return Checked(record, issues, reading.line, reading.raw)


def iter_text(
    text: str, suffix: str = "", format: str | None = None, *, build: bool = True
) -> Iterator[Checked]:
    """Read and validate the records of a document one by one; never raises for bad content.

    ``build=False``: records are checked, not necessarily built (``Checked.record`` may be
    None for an accepted record), which is all validation needs and much cheaper."""
    try:
        fmt = resolve_format(text, suffix, format)
        readings = fmt.reader(text, suffix) if fmt.reader else []
    except FormatError as error:
        yield Checked(
            None, [Issue(error.rule, error.message, line=error.line, column=error.column)]
        )
        return
    except UnknownFormatError as error:
        yield Checked(None, [Issue("format", str(error), line=1, column=1)])
        return
    yield from _iter_readings(readings, build)


def inspect_text(text: str, suffix: str = "", format: str | None = None) -> list[Checked]:
    return list(iter_text(text, suffix, format))


def iter_inspect(
    source: Source, format: str | None = None, *, build: bool = True
) -> tuple[str | None, Iterator[Checked]]:
    """(path label, checked records as a stream): a large file is not held as records at once.

    ``build`` as for :func:`iter_text`."""
    if isinstance(source, Path):
        fast = _iter_bytes(source, format, build)
        if fast is not None:
            return str(source), fast
    text, suffix, label, decoding = load(source)
    if decoding:
        # the text is not what its author wrote: report that alone rather than guess
        return label, iter([Checked(None, decoding)])
    return label, iter_text(text, suffix, format, build=build)


def _iter_bytes(path: Path, format: str | None, build: bool) -> Iterator[Checked] | None:
    """Formats with a byte reader (JSON Lines) are checked record by record from the bytes."""
    suffix = path.suffix.lower()
    candidates = [get_format(format)] if format else list(FORMATS.values())
    fmt = next((f for f in candidates if f.byte_reader and suffix in f.byte_suffixes), None)
    if fmt is None or fmt.byte_reader is None:
        return None
    try:
        size = path.stat().st_size
        handle = path.open("rb", buffering=LINE_BUFFER_BYTES)
    except OSError as error:
        raise SourceUnreadableError(f"cannot read {path}: {error.strerror or error}") from None
    if size > MAX_INPUT_BYTES:
        handle.close()
        raise FormatError(
            f"input is {size} bytes, over the {MAX_INPUT_BYTES}-byte limit", rule="too-large"
        )
    return _streamed(handle, fmt.byte_reader, build)


def _streamed(
    handle: BinaryIO, reader: Callable[[Iterable[bytes]], Iterable[Reading]], build: bool
) -> Iterator[Checked]:
    with handle:
        yield from _iter_readings(reader(handle), build)


def _iter_readings(readings: Iterable[Reading], build: bool = True) -> Iterator[Checked]:
    count = 0
    for reading in readings:
        count += 1
        yield _check_reading(reading, build)
    if not count:
        yield Checked(None, [Issue("empty", "the document holds no record", line=1, column=1)])


def inspect(source: Source, format: str | None = None) -> tuple[str | None, list[Checked]]:
    label, checked = iter_inspect(source, format)
    return label, list(checked)


# -- the public face ---------------------------------------------------------------------------


def read(source: Source, format: str | None = None) -> list[Publication]:
    """Records of a document (content as str/bytes, or a pathlib.Path).

    Raises :class:`~pubmeta.errors.FormatError` for unreadable content and
    :class:`~pubmeta.errors.InvalidRecordError` when a record breaks the schema; semantic
    findings (check digits, ...) do not stop reading: use :func:`validate` for those.
    """
    text, suffix, label, decoding = load(source)
    if decoding:
        first = decoding[0]
        raise FormatError(first.message, line=first.line, column=first.column, rule=first.rule)
    fmt = resolve_format(text, suffix, format)
    assert fmt.reader is not None
    records: list[Publication] = []
    for reading in fmt.reader(text, suffix):
        if reading.record is not None:
            records.append(reading.record)
            continue
        checked = _check_reading(reading)
        if checked.record is None:
            where = label or "<input>"
            issues = [i.in_file(where) for i in checked.issues if i.is_error]
            summary = "; ".join(i.format() for i in issues[:5])
            raise InvalidRecordError(f"invalid record: {summary}", list(issues))
        records.append(checked.record)
    return records


def write(records: Publication | Iterable[Publication], format: str = "pubmeta") -> str:
    """One document in ``format`` holding the record(s)."""
    items: Sequence[Publication] = [records] if isinstance(records, Publication) else list(records)
    fmt = get_format(format)
    if fmt.writer is None:
        raise UnknownFormatError(f"format '{format}' can be read but not written")
    if not items:
        raise PubmetaError("nothing to write: no records given")
    return fmt.writer(items)


def validate(source: Source, format: str | None = None) -> list[Issue]:
    """Every issue of every record in the source; ``[]`` means valid.

    Warnings are included (``issue.severity``); only errors make a record invalid.
    """
    label, checked = iter_inspect(source, format, build=False)
    found: list[Issue] = []
    for index, item in enumerate(checked):
        found.extend(i.in_file(label, index) for i in item.issues)
    return found
