"""pubmeta beside commonmeta-py on the shared workload (../shared/bench): ratios in one run.

    COMMONMETA_PYTHON=/path/to/python python benchmarks/shared_peers.py [N [ROUNDS [TASKS]]]

pubmeta's side runs in bulk mode (``with pubmeta.bulk()``, as the command and ingest do);
``PUBMETA_BENCH_PLAIN=1`` measures plain library calls instead (the collector left alone).

N items (default 2000) from ``../shared/bench/gen_items.py``. Tasks, per the workload's
README: CSL -> CSL (all items), CSL -> XML (pubmeta JATS; commonmeta-py Crossref XML; first
200), CSL -> BibTeX (all items), CSL -> APA reference (first 200; commonmeta-py's
``write(to="citation", style="apa")``), CSL -> Crossref deposit XML (first 200, one deposit per
record on both sides); and the writing alone of BibTeX (all items) and of Crossref XML (first
200), from records each side has read before (commonmeta-py: ``Metadata`` objects).

Each side runs in its own interpreter, kept running and told which task to run next, so the
two alternate run by run: for each task, one warm-up run each, then ROUNDS (default 5) rounds
of pubmeta, commonmeta-py, pubmeta; a run repeats its task until half a second has passed.
Inputs are prepared before the timing on both sides (texts, the first 200 items). These
machines change speed from one second to the next (up to 2x; CPU time moves with wall time,
so it is the processor, not the scheduler): a
round's ratio is the mean of the two pubmeta runs around the peer's run over that run, both
measured under the same conditions; the medians of each side's records/s and of the rounds'
ratios are printed. TASKS, a comma-separated list of the task names printed (e.g.
``"write crossref"``), runs only those.
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
import json, os, sys, time
import pubmeta
if os.environ.get("PUBMETA_BENCH_PLAIN") != "1":
    # the documented bulk path (the command and ingest work so): calls pause the collector
    pubmeta.bulk().__enter__()
text = open(sys.argv[1], encoding="utf-8").read()
items = json.loads(text)
def csl_csl():
    pubmeta.write(pubmeta.read(text, format="csl"), format="csl"); return len(items)
first_200 = json.dumps(items[:200])  # made before, as the peer's texts are
def csl_xml():
    for r in pubmeta.read(first_200, format="csl"):
        pubmeta.write(r, format="jats")
    return 200
def csl_bibtex():
    pubmeta.write(pubmeta.read(text, format="csl"), format="bibtex"); return len(items)
def csl_apa():
    pubmeta.cite(pubmeta.read(first_200, format="csl"), style="apa"); return 200
HEAD = dict(depositor="Bench", email="bench@example.org", registrant="Bench",
            batch_id="bench-0001", timestamp="20261201000000")
def csl_crossref():  # one deposit per record, as the peer writes them
    for r in pubmeta.read(first_200, format="csl"):
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
TASKS = {"csl->csl": csl_csl, "csl->xml": csl_xml, "csl->bibtex": csl_bibtex,
         "csl->apa": csl_apa, "csl->crossref": csl_crossref,
         "write bibtex": bibtex_only, "write crossref": crossref_only}
SERVE
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
TASKS = {"write bibtex": write_only("bibtex", len(texts)),
         "write crossref": write_only("crossref_xml", 200),
         "csl->csl": run("csl", len(texts)), "csl->xml": run("crossref_xml", 200),
         "csl->bibtex": run("bibtex", len(texts)),
         "csl->apa": run("citation", 200, style="apa", locale="en-US"),
         "csl->crossref": run("crossref_xml", 200)}
SERVE
"""


#: The end of both sides' scripts: run the task named on each input line, print records/s.
#: A run repeats its task for at least half a second, so a fast side's run spans about as
#: much of the machine's changing speed as its neighbours' (one pass of 200 records can be
#: over in 50 ms, where one scheduling hiccup is a tenth of the figure).
SERVE = r"""
print(json.dumps(list(TASKS)), flush=True)
for line in sys.stdin:
    task = TASKS[line.strip()]
    count = 0; started = time.perf_counter()
    while True:
        count += task(); elapsed = time.perf_counter() - started
        if elapsed >= 0.5:
            break
    print(count / elapsed, flush=True)
"""
OURS = OURS.replace("SERVE\n", SERVE)
PEER = PEER.replace("SERVE\n", SERVE)


class Side:
    """One side's interpreter, kept running between runs."""

    def __init__(self, python: str, code: str, items: Path) -> None:
        self.process = subprocess.Popen(
            [python, "-c", code, str(items)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        self.tasks: list[str] = json.loads(self._line())

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"{self.process.args[0]} stopped (exit {self.process.wait()})")
        return line

    def run(self, task: str) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write(task + "\n")
        self.process.stdin.flush()
        return float(self._line())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    chosen = [t for t in (sys.argv[3] if len(sys.argv) > 3 else "").split(",") if t]
    peer_python = os.environ.get("COMMONMETA_PYTHON")
    with tempfile.TemporaryDirectory() as folder:
        items = Path(folder) / "items.json"
        subprocess.run(
            [sys.executable, str(SHARED / "bench" / "gen_items.py"), str(count), str(items)],
            check=True,
        )
        ours = Side(sys.executable, OURS, items)
        peer = Side(peer_python, PEER, items) if peer_python else None
        print(f"{count} items of ../shared/bench, {rounds} rounds, medians (records/s)")
        for task in ours.tasks:
            if chosen and task not in chosen:
                continue
            ours.run(task)  # warm-up (loads formats, the style, the JavaScript engine)
            if peer is None:
                mine = statistics.median(ours.run(task) for _ in range(rounds))
                print(f"  {task:14s} pubmeta {mine:9,.0f}  (set COMMONMETA_PYTHON for the peer)")
                continue
            peer.run(task)
            mine_runs, their_runs, ratios = [], [], []
            for _ in range(rounds):
                before, theirs, after = ours.run(task), peer.run(task), ours.run(task)
                mine_runs += [before, after]
                their_runs.append(theirs)
                ratios.append((before + after) / 2 / theirs)
            mine, other = statistics.median(mine_runs), statistics.median(their_runs)
            spread = f"{min(ratios):.1f}-{max(ratios):.1f}"
            print(f"  {task:14s} pubmeta {mine:9,.0f}  commonmeta-py {other:7,.1f}  "
                  f"ratio {statistics.median(ratios):6.1f}x  (rounds {spread})")  # fmt: skip
        ours.close()
        if peer is not None:
            peer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
