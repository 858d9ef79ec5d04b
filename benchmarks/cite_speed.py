"""Citing's costs: the first reference of a process, then references one thread at a time and
from several threads at once, and what a second V8 context would cost (time and memory).

    python benchmarks/cite_speed.py [N [THREADS]]     (default 400 references, 8 threads)

Records: the seed and the CSL corpus of the shared folder (``PUBMETA_SHARED``, default
``../shared``), cycled to N. Each figure is the median of 3 runs; styles apa and nature.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    started = time.perf_counter()
    import pubmeta
    from pubmeta.citation import engine  # noqa: F401  (its import is not the first reference's)

    shared = Path(os.environ.get("PUBMETA_SHARED", REPO.parent / "shared"))
    records = list(pubmeta.read(REPO / "seeds" / "000_d4b476da1a4995c2.yaml"))
    for path in sorted((shared / "corpus" / "csl").glob("*.json")):
        if not path.name.endswith(".truth.json"):
            records.extend(pubmeta.read(path))
    imported = time.perf_counter()
    before = rss_mib()
    pubmeta.cite(records[0], style="apa")
    first = time.perf_counter()
    print(f"import pubmeta + read records: {imported - started:.2f} s")
    print(
        f"first reference (context + citeproc-js + apa engine): {first - imported:.2f} s, "
        f"RSS +{rss_mib() - before:.0f} MiB"
    )
    for style in ("nature", "chicago"):
        at = time.perf_counter()
        pubmeta.cite(records[0], style=style)
        print(f"first {style} reference (its engine): {time.perf_counter() - at:.2f} s")

    batch = [records[i % len(records)] for i in range(count)]

    def single() -> float:
        at = time.perf_counter()
        for record in batch:
            pubmeta.cite(record, style="apa")
        return (time.perf_counter() - at) / count

    def threaded() -> float:
        share = count // workers

        def run(index: int) -> None:
            for record in batch[index * share : (index + 1) * share]:
                pubmeta.cite(record, style="apa")

        threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
        at = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return (time.perf_counter() - at) / (share * workers)

    one = statistics.median(single() for _ in range(3))
    many = statistics.median(threaded() for _ in range(3))
    listed = statistics.median(
        (lambda at: (pubmeta.cite(batch, style="apa"), time.perf_counter() - at)[1] / count)(
            time.perf_counter()
        )
        for _ in range(3)
    )
    print(f"per reference, one thread, one record a call: {one * 1000:.2f} ms")
    print(f"per reference, {workers} threads at once:          {many * 1000:.2f} ms")
    print(f"per reference, one call with a list of {count}:  {listed * 1000:.2f} ms")
    second_context(batch)


def second_context(batch: list[Any]) -> None:
    """What one context per thread would cost: a second context, its engine, and the two
    rendering side by side."""
    import pubmeta
    from pubmeta.citation import engine

    count = len(batch)
    before, at = rss_mib(), time.perf_counter()
    second = engine.Processor()
    style = pubmeta.citation.styles.style("apa")
    lang = "en-US"
    from pubmeta.formats.csl.write import item

    items = []
    for index, record in enumerate(batch):
        csl = item(record)
        csl["id"] = f"b{index}"
        csl.pop("note", None)
        items.append(csl)
    second.render(style, lang, items[:1], "text", False)
    print(
        f"a second context with its apa engine: {time.perf_counter() - at:.2f} s, "
        f"RSS +{rss_mib() - before:.0f} MiB"
    )
    first_context = engine.processor()
    half = count // 2

    def render(processor: engine.Processor, part: list[dict[str, object]]) -> None:
        for one_item in part:
            processor.render(style, lang, [one_item], "text", False)

    at = time.perf_counter()
    pair = [
        threading.Thread(target=render, args=(first_context, items[:half])),
        threading.Thread(target=render, args=(second, items[half : 2 * half])),
    ]
    for thread in pair:
        thread.start()
    for thread in pair:
        thread.join()
    two = (time.perf_counter() - at) / (2 * half)
    at = time.perf_counter()
    render(first_context, items[: 2 * half])
    alone = (time.perf_counter() - at) / (2 * half)
    second.close()
    print(
        f"per reference, two contexts in two threads: {two * 1000:.2f} ms "
        f"(one context, same items: {alone * 1000:.2f} ms; {os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()
