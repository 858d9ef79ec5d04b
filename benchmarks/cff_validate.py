"""pubmeta validate against cffconvert and check-jsonschema on 1,000 CITATION.cff files.

    python benchmarks/cff_validate.py --cffconvert /tmp/cffvenv/bin/cffconvert \\
        --check-jsonschema /tmp/cjvenv/bin/check-jsonschema [--files 1000] [--messages]

The files are the real ones of ``$PUBMETA_SHARED/corpus/cff`` and the official examples of
``$PUBMETA_SHARED/standards/cff/examples/1.2.0`` (valid and invalid), copied round-robin into a
temporary folder until there are ``--files`` of them. Each tool is run as its users run it:

- ``pubmeta validate FOLDER`` (one process, every file);
- ``cffconvert --validate --infile FILE``, one process per file (cffconvert checks one file);
- ``check-jsonschema --builtin-schema vendor.citation-file-format FILE...`` in one process
  (the issue says ``vendor.cff``; check-jsonschema 0.39 names it so).

cffconvert 2.0.0 pins ``jsonschema<4`` and check-jsonschema needs a newer one: each lives in its
own venv, named by its program path. ``--messages`` prints, for the five invalid real files,
pubmeta's findings beside cffconvert's, as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(os.environ.get("PUBMETA_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus" / "cff"
EXAMPLES = SHARED / "standards" / "cff" / "examples" / "1.2.0"
INVALID_REAL = (
    "007-Wik_Dam-Hydrographs-Analysis-BORI",
    "GenericMappingTools_pygmt",
    "mwaskom_seaborn",
    "xenon-middleware_xenon",
    "research-software-directory_research-software-directory",
)


def sources() -> list[Path]:
    found = sorted(CORPUS.glob("*.cff")) + sorted(EXAMPLES.rglob("CITATION.cff"))
    if not found:
        sys.exit(f"no CFF files under {CORPUS} or {EXAMPLES} (set PUBMETA_SHARED)")
    return found


def make_folder(count: int, folder: Path) -> list[Path]:
    """``count`` files, each named CITATION.cff in its own folder, as in repositories."""
    files = []
    originals = sources()
    for index in range(count):
        target = folder / f"{index:05d}" / "CITATION.cff"
        target.parent.mkdir(parents=True)
        shutil.copyfile(originals[index % len(originals)], target)
        files.append(target)
    return files


def timed(argv: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True)
    return time.perf_counter() - start, result


def run_pubmeta(folder: Path) -> float:
    seconds, _ = timed([sys.executable, "-m", "pubmeta", "validate", "--from", "cff", str(folder)])
    return seconds


def run_cffconvert(program: str, files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        subprocess.run([program, "--validate", "--infile", str(path)], capture_output=True)
    return time.perf_counter() - start


def run_check_jsonschema(program: str, files: list[Path]) -> float:
    argv = [program, "--builtin-schema", "vendor.citation-file-format", *map(str, files)]
    seconds, _ = timed(argv)
    return seconds


def messages(cffconvert: str) -> str:
    """A Markdown table: each invalid real file, pubmeta's findings, cffconvert's answer."""
    rows = ["| file | pubmeta validate | cffconvert --validate |", "|---|---|---|"]
    for stem in INVALID_REAL:
        path = CORPUS / f"{stem}.cff"
        ours = subprocess.run([sys.executable, "-m", "pubmeta", "validate", str(path)],
                              capture_output=True, text=True)  # fmt: skip
        theirs = subprocess.run([cffconvert, "--validate", "--infile", str(path)],
                                capture_output=True, text=True)  # fmt: skip
        prefix = f"{path}:"
        found = [line.removeprefix(prefix) for line in ours.stdout.splitlines()
                 if line.startswith(prefix)]  # fmt: skip
        said = (theirs.stdout + theirs.stderr).strip().splitlines()
        shown = said[0] if said else ""
        if len(said) > 1:  # the rest is the schema (or the document) dumped
            shown += f" (+ {len(said) - 1} more lines)"
        cell = "<br>".join(f"`{line}`" for line in found) or "(none)"
        rows.append(
            f"| {stem}.cff (exit {ours.returncode}) | {cell} | "
            f"exit {theirs.returncode}: `{shown[:300].replace('|', '/')}` |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--cffconvert", help="cffconvert 2.0.0 program (its own venv)")
    parser.add_argument("--check-jsonschema", help="check-jsonschema program (its own venv)")
    parser.add_argument("--messages", action="store_true", help="print the messages table")
    args = parser.parse_args()
    if args.files <= 0:  # the messages table only
        if args.cffconvert and args.messages:
            print(messages(args.cffconvert))
        return
    with tempfile.TemporaryDirectory(prefix="cff-bench-") as name:
        folder = Path(name)
        files = make_folder(args.files, folder)
        ours = run_pubmeta(folder)
        print(f"pubmeta validate, one process:          {ours:8.2f} s for {len(files)} files")
        if args.check_jsonschema:
            theirs = run_check_jsonschema(args.check_jsonschema, files)
            print(f"check-jsonschema (CFF), one process  : {theirs:8.2f} s "
                  f"(pubmeta {theirs / ours:.1f}x faster)")  # fmt: skip
        if args.cffconvert:
            theirs = run_cffconvert(args.cffconvert, files)
            print(f"cffconvert --validate, a process a file:  {theirs:8.2f} s "
                  f"(pubmeta {theirs / ours:.1f}x faster)")  # fmt: skip
    if args.messages and args.cffconvert:
        print()
        print(messages(args.cffconvert))


if __name__ == "__main__":
    main()
