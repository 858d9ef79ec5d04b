"""What a pre-commit user pays on every commit: whole commands, side by side, alternating.

    python benchmarks/startup.py [RUNS]        (default 30 runs of each command)

Pairs, each timed as a whole process (start to exit), the two commands of a pair alternating
run by run, after 3 warm-up runs each, medians printed with their ratio:

- ``pubmeta --help`` beside the bare interpreter (``python -c pass``);
- ``pubmeta --version`` beside the bare interpreter;
- ``pubmeta validate one.json`` beside ``check-jsonschema --schemafile
  schemas/publication.schema.json one.json`` (the seed record as one JSON file; the peer is
  the ``check-jsonschema`` found on PATH or named by ``CHECK_JSONSCHEMA``, skipped if none).

Both sides run the interpreter and console scripts of their own installs, as users run them:
run it with pubmeta installed as users install it (``pip install .`` compiles the bytecode); a
source checkout under ``PYTHONDONTWRITEBYTECODE`` compiles pubmeta's modules at every start,
and the script says so.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def _pair(name: str, ours: list[str], theirs: list[str], runs: int) -> None:
    for _ in range(3):
        _seconds(ours)
        _seconds(theirs)
    mine: list[float] = []
    other: list[float] = []
    for _ in range(runs):
        mine.append(_seconds(ours))
        other.append(_seconds(theirs))
    a, b = statistics.median(mine), statistics.median(other)
    print(f"  {name:34s} {a * 1000:7.1f} ms  vs {b * 1000:7.1f} ms  ratio {a / b:5.2f}x")


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    pubmeta = shutil.which("pubmeta", path=str(BIN)) or "pubmeta"
    bare = [sys.executable, "-c", "pass"]
    print(f"whole commands, {runs} alternating runs each, medians (pubmeta: {pubmeta})")
    probe = "import pubmeta, pathlib; print(pathlib.Path(pubmeta.__file__).parent)"
    package = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    if not (Path(package.stdout.strip()) / "__pycache__").is_dir():
        print("  (pubmeta's modules have no bytecode here: each start compiles them; see above)")
    _pair("pubmeta --help / python -c pass", [pubmeta, "--help"], bare, runs)
    _pair("pubmeta --version / python -c pass", [pubmeta, "--version"], bare, runs)
    peer = os.environ.get("CHECK_JSONSCHEMA") or shutil.which("check-jsonschema")
    if not peer:
        print("  validate one.json: no check-jsonschema (set CHECK_JSONSCHEMA to its path)")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "one.json"
        seed = next((REPO / "seeds").glob("*.yaml"))
        done = subprocess.run(
            [pubmeta, "convert", str(seed), "--to", "pubmeta", "-o", str(one)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"cannot write {one}: {done.stderr}")
        schema = str(REPO / "schemas" / "publication.schema.json")
        _pair(
            "pubmeta validate / check-jsonschema",
            [pubmeta, "validate", str(one)],
            [peer, "--schemafile", schema, str(one)],
            runs,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
