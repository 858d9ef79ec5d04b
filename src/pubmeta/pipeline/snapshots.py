"""Bulk snapshots as ingest sources: the registries' data files, read as streams of records.

Layouts (see the shared corpus README for how the providers document them):

- the Crossref public data file: a plain tar, or its unpacked folder, of gzip members, each
  one ``{"items": [...]}`` object (to 2024; up to 600 MB decompressed) or JSON Lines (2025 on);
- an OpenAlex snapshot folder: ``data/works/updated_date=*/part_*.gz`` with its ``manifest``,
  or the 2026 ``data/jsonl/works/...`` with ``manifest.json``; ``merged_ids/**.csv.gz`` name
  works merged into others, which are left out (deletions);
- the DataCite data file: ``dois/updated_YYYY-MM/part_NNNN.jsonl.gz`` with a ``MANIFEST``
  (``path size sha256``, the sha256 in base64), or the 2023 ``<prefix>/part_NNNNN.jsonl``.

A member's shape is told by its first bytes, never its name: gzip or not, then an
``{"items": [`` object (streamed item by item: a member is never held whole) or JSON Lines. Each
record becomes one unit of work, so members are read by the driver with bounded memory and
their records are validated by the workers in parallel. What a manifest says and the files
disagree on (a file missing, of another size or checksum, with another record count) is a
rejected unit of that file, with the rule ``manifest-*``: the run goes on.
"""

from __future__ import annotations

import base64
import codecs
import csv
import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import UnknownFormatError
from ..formats.registry import format_for, record_suffixes, suffix_of
from ..lines import MAX_LINE_BYTES, OverlongLine, bounded_lines
from .sources import looks_like_a_record
from .units import Unit, iter_units

GZIP_MAGIC = b"\x1f\x8b"
#: ``{"items": [`` in any spacing: a Crossref member up to 2024.
_ITEMS_HEAD = re.compile(rb'\A\s*\{\s*"items"\s*:\s*\[\s*')
#: The compact layout of 2020-2022 members: the first item starts on the first line.
_COMPACT_HEAD = re.compile(rb'\A\{"items":\[\{')
_TEXT_ITEMS_HEAD = re.compile(r'\A\s*\{\s*"items"\s*:\s*\[')
_SPACE_COMMA = re.compile(r"[\s,]*")
#: The work's id at the start of an OpenAlex line (``{"id":"https://openalex.org/W1",``).
_LEADING_ID = re.compile(rb'\A\s*\{\s*"id"\s*:\s*"([^"]*)"')
_BLOCK = 1 << 20
_MANIFESTS = ("manifest", "manifest.json", "MANIFEST")
_SKIPPED_NAMES = ("STATUS.json", "MANIFEST.json")
_ERRORS = (OSError, EOFError, zlib.error, tarfile.TarError, UnicodeDecodeError)


def iter_inputs(
    paths: list[str | Path] | tuple[str | Path, ...],
    format: str | None = None,
    strict: bool = False,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Unit]:
    """The units of every input in order: snapshots a record a unit (lenient unless
    ``strict``), other files and folders as :func:`.units.iter_units` cuts them. A snapshot
    member ``skip`` names (by its source label) is passed over unread."""
    for path in paths:
        if is_snapshot(Path(path)):
            yield from snapshot_units(Path(path), format, lenient=not strict, skip=skip)
        else:
            yield from iter_units([path], format)


def is_snapshot(path: Path) -> bool:
    """A tar file, a gzip file, or a folder holding a manifest or gzip members."""
    if path.is_dir():
        return any(_snapshot_markers(path))
    try:
        with path.open("rb") as handle:
            head = handle.read(265)
    except OSError:
        return False
    return head[:2] == GZIP_MAGIC or head[257:262] == b"ustar"


def _snapshot_markers(root: Path) -> Iterator[Path]:
    for folder, folders, files in os.walk(root):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in files:
            if name in _MANIFESTS or name.endswith(".gz"):
                yield Path(folder) / name


@dataclass
class Expected:
    """What a manifest says of one file."""

    size: int | None = None
    records: int | None = None
    sha256: str | None = None  # base64, as DataCite writes it


@dataclass
class Snapshot:
    """One snapshot source: its members in a stable order, what its manifests expect of them
    and the ids merged away."""

    root: Path
    expected: dict[str, Expected] = field(default_factory=dict)
    merged: set[str] = field(default_factory=set)
    deleted: int = 0


def snapshot_units(
    path: Path,
    format: str | None = None,
    lenient: bool = False,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Unit]:
    """The units of a snapshot at ``path`` (a tar, a gzip member or a folder), in order."""
    passed = skip or _nothing
    if path.is_dir():
        yield from _folder_units(path, format, lenient, passed)
        return
    if passed(str(path)):
        return
    with path.open("rb") as handle:
        head = handle.read(265)
    if head[257:262] == b"ustar" or (head[:2] == GZIP_MAGIC and _is_gzipped_tar(path)):
        yield from _tar_units(path, format, lenient, passed)
        return
    with path.open("rb") as raw:
        yield from _member_units(raw, str(path), format, lenient, Snapshot(path.parent))


def _nothing(_source: str) -> bool:
    return False


def _is_gzipped_tar(path: Path) -> bool:
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read(265)[257:262] == b"ustar"
    except _ERRORS:
        return False


def _problem(source: str, rule: str, message: str) -> Unit:
    return Unit(source, "file", b"", "", None, (rule, message))


# -- folders and manifests ---------------------------------------------------------------------


def _folder_units(
    root: Path, format: str | None, lenient: bool, skip: Callable[[str], bool]
) -> Iterator[Unit]:
    snapshot = Snapshot(root)
    files = _FolderFiles.of(root)
    yield from _manifest_problems(root, files, snapshot)
    for member in files.members:
        if skip(str(member)):
            continue
        if member in files.plain:
            yield from iter_units([member], format)
            continue
        yield from _checked_member_units(root, member, format, lenient, snapshot)


@dataclass
class _FolderFiles:
    """The files of a snapshot folder, by what they are."""

    members: list[Path] = field(default_factory=list)
    manifests: list[Path] = field(default_factory=list)
    merged_files: list[Path] = field(default_factory=list)
    #: record files of another format beside the members (read as files are)
    plain: set[Path] = field(default_factory=set)

    @classmethod
    def of(cls, root: Path) -> _FolderFiles:
        """Walked in a stable (sorted) order; hidden files and folders are passed over."""
        files = cls()
        plain_suffixes = record_suffixes() - {".jsonl"}  # JSON Lines: members
        for folder, folders, names in os.walk(root):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            for name in sorted(names):
                if not name.startswith(".") and name not in _SKIPPED_NAMES:
                    files.add(Path(folder) / name, root, plain_suffixes)
        return files

    def add(self, path: Path, root: Path, plain_suffixes: set[str]) -> None:
        name = path.name
        relative = path.relative_to(root).as_posix()
        if name in _MANIFESTS:
            self.manifests.append(path)
        elif "merged_ids/" in f"/{relative}" and name.endswith(".csv.gz"):
            self.merged_files.append(path)
        elif name.endswith((".gz", ".jsonl")) and not name.endswith(".csv.gz"):
            self.members.append(path)
        elif suffix_of(name) in plain_suffixes and looks_like_a_record(path):  # beside them
            self.members.append(path)
            self.plain.add(path)


def _manifest_problems(root: Path, files: _FolderFiles, snapshot: Snapshot) -> Iterator[Unit]:
    """The manifests and merged-id lists read into the snapshot: a problem for each that
    cannot be read, and for each file a manifest lists that is not there."""
    for manifest in files.manifests:
        problem = _read_manifest(manifest, root, snapshot)
        if problem is not None:
            yield problem
    for merged in files.merged_files:
        problem = _read_merged(merged, snapshot)
        if problem is not None:
            yield problem
    present = {m.relative_to(root).as_posix() for m in files.members}
    for relative in sorted(set(snapshot.expected) - present):
        yield _problem(
            str(root / relative),
            "manifest-missing",
            f"the manifest lists {relative}, which is not in {root}",
        )


def _checked_member_units(
    root: Path, member: Path, format: str | None, lenient: bool, snapshot: Snapshot
) -> Iterator[Unit]:
    """A member's records, once its size and checksum match what the manifest says."""
    expected = snapshot.expected.get(member.relative_to(root).as_posix())
    problem = _check_file(member, expected)
    if problem is not None:
        yield problem
        return
    try:
        raw = member.open("rb")
    except OSError as error:
        yield _problem(str(member), "io-error", f"cannot read {member}: {error.strerror}")
        return
    with raw:
        yield from _member_units(raw, str(member), format, lenient, snapshot, expected)


def _relative_of(url: str, manifest_folder: str) -> str:
    """A manifest's URL (``s3://openalex/data/works/updated_date=X/part_0000.gz``) as a path
    relative to the snapshot root, through the manifest's own folder name."""
    marker = f"/{manifest_folder}/" if manifest_folder else "/"
    if manifest_folder and marker in url:
        return url.rsplit(marker, 1)[1]
    return url.split("://", 1)[-1].split("/", 1)[-1]


def _read_manifest(path: Path, root: Path, snapshot: Snapshot) -> Unit | None:
    folder = path.parent.relative_to(root).as_posix()
    prefix = "" if folder == "." else f"{folder}/"
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return _problem(str(path), "manifest-unreadable", f"cannot read the manifest: {error}")
    if path.name == "MANIFEST":  # DataCite: "path size sha256" lines
        for number, line in enumerate(text.splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 3 or not parts[1].isdigit():
                return _problem(
                    str(path), "manifest-unreadable", f"line {number} is not 'path size sha256'"
                )
            relative = prefix + parts[0].lstrip("/")
            snapshot.expected[relative] = Expected(size=int(parts[1]), sha256=parts[2])
        return None
    try:
        document = json.loads(text)
        entries = document.get("entries") or document.get("files") or []
    except (ValueError, AttributeError):
        return _problem(str(path), "manifest-unreadable", "the manifest is not a JSON object")
    name = path.parent.name
    for entry in entries:
        if isinstance(entry, str):
            entry = {"url": entry}
        if not isinstance(entry, dict):
            continue
        url = entry.get("url") or entry.get("path") or entry.get("key") or ""
        meta: dict[str, Any] = entry["meta"] if isinstance(entry.get("meta"), dict) else entry
        relative = prefix + _relative_of(str(url), name)
        snapshot.expected[relative] = Expected(
            size=meta.get("content_length"), records=meta.get("record_count")
        )
    return None


def _read_merged(path: Path, snapshot: Snapshot) -> Unit | None:
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                value = (row.get("id") or "").strip()
                if value:
                    snapshot.merged.add(value.rsplit("/", 1)[-1].upper())
    except (*_ERRORS, csv.Error) as error:
        return _problem(str(path), "manifest-unreadable", f"cannot read merged ids: {error}")
    return None


def _check_file(path: Path, expected: Expected | None) -> Unit | None:
    if expected is None:
        return None
    try:
        size = path.stat().st_size
    except OSError as error:
        return _problem(str(path), "io-error", f"cannot read {path}: {error.strerror}")
    if expected.size is not None and size != expected.size:
        return _problem(
            str(path),
            "manifest-size",
            f"{path.name} has {size} bytes, the manifest says {expected.size} (a partial "
            "download?); not read",
        )
    if expected.sha256 is not None:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(_BLOCK), b""):
                digest.update(block)
        found = base64.b64encode(digest.digest()).decode()
        if found != expected.sha256 and digest.hexdigest() != expected.sha256.lower():
            return _problem(
                str(path),
                "manifest-checksum",
                f"{path.name} has sha256 {found}, the manifest says {expected.sha256}; not read",
            )
    return None


# -- tar -----------------------------------------------------------------------------------------


def _tar_units(
    path: Path, format: str | None, lenient: bool, skip: Callable[[str], bool]
) -> Iterator[Unit]:
    snapshot = Snapshot(path)
    try:
        with tarfile.open(path, mode="r|*") as archive:
            for member in archive:
                name = member.name.rsplit("/", 1)[-1]
                if not member.isfile() or name.startswith(".") or name in _SKIPPED_NAMES:
                    continue
                if name in _MANIFESTS or name.endswith((".csv.gz", ".csv")):
                    continue  # manifests and DOI state lists are checked in folders only
                source = f"{path}:{member.name}"
                if skip(source):
                    continue  # the stream passes over it without decompressing it
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                yield from _member_units(handle, source, format, lenient, snapshot)
    except _ERRORS as error:
        yield _problem(str(path), "io-error", f"cannot read the archive {path}: {error}")


# -- members -----------------------------------------------------------------------------------


def _member_units(
    raw: IO[bytes],
    source: str,
    format: str | None,
    lenient: bool,
    snapshot: Snapshot,
    expected: Expected | None = None,
) -> Iterator[Unit]:
    head = raw.read(2)
    stream: Any = _Prefixed(head, raw)
    if head == GZIP_MAGIC:
        stream = gzip.GzipFile(fileobj=stream, mode="rb")
    buffered = io.BufferedReader(stream, buffer_size=_BLOCK)
    count = 0
    deleted = snapshot.deleted
    try:
        first = buffered.peek(64)[:64]
        if _ITEMS_HEAD.match(first):
            records = _items(buffered, source, format, lenient)
        else:
            records = _lines(buffered, source, format, lenient, snapshot)
        for unit in records:
            if unit.problem is None:
                count += 1
            yield unit
    except _ERRORS as error:
        yield _problem(source, "io-error", f"the member is damaged after {count} records: {error}")
        return
    count += snapshot.deleted - deleted  # a manifest counts the merged works' lines too
    if expected is not None and expected.records is not None and count != expected.records:
        yield _problem(
            source,
            "manifest-count",
            f"{count} records read, the manifest says {expected.records}",
        )


class _Prefixed(io.RawIOBase):
    """A stream with bytes already read put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _format_of(content: bytes, format: str | None) -> str | None:
    """The format of a member, told by its first record (the records of a member share one)."""
    if format is not None:
        return format
    try:
        return format_for(content.decode("utf-8", errors="replace"), ".json").name
    except UnknownFormatError:
        return None


def _lines(
    stream: IO[bytes], source: str, format: str | None, lenient: bool, snapshot: Snapshot
) -> Iterator[Unit]:
    found: str | None = format
    known = format is not None
    for number, line in enumerate(bounded_lines(stream), start=1):  # type: ignore[arg-type]
        if type(line) is OverlongLine:
            message = line.message(number)
            yield Unit(source, str(number), b"", ".jsonl", found, ("too-large", message))
            continue
        line = line.rstrip(b"\r\n")
        if not line.strip():
            continue
        if snapshot.merged:
            match = _LEADING_ID.match(line)
            if match and match.group(1).decode().rsplit("/", 1)[-1].upper() in snapshot.merged:
                snapshot.deleted += 1
                continue
        if not known:
            found, known = _format_of(line, None), True
        yield Unit(source, str(number), line, ".json", found, None, lenient)


def _items(stream: IO[bytes], source: str, format: str | None, lenient: bool) -> Iterator[Unit]:
    """The items of an ``{"items": [...]}`` member, each as its own bytes, streamed."""
    head = stream.peek(32)[:32]  # type: ignore[attr-defined]
    if _COMPACT_HEAD.match(head):
        yield from _compact_items(stream.readline(MAX_LINE_BYTES), stream, source, format, lenient)
        return
    if head.startswith(_JACKSON_HEAD):
        yield from _jackson_items(stream, source, format, lenient)
        return
    yield from _decoded_items(stream, source, format, lenient)


#: The 2023/2024 members, pretty-printed by Jackson: items at an indent of two, so an item ends
#: at a line "  }, {" (or "  } ]" for the last): no JSON string holds a raw line break, and a
#: nested object's lines are indented deeper.
_JACKSON_HEAD = b'{\n  "items" : [ {\n'
_JACKSON_NEXT = b"\n  }, {\n"
_JACKSON_LAST = b"\n  } ]"


def _jackson_items(
    stream: IO[bytes], source: str, format: str | None, lenient: bool
) -> Iterator[Unit]:
    """The pretty-printed layout cut at its item lines, without decoding it (several times
    faster than decoding each item to find its end)."""
    stream.read(len(_JACKSON_HEAD))
    found: str | None = format
    known = format is not None
    pending = b""
    index = 0
    while True:
        block = stream.read(_BLOCK)
        pieces = (pending + block).split(_JACKSON_NEXT)
        pending = pieces.pop()
        if not block:
            end = pending.rfind(_JACKSON_LAST)
            if end < 0:
                pieces.append(pending)  # cut short: the worker reports the broken item
            else:
                pieces.append(pending[:end])
        for piece in pieces:
            item = b"{\n" + piece + b"\n  }"
            if not known:
                found, known = _format_of(item, None), True
            yield Unit(source, f"item {index}", item, ".json", found, None, lenient)
            index += 1
        if not block:
            return
        if len(pending) > MAX_LINE_BYTES:
            yield _problem(source, "too-large", f"item {index} is over the size limit")
            return


def _compact_items(
    first_line: bytes, stream: IO[bytes], source: str, format: str | None, lenient: bool
) -> Iterator[Unit]:
    """The 2020-2022 layout, one item a line (``{"items":[{...},\\n{...},\\n...{...}\\n]\\n}``):
    a JSON string holds no raw line break, so a line is an item."""
    found: str | None = format
    known = format is not None
    line = first_line[_ITEMS_HEAD.match(first_line).end() :]  # type: ignore[union-attr]
    index = 0
    while line:
        item = line.strip().rstrip(b",")
        if item and item not in (b"]", b"}", b"]}"):  # the array's and the object's ends
            if not known:
                found, known = _format_of(item, None), True
            yield Unit(source, f"item {index}", item, ".json", found, None, lenient)
            index += 1
        line = stream.readline(MAX_LINE_BYTES + 2)


def _decoded_items(
    stream: IO[bytes], source: str, format: str | None, lenient: bool
) -> Iterator[Unit]:
    """Any other layout of the object (the pretty-printed 2023/2024 members): items are found
    by decoding them one at a time from a window of the text, read a block at a time."""
    decoder = json.JSONDecoder()
    text_of = codecs.getincrementaldecoder("utf-8")()
    block = stream.read(_BLOCK)
    text = text_of.decode(block, final=not block)
    head = _TEXT_ITEMS_HEAD.match(text)
    if head is None:  # told by the same first bytes: only a member cut in its head
        yield _problem(source, "format", 'the member\'s head is not {"items": [')
        return
    position = head.end()
    ended = not block
    found: str | None = format
    known = format is not None
    index = 0
    while True:
        position = _SPACE_COMMA.match(text, position).end()  # type: ignore[union-attr]
        if position < len(text) and text[position] == "]":
            return
        try:
            if position >= len(text):
                raise ValueError("more")
            _value, end = decoder.raw_decode(text, position)
        except ValueError:
            if ended:
                if text[position:].strip():
                    yield _problem(source, "format", f"item {index} is cut short or not JSON")
                return
            if len(text) - position > MAX_LINE_BYTES:
                yield _problem(source, "too-large", f"item {index} is over the size limit")
                return
            block = stream.read(_BLOCK)
            ended = not block
            text = text[position:] + text_of.decode(block, final=ended)
            position = 0
            continue
        item = text[position:end].encode("utf-8")
        if not known:
            found, known = _format_of(item, None), True
        yield Unit(source, f"item {index}", item, ".json", found, None, lenient)
        index += 1
        position = end
