"""BibTeX (``.bib``): the entries reference managers and publishers export and LaTeX users
cite from. Read with ``@string`` macros, ``#`` concatenation, ``crossref`` inheritance, LaTeX
to Unicode and BibTeX's name rules; written so that ``bibtex``, ``biber``, pybtex and
bibtexparser all read it back (tests run them)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..base import FieldMap, Format, Reading

if TYPE_CHECKING:
    from ...model import Publication

_ENTRY = re.compile(r"^\s*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)


def sniff(text: str, suffix: str) -> bool:
    head = text[:8000]
    return suffix == ".bib" or (
        _ENTRY.search(head) is not None and not head.lstrip().startswith(("{", "[", "<"))
    )


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
    name="bibtex",
    title="BibTeX (.bib; biblatex fields read)",
    media_type="application/x-bibtex",
    suffixes=(".bib",),
    reader=_read,
    writer=_write,
    sniff=sniff,
    mapping_source=_mapping,
    makes_cycles=True,  # pylatexenc's walker leaves its nodes and closures in cycles
    # ingest: one .bib file per chunk of records (keys are made unique within a document;
    # appended to one file, two chunks could both hold a smith2020)
)
