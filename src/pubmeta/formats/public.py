"""What a user sees of the formats: ``pubmeta.FORMATS``, a read-only view per format (its
name, suffixes, whether it reads and writes, its writer options with their types and defaults,
and what it carries), and the typed options of :func:`pubmeta.write` per format.

The registry's own :class:`~pubmeta.formats.base.Format` objects, with the readers, writers and
ingest plumbing, stay internal (:data:`pubmeta.formats.registry.FORMATS`); a view is made from
one the first time it is asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypedDict

from .registry import FORMATS as REGISTRY
from .registry import BuiltinNames

if TYPE_CHECKING:
    from .base import FieldMap, Format


class PubmetaOptions(TypedDict, total=False):
    """Options of ``write(records, "pubmeta", ...)``."""

    #: json (the default), jsonl (a line per record) or yaml
    layout: Literal["json", "jsonl", "yaml"]


class _CrossrefHead(TypedDict):
    depositor: str
    email: str
    registrant: str
    batch_id: str
    timestamp: str


class CrossrefOptions(_CrossrefHead, total=False):
    """Options of ``write(records, "crossref", ...)``: the deposit's head (all required but
    ``version``)."""

    version: Literal["5.3.1", "5.4.0"]


class DataciteOptions(TypedDict, total=False):
    """Options of ``write(record, "datacite", ...)``."""

    version: Literal["4.6", "4.7"]


#: format name -> the TypedDict of its writer options (formats not named here take none)
OPTION_TYPES: dict[str, type] = {
    "pubmeta": PubmetaOptions,
    "crossref": CrossrefOptions,
    "datacite": DataciteOptions,
}


@dataclass(frozen=True)
class OptionInfo:
    """A writer option: ``pubmeta.write(records, format, name=value)``. Every option's value is
    a ``str``; ``choices`` lists the values it takes when they are few."""

    name: str
    help: str
    required: bool
    default: str | None
    choices: tuple[str, ...]
    type: type = str


@dataclass(frozen=True)
class FormatInfo:
    """What a format is to a user: read-only, with no reader or writer in it."""

    name: str
    title: str
    media_type: str
    suffixes: tuple[str, ...]
    can_read: bool
    can_write: bool
    #: A document holds at most this many records (JATS and Dublin Core: one), or None.
    max_records: int | None
    options: tuple[OptionInfo, ...]
    #: The TypedDict of the writer options (``pubmeta.CrossrefOptions``, ...), or None
    options_type: type | None
    _format: Format

    @property
    def mapping(self) -> tuple[FieldMap, ...]:
        """What the format carries, carries with loss, or drops, field by field."""
        return self._format.mapping

    def carried_fields(self) -> set[str]:
        """Top-level record fields this format brings back unchanged."""
        return self._format.carried_fields()

    def __repr__(self) -> str:
        return f"<pubmeta format {self.name!r}: {self.title}>"


def _info(fmt: Format) -> FormatInfo:
    options = tuple(
        OptionInfo(o.name, o.help, o.required, o.default, o.choices) for o in fmt.options
    )
    return FormatInfo(
        name=fmt.name,
        title=fmt.title,
        media_type=fmt.media_type,
        suffixes=fmt.suffixes,
        can_read=fmt.can_read,
        can_write=fmt.can_write,
        max_records=fmt.max_records,
        options=options,
        options_type=OPTION_TYPES.get(fmt.name),
        _format=fmt,
    )


class Formats(BuiltinNames, Mapping[str, FormatInfo]):
    """``pubmeta.FORMATS``: format name -> :class:`FormatInfo`, read-only; a format is imported
    the first time it is asked for."""

    def __init__(self) -> None:
        self._made: dict[str, FormatInfo] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> FormatInfo:
        info = self._made.get(name)
        if info is None:
            fmt = REGISTRY[name]  # KeyError for a name that is no format
            with self._lock:
                info = self._made.setdefault(name, _info(fmt))
        return info


FORMATS = Formats()
