"""Streaming batch ingest: many inputs in, every record written in each target format or
rejected with its reasons, exactly once, in input order, with bounded memory.

Inputs are cut into *units*: a JSON Lines line, a CSL-JSON array item, or a whole record file
(JATS, DC, Pure page, native JSON/YAML). Units are grouped into chunks; chunks go to an engine
(in-process, a local process pool, or a Dask cluster: :mod:`pubmeta.engines.dask`) through a
sliding window, so only a bounded number are in flight, and results come back in submission
order, so the output does not depend on the number of workers. The driver alone writes files.

Output layout under ``--out``:

- ``records.jsonl`` (pubmeta) and ``records.csl.jsonl`` (one CSL item per line): JSON Lines;
- ``jats/NNNNN/NNNNNNNNN.xml`` and ``dc/...``: one XML document per record (each valid on its
  own), 1,000 to a folder, numbered in output order;
- ``rejects.jsonl`` (or ``--rejects FILE``): one line per rejected unit with its source, position,
  original input and the issues;
- ``summary.json``: counts and timing.

A run writes into a fresh sibling folder and renames it into place when done, so an ``--out``
folder is always one whole run; an existing non-empty one is refused unless ``overwrite``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from . import api
from .errors import PubmetaError, UnwritableRecordError
from .formats import csl as csl_format
from .formats import get_format, native, record_suffixes
from .issues import Issue

TEXT_TARGETS = {"pubmeta": "records.jsonl", "csl": "records.csl.jsonl"}
XML_TARGETS = {"jats", "dc"}
PER_FOLDER = 1000

#: Fault injection for tests: a worker that meets this text in a unit exits on the spot,
#: as a crashing worker would. Unset in normal use.
KILL_SWITCH_ENV = "PUBMETA_INGEST_KILL_ON"


class IngestError(PubmetaError):
    """The ingest cannot start or finish (bad target, output folder in use, ...)."""


@dataclass(frozen=True)
class Unit:
    """One input record, or one whole record file, as it arrived."""

    source: str
    position: str
    content: bytes
    suffix: str
    format: str | None


@dataclass
class Outcome:
    """What became of one record: its documents per target format, or why it was rejected."""

    source: str
    position: str
    documents: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, Any] | None = None


@dataclass
class ChunkResult:
    """A chunk's output, packed for the trip back to the driver: one string per JSON Lines
    target and for the rejects, the XML documents in order (pickling a few long strings is far
    cheaper than many small objects, which is what lets a second worker pay off)."""

    lines: dict[str, str] = field(default_factory=dict)
    documents: dict[str, list[str]] = field(default_factory=dict)
    rejects: str = ""
    written: int = 0
    rejected: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.rejected is not None:
            self.rejects += json.dumps(outcome.rejected, ensure_ascii=False) + "\n"
            self.rejected += 1
            return
        for target, document in outcome.documents.items():
            if target in TEXT_TARGETS:
                self.lines[target] = self.lines.get(target, "") + document + "\n"
            else:
                self.documents.setdefault(target, []).append(document)
        self.written += 1

    def extend(self, other: ChunkResult) -> None:
        for target, text in other.lines.items():
            self.lines[target] = self.lines.get(target, "") + text
        for target, documents in other.documents.items():
            self.documents.setdefault(target, []).extend(documents)
        self.rejects += other.rejects
        self.written += other.written
        self.rejected += other.rejected


@dataclass
class Summary:
    units: int = 0
    written: int = 0
    rejected: int = 0
    seconds: float = 0.0
    out: str = ""

    @property
    def rate(self) -> float:
        return (self.written + self.rejected) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "written": self.written,
            "rejected": self.rejected,
            "seconds": round(self.seconds, 3),
            "records_per_second": round(self.rate, 1),
            "out": self.out,
        }


# -- reading inputs into units -----------------------------------------------------------------


def iter_units(paths: Sequence[str | Path], format: str | None = None) -> Iterator[Unit]:
    """Units of all inputs in a deterministic order (directories walked sorted)."""
    suffixes = record_suffixes()
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            files = [path]
        for file in files:
            yield from _file_units(file, format)


def _file_units(path: Path, format: str | None) -> Iterator[Unit]:
    suffix = path.suffix.lower()
    label = str(path)
    try:
        if suffix in native.JSONL_SUFFIXES and format in (None, "pubmeta"):
            # streamed line by line: a file of millions of records is never held at once
            with path.open("rb", buffering=api.LINE_BUFFER_BYTES) as handle:
                for number, raw in enumerate(handle, start=1):
                    line = raw.rstrip(b"\r\n")
                    if line.strip():
                        yield Unit(label, str(number), line, ".jsonl", "pubmeta")
            return
        content = path.read_bytes()
    except OSError as error:
        yield Unit(label, "0", f"cannot read: {error.strerror}".encode(), "!io", None)
        return
    if suffix == ".json" and format in (None, "csl"):
        items = _csl_items(content)
        if items is not None:
            for index, item in enumerate(items):
                yield Unit(label, f"item {index}", item, ".json", "csl")
            return
    yield Unit(label, "file", content, suffix, format)


def _csl_items(content: bytes) -> list[bytes] | None:
    """The items of a CSL-JSON array, each as its own JSON text; None if not CSL-JSON."""
    head = content[:4000].decode("utf-8", errors="replace")
    if not csl_format.sniff(head, ".json"):
        return None
    try:
        document = json.loads(content)
    except (ValueError, RecursionError):
        return None
    if not isinstance(document, list):
        return None
    return [json.dumps(item, ensure_ascii=False).encode("utf-8") for item in document]


# -- processing (runs in workers) --------------------------------------------------------------


def _reject(unit: Unit, issues: Sequence[Issue], position: str | None = None) -> Outcome:
    try:
        original: Any = unit.content.decode("utf-8")
    except UnicodeDecodeError:
        original = {"bytes_hex": unit.content.hex()}
    return Outcome(
        unit.source,
        position or unit.position,
        rejected={
            "source": unit.source,
            "position": position or unit.position,
            "input": original,
            "issues": [i.to_dict() for i in issues],
        },
    )


def _documents(record: Any, targets: Sequence[str]) -> dict[str, str]:
    documents: dict[str, str] = {}
    for target in targets:
        if target == "pubmeta":
            documents[target] = json.dumps(
                native.dump(record), ensure_ascii=False, separators=(",", ":")
            )
        elif target == "csl":
            documents[target] = json.dumps(
                csl_format.item(record), ensure_ascii=False, separators=(",", ":")
            )
        else:
            documents[target] = api.write(record, format=target)
    return documents


def process_unit(unit: Unit, targets: Sequence[str]) -> list[Outcome]:
    """Read, validate and write one unit; never raises for bad input."""
    kill_on = os.environ.get(KILL_SWITCH_ENV)
    if kill_on and kill_on.encode() in unit.content and multiprocessing.parent_process():
        os._exit(70)  # fault injection (worker processes only): die as a crashing worker does
    if unit.suffix == "!io":
        return [_reject(unit, [Issue("io-error", unit.content.decode(), line=1, column=1)])]
    text, decoding = api.decode(unit.content)
    if decoding:
        return [_reject(unit, decoding)]
    checked = api.inspect_text(text, unit.suffix, unit.format)
    outcomes: list[Outcome] = []
    for index, item in enumerate(checked):
        position = unit.position if len(checked) == 1 else f"{unit.position} record {index}"
        if not item.ok or item.record is None:
            outcomes.append(_reject(unit, list(item.issues), position))
            continue
        try:
            outcomes.append(
                Outcome(unit.source, position, documents=_documents(item.record, targets))
            )
        except (UnwritableRecordError, PubmetaError) as error:
            outcomes.append(_reject(unit, [Issue("unwritable", str(error))], position))
    return outcomes


def process_chunk(units: Sequence[Unit], targets: Sequence[str]) -> ChunkResult:
    result = ChunkResult()
    lines: dict[str, list[str]] = {t: [] for t in targets if t in TEXT_TARGETS}
    rejects: list[str] = []
    for unit in units:
        for outcome in process_unit(unit, targets):
            if outcome.rejected is not None:
                rejects.append(json.dumps(outcome.rejected, ensure_ascii=False))
                result.rejected += 1
                continue
            for target, document in outcome.documents.items():
                if target in lines:
                    lines[target].append(document)
                else:
                    result.documents.setdefault(target, []).append(document)
            result.written += 1
    result.lines = {t: "".join(d + "\n" for d in docs) for t, docs in lines.items() if docs}
    result.rejects = "".join(r + "\n" for r in rejects)
    return result


def chunks(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    for unit in units:
        batch.append(unit)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def worker_died(units: Sequence[Unit]) -> ChunkResult:
    """Units whose processing killed the worker, even alone: rejected, not lost."""
    result = ChunkResult()
    for unit in units:
        result.add(
            _reject(
                unit,
                [
                    Issue(
                        "worker-died",
                        "processing this record killed the "
                        "worker process; it was retried alone and died again",
                    )
                ],
            )
        )
    return result


# -- engines -----------------------------------------------------------------------------------


class Engine:
    """Runs chunks and yields their results in submission order."""

    def run(self, batches: Iterable[list[Unit]], targets: Sequence[str]) -> Iterator[ChunkResult]:
        raise NotImplementedError

    def close(self) -> None:
        pass


class Window:
    """Submits up to ``size`` chunks ahead and hands them back in submission order: a bounded
    number in flight (flat memory) and an order that does not depend on who finishes first."""

    def __init__(
        self, batches: Iterable[list[Unit]], size: int, submit: Callable[[list[Unit]], Any]
    ) -> None:
        self._batches = iter(batches)
        self._size = max(size, 1)
        self._submit = submit
        self._pending: deque[tuple[list[Unit], Any]] = deque()
        self._exhausted = False

    def __iter__(self) -> Iterator[tuple[list[Unit], Any]]:
        while True:
            while not self._exhausted and len(self._pending) < self._size:
                batch = next(self._batches, None)
                if batch is None:
                    self._exhausted = True
                    break
                self._pending.append((batch, self._submit(batch)))
            if not self._pending:
                return
            yield self._pending.popleft()

    def drain(self) -> list[list[Unit]]:
        """The chunks submitted but not yet handed back (their futures are dropped)."""
        batches = [batch for batch, _ in self._pending]
        self._pending.clear()
        return batches


class InProcessEngine(Engine):
    def run(self, batches: Iterable[list[Unit]], targets: Sequence[str]) -> Iterator[ChunkResult]:
        for batch in batches:
            yield process_chunk(batch, targets)


class ProcessPoolEngine(Engine):
    """A local process pool behind a bounded window; a dying worker costs only its record."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.window = 2 * workers
        self._pool: ProcessPoolExecutor | None = None

    def _fresh(self, workers: int | None = None) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers or self.workers)

    def run(self, batches: Iterable[list[Unit]], targets: Sequence[str]) -> Iterator[ChunkResult]:
        self._pool = self._fresh()
        window = Window(batches, self.window, lambda batch: self._submit(batch, targets))
        for batch, future in window:
            try:
                yield future.result()
            except BrokenProcessPool:
                # the pool is gone with every chunk in it: redo them in order, carefully
                assert self._pool is not None
                self._pool.shutdown(wait=False, cancel_futures=True)
                for redo in [batch, *window.drain()]:
                    yield self._isolated(redo, targets)
                self._pool = self._fresh()

    def _submit(self, batch: list[Unit], targets: Sequence[str]) -> Future[ChunkResult]:
        assert self._pool is not None
        try:
            return self._pool.submit(process_chunk, batch, targets)
        except BrokenProcessPool:
            self._pool = self._fresh()
            return self._pool.submit(process_chunk, batch, targets)

    def _isolated(self, batch: list[Unit], targets: Sequence[str]) -> ChunkResult:
        """A chunk in its own pool; if it breaks that too, each unit alone."""
        with self._fresh(1) as pool:
            try:
                return pool.submit(process_chunk, batch, targets).result()
            except BrokenProcessPool:
                pass
        results = ChunkResult()
        for unit in batch:
            with self._fresh(1) as pool:
                try:
                    results.extend(pool.submit(process_chunk, [unit], targets).result())
                except BrokenProcessPool:
                    results.extend(worker_died([unit]))
        return results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


# -- writing outputs (driver only) -------------------------------------------------------------


class OutputWriter:
    def __init__(self, folder: Path, targets: Sequence[str], rejects: Path) -> None:
        self.folder = folder
        self.targets = targets
        self.files: dict[str, TextIO] = {
            t: (folder / TEXT_TARGETS[t]).open("w", encoding="utf-8")
            for t in targets
            if t in TEXT_TARGETS
        }
        rejects.parent.mkdir(parents=True, exist_ok=True)
        self.rejects = rejects.open("w", encoding="utf-8")
        self.sequence = 0

    def write(self, result: ChunkResult) -> None:
        self.rejects.write(result.rejects)
        for target, text in result.lines.items():
            self.files[target].write(text)
        for target, documents in result.documents.items():
            for offset, document in enumerate(documents):
                number = self.sequence + offset
                shard = self.folder / target / f"{number // PER_FOLDER:05d}"
                if number % PER_FOLDER == 0 or not shard.exists():
                    shard.mkdir(parents=True, exist_ok=True)
                (shard / f"{number:09d}.xml").write_text(document, encoding="utf-8")
        self.sequence += result.written

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()
        self.rejects.close()


class Progress:
    """A live line on a terminal; a plain line every few seconds elsewhere; nothing if quiet."""

    def __init__(self, stream: TextIO | None, every_seconds: float = 10.0) -> None:
        self.stream = stream
        self.tty = bool(stream is not None and stream.isatty())
        self.every = 0.2 if self.tty else every_seconds
        self.started = time.perf_counter()
        self.last = self.started

    def update(self, summary: Summary, force: bool = False) -> None:
        if self.stream is None:
            return
        now = time.perf_counter()
        if not force and now - self.last < self.every:
            return
        self.last = now
        done = summary.written + summary.rejected
        rate = done / (now - self.started) if now > self.started else 0.0
        line = f"pubmeta ingest: {done:,} records ({rate:,.0f}/s), {summary.rejected:,} rejected"
        if self.tty:
            self.stream.write("\r" + line.ljust(70))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self, summary: Summary) -> None:
        if self.stream is None:
            return
        if self.tty:
            self.stream.write("\n")
        self.stream.write(
            f"pubmeta ingest: {summary.written:,} written, {summary.rejected:,} rejected "
            f"from {summary.units:,} inputs in {summary.seconds:.1f} s "
            f"({summary.rate:,.0f} records/s) -> {summary.out}\n"
        )
        self.stream.flush()


def _targets(to: str | Sequence[str]) -> list[str]:
    names = [t.strip() for t in (to.split(",") if isinstance(to, str) else to) if t.strip()]
    if not names:
        raise IngestError("no target format given (--to pubmeta,jats,csl,dc)")
    for name in names:
        fmt = get_format(name)
        if not fmt.can_write:
            raise IngestError(f"format '{name}' cannot be written")
    return list(dict.fromkeys(names))


def _prepare(out: Path, overwrite: bool) -> Path:
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not overwrite:
        raise IngestError(
            f"{out} already holds output; choose an empty folder or pass --overwrite "
            "(a run never mixes its output with another's)"
        )
    staging = out.with_name(f".{out.name}.incomplete-{uuid.uuid4().hex[:8]}")
    staging.mkdir(parents=True)
    return staging


def ingest(
    paths: Sequence[str | Path],
    to: str | Sequence[str],
    out: str | Path,
    *,
    rejects: str | Path | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = 500,
    format: str | None = None,
    overwrite: bool = False,
    progress: TextIO | None = None,
    engine_factory: Callable[[], Engine] | None = None,
) -> Summary:
    """Ingest ``paths`` into ``out`` (see the module documentation for the layout)."""
    targets = _targets(to)
    out_path = Path(out)
    staging = _prepare(out_path, overwrite)
    rejects_path = Path(rejects) if rejects else None
    staged_rejects = staging / "rejects.jsonl"
    if engine_factory is not None:
        runner = engine_factory()
    elif engine == "dask":
        from .engines.dask import DaskEngine

        runner = DaskEngine(scheduler=scheduler, workers=workers)
    elif engine == "local":
        runner = ProcessPoolEngine(workers) if workers > 1 else InProcessEngine()
    else:
        raise IngestError(f"unknown engine '{engine}' (local or dask)")
    summary = Summary(out=str(out_path))
    meter = Progress(progress)
    writer = OutputWriter(staging, targets, staged_rejects)
    started = time.perf_counter()
    counted_units: list[int] = [0]

    def counted(units: Iterable[Unit]) -> Iterator[Unit]:
        for unit in units:
            counted_units[0] += 1
            yield unit

    try:
        for result in runner.run(chunks(counted(iter_units(paths, format)), chunk_size), targets):
            writer.write(result)
            summary.written += result.written
            summary.rejected += result.rejected
            summary.seconds = time.perf_counter() - started
            meter.update(summary)
    except BaseException:
        writer.close()
        runner.close()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    writer.close()
    runner.close()
    summary.units = counted_units[0]
    summary.seconds = time.perf_counter() - started
    (staging / "summary.json").write_text(
        json.dumps(summary.to_dict(), indent=2) + "\n", encoding="utf-8"
    )
    if out_path.exists():
        shutil.rmtree(out_path)
    staging.rename(out_path)
    if rejects_path is not None:
        rejects_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(out_path / "rejects.jsonl"), rejects_path)
    meter.update(summary, force=True)
    meter.finish(summary)
    return summary
