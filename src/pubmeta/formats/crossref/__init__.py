"""Crossref: REST API works (JSON: a work, ``{"message": work}``, ``message.items``) and
metadata deposit XML are read; deposits are written, valid against the official schema 5.3.1
or 5.4.0, with the head (depositor, e-mail, registrant, batch id, timestamp) from the writer's
options. One deposit holds one kind of work (journal articles, chapters, ...)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..base import (
    JSON_LINES_SUFFIXES,
    Format,
    Option,
    has_marks,
    json_lines,
    json_or_xml,
    lazy,
    version_option,
)
from .mapping import DEFAULT_VERSION, MAPPING, STRUCTURE, VERSIONS

if TYPE_CHECKING:
    from ...model import Publication

#: what only Crossref's REST works have: its envelope, titles as lists, its own type words
#: (CSL items that Crossref serves by content negotiation have CSL's: 'article-journal'; a
#: type word pubmeta's records share, such as 'book-chapter', is no mark)
_JSON_MARK = re.compile(
    r'"message-type"\s*:|"title"\s*:\s*\[|"type"\s*:\s*"(?:journal-article|proceedings-article'
    r"|posted-content|book-section|book-part|reference-entry|edited-book|monograph"
    r'|journal-issue|peer-review|component)"'
)
_XML_MARK = re.compile(
    r"<(?:\w+:)?(?:doi_batch|crossref_result|doi_records?)\b|crossref\.org/schema/"
)


def sniff(text: str, suffix: str) -> bool:
    return has_marks(text, _JSON_MARK, _XML_MARK)


_read = json_or_xml(
    lazy("pubmeta.formats.crossref.read_json", "read"),
    lazy("pubmeta.formats.crossref.read_xml", "read"),
)


def _structure(record: Publication) -> str:
    return STRUCTURE[record.type.value]


FORMAT = Format(
    name="crossref",
    title="Crossref (REST API JSON; metadata deposit XML 5.3.1/5.4.0)",
    media_type="application/vnd.crossref.deposit+xml",
    suffixes=(".xml", ".json"),
    write_suffixes=(".crossref.xml",),
    reader=_read,
    byte_reader=json_lines(_read),  # JSON Lines of API responses, one per line
    byte_suffixes=JSON_LINES_SUFFIXES,
    writer=lazy("pubmeta.formats.crossref.write", "write"),
    sniff=sniff,
    mapping_source=MAPPING,
    options=(
        Option("depositor", "name of the organisation or person depositing", required=True),
        Option("email", "e-mail address Crossref reports the deposit's outcome to", required=True),
        Option("registrant", "the organisation that owns the DOIs", required=True),
        Option("batch_id", "your identifier of this deposit (4-100 characters)", required=True),
        Option("timestamp", "version of the deposit, digits (e.g. 20261130120000)", required=True),
        version_option("schema", VERSIONS, DEFAULT_VERSION),
    ),
    document_group=_structure,
)
