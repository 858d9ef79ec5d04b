"""Records as a stream: from a path, a file object (binary or text) or an iterable of lines.

A format that holds one record a line (JSON Lines: pubmeta's own records, or Crossref,
DataCite and OpenAlex API responses, one a line) is read a line at a time, so memory stays
bounded by the line limit (:data:`pubmeta.lines.MAX_LINE_BYTES`) whatever the size of the
input. Any other format is read whole, as :func:`pubmeta.read` reads it, up to the input limit
(:data:`pubmeta.reading.MAX_INPUT_BYTES`). Without a format name, the first line that holds
something decides: a JSON object on one line means JSON Lines (of the format that line is),
anything else a whole document whose format is told as usual.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from . import reading
from .diagnostics import Issue
from .errors import ArgumentTypeError, FormatError, PubmetaError, UnknownFormatError
from .formats.registry import format_for, get_format
from .jsonio import loads
from .lines import MAX_LINE_BYTES, OverlongLine, bounded_lines
from .reading import Checked, checked_readings, iter_source, iter_text

StreamSource = os.PathLike[str] | str | bytes | Any  # Any: a file object or lines


def checked_stream(
    source: StreamSource, format: str | None = None, *, semantic: bool = False
) -> tuple[str | None, Iterator[Checked]]:
    """(path label, checked records one by one) for any source :func:`pubmeta.iter_records`
    takes; ``str`` and ``bytes`` are content, never a file name."""
    if isinstance(source, os.PathLike):
        return iter_source(Path(source), format, semantic=semantic)
    if isinstance(source, (str, bytes)):
        return iter_source(source, format, semantic=semantic)
    if hasattr(source, "readline"):
        return None, _checked_lines(bounded_lines(source), format, semantic)
    if isinstance(source, Iterable):
        return None, _checked_lines(_bounded(source), format, semantic)
    raise ArgumentTypeError(
        "source must be a path (os.PathLike), a file object, an iterable of lines, or the "
        f"content itself (str or bytes), not {type(source).__name__}"
    )


def _bounded(lines: Iterable[Any]) -> Iterator[bytes]:
    """Lines given one by one (str or bytes), as a file's lines are read."""
    for line in lines:
        if isinstance(line, str):
            line = line.encode("utf-8", "surrogatepass")
        elif not isinstance(line, (bytes, bytearray, memoryview)):
            raise ArgumentTypeError(f"a line must be str or bytes, not {type(line).__name__}")
        yield OverlongLine() if len(line) > MAX_LINE_BYTES else bytes(line)


def _checked_lines(lines: Iterator[bytes], format: str | None, semantic: bool) -> Iterator[Checked]:
    """The records of lines: through the format's line reader when it has one, else whole."""
    head: list[bytes] = []
    for line in lines:  # up to the first line that holds something
        head.append(line)
        if line.strip() or type(line) is OverlongLine:
            break
    every = itertools.chain(head, lines)
    try:
        fmt = get_format(format) if format else _line_format(head[-1] if head else b"")
    except UnknownFormatError as error:
        yield Checked(None, [_issue("format", str(error))])
        return
    if fmt is not None and fmt.byte_reader is not None:
        yield from checked_readings(fmt.byte_reader(every), semantic=semantic)
        return
    try:
        text, decoding = reading.decode(_joined(every))
    except FormatError as error:
        yield Checked(None, [_issue(error.rule, error.message)])
        return
    if decoding:
        yield Checked(None, decoding)
        return
    yield from iter_text(text, "", format, semantic=semantic)


def _line_format(first: bytes) -> Any:
    """The format of JSON Lines told by their first line, or None (not JSON Lines)."""
    if type(first) is OverlongLine:
        return get_format("pubmeta")  # its reader reports the line
    try:
        document = loads(first.strip().removeprefix(b"\xef\xbb\xbf"))
    except PubmetaError:
        return None
    if not isinstance(document, dict):
        return None
    found = format_for(first.decode("utf-8", "replace"), ".json")
    return found if found.byte_reader is not None else None


def _joined(lines: Iterable[bytes]) -> bytes:
    """Every line, at most the input limit (a source that goes on is refused, not held)."""
    size = 0
    parts: list[bytes] = []
    for line in lines:
        if type(line) is OverlongLine:
            raise FormatError(line.message(len(parts) + 1), line=len(parts) + 1, rule="too-large")
        size += len(line)
        if size > reading.MAX_INPUT_BYTES:
            raise FormatError(
                f"input is over the {reading.MAX_INPUT_BYTES}-byte limit for a document read whole",
                rule="too-large",
            )
        parts.append(line)
    return b"".join(parts)


def _issue(rule: str, message: str) -> Issue:
    return Issue(rule, message, line=1, column=1)
