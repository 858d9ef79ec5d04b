"""The provider's record store: the records of folders and JSON Lines files, indexed once at
start, held as compact arrays (where each record is, its type, its datestamp), read again
from disk when a response needs them: a JSON Lines record from its line, a record file's
(CSL-JSON, BibTeX, RIS, ...: many records a document) from a private temporary spool the
store writes them to at start, so no page parses a whole file again. Memory grows by some
20 bytes a record, not a record (and 4 bytes a record plus 4 a value with a set field).

Identifiers are ``oai:<repository>:<file number>-<position>`` (a line of a JSON Lines file, or
the n-th record of a record file); datestamps are the files' modification times. With a
deletions list (:mod:`.deletions`), the records it names are deleted (their datestamp is
the deletion's), and identifiers it names that the files no longer hold are tombstones,
listed after the records. With a set field (:mod:`.sets`), each record is in the sets of its
values of that field, besides its type's.
"""

from __future__ import annotations

import tempfile
import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import PubmetaError
from ..identifiers import normalise_doi
from .deletions import Deletions
from .sets import check_field, field_values, set_spec

if TYPE_CHECKING:
    from ..model import Publication

#: record type -> setSpec (the sets are the record types)
TYPES = ("article", "review-article", "letter", "editorial", "comment", "conference-paper",
         "conference-abstract", "book", "book-chapter", "report", "thesis", "dataset",
         "preprint", "software", "other")  # fmt: skip
_TYPE_INDEX = {name: index for index, name in enumerate(TYPES)}
TYPE_MASK = 0x3F
#: flag bit: the record is deleted (named by the deletions list)
DELETED_BIT = 0x40
#: flag bit: the record can be disseminated as DataCite (it has a DOI and a year)
DATACITE_BIT = 0x80


class RecordStore:
    def __init__(
        self,
        paths: Sequence[str | Path],
        repository: str = "pubmeta",
        deletions: Deletions | None = None,
        set_field: str | None = None,
    ) -> None:
        from ..pipeline.sources import looks_like_a_record, walk

        if set_field is not None:
            if set_field == "type":
                raise PubmetaError("set field 'type': the record types are sets already")
            check_field(set_field)
        self.repository = repository
        self.files: list[Path] = []
        self.stamps: list[int] = []
        self.first: list[int] = []  # per file: the index of its first record
        # the records of record files (CSL-JSON, BibTeX, ...: many records a document) are
        # spooled at start as JSON lines to a private temporary file, read back by offset
        self.spooled: list[bool] = []
        self._spool: IO[bytes] | None = None
        self._spool_size = 0
        self._spool_lock = threading.Lock()
        self.file_of = array("I")
        self.where = array("Q")
        self.length = array("I")
        self.kind = array("B")
        self.refused = 0
        self.deletions = deletions
        self.deleted_at: dict[int, int] = {}  # a deleted record -> its deletion's datestamp
        self.tombstones: list[tuple[str, int]] = []  # (identifier, datestamp), after the records
        self._tombstone: dict[str, int] = {}
        self.set_field = set_field
        self.values: list[str] = []  # a set field's values by their code
        self._code: dict[str, int] = {}  # value -> code
        self._spec_code: dict[str, int] = {}  # the value's part of its setSpec -> code
        self.value_start = array("I")  # per record: where its codes begin in value_codes
        self.value_codes = array("I")
        for item in walk(paths, accept=looks_like_a_record):
            if not isinstance(item, Path):
                raise PubmetaError(f"cannot read {item.path}: {item.reason}")
            self._index(item)
        if self._spool is not None:
            self._spool.flush()
        self.types = sorted({k & TYPE_MASK for k in self.kind})  # the types the records have
        self._sets: list[tuple[str, str]] | None = None
        if not self.file_of:
            raise PubmetaError(f"no records to serve in {', '.join(str(p) for p in paths)}")
        self._deleted_by_identifier()

    def __len__(self) -> int:
        """The records of the files (tombstones not counted)."""
        return len(self.file_of)

    @property
    def size(self) -> int:
        """Records and tombstones: the positions a list runs over."""
        return len(self.file_of) + len(self.tombstones)

    def _deleted_by_identifier(self) -> None:
        if self.deletions is None:
            return
        for identifier, stamp in self.deletions.identifiers.items():
            index = self.find(identifier)
            if index is None:
                self._tombstone[identifier] = self.size
                self.tombstones.append((identifier, stamp))
            elif index < len(self.file_of):
                self.kind[index] |= DELETED_BIT
                self.deleted_at[index] = stamp

    def _index(self, path: Path) -> None:
        number = len(self.files)
        self.files.append(path)
        self.stamps.append(int(path.stat().st_mtime))
        self.first.append(len(self.file_of))
        lines = path.suffix in (".jsonl", ".ndjson")
        self.spooled.append(not lines)
        if lines:
            self._index_lines(path, number)
            return
        from ..api import read

        try:
            records = read(path)
        except PubmetaError:
            self.refused += 1
            return
        if self._spool is None:
            self._spool = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the store)
        for record in records:
            data = record.model_dump_json(exclude_defaults=True).encode("utf-8")
            self._spool.write(data)
            self._add(number, self._spool_size, len(data), record)
            self._spool_size += len(data)

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
                        self._add(number, offset, size, record)
                offset += size

    def _add(self, file: int, where: int, length: int, record: Publication) -> None:
        index = len(self.file_of)
        kind = _kind(record)
        doi = record.identifiers.doi
        if self.deletions is not None and doi and self.deletions.dois:
            stamp = self.deletions.dois.get(normalise_doi(doi))
            if stamp is not None:
                kind |= DELETED_BIT
                self.deleted_at[index] = stamp
        self.file_of.append(file)
        self.where.append(where)
        self.length.append(length)
        self.kind.append(kind)
        if self.set_field is not None:
            self.value_start.append(len(self.value_codes))
            for value in field_values(record, self.set_field):
                code = self._code.get(value)
                if code is None:
                    code = self._code[value] = len(self.values)
                    self._spec_code[set_spec(value)] = code
                    self.values.append(value)
                self.value_codes.append(code)

    def identifier(self, index: int) -> str:
        if index >= len(self.file_of):
            return self.tombstones[index - len(self.file_of)][0]
        file = self.file_of[index]
        position = index - self.first[file] if self.spooled[file] else self.where[index]
        return f"oai:{self.repository}:{file}-{position}"

    def find(self, identifier: str) -> int | None:
        tombstone = self._tombstone.get(identifier)
        if tombstone is not None:
            return tombstone
        prefix = f"oai:{self.repository}:"
        if not identifier.startswith(prefix):
            return None
        file_text, _, part_text = identifier[len(prefix) :].partition("-")
        if not (file_text.isdigit() and part_text.isdigit()):
            return None
        file, part = int(file_text), int(part_text)
        if f"{file}-{part}" != f"{file_text}-{part_text}":  # as served: no leading zeros
            return None
        if file < len(self.files) and self.spooled[file]:  # the n-th record of a record file
            following = self.first[file + 1] if file + 1 < len(self.files) else len(self.file_of)
            index = self.first[file] + part
            return index if index < following else None
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
        if index >= len(self.file_of):
            return self.tombstones[index - len(self.file_of)][1]
        if self.kind[index] & DELETED_BIT:
            return self.deleted_at[index]
        return self.stamps[self.file_of[index]]

    def is_deleted(self, index: int) -> bool:
        return index >= len(self.file_of) or bool(self.kind[index] & DELETED_BIT)

    def set_specs(self, index: int) -> list[str]:
        """The setSpecs of the record at ``index`` (a tombstone's are not known: none)."""
        if index >= len(self.file_of):
            return []
        specs = [f"type:{TYPES[self.kind[index] & TYPE_MASK]}"]
        if self.set_field is not None:
            specs += [f"{self.set_field}:{set_spec(self.values[c])}" for c in self._codes(index)]
        return specs

    def _codes(self, index: int) -> array[int]:
        start = self.value_start[index]
        following = index + 1
        end = self.value_start[following] if following < len(self.value_start) else None
        return self.value_codes[start:end]

    def has_doi(self, index: int) -> bool:
        return index < len(self.file_of) and bool(self.kind[index] & DATACITE_BIT)

    def record(self, index: int) -> Publication:
        return self.records([index])[0]

    def records(self, indices: Sequence[int]) -> list[Publication]:
        """The records at ``indices`` (a page), each file opened once."""
        from ..model import Publication

        found: list[Publication] = []
        handle = None
        current = -1
        try:
            for index in indices:
                file, where, length = self.file_of[index], self.where[index], self.length[index]
                if self.spooled[file]:
                    found.append(Publication.model_validate_json(self._spooled(where, length)))
                    continue
                if file != current:
                    if handle is not None:
                        handle.close()
                    handle, current = self.files[file].open("rb"), file
                assert handle is not None
                handle.seek(where)
                found.append(Publication.model_validate_json(handle.read(length)))
        finally:
            if handle is not None:
                handle.close()
        return found

    def _spooled(self, where: int, length: int) -> bytes:
        assert self._spool is not None
        with self._spool_lock:  # one handle, several server threads
            self._spool.seek(where)
            return self._spool.read(length)

    def earliest(self) -> int:
        stamps = [self.stamps[file] for file in set(self.file_of)]
        return min(stamps + list(self.deleted_at.values()) + [t[1] for t in self.tombstones])

    def sets(self) -> list[tuple[str, str]]:
        """(setSpec, setName) of every set: the record types, and with a set field, its name
        and each of its values (the parents ``type`` and the field are sets too)."""
        if self._sets is None:
            found = [("type", "Record types")]
            found += [(f"type:{TYPES[k]}", TYPES[k]) for k in self.types]
            if self.set_field is not None:
                field = self.set_field
                found.append((field, f"Records by {field}"))
                found += sorted((f"{field}:{set_spec(v)}", v) for v in self.values)
            self._sets = found
        return self._sets

    def has_set(self, spec: str) -> bool:
        head, colon, rest = spec.partition(":")
        if head == "type":
            return not colon or _TYPE_INDEX.get(rest, -1) in self.types
        if head == self.set_field:
            return not colon or rest in self._spec_code
        return False

    def _in_set(self, spec: str) -> Callable[[int], bool]:
        """Whether the record at a position is in the set ``spec`` (tombstones are in none)."""
        head, _, rest = spec.partition(":")
        kind, count = self.kind, len(self.file_of)
        if head == "type":
            if not rest:
                return lambda index: index < count
            wanted = _TYPE_INDEX.get(rest, -1)
            return lambda index: index < count and kind[index] & TYPE_MASK == wanted
        if head == self.set_field:
            if not rest:
                return lambda index: index < count and len(self._codes(index)) > 0
            code = self._spec_code.get(rest, -1)
            return lambda index: index < count and code in self._codes(index)
        return lambda _index: False

    def matching(self, start: int, spec: str | None, low: int | None, high: int | None,
                 doi: bool) -> Iterator[int]:  # fmt: skip
        """Positions from ``start`` (records, then tombstones) that fall in the set and the
        datestamp window (a deleted record's datestamp is its deletion's)."""
        in_set = None if spec is None else self._in_set(spec)
        stamps, file_of, kind, count = self.stamps, self.file_of, self.kind, len(self.file_of)
        for index in range(start, self.size):
            if in_set is not None and not in_set(index):
                continue
            if index < count:
                code = kind[index]
                if doi and not code & DATACITE_BIT:
                    continue
                stamp = self.deleted_at[index] if code & DELETED_BIT else stamps[file_of[index]]
            else:
                stamp = self.tombstones[index - count][1]
            if (low is not None and stamp < low) or (high is not None and stamp > high):
                continue
            yield index


def _kind(record: Publication) -> int:
    code: int = _TYPE_INDEX.get(record.type._value_, _TYPE_INDEX["other"])
    date = record.dates.published or record.dates.early_online
    if record.identifiers.doi and date is not None and 0 <= date.year <= 9999:
        code |= DATACITE_BIT
    return code
