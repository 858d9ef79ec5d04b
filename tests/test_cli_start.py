"""A lone ``pubmeta --version`` or ``--help`` answers without building the parser, and says
exactly what the parser would: the help text argparse renders once is kept in the user's cache
folder and printed only where argparse would print the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import pubmeta

_PARSER_HELP = (
    "import sys; from pubmeta.cli.parser import build; "
    "sys.stdout.write(build(sys.argv[1]).format_help())"
)
_LOADED = (
    "import sys; from pubmeta.cli import main; main(sys.argv[1:]); "
    "names = ('argparse', 'pathlib', 'pydantic', 'pubmeta.model', 'pubmeta.formats.registry'); "
    "sys.stderr.write(' '.join(n for n in names if n in sys.modules))"
)


def _run(code: str, *args: str, cache: Path, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PUBMETA_CACHE_DIR": str(cache), "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip


def _pubmeta(*args: str, cache: Path, columns: int = 80) -> subprocess.CompletedProcess[str]:
    code = "import sys; from pubmeta.cli import main; sys.exit(main())"
    return _run(code, *args, cache=cache, columns=columns)


def test_the_version_is_the_one_the_package_declares(tmp_path: Path) -> None:
    result = _pubmeta("--version", cache=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"pubmeta {pubmeta.__version__}\n")


@pytest.mark.parametrize("columns", [40, 80, 132])
def test_help_is_the_parsers_own_text_before_and_after_it_is_kept(
    tmp_path: Path, columns: int
) -> None:
    expected = _run(_PARSER_HELP, pubmeta.__version__, cache=tmp_path, columns=columns).stdout
    assert expected.startswith("usage: pubmeta")
    first = _pubmeta("--help", cache=tmp_path, columns=columns)
    assert list(tmp_path.glob("help-*.txt")), "the first answer keeps the text"
    again = _pubmeta("-h", cache=tmp_path, columns=columns)
    assert (first.returncode, first.stdout) == (0, expected)
    assert (again.returncode, again.stdout) == (0, expected)


def test_each_terminal_width_keeps_its_own_text(tmp_path: Path) -> None:
    narrow = _pubmeta("--help", cache=tmp_path, columns=40).stdout
    wide = _pubmeta("--help", cache=tmp_path, columns=200).stdout
    assert narrow != wide
    assert len(list(tmp_path.glob("help-*.txt"))) == 2


def test_a_kept_text_that_is_not_pubmetas_help_is_not_printed(tmp_path: Path) -> None:
    expected = _pubmeta("--help", cache=tmp_path).stdout
    (kept,) = tmp_path.glob("help-*.txt")
    kept.write_text("rm -rf /\n", "utf-8")
    assert _pubmeta("--help", cache=tmp_path).stdout == expected
    kept.write_bytes(b"\xff\xfe not text")
    assert _pubmeta("--help", cache=tmp_path).stdout == expected


def test_help_needs_no_writable_cache_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    result = _pubmeta("--help", cache=blocker / "cache")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: pubmeta")
    assert result.stderr == ""


def test_a_lone_help_or_version_loads_neither_the_parser_nor_the_model(tmp_path: Path) -> None:
    _pubmeta("--help", cache=tmp_path)  # keeps the text
    for flag in ("--help", "--version"):
        result = _run(_LOADED, flag, cache=tmp_path)
        assert result.stdout.startswith(("usage: pubmeta", "pubmeta "))
        assert result.stderr == "", f"{flag} loaded {result.stderr}"


def test_help_with_other_arguments_is_the_parsers_as_before(tmp_path: Path) -> None:
    result = _pubmeta("validate", "--help", cache=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: pubmeta validate")
    assert not list(tmp_path.glob("help-*.txt"))
