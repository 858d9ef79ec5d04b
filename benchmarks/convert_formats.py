"""Conversion speed of each format on the real corpus records; records/s and peak memory.

    python benchmarks/convert_formats.py [N]       (default 100000)

The records are the seed and the Pure corpus records (read once), cycled to N. For each of
JATS, CSL-JSON and Dublin Core it times writing N records and reading 20,000 of the documents
back; then "validate + write JATS": N native JSON lines checked (model and rules) and written
as JATS, the work of `pubmeta ingest --to jats` without the files.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import sys
import time
from pathlib import Path

import pubmeta
from pubmeta.formats.jats import write as jats
from pubmeta.validation import check_raw

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PUBMETA_SHARED", REPO.parent / "shared"))
READ_BACK = 20_000


def corpus_records() -> list[pubmeta.Publication]:
    records = pubmeta.read(REPO / "seeds" / "000_d4b476da1a4995c2.yaml")
    for path in sorted((SHARED / "corpus" / "pure").glob("*.txt")):
        records += pubmeta.read(path, format="pure")
    return records


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    base = corpus_records()
    print(f"{len(base)} distinct records (seed + Pure corpus), cycled to {count:,}")
    for name in ("jats", "csl", "dc"):
        kept: list[str] = []
        started = time.perf_counter()
        for record in itertools.islice(itertools.cycle(base), count):
            document = pubmeta.write(record, format=name)
            if len(kept) < READ_BACK:
                kept.append(document)
        wrote = count / (time.perf_counter() - started)
        started = time.perf_counter()
        for document in kept:
            pubmeta.read(document, format=name)
        read = len(kept) / (time.perf_counter() - started)
        print(f"{name:5} write {wrote:9,.0f} records/s   read {read:9,.0f} records/s")
    lines = [json.dumps(r.model_dump(mode="json", exclude_defaults=True)) for r in base]
    started = time.perf_counter()
    for line in itertools.islice(itertools.cycle(lines), count):
        record, accepted, _issues = check_raw(line)
        assert accepted and record is not None
        jats.write([record])
    both = count / (time.perf_counter() - started)
    print(f"validate + write JATS from JSON Lines: {both:9,.0f} records/s")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mib:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
