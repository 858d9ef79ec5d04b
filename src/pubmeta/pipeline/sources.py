"""Where records come from on disk: the record files of given paths (folders walked in a
stable order) and which ``.txt`` files in a folder are records (portal pages) rather than
READMEs. Reading those files is :mod:`pubmeta.reading`'s; this module only finds them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..formats.registry import FORMATS, record_suffixes, suffix_of


@dataclass(frozen=True)
class Unreadable:
    """A file or folder met on a walk that cannot be read: reported, never skipped."""

    path: Path
    reason: str


def walk(
    paths: Sequence[str | Path], accept: Callable[[Path], bool] | None = None
) -> Iterator[Path | Unreadable]:
    """The record files of the given paths, in a stable (sorted) order: a file argument as it
    is; under a folder, files with a record suffix (hidden ones left out), of which ``.txt``
    only when it looks like a portal page. An unreadable folder is yielded as Unreadable."""
    suffixes: set[str] | None = None  # known by loading every format: only for a folder
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            yield path
            continue
        if suffixes is None:
            suffixes = record_suffixes()
        for folder, folders, files in _sorted_walk(path):
            if isinstance(folder, Unreadable):
                yield folder
                continue
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            for file_name in sorted(files):
                candidate = folder / file_name
                if file_name.startswith(".") or suffix_of(file_name) not in suffixes:
                    continue
                if accept is not None and not accept(candidate):
                    continue
                yield candidate


def _sorted_walk(root: Path) -> Iterator[tuple[Any, list[str], list[str]]]:
    errors: list[OSError] = []
    for folder, folders, files in os.walk(root, onerror=errors.append):
        while errors:
            error = errors.pop(0)
            yield Unreadable(Path(error.filename or folder), error.strerror or str(error)), [], []
        yield Path(folder), folders, files
    for error in errors:
        yield Unreadable(Path(error.filename or root), error.strerror or str(error)), [], []


def looks_like_a_record(path: Path) -> bool:
    """A ``.txt`` file in a folder is taken only when it reads like a portal page (a README
    next to the records is not a record)."""
    if suffix_of(path.name) != ".txt":
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(8192).decode("utf-8", errors="replace")
    except OSError:
        return True  # reading it properly will say why it cannot be read
    return FORMATS["pure"].sniff(head, ".txt")
