"""The pubmeta-cff hook, installed by the real pre-commit from README's snippet, guards the
CITATION.cff of a fresh repository: a good file is committed, a bad one is refused with its
place and rule."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, SHARED, need, need_program
from test_precommit import _readme_snippet

CORPUS = SHARED / "corpus" / "cff"


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def cff_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    git = need_program("git")
    pre_commit = need_program("pre-commit")
    need(CORPUS, "the CFF corpus")
    if not (REPO / ".git").exists():
        pytest.skip("the checkout is not a git repository (pre-commit installs hooks from one)")
    rev = subprocess.run(
        [git, "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    root = tmp_path_factory.mktemp("software")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(root / ".cache"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": str(root / ".gitconfig"),
    }
    work = root / "repo"
    work.mkdir()
    _run([git, "init", "-q", "-b", "main"], work, env)
    (work / ".pre-commit-config.yaml").write_text(_readme_snippet(rev), "utf-8")
    _run([git, "add", ".pre-commit-config.yaml"], work, env)
    assert _run([pre_commit, "install"], work, env).returncode == 0
    warmed = _run([pre_commit, "install-hooks"], work, env)
    assert warmed.returncode == 0, warmed.stdout + warmed.stderr
    return work, env


def _commit_citation(
    work: Path, env: dict[str, str], name: str
) -> subprocess.CompletedProcess[str]:
    (work / "CITATION.cff").write_bytes((CORPUS / name).read_bytes())
    _run(["git", "add", "CITATION.cff"], work, env)
    return _run(["git", "commit", "-q", "-m", name], work, env)


@pytest.mark.external
@pytest.mark.slow
def test_a_valid_citation_file_is_committed(cff_repo: tuple[Path, dict[str, str]]) -> None:
    work, env = cff_repo
    result = _commit_citation(work, env, "KernelTuner_kernel_tuner.cff")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.external
@pytest.mark.slow
def test_an_invalid_citation_file_is_refused_with_its_place(
    cff_repo: tuple[Path, dict[str, str]],
) -> None:
    work, env = cff_repo
    result = _commit_citation(work, env, "007-Wik_Dam-Hydrographs-Analysis-BORI.cff")
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "CITATION.cff:14:12: /authors/0/orcid: is empty" in said, said
    assert "CITATION.cff:15:12: /authors/0/email: is empty" in said, said
    _run(["git", "reset", "-q", "CITATION.cff"], work, env)
