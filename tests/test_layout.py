"""The house's shape: modules import alone (no circles), files stay readable, start-up is light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

SOURCE = REPO / "src" / "pubmeta"
MODULES = sorted(
    ".".join(("pubmeta", *path.relative_to(SOURCE).with_suffix("").parts)).removesuffix(".__init__")
    for path in SOURCE.rglob("*.py")
    if path.name != "__main__.py"  # runs the command when imported
)

_IMPORT_EACH_ALONE = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "pubmeta" or m.startswith("pubmeta.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as error:  # report every module, not only the first
        failed.append(f"{name}: {type(error).__name__}: {error}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def test_every_module_imports_alone_so_there_is_no_import_circle() -> None:
    optional = {"pubmeta.engines.dask"}  # needs the dask extra, which the test extra includes
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_ALONE, *MODULES],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert optional <= set(MODULES)


@pytest.mark.parametrize("path", sorted(SOURCE.rglob("*.py")), ids=lambda p: p.name)
def test_no_source_file_is_over_600_lines(path: Path) -> None:
    assert len(path.read_text("utf-8").splitlines()) <= 600


def _modules_loaded_by(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


HEAVY = {"pydantic", "pydantic_core", "lxml", "ruamel", "jsonschema", "stdnum", "pycountry"}


def test_importing_pubmeta_loads_nothing_heavy() -> None:
    loaded = _modules_loaded_by("import pubmeta")
    assert not {m.split(".")[0] for m in loaded} & HEAVY


def test_help_and_version_load_nothing_heavy() -> None:
    for argv in (["--help"], ["--version"], ["validate", "--help"], ["frobnicate"]):
        code = (
            "import sys, contextlib, io\n"
            "from pubmeta.cli import main\n"
            f"sys.argv = ['pubmeta', *{argv!r}]\n"
            "with contextlib.redirect_stdout(io.StringIO()), "
            "contextlib.redirect_stderr(io.StringIO()):\n"
            "    try:\n        main()\n    except SystemExit:\n        pass"
        )
        loaded = _modules_loaded_by(code)
        assert not {m.split(".")[0] for m in loaded} & HEAVY, argv
