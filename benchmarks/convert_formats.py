"""Conversion speed of each format on the real corpus records; records/s and peak memory.

    python benchmarks/convert_formats.py [N]       (default 100000)

The records are the seed and the Pure corpus records (read once), cycled to N. For each of
JATS, CSL-JSON and Dublin Core it times writing N records and reading 20,000 of the documents
back; then "validate + write JATS": N native JSON lines checked (model and rules) and written
as JATS, the work of `pubmeta ingest --to jats` without the files, beside its floor on the same
lines: pydantic's model alone validating each line, and lxml alone building the same JATS
document element by element (tags, attributes and texts taken from a copy parsed before) and
serialising it: the libraries' own cost for the same work, with no mapping and no rules; and
a lower floor still, pydantic's model and lxml serialising the copy itself (no building). The
three alternate, three rounds, medians compared.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

from lxml import etree

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
    trees = [etree.fromstring(jats.write([r]).encode("utf-8")) for r in base]

    def ours() -> float:
        started = time.perf_counter()
        for line in itertools.islice(itertools.cycle(lines), count):
            record, accepted, _issues = check_raw(line)
            assert accepted and record is not None
            jats.write([record])
        return count / (time.perf_counter() - started)

    def rebuilt(source: etree._Element) -> etree._Element:
        element = etree.Element(source.tag, dict(source.attrib), nsmap=source.nsmap)
        element.text = source.text
        stack = [(source, element)]
        while stack:
            old, new = stack.pop()
            for child in old:
                made = etree.SubElement(new, child.tag, dict(child.attrib))
                made.text = child.text
                stack.append((child, made))
        return element

    def floor(build: bool) -> float:
        started = time.perf_counter()
        for line, tree in itertools.islice(itertools.cycle(zip(lines, trees, strict=True)), count):
            pubmeta.Publication.model_validate_json(line)
            document = rebuilt(tree) if build else tree
            etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return count / (time.perf_counter() - started)

    mine, building, serialising = [], [], []
    for _ in range(3):
        mine.append(ours())
        building.append(floor(build=True))
        serialising.append(floor(build=False))
    a = statistics.median(mine)
    print(f"validate + write JATS from JSON Lines: {a:9,.0f} records/s")
    for name, rates in (("pydantic + lxml building and serialising", building),
                        ("pydantic + lxml serialising a built tree", serialising)):  # fmt: skip
        b = statistics.median(rates)
        print(f"  floor: {name}: {b:9,.0f} records/s; ours takes {b / a:.2f}x its time")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mib:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
