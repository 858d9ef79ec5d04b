"""A harvest's output folder, written page by page, and its checkpoint.

The folder has ingest's layout (stream files such as ``records.jsonl``, one numbered document
per record for document formats, ``rejects.jsonl``, ``summary.json``) plus ``deletions.jsonl``
(the deleted records' identifiers), ``harvested.tsv`` (identifier, datestamp and fate of every
record, in order) and ``harvest.json``, the checkpoint.

A page is appended to the files, flushed to disk, and only then is the checkpoint replaced
(atomically) by one that names the new file sizes and the next resumption token. The flush to
disk (fsync) and the checkpoint's replacement run in a thread of their own while the next page
is read, one page at a time and in order: a fsync costs milliseconds of waiting per file (only
files the page added to are synced). A run killed at any moment leaves a checkpoint that
describes a consistent folder up to some page: resuming cuts every file back to the sizes it
names and removes the documents numbered after it, then asks for the next page again. So
nothing is lost and nothing is written twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..formats.registry import get_format
from ..pipeline.layout import LAYOUT
from ..pipeline.work import ChunkResult
from .pages import HarvestError

CHECKPOINT = "harvest.json"
DELETIONS = "deletions.jsonl"
HARVESTED = "harvested.tsv"
REJECTS = "rejects.jsonl"
SUMMARY = "summary.json"
PER_FOLDER = 1000
_VERSION = 1


@dataclass
class Checkpoint:
    """What a harvest has done so far; written after every page."""

    endpoint: str
    prefix: str
    set: str | None
    targets: list[str]
    start: str | None = None  # the run's from
    until: str | None = None
    status: str = "running"  # running | complete
    page: int = 0  # pages done in this run
    token: str | None = None  # the next page's resumption token (None: start of the list)
    sequence: int = 0  # documents written (all runs)
    chunk_sequence: int = 0
    sizes: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    response_date: str | None = None  # of this run's first page
    granularity: str | None = None
    recoveries: int = 0
    listed: bool = False  # the list's last page is in: only the run's end is left to do
    runs: list[dict[str, Any]] = field(default_factory=list)
    version: int = _VERSION

    @classmethod
    def load(cls, folder: Path) -> Checkpoint | None:
        path = folder / CHECKPOINT
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text("utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError) as error:
            raise HarvestError(f"the checkpoint {path} cannot be read ({error})") from None

    def save(self, folder: Path) -> None:
        _replace(folder / CHECKPOINT, self.text())

    def text(self) -> str:
        return json.dumps(asdict(self), indent=1) + "\n"


def _sync(descriptors: list[int], checkpoint: Path, text: str) -> None:
    for descriptor in descriptors:
        os.fsync(descriptor)
    _replace(checkpoint, text)


def _replace(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


class Store:
    """The folder's files, opened for appending at the checkpoint's sizes."""

    def __init__(self, folder: Path, checkpoint: Checkpoint) -> None:
        self.folder = folder
        self.checkpoint = checkpoint
        self.layout: dict[str, tuple[str, str, str]] = {}
        for target in checkpoint.targets:
            output = LAYOUT.get(get_format(target).name)
            if output is None:
                raise HarvestError(f"format {target!r} cannot be a harvest target")
            self.layout[target] = (output.kind, output.name, output.suffix)
        self.streams = [name for kind, name, _ in self.layout.values() if kind == "stream"] + [
            REJECTS,
            DELETIONS,
            HARVESTED,
        ]
        self._cut_back()
        self.handles = {name: (folder / name).open("ab") for name in self.streams}
        self._unsynced: set[str] = set()
        self._syncer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pubmeta-harvest-sync")
        self._syncing: Future[None] | None = None

    def _cut_back(self) -> None:
        """Everything written after the checkpoint (a page cut short by a kill) goes."""
        sizes = self.checkpoint.sizes
        for name in self.streams:
            path = self.folder / name
            if path.exists() and path.stat().st_size != sizes.get(name, 0):
                with path.open("r+b") as handle:
                    handle.truncate(sizes.get(name, 0))
        for kind, name, _suffix in self.layout.values():
            first = (
                self.checkpoint.sequence if kind == "documents" else self.checkpoint.chunk_sequence
            )
            for path in _numbered(self.folder / name):
                if int(path.stem.split(".")[0]) >= first:
                    path.unlink()

    def close(self) -> None:
        """Waits for the last page's checkpoint, then closes the files."""
        try:
            self.wait()
        finally:
            self._syncer.shutdown(wait=True)
            for handle in self.handles.values():
                handle.close()

    def commit(self) -> None:
        """The appended page made durable and the checkpoint that names it written, in the
        background (after the page before it: one commit at a time)."""
        self.wait()
        descriptors = [self.handles[name].fileno() for name in sorted(self._unsynced)]
        self._unsynced.clear()
        self._syncing = self._syncer.submit(
            _sync, descriptors, self.folder / CHECKPOINT, self.checkpoint.text()
        )

    def wait(self) -> None:
        """The commit under way finished (its error raised here)."""
        syncing, self._syncing = self._syncing, None
        if syncing is not None:
            syncing.result()

    def append(self, result: ChunkResult, extra: dict[str, str]) -> None:
        """A page's output: streams, rejects, deletions, the harvest log, the documents."""
        for target, text in result.streams.items():
            self.handles[self.layout[target][1]].write(text.encode("utf-8"))
        self.handles[REJECTS].write(result.rejects.encode("utf-8"))
        for name, text in extra.items():
            self.handles[name].write(text.encode("utf-8"))
        sequence = self.checkpoint.sequence
        for target, documents in result.documents.items():
            _, name, suffix = self.layout[target]
            for offset, document in enumerate(documents):
                number = sequence + offset
                shard = self.folder / name / f"{number // PER_FOLDER:05d}"
                shard.mkdir(parents=True, exist_ok=True)
                (shard / f"{number:09d}{suffix}").write_text(document, encoding="utf-8")
        chunk_sequence = self.checkpoint.chunk_sequence
        for target, documents in result.chunk_documents.items():
            _, name, suffix = self.layout[target]
            (self.folder / name).mkdir(exist_ok=True)
            for offset, document in enumerate(documents):
                path = self.folder / name / f"{chunk_sequence + offset:09d}{suffix}"
                path.write_text(document, encoding="utf-8")
        if result.chunk_documents:
            self.checkpoint.chunk_sequence += max(len(d) for d in result.chunk_documents.values())
        self.checkpoint.sequence += result.written
        for name, handle in self.handles.items():
            handle.flush()
            if handle.tell() != self.checkpoint.sizes.get(name, 0):
                self._unsynced.add(name)
        self.checkpoint.sizes = {name: handle.tell() for name, handle in self.handles.items()}

    def summary(self, data: dict[str, Any]) -> None:
        _replace(self.folder / SUMMARY, json.dumps(data, indent=2) + "\n")


def _numbered(folder: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for item in folder.iterdir():
        if item.is_dir():
            yield from (p for p in item.iterdir() if p.stem.split(".")[0].isdigit())
        elif item.stem.split(".")[0].isdigit():
            yield item


def harvested_before(folder: Path, size: int, since: str | None) -> set[tuple[str, str]]:
    """(identifier, datestamp) of the records the folder holds up to ``size`` bytes of its
    harvest log, those stamped at or after ``since`` only (all when None)."""
    path = folder / HARVESTED
    seen: set[tuple[str, str]] = set()
    if not path.exists():
        return seen
    with path.open("rb") as handle:
        data = handle.read(size)
    for line in data.decode("utf-8", "replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and (since is None or parts[1] >= since):
            seen.add((parts[0], parts[1]))
    return seen
