"""`pubmeta validate` keeps the check-only validator's schema in the user's cache and later runs
load it instead of building the model; a kept file that is absent, foreign or unreadable only
means building it again, and the findings never change. (That the kept validator judges as
the model does is the law of tests/test_checker.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from pubmeta.cache import file_states

_VALIDATE_AND_SAY_WHAT_LOADED = (
    "import sys; from pubmeta.cli import main; code = main(sys.argv[1:]); "
    "sys.stderr.write('model loaded: %s\\n' % ('pubmeta.model' in sys.modules)); sys.exit(code)"
)
TYPO = REPO / "tests" / "data" / "titel_typo.yaml"
VALID = next((REPO / "seeds").glob("*.yaml"))


def _validate(cache: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PUBMETA_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-c", _VALIDATE_AND_SAY_WHAT_LOADED, "validate", *map(str, paths)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_the_first_run_keeps_the_schema_and_later_runs_do_not_build_the_model(
    tmp_path: Path,
) -> None:
    first = _validate(tmp_path, VALID)
    assert first.returncode == 0, first.stderr
    assert "model loaded: True" in first.stderr
    assert len(list(tmp_path.glob("checker-*.json"))) == 1
    again = _validate(tmp_path, VALID)
    assert again.returncode == 0, again.stderr
    assert "model loaded: False" in again.stderr


def test_findings_are_the_same_with_and_without_the_kept_schema(tmp_path: Path) -> None:
    cold = _validate(tmp_path, TYPO, VALID)
    warm = _validate(tmp_path, TYPO, VALID)
    assert cold.returncode == warm.returncode == 1
    assert cold.stdout == warm.stdout
    assert "unknown property 'titel'" in warm.stdout


@pytest.mark.parametrize(
    "foreign",
    [
        "not json at all",
        json.dumps({"$py": "os:system"}),  # only pubmeta's own functions are ever looked up
        json.dumps({"$py": "pubmeta.api:os.system"}),  # ... that pubmeta itself defines
        json.dumps({"type": "no-such-schema-type"}),
        json.dumps({"$py": "pubmeta.constraints:no_such_function"}),
    ],
)
def test_a_foreign_kept_file_is_never_used(tmp_path: Path, foreign: str) -> None:
    _validate(tmp_path, VALID)
    (kept,) = tmp_path.glob("checker-*.json")
    kept.write_text(foreign, "utf-8")
    result = _validate(tmp_path, TYPO)
    assert result.returncode == 1
    assert "unknown property 'titel'" in result.stdout
    assert "model loaded: True" in result.stderr  # built afresh instead


def test_validation_needs_no_writable_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    result = _validate(blocker / "cache", VALID)
    assert result.returncode == 0, result.stderr
    assert "1 record(s) read: 0 error(s)" in result.stderr


def test_a_changed_source_file_changes_the_key(tmp_path: Path) -> None:
    source = tmp_path / "model.py"
    source.write_text("a = 1\n", "utf-8")
    before = file_states([str(source)])
    source.write_text("a = 22\n", "utf-8")
    assert file_states([str(source)]) != before
    assert "absent" in file_states([str(tmp_path / "gone.py")])
