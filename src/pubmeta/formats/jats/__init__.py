"""JATS XML: the record as the ``<front>`` of a JATS 1.3 ``<article>``; read back from JATS
1.x and NLM 2.x/3.0 articles as publishers deliver them.

The writer's output is valid against the JATS 1.3 Archiving and Publishing DTDs and the
Publishing XSD. What JATS has no element for travels in ``custom-meta`` under ``pubmeta:``
names (:mod:`.mapping`), so the round trip keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..base import FieldMap, Format, Reading

if TYPE_CHECKING:
    from ...model import Publication


def sniff(text: str, suffix: str) -> bool:
    head = text[:4000]
    return "<article" in head and ("<front" in text[:20000] or "JATS" in head or "NLM" in head)


def _read(text: str, suffix: str = "") -> Iterable[Reading]:
    from .read import read

    return read(text, suffix)


def _write(records: Sequence[Publication]) -> str:
    from .write import write

    return write(records)


def _mapping() -> tuple[FieldMap, ...]:
    from .mapping import MAPPING  # a table of some size: loaded when asked for, not to sniff

    return MAPPING


FORMAT = Format(
    name="jats",
    title="JATS 1.3 XML article front matter",
    media_type="application/jats+xml",
    suffixes=(".xml", ".nxml", ".jats"),
    write_suffixes=(".jats.xml", ".nxml", ".jats"),
    reader=_read,
    writer=_write,
    sniff=sniff,
    mapping_source=_mapping,
    max_records=1,
)
