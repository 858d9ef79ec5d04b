"""The published JSON Schema and the model never drift."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from schema_documents import schema_documents
from strategies import publications

from pubmeta import Publication
from pubmeta.schema import EXAMPLE_RECORD, MODEL_STRICTER_THAN_SCHEMA, build_schema, load_schema

REPO = Path(__file__).resolve().parents[1]
SCHEMA = load_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_published_file_is_what_the_model_generates() -> None:
    on_disk = json.loads((REPO / "schemas" / "publication.schema.json").read_text("utf-8"))
    assert on_disk == build_schema(), "run: pubmeta schema > schemas/publication.schema.json"


def test_schema_is_a_valid_2020_12_schema_with_an_id() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"].startswith("https://")


def _properties(schema: Any, where: str = "#") -> list[tuple[str, Any]]:
    found = []
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            found.append((f"{where}/{name}", sub))
        for key, sub in schema.items():
            if key != "properties":
                found.extend(_properties(sub, f"{where}/{key}"))
        for name, sub in schema.get("properties", {}).items():
            found.extend(_properties(sub, f"{where}/{name}"))
    elif isinstance(schema, list):
        for index, sub in enumerate(schema):
            found.extend(_properties(sub, f"{where}/{index}"))
    return found


def test_every_property_has_a_description() -> None:
    missing = [where for where, sub in _properties(SCHEMA) if not sub.get("description")]
    assert missing == []


def test_the_example_validates_against_schema_and_model() -> None:
    assert SCHEMA["examples"] == [EXAMPLE_RECORD]
    VALIDATOR.validate(EXAMPLE_RECORD)
    Publication.model_validate(EXAMPLE_RECORD)


def _model_verdict(document: Any) -> tuple[bool, set[str]]:
    """(accepted, error kinds) of the model for a document."""
    try:
        Publication.model_validate(document)
    except ValidationError as error:
        return False, {e["type"] for e in error.errors()}
    return True, set()


#: Error kinds of the listed differences (see MODEL_STRICTER_THAN_SCHEMA).
LISTED_DIFFERENCES = {"date_calendar"}


def test_listed_differences_are_the_documented_ones() -> None:
    assert {k.replace("_", "-") for k in LISTED_DIFFERENCES} == set(MODEL_STRICTER_THAN_SCHEMA)


@given(schema_documents(SCHEMA))
def test_documents_the_schema_accepts_the_model_accepts(document: Any) -> None:
    accepted, kinds = _model_verdict(document)
    assert accepted or kinds <= LISTED_DIFFERENCES, kinds


@given(publications())
def test_model_dumps_are_accepted_by_the_schema(record: Publication) -> None:
    VALIDATOR.validate(record.model_dump(mode="json", exclude_defaults=True))
    VALIDATOR.validate(record.model_dump(mode="json"))


INVALID_DOCUMENTS = [
    {"titel": "typo"},
    {"title": 3},
    {"type": "artcle"},
    {"dates": {"published": "Dec 2023"}},
    {"dates": {"published": "2023-13"}},
    {"container": {"issn_print": "12345"}},
    {"identifiers": {"doi": "not-a-doi"}},
    {"identifiers": {"isbn_print": ["12345"]}},
    {"contributors": [{"kind": "organisation"}]},
    {"contributors": [{"kind": "robot", "name": "R2"}]},
    {"contributors": [{"family": "A", "orcid": "1234"}]},
    {"citations": [{"source": "Scopus", "count": -1}]},
    {"page_count": 0},
    {"keywords": [""]},
    {"language": "English"},
    {"peer_reviewed": "yes"},
    [],
    "a string",
]


@pytest.mark.parametrize("document", INVALID_DOCUMENTS, ids=lambda d: json.dumps(d)[:40])
def test_hand_picked_invalid_documents_are_rejected_by_both(document: Any) -> None:
    assert not VALIDATOR.is_valid(document)
    with pytest.raises(ValidationError):
        Publication.model_validate(document)


@given(publications(), st.data())
def test_mutated_documents_are_judged_alike(record: Publication, data: st.DataObject) -> None:
    document = record.model_dump(mode="json", exclude_defaults=True)
    mutated = copy.deepcopy(document)
    key = data.draw(st.sampled_from(sorted(mutated)))
    mutated[key] = data.draw(st.sampled_from([12345, None, ["x"], {"x": 1}, "", True]))
    schema_ok = VALIDATOR.is_valid(mutated)
    model_ok, kinds = _model_verdict(mutated)
    assert model_ok == schema_ok or (schema_ok and kinds <= LISTED_DIFFERENCES), kinds
