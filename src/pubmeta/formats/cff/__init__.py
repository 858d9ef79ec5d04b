"""CITATION.cff (Citation File Format): read 1.0.3, 1.1.0 and 1.2.0, write 1.2.0 valid against
the official schema, and check a file against that schema and the semantic rules, every problem
at its line and column. How ``preferred-citation`` is carried: see :mod:`.mapping`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..base import FieldMap, Format, Reading

if TYPE_CHECKING:
    from ...model import Publication

_MARK = re.compile(r"^cff-version\s*:", re.MULTILINE)


def sniff(text: str, suffix: str) -> bool:
    return suffix == ".cff" or _MARK.search(text[:20000]) is not None


def _read(text: str, suffix: str = "") -> Iterable[Reading]:
    from .read import read

    return read(text, suffix)


def _write(records: Sequence[Publication]) -> str:
    from .write import write

    return write(records)


def _mapping() -> tuple[FieldMap, ...]:
    from .mapping import MAPPING

    return MAPPING


FORMAT = Format(
    name="cff",
    title="CITATION.cff (Citation File Format 1.2.0; reads 1.0.3 and 1.1.0)",
    media_type="application/x-yaml",
    suffixes=(".cff",),
    reader=_read,
    writer=_write,
    sniff=sniff,
    mapping_source=_mapping,
    max_records=2,
)
