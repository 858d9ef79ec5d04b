"""The native form carries every field: read(write(r)) == r for any record."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import publications

import pubmeta
from pubmeta import Publication
from pubmeta.errors import FormatError
from pubmeta.formats import native


@given(publications())
def test_json_round_trip(record: Publication) -> None:
    assert pubmeta.read(pubmeta.write(record), format="pubmeta") == [record]


@given(publications())
def test_yaml_round_trip(record: Publication) -> None:
    text = native.write_yaml([record])
    assert next(iter(native.read(text, ".yaml"))).document is not None
    assert pubmeta.read(text, format="pubmeta") == [record]


@given(publications(max_contributors=3), publications(max_contributors=3))
def test_json_lines_round_trip(first: Publication, second: Publication) -> None:
    text = native.write([first, second], layout="jsonl")
    assert text.count("\n") == 2 and len(text.splitlines()) == 2  # no other line breaks
    assert next(iter(native.read(text, ".jsonl"))).raw is not None
    assert pubmeta.read(text.encode(), format="pubmeta") == [first, second]


@given(publications())
def test_writing_is_stable(record: Publication) -> None:
    text = pubmeta.write(record)
    assert pubmeta.write(pubmeta.read(text, format="pubmeta")) == text


def test_an_array_of_records_is_written_as_an_array() -> None:
    records = [Publication(title="A"), Publication(title="B")]
    assert pubmeta.write(records).lstrip().startswith("[")
    assert pubmeta.read(pubmeta.write(records)) == records


def test_writing_nothing_is_an_error() -> None:
    with pytest.raises(pubmeta.PubmetaError):
        pubmeta.write([])


@pytest.mark.parametrize("layout", ["yaml", "jsonl", "json"])
@pytest.mark.parametrize("mark", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_breaks_inside_values_survive_every_layout(layout: str, mark: str) -> None:
    record = Publication.model_validate(
        {"type": "article", "funding": [{"funder": f"Fund{mark}A"}], "title": f"T{mark}x"}
    )
    text = native.write([record], layout=layout)
    assert pubmeta.read(text, format="pubmeta") == [record]


# -- strict JSON: the fast reader (jiter) and the one that explains (json) agree --------------

_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**320)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec=None)),  # lone surrogates too: json reads their escapes
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(st.characters(codec=None), max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


def _as_written(value: object) -> str:
    """A reading as JSON writes it: types, key order and all (1 and 1.0 differ)."""
    return json.dumps(value, ensure_ascii=True)


#: What json's judgement is when it refuses a text (None is JSON's null, a reading).
_REFUSED = object()


def _judged_by_json(text: str) -> object:
    """What the JSON rules of this reader say a text is: json's value, or _REFUSED when json
    refuses it, a key repeats in one object, or it spells NaN or Infinity."""

    def no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
        if len({key for key, _ in pairs}) != len(pairs):
            raise ValueError("duplicate key")
        return dict(pairs)

    def no_constant(name: str) -> object:
        raise ValueError(name)

    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except (ValueError, RecursionError):
        return _REFUSED


@given(_JSON_VALUES, st.booleans(), st.sampled_from([None, 1, "\t"]))
def test_strict_json_reads_any_json_text_as_json_does(
    value: object, ascii_only: bool, indent: int | str | None
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    assert _as_written(native.loads(text)) == _as_written(json.loads(text))


@given(_JSON_VALUES, st.data())
def test_strict_json_refuses_or_reads_a_damaged_text_as_json_does(
    value: object, data: st.DataObject
) -> None:
    text = json.dumps(value, ensure_ascii=data.draw(st.booleans()))
    position = data.draw(st.integers(0, len(text)))
    damage = data.draw(st.sampled_from(['"', ",", ":", "{", "}", "[", "]", "\\", "NaN", " ", ""]))
    cut = data.draw(st.integers(0, 2))
    damaged = text[:position] + damage + text[position + cut :]
    expected = _judged_by_json(damaged)
    if expected is _REFUSED:
        with pytest.raises(FormatError):
            native.loads(damaged)
    else:
        assert _as_written(native.loads(damaged)) == _as_written(expected)


def test_strict_json_reads_a_bare_null_as_null() -> None:
    # a document of JSON's null is a reading (the damaged-text law once took it for a refusal)
    assert native.loads(" null") is None


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ('{"a": 1, "a": 2}', "duplicate-key"),
        ('{"a": NaN}', "json-syntax"),
        ("[" + "9" * 4301 + "]", "number-too-long"),
        ('{"a": 1,}', "json-syntax"),
    ],
)
def test_strict_json_names_the_rule_a_text_breaks(text: str, rule: str) -> None:
    with pytest.raises(FormatError) as refused:
        native.loads(text)
    assert refused.value.rule == rule


def test_strict_json_reads_what_only_json_can_read() -> None:
    # a lone surrogate escape (jiter refuses it) and nesting deeper than jiter goes
    assert native.loads('["\\udd1e"]') == ["\udd1e"]
    deep = "[" * 400 + "]" * 400
    assert _as_written(native.loads(deep)) == deep
