"""README.md stays true for a newcomer: its commands are the ones CI runs, its table is data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text("utf-8")


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
