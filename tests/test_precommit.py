"""The pre-commit hook, installed by the real pre-commit from this checkout, guards commits."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, SHARED, need, need_program

GOOD = (REPO / "seeds" / "000_d4b476da1a4995c2.yaml").read_text("utf-8")
BAD = (REPO / "tests" / "data" / "wrong_issn_checksum.json").read_text("utf-8")


def _readme_snippet(rev: str) -> str:
    """README's pre-commit snippet, verbatim but for where the hook comes from."""
    readme = (REPO / "README.md").read_text("utf-8")
    block = readme.split("### pre-commit", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    pinned = re.findall(r"^    rev: \S+$", block, re.MULTILINE)
    assert "repo: https://github.com/pubmeta/pubmeta" in block and len(pinned) == 1
    # (test_readme checks that the pinned commit exists; this checkout's own is installed)
    return block.replace("https://github.com/pubmeta/pubmeta", str(REPO)).replace(
        pinned[0], f"    rev: {rev}"
    )


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def hooked_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh git repository whose pre-commit config uses this checkout's hook."""
    git = need_program("git")
    pre_commit = need_program("pre-commit")
    if not (REPO / ".git").exists():
        pytest.skip("the checkout is not a git repository (pre-commit installs hooks from one)")
    rev = subprocess.run(
        [git, "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    root = tmp_path_factory.mktemp("records")
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
    (work / "records").mkdir()
    _run([git, "add", ".pre-commit-config.yaml"], work, env)
    installed = _run([pre_commit, "install"], work, env)
    assert installed.returncode == 0, installed.stderr
    # build the hook's environment once (pip installs this checkout into it)
    warmed = _run([pre_commit, "install-hooks"], work, env)
    assert warmed.returncode == 0, warmed.stdout + warmed.stderr
    env["PATH"] = env.get("PATH", "")
    return work, env


def _commit(work: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    return _run(["git", "commit", "-q", "-m", message], work, env)


@pytest.mark.external
@pytest.mark.slow
def test_a_good_record_passes(hooked_repo: tuple[Path, dict[str, str]]) -> None:
    work, env = hooked_repo
    (work / "records" / "good.yaml").write_text(GOOD, "utf-8")
    _run(["git", "add", "records/good.yaml"], work, env)
    result = _commit(work, env, "a good record")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.external
@pytest.mark.slow
def test_a_bad_record_blocks_the_commit_with_its_place_and_rule(
    hooked_repo: tuple[Path, dict[str, str]],
) -> None:
    work, env = hooked_repo
    (work / "records" / "bad.json").write_text(BAD, "utf-8")
    _run(["git", "add", "records/bad.json"], work, env)
    result = _commit(work, env, "a bad record")
    assert result.returncode != 0
    assert (
        "records/bad.json:7:19: /container/issn_print: ISSN 0378-5956 has a wrong check "
        "character [issn-checksum]"
    ) in result.stdout + result.stderr
    _run(["git", "reset", "-q", "records/bad.json"], work, env)
    (work / "records" / "bad.json").unlink()


@pytest.mark.external
@pytest.mark.slow
def test_only_staged_files_are_checked(hooked_repo: tuple[Path, dict[str, str]]) -> None:
    work, env = hooked_repo
    (work / "records" / "unstaged-bad.json").write_text(BAD, "utf-8")
    (work / "records" / "second.yaml").write_text(GOOD.replace("Radiation", "Second"), "utf-8")
    _run(["git", "add", "records/second.yaml"], work, env)
    result = _commit(work, env, "one more good record; a bad one lies unstaged")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unstaged-bad.json" not in result.stdout + result.stderr


@pytest.mark.external
@pytest.mark.slow
def test_the_snippet_checks_record_files_only_and_only_in_the_records_folder(
    hooked_repo: tuple[Path, dict[str, str]],
) -> None:
    work, env = hooked_repo
    (work / "records" / "README.md").write_text("# Our records\n\nNot a record.\n", "utf-8")
    (work / "drafts").mkdir(exist_ok=True)
    (work / "drafts" / "bad.json").write_text(BAD, "utf-8")
    _run(["git", "add", "records/README.md", "drafts/bad.json"], work, env)
    result = _commit(work, env, "a README beside the records; a draft outside them")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "README.md" not in result.stdout + result.stderr


# -- the pubmeta-cff hook of the same snippet --------------------------------------------------


def _commit_citation(
    work: Path, env: dict[str, str], name: str
) -> subprocess.CompletedProcess[str]:
    corpus = need(SHARED / "corpus" / "cff", "the CFF corpus")
    (work / "CITATION.cff").write_bytes((corpus / name).read_bytes())
    _run(["git", "add", "CITATION.cff"], work, env)
    return _commit(work, env, name)


@pytest.mark.external
@pytest.mark.slow
def test_a_valid_citation_file_is_committed(hooked_repo: tuple[Path, dict[str, str]]) -> None:
    work, env = hooked_repo
    result = _commit_citation(work, env, "KernelTuner_kernel_tuner.cff")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.external
@pytest.mark.slow
def test_an_invalid_citation_file_is_refused_with_its_places(
    hooked_repo: tuple[Path, dict[str, str]],
) -> None:
    work, env = hooked_repo
    result = _commit_citation(work, env, "007-Wik_Dam-Hydrographs-Analysis-BORI.cff")
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "CITATION.cff:14:12: /authors/0/orcid: is empty" in said, said
    assert "CITATION.cff:15:12: /authors/0/email: is empty" in said, said
    _run(["git", "reset", "-q", "CITATION.cff"], work, env)
    restored = _run(["git", "checkout", "--", "CITATION.cff"], work, env)  # the valid one
    if restored.returncode != 0:
        (work / "CITATION.cff").unlink()
