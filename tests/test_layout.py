"""The house's shape: modules import alone (no circles), files stay readable, start-up is light."""

from __future__ import annotations

import ast
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


def _module_of(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(("pubmeta", *parts)).removesuffix(".__init__")


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports_by_name(called: ast.expr) -> bool:
    """``importlib.import_module(...)``, or a format's ``lazy(module, name)``."""
    if isinstance(called, ast.Attribute):
        return called.attr == "import_module"
    return isinstance(called, ast.Name) and called.id in {"import_module", "lazy"}


def _imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The pubmeta modules one module imports, wherever the import statement stands (module
    level, inside functions and classes); ``from a import b`` is an edge to ``a.b`` when that is
    a module, else to ``a``; relative imports resolved; ``importlib.import_module("...")`` and
    a format's ``lazy("module", name)`` with a literal name counted too. Imports under ``if
    TYPE_CHECKING:`` are left out: they never run (their ``else`` branch is counted)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def absolute(module: str, level: int) -> str:
        if not level:
            return module
        base = package.split(".")[: len(package.split(".")) - (level - 1)]
        return ".".join([*base, module] if module else base)

    found: set[str] = set()
    pending: list[ast.AST] = [ast.parse(path.read_text("utf-8"))]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = absolute(node.module or "", node.level)
            for alias in node.names:
                child = f"{module}.{alias.name}"
                found.add(child if child in known else module)
        elif (
            isinstance(node, ast.Call)
            and _imports_by_name(node.func)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            literal = node.args[0].value
            dots = len(literal) - len(literal.lstrip("."))
            found.add(absolute(literal.lstrip("."), dots))
        pending.extend(ast.iter_child_nodes(node))
    return {module for module in found if module in known and module != name}


def import_graph() -> dict[str, set[str]]:
    """Module -> the pubmeta modules it imports (see _imported). An import of ``a.b`` is an edge
    to ``a.b`` alone, not to the package ``a``: a package's ``__init__`` runs first all the
    same, but counting it would make every package that imports its own children a circle."""
    paths = {_module_of(path): path for path in SOURCE.rglob("*.py")}
    known = set(paths)
    return {name: _imported(name, path, known) for name, path in paths.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle (as a path back to its start) per strongly connected group of modules."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm; the graph is a few hundred modules
        order[node] = low[node] = len(order)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in order:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], order[target])
        if low[node] == order[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return [_path_round(sorted(group)[0], set(group), graph) for group in groups]


def _path_round(start: str, group: set[str], graph: dict[str, set[str]]) -> list[str]:
    """The shortest way from ``start`` back to itself inside its group (breadth first)."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & group):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"{start} is in a group without a way back")


def test_the_circle_finder_sees_a_circle_made_inside_a_function() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c", "a"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_function_level_and_relative_imports_are_edges(tmp_path: Path) -> None:
    package = tmp_path / "pubmeta"
    (package / "sub").mkdir(parents=True)
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "one.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .. import never\n"
        "def f():\n    from ..two import x\n    from . import three\n"
    )
    known = {"pubmeta.sub", "pubmeta.sub.one", "pubmeta.two", "pubmeta.sub.three",
             "pubmeta.never"}  # fmt: skip
    found = _imported("pubmeta.sub.one", package / "sub" / "one.py", known)
    assert found == {"pubmeta.two", "pubmeta.sub.three"}


def test_a_formats_lazy_module_is_an_edge(tmp_path: Path) -> None:
    module = tmp_path / "fmt.py"
    module.write_text('READER = lazy("pubmeta.fmt.read", "read")\n')
    found = _imported("pubmeta.fmt", module, {"pubmeta.fmt.read"})
    assert found == {"pubmeta.fmt.read"}


def test_no_import_circle_counting_imports_inside_functions() -> None:
    found = circles(import_graph())
    assert not found, "import circles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_no_format_module_touches_the_collector() -> None:
    """A format says what its reading makes (Format.makes_cycles); the reading layer, not the
    format, tells the collector (imports inside functions counted, as for circles)."""
    graph = import_graph()
    touching = sorted(
        name
        for name, imported in graph.items()
        if name.startswith("pubmeta.formats") and "pubmeta.collector" in imported
    )
    assert touching == []


def test_the_collector_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    package = tmp_path / "pubmeta"
    (package / "formats").mkdir(parents=True)
    module = package / "formats" / "fmt.py"
    module.write_text("def read():\n    from ..collector import cycles_made\n    cycles_made()\n")
    found = _imported("pubmeta.formats.fmt", module, {"pubmeta.collector"})
    assert found == {"pubmeta.collector"}


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
