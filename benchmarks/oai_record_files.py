"""The provider over a record file of many records (one CSL-JSON file), in-process: start-up
(indexing) time, ListRecords oai_dc records/s and the process's resident memory.

    python benchmarks/oai_record_files.py [N] [PAGES]     (default 2000 records, 20 pages)

A record file (CSL-JSON, BibTeX, RIS, YAML: many records a document) is read once at start;
its records are spooled to a private temporary file as JSON lines and read back by offset.
(Before the spool, each record served re-read and re-parsed its whole file.)
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

import pubmeta

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d4b476da1a4995c2.yaml"
TOKEN = re.compile(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>")


def rss() -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def main(count: int, pages: int) -> None:
    (seed,) = pubmeta.read(SEED)
    records = [seed.model_copy(update={"title": f"{seed.title} ({n})"}) for n in range(count)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "items.json"
        path.write_text(pubmeta.write(records, "csl"), encoding="utf-8")
        del records
        started = time.perf_counter()
        provider = pubmeta.oai.app([path], page_size=100)
        indexed = time.perf_counter() - started
        print(f"{len(provider.store)} records of one CSL-JSON file indexed in {indexed:.2f} s; "
              f"RSS {rss():.0f} MiB")  # fmt: skip
        pairs = [("verb", "ListRecords"), ("metadataPrefix", "oai_dc")]
        served = 0
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(pages):
            text = provider.respond(pairs, "http://x/oai")
            served += text.count("<record>")
            token = TOKEN.search(text)
            if token is None:
                break
            pairs = [("verb", "ListRecords"), ("resumptionToken", token.group(1))]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        per_record = cpu / served * 1e6
        print(f"ListRecords oai_dc: {served} records in {wall:.2f} s ({served / wall:.0f} "
              f"records/s; {per_record:.0f} us CPU a record); RSS {rss():.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 2000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 20,
    )
