"""pubmeta side by side with commonmeta-py on the same machine and the same input.

    python benchmarks/peers.py [N] [--commonmeta-python PATH]

Input: N CSL-JSON items (the seed as CSL, each with its own DOI and title). Measured, one item
at a time as a converter service would: CSL-JSON in -> CSL-JSON out, and CSL-JSON in -> the
closest XML out (pubmeta: JATS; commonmeta-py: Crossref XML). commonmeta-py runs in its own
interpreter (its dependencies pin versions pubmeta does not need): pass --commonmeta-python, or
set COMMONMETA_PYTHON, to a Python that has `pip install commonmeta-py`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pubmeta

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d4b476da1a4995c2.yaml"

PEER = """
import json, sys, time
from commonmeta import Metadata
items = [json.dumps(i) for i in json.load(open(sys.argv[1]))]
result = {}
for target, count in (("csl", len(items)), ("crossref_xml", max(1, len(items) // 10))):
    started = time.perf_counter()
    for text in items[:count]:
        Metadata(text, via="csl").write(to=target)
    result[target] = count / (time.perf_counter() - started)
print(json.dumps(result))
"""


def make_items(count: int) -> list[dict[str, object]]:
    (seed,) = pubmeta.read(SEED)
    items = []
    for index in range(count):
        record = seed.model_copy(
            update={
                "title": f"Record {index}: {seed.title}",
                "identifiers": seed.identifiers.model_copy(
                    update={
                        "doi": f"10.3390/ijms{index:08d}",
                        "urls": [f"https://www.mdpi.com/ijms/{index}"],  # Crossref XML needs a URL
                    }
                ),
            }
        )
        (item,) = json.loads(pubmeta.write(record, format="csl"))
        items.append(item)
    return items


def ours(items: list[dict[str, object]]) -> dict[str, float]:
    texts = [json.dumps([item]) for item in items]
    result = {}
    for target in ("csl", "jats"):
        started = time.perf_counter()
        for text in texts:
            pubmeta.write(pubmeta.read(text, format="csl"), format=target)
        result[target] = len(texts) / (time.perf_counter() - started)
    return result


def main() -> int:
    args = sys.argv[1:]
    peer_python = os.environ.get("COMMONMETA_PYTHON")
    if "--commonmeta-python" in args:
        at = args.index("--commonmeta-python")
        peer_python = args[at + 1]
        del args[at : at + 2]
    count = int(args[0]) if args else 5000
    items = make_items(count)
    mine = ours(items)
    print(f"{count:,} CSL-JSON items (seed-shaped, 13 authors, each with its own DOI)")
    print(
        f"pubmeta       CSL -> CSL  {mine['csl']:>9,.0f} records/s   "
        f"CSL -> JATS          {mine['jats']:>9,.0f} records/s"
    )
    if not peer_python:
        print("commonmeta-py not measured: set COMMONMETA_PYTHON to a Python with commonmeta-py")
        return 0
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(items, handle)
    try:
        output = subprocess.run(
            [peer_python, "-c", PEER, handle.name], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(handle.name)
    peer = json.loads(output)
    print(
        f"commonmeta-py CSL -> CSL  {peer['csl']:>9,.0f} records/s   "
        f"CSL -> Crossref XML  {peer['crossref_xml']:>9,.0f} records/s"
    )
    print(
        f"ratio         CSL -> CSL  {mine['csl'] / peer['csl']:>9.1f}x          "
        f"XML out             {mine['jats'] / peer['crossref_xml']:>9.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
