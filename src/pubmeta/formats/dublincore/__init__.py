"""Dublin Core: OAI-PMH ``oai_dc:dc`` records following the OpenAIRE Guidelines for Literature
Repositories (info:eu-repo/semantics vocabularies, DOI as https://doi.org/ URI, ISO 8601
dates, ISO 639-3 languages, the journal citation in ``dc:source``, alternative identifiers and
grant agreements in ``dc:relation``).

Dublin Core is lossy by nature: fifteen flat elements cannot hold the record. The round trip
holds on the subset the mapping table calls carried; what is lossy is said there, and what is
dropped is listed too. The reader takes bare ``oai_dc:dc`` documents and OAI-PMH
GetRecord/ListRecords responses as repositories serve them.
"""

from __future__ import annotations

from ..base import Format, lazy
from .mapping import MAPPING, OAI_DC


def sniff(text: str, suffix: str) -> bool:
    return OAI_DC in text[:8000]


FORMAT = Format(
    name="dc",
    title="Dublin Core (OAI-PMH oai_dc, OpenAIRE literature guidelines)",
    media_type="application/xml",
    suffixes=(".xml",),
    write_suffixes=(".dc.xml", ".oai_dc.xml"),
    reader=lazy("pubmeta.formats.dublincore.read", "read"),
    writer=lazy("pubmeta.formats.dublincore.write", "write"),
    sniff=sniff,
    mapping_source=MAPPING,
    max_records=1,
)
