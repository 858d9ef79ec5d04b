"""A lone ``pubmeta --version`` or ``--help`` answers without building the parser, and says
exactly what the parser would; nothing is kept on disk that could change what it prints."""

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


def _run(code: str, *args: str, home: Path, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")}
    env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip


def _pubmeta(*args: str, home: Path, columns: int = 80) -> subprocess.CompletedProcess[str]:
    code = "import sys; from pubmeta.cli import main; sys.exit(main())"
    return _run(code, *args, home=home, columns=columns)


def test_the_version_is_the_one_the_package_declares(tmp_path: Path) -> None:
    result = _pubmeta("--version", home=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"pubmeta {pubmeta.__version__}\n")


@pytest.mark.parametrize("columns", [40, 80, 132])
def test_help_is_the_parsers_own_text(tmp_path: Path, columns: int) -> None:
    expected = _run(_PARSER_HELP, pubmeta.__version__, home=tmp_path, columns=columns).stdout
    assert expected.startswith("usage: pubmeta")
    for flag in ("--help", "-h"):
        result = _pubmeta(flag, home=tmp_path, columns=columns)
        assert (result.returncode, result.stdout) == (0, expected)


def test_help_and_version_write_nothing_to_the_users_home(tmp_path: Path) -> None:
    for args in (["--help"], ["--version"], ["validate", "--help"]):
        assert _pubmeta(*args, home=tmp_path).returncode == 0
    assert list(tmp_path.rglob("*")) == []


def test_a_lone_version_loads_neither_the_parser_nor_the_model(tmp_path: Path) -> None:
    result = _run(_LOADED, "--version", home=tmp_path)
    assert result.stdout.startswith("pubmeta ")
    assert result.stderr == "", f"--version loaded {result.stderr}"


@pytest.mark.parametrize("columns", [80, 132, 400])
def test_the_help_answered_without_the_parser_is_the_parsers_text(
    tmp_path: Path, columns: int
) -> None:
    from pubmeta.cli.quick_answers import TOP_HELP

    rendered = _run(_PARSER_HELP, pubmeta.__version__, home=tmp_path, columns=columns).stdout
    assert rendered == TOP_HELP, "the parser changed: copy its --help text into TOP_HELP"


def test_a_lone_help_on_a_wide_terminal_loads_neither_the_parser_nor_the_model(
    tmp_path: Path,
) -> None:
    result = _run(_LOADED, "--help", home=tmp_path, columns=100)
    assert result.stdout.startswith("usage: pubmeta")
    assert result.stderr == "", f"--help loaded {result.stderr}"


def test_help_on_a_narrow_terminal_loads_no_model(tmp_path: Path) -> None:
    result = _run(_LOADED, "--help", home=tmp_path, columns=60)
    assert result.stdout.startswith("usage: pubmeta")
    assert "pydantic" not in result.stderr.split()
    assert "pubmeta.model" not in result.stderr.split()
