"""pubmeta beside commonmeta-py on the shared workload (../shared/bench): ratios in one run.

    COMMONMETA_PYTHON=/path/to/python python benchmarks/shared_peers.py [N [ROUNDS [TASKS]]]

N items (default 2000) from ``../shared/bench/gen_items.py``. Tasks, per the workload's
README: CSL -> CSL (all items), CSL -> XML (pubmeta JATS; commonmeta-py Crossref XML; first
200), CSL -> BibTeX (all items), CSL -> APA reference (first 200; commonmeta-py's
``write(to="citation", style="apa")``), CSL -> Crossref deposit XML (first 200, one deposit per
record on both sides); and the writing alone of BibTeX (all items) and of Crossref XML (first
200), from records each side has read before (commonmeta-py: ``Metadata`` objects). Each side
runs in its own interpreter, one warm-up round then the timed one, the two sides alternating,
ROUNDS times (default 3); the median records/s of each side and their ratio are printed.
TASKS, a comma-separated list of the task names printed (e.g. ``"write crossref"``), runs only
those.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(os.environ.get("PUBMETA_SHARED", Path(__file__).resolve().parents[2] / "shared"))

OURS = r"""
import json, sys, time
import pubmeta
text = open(sys.argv[1], encoding="utf-8").read()
items = json.loads(text)
def csl_csl():
    pubmeta.write(pubmeta.read(text, format="csl"), format="csl"); return len(items)
def csl_xml():
    for r in pubmeta.read(json.dumps(items[:200]), format="csl"):
        pubmeta.write(r, format="jats")
    return 200
def csl_bibtex():
    pubmeta.write(pubmeta.read(text, format="csl"), format="bibtex"); return len(items)
def csl_apa():
    pubmeta.cite(pubmeta.read(json.dumps(items[:200]), format="csl"), style="apa"); return 200
HEAD = dict(depositor="Bench", email="bench@example.org", registrant="Bench",
            batch_id="bench-0001", timestamp="20261201000000")
def csl_crossref():  # one deposit per record, as the peer writes them
    for r in pubmeta.read(json.dumps(items[:200]), format="csl"):
        try:
            pubmeta.write(r, format="crossref", **HEAD)
        except pubmeta.UnwritableRecordError:
            pass  # refused (counted as done: a refusal is work too); see the count printed
    return 200
records = pubmeta.read(text, format="csl")
def bibtex_only():  # writing alone: the records are read once, before
    pubmeta.write(records, format="bibtex"); return len(records)
def crossref_only():
    for r in records[:200]:
        try:
            pubmeta.write(r, format="crossref", **HEAD)
        except pubmeta.UnwritableRecordError:
            pass
    return 200
result = {}
chosen = [t for t in sys.argv[2].split(",") if t]
for name, task in (("csl->csl", csl_csl), ("csl->xml", csl_xml), ("csl->bibtex", csl_bibtex),
                   ("csl->apa", csl_apa), ("csl->crossref", csl_crossref),
                   ("write bibtex", bibtex_only), ("write crossref", crossref_only)):
    if chosen and name not in chosen:
        continue
    task()  # warm-up (loads formats, the style, the JavaScript engine)
    started = time.perf_counter(); count = task()
    result[name] = count / (time.perf_counter() - started)
print(json.dumps(result))
"""

PEER = r"""
import json, sys, time
from commonmeta import Metadata
items = json.load(open(sys.argv[1], encoding="utf-8"))
for item in items:
    item["id"] = "https://doi.org/" + item["DOI"]  # commonmeta-py keeps the DOI only so
    item.setdefault("URL", item["id"])  # and its Crossref XML writer refuses an item without
texts = [json.dumps(i) for i in items]
def run(target, count, **options):
    def task():
        for text in texts[:count]:
            Metadata(text, via="csl").write(to=target, **options)
        return count
    return task
metas = [Metadata(text, via="csl") for text in texts]  # read once, before the writing alone
def write_only(target, count):
    def task():
        for meta in metas[:count]:
            meta.write(to=target)
        return count
    return task
result = {}
chosen = [t for t in sys.argv[2].split(",") if t]
for name, task in (("write bibtex", write_only("bibtex", len(texts))),
                   ("write crossref", write_only("crossref_xml", 200))):
    if chosen and name not in chosen:
        continue
    task()
    started = time.perf_counter(); count = task()
    result[name] = count / (time.perf_counter() - started)
for name, task in (("csl->csl", run("csl", len(texts))), ("csl->xml", run("crossref_xml", 200)),
                   ("csl->bibtex", run("bibtex", len(texts))),
                   ("csl->apa", run("citation", 200, style="apa", locale="en-US")),
                   ("csl->crossref", run("crossref_xml", 200))):
    if chosen and name not in chosen:
        continue
    task()
    started = time.perf_counter(); count = task()
    result[name] = count / (time.perf_counter() - started)
print(json.dumps(result))
"""


def _side(python: str, code: str, items: Path, tasks: str) -> dict[str, float]:
    done = subprocess.run([python, "-c", code, str(items), tasks], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{python}: {done.stderr[-1500:]}")
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    tasks = sys.argv[3] if len(sys.argv) > 3 else ""
    peer = os.environ.get("COMMONMETA_PYTHON")
    with tempfile.TemporaryDirectory() as folder:
        items = Path(folder) / "items.json"
        subprocess.run(
            [sys.executable, str(SHARED / "bench" / "gen_items.py"), str(count), str(items)],
            check=True,
        )
        ours: list[dict[str, float]] = []
        theirs: list[dict[str, float]] = []
        for _ in range(rounds):
            ours.append(_side(sys.executable, OURS, items, tasks))
            if peer:
                theirs.append(_side(peer, PEER, items, tasks))
    print(f"{count} items of ../shared/bench, {rounds} alternating rounds, medians (records/s)")
    for task in ours[0]:
        mine = statistics.median(r[task] for r in ours)
        if theirs:
            other = statistics.median(r[task] for r in theirs)
            print(f"  {task:12s} pubmeta {mine:9,.0f}  commonmeta-py {other:7,.1f}  "
                  f"ratio {mine / other:6.1f}x")  # fmt: skip
        else:
            print(f"  {task:12s} pubmeta {mine:9,.0f}  (set COMMONMETA_PYTHON for the peer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
