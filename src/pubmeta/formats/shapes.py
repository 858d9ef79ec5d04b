"""JSON that no format takes: the message that says so and names the JSON each format takes.

pubmeta's own reader takes any JSON the formats with more particular marks leave (a document
read without a format falls to it last), so JSON of some other shape, an API's error response
or a list of numbers, would be answered with one "unknown property" finding per key. When
nothing of the document is a field of a pubmeta record, the registry's answer is better: no
format takes this JSON, and these are the shapes taken (the registry's ``JSON_SHAPES``). A record
with a misspelt key among known ones keeps the record's own finding with its suggestion.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..jsonio import json_type


def _first_value(text: str) -> tuple[bool, Any] | None:
    """(the document is an array, its top-level object or its first item), read without
    reading a whole array; None for what is not JSON here (the reader says why)."""
    start = len(text) - len(text.lstrip())
    decoder = json.JSONDecoder()
    try:
        if text.startswith("{", start):
            return False, decoder.raw_decode(text, start)[0]
        if text.startswith("[", start):
            inner = start + 1
            while inner < len(text) and text[inner] in " \t\r\n":
                inner += 1
            if text.startswith("]", inner):
                return None  # an empty array: no record, which the reader says
            return True, decoder.raw_decode(text, inner)[0]
    except (ValueError, RecursionError):
        return None
    return None


def unclaimed_json(text: str, shapes: Mapping[str, str]) -> str | None:
    """The message for a JSON document no format takes, naming ``shapes`` (format -> the JSON
    it takes), or None when the text is not JSON or is (or begins) an object with at least
    one key that is a pubmeta record's field."""
    found = _first_value(text)
    if found is None:
        return None
    is_array, value = found
    if isinstance(value, dict):
        if not value:
            return None  # an empty object: the record's own findings say what is missing
        from ..model import Publication

        if any(key in Publication.model_fields for key in value):
            return None
        keys = sorted(value)
        shown = ", ".join(repr(k) for k in keys[:6]) + (", ..." if len(keys) > 6 else "")
        whose = "its first item's keys" if is_array else "its keys"
        what = f"{whose} {shown} name no field of a pubmeta record"
    else:
        what = f"an array whose first item is {json_type(value)}, not a record"
    taken = "; ".join(f"{name}: {shape}" for name, shape in shapes.items())
    return (
        f"no format takes this JSON ({what}); the JSON taken: {taken}; name the format if "
        "the document is one of these"
    )
