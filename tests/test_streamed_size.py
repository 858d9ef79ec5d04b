"""A JSON Lines file is bounded per line, not as a whole: an ingest of millions of records is
one file of any size, read line by line in bounded memory, and a line too long for one record
costs that record only (a ``too-large`` finding at its line), never the file."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

import pubmeta
from pubmeta import lines as line_rules
from pubmeta import reading
from pubmeta.pipeline import ingest


def _record(index: int) -> str:
    return json.dumps({"title": f"Record {index}", "identifiers": {"doi": f"10.1234/r.{index}"}})


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return path


def test_a_json_lines_file_larger_than_the_whole_file_limit_is_read_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _jsonl(tmp_path / "many.jsonl", [_record(i) for i in range(200)])
    monkeypatch.setattr(reading, "MAX_INPUT_BYTES", source.stat().st_size // 4)
    assert pubmeta.validate(source) == []
    assert [r.title for r in pubmeta.read(source)] == [f"Record {i}" for i in range(200)]


def test_the_whole_file_limit_still_holds_for_a_document_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "many.json"
    source.write_text(json.dumps([json.loads(_record(i)) for i in range(200)]), "utf-8")
    monkeypatch.setattr(reading, "MAX_INPUT_BYTES", source.stat().st_size // 4)
    (finding,) = pubmeta.validate(source)
    assert finding.rule == "too-large"


def test_an_overlong_line_is_one_finding_and_the_records_after_it_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(line_rules, "MAX_LINE_BYTES", 1000)
    long_title = json.dumps({"title": "x" * 5000})
    source = _jsonl(tmp_path / "some.jsonl", [_record(1), _record(2), long_title, _record(4)])
    (finding,) = pubmeta.validate(source)
    assert (finding.rule, finding.line) == ("too-large", 3)
    assert "line 3 is over 1000 bytes" in finding.message
    checked = list(reading.iter_source(source)[1])
    assert [c.record.title if c.record else None for c in checked] == [
        "Record 1", "Record 2", None, "Record 4",
    ]  # fmt: skip


def test_a_record_of_exactly_the_line_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = json.dumps({"title": "t" * 100})
    source = _jsonl(tmp_path / "exact.jsonl", [line, line])
    monkeypatch.setattr(line_rules, "MAX_LINE_BYTES", len(line))
    assert pubmeta.validate(source) == []
    monkeypatch.setattr(line_rules, "MAX_LINE_BYTES", len(line) - 1)
    assert [f.rule for f in pubmeta.validate(source)] == ["too-large", "too-large"]


def test_an_overlong_line_without_an_end_is_one_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(line_rules, "MAX_LINE_BYTES", 1000)
    source = tmp_path / "cut.jsonl"
    source.write_text(_record(1) + "\n" + "y" * 3500, "utf-8")  # no final newline
    (finding,) = pubmeta.validate(source)
    assert (finding.rule, finding.line) == ("too-large", 2)


def test_ingest_rejects_only_the_overlong_record_and_writes_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(line_rules, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(reading, "MAX_INPUT_BYTES", 2000)  # the file is larger: still ingested
    lines = [_record(i) for i in range(40)]
    lines[7] = json.dumps({"title": "z" * 4000})
    source = _jsonl(tmp_path / "in.jsonl", lines)
    rejects = tmp_path / "rejects.jsonl"
    summary = ingest([source], "pubmeta", tmp_path / "out", rejects=rejects, workers=1)
    assert (summary.written, summary.rejected) == (39, 1)
    (rejected,) = [json.loads(line) for line in rejects.read_text("utf-8").splitlines()]
    assert rejected["position"] == "8"
    assert [i["rule"] for i in rejected["issues"]] == ["too-large"]


@pytest.mark.slow
def test_a_huge_line_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.write((_record(1) + "\n").encode())
        handle.truncate(300 * 1024 * 1024)  # sparse: one line of 300 MiB of zero bytes
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run(
        [sys.executable, "-m", "pubmeta", "validate", str(path)],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    grown = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss - before
    assert result.returncode == 1, result.stderr
    assert b":2:1:" in result.stdout and b"[too-large]" in result.stdout
    assert grown < 250_000  # KiB: two pieces of the line at most, never the line
