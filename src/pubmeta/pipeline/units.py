"""Inputs cut into units of work: a JSON Lines line, or a whole record file.

The driver only splits files into lines where a format reads one record per line (its
``byte_suffixes``); everything else travels whole to a worker, which reads it with the format's
own reader. So the driver never parses a record, and nothing here knows a format's insides.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import FormatError, SourceUnreadableError
from ..formats.registry import FORMATS, READABLE, suffix_of
from ..lines import OverlongLine, bounded_lines, record_lines
from ..reading import open_source, read_bytes
from .sources import Unreadable, looks_like_a_record, walk


@dataclass(frozen=True)
class Unit:
    """One input record, or one whole record file, as it arrived. ``problem`` is set when the
    input could not be read at all (the unit is rejected with it, never skipped)."""

    source: str
    position: str
    content: bytes
    suffix: str
    format: str | None
    problem: tuple[str, str] | None = None
    #: a value a rule refuses is kept in notes rather than costing the record (snapshots)
    lenient: bool = False


def _line_format(suffix: str, format: str | None) -> bool:
    names = [format] if format else list(READABLE)
    return any(
        FORMATS[n].byte_reader is not None and suffix in FORMATS[n].byte_suffixes for n in names
    )


def iter_units(paths: Sequence[str | Path], format: str | None = None) -> Iterator[Unit]:
    """Units of all inputs in a deterministic order (folders walked sorted)."""
    for item in walk(paths, accept=looks_like_a_record):
        if isinstance(item, Unreadable):
            yield _problem(str(item.path), "io-error", f"cannot read {item.path}: {item.reason}")
            continue
        yield from _units_of_file(item, format)


def _problem(source: str, rule: str, message: str) -> Unit:
    return Unit(source, "file", b"", "", None, (rule, message))


def _units_of_file(path: Path, format: str | None) -> Iterator[Unit]:
    suffix = suffix_of(path.name)
    source = str(path)
    try:
        if _line_format(suffix, format):
            with open_source(path, by_line=True) as handle:
                yield from _lines(bounded_lines(handle), source, suffix, format)
            return
        content = read_bytes(path)
    except SourceUnreadableError as error:
        yield _problem(source, "io-error", str(error))
        return
    except FormatError as error:
        yield _problem(source, error.rule, error.message)
        return
    except OSError as error:
        yield _problem(source, "io-error", f"cannot read {path}: {error.strerror or error}")
        return
    yield Unit(source, "file", content, suffix, format)


def _lines(handle: Iterable[bytes], source: str, suffix: str, format: str | None) -> Iterator[Unit]:
    for number, line in record_lines(handle):
        if type(line) is OverlongLine:
            yield Unit(source, str(number), b"", ".jsonl", format,
                       ("too-large", line.message(number)))  # fmt: skip
        else:
            yield Unit(source, str(number), line, ".jsonl", format)


def chunks(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    for unit in units:
        batch.append(unit)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
