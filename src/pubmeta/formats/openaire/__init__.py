"""OpenAIRE Guidelines for Literature Repositories v4: the ``oai_openaire`` ``<resource>``.

Written valid against the v4 schema (``openaire.xsd``), with the COAR vocabularies for resource
types, access rights and version types (:mod:`.coar`); read leniently, bare or inside OAI-PMH
responses, because real repositories serve records the schema refuses.
"""

from __future__ import annotations

from ..base import Format, lazy
from .mapping import MAPPING, OAIRE


def sniff(text: str, suffix: str) -> bool:
    head = text[:8000]
    return OAIRE in head and "resource" in head


FORMAT = Format(
    name="openaire",
    title="OpenAIRE Literature Repositories v4 (oai_openaire)",
    media_type="application/xml",
    suffixes=(".xml",),
    write_suffixes=(".openaire.xml", ".oai_openaire.xml"),
    reader=lazy("pubmeta.formats.openaire.read", "read"),
    writer=lazy("pubmeta.formats.openaire.write", "write"),
    sniff=sniff,
    mapping_source=MAPPING,
    max_records=1,
)
