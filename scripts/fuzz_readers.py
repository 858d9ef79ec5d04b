"""A long fuzz campaign: well-formed output of every writer, mutated in one place, read back.

    python scripts/fuzz_readers.py [DOCUMENTS] [SEED]        (default 10000 documents, seed 1)

Counts documents read, refused (pubmeta's own error, with a message) and crashed (anything
else raised, or an internal-error finding); prints the first crashes with their input. The
records come from the test strategies; the mutations from tests/mutations.py.
"""

from __future__ import annotations

import random
import sys
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, settings
from mutations import mutate
from strategies import publications

import pubmeta
from pubmeta.formats import WRITABLE


def _records(count: int, seed: int) -> list[pubmeta.Publication]:
    found: list[pubmeta.Publication] = []

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(publications(max_contributors=4))
    def collect(record: pubmeta.Publication) -> None:
        found.append(record)

    collect()  # hypothesis draws them; the seed below only steers the mutations
    random.Random(seed).shuffle(found)
    return found


def main() -> int:
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    records = _records(max(100, documents // (2 * len(WRITABLE))), seed)
    outcome: Counter[str] = Counter()
    crashes: list[str] = []
    for number in range(documents):
        fmt = WRITABLE[number % len(WRITABLE)]
        record = records[number % len(records)]
        mutated = mutate(pubmeta.write(record, format=fmt), rng)
        try:
            pubmeta.read(mutated, format=fmt)
            outcome["read"] += 1
        except pubmeta.PubmetaError:
            outcome["refused"] += 1
        except Exception:
            outcome["crashed"] += 1
            crashes.append(f"{fmt}: {traceback.format_exc(limit=3)}\n{mutated[:300]!r}")
        issues = pubmeta.validate(mutated.encode("utf-8", "surrogatepass"), format=fmt)
        if any(i.rule == "internal-error" for i in issues):
            outcome["internal-error"] += 1
            crashes.append(f"{fmt} validate: {mutated[:300]!r}")
    print(
        f"{documents:,} mutated documents ({', '.join(WRITABLE)}), seed {seed}: "
        f"{outcome['read']:,} read, {outcome['refused']:,} refused with pubmeta's error, "
        f"{outcome['crashed']:,} crashed, {outcome['internal-error']:,} internal errors in validate"
    )
    for crash in crashes[:5]:
        print(crash)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
