"""What the CFF tests share: the official schema (python-jsonschema, the reference the laws
hold pubmeta's own checker and writer to) and the projection of the round-trip law."""

from __future__ import annotations

import datetime
import json
import re
from functools import cache
from typing import Any

import jsonschema
import pytest
from conftest import SHARED

from pubmeta import Publication

SCHEMA_PATH = SHARED / "standards" / "cff" / "1.2.0" / "schema.json"
CFF_URL = re.compile(r"^(https|http|ftp|sftp)://.+")
DEFAULT_MESSAGE = "If you use this software, please cite it using the metadata from this file."


@cache
def official_validator() -> jsonschema.Draft7Validator:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"the official CFF schema is not at {SCHEMA_PATH}")
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def load_as_the_official_validator_does(text: str) -> Any:
    """YAML as the official examples/validator.py loads it: timestamps kept as strings."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    class Strings(SafeConstructor):
        pass

    Strings.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = Strings
    return yaml.load(text)


def assert_valid_cff(text: str) -> None:
    errors = list(official_validator().iter_errors(load_as_the_official_validator_does(text)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


#: what CFF reads back of a record's type: software and dataset stay, others pass through a
#: reference type (written independently of pubmeta's tables, from the CFF 1.2.0 type list)
_REFERENCE_TYPE_BACK = {
    "article": "article",
    "review-article": "article",
    "letter": "article",
    "editorial": "article",
    "comment": "article",
    "conference-paper": "conference-paper",
    "conference-abstract": "conference-paper",
    "book": "book",
    "book-chapter": "other",
    "report": "report",
    "thesis": "thesis",
    "dataset": "dataset",
    "preprint": "preprint",
    "software": "software",
    "other": "other",
}


def _released(record: Publication) -> dict[str, Any]:
    date = record.dates.published
    kept = None
    if date is not None:
        text = date.isoformat()
        if record.type.value in ("software", "dataset"):
            try:
                kept = text if len(text) == 10 and datetime.date.fromisoformat(text) else None
            except ValueError:
                kept = None
        elif 0 <= date.year <= 9999:
            try:
                kept = text if len(text) != 10 or datetime.date.fromisoformat(text) else None
            except ValueError:
                kept = None
    return {"submitted": None, "accepted": None, "early_online": None, "published": kept}


def cff_projection() -> dict[str, Any]:
    return {
        "type": lambda r: _REFERENCE_TYPE_BACK[r.type.value],
        "title": lambda r: r.title + (f": {r.subtitle}" if r.subtitle else ""),
        "keywords": lambda r: list(dict.fromkeys(r.keywords)),
        "message": lambda r: None if r.message == DEFAULT_MESSAGE else r.message,
        "repository_code": lambda r: (
            r.repository_code if r.repository_code and CFF_URL.match(r.repository_code) else None
        ),
        "repository_artifact": lambda r: (
            r.repository_artifact
            if r.repository_artifact and CFF_URL.match(r.repository_artifact)
            else None
        ),
        "dates": _released,
    }
