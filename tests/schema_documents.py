"""Documents drawn from the published schema (hypothesis-jsonschema), at a usable speed.

hypothesis-jsonschema builds a new strategy for a string pattern every time it draws an object
member (its ``from_js_regex`` calls Hypothesis's uncached ``regex_strategy``). The published
schema's text pattern excludes the surrogate block, so building its strategy costs some 60 ms,
and a document needs it about 28 times: 0.4 s a document, most of a CI run's time. A pattern's
strategy depends only on the pattern and the alphabet, and strategies are immutable, so one
per pair is kept: the same documents, drawn about 16 times faster.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import hypothesis_jsonschema._from_schema as _generation
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

_generation.from_js_regex = functools.lru_cache(maxsize=None)(_generation.from_js_regex)


def schema_documents(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Documents the schema accepts (a copy is given: the generator resolves $refs in place)."""
    return from_schema(copy.deepcopy(schema))
