"""README.md stays true for a newcomer: its commands are the ones CI runs, its table is data,
and every shell and Python example in it runs, in document order, in a folder that holds only
a copy of ``seeds/`` and what the examples before it made."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import IN_CI

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text("utf-8")
BIN = Path(sys.executable).parent  # the environment pubmeta is installed in (README's .venv/bin)


def _commands() -> list[str]:
    block = README.split("## Two commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_readme_has_two_set_up_commands() -> None:
    main_job, tests = _commands()
    assert main_job.endswith("pubmeta validate seeds/")
    assert tests.endswith("python -m pytest")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert _commands()[1] in ci.splitlines()


def _sections() -> object:
    spec = importlib.util.spec_from_file_location(
        "readme_sections", REPO / "scripts" / "readme_sections.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mapping_table_and_rule_list_are_generated_from_the_data() -> None:
    module = _sections()
    for name in module.SECTIONS:  # type: ignore[attr-defined]
        found = module.current(README, name)  # type: ignore[attr-defined]
        assert found is not None, f"README has no {name} section"
        assert found == module.render(name), "run: python scripts/readme_sections.py --write"  # type: ignore[attr-defined]


# -- every example runs ------------------------------------------------------------------------

_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
#: Steps of README's shell lines that install pubmeta or run the whole suite: not run here.
#: Each is run elsewhere: the venv and `pip install '.[test]'` and the suite by .ci/run itself
#: (README's second command, checked equal above), `pip install .` and `pip install
#: 'pubmeta[cite]'` by the clean-install test of the built wheel.
NOT_RUN_HERE = {
    "python3 -m venv .venv",
    ".venv/bin/pip install .",
    ".venv/bin/pip install '.[test]'",
    ".venv/bin/python -m pytest",
    "pip install 'pubmeta[cite]'",
}


def _blocks() -> list[tuple[int, str, str]]:
    """(line number, language, text) of each fenced example, in document order."""
    return [
        (README.count("\n", 0, m.start()) + 1, m.group(1), m.group(2))
        for m in _BLOCK.finditer(README)
        if m.group(1) in ("sh", "console", "python")
    ]


def _shell_lines(text: str) -> list[str]:
    """Commands of a sh block: continuations joined, comments and blank lines left out."""
    joined = re.sub(r"\\\n\s*", "", text)
    lines = [re.sub(r"\s+#.*$", "", line).strip() for line in joined.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def _console(text: str) -> list[tuple[str, list[str]]]:
    """(command, the output README shows for it) of a console block."""
    steps: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def _shell(command: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env["PYTHONIOENCODING"] = "utf-8"
    command = command.replace(".venv/bin/", f"{BIN}/")
    return subprocess.run(
        ["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True, timeout=600
    )


def _shown(expected: list[str], actual: list[str]) -> bool:
    """README's lines are the output's lines; a line ending in '...' shows a line's start."""
    if len(expected) != len(actual):
        return False
    return all(
        a.startswith(e[:-3]) if e.endswith("...") else a == e
        for e, a in zip(expected, actual, strict=True)
    )


class _Reader:
    """Runs README's examples in one folder, one after another, as a reader would."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def sh(self, text: str) -> None:
        for line in _shell_lines(text):
            for step in (s.strip() for s in line.split("&&")):
                if step in NOT_RUN_HERE:
                    continue
                result = _shell(step, self.folder)
                assert result.returncode == 0, f"$ {step}\n{result.stdout}{result.stderr}"

    def console(self, text: str) -> None:
        for command, expected in _console(text):
            result = _shell(command, self.folder)
            shown = (result.stdout + result.stderr).splitlines()
            # a finding's exit 1 is what the example shows; anything else must succeed
            assert result.returncode in ((0, 1) if expected else (0,)), (
                f"$ {command}: exit {result.returncode}\n{result.stderr}"
            )
            assert _shown(expected, shown), f"$ {command}\nREADME shows {expected}\ngot {shown}"

    def python(self, text: str) -> None:
        script = self.folder / "example.py"
        script.write_text(text, "utf-8")
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        result = subprocess.run(
            [sys.executable, str(script)],
            cwd=self.folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        script.unlink()
        assert result.returncode == 0, f"{text}\n{result.stdout}{result.stderr}"


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> _Reader:
    folder = tmp_path_factory.mktemp("newcomer")
    shutil.copytree(REPO / "seeds", folder / "seeds")
    return _Reader(folder)


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize(
    ("language", "text"),
    [
        pytest.param(language, text, id=f"line-{line}-{language}")
        for line, language, text in _blocks()
    ],
)
def test_every_example_runs_in_a_folder_made_from_the_seeds(
    reader: _Reader, language: str, text: str
) -> None:
    """In document order: an example may use what one above it made, and nothing else (a
    file no example made and not in seeds/ is missing in the folder, and the example fails)."""
    getattr(reader, language)(text)


def test_the_pre_commit_snippet_pins_a_commit_that_has_its_hooks() -> None:
    block = README.split("### pre-commit", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    (rev,) = re.findall(r"^\s*rev:\s*(\S+)", block, re.MULTILINE)
    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        if IN_CI:
            pytest.fail("git and the checkout's history are needed to check README's rev")
        pytest.skip("not a git checkout: README's pre-commit rev cannot be checked")
    exists = subprocess.run([git, "cat-file", "-e", f"{rev}^{{commit}}"], cwd=REPO)
    assert exists.returncode == 0, f"README pins rev {rev}, which this repository does not have"
    hooks = subprocess.run(
        [git, "show", f"{rev}:.pre-commit-hooks.yaml"], cwd=REPO, capture_output=True, text=True
    )
    offered = set(re.findall(r"^- id: (\S+)", hooks.stdout, re.MULTILINE))
    asked = set(re.findall(r"^\s*- id: (\S+)", block, re.MULTILINE))
    assert asked and asked <= offered, f"rev {rev} has the hooks {offered}, not all of {asked}"


def _architecture_picture() -> str:
    section = README.split("\n## Architecture\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```text\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize("folder", ["src/pubmeta", "src/pubmeta/formats"])
def test_the_architecture_picture_names_every_module_and_package(folder: str) -> None:
    words = set(re.findall(r"[\w.]+/?", _architecture_picture()))
    present = [
        path.name + ("/" if path.is_dir() else "")
        for path in sorted((REPO / folder).iterdir())
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists())
    ]
    assert [name for name in present if name not in words] == []


def test_the_architecture_picture_names_nothing_that_is_not_there() -> None:
    named = re.findall(r"(?<![\w./])([\w./]*(?:\.py|/))(?=[\s,;)]|$)", _architecture_picture())
    source = REPO / "src" / "pubmeta"
    places = [REPO, source, source / "formats", source / "xml"]
    missing = [n for n in named if not any((place / n).exists() for place in places)]
    assert missing == []
