"""The official CFF 1.2.0 JSON Schema: where pubmeta finds it, and the proof it is the official one.

The repository holds no copy. The schema (CC-BY-4.0, the Citation File Format project) comes
from a registry package: the wheel of ``cffconvert`` 2.0.0 on PyPI ships it unmodified as
``cffconvert/schemas/1.2.0/schema.json``. The wheel build step takes it out of that wheel,
pinned by the wheel's SHA-256, and puts it into pubmeta's wheel at
``pubmeta/formats/cff/schema/1.2.0/schema.json`` (``pypi.json`` beside this module holds the
pin; an editable install gets it beside its import path, found through the distribution's
file list). At run time the file is used only if its SHA-256 is the official file's; nothing
outside the installed package is read.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any

from ...errors import PubmetaError

#: SHA-256 of the official schema.json of CFF 1.2.0 (git tag 1.2.0 of
#: citation-file-format/citation-file-format; byte-identical in cffconvert 2.0.0's wheel).
SHA256 = "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"
#: Where the wheel carries it, relative to this module.
SHIPPED = Path("schema") / "1.2.0" / "schema.json"

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


class SchemaUnavailableError(PubmetaError):
    """The official CFF schema is not installed with pubmeta (or is not the official file)."""


def _places() -> list[Path]:
    here = Path(__file__).parent
    places = [here / SHIPPED]
    try:  # an editable install: the build step put it beside the import path
        from importlib.metadata import PackageNotFoundError, files

        for entry in files("pubmeta") or ():
            if str(entry).replace("\\", "/").endswith("formats/cff/" + SHIPPED.as_posix()):
                places.append(Path(str(entry.locate())))
    except (PackageNotFoundError, ImportError):
        pass
    return places


def official_schema() -> dict[str, Any]:
    """The official CFF 1.2.0 schema (shared: callers must not change it)."""
    schema: dict[str, Any] | None = _loaded.get("1.2.0")
    if schema is None:
        with _lock:
            if "1.2.0" not in _loaded:
                _loaded["1.2.0"] = _load()
        schema = _loaded["1.2.0"]
    return schema


def _load() -> dict[str, Any]:
    looked = []
    for place in _places():
        try:
            data = place.read_bytes()
        except OSError:
            looked.append(str(place))
            continue
        if hashlib.sha256(data).hexdigest() != SHA256:
            looked.append(f"{place} (not the official file)")
            continue
        schema: dict[str, Any] = json.loads(data)
        return schema
    raise SchemaUnavailableError(
        "the official CFF 1.2.0 schema is not installed with pubmeta (looked at: "
        + "; ".join(looked)
        + "); reinstall pubmeta from its wheel"
    )
