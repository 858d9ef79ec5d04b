"""Conversion speed of each format on the real corpus records; records/s and peak memory.

    python benchmarks/convert_formats.py [N]       (default 20000 records per measurement)

The records are the Pure corpus records and the seed (read once), cycled to N. For each of
JATS, CSL-JSON and Dublin Core it times writing N records, then reading the N documents back.
"""

from __future__ import annotations

import itertools
import os
import resource
import sys
import time
from pathlib import Path

import pubmeta

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PUBMETA_SHARED", REPO.parent / "shared"))


def corpus_records() -> list[pubmeta.Publication]:
    records = pubmeta.read(REPO / "seeds" / "000_d4b476da1a4995c2.yaml")
    for path in sorted((SHARED / "corpus" / "pure").glob("*.txt")):
        records += pubmeta.read(path, format="pure")
    return records


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    base = corpus_records()
    records = list(itertools.islice(itertools.cycle(base), count))
    print(f"{len(base)} distinct records (seed + Pure corpus), cycled to {count:,}")
    for name in ("jats", "csl", "dc"):
        started = time.perf_counter()
        documents = [pubmeta.write(record, format=name) for record in records]
        wrote = count / (time.perf_counter() - started)
        started = time.perf_counter()
        for document in documents:
            pubmeta.read(document, format=name)
        read = count / (time.perf_counter() - started)
        print(f"{name:5} write {wrote:9,.0f} records/s   read {read:9,.0f} records/s")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mib:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
