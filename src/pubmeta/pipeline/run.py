"""One ingest run: inputs -> chunks -> engine -> output folder, with the operator's safety
rules of :mod:`.output` (lock, staging, atomic swap) and SIGTERM treated like Ctrl-C.

Output layout under ``--out`` (per target, from each format's own description):

- stream formats (``pubmeta`` -> ``records.jsonl``, ``csl`` -> ``records.csl.jsonl``, ...):
  records appended to one file;
- document formats (``jats``, ``dc``, ...): ``<name>/NNNNN/NNNNNNNNN.xml``, one valid document
  per record, 1,000 to a folder, numbered in output order;
- chunk formats (``crossref``): one document per chunk of records;
- ``rejects.jsonl`` (or ``--rejects FILE``): one line per rejected input with its source,
  position, original input and findings (and the traceback of an internal error);
- ``summary.json``: counts and timing.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from ..api import check_options
from ..engines import engine as make_engine
from ..engines.base import Engine
from ..errors import ArgumentTypeError, IngestError, OptionError
from ..formats.registry import FORMATS, WRITABLE, get_format
from .output import REJECTS, OutputFolder, OutputWriter, move_atomically
from .parquet import TABLE_CHUNK_SIZE, TABLE_TARGETS, check_available, is_table_target
from .progress import Progress, Summary
from .resume import Journal, adopter, load, restore, signature_of
from .snapshots import is_snapshot, iter_inputs
from .sources import looks_like_a_record, walk
from .units import Unit, chunks
from .work import Work

__all__ = ["IngestError", "Summary", "ingest"]
#: How a caller of ingest() gives a writer option (a MissingOptionError's example)
_OPTION_EXAMPLE = "options={{{format!r}: {{{option!r}: ...}}}}"


def _target_names() -> str:
    return ", ".join((*WRITABLE, *TABLE_TARGETS))


def targets_of(to: str | Sequence[str]) -> list[str]:
    names = [t.strip() for t in (to.split(",") if isinstance(to, str) else to) if t.strip()]
    if not names:
        raise IngestError(f"no target format given (one or more of: {_target_names()})")
    for name in names:
        if is_table_target(name):
            check_available()
            continue
        if name not in FORMATS:
            raise IngestError(f"unknown target format {name!r} (one of: {_target_names()})")
        fmt = get_format(name)
        if not fmt.can_write:
            raise IngestError(f"format {name!r} cannot be written (one of: {_target_names()})")
    return list(dict.fromkeys(names))


@contextmanager
def _terminate_as_interrupt(asked: bool) -> Iterator[None]:
    """When asked (by the command, which owns its process): SIGTERM (``kill``, ``timeout``)
    ends a run as Ctrl-C does: staging removed, a message. A library call leaves the host's
    signal handlers alone."""

    def interrupt(_signal: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    if not asked:
        yield
        return
    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        # None: the previous handler was not installed from Python; the default is the
        # nearest Python can put back
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def ingest(
    paths: Sequence[str | Path],
    to: str | Sequence[str],
    out: str | Path,
    *,
    rejects: str | Path | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int | None = None,
    format: str | None = None,
    overwrite: bool = False,
    progress: TextIO | None = None,
    options: dict[str, dict[str, Any]] | None = None,
    record_seconds: float | None = None,
    engine_factory: Callable[[], Engine] | None = None,
    handle_signals: bool = False,
    strict: bool = False,
    resume: bool = False,
) -> Summary:
    """Ingest ``paths`` into ``out`` (see the module documentation for the layout).

    ``handle_signals``: SIGTERM stops the run as Ctrl-C does (for a program that owns its
    process, as the command does; off by default: a library call leaves signals alone).

    ``strict``: a record of a snapshot (see :mod:`.snapshots`) that a rule refuses is
    rejected; by default the refused value is kept in its notes (``kept.jsonl`` lists them).
    ``resume``: go on from the staging folder a killed run of the same request left behind,
    at file granularity (see :mod:`.resume`); such a run keeps its own staging when it fails.

    Raises IngestError when the run cannot start or finish (bad target, ``out`` in use, a
    full disk, a cluster without workers); bad records never raise: they are rejected."""
    paths = _arguments(paths, to, options, workers, chunk_size)
    work = Work.for_run(tuple(targets_of(to)), options or {})
    chunk_size = _chunk_size(chunk_size, workers, work)
    _check_options(options or {}, work)
    _check_inputs(paths, format)
    rejects_path = _rejects_file(rejects)
    folder = OutputFolder(Path(out), overwrite, notices=progress)
    signature = signature_of(paths, work.targets, format, strict, options or {})
    staging = folder.start(adopter(signature) if resume else None)
    checkpoint = load(staging, signature) if resume else None
    if checkpoint is not None:
        restore(staging, checkpoint)
    journal = Journal(staging, signature, checkpoint)
    summary = Summary(out=str(out))
    runner: Engine | None = None
    try:
        with _terminate_as_interrupt(handle_signals):
            if engine_factory is not None:
                runner = engine_factory()
            else:
                runner = _engine(engine, workers, scheduler, record_seconds)
            try:
                units = journal.skip(iter_inputs(list(paths), format, strict, journal.finished))
                _run(runner, units, chunk_size, work, journal, summary, Progress(progress))
            except BaseException:
                runner.abort()
                runner = None
                raise
            runner.close()
            runner = None
            _deliver(folder, Path(out), rejects_path)
    finally:
        if runner is not None:
            runner.close()
        journal.close()
        if not resume:  # a run that may be resumed keeps its staging folder when it fails
            folder.abandon()
        folder.release()
    return summary


def _chunk_size(chunk_size: int | None, workers: int, work: Work) -> int:
    """The records a chunk holds: given, or the default (larger for a table target, which
    writes a file a chunk)."""
    if chunk_size is None:
        tables = any(is_table_target(t) for t in work.targets)
        chunk_size = TABLE_CHUNK_SIZE if tables else 500
    if chunk_size < 1 or workers < 1:
        raise IngestError("workers and chunk size must be at least 1")
    return chunk_size


def _check_options(options: Mapping[str, Mapping[str, Any]], work: Work) -> None:
    """Writer options refused before the run: one a format does not have, a required one
    missing, a value the writer refuses."""
    for name, given in options.items():
        known = {o.name for o in get_format(name).options} if name in FORMATS else set()
        unknown = sorted(set(given) - known)
        if unknown:
            raise IngestError(f"format {name!r} has no option {', '.join(unknown)}")
    for target in work.targets:
        if target in FORMATS:
            check_options(target, work.options.get(target, {}), _OPTION_EXAMPLE)
            _judge_option_values(target, work.options.get(target, {}))


def _check_inputs(paths: Sequence[str | Path], format: str | None) -> None:
    """The input format is known, every path exists, and there is something to read."""
    if format is not None and format not in FORMATS:
        raise IngestError(f"unknown input format {format!r}")
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise IngestError(f"no such file or folder: {', '.join(missing)}")
    snapshots = any(is_snapshot(Path(p)) for p in paths)
    if not snapshots and next(walk(paths, accept=looks_like_a_record), None) is None:
        raise IngestError(f"no record files found in {', '.join(str(p) for p in paths)}")


def _rejects_file(rejects: str | Path | None) -> Path | None:
    rejects_path = Path(rejects) if rejects else None
    if rejects_path is not None and rejects_path.is_dir():
        raise IngestError(f"the rejects file {rejects_path} is a folder; name a file")
    return rejects_path


def _engine(name: str, workers: int, scheduler: str | None, record_seconds: float | None) -> Engine:
    settings: dict[str, Any] = {"workers": workers, "scheduler": scheduler}
    if record_seconds is not None:
        settings["record_seconds"] = record_seconds
    return make_engine(name, **settings)


def _deliver(folder: OutputFolder, out: Path, rejects_path: Path | None) -> None:
    """The finished run in place: the output folder swapped in, the rejects file moved where
    it was asked for."""
    with _output_errors("the output"):
        folder.commit()
    if rejects_path is not None:
        with _output_errors(f"the rejects file {rejects_path}"):
            rejects_path.parent.mkdir(parents=True, exist_ok=True)
            move_atomically(out / REJECTS, rejects_path)


def _judge_option_values(target: str, given: Mapping[str, Any]) -> None:
    """A value a writer refuses (crossref version='9') is the run's error, found before the
    run, not every record's: the writer is asked with no records, and every writer judges its
    options before it looks at the records (what it says of an empty list is not asked)."""
    writer = get_format(target).writer
    if not given or writer is None:
        return
    try:
        writer([], **given)
    except OptionError:
        raise
    except Exception:  # the writer's answer to no records: nothing about its options
        return


def _arguments(
    paths: Any, to: Any, options: Any, workers: Any, chunk_size: Any
) -> list[str | Path]:
    """The paths of a run as a list (one path alone is taken as a list of one), once every
    argument is of a type ingest() takes: a wrong one is an ArgumentTypeError saying which."""

    def wrong(name: str, wanted: str, value: Any) -> ArgumentTypeError:
        return ArgumentTypeError(f"{name} must be {wanted}, not {type(value).__name__}")

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if not isinstance(paths, Iterable) or isinstance(paths, bytes):
        raise wrong("paths", "a list of paths", paths)
    listed: list[str | Path] = list(paths)
    for path in listed:
        if not isinstance(path, (str, os.PathLike)):
            raise wrong("each of paths", "a str or a path (os.PathLike)", path)
    names = [to] if isinstance(to, str) else to
    if not isinstance(names, Sequence) or not all(isinstance(n, str) for n in names):
        raise wrong("to", "a format name or a list of them (str)", to)
    if options is not None and not (
        isinstance(options, Mapping) and all(isinstance(o, Mapping) for o in options.values())
    ):
        raise wrong("options", "a dict of format name -> dict of options", options)
    for name, value in (("workers", workers), ("chunk_size", chunk_size)):
        if value is not None and (type(value) is not int):
            raise wrong(name, "an int", value)
    return listed


@contextmanager
def _output_errors(what: str) -> Iterator[None]:
    """A disk that fails (full, read-only, gone) is the run's end with a clear message."""
    try:
        yield
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        raise IngestError(
            f"cannot write {what} ({error.strerror or error}{where}); the output folder is "
            "as it was before the run"
        ) from None


def _run(
    runner: Engine,
    units: Iterator[Unit],
    chunk_size: int,
    work: Work,
    journal: Journal,
    summary: Summary,
    meter: Progress,
) -> None:
    resumed = journal.checkpoint
    with _output_errors("the output"):
        writer = OutputWriter(journal.staging, work.targets, resumed)
    summary.written = resumed.counts.get("written", 0)
    summary.rejected = resumed.counts.get("rejected", 0)
    summary.internal = resumed.counts.get("internal", 0)
    started = time.perf_counter()
    counted = [0, 0]  # units, files (a file's units come one after another)

    def counting(units: Iterable[Unit]) -> Iterator[Unit]:
        source = None
        for unit in units:
            counted[0] += 1
            if unit.source != source:
                source = unit.source
                counted[1] += 1
            yield unit

    try:
        for result in runner.run(journal.track(chunks(counting(units), chunk_size)), work):
            with _output_errors("the output"):
                writer.write(result)
            summary.written += result.written
            summary.rejected += result.rejected
            summary.internal += result.internal
            counts = {"written": summary.written, "rejected": summary.rejected}
            counts["internal"] = summary.internal
            with _output_errors("the output"):
                journal.written(writer.appended(), writer.numbers(), counts)
            summary.seconds = time.perf_counter() - started
            meter.update(summary)
    finally:
        with _output_errors("the output"):
            writer.close()
    summary.units = counted[0] + resumed.counts.get("units", 0)
    summary.files = counted[1] + len(resumed.done)  # the file in progress is counted again
    summary.seconds = time.perf_counter() - started
    with _output_errors("the output"):
        writer.summary(summary.to_dict())
        journal.finish()
    meter.update(summary, force=True)
    meter.finish(summary)
