"""The check-only validator's schema, kept on disk so that ``pubmeta validate`` starts fast.

Building it means building the model (pydantic generating the core schema of every class),
about half of what a pre-commit run of ``pubmeta validate`` on one file costs. The schema it
yields is plain data except for the functions and enumerations it names, all of pubmeta's own
modules that import no pydantic (:mod:`pubmeta.constraints`, :mod:`pubmeta.terms`,
``dates``, ``identifiers``, ``languages``, ``text``). It is kept as JSON, each of those named
``{"$py": "module:qualified.name"}`` and found again by import: only what a ``pubmeta.`` module
itself defines.

The kept file's name holds everything the schema depends on: pubmeta's version and the state
of its source files, the versions of pydantic and pydantic-core, and Python's. Whatever goes
wrong reading it (absent, foreign, from another version) means building it afresh; the
schema is the very one the model gives (``tests/test_checker.py`` holds the kept validator
to the fresh one and to the model).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from enum import Enum
from importlib.util import find_spec
from typing import Any

from ..cache import cache_folder, digest, file_states, keep, read_kept

_MARK = "$py"
_OURS = "pubmeta."


class _NotKeptError(ValueError):
    """The schema holds something the JSON form cannot name."""


def kept_schema() -> Any | None:
    """The kept schema for this install, or None (none kept, or not readable as one)."""
    path = _kept_path()
    text = read_kept(path) if path else None
    if text is None:
        return None
    try:
        return json.loads(text, object_hook=_decoded)
    except (ValueError, ImportError, AttributeError, TypeError):
        return None


def keep_schema(schema: Any) -> None:
    """Keeps the schema for the next runs (if it can be named as JSON and the cache written)."""
    path = _kept_path()
    if path is None:
        return
    try:
        text = json.dumps(_encoded(schema), ensure_ascii=False, separators=(",", ":"))
    except _NotKeptError:
        return
    keep(path, text)


def _encoded(value: Any) -> Any:
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise _NotKeptError("a mapping with keys that are not text")
        # "metadata" only feeds JSON Schema generation; validation never reads it
        return {key: _encoded(item) for key, item in value.items() if key != "metadata"}
    if isinstance(value, list):
        return [_encoded(item) for item in value]
    if isinstance(value, Enum):
        return {_MARK: f"{type(value).__module__}:{type(value).__qualname__}.{value.name}"}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if callable(value):
        name = f"{getattr(value, '__module__', '')}:{getattr(value, '__qualname__', '')}"
        if not name.startswith(_OURS) or "<" in name:
            raise _NotKeptError(f"{name} cannot be found again by its name")
        return {_MARK: name}
    raise _NotKeptError(f"a {type(value).__name__} in the schema")


def _decoded(mapping: dict[str, Any]) -> Any:
    named = mapping.get(_MARK)
    if named is None or len(mapping) != 1:
        return mapping
    module, _, qualified = str(named).partition(":")
    if not module.startswith(_OURS):
        raise ImportError(f"{module} is not pubmeta's")
    found: Any = importlib.import_module(module)
    for part in qualified.split("."):
        found = getattr(found, part)
    # only what that module itself defines: never a function it merely imported (os.system)
    defined_in = getattr(type(found) if isinstance(found, Enum) else found, "__module__", None)
    if defined_in != module:
        raise ImportError(f"{named} is not defined by {module}")
    return found


def _kept_path() -> str | None:
    folder = cache_folder()
    if folder is None:
        return None
    import pydantic_core  # needed to use the schema anyway

    from .. import __version__

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sources = sorted(
        os.path.join(package, name) for name in os.listdir(package) if name.endswith(".py")
    )
    sources.append(os.path.join(package, "validation", "checker.py"))
    pydantic = find_spec("pydantic")  # found, not imported
    if pydantic is None or pydantic.origin is None:
        return None
    sources.append(os.path.join(os.path.dirname(pydantic.origin), "version.py"))
    key = f"{__version__}|{pydantic_core.__version__}|{sys.version}|{file_states(sources)}"
    return os.path.join(folder, f"checker-{digest(key)}.json")
