"""OpenAIRE Guidelines for Literature Repositories v4: the ``oai_openaire`` ``<resource>``.

Written valid against the v4 schema (``openaire.xsd``), with the COAR vocabularies for resource
types, access rights and version types (:mod:`.coar`); read leniently, bare or inside OAI-PMH
responses, because real repositories serve records the schema refuses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..base import Format, Reading
from .mapping import MAPPING, OAIRE

if TYPE_CHECKING:
    from ...model import Publication


def sniff(text: str, suffix: str) -> bool:
    head = text[:8000]
    return OAIRE in head and "resource" in head


def _read(text: str, suffix: str = "") -> Iterable[Reading]:
    from .read import read

    return read(text, suffix)


def _write(records: Sequence[Publication]) -> str:
    from .write import write

    return write(records)


FORMAT = Format(
    name="openaire",
    title="OpenAIRE Literature Repositories v4 (oai_openaire)",
    media_type="application/xml",
    suffixes=(".xml",),
    write_suffixes=(".openaire.xml", ".oai_openaire.xml"),
    reader=_read,
    writer=_write,
    sniff=sniff,
    mapping_source=MAPPING,
    max_records=1,
)
