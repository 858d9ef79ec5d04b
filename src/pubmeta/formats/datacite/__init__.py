"""DataCite: REST API JSON (``data.attributes``, ``data`` lists) and Metadata Schema kernel-3/4
XML are read; one record is written as a kernel-4.6 or 4.7 ``<resource>``, valid against the
official XSD, with DataCite's ``(:unav)`` where a mandatory value is not known."""

from __future__ import annotations

import re

from ..base import (
    JSON_LINES_SUFFIXES,
    Format,
    has_marks,
    json_lines,
    json_or_xml,
    lazy,
    version_option,
)
from .mapping import DEFAULT_VERSION, MAPPING, VERSIONS

_JSON_MARK = re.compile(r'"resourceTypeGeneral"\s*:|"publicationYear"\s*:|"type"\s*:\s*"dois"')
_XML_MARK = re.compile(r"datacite\.org/schema/kernel-")


def sniff(text: str, suffix: str) -> bool:
    return has_marks(text, _JSON_MARK, _XML_MARK)


_read = json_or_xml(
    lazy("pubmeta.formats.datacite.read", "read"), lazy("pubmeta.formats.datacite.read_xml", "read")
)


FORMAT = Format(
    name="datacite",
    title="DataCite (REST API JSON; Metadata Schema kernel-4.6/4.7 XML)",
    media_type="application/vnd.datacite.datacite+xml",
    suffixes=(".xml", ".json"),
    write_suffixes=(".datacite.xml",),
    reader=_read,
    byte_reader=json_lines(_read),  # JSON Lines of API responses, one per line
    byte_suffixes=JSON_LINES_SUFFIXES,
    writer=lazy("pubmeta.formats.datacite.write", "write"),
    sniff=sniff,
    mapping_source=MAPPING,
    options=(version_option("kernel", VERSIONS, DEFAULT_VERSION),),
    max_records=1,
)
