"""Where an ingest writes, and how it keeps an operator's folders safe.

- ``--out`` is checked before any work: not a file, a symlink, a mount point or the current
  folder; its parent must exist and be writable.
- A lock beside it (``.OUT.lock``) keeps two runs apart: the second is refused at once.
- A run writes into a hidden staging folder beside ``--out`` and moves it into place at the
  end; the old output is moved aside first and deleted only after the new one is in place, so
  ``--out`` always holds one whole run. An interrupted swap is finished by the next run.
- ``--overwrite`` only replaces a folder that pubmeta wrote (it holds pubmeta's summary).
- Staging folders of a run that died are reported and removed by the next run (it holds the
  lock, so no live run can own them).
- Files outside the staging folder (``--rejects FILE``, ``convert -o``) are written under a
  temporary name and renamed, so a short write never looks complete.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, TextIO

from ..errors import IngestError
from ..formats.registry import get_format
from .layout import ingest_output
from .parquet import TABLE_TARGETS, file_name
from .resume import Checkpoint
from .work import ChunkResult

PER_FOLDER = 1000
SUMMARY = "summary.json"
REJECTS = "rejects.jsonl"
KEPT = "kept.jsonl"
_MARK = "pubmeta ingest"
#: How a library caller says "replace the earlier output" (the command line says it its way)
_OVERWRITE = {"overwrite": "overwrite=True"}


def write_atomically(path: Path, text: str) -> None:
    """Write a file under a temporary name beside it, then rename it into place."""
    temporary = path.with_name(f".{path.name}.partial-{uuid.uuid4().hex[:8]}")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def move_atomically(source: Path, target: Path) -> None:
    """Move a file into place so that the target is never seen half-written (across file
    systems it is copied under a temporary name first)."""
    try:
        os.replace(source, target)
        return
    except OSError:
        pass
    temporary = target.with_name(f".{target.name}.partial-{uuid.uuid4().hex[:8]}")
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    source.unlink(missing_ok=True)


class OutputFolder:
    """The ``--out`` folder of one run: checked, locked, staged and swapped into place."""

    def __init__(self, out: Path, overwrite: bool, notices: TextIO | None = None) -> None:
        self.out = out
        self.overwrite = overwrite
        self.notices = notices
        self._lock_handle: Any = None
        self.staging: Path | None = None

    def _notice(self, text: str) -> None:
        if self.notices is not None:
            self.notices.write(f"pubmeta ingest: {text}\n")
            self.notices.flush()

    def check(self) -> None:
        """Refuse a target that cannot hold a run, before any work is done."""
        out = self.out
        if str(out) in ("", ".", "..") or out.resolve() in (Path.cwd(), *Path.cwd().parents):
            raise IngestError(
                f"the output folder {out} is the current folder or above it; name a new folder"
            )
        if out.is_symlink():
            raise IngestError(f"the output folder {out} is a symbolic link; name the folder itself")
        if out.exists() and not out.is_dir():
            raise IngestError(f"the output folder {out} is a file, not a folder")
        if out.exists() and os.path.ismount(out):
            raise IngestError(f"the output folder {out} is a mount point; name a folder inside it")
        parent = out.absolute().parent
        if not parent.is_dir():
            raise IngestError(f"the folder {parent} of the output folder {out.name} does not exist")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise IngestError(f"cannot write in {parent} (where the output folder {out.name} goes)")
        if out.exists() and any(out.iterdir()):
            if not self.overwrite:
                raise IngestError(
                    f"{out} already holds output; choose an empty folder or pass {{overwrite}} "
                    "(a run never mixes its output with another's)",
                    settings=_OVERWRITE,
                )
            if not self.written_by_pubmeta(out):
                raise IngestError(
                    f"{out} was not written by pubmeta ingest (it has no pubmeta summary); "
                    "{overwrite} only replaces pubmeta's own output",
                    settings=_OVERWRITE,
                )

    @staticmethod
    def written_by_pubmeta(folder: Path) -> bool:
        try:
            summary = json.loads((folder / SUMMARY).read_text("utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(summary, dict) and summary.get("written_by") == _MARK

    def _sibling(self, kind: str) -> Path:
        return self.out.with_name(f".{self.out.name}.{kind}")

    def lock(self) -> None:
        lock_path = self._sibling("lock")
        try:
            handle = lock_path.open("a+")
        except OSError as error:
            raise IngestError(f"cannot create the lock {lock_path}: {error.strerror}") from None
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # no POSIX locks (Windows): the staging name still keeps runs apart
            pass
        except OSError:
            handle.close()
            raise IngestError(
                f"another pubmeta ingest is writing {self.out} (it holds {lock_path}); "
                "wait for it to end or choose another output folder"
            ) from None
        self._lock_handle = handle

    def recover(self) -> None:
        """Finish or clean up after a run that died (we hold the lock: nobody else is here)."""
        parent = self.out.absolute().parent
        previous = sorted(parent.glob(f".{self.out.name}.previous-*"))
        if previous and not self.out.exists():
            os.replace(previous[-1], self.out)
            self._notice(f"restored {self.out} from an interrupted swap of an earlier run")
            previous = previous[:-1]
        for folder in [*previous, *sorted(parent.glob(f".{self.out.name}.incomplete-*"))]:
            if self.staging is not None and folder.name == self.staging.name:
                continue  # adopted by a resumed run
            shutil.rmtree(folder, ignore_errors=True)
            self._notice(f"removed {folder.name}, left behind by a run that did not finish")

    def start(self, adopt: Callable[[list[Path]], Path | None] | None = None) -> Path:
        """Check, lock, recover and make the staging folder; ``adopt`` may choose one that a
        run left behind instead (a resumed run), which is then kept."""
        self.check()
        self.lock()
        if adopt is not None:
            parent = self.out.absolute().parent
            self.staging = adopt(sorted(parent.glob(f".{self.out.name}.incomplete-*")))
        self.recover()
        self.check()  # a recovered swap may have put output back
        if self.staging is not None:
            self._notice(f"resuming the run left in {self.staging.name}")
            return self.staging
        staging = self._sibling(f"incomplete-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        try:
            staging.mkdir()
        except OSError as error:
            raise IngestError(f"cannot create {staging}: {error.strerror}") from None
        self.staging = staging
        return staging

    def commit(self) -> None:
        """Move the finished run into place; the old output goes only once the new is there."""
        assert self.staging is not None
        old: Path | None = None
        if self.out.exists():
            old = self._sibling(f"previous-{uuid.uuid4().hex[:8]}")
            os.replace(self.out, old)
        os.replace(self.staging, self.out)
        self.staging = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def release(self) -> None:
        if self._lock_handle is not None:
            self._lock_handle.close()
            self._lock_handle = None
            self._sibling("lock").unlink(missing_ok=True)


class OutputWriter:
    """Writes chunk results into the staging folder, in order (driver only)."""

    def __init__(
        self, folder: Path, targets: Sequence[str], resumed: Checkpoint | None = None
    ) -> None:
        """``resumed``: the files are appended to, and numbering goes on, from a checkpoint."""
        self.folder = folder
        mode: Literal["a", "w"] = "a" if resumed is not None and resumed.sizes else "w"
        self.streams: dict[str, TextIO] = {}
        self.layout: dict[str, tuple[str, str, str]] = {}
        self.table_sequence = 0
        for target in targets:
            if target in TABLE_TARGETS:
                (folder / TABLE_TARGETS[target][0]).mkdir(exist_ok=True)
                continue
            output = ingest_output(get_format(target))
            self.layout[target] = (output.kind, output.name, output.suffix)
            if output.kind == "stream":
                self.streams[target] = (folder / output.name).open(mode, encoding="utf-8")
        self.rejects = (folder / REJECTS).open(mode, encoding="utf-8")
        self.kept = (folder / KEPT).open(mode, encoding="utf-8")
        self.sequence = resumed.sequence if resumed else 0
        self.chunk_sequence = resumed.chunk_sequence if resumed else 0
        self.table_sequence = resumed.table_sequence if resumed else 0

    def appended(self) -> dict[str, TextIO]:
        """The files records are appended to, by name in the folder."""
        handles = {Path(h.name).name: h for h in self.streams.values()}
        return {**handles, REJECTS: self.rejects, KEPT: self.kept}

    def numbers(self) -> tuple[int, int, int]:
        """The numbers of the next document, chunk document and table file."""
        return self.sequence, self.chunk_sequence, self.table_sequence

    def write(self, result: ChunkResult) -> None:
        self.rejects.write(result.rejects)
        self.kept.write(result.kept)
        for target, text in result.streams.items():
            self.streams[target].write(text)
        for target, documents in result.documents.items():
            _, name, suffix = self.layout[target]
            for offset, document in enumerate(documents):
                number = self.sequence + offset
                shard = self.folder / name / f"{number // PER_FOLDER:05d}"
                if number % PER_FOLDER == 0 or not shard.exists():
                    shard.mkdir(parents=True, exist_ok=True)
                (shard / f"{number:09d}{suffix}").write_text(document, encoding="utf-8")
        for target, chunk_documents in result.chunk_documents.items():
            _, name, suffix = self.layout[target]
            folder = self.folder / name
            folder.mkdir(exist_ok=True)
            for offset, document in enumerate(chunk_documents):
                number = self.chunk_sequence + offset
                (folder / f"{number:09d}{suffix}").write_text(document, encoding="utf-8")
        if result.chunk_documents:
            self.chunk_sequence += max(len(d) for d in result.chunk_documents.values())
        for target, tables in result.tables.items():
            for offset, table in enumerate(tables):
                (self.folder / file_name(target, self.table_sequence + offset)).write_bytes(table)
        if result.tables:
            self.table_sequence += max(len(t) for t in result.tables.values())
        self.sequence += result.written

    def close(self) -> None:
        for handle in self.streams.values():
            handle.close()
        self.rejects.close()
        kept_any = self.kept.tell() > 0
        self.kept.close()
        if not kept_any:  # only a run that kept refused values has the file
            (self.folder / KEPT).unlink(missing_ok=True)

    def summary(self, data: dict[str, Any]) -> None:
        write_atomically(
            self.folder / SUMMARY, json.dumps({"written_by": _MARK, **data}, indent=2) + "\n"
        )
