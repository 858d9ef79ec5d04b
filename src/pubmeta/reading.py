"""From bytes to checked records: the one path every format's records take.

A source (a file, or content in memory) is decoded, its format told by suffix and content, and
read by the format's reader into :class:`~pubmeta.formats.base.Reading` s. Each reading becomes
a :class:`Checked` record the same way (:func:`check`): pubmeta's own form is judged as written
(the fast check-only validator, then semantic rules; a refusal says why and where), another
format's reading is built leniently (refused values kept as notes). Nothing here raises for bad
content: every problem is an :class:`~pubmeta.diagnostics.Issue` at its place, and an
unexpected failure on one record is an ``internal-error`` finding for that record alone.
"""

from __future__ import annotations

import os
import stat
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .collector import cycles_made
from .diagnostics import Issue
from .errors import (
    ArgumentTypeError,
    FormatError,
    PubmetaError,
    SourceUnreadableError,
    UnknownFormatError,
)
from .formats.registry import FORMATS, READABLE, format_for, get_format, suffix_of
from .jsonio import OBJECT_ONLY, json_type
from .lines import JSON_LINES_SUFFIXES, bounded_lines, encoding_issue
from .validation import check_document, check_raw, semantic_issues

if TYPE_CHECKING:
    from .formats.base import Format, Reading
    from .model import Publication

#: Inputs read whole larger than this are refused before they are read (see README, "Limits").
MAX_INPUT_BYTES = 512 * 1024 * 1024
#: Read buffer for files read line by line: records of a few KB each would make the default
#: 8 KiB buffer refill and copy every line or two (measured: 2.1 -> 0.6 us per 2.5 KB line).
LINE_BUFFER_BYTES = 64 * 1024

Source = str | bytes | Path


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
    #: The traceback of an unexpected failure (``internal-error``), for the rejects file.
    trace: str | None = None

    def __post_init__(self) -> None:
        if self.record is not None:
            self.accepted = True

    @property
    def ok(self) -> bool:
        return self.accepted and not any(i.is_error for i in self.issues)


# -- bytes and files ---------------------------------------------------------------------------


def _too_large(size: int) -> FormatError:
    return FormatError(
        f"input is {size} bytes, over the {MAX_INPUT_BYTES}-byte limit", rule="too-large"
    )


def decode(content: bytes) -> tuple[str, list[Issue]]:
    """UTF-8 text (a BOM is dropped); undecodable bytes are an issue at their line and column."""
    if len(content) > MAX_INPUT_BYTES:
        raise _too_large(len(content))
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]  # slicing bytes is cheaper than the utf-8-sig codec's str copy
    try:
        return content.decode("utf-8"), []
    except UnicodeDecodeError as error:
        return content.decode("utf-8", errors="replace"), [encoding_issue(content, error)]


def _cannot_read(path: Path, error: OSError | str) -> SourceUnreadableError:
    reason = error if isinstance(error, str) else (error.strerror or str(error))
    return SourceUnreadableError(f"cannot read {path}: {reason}")


def open_source(path: Path, *, by_line: bool = False) -> BinaryIO:
    """A file opened for reading, refusing what is not a file to read: a folder, a device
    (/dev/zero never ends), a file over the size limit unless it is read ``by_line`` (through
    :func:`~pubmeta.lines.bounded_lines`, which bounds each line instead). A FIFO is opened
    without waiting for a writer (none connected reads as empty), so a run never hangs on one."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise _cannot_read(path, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise _cannot_read(path, "it is a folder")
    if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) or stat.S_ISSOCK(info.st_mode):
        raise _cannot_read(path, "it is a device or socket, not a file")
    if not by_line and stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
        raise _too_large(info.st_size)
    try:
        if stat.S_ISFIFO(info.st_mode):
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            os.set_blocking(descriptor, True)
            return os.fdopen(descriptor, "rb", buffering=LINE_BUFFER_BYTES)
        return path.open("rb", buffering=LINE_BUFFER_BYTES)
    except OSError as error:
        raise _cannot_read(path, error) from None


def read_bytes(path: Path) -> bytes:
    """The whole file, at most the size limit (a stream that goes on is refused, not read)."""
    with open_source(path) as handle:
        try:
            content = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as error:
            raise _cannot_read(path, error) from None
    if len(content) > MAX_INPUT_BYTES:
        raise _too_large(len(content))
    return content


def load(source: Source) -> tuple[str, str, str | None, list[Issue]]:
    """(text, suffix, path label, decoding issues) for a path or in-memory content."""
    if isinstance(source, Path):
        text, issues = decode(read_bytes(source))
        return text, suffix_of(source.name), str(source), issues
    if isinstance(source, bytes):
        text, issues = decode(source)
        return text, "", None, issues
    if isinstance(source, str):
        return source, "", None, []
    raise TypeError(f"source must be str, bytes or pathlib.Path, not {type(source).__name__}")


def resolve_format(text: str, suffix: str, name: str | None) -> Format:
    fmt = get_format(name) if name else format_for(text, suffix)
    if not fmt.can_read:
        raise UnknownFormatError(f"format {fmt.name!r} can be written but not read")
    return fmt


# -- readings to records -----------------------------------------------------------------------


def _position(issue: Issue, reading: Reading) -> Issue:
    if issue.line is not None:
        return issue
    pointer = reading.pointer_prefix + issue.pointer
    locate_value, locate_key = reading.locators()
    locate = locate_key if issue.rule == "unknown-property" else locate_value
    try:
        line, column = locate(pointer)
    except Exception:  # a place is a courtesy: never let finding it hide the finding
        line, column = reading.line, 1
    return Issue(issue.rule, issue.message, pointer, issue.severity, line=line, column=column)


def _placed(issues: Iterable[Issue], reading: Reading) -> list[Issue]:
    return [_position(i, reading) for i in issues]


@cache
def _salvage() -> Callable[[dict[str, Any], int], tuple[Publication, list[Issue]]]:
    """The builder of records read from other formats, loaded on first use (it loads the
    model; an import statement in a function is also paid at every call)."""
    from .salvage import build

    return build


def check(reading: Reading, build: bool = True, semantic: bool = True) -> Checked:
    """The one path from a reading to a checked record (see the module documentation);
    ``semantic=False`` leaves out the semantic rules' findings (a caller that only wants the
    records)."""
    issues = list(reading.issues)
    if not reading.strict:
        if not isinstance(reading.document, dict):
            # the reader found no record here and said why
            problem = issues or [Issue("empty", "no record here", line=reading.line, column=1)]
            return Checked(None, problem, reading.line)

        try:
            record, salvaged = _salvage()(reading.document, reading.line)
        except FormatError as error:
            issue = Issue(error.rule, error.message, line=reading.line, column=1)
            return Checked(None, [*issues, issue], reading.line)
        issues.extend(salvaged)
        if semantic:
            found = semantic_issues(record)
            issues.extend(i.under(reading.pointer_prefix).at(reading.line, 1) for i in found)
        return Checked(record, issues, reading.line)
    if reading.raw is not None:
        built, accepted, found = check_raw(
            reading.raw, build=build, semantic=semantic, line=reading.line
        )
        return Checked(
            built, issues + _placed(found, reading), reading.line, reading.raw, accepted=accepted
        )
    document = reading.document
    if document is None:
        issue = Issue("empty", "no record here", line=reading.line, column=1)
        return Checked(None, [*issues, issue], reading.line)
    if not isinstance(document, dict):
        issue = Issue("type", f"a record must be {OBJECT_ONLY}, not {json_type(document)}")
        return Checked(None, [*issues, _position(issue, reading)], reading.line)
    built, accepted, found = check_document(document, build=build, semantic=semantic)
    return Checked(built, issues + _placed(found, reading), reading.line, accepted=accepted)


def internal(error: BaseException, line: int = 1, raw: str | bytes | None = None) -> Checked:
    """An unexpected failure, contained to one record: reported, with its traceback kept."""
    issue = Issue(
        "internal-error",
        f"pubmeta failed on this record ({type(error).__name__}: {str(error)[:120]}); "
        "please report it",
        line=line,
        column=1,
    )
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return Checked(None, [issue], line, raw, trace=trace)


def checked_readings(
    readings: Iterable[Reading], build: bool = True, semantic: bool = True
) -> Iterator[Checked]:
    """Every reading checked, in order; a failure inside a reader or a check ends or costs
    only what it touches, as a finding."""
    count = 0
    iterator = iter(readings)
    while True:
        try:
            reading = next(iterator)
        except StopIteration:
            break
        except ArgumentTypeError:
            raise  # the caller's mistake (a line that is no text), not the input's
        except FormatError as error:
            yield Checked(
                None, [Issue(error.rule, error.message, line=error.line, column=error.column)]
            )
            count += 1
            break
        except PubmetaError as error:
            yield Checked(None, [Issue("format", str(error), line=1, column=1)])
            count += 1
            break
        except Exception as error:
            yield internal(error)
            count += 1
            break
        count += 1
        try:
            yield check(reading, build, semantic)
        except PubmetaError as error:
            rule = getattr(error, "rule", "format")
            yield Checked(
                None, [Issue(rule, str(error), line=reading.line, column=1)], reading.line
            )
        except Exception as error:
            yield internal(error, reading.line, reading.raw)
    if not count:
        yield Checked(None, [Issue("empty", "the document holds no record", line=1, column=1)])


def iter_text(
    text: str,
    suffix: str = "",
    format: str | None = None,
    *,
    build: bool = True,
    semantic: bool = True,
) -> Iterator[Checked]:
    """Read and validate the records of a document one by one; never raises for bad content.

    ``build=False``: records are checked, not necessarily built (``Checked.record`` may be
    None for an accepted record), which is all validation needs and much cheaper."""
    if not text.strip():
        yield Checked(None, [Issue("empty", "the document is empty", line=1, column=1)])
        return
    try:
        fmt = resolve_format(text, suffix, format)
        assert fmt.reader is not None
        if fmt.cycles_from(text, suffix):
            cycles_made()  # said for the format, whose reading runs in the caller's pause
        readings = fmt.reader(text, suffix)
    except FormatError as error:
        yield Checked(
            None, [Issue(error.rule, error.message, line=error.line, column=error.column)]
        )
        return
    except UnknownFormatError as error:
        yield Checked(None, [Issue("format", str(error), line=1, column=1)])
        return
    except Exception as error:
        yield internal(error)
        return
    yield from checked_readings(readings, build, semantic)


def iter_source(
    source: Source, format: str | None = None, *, build: bool = True, semantic: bool = True
) -> tuple[str | None, Iterator[Checked]]:
    """(path label, checked records as a stream): a large file is not held as records at once.
    Raises SourceUnreadableError when a file cannot be read at all, FormatError when it is
    over the size limit."""
    if isinstance(source, Path):
        streamed = _iter_lines(source, format, build, semantic)
        if streamed is not None:
            return str(source), streamed
    text, suffix, label, decoding = load(source)
    if decoding:
        # the text is not what its author wrote: report that alone rather than guess
        return label, iter([Checked(None, decoding)])
    return label, iter_text(text, suffix, format, build=build, semantic=semantic)


def _iter_lines(
    path: Path, format: str | None, build: bool, semantic: bool
) -> Iterator[Checked] | None:
    """Formats with a byte reader (JSON Lines) are checked record by record from the bytes."""
    suffix = suffix_of(path.name)
    names = [format] if format else list(READABLE)
    if format is None and suffix in JSON_LINES_SUFFIXES:
        names = [_json_lines_format(path)]
    fmt = next(
        (
            FORMATS[n]
            for n in names
            if FORMATS[n].byte_reader and suffix in FORMATS[n].byte_suffixes
        ),
        None,
    )
    if fmt is None or fmt.byte_reader is None:
        return None
    handle = open_source(path, by_line=True)
    return _streamed(handle, fmt.byte_reader, build, semantic)


def _json_lines_format(path: Path) -> str:
    """The format of a JSON Lines file, told by its first line: pubmeta records, or the API
    responses of Crossref, DataCite or OpenAlex."""
    try:
        with open_source(path, by_line=True) as handle:
            first = next((line for line in bounded_lines(handle) if line.strip()), b"")
    except (OSError, PubmetaError):
        return "pubmeta"  # the streamed read reports what is wrong with the file
    try:
        found = format_for(first.decode("utf-8", errors="replace"), ".json")
    except UnknownFormatError:
        return "pubmeta"
    return found.name if found.byte_reader is not None else "pubmeta"


def _streamed(
    handle: BinaryIO,
    reader: Callable[[Iterable[bytes]], Iterable[Reading]],
    build: bool,
    semantic: bool,
) -> Iterator[Checked]:
    with handle:
        yield from checked_readings(reader(bounded_lines(handle)), build, semantic)
