"""DataCite: REST API JSON (``data.attributes``, ``data`` lists) and Metadata Schema kernel-3/4
XML are read; one record is written as a kernel-4.6 or 4.7 ``<resource>``, valid against the
official XSD, with DataCite's ``(:unav)`` where a mandatory value is not known."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..base import (
    JSON_LINES_SUFFIXES,
    Format,
    Option,
    Reading,
    has_marks,
    is_xml,
    json_lines,
)
from .mapping import DEFAULT_VERSION, MAPPING, VERSIONS

if TYPE_CHECKING:
    from ...model import Publication

_JSON_MARK = re.compile(r'"resourceTypeGeneral"\s*:|"publicationYear"\s*:|"type"\s*:\s*"dois"')
_XML_MARK = re.compile(r"datacite\.org/schema/kernel-")


def sniff(text: str, suffix: str) -> bool:
    return has_marks(text, _JSON_MARK, _XML_MARK)


def _read(text: str, suffix: str = "") -> Iterable[Reading]:
    if is_xml(text):
        from .read_xml import read as read_xml

        return read_xml(text, suffix)
    from .read import read

    return read(text, suffix)


def _write(records: Sequence[Publication], **options: Any) -> str:
    from .write import write

    return write(records, **options)


FORMAT = Format(
    name="datacite",
    title="DataCite (REST API JSON; Metadata Schema kernel-4.6/4.7 XML)",
    media_type="application/vnd.datacite.datacite+xml",
    suffixes=(".xml", ".json"),
    write_suffixes=(".datacite.xml",),
    reader=_read,
    byte_reader=json_lines(_read),  # JSON Lines of API responses, one per line
    byte_suffixes=JSON_LINES_SUFFIXES,
    writer=_write,
    sniff=sniff,
    mapping_source=MAPPING,
    options=(
        Option(
            "version",
            f"kernel version: {' or '.join(VERSIONS)} (default {DEFAULT_VERSION})",
            default=DEFAULT_VERSION,
            choices=VERSIONS,
        ),
    ),
    max_records=1,
)
