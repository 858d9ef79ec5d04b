"""Shared pieces of the format tests: the records to write, and the round-trip projection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import REPO, SHARED

import pubmeta
from pubmeta import Publication
from pubmeta.formats import FORMATS


def seed_and_corpus_records() -> list[tuple[str, Publication]]:
    """Every record of seeds/ and of the Pure corpus (corpus missing: seeds only)."""
    found = [(p.name, r) for p in sorted((REPO / "seeds").glob("*.yaml")) for r in pubmeta.read(p)]
    corpus = SHARED / "corpus" / "pure"
    for path in sorted(corpus.glob("*.txt")):
        found.extend((path.name, r) for r in pubmeta.read(path, format="pure"))
    return found


def carried(format_name: str, record: Publication) -> dict[str, Any]:
    """The fields a format's mapping data says it carries unchanged."""
    fields = FORMATS[format_name].carried_fields()
    dumped = record.model_dump(mode="json")
    return {k: v for k, v in dumped.items() if k in fields}


def corpus_files(kind: str) -> list[Path]:
    return sorted((SHARED / "corpus" / kind).rglob("*.*"))
