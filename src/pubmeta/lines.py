"""Line handling, in one place: files read one record a line (JSON Lines), with memory bounded
by the line limit, and the place (line, column) of a byte that is not UTF-8.

Every reader of lines (the formats' byte readers, ingest's units, the snapshot sources) takes
its lines from :func:`bounded_lines` and its records from :func:`record_lines`, so a byte-order
mark, a line end, a blank line and a line over the limit are treated alike everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, TextIO

from .diagnostics import Issue
from .errors import SourceUnreadableError

#: A file read line by line (JSON Lines) may be of any size; one line, one record, may not.
MAX_LINE_BYTES = 64 * 1024 * 1024
#: The suffixes of files that hold one record (or one API response) a line.
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
_BOM = b"\xef\xbb\xbf"


class OverlongLine(bytes):
    """Stands in (empty) for a line over the line limit, which is skipped, not held: the
    readers report it as that record's ``too-large`` finding and go on with the next line."""

    def message(self, number: int) -> str:
        return f"line {number} is over {MAX_LINE_BYTES} bytes (one record), not read"


def bounded_lines(handle: BinaryIO | TextIO) -> Iterator[bytes]:
    """The lines of a file opened for reading line by line: memory stays bounded by the line
    limit; a longer line is skipped in pieces and yields an :class:`OverlongLine`, so it costs
    that record only. A text file's lines come encoded as UTF-8 (its limit counts characters)."""
    limit = MAX_LINE_BYTES
    while True:
        try:
            line: Any = handle.readline(limit + 2)  # a record of the limit, its end, one more
            end = b"\n" if isinstance(line, bytes) else "\n"
            if len(line) - line.endswith(end) > limit:
                while line and not line.endswith(end):
                    line = handle.readline(limit)
                yield OverlongLine()
                continue
            if not isinstance(line, bytes):
                line = line.encode("utf-8", "surrogatepass")
        except (OSError, UnicodeDecodeError) as error:  # a text file decoded as it is read
            raise SourceUnreadableError(f"cannot read the file any further: {error}") from None
        if not line:
            return
        yield line


def record_lines(lines: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for every line that holds something: a byte-order mark before the
    first line and the line end are taken off, blank lines are left out, and an
    :class:`OverlongLine` is passed on as it is (its reader reports it at its number)."""
    for number, line in enumerate(lines, start=1):
        if type(line) is OverlongLine:
            yield number, line
            continue
        if number == 1 and line.startswith(_BOM):
            line = line[3:]
        line = line.rstrip(b"\r\n")
        if line and not line.isspace():
            yield number, line


def encoding_issue(content: bytes, error: UnicodeDecodeError, lines_before: int = 0) -> Issue:
    """The finding for a byte that is not UTF-8, at its line and column (``lines_before``: the
    lines of the file before ``content``)."""
    before = content[: error.start]
    line = before.count(b"\n") + 1 + lines_before
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return Issue(
        "encoding",
        f"byte 0x{content[error.start]:02x} is not UTF-8 ({error.reason}); save the file as UTF-8",
        line=line,
        column=column,
    )
