"""RIS (``.ris``): the tagged format every reference manager and database exports. Read in
both tag generations with exporters' quirks; written as the specification says (CRLF,
``TY`` first, ``ER`` last, one line per author, keyword and identifier), so that rispy and
bibutils' ``ris2xml`` read it back (tests run them)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..base import FieldMap, Format, Reading

if TYPE_CHECKING:
    from ...model import Publication

_TY = re.compile(r"^\ufeff?TY  ?- ", re.MULTILINE)


def sniff(text: str, suffix: str) -> bool:
    return suffix == ".ris" or _TY.search(text[:8000]) is not None


def _read(text: str, suffix: str = "") -> Iterable[Reading]:
    from .read import read

    return read(text, suffix)


def _write(records: Sequence[Publication]) -> str:
    from .write import write

    return write(records)


def _write_part(record: Publication) -> str:
    from .write import write_part

    return write_part(record)


def _mapping() -> tuple[FieldMap, ...]:
    from .mapping import MAPPING  # a table of some size: loaded when asked for, not to sniff

    return MAPPING


FORMAT = Format(
    name="ris",
    title="RIS (Research Information Systems tagged format)",
    media_type="application/x-research-info-systems",
    suffixes=(".ris",),
    reader=_read,
    writer=_write,
    sniff=sniff,
    mapping_source=_mapping,
    write_part=_write_part,
)
