"""The provider's memory while it serves: resident memory after indexing N records (one JSON
Lines file, the seed record numbered) and after 20, 500 and 2,000 ListRecords oai_dc pages;
flat means the last three are equal.

    python benchmarks/oai_provider_memory.py [N]      (default 1,000,000)
"""

from __future__ import annotations

import json
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


def main(count: int) -> None:
    (seed,) = pubmeta.read(SEED)
    data = seed.model_dump(mode="json", exclude_defaults=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for number in range(count):
                data["title"] = f"{seed.title} ({number})"
                handle.write(json.dumps(data) + "\n")
        print(f"before indexing: RSS {rss():.0f} MiB", flush=True)
        started = time.perf_counter()
        provider = pubmeta.oai.app([path], page_size=100)
        print(f"{count} records indexed in {time.perf_counter() - started:.1f} s: "
              f"RSS {rss():.0f} MiB", flush=True)  # fmt: skip
        pairs = [("verb", "ListRecords"), ("metadataPrefix", "oai_dc")]
        served = 0
        for mark in (20, 500, 2000):
            while served < mark:
                text = provider.respond(pairs, "http://x/oai")
                token = TOKEN.search(text)
                served += 1
                if token is None:
                    break
                pairs = [("verb", "ListRecords"), ("resumptionToken", token.group(1))]
            print(f"after {served} pages: RSS {rss():.0f} MiB", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
