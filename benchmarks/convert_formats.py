"""Conversion speed of each format on the real corpus records; records/s and peak memory.

    python benchmarks/convert_formats.py [N]       (default 100000)

The records are the seed and the Pure corpus records (read once), cycled to N. For each of
JATS, CSL-JSON and Dublin Core it times writing N records and reading 20,000 of the documents
back; then "validate + write JATS": native JSON lines checked (model and rules) and written
as JATS, the work of `pubmeta ingest --to jats` without the files, beside its floor on the same
lines: pydantic's model alone validating each line, and lxml alone building the same JATS
document element by element (tags, attributes and texts taken from a copy parsed before) and
serialising it: the libraries' own cost for the same work, with no mapping and no rules; and
a lower floor still, pydantic's model and lxml serialising the copy itself (no building).
They alternate in runs of 2,000 lines (N / 2,000 rounds, ours before and after each floor),
and the medians of the rounds' ratios are printed.
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
#: Records per timed run when ours and the floors alternate.
SHORT_RUN = 2_000


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
        for line in itertools.islice(itertools.cycle(lines), SHORT_RUN):
            record, accepted, _issues = check_raw(line)
            assert accepted and record is not None
            jats.write([record])
        return SHORT_RUN / (time.perf_counter() - started)

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
        pairs = itertools.cycle(zip(lines, trees, strict=True))
        for line, tree in itertools.islice(pairs, SHORT_RUN):
            pubmeta.Publication.model_validate_json(line)
            document = rebuilt(tree) if build else tree
            etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return SHORT_RUN / (time.perf_counter() - started)

    # short runs, ours around each floor: the machine's speed changes by the second, and a
    # round's ratio compares runs made under the same conditions
    mine: list[float] = []
    ratios: dict[str, list[float]] = {"build": [], "serialise": []}
    rates: dict[str, list[float]] = {"build": [], "serialise": []}
    for _ in range(max(3, count // SHORT_RUN)):
        for kind in ("build", "serialise"):
            before, theirs, after = ours(), floor(build=kind == "build"), ours()
            mine += [before, after]
            rates[kind].append(theirs)
            ratios[kind].append(theirs / ((before + after) / 2))
    print(f"validate + write JATS from JSON Lines: {statistics.median(mine):9,.0f} records/s")
    for kind, name in (("build", "pydantic + lxml building and serialising"),
                       ("serialise", "pydantic + lxml serialising a built tree")):  # fmt: skip
        ratio = ratios[kind]
        spread = f"rounds {min(ratio):.2f}-{max(ratio):.2f}"
        print(f"  floor: {name}: {statistics.median(rates[kind]):9,.0f} records/s; ours takes "
              f"{statistics.median(ratio):.2f}x its time ({spread})")  # fmt: skip
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mib:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
