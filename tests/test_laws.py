"""The laws every format obeys, for whatever record hypothesis can build.

For each format F: read_F(write_F(r)) keeps what F's mapping data says it carries (project_F);
writing is stable byte for byte; what is written is valid against F's official schema; and two
paths through different formats agree on the fields both carry.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
from formats_support import carried, project
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from standards import assert_valid_csl, assert_valid_dc, assert_valid_jats
from strategies import crowded_publications, publications, xml_forbidden

import pubmeta
from pubmeta import Publication
from pubmeta.formats import FORMATS
from pubmeta.schema import load_schema

SCHEMA_VALIDATOR = jsonschema.Draft202012Validator(load_schema())

WRITABLE = ["pubmeta", "jats", "csl", "dc"]
VALIDATE = {
    "jats": assert_valid_jats,
    "dc": assert_valid_dc,
    "csl": lambda text: assert_valid_csl(json.loads(text)),
}


def _record(**fields: object) -> Publication:
    return Publication.model_validate({"title": "0", **fields})


#: Records the laws once found a bug with: each stays here so the bug never returns.
FOUND = [
    # JATS read a lower-case first word of a family name as a particle
    _record(contributors=[{"family": "a 0"}]),
    # DC stripped "< C >" from an abstract as if it were an HTML tag
    _record(abstract="A & B < C > D ]]> \"quoted\" 'apos'"),
    # DC collapsed a no-break space inside a subtitle
    _record(subtitle="0\xa00"),
    # DC joined abstract paragraphs into one
    _record(abstract="0\n\n0"),
    # DC lost the region of en-US (dc:language is ISO 639-3 only)
    _record(language="en-US"),
    # DC reordered creators and contributors; and read "Family, Jr." as a given name
    _record(
        contributors=[
            {"family": "M", "suffix": "Jr."},
            {"family": "E", "role": "editor"},
            {"family": "N"},
        ]
    ),
    # DC wrote a volume holding a comma into the citation, which then read back differently
    _record(container={"title": "0"}, volume=","),
    # DC's citation lost its trailing empty slot to whitespace trimming
    _record(container={"title": "0"}, volume="1"),
    # JATS and DC split a family name at a no-break space ("van 0\xa00")
    _record(contributors=[{"family": "0\xa00", "particle": "van", "suffix": "Jr."}]),
]


def _with_found(test):  # type: ignore[no-untyped-def]
    for found in FOUND:
        test = example(record=found)(test)
    return test


def _trip(record: Publication, fmt: str) -> Publication:
    (back,) = pubmeta.read(pubmeta.write(record, format=fmt), format=fmt)
    return back


@pytest.mark.parametrize("fmt", WRITABLE)
@given(record=publications())
@_with_found
def test_round_trip_keeps_what_the_format_carries(fmt: str, record: Publication) -> None:
    assert carried(fmt, _trip(record, fmt)) == project(fmt, record)


@pytest.mark.parametrize("fmt", WRITABLE)
@given(record=publications())
@_with_found
def test_writing_is_stable_byte_for_byte(fmt: str, record: Publication) -> None:
    once = pubmeta.write(record, format=fmt)
    (back,) = pubmeta.read(once, format=fmt)
    assert pubmeta.write(back, format=fmt) == once


@pytest.mark.standards
@pytest.mark.parametrize("fmt", ["jats", "csl", "dc"])
@given(record=publications())
def test_what_is_written_is_valid_against_the_official_schema(
    fmt: str, record: Publication
) -> None:
    VALIDATE[fmt](pubmeta.write(record, format=fmt))


@pytest.mark.standards
@pytest.mark.slow
@pytest.mark.parametrize("fmt", WRITABLE)
@settings(max_examples=25, suppress_health_check=list(HealthCheck))
@given(record=crowded_publications())
def test_crowded_records_with_long_titles_survive(fmt: str, record: Publication) -> None:
    if fmt in VALIDATE:
        VALIDATE[fmt](pubmeta.write(record, format=fmt))
    assert carried(fmt, _trip(record, fmt)) == project(fmt, record)


@given(record=publications())
def test_paths_through_jats_and_csl_agree_on_what_both_carry(record: Publication) -> None:
    via_jats_first = _trip(_trip(record, "jats"), "csl")
    via_csl_first = _trip(_trip(record, "csl"), "jats")
    both = FORMATS["jats"].carried_fields() & FORMATS["csl"].carried_fields()
    first = via_jats_first.model_dump(mode="json")
    second = via_csl_first.model_dump(mode="json")
    assert {k: first[k] for k in both} == {k: second[k] for k in both}


@pytest.mark.parametrize("fmt", ["jats", "dc"])
@given(record=publications(max_contributors=2), bad=xml_forbidden)
@example(record=Publication(title="t"), bad="\x07").via("the bell character")
def test_xml_writers_refuse_characters_xml_cannot_hold(
    fmt: str, record: Publication, bad: str
) -> None:
    poisoned = record.model_copy(update={"title": f"before{bad}after"})
    with pytest.raises(pubmeta.UnwritableRecordError, match=r"cannot be written in XML 1\.0"):
        pubmeta.write(poisoned, format=fmt)


@given(record=publications(max_contributors=2), bad=xml_forbidden)
def test_characters_no_format_can_carry_are_refused_by_model_and_schema(
    record: Publication, bad: str
) -> None:
    document = record.model_dump(mode="json", exclude_defaults=True)
    document["title"] = f"before{bad}after"
    with pytest.raises(ValidationError):
        Publication.model_validate(document)
    assert not SCHEMA_VALIDATOR.is_valid(document)


@pytest.mark.parametrize("fmt", WRITABLE)
@given(
    record=publications(max_contributors=2),
    odd=st.sampled_from(["\x85", "\u2028", "\x9f", "\u00a0", "\ufeff"]),
)
def test_every_format_carries_unusual_but_legal_characters(
    fmt: str, record: Publication, odd: str
) -> None:
    unusual = record.model_copy(update={"title": f"before{odd}after", "subtitle": None})
    assert _trip(unusual, fmt).title == f"before{odd}after"
