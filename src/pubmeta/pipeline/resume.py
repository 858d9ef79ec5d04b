"""Resuming an ingest that was killed: at file granularity, from its staging folder.

A run keeps a journal in its staging folder (``.resume.jsonl``): a header line with what the run
was asked to do, then one line per chunk written, with the input files finished by then, the
file in progress and how many of its units are done, the sizes of the files appended to and the
numbers of the next documents. A run asked to resume (``resume=True``) that finds the staging
folder of an earlier run with the same request takes it over: files appended to are cut back to
the last line's sizes, documents written after it are removed, finished input files are not
read again (a snapshot member is skipped without decompressing it) and the file in progress
goes on after its last unit written. Without a usable journal the run starts afresh.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .units import Unit

JOURNAL = ".resume.jsonl"


@dataclass
class Checkpoint:
    """Where a run stood after its last chunk written."""

    done: set[str] = field(default_factory=set)
    partial: tuple[str, int] | None = None
    sizes: dict[str, int] = field(default_factory=dict)
    sequence: int = 0
    chunk_sequence: int = 0
    table_sequence: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def load(staging: Path, signature: dict[str, Any]) -> Checkpoint | None:
    """The last checkpoint of the journal in ``staging``, if the journal is this request's."""
    try:
        lines = (staging / JOURNAL).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    entries: list[dict[str, Any]] = []
    for line in lines:
        try:
            entries.append(json.loads(line))
        except ValueError:
            break  # a line cut by the kill: the ones before it hold
    if not entries or entries[0].get("signature") != signature:
        return None
    checkpoint = Checkpoint()
    for entry in entries[1:]:
        checkpoint.done.update(entry["finished"])
        partial = entry.get("partial")
        checkpoint.partial = (partial[0], partial[1]) if partial else None
        checkpoint.sizes = entry["sizes"]
        checkpoint.sequence = entry["sequence"]
        checkpoint.chunk_sequence = entry["chunk_sequence"]
        checkpoint.table_sequence = entry["table_sequence"]
        checkpoint.counts = entry["counts"]
    return checkpoint


def restore(staging: Path, checkpoint: Checkpoint) -> None:
    """Cut the staging folder back to the checkpoint: appended files to their sizes, numbered
    documents and table files from the next numbers on removed."""
    for name, size in checkpoint.sizes.items():
        path = staging / name
        if path.exists():
            with path.open("r+b") as handle:
                handle.truncate(size)
    for path in staging.rglob("*"):
        if not path.is_file() or path.name.startswith(".") or path.name in checkpoint.sizes:
            continue
        number = _number(path.name)
        if number is None:
            continue
        parent = path.parent.name
        limit = checkpoint.sequence
        if parent in ("parquet", "arrow"):
            limit = checkpoint.table_sequence
        elif path.parent.parent == staging:  # a document a chunk: <name>/NNNNNNNNN.xml
            limit = checkpoint.chunk_sequence
        if number >= limit:
            path.unlink()


def _number(name: str) -> int | None:
    stem = name.split(".", 1)[0].removeprefix("part-")
    return int(stem) if stem.isdigit() else None


class Journal:
    """Writes the journal of a run and pairs each result with the units of its chunk."""

    def __init__(
        self, staging: Path, signature: dict[str, Any], checkpoint: Checkpoint | None
    ) -> None:
        self.staging = staging
        self.checkpoint = checkpoint or Checkpoint()
        self.done: set[str] = set(self.checkpoint.done)
        self.current: tuple[str, int] | None = self.checkpoint.partial
        self.units = self.checkpoint.counts.get("units", 0)  # units written, all runs
        self._chunks: deque[list[tuple[str, int]]] = deque()
        path = staging / JOURNAL
        fresh = checkpoint is None
        self._handle = path.open("w" if fresh else "a", encoding="utf-8")
        if fresh:
            self._append({"signature": signature})

    def _append(self, entry: dict[str, Any]) -> None:
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def skip(self, units: Iterable[Unit]) -> Iterator[Unit]:
        """The units not yet written by the run resumed (all of them on a fresh run)."""
        partial = self.checkpoint.partial
        seen = 0
        for unit in units:
            if unit.source in self.checkpoint.done:
                continue
            if partial is not None and unit.source == partial[0] and seen < partial[1]:
                seen += 1
                continue
            yield unit

    def finished(self, source: str) -> bool:
        """Whether an input file was finished by the run resumed (so it need not be read)."""
        return source in self.checkpoint.done

    def track(self, batches: Iterable[list[Unit]]) -> Iterator[list[Unit]]:
        for batch in batches:
            runs: list[tuple[str, int]] = []
            for unit in batch:
                if runs and runs[-1][0] == unit.source:
                    runs[-1] = (unit.source, runs[-1][1] + 1)
                else:
                    runs.append((unit.source, 1))
            self._chunks.append(runs)
            yield batch

    def written(
        self,
        handles: dict[str, TextIO],
        numbers: tuple[int, int, int],
        counts: dict[str, int],
    ) -> None:
        """After a chunk's result is in the staging folder: a checkpoint line (``counts``: the
        run's written, rejected and internal counts so far)."""
        runs = self._chunks.popleft()
        finished: list[str] = []
        for source, count in runs:
            self.units += count
            if self.current is not None and self.current[0] == source:
                self.current = (source, self.current[1] + count)
            else:
                if self.current is not None:
                    finished.append(self.current[0])
                self.current = (source, count)
        sizes = {}
        for name, handle in handles.items():
            handle.flush()
            sizes[name] = handle.tell()
        self._append(
            {
                "finished": finished,
                "partial": list(self.current) if self.current else None,
                "sizes": sizes,
                "sequence": numbers[0],
                "chunk_sequence": numbers[1],
                "table_sequence": numbers[2],
                "counts": {**counts, "units": self.units},
            }
        )

    def close(self) -> None:
        self._handle.close()

    def finish(self) -> None:
        """The run is complete: its journal is no part of the output."""
        self.close()
        (self.staging / JOURNAL).unlink(missing_ok=True)


def signature_of(
    paths: Iterable[str | Path],
    targets: Iterable[str],
    format: str | None,
    strict: bool,
    options: dict[str, Any],
) -> dict[str, Any]:
    """What a run was asked to do: a run resumes only the staging of the same request."""
    return {
        "paths": [str(Path(p).resolve()) for p in paths],
        "targets": list(targets),
        "format": format,
        "strict": strict,
        "options": {k: dict(v) for k, v in options.items()},
    }


def adopter(signature: dict[str, Any]) -> Callable[[list[Path]], Path | None]:
    """Chooses, among the staging folders runs left behind, the newest one whose journal is
    this request's."""

    def adopt(candidates: list[Path]) -> Path | None:
        usable = [c for c in candidates if load(c, signature) is not None]
        return max(usable, key=lambda c: (c / JOURNAL).stat().st_mtime) if usable else None

    return adopt
