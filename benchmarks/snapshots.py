"""Crossref data-file members -> validated records -> Parquet, side by side in one run.

    python benchmarks/snapshots.py [WORKS] [--flat N ...] [--commonmeta-python PATH]

Builds a snapshot-shaped folder of WORKS works (default 30,000) in gzip members of 3,000 items in
the 2020-2022 layout (``{"items":[{...},\\n{...}...]}``), from the 9,000 real works of the January
2021 public data file (``../shared/corpus/snapshots/crossref``), each copy varied (DOI, title,
page, volume, issue and dates shifted) so that no work repeats. Then, each in its own process:

- pubmeta: ``ingest(folder, "parquet")`` with one in-process worker (one core), in bulk mode as
  the command line runs (``pubmeta.bulk()``: the cyclic collector paused): works/s per core;
- DuckDB: ``read_json`` of the same members, unnest ``items`` -> Parquet (zstd), one thread,
  no validation: the floor;
- pubmeta reading alone: the members streamed, each work parsed (strict JSON) and mapped to the
  record's fields, neither validated nor written: what any validated load costs at least;
- commonmeta-py: ``Metadata(work, via="crossref")`` for each of the first 2,000 works (its own
  interpreter: ``--commonmeta-python`` or COMMONMETA_PYTHON, a Python with commonmeta-py);
- pubmeta on a local Dask cluster of 1 and of 2 workers (scaling efficiency);
- peak resident memory of the driver and of the largest worker process (sampled every 50 ms);
- ``--flat N ...``: pubmeta's memory at other sizes (flat memory as the input grows).

Prints one table (sizes stated): wall-clock works/s, and works per CPU-second of all the run's
processes (the per-core rate on a machine whose cores other work shares).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PUBMETA_SHARED", ROOT.parent / "shared"))
MEMBERS = [SHARED / "corpus/snapshots/crossref" / f"2021-01_pdf_{n}.json.gz" for n in range(3)]
PER_MEMBER = 3000

RUNNER = r"""
import json, os, resource, sys, threading, time
try:
    import psutil
except ImportError:  # the peer's own venv: its peak from the kernel
    psutil = None
peak = {"driver": 0, "worker": 0}
cpu = {}  # child pid -> its latest user + system seconds
stop = False
def sample():
    me = psutil.Process()
    while not stop:
        try:
            peak["driver"] = max(peak["driver"], me.memory_info().rss)
            for child in me.children(recursive=True):
                try:
                    peak["worker"] = max(peak["worker"], child.memory_info().rss)
                    times = child.cpu_times()
                    cpu[child.pid] = times.user + times.system
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        time.sleep(0.05)
if psutil is not None:
    threading.Thread(target=sample, daemon=True).start()
kind, folder, out, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
started = time.perf_counter()
_before = resource.getrusage(resource.RUSAGE_SELF)
cpu_before = _before.ru_utime + _before.ru_stime
if kind == "pubmeta":
    import pubmeta
    from pubmeta.pipeline import ingest
    engine = "dask" if workers < 0 else "local"
    with pubmeta.bulk():  # as the command line runs (its process is its own)
        summary = ingest([folder], "parquet", out, workers=abs(workers), engine=engine)
    works, rejected = summary.written, summary.rejected
    rules = {}
    for line in open(os.path.join(out, "rejects.jsonl"), encoding="utf-8"):
        for issue in json.loads(line)["issues"]:
            rules[issue["rule"]] = rules.get(issue["rule"], 0) + 1
    if rules:
        print("rejects by rule:", rules, file=sys.stderr)
elif kind == "floor":  # reading alone: JSON parsed and mapped, neither validated nor written
    from pathlib import Path
    from pubmeta.formats.crossref.read_json import native
    from pubmeta.jsonio import loads
    from pubmeta.pipeline.snapshots import snapshot_units
    works = rejected = 0
    for unit in snapshot_units(Path(folder)):
        native(loads(unit.content))
        works += 1
elif kind == "duckdb":
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads=1")
    con.execute(f"COPY (SELECT unnest(items, max_depth := 1) FROM read_json('{folder}/*.json.gz', "
                "maximum_object_size=1000000000, format='auto')) "
                f"TO '{out}.parquet' (FORMAT parquet, COMPRESSION zstd)")
    works = con.execute(f"SELECT count(*) FROM '{out}.parquet'").fetchall()[0][0]
    rejected = 0
else:  # commonmeta-py, in its own interpreter
    import gzip
    from commonmeta import Metadata
    items = json.loads(gzip.decompress(open(f"{folder}/0.json.gz", "rb").read()))["items"][:workers]
    texts = [json.dumps(item) for item in items]
    started = time.perf_counter()
    _before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = _before.ru_utime + _before.ru_stime
    works = rejected = 0
    for text in texts:
        record = Metadata(text, via="crossref")
        if getattr(record, "is_valid", False) and getattr(record, "title", None):
            works += 1
        else:
            rejected += 1
seconds = time.perf_counter() - started
stop = True
time.sleep(0.1)
if psutil is None:
    peak["driver"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
own = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"works": works, "rejected": rejected, "seconds": seconds,
                  "cpu": own.ru_utime + own.ru_stime - cpu_before + sum(cpu.values()),
                  "driver_mib": peak["driver"] / 2**20, "worker_mib": peak["worker"] / 2**20}))
"""


def _varied(item: dict, copy: int) -> dict:
    """A real work made a distinct one: its copy number in DOI, title and numbers."""
    if copy == 0:
        return item
    work = json.loads(json.dumps(item))
    work["DOI"] = f"{work['DOI']}.v{copy}"
    work["URL"] = f"http://dx.doi.org/{work['DOI']}"
    work["title"] = [f"{t} (part {copy})" for t in work.get("title", [])] or [f"Work {copy}"]
    for key in ("volume", "issue"):
        if str(work.get(key, "")).isdigit():
            work[key] = str(int(work[key]) + copy)
    page = str(work.get("page", ""))
    first, _, last = page.partition("-")
    if first.isdigit():
        work["page"] = f"{int(first) + copy}-{int(last) + copy}" if last.isdigit() else first
    for key in ("issued", "published-print", "published-online", "created"):
        parts = work.get(key, {}).get("date-parts")
        if parts and parts[0] and isinstance(parts[0][0], int):
            parts[0][0] = max(1700, parts[0][0] - copy % 50)
    return work


def build(works: int, folder: Path) -> tuple[int, int]:
    """Members of the 2020-2022 layout; (compressed, decompressed) bytes."""
    items = [i for m in MEMBERS for i in json.loads(gzip.decompress(m.read_bytes()))["items"]]
    compressed = plain = 0
    for number in range((works + PER_MEMBER - 1) // PER_MEMBER):
        lines = []
        for index in range(number * PER_MEMBER, min(works, (number + 1) * PER_MEMBER)):
            work = _varied(items[index % len(items)], index // len(items))
            lines.append(json.dumps(work, ensure_ascii=False, separators=(",", ":")))
        text = ('{"items":[' + ",\n".join(lines) + "\n]\n}\n").encode()
        data = gzip.compress(text, compresslevel=6)
        (folder / f"{number}.json.gz").write_bytes(data)
        compressed += len(data)
        plain += len(text)
    return compressed, plain


def measure(python: str, kind: str, folder: Path, out: Path, workers: int) -> dict:
    result = subprocess.run(
        [python, "-c", RUNNER, kind, str(folder), str(out), str(workers)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{result.stderr[-2000:]}")
    for line in result.stderr.splitlines():
        if line.startswith("rejects by rule:"):
            print(f"  {kind} {workers}: {line}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> int:
    args = sys.argv[1:]
    peer = os.environ.get("COMMONMETA_PYTHON")
    if "--commonmeta-python" in args:
        at = args.index("--commonmeta-python")
        peer = args[at + 1]
        del args[at : at + 2]
    flat: list[int] = []
    if "--flat" in args:
        at = args.index("--flat")
        flat = [int(a) for a in args[at + 1 :]]
        del args[at:]
    works = int(args[0]) if args else 30_000
    rows: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        folder = base / "data"
        folder.mkdir()
        compressed, plain = build(works, folder)
        size = f"{works:,} works in {len(list(folder.iterdir()))} members"
        print(f"input: {size}, {compressed / 1e6:.1f} MB gzip, {plain / 1e6:.1f} MB JSON")
        runs = [
            ("pubmeta -> Parquet, 1 core", "pubmeta", 1),
            ("DuckDB read_json -> Parquet, 1 thread", "duckdb", 1),
            ("pubmeta parse + map only (the floor)", "floor", 1),
            ("pubmeta, Dask 1 worker", "pubmeta", -1),
            ("pubmeta, Dask 2 workers", "pubmeta", -2),
        ]
        for number, (label, kind, workers) in enumerate(runs):
            rows.append(
                (label, measure(sys.executable, kind, folder, base / f"o{number}", workers))
            )
        if peer:
            rows.append(("commonmeta-py read (2,000)", measure(peer, "peer", folder, base, 2000)))
        for count in flat:
            other = base / f"flat{count}"
            other.mkdir()
            build(count, other)
            rows.append(
                (f"pubmeta 1 core, {count:,} works", measure(sys.executable, "pubmeta", other,
                                                             base / f"f{count}", 1))
            )  # fmt: skip
    print(f"{'run':<40} {'works':>8} {'rejected':>8} {'wall s':>7} {'works/s':>8} {'CPU s':>7} "
          f"{'works/CPU-s':>11} {'driver MiB':>10} {'worker MiB':>10}")  # fmt: skip
    for label, row in rows:
        done = row["works"] + row["rejected"]
        rate = done / row["seconds"] if row["seconds"] else 0.0
        per_cpu = done / row["cpu"] if row["cpu"] else 0.0
        print(f"{label:<40} {row['works']:>8,} {row['rejected']:>8,} {row['seconds']:>7.1f} "
              f"{rate:>8,.0f} {row['cpu']:>7.1f} {per_cpu:>11,.0f} {row['driver_mib']:>10.0f} "
              f"{row['worker_mib']:>10.0f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
