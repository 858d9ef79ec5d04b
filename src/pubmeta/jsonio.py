"""Strict JSON, in one place: a key given twice, NaN or Infinity, a number of thousands of
digits and nesting too deep to read are refused (JSON readers would keep one of two keys
silently, or read the others as something other than they seem), and JSON's type names.

:func:`loads` raises :class:`~pubmeta.errors.FormatError` (a format reader's document);
:func:`parse_json` returns the finding instead (one record of a JSON Lines file, on the
validation fast path).
"""

from __future__ import annotations

import json
import re
from typing import Any

import jiter
from pydantic_core import to_json

from .diagnostics import Issue
from .errors import FormatError
from .lines import encoding_issue


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def compact(value: Any) -> str:
    """Compact JSON, non-ASCII as it is: pydantic-core's encoder, a third of json's time (the
    CSL-JSON writer's items and the JATS writer's custom metadata)."""
    return to_json(value).decode()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return document


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def too_deep() -> FormatError:
    """The error for a document nested deeper than the interpreter reads."""
    return FormatError(
        "the document is nested too deeply to be a record", line=1, column=1, rule="too-deep"
    )


def loads(text: str | bytes) -> Any:
    """Strict JSON: FormatError for syntax, duplicate keys, NaN/Infinity, endless numbers,
    and nesting deeper than the interpreter allows."""
    # jiter reads the common case (valid UTF-8 JSON) in two thirds of the time and refuses
    # duplicate keys itself; anything it refuses is read again by json, which decides and
    # says why and where (jiter also refuses what json accepts: lone surrogates, deep nesting,
    # other encodings). A law holds the two to the same values.
    try:
        raw = text.encode("utf-8") if isinstance(text, str) else text
        return jiter.from_json(raw, catch_duplicate_keys=True, allow_inf_nan=False)
    except ValueError:  # UnicodeEncodeError included
        pass
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise FormatError(
            f"malformed JSON: {error.msg}",
            line=error.lineno,
            column=error.colno,
            rule="json-syntax",
        ) from None
    except _DuplicateKey as error:
        line, column = _place_of_key(text, error.key)
        raise FormatError(
            f"the key {json.dumps(error.key, ensure_ascii=False)[:80]} is given twice in one "
            "object (JSON readers would silently keep only one)",
            line=line,
            column=column,
            rule="duplicate-key",
        ) from None
    except RecursionError:
        raise too_deep() from None
    except ValueError as error:  # int conversion limit, NaN, Infinity
        rule = "number-too-long" if "digits" in str(error) else "json-syntax"
        raise FormatError(f"unreadable JSON value: {str(error)[:120]}", rule=rule) from None


def _place_of_key(text: str | bytes, key: str) -> tuple[int | None, int | None]:
    """Line and column of the second occurrence of a key (a courtesy: may be approximate)."""
    source = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    needle = json.dumps(key, ensure_ascii=False)
    first = source.find(needle)
    second = source.find(needle, first + 1) if first >= 0 else -1
    if second < 0:
        return None, None
    line = source.count("\n", 0, second) + 1
    return line, second - (source.rfind("\n", 0, second) + 1) + 1


_PLACE = re.compile(r"at line (\d+) column (\d+)")


def parse_json(raw: str | bytes, line: int = 1) -> tuple[Any, Issue | None]:
    """One JSON text, strictly: a key given twice, NaN or a number of thousands of digits is
    a finding, as is a syntax error (told with Python's own wording and place)."""
    try:
        return jiter.from_json(
            raw.encode("utf-8") if isinstance(raw, str) else raw,
            catch_duplicate_keys=True,
            allow_inf_nan=False,
            cache_mode="keys",
        ), None
    except ValueError as error:
        message = str(error)
    place = _PLACE.search(message)
    column = int(place.group(2)) if place else 1
    at_line = line + int(place.group(1)) - 1 if place else line
    if message.startswith("Detected duplicate key"):
        key = message.split('"')[1] if '"' in message else "?"
        return None, Issue(
            "duplicate-key",
            f"the key {key[:60]!r} is given twice in one object (JSON readers would silently "
            "keep only one)",
            line=at_line,
            column=column,
        )
    if "number out of range" in message:
        return None, Issue(
            "number-too-long",
            "a number of more digits than can be read safely",
            line=at_line,
            column=column,
        )
    return None, _syntax_issue(raw, line)


def _syntax_issue(raw: str | bytes, line: int) -> Issue:
    try:
        json.loads(raw)
    except json.JSONDecodeError as error:
        return Issue(
            "json-syntax",
            f"malformed JSON: {error.msg}",
            line=line + error.lineno - 1,
            column=error.colno,
        )
    except UnicodeDecodeError as error:
        assert isinstance(raw, bytes)
        return encoding_issue(raw, error, line - 1)
    except RecursionError:
        return Issue("too-deep", "the record is nested too deeply", line=line, column=1)
    except ValueError as error:
        return Issue("json-syntax", f"malformed JSON: {str(error)[:120]}", line=line, column=1)
    return Issue(
        "json-syntax", "malformed JSON: NaN and Infinity are not JSON", line=line, column=1
    )


def schema_type(value: Any) -> str:
    """The JSON Schema name of a value's type: null, boolean, integer, number, string, array,
    object (another Python type by its own name)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


#: What a record must be, as messages say it (the JSON and YAML words both).
OBJECT_ONLY = "a mapping (JSON object)"

#: A value's type as a sentence names it (an integer is "a number" to the person reading).
_IN_WORDS = {
    "null": "null",
    "boolean": "a boolean",
    "integer": "a number",
    "number": "a number",
    "string": "a string",
    "array": "an array",
    "object": "an object",
}


def json_type(value: Any) -> str:
    """A value's JSON type in words, for messages: 'a string', 'an array', 'null'."""
    name = schema_type(value)
    return _IN_WORDS.get(name, name)
