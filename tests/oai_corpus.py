"""The recorded OAI-PMH responses of the shared corpus, and real pages cut into a longer list
(the records and envelope of a recorded page, re-paged with tokens) for the harvester tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import SHARED

CORPUS = SHARED / "corpus" / "oai-pmh"
OPENAIRE_PAGE = CORPUS / "repositorium-uminho_2024_ListRecords_oai_openaire.xml"
LAST_PAGE = CORPUS / "hacettepe-dspace_2015_ListRecords_lastpage.xml"

_RECORD = re.compile(rb"<record>.*?</record>", re.DOTALL)
_IDENTIFIER = re.compile(rb"<identifier>\s*(.*?)\s*</identifier>", re.DOTALL)
_TOKEN = re.compile(rb"<resumptionToken[^>]*?(?:/>|>.*?</resumptionToken>)", re.DOTALL)


def truth(path: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(
        path.with_name(path.name.removesuffix(".xml") + ".truth.json").read_text("utf-8")
    )
    return loaded


def list_records_files() -> list[Path]:
    return [p for p in sorted(CORPUS.glob("*.xml")) if truth(p)["verb"] == "ListRecords"
            and truth(p)["error_code"] is None]  # fmt: skip


def identifiers(page: bytes) -> list[tuple[str, bool]]:
    """(identifier, deleted) of each record of a recorded page, by plain text search."""
    found = []
    for record in _RECORD.findall(page):
        header = record[: record.index(b"</header>")]
        match = _IDENTIFIER.search(header)
        assert match is not None
        found.append((match.group(1).decode("utf-8"), b'status="deleted"' in header))
    return found


def repaged(page: bytes, size: int) -> list[bytes]:
    """The recorded page's records in pages of ``size``, each in the page's own envelope,
    linked by tokens 'page-2', 'page-3', ... (the last with an empty token)."""
    records = _RECORD.findall(page)
    start = page.index(b"<record>")
    end = page.rindex(b"</record>") + len(b"</record>")
    head, tail = page[:start], _TOKEN.sub(b"", page[end:])
    pages = []
    for number, first in enumerate(range(0, len(records), size), start=1):
        more = first + size < len(records)
        token = (
            f'<resumptionToken completeListSize="{len(records)}" cursor="{first}">'
            f"page-{number + 1}</resumptionToken>"
            if more
            else f'<resumptionToken completeListSize="{len(records)}" cursor="{first}"/>'
        )
        body = b"".join(records[first : first + size])
        pages.append(head + body + token.encode() + tail)
    return pages
