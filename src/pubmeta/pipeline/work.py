"""The work done on each unit, in a worker: read, validate, write every target, or reject.

Faults stay with their record: bad input is a rejection with its findings, a record a target
cannot express is rejected as ``unwritable``, and an unexpected exception is rejected as
``internal-error`` with its traceback, while the chunk goes on.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..arrow_schema import record_row
from ..collector import collector_paused
from ..diagnostics import Issue
from ..errors import PubmetaError
from ..formats.registry import get_format
from ..reading import Checked, decode, iter_text
from .layout import LAYOUT
from .lenient import keep_refused
from .parquet import TABLE_TARGETS, encode
from .units import Unit

#: Fault injection for tests: a worker that meets this text in a unit exits on the spot, as a
#: crashing worker would. Unset in normal use.
KILL_SWITCH_ENV = "PUBMETA_INGEST_KILL_ON"
#: Fault injection for tests: a worker that meets this text raises an unexpected exception.
FAIL_SWITCH_ENV = "PUBMETA_INGEST_FAIL_ON"

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(frozen=True)
class Work:
    """What to do with each record: the target formats and their writer options."""

    targets: tuple[str, ...]
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: fault injection for tests (KILL_SWITCH_ENV, FAIL_SWITCH_ENV), read by the driver when
    #: the run starts and sent with the work: a worker started by a server process has that
    #: server's environment, not the driver's of now
    kill_on: str | None = None
    fail_on: str | None = None

    @classmethod
    def for_run(cls, targets: tuple[str, ...], options: Mapping[str, Mapping[str, Any]]) -> Work:
        return cls(
            targets,
            options,
            kill_on=os.environ.get(KILL_SWITCH_ENV) or None,
            fail_on=os.environ.get(FAIL_SWITCH_ENV) or None,
        )


@dataclass
class ChunkResult:
    """A chunk's output, packed for the trip back to the driver: one string per stream target
    and for the rejects, the documents in order (pickling a few long strings is far cheaper
    than many small objects, which is what lets a second worker pay off)."""

    streams: dict[str, str] = field(default_factory=dict)
    documents: dict[str, list[str]] = field(default_factory=dict)
    chunk_documents: dict[str, list[str]] = field(default_factory=dict)
    #: table targets (Parquet, Arrow): the bytes of one file per chunk (or part of a chunk)
    tables: dict[str, list[bytes]] = field(default_factory=dict)
    rejects: str = ""
    #: records written with values a rule refused kept in notes: one JSON line each
    kept: str = ""
    written: int = 0
    rejected: int = 0
    internal: int = 0

    def extend(self, other: ChunkResult) -> None:
        for target, text in other.streams.items():
            self.streams[target] = self.streams.get(target, "") + text
        for target, documents in other.documents.items():
            self.documents.setdefault(target, []).extend(documents)
        for target, chunk_documents in other.chunk_documents.items():
            # parts of a chunk redone apart: each part's documents stand on their own
            self.chunk_documents.setdefault(target, []).extend(chunk_documents)
        for target, tables in other.tables.items():
            self.tables.setdefault(target, []).extend(tables)
        self.rejects += other.rejects
        self.kept += other.kept
        self.written += other.written
        self.rejected += other.rejected
        self.internal += other.internal


def reject_line(
    unit: Unit, issues: Sequence[Issue], position: str | None = None, trace: str | None = None
) -> str:
    try:
        original: Any = unit.content.decode("utf-8")
    except UnicodeDecodeError:
        original = {"bytes_hex": unit.content.hex()}
    entry: dict[str, Any] = {
        "source": unit.source,
        "position": position or unit.position,
        "input": original,
        "issues": [i.to_dict() for i in issues],
    }
    if trace:
        entry["traceback"] = trace
    return _ENCODE(entry) + "\n"


class _ChunkOutput:
    """What one chunk's records become: the written parts per target, the rejects and the
    records kept with refused values, gathered until the chunk is written."""

    def __init__(self, work: Work) -> None:
        self.work = work
        self.result = ChunkResult()
        self.streams: dict[str, list[str]] = {}
        self.chunk_records: dict[str, list[Any]] = {}
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.rejects: list[str] = []
        self.kept: list[str] = []

    def keep(self, unit: Unit, issues: Sequence[Issue], position: str) -> None:
        """A record written with refused values kept in its notes (lenient loads)."""
        entry = {"source": unit.source, "position": position}
        self.kept.append(_ENCODE({**entry, "issues": [i.to_dict() for i in issues]}) + "\n")

    def reject(
        self,
        unit: Unit,
        issues: Sequence[Issue],
        position: str | None = None,
        trace: str | None = None,
    ) -> None:
        self.rejects.append(reject_line(unit, issues, position, trace))
        self.result.rejected += 1
        if any(i.rule == "internal-error" for i in issues):
            self.result.internal += 1

    def record(self, unit: Unit, position: str, record: Any) -> None:
        written: dict[str, Any] = {}
        for target in self.work.targets:
            if target in TABLE_TARGETS:
                if "" not in written:  # one row for every table target
                    written[""] = record_row(record)
                continue
            fmt = get_format(target)
            options = dict(self.work.options.get(target, {}))
            output = LAYOUT.get(target)
            try:
                if output is not None and output.kind == "stream" and fmt.write_part:
                    written[target] = fmt.write_part(record)
                else:
                    assert fmt.writer is not None
                    written[target] = fmt.writer([record], **options)
            except PubmetaError as error:
                issue = Issue("unwritable", f"cannot be written as {target}: {str(error)[:200]}")
                self.reject(unit, [issue], position)
                return
        row = written.pop("", None)
        for target in self.work.targets:
            if target in TABLE_TARGETS:
                self.rows.setdefault(target, []).append(row)
        for target, text in written.items():
            output = LAYOUT.get(target)
            kind = output.kind if output is not None else "documents"
            if kind == "stream":
                self.streams.setdefault(target, []).append(
                    text if text.endswith("\n") else text + "\n"
                )
            elif kind == "chunks":
                self.chunk_records.setdefault(target, []).append(record)
            else:
                self.result.documents.setdefault(target, []).append(text)
        self.result.written += 1

    def finish(self) -> ChunkResult:
        result = self.result
        result.streams = {t: "".join(parts) for t, parts in self.streams.items() if parts}
        for target, records in self.chunk_records.items():
            fmt = get_format(target)
            assert fmt.writer is not None
            groups: dict[str, list[Any]] = {}
            for record in records:  # records a document cannot mix go to documents of their own
                key = fmt.document_group(record) if fmt.document_group else ""
                groups.setdefault(key, []).append(record)
            options = dict(self.work.options.get(target, {}))
            result.chunk_documents[target] = [
                fmt.writer(group, **options) for group in groups.values()
            ]
        for target, rows in self.rows.items():
            result.tables[target] = [encode(target, rows)]
        result.rejects = "".join(self.rejects)
        result.kept = "".join(self.kept)
        return result


def _fault_injection(unit: Unit, work: Work) -> None:
    kill_on = work.kill_on
    if kill_on and kill_on.encode() in unit.content and multiprocessing.parent_process():
        os._exit(70)  # worker processes only: die as a crashing worker does
    fail_on = work.fail_on
    if fail_on and fail_on.encode() in unit.content:
        raise RuntimeError("injected failure (PUBMETA_INGEST_FAIL_ON)")


#: A unit's records read and checked by the caller's own means (the harvester reads them from
#: their page's parsed tree) rather than from the unit's content.
Reader = Callable[[Unit], Iterable[Checked]]


def _process_unit(unit: Unit, output: _ChunkOutput, read: Reader | None) -> None:
    if unit.problem is not None:
        rule, message = unit.problem
        output.reject(unit, [Issue(rule, message, line=1, column=1)])
        return
    _fault_injection(unit, output.work)
    if read is not None:
        checked = list(read(unit))
    else:
        text, decoding = decode(unit.content)
        if decoding:
            output.reject(unit, decoding)
            return
        checked = list(iter_text(text, unit.suffix, unit.format))
    for index, item in enumerate(checked):
        position = unit.position
        if len(checked) > 1:
            position = (
                f"item {index}" if unit.position == "file" else f"{unit.position} item {index}"
            )
        record = item.record
        if unit.lenient and record is not None and not item.ok:
            record, kept = keep_refused(record, item.issues)
            if record is not None:
                output.keep(unit, kept, position)
        if record is None or (not item.ok and not unit.lenient):
            output.reject(unit, item.issues, position, item.trace)
            continue
        output.record(unit, position, record)


def process_chunk(units: Sequence[Unit], work: Work, read: Reader | None = None) -> ChunkResult:
    """Read, validate and write the units; never raises for what one unit holds."""
    output = _ChunkOutput(work)
    with collector_paused():  # a chunk's records live until its documents are written
        for unit in units:
            try:
                _process_unit(unit, output, read)
            except Exception as error:  # contained: this unit alone is rejected
                trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
                issue = Issue(
                    "internal-error",
                    f"pubmeta failed on this input ({type(error).__name__}: {str(error)[:120]}); "
                    "please report it",
                    line=1,
                    column=1,
                )
                output.reject(unit, [issue], trace=trace)
        return output.finish()


def unit_failed(units: Sequence[Unit], rule: str, message: str) -> ChunkResult:
    """Units whose processing killed (or hung) the worker, even alone: rejected, not lost."""
    result = ChunkResult()
    lines = [reject_line(unit, [Issue(rule, message, line=1, column=1)]) for unit in units]
    result.rejects = "".join(lines)
    result.rejected = len(units)
    return result
