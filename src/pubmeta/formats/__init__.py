"""The formats: one module (or folder) each, around the one record model.

Formats know only their own syntax, :mod:`.base` and the shared rules; no format module
imports another. :mod:`.registry` maps names to formats and imports each on first use.
"""

from __future__ import annotations

from .base import Fidelity, FieldMap, Format, IngestOutput, Option, Reading, outside
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

__all__ = [
    "FORMATS",
    "READABLE",
    "WRITABLE",
    "Fidelity",
    "FieldMap",
    "Format",
    "IngestOutput",
    "Option",
    "Reading",
    "format_for",
    "format_for_output",
    "get_format",
    "outside",
    "record_suffixes",
    "suffix_of",
]
