"""The format registry: each format is one module that reads and/or writes the record.

Formats know only their own syntax and the model (hub and spoke, as pandoc's readers and
writers around one document type); no format module imports another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..errors import UnknownFormatError
from ..issues import Issue
from ..model import Publication

Locator = Callable[[str], tuple[int, int]]


class Fidelity(str, Enum):
    CARRIED = "carried"
    LOSSY = "lossy"
    DROPPED = "dropped"


@dataclass(frozen=True)
class FieldMap:
    """How one record field travels through a format: data the README table and tests read."""

    field: str
    target: str
    fidelity: Fidelity = Fidelity.CARRIED
    note: str = ""


@dataclass(slots=True)
class Reading:
    """One record as a reader found it, before or after the model accepted it.

    Native readers hand over ``data`` (a JSON-like document) or the ``raw`` JSON text and let
    validation explain
    refusals; other readers build the ``record`` themselves and report what they could not
    understand in ``issues`` (with line numbers of their own source).
    """

    data: Any = None
    raw: str | bytes | None = None
    record: Publication | None = None
    issues: list[Issue] = field(default_factory=list)
    line: int = 1
    pointer_prefix: str = ""
    #: The text the pointers point into and the number of lines before it; places are only
    #: computed from it when there is something to report.
    text: str | bytes | None = None
    line_offset: int = 0
    locate: Locator | None = None
    locate_key: Locator | None = None

    def locators(self) -> tuple[Locator, Locator]:
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


@dataclass(frozen=True)
class Format:
    name: str
    title: str
    media_type: str
    suffixes: tuple[str, ...]
    reader: Callable[[str, str], Iterable[Reading]] | None
    writer: Callable[[Sequence[Publication]], str] | None
    sniff: Callable[[str, str], bool]
    mapping: tuple[FieldMap, ...] = ()
    #: Reads undecoded bytes for these suffixes (each record decoded on its own, so one bad
    #: byte costs one record, not the file, and big files are not copied into one str).
    byte_reader: Callable[[Iterable[bytes]], Iterable[Reading]] | None = None
    byte_suffixes: tuple[str, ...] = ()

    @property
    def can_read(self) -> bool:
        return self.reader is not None

    @property
    def can_write(self) -> bool:
        return self.writer is not None

    def carried_fields(self) -> set[str]:
        """Top-level record fields this format brings back unchanged."""
        return {m.field for m in self.mapping if m.fidelity is Fidelity.CARRIED}


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UnknownFormatError(f"unknown format '{name}' (known: {known})") from None


def format_for(text: str, suffix: str = "") -> Format:
    """The format of a document, by suffix first and content second."""
    suffix = suffix.lower()
    by_suffix = [f for f in FORMATS.values() if suffix and suffix in f.suffixes and f.can_read]
    for fmt in by_suffix:
        if fmt.sniff(text, suffix):
            return fmt
    for fmt in FORMATS.values():
        if fmt.can_read and fmt not in by_suffix and fmt.sniff(text, suffix):
            return fmt
    if by_suffix:
        return by_suffix[0]
    raise UnknownFormatError(
        "cannot tell the format of this document; name it with --from / format="
    )


def record_suffixes() -> set[str]:
    return {s for f in FORMATS.values() if f.can_read for s in f.suffixes}


def _register_builtin() -> None:
    from . import csl, dublincore, jats, native, pure

    register(native.FORMAT)
    register(pure.FORMAT)
    register(jats.FORMAT)
    register(csl.FORMAT)
    register(dublincore.FORMAT)


_register_builtin()
