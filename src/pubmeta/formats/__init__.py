"""The formats: one module (or folder) each, around the one record model.

Formats know only their own syntax, :mod:`.base` and the shared rules; no format module
imports another. :mod:`.registry` maps names to formats and imports each on first use.
"""

from __future__ import annotations

import importlib

#: public name -> submodule; imported on first use (the command line reads the registry's
#: names without paying for the rest)
_PUBLIC = {
    **dict.fromkeys(("Fidelity", "FieldMap", "Format", "Option", "Reading", "outside"), "base"),
    **dict.fromkeys(("FORMATS", "READABLE", "WRITABLE", "format_for", "format_for_output",
                     "get_format", "record_suffixes", "suffix_of"), "registry"),
}  # fmt: skip

TYPE_CHECKING = False  # typing is not imported at run time: the command starts faster
if TYPE_CHECKING:
    from typing import Any

    from .base import Fidelity, FieldMap, Format, Option, Reading, outside
    from .registry import (
        FORMATS,
        READABLE,
        WRITABLE,
        format_for,
        format_for_output,
        get_format,
        record_suffixes,
        suffix_of,
    )


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'pubmeta.formats' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "FORMATS",
    "READABLE",
    "WRITABLE",
    "Fidelity",
    "FieldMap",
    "Format",
    "Option",
    "Reading",
    "format_for",
    "format_for_output",
    "get_format",
    "outside",
    "record_suffixes",
    "suffix_of",
]
