"""The `pubmeta` command's contract: output lines and exit codes scripts rely on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    command = shutil.which("pubmeta")
    argv = [command] if command else [sys.executable, "-m", "pubmeta"]
    return subprocess.run(
        [*argv, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_seeds_validate_with_exit_0() -> None:
    result = run("validate", "seeds/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_each_bad_file_gets_its_line_and_the_run_goes_on() -> None:
    result = run(
        "validate",
        "tests/data/wrong_issn_checksum.json",
        "tests/data/titel_typo.yaml",
        "tests/data/impossible_date.json",
        "tests/data/malformed.json",
        "seeds/",
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "tests/data/wrong_issn_checksum.json:7:19: /container/issn_print: "
        "ISSN 0378-5956 has a wrong check character [issn-checksum]",
        "tests/data/titel_typo.yaml:2:1: /titel: unknown property 'titel'; "
        "did you mean 'title'? [unknown-property]",
        "tests/data/impossible_date.json:6:18: /dates/published: 2023-02 has 28 days, not 30 "
        "[date-calendar]",
        "tests/data/malformed.json:5:3: /: malformed JSON: Expecting ',' delimiter [json-syntax]",
    ]


def test_unreadable_file_exits_2_and_others_are_still_checked() -> None:
    result = run("validate", "tests/data/does-not-exist.json", "tests/data/titel_typo.yaml")
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith("tests/data/does-not-exist.json:1:1: /: cannot read")
    assert lines[0].endswith("[io-error]")
    assert "titel_typo.yaml:2:1" in lines[1]


def test_json_output_is_the_same_issues_as_data() -> None:
    result = run("validate", "--output-format", "json", "tests/data/impossible_date.json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["status"], report["files"], report["errors"]) == ("invalid", 1, 1)
    assert report["checked"] == ["tests/data/impossible_date.json"]
    (issue,) = report["findings"]
    assert issue["rule"] == "date-calendar" and issue["line"] == 6
    assert issue["pointer"] == "/dates/published" and issue["severity"] == "error"


def test_the_earlier_output_json_spelling_still_prints_the_bare_array() -> None:
    result = run("validate", "--output", "json", "tests/data/impossible_date.json")
    assert result.returncode == 1
    (issue,) = json.loads(result.stdout)
    assert (issue["rule"], issue["line"], issue["record"]) == ("date-calendar", 6, 0)


def test_schema_prints_the_published_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    on_disk = json.loads((REPO / "schemas" / "publication.schema.json").read_text("utf-8"))
    assert json.loads(result.stdout) == on_disk


def test_usage_errors_exit_2() -> None:
    assert run("validate").returncode == 2
    assert run("convert", "seeds/000_d4b476da1a4995c2.txt").returncode == 2
    assert run("frobnicate").returncode == 2


def test_convert_a_bad_page_is_one_line_and_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("convert", str(empty), "--to", "pubmeta", "--from", "pure")
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr.endswith("[empty]\n")


def test_formats_lists_every_format() -> None:
    result = run("formats")
    assert result.returncode == 0
    assert "pubmeta" in result.stdout and "pure" in result.stdout


def test_convert_between_every_pair_of_formats(tmp_path: Path) -> None:
    seed = "seeds/000_d4b476da1a4995c2.yaml"
    suffixes = {"pubmeta": ".json", "jats": ".xml", "csl": ".csl.json", "dc": ".dc.xml"}
    for source, suffix in suffixes.items():
        first = tmp_path / f"seed-{source}{suffix}"
        assert run("convert", seed, "--to", source, "-o", str(first)).returncode == 0
        for target in suffixes:
            result = run("convert", str(first), "--to", target)  # --from is sniffed
            assert result.returncode == 0, (source, target, result.stderr)
            assert "Radiation and Immune Checkpoint Inhibitors" in result.stdout


def test_convert_reads_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pubmeta", "convert", "-", "--to", "csl"],
        input=(REPO / "seeds" / "000_d4b476da1a4995c2.txt").read_text("utf-8"),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0 and json.loads(result.stdout)[0]["issue"] == "23"


def test_several_records_into_a_one_article_format_is_a_clear_error(tmp_path: Path) -> None:
    two = tmp_path / "two.yaml"
    two.write_text("- title: A\n- title: B\n", "utf-8")
    result = run("convert", str(two), "--to", "jats")
    assert result.returncode == 1 and "one article" in result.stderr
