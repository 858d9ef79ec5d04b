"""What a newcomer met on the command line: each usage mistake is exit 2 with the command's own
usage and spelling, and what the help offers works."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, need_module

SEED = REPO / "seeds" / "000_d4b476da1a4995c2.yaml"
CROSSREF_HEAD = [
    *("--option", "crossref.depositor=Press", "--option", "crossref.email=doi@press.org"),
    *("--option", "crossref.registrant=Press", "--option", "crossref.batch_id=batch-0001"),
    *("--option", "crossref.timestamp=20261201120000"),
]


def pubmeta_cli(
    *args: str, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pubmeta", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed record as one line of JSON Lines."""
    folder = tmp_path_factory.mktemp("in")
    made = pubmeta_cli("convert", str(SEED), "-t", "pubmeta", "--option", "layout=jsonl",
                       "-o", "small.jsonl", cwd=folder)  # fmt: skip
    assert made.returncode == 0, made.stderr
    return folder / "small.jsonl"


def test_every_format_the_formats_listing_says_is_writable_is_an_ingest_target(
    tmp_path: Path,
) -> None:
    listing = json.loads(pubmeta_cli("formats", "--output-format", "json", cwd=tmp_path).stdout)
    writable = [f["name"] for f in listing["formats"] if f["write"]]
    assert "bibtex" in writable
    # the seed with a DOI (of Crossref's test prefix): DOI registries register nothing without
    with_doi = tmp_path / "with-doi.yaml"
    with_doi.write_text(SEED.read_text("utf-8") + "identifiers:\n  doi: 10.5555/12345678\n")
    result = pubmeta_cli("ingest", str(with_doi), "-t", ",".join(writable), "--out", "o",
                         *CROSSREF_HEAD, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "o" / "summary.json").read_text("utf-8"))
    assert (summary["written"], summary["rejected"]) == (1, 0)
    held = {p.name for p in (tmp_path / "o").iterdir()}
    assert held >= {"records.jsonl", "records.csl.jsonl", "records.ris", "jats", "dc", "bibtex"}


def test_ingest_to_bibtex_writes_what_convert_writes(jsonl: Path, tmp_path: Path) -> None:
    result = pubmeta_cli("ingest", str(jsonl), "-t", "bibtex", "--out", "o", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (written,) = (tmp_path / "o" / "bibtex").iterdir()
    converted = pubmeta_cli("convert", str(jsonl), "-t", "bibtex", cwd=tmp_path)
    assert written.read_text("utf-8") == converted.stdout
    assert converted.stdout.startswith("@article{chami2023radiation,")


def test_ingest_to_crossref_without_its_options_is_a_usage_error_before_the_run(
    jsonl: Path, tmp_path: Path
) -> None:
    result = pubmeta_cli("ingest", str(jsonl), "-t", "crossref", "--out", "o", cwd=tmp_path)
    assert result.returncode == 2
    assert "--option crossref.depositor=..." in result.stderr
    assert "pubmeta.write" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_ingest_with_an_option_value_the_writer_refuses_is_a_usage_error_before_the_run(
    jsonl: Path, tmp_path: Path
) -> None:
    result = pubmeta_cli("ingest", str(jsonl), "-t", "crossref", "--out", "o", *CROSSREF_HEAD,
                         "--option", "crossref.version=9", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert "version '9'" in result.stderr and not (tmp_path / "o").exists()


def test_convert_to_crossref_without_its_options_names_the_convert_spelling(
    tmp_path: Path,
) -> None:
    result = pubmeta_cli("convert", str(SEED), "-t", "crossref", cwd=tmp_path)
    assert result.returncode == 2
    assert "--option depositor=..." in result.stderr and "crossref.depositor" not in result.stderr


def test_an_option_the_writer_does_not_have_is_a_usage_error(tmp_path: Path) -> None:
    result = pubmeta_cli("convert", str(SEED), "-t", "csl", "--option", "layout=yaml",
                         cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert "layout" in result.stderr and result.stdout == ""


def test_an_option_value_the_writer_refuses_is_a_usage_error(tmp_path: Path) -> None:
    result = pubmeta_cli("convert", str(SEED), "-t", "pubmeta", "--option", "layout=xml",
                         cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2 and "layout" in result.stderr


def test_native_yaml_on_standard_input_is_recognised(tmp_path: Path) -> None:
    result = pubmeta_cli("convert", "-", "-t", "ris", cwd=tmp_path, stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert "TI  - Radiation and Immune Checkpoint Inhibitors" in result.stdout


def test_other_yaml_on_standard_input_is_not_taken_for_a_record(tmp_path: Path) -> None:
    workflow = b"name: CI\ntitle: tests\non: [push]\n"  # title: is a record field, on: is not
    result = pubmeta_cli("convert", "-", "-t", "ris", cwd=tmp_path, stdin=workflow)
    assert result.returncode == 1 and "[format]" in result.stderr


def test_a_folder_without_records_is_exit_2_for_validate_and_ingest_alike(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    checked = pubmeta_cli("validate", "empty", cwd=tmp_path)
    ingested = pubmeta_cli("ingest", "empty", "-t", "pubmeta", "--out", "o", cwd=tmp_path)
    assert (checked.returncode, ingested.returncode) == (2, 2)
    assert "no record files found in empty" in checked.stderr
    assert "no record files found in empty" in ingested.stderr
    assert not (tmp_path / "o").exists()


def test_ingest_into_earlier_output_says_the_flag_that_replaces_it(
    jsonl: Path, tmp_path: Path
) -> None:
    first = pubmeta_cli("ingest", str(jsonl), "-t", "pubmeta", "--out", "o", "--quiet",
                        cwd=tmp_path)  # fmt: skip
    assert first.returncode == 0, first.stderr
    again = pubmeta_cli("ingest", str(jsonl), "-t", "pubmeta", "--out", "o", cwd=tmp_path)
    assert again.returncode == 2
    assert "pass --overwrite" in again.stderr and "overwrite=True" not in again.stderr


@pytest.mark.parametrize(
    ("argv", "unknown"),
    [(["validate", "--frm", "jats", "x.xml"], "--frm"), (["convert", "A", "B"], "B")],
)
def test_an_argument_a_command_does_not_know_prints_that_commands_usage(
    argv: list[str], unknown: str, tmp_path: Path
) -> None:
    result = pubmeta_cli(*argv, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"usage: pubmeta {argv[0]} ")
    assert f"pubmeta {argv[0]}: error: unrecognized arguments: {unknown}" in result.stderr


def test_a_slip_of_an_option_name_is_answered_with_the_option() -> None:
    result = pubmeta_cli("validate", "--frm", "jats", "x.xml", cwd=REPO)
    assert "(did you mean --from?)" in result.stderr


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_ctrl_c_during_a_dask_ingest_is_one_clean_line(jsonl: Path, tmp_path: Path) -> None:
    need_module("distributed")
    big = tmp_path / "big.jsonl"
    big.write_bytes(jsonl.read_bytes() * 20_000)
    # as from a terminal: SIGINT at its default (not inherited as ignored), sent to the group
    argv = [sys.executable, "-c", _DEFAULT_SIGINT_THEN_PUBMETA, "ingest", "big.jsonl",
            "-t", "pubmeta,jats", "--out", "o", "--engine", "dask", "--workers", "2"]  # fmt: skip
    run = subprocess.Popen(
        argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 180
    while not any(p.stat().st_size for p in tmp_path.glob(".o.incomplete-*/records.jsonl")):
        assert run.poll() is None and time.monotonic() < deadline, "no chunk was ever written"
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGINT)  # the workers are busy: Ctrl-C reaches every process
    _, err = run.communicate(timeout=120)
    lines = err.decode().splitlines()
    assert run.returncode == 130
    assert lines[-1].startswith("pubmeta ingest: interrupted; nothing was kept")
    assert [line for line in lines if not line.startswith("pubmeta ingest: ")] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]


_DEFAULT_SIGINT_THEN_PUBMETA = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.executable, [sys.executable, '-m', 'pubmeta', *sys.argv[1:]])"
)
