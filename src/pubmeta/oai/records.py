"""The provider's record store: the records of folders and JSON Lines files, indexed once at
start, held as compact arrays (where each record is, its set, its datestamp), read again
from disk when a response needs them. Memory grows by some 30 bytes a record, not a record.

Identifiers are ``oai:<repository>:<file number>-<position>`` (a line of a JSON Lines file, or
the n-th record of a record file); datestamps are the files' modification times.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PubmetaError

if TYPE_CHECKING:
    from ..model import Publication

#: record type -> setSpec (the sets are the record types)
TYPES = ("article", "review-article", "letter", "editorial", "comment", "conference-paper",
         "conference-abstract", "book", "book-chapter", "report", "thesis", "dataset",
         "preprint", "software", "other")  # fmt: skip
_TYPE_INDEX = {name: index for index, name in enumerate(TYPES)}
#: flag bit: the record can be disseminated as DataCite (it has a DOI and a year)
DATACITE_BIT = 0x80


class RecordStore:
    def __init__(self, paths: Sequence[str | Path], repository: str = "pubmeta") -> None:
        from ..pipeline.sources import looks_like_a_record, walk

        self.repository = repository
        self.files: list[Path] = []
        self.stamps: list[int] = []
        self.file_of = array("I")
        self.where = array("Q")
        self.length = array("I")
        self.kind = array("B")
        self.refused = 0
        for item in walk(paths, accept=looks_like_a_record):
            if not isinstance(item, Path):
                raise PubmetaError(f"cannot read {item.path}: {item.reason}")
            self._index(item)
        if not self.file_of:
            raise PubmetaError(f"no records to serve in {', '.join(str(p) for p in paths)}")

    def __len__(self) -> int:
        return len(self.file_of)

    def _index(self, path: Path) -> None:
        number = len(self.files)
        self.files.append(path)
        self.stamps.append(int(path.stat().st_mtime))
        if path.suffix in (".jsonl", ".ndjson"):
            self._index_lines(path, number)
            return
        from ..api import read

        try:
            records = read(path)
        except PubmetaError:
            self.refused += 1
            return
        for position, record in enumerate(records):
            self._add(number, position, 0, _kind(record))

    def _index_lines(self, path: Path, number: int) -> None:
        from ..model import Publication

        offset = 0
        with path.open("rb") as handle:
            for line in handle:
                size = len(line)
                if line.strip():
                    try:
                        record = Publication.model_validate_json(line)
                    except ValueError:
                        self.refused += 1
                    else:
                        self._add(number, offset, size, _kind(record))
                offset += size

    def _add(self, file: int, where: int, length: int, kind: int) -> None:
        self.file_of.append(file)
        self.where.append(where)
        self.length.append(length)
        self.kind.append(kind)

    def identifier(self, index: int) -> str:
        return f"oai:{self.repository}:{self.file_of[index]}-{self.where[index]}"

    def find(self, identifier: str) -> int | None:
        prefix = f"oai:{self.repository}:"
        if not identifier.startswith(prefix):
            return None
        file_text, _, part_text = identifier[len(prefix) :].partition("-")
        if not (file_text.isdigit() and part_text.isdigit()):
            return None
        file, part = int(file_text), int(part_text)
        # records are indexed file by file, in order: a binary search over (file, where)
        low, high = 0, len(self.file_of)
        while low < high:
            middle = (low + high) // 2
            if (self.file_of[middle], self.where[middle]) < (file, part):
                low = middle + 1
            else:
                high = middle
        if low < len(self.file_of) and (self.file_of[low], self.where[low]) == (file, part):
            return low
        return None

    def datestamp(self, index: int) -> int:
        return self.stamps[self.file_of[index]]

    def set_of(self, index: int) -> str:
        return TYPES[self.kind[index] & 0x7F]

    def has_doi(self, index: int) -> bool:
        return bool(self.kind[index] & DATACITE_BIT)

    def record(self, index: int) -> Publication:
        from ..model import Publication

        path = self.files[self.file_of[index]]
        length = self.length[index]
        if length:
            with path.open("rb") as handle:
                handle.seek(self.where[index])
                return Publication.model_validate_json(handle.read(length))
        from ..api import read

        return read(path)[self.where[index]]

    def records(self, indices: Sequence[int]) -> list[Publication]:
        """The records at ``indices`` (a page), each file opened once."""
        from ..model import Publication

        found: list[Publication] = []
        handle = None
        current = -1
        try:
            for index in indices:
                length = self.length[index]
                if not length:
                    found.append(self.record(index))
                    continue
                file = self.file_of[index]
                if file != current:
                    if handle is not None:
                        handle.close()
                    handle, current = self.files[file].open("rb"), file
                assert handle is not None
                handle.seek(self.where[index])
                found.append(Publication.model_validate_json(handle.read(length)))
        finally:
            if handle is not None:
                handle.close()
        return found

    def earliest(self) -> int:
        return min(self.stamps[file] for file in set(self.file_of))

    def sets(self) -> list[str]:
        return [TYPES[k] for k in sorted({k & 0x7F for k in self.kind})]

    def matching(self, start: int, set_spec: str | None, low: int | None, high: int | None,
                 doi: bool) -> Iterator[int]:  # fmt: skip
        """Record positions from ``start`` that fall in the set and the datestamp window."""
        wanted = _TYPE_INDEX.get(set_spec.removeprefix("type:"), -1) if set_spec else None
        stamps, file_of, kind = self.stamps, self.file_of, self.kind
        for index in range(start, len(file_of)):
            code = kind[index]
            if wanted is not None and code & 0x7F != wanted:
                continue
            if doi and not code & DATACITE_BIT:
                continue
            stamp = stamps[file_of[index]]
            if (low is not None and stamp < low) or (high is not None and stamp > high):
                continue
            yield index


def _kind(record: Publication) -> int:
    code = _TYPE_INDEX.get(record.type._value_, _TYPE_INDEX["other"])
    date = record.dates.published or record.dates.early_online
    if record.identifiers.doi and date is not None and 0 <= date.year <= 9999:
        code |= DATACITE_BIT
    return code
