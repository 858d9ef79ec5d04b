"""The check-only validator judges every document exactly as the model does.

`pubmeta validate` checks records with :func:`pubmeta.validation.checker.record_checker` (the
model's own field schemas, building dicts instead of instances), built in the process, never
read from disk. These laws hold it to the model: the same verdict on any document, the same
stored values when accepted, the same semantic findings.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import BaseModel, Field, ValidationError, model_validator
from pydantic_core import SchemaValidator
from schema_documents import schema_documents
from strategies import publications
from test_schema import INVALID_DOCUMENTS

from pubmeta import Publication
from pubmeta.schema import load_schema
from pubmeta.validation import check_raw, semantic_issues
from pubmeta.validation.checker import UnsupportedModelError, check_only_schema, fresh_schema

CHECKER = SchemaValidator(fresh_schema())


def _verdicts(text: str) -> tuple[Any, Any]:
    """(model result or None, checker result or None) for one JSON text."""
    try:
        built: Any = Publication.model_validate_json(text)
    except ValidationError:
        built = None
    try:
        checked: Any = CHECKER.validate_json(text)
    except ValidationError:
        checked = None
    return built, checked


def _assert_judged_alike(document: Any) -> None:
    text = json.dumps(document, ensure_ascii=False)
    built, checked = _verdicts(text)
    assert (built is None) == (checked is None), (built, checked)
    if built is not None:
        # the checker's values are the model's stored values, field for field
        assert Publication.model_validate(checked) == built
        assert semantic_issues(checked) == semantic_issues(built)
    # and the path `pubmeta validate` takes gives the same verdict and findings as building
    _, fast_accepted, fast_found = check_raw(text, build=False)
    _, slow_accepted, slow_found = check_raw(text, build=True)
    assert fast_accepted == slow_accepted == (built is not None)
    assert fast_found == slow_found


@given(publications())
def test_any_record_is_accepted_with_the_models_values_and_findings(record: Publication) -> None:
    _assert_judged_alike(record.model_dump(mode="json", exclude_defaults=True))
    _assert_judged_alike(record.model_dump(mode="json"))


@given(schema_documents(load_schema()))
def test_documents_from_the_published_schema_are_judged_alike(document: Any) -> None:
    _assert_judged_alike(document)


def _places(document: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and index path in a JSON document."""
    found = []
    if isinstance(document, dict):
        items: Any = document.items()
    elif isinstance(document, list):
        items = enumerate(document)
    else:
        return []
    for key, value in items:
        found.append((*at, key))
        found.extend(_places(value, (*at, key)))
    return found


HOSTILE_VALUES = [
    None,
    12345,
    -1,
    0,
    True,
    "",
    " ",
    " padded ",
    "\u00a0",
    "2023-02-30",
    "10.1000/X",
    "https://doi.org/10.1000/ABC",
    "1234-567x",
    "EN-us",
    "organisation",
    ["x"],
    [],
    {"x": 1},
    {},
]


@given(publications(max_contributors=5), st.data())
@example(
    record=Publication(title="T", contributors=[{"family": "A"}]),  # type: ignore[list-item]
    data=None,
)
def test_documents_mutated_anywhere_are_judged_alike(
    record: Publication, data: st.DataObject | None
) -> None:
    document = record.model_dump(mode="json", exclude_defaults=True)
    if data is None:  # the example: a contributor that turns into a nameless organisation
        document["contributors"][0]["kind"] = "organisation"
        _assert_judged_alike(document)
        return
    place = data.draw(st.sampled_from(_places(document)))
    value = data.draw(st.sampled_from(HOSTILE_VALUES))
    target = document
    for step in place[:-1]:
        target = target[step]
    target[place[-1]] = value
    _assert_judged_alike(document)


@pytest.mark.parametrize("document", INVALID_DOCUMENTS, ids=lambda d: json.dumps(d)[:40])
def test_hand_picked_invalid_documents_are_refused(document: Any) -> None:
    with pytest.raises(ValidationError):
        CHECKER.validate_json(json.dumps(document))


def test_values_are_stored_as_the_model_stores_them() -> None:
    checked = CHECKER.validate_json(
        '{"title": "  Padded  ", "identifiers": {"doi": "https://doi.org/10.1000/ABC"},'
        ' "container": {"issn_print": "0378595x"}, "language": "EN-us"}'
    )
    assert checked == {
        "title": "Padded",
        "identifiers": {"doi": "10.1000/abc"},
        "container": {"issn_print": "0378-595X"},
        "language": "en-US",
    }


def test_absent_fields_stay_absent() -> None:
    assert CHECKER.validate_json('{"title": "T"}') == {"title": "T"}


def test_checking_without_building_finds_what_building_finds() -> None:
    text = (
        '{"title": "T", "container": {"issn_print": "0378-5956"},'
        ' "dates": {"accepted": "2024", "published": "2023"}}'
    )
    built, built_accepted, built_found = check_raw(text)
    checked, checked_accepted, checked_found = check_raw(text, build=False)
    assert built is not None and checked is None and built_accepted and checked_accepted
    assert [i.rule for i in checked_found] == [i.rule for i in built_found]
    assert [i.rule for i in checked_found] == ["issn-checksum", "date-order"]


class _WithModelValidator(BaseModel):
    name: str

    @model_validator(mode="after")
    def _check(self) -> _WithModelValidator:
        return self


class _WithAlias(BaseModel):
    name: str = Field(validation_alias="Name")


@pytest.mark.parametrize("model", [_WithModelValidator, _WithAlias])
def test_model_features_it_cannot_reproduce_are_refused_loudly(model: type[BaseModel]) -> None:
    with pytest.raises(UnsupportedModelError):
        check_only_schema(model.__pydantic_core_schema__)
