"""BibTeX (``.bib``): the entries reference managers and publishers export and LaTeX users
cite from. Read with ``@string`` macros, ``#`` concatenation, ``crossref`` inheritance, LaTeX
to Unicode and BibTeX's name rules; written so that ``bibtex``, ``biber``, pybtex and
bibtexparser all read it back (tests run them)."""

from __future__ import annotations

import re

from ..base import Format, lazy

_ENTRY = re.compile(r"^\s*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)


def sniff(text: str, suffix: str) -> bool:
    head = text[:8000]
    return suffix == ".bib" or (
        _ENTRY.search(head) is not None and not head.lstrip().startswith(("{", "[", "<"))
    )


FORMAT = Format(
    name="bibtex",
    title="BibTeX (.bib; biblatex fields read)",
    media_type="application/x-bibtex",
    suffixes=(".bib",),
    reader=lazy("pubmeta.formats.bibtex.read", "read"),
    writer=lazy("pubmeta.formats.bibtex.write", "write"),
    sniff=sniff,
    mapping_source=lazy("pubmeta.formats.bibtex.mapping", "MAPPING"),
    makes_cycles=True,  # pylatexenc's walker leaves its nodes and closures in cycles
    # ingest: one .bib file per chunk of records (keys are made unique within a document;
    # appended to one file, two chunks could both hold a smith2020)
)
