"""What a format is: the pieces every format module fills in, and the reading it hands over.

A format module knows its own syntax, this module, the shared rules (names, dates,
identifiers, languages, text) and, for type hints only, the model. Readers do not build
records: they hand over the record's native form (a JSON-like document) in a
:class:`Reading`, and :mod:`pubmeta.reading` turns every reading into a record the same way.
Writers get records and options and return one document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..lines import JSON_LINES_SUFFIXES as JSON_LINES_SUFFIXES  # the formats' byte_suffixes

if TYPE_CHECKING:
    from ..diagnostics import Issue
    from ..model import Publication

Locator = Callable[[str], tuple[int, int]]


class Fidelity(str, Enum):
    CARRIED = "carried"
    LOSSY = "lossy"
    DROPPED = "dropped"


@dataclass(frozen=True)
class FieldMap:
    """How one record field travels through a format: data the README table, ``pubmeta
    formats`` and the round-trip laws read."""

    field: str
    target: str
    fidelity: Fidelity = Fidelity.CARRIED
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "field": self.field,
            "target": self.target,
            "fidelity": self.fidelity.value,
            "note": self.note,
        }


def dropped(fields: str) -> tuple[FieldMap, ...]:
    """The rows of fields a format does not carry at all, with nothing more to say of them
    (``fields``: their names, separated by spaces)."""
    return tuple(FieldMap(name, "-", Fidelity.DROPPED) for name in fields.split())


@dataclass(slots=True)
class Reading:
    """One record as a reader found it: its native form, and the reader's own findings.

    ``strict`` says how the record is judged. A strict reading is pubmeta's own form: it is
    valid or not, as written, and validation says why. A reading of another format is not
    strict: a value the model refuses is kept as a note with a warning, so one bad value never
    costs the record. ``raw`` is the JSON text of the document when the reader did not parse
    it (the fast path parses and checks in one step); ``text`` and ``line_offset`` let a
    finding's JSON pointer be placed at its line and column.
    """

    document: Any = None
    raw: str | bytes | None = None
    strict: bool = True
    issues: list[Issue] = field(default_factory=list)
    line: int = 1
    pointer_prefix: str = ""
    text: str | bytes | None = None
    line_offset: int = 0
    locate: Locator | None = None
    locate_key: Locator | None = None

    def locators(self) -> tuple[Locator, Locator]:
        """(value locator, key locator): computed only when there is something to place."""
        if self.locate is None or self.locate_key is None:
            if self.text is None:
                first = self.line

                def at_start(_pointer: str) -> tuple[int, int]:
                    return first, 1

                self.locate = self.locate_key = at_start
            else:
                from ..positions import text_locator

                text = self.text
                if isinstance(text, bytes):
                    text = text.decode("utf-8", errors="replace")
                self.locate, self.locate_key = text_locator(text, self.line_offset)
        return self.locate, self.locate_key


def outside(document: dict[str, Any], issues: list[Issue] | None = None, line: int = 1) -> Reading:
    """A reading of a format other than pubmeta's own (judged leniently: see Reading)."""
    return Reading(document=document, strict=False, issues=issues or [], line=line)


@dataclass(frozen=True)
class Option:
    """A writer option (``pubmeta.write(..., name=value)``, ``--option name=value``)."""

    name: str
    help: str
    required: bool = False
    #: The value the writer takes when the option is not given (None: no default)
    default: str | None = None
    #: The values the option takes, when they are few (empty: any text)
    choices: tuple[str, ...] = ()


def version_option(schema: str, versions: tuple[str, ...], default: str) -> Option:
    """The writer option that chooses the version of the format's schema written."""
    help = f"{schema} version: {' or '.join(versions)} (default {default})"
    return Option("version", help, default=default, choices=versions)


Writer = Callable[..., str]


@dataclass(frozen=True)
class Format:
    name: str
    title: str
    media_type: str
    suffixes: tuple[str, ...]
    sniff: Callable[[str, str], bool]
    reader: Callable[[str, str], Iterable[Reading]] | None = None
    #: ``writer(records, **options) -> str``: one document holding the records.
    writer: Writer | None = None
    #: What the format carries: the table, or a function that makes it on first use.
    mapping_source: tuple[FieldMap, ...] | Callable[[], tuple[FieldMap, ...]] = ()
    #: Reads undecoded bytes for these suffixes (each record decoded on its own, so one bad
    #: byte costs one record, not the file, and big files are not copied into one str).
    byte_reader: Callable[[Iterable[bytes]], Iterable[Reading]] | None = None
    byte_suffixes: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    #: A document holds at most this many records (JATS and Dublin Core: one).
    max_records: int | None = None
    #: One record as a part of a stream (a JSON line, a RIS record): ``write_part(record)``.
    write_part: Callable[[Publication], str] | None = None
    #: Suffixes that say "this format" when writing (``-o out.ris``); defaults to suffixes.
    write_suffixes: tuple[str, ...] | None = None
    #: Records one document cannot mix (a Crossref deposit holds one kind of work): ingest
    #: writes a chunk's records as one document per group, in order of first appearance.
    document_group: Callable[[Publication], str] | None = None
    #: Whether reading leaves garbage in reference cycles (a third-party parser's node graphs):
    #: True, or told from a document's text and suffix. The reading layer acts on it (the
    #: collector's pause then leaves what the reading made young): formats never touch the
    #: collector themselves.
    makes_cycles: bool | Callable[[str, str], bool] = False

    @cached_property
    def mapping(self) -> tuple[FieldMap, ...]:
        source = self.mapping_source
        return source() if callable(source) else source

    @property
    def can_read(self) -> bool:
        return self.reader is not None

    @property
    def can_write(self) -> bool:
        return self.writer is not None

    def cycles_from(self, text: str, suffix: str) -> bool:
        """Whether reading this document can leave garbage in reference cycles."""
        makes = self.makes_cycles
        return makes(text, suffix) if callable(makes) else makes

    def carried_fields(self) -> set[str]:
        """Top-level record fields this format brings back unchanged."""
        return {m.field for m in self.mapping if m.fidelity is Fidelity.CARRIED}

    def describe(self) -> dict[str, Any]:
        """What ``pubmeta formats --output-format json`` prints of this format."""
        return {
            "name": self.name,
            "title": self.title,
            "media_type": self.media_type,
            "suffixes": list(self.suffixes),
            "read": self.can_read,
            "write": self.can_write,
            "max_records": self.max_records,
            "options": [
                {
                    "name": o.name,
                    "help": o.help,
                    "type": "string",  # every writer option's value is text (OptionInfo.type)
                    "required": o.required,
                    "default": o.default,
                    "choices": list(o.choices),
                }
                for o in self.options
            ],
            "fields": [m.to_dict() for m in self.mapping],
        }


def overlong_reading(line: Any, number: int) -> Reading:
    """The reading of a line over the line limit (a :class:`~pubmeta.lines.OverlongLine`)."""
    from ..diagnostics import Issue

    problem = Issue("too-large", line.message(number), line=number, column=1)
    return Reading(document=None, strict=False, issues=[problem], line=number)


def json_lines(
    read_one: Callable[[str, str], Iterable[Reading]],
) -> Callable[[Iterable[bytes]], Iterable[Reading]]:
    """A byte reader for JSON Lines of a JSON format (one API response per line): each line is
    read as one document on its own, so one bad line costs that line only."""

    def read_lines(lines: Iterable[bytes]) -> Iterable[Reading]:
        from ..diagnostics import Issue
        from ..errors import FormatError
        from ..lines import OverlongLine, record_lines

        for number, line in record_lines(lines):
            if type(line) is OverlongLine:
                yield overlong_reading(line, number)
                continue
            try:
                text = line.decode("utf-8")
                readings = list(read_one(text, ".json"))
            except UnicodeDecodeError as error:
                problem = Issue("encoding", f"line {number} is not UTF-8: {error.reason}",
                                line=number, column=error.start + 1)  # fmt: skip
                yield Reading(document=None, strict=False, issues=[problem], line=number)
                continue
            except FormatError as error:
                problem = Issue(error.rule, error.message, line=number, column=error.column)
                yield Reading(document=None, strict=False, issues=[problem], line=number)
                continue
            for reading in readings:
                reading.line = number
                reading.issues = [
                    issue if issue.line not in (None, 1) else _on_line(issue, number)
                    for issue in reading.issues
                ]
                yield reading

    return read_lines


def _on_line(issue: Issue, number: int) -> Issue:
    from dataclasses import replace

    return replace(issue, line=number)


_LEADING = "\ufeff \t\r\n"


def is_xml(text: str) -> bool:
    """Whether a document that comes as JSON or XML (the registries' responses) is the XML."""
    return text.lstrip(_LEADING).startswith("<")


def has_marks(text: str, json_mark: re.Pattern[str], xml_mark: re.Pattern[str]) -> bool:
    """Sniffing a format that comes as JSON or XML: its own marks near the start of either."""
    head = text.lstrip(_LEADING)[:8000]
    if head.startswith(("{", "[")):
        return json_mark.search(head) is not None
    return head.startswith("<") and xml_mark.search(head) is not None


def records_or_refuse(fmt_name: str, records: Sequence[Publication], noun: str = "record") -> None:
    """Refuse more records than one document of a one-record format holds."""
    if len(records) > 1:
        from ..errors import WriteError

        raise WriteError(
            f"a {fmt_name} document holds one {noun}; got {len(records)} records "
            "(write each record to its own document)"
        )


def lazy(module: str, name: str) -> Callable[..., Any]:
    """``name`` of one of a format's own modules (its full name, a literal: the layout test
    reads it as an import), imported the first time it is asked for, so sniffing a document
    or listing the formats imports no reader, writer or table. Called, it calls the function
    found, or gives the table found (a mapping's ``MAPPING``)."""
    found: list[Any] = []

    def call(*args: Any, **options: Any) -> Any:
        if not found:
            found.append(getattr(import_module(module), name))
        target = found[0]
        return target(*args, **options) if callable(target) else target

    return call


def json_or_xml(
    read_json: Callable[[str, str], Iterable[Reading]],
    read_xml: Callable[[str, str], Iterable[Reading]],
) -> Callable[[str, str], Iterable[Reading]]:
    """The reader of a format that comes as JSON or XML (the registries' responses)."""

    def read(text: str, suffix: str = "") -> Iterable[Reading]:
        return (read_xml if is_xml(text) else read_json)(text, suffix)

    return read
