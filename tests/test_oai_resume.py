"""``pubmeta harvest`` as a command: killed with SIGKILL at any moment and resumed, nothing is
lost or written twice; an empty list is exit 0; an unfinished harvest is not started over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from oai_corpus import CORPUS, OPENAIRE_PAGE, identifiers, repaged
from oai_servers import Reply, scripted

COMMAND = [sys.executable, "-m", "pubmeta", "harvest"]


def _harvest(url: str, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*COMMAND, url, "--prefix", "oai_openaire", "--out", str(out), "--rate", "0",
         "--timeout", "5", "-t", "pubmeta,openaire", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _page_done(out: Path) -> int:
    try:
        return int(json.loads((out / "harvest.json").read_text("utf-8"))["page"])
    except (OSError, ValueError, KeyError):
        return 0


def test_kill_9_at_any_moment_then_resume_loses_and_repeats_nothing(tmp_path: Path) -> None:
    page = OPENAIRE_PAGE.read_bytes()
    pages = repaged(page, 10)  # ten pages

    def script(params: dict[str, str], _n: int) -> Reply:
        token = params.get("resumptionToken")
        return Reply(pages[int(token.split("-")[1]) - 1 if token else 0], delay=0.05)

    out = tmp_path / "out"
    kills = 0
    with scripted(script) as endpoint:
        process = _harvest(endpoint.url, out)
        # kill it three times, at different moments of different pages
        for after_page, extra_wait in ((2, 0.0), (5, 0.03), (7, 0.07)):
            deadline = time.monotonic() + 30
            while _page_done(out) < after_page and process.poll() is None:
                assert time.monotonic() < deadline
                time.sleep(0.005)
            time.sleep(extra_wait)
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
                kills += 1
            process = _harvest(endpoint.url, out, "--resume")
        _, err = process.communicate(timeout=60)
    assert process.returncode in (0, 1), err  # 1: a record the validation rejects
    assert kills >= 2
    log = [line.split("\t") for line in (out / "harvested.tsv").read_text("utf-8").splitlines()]
    expected = identifiers(page)
    assert sorted(entry[0] for entry in log) == sorted(i for i, _ in expected)
    written = sum(1 for entry in log if entry[2] == "written")
    assert len((out / "records.jsonl").read_text("utf-8").splitlines()) == written
    documents = sorted((out / "openaire").rglob("*.xml"))
    assert [int(p.stem) for p in documents] == list(range(written))
    deletions = (out / "deletions.jsonl").read_text("utf-8").splitlines()
    assert len(deletions) == sum(1 for _, deleted in expected if deleted)


def test_an_empty_list_is_an_empty_harvest_with_exit_0(tmp_path: Path) -> None:
    empty = (CORPUS / "mit-dspace_error_noRecordsMatch_ListRecords.xml").read_bytes()
    with scripted(lambda _p, _n: Reply(empty)) as endpoint:
        done = subprocess.run(
            [*COMMAND, endpoint.url, "--prefix", "oai_dc", "--out", str(tmp_path / "o")],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "0 records written" in done.stderr


def test_an_unfinished_harvest_is_not_started_again_without_resume(tmp_path: Path) -> None:
    pages = repaged(OPENAIRE_PAGE.read_bytes(), 50)
    broken = Reply(b"<!DOCTYPE html><html>down</html>", status=500)

    def script(params: dict[str, str], _n: int) -> Reply:
        return broken if params.get("resumptionToken") else Reply(pages[0])

    with scripted(script) as endpoint:
        first = subprocess.run(
            [*COMMAND, endpoint.url, "--prefix", "oai_openaire", "--out", str(tmp_path / "o"),
             "--rate", "0", "--retries", "0"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        again = subprocess.run(
            [*COMMAND, endpoint.url, "--prefix", "oai_openaire", "--out", str(tmp_path / "o")],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert first.returncode == 2 and "page 2: giving up after 1 attempts" in first.stderr
    assert again.returncode == 2 and "--resume" in again.stderr
