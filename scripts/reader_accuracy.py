"""Field accuracy of the BibTeX, RIS, Crossref, DataCite and OpenAlex readers against readings
written by people (``NAME.truth.json`` beside each real file).

    python scripts/reader_accuracy.py [FOLDER ...]
        (default: $PUBMETA_SHARED/corpus/{bibtex,ris,crossref,datacite,openalex} and the
        project's tests/data/real)

Each truth file lists, per record in file order, ``title``, ``first_author_family``, ``doi`` and
``year`` (conventions: ``corpus/TRUTH.md``). This script reads the file beside it, compares
those four fields record by record and prints every miss and each reader's figure. In a corpus
folder named after a reader that reader is used; elsewhere the format is told from the file.
The judge is independent of the readers: it compares the record's plain fields with the
people's readings (DOIs case-insensitively, as DOIs are; a family name with or without its
particle, as the conventions keep particles with it).
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pubmeta
from pubmeta.model import Publication, Role

READERS = ("bibtex", "ris", "crossref", "datacite", "openalex")
KEYS = ("title", "first_author_family", "doi", "year")
REPO = Path(__file__).resolve().parents[1]


@dataclass
class Figures:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0


def default_folders() -> list[Path]:
    shared = Path(os.environ.get("PUBMETA_SHARED", REPO.parent / "shared"))
    return [shared / "corpus" / kind for kind in READERS] + [REPO / "tests" / "data" / "real"]


def _source(truth: Path) -> Path:
    stem = truth.name.removesuffix(".truth.json")
    return next(
        p
        for p in sorted(truth.parent.iterdir())
        if p.name.startswith(stem + ".") and not p.name.endswith(".truth.json")
    )


def _first_author(record: Publication) -> tuple[str | None, str | None]:
    """(family name as the conventions keep it, the bare family name) of the first author."""
    authors = [c for c in record.contributors if c.role is Role.AUTHOR]
    if not authors:
        return None, None
    first = authors[0]
    if first.kind == "organisation":
        return first.name, first.name
    with_particle = " ".join(p for p in (first.particle, first.family) if p) or None
    return with_particle, first.family


def judge(record: Publication, truth: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """The misses of one record: (key, expected, got)."""
    family, bare = _first_author(record)
    date = record.dates.published or record.dates.early_online
    got = {
        "title": record.title,
        "first_author_family": family,
        "doi": record.identifiers.doi,
        "year": date.year if date else None,
    }
    misses = []
    for key in KEYS:
        want = truth.get(key)
        have = got[key]
        if key == "doi":
            want, have = (want or "").lower() or None, have
        if have == want or (key == "first_author_family" and want is not None and bare == want):
            continue
        misses.append((key, want, have))
    return misses


def _format_of(folder: Path, source: Path) -> str:
    """The reader of a file: the corpus folder's name, else told from the file by this
    script's own marks (suffix, then the keys only that source's responses have)."""
    if folder.name in READERS:
        return folder.name
    if source.suffix in (".bib", ".ris"):
        return source.suffix[1:].replace("bib", "bibtex")
    head = source.read_text("utf-8")[:4000]
    if "openalex.org/W" in head:
        return "openalex"
    if '"attributes"' in head or "datacite.org/schema" in head:
        return "datacite"
    return "crossref"


def measure(folders: list[Path]) -> dict[str, Figures]:
    """Each reader's figures over the truth files of the folders."""
    figures: dict[str, Figures] = defaultdict(Figures)
    for folder in folders:
        for truth_path in sorted(folder.glob("*.truth.json")):
            source = _source(truth_path)
            truths = json.loads(truth_path.read_text("utf-8"))
            reader = _format_of(folder, source)
            counted = figures[reader]
            try:
                records = pubmeta.read(source, format=reader)
            except pubmeta.PubmetaError as error:
                counted.total += len(KEYS) * len(truths)
                counted.misses.append(f"{source.name}: NOT READ: {error}")
                continue
            if len(records) != len(truths):
                counted.misses.append(
                    f"{source.name}: {len(records)} records read, {len(truths)} in the file"
                )
            for index, truth in enumerate(truths):
                counted.total += len(KEYS)
                if index >= len(records):
                    counted.misses.append(f"{source.name} #{index}: record not read")
                    continue
                wrong = judge(records[index], truth)
                counted.right += len(KEYS) - len(wrong)
                counted.misses.extend(
                    f"{source.name} #{index} {key}: expected {want!r}, got {have!r}"
                    for key, want, have in wrong
                )
    return dict(figures)


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv[1:]] or default_folders()
    figures = measure([f for f in folders if f.is_dir()])
    for reader, counted in sorted(figures.items()):
        for miss in counted.misses:
            print(f"  {reader}: {miss}")
    for reader, counted in sorted(figures.items()):
        print(f"{reader}: {counted.right}/{counted.total} fields = {counted.share:.1f}%")
    return 0 if all(c.share >= 99.0 for c in figures.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
