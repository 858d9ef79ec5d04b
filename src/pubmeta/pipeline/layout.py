"""Where ingest (and the harvester) writes each format in an output folder: the output side's
knowledge, not the formats'. A format says how to write records (its writer, and for a stream
``write_part``); this table says which file or folder they go to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..formats.base import Format


@dataclass(frozen=True)
class IngestOutput:
    """How a format is written: records appended to one file (``stream``, through the format's
    ``write_part``), one document per record in numbered folders (``documents``), or one
    document per chunk of records (``chunks``)."""

    kind: Literal["stream", "documents", "chunks"]
    name: str
    suffix: str = ""


#: format name -> its place in the output folder; a writable format not named here is written
#: one document per record in a folder of its name (and is no harvest target)
LAYOUT: dict[str, IngestOutput] = {
    "pubmeta": IngestOutput("stream", "records.jsonl"),
    "csl": IngestOutput("stream", "records.csl.jsonl"),
    "ris": IngestOutput("stream", "records.ris"),
    "bibtex": IngestOutput("chunks", "bibtex", ".bib"),
    "crossref": IngestOutput("chunks", "crossref", ".xml"),
    "jats": IngestOutput("documents", "jats", ".xml"),
    "dc": IngestOutput("documents", "dc", ".xml"),
    "datacite": IngestOutput("documents", "datacite", ".xml"),
    "openaire": IngestOutput("documents", "openaire", ".xml"),
}


def ingest_output(fmt: Format) -> IngestOutput:
    """Where ingest writes a format: as the table says, else one document per record in a
    folder of its name."""
    declared = LAYOUT.get(fmt.name)
    if declared is not None:
        return declared
    return IngestOutput("documents", fmt.name, (fmt.write_suffixes or fmt.suffixes)[0])
