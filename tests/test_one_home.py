"""Each fact in one home (issue 26): the rules that used to be written in several places, each
judged from outside by what pubmeta reads and writes. Expected values are written here by hand,
not taken from the code's tables."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import pubmeta
from pubmeta import jsonio, text
from pubmeta.errors import FormatError, InvalidRecordError
from pubmeta.formats.registry import FORMATS

# -- whitespace: no-break spaces are content ------------------------------------------------


def test_a_no_break_space_in_a_crossref_abstract_is_kept() -> None:
    work = {
        "DOI": "10.5555/nbsp",
        "type": "journal-article",
        "title": ["Dosage"],
        "abstract": "<jats:p>Take 10\u00a0mg\n   twice   daily.</jats:p>",
    }
    (record,) = pubmeta.read(json.dumps(work).encode("utf-8"), format="crossref")
    assert record.abstract == "Take 10\u00a0mg twice daily."


def test_markup_whitespace_runs_are_one_space_and_other_spaces_are_content() -> None:
    assert text.squeeze("  a \t\r\n b\u00a0\u00a0c\u202fd  ") == "a b\u00a0\u00a0c\u202fd"


# -- the title and subtitle of a format with one title field --------------------------------


@pytest.mark.parametrize(
    ("format", "expected"),
    [
        ("ris", "TI  - Alpha: Beta"),
        ("bibtex", "title = {Alpha: {Beta}}"),
        ("csl", '"title":"Alpha: Beta"'),
        ("dc", "<dc:title>Alpha: Beta</dc:title>"),
        ("cff", "title: 'Alpha: Beta'"),
    ],
)
def test_a_format_with_one_title_field_writes_title_colon_subtitle(
    format: str, expected: str
) -> None:
    record = pubmeta.Publication(type="article", title="Alpha", subtitle="Beta")
    assert expected in pubmeta.write(record, format=format)


def test_a_title_without_subtitle_is_written_alone() -> None:
    assert text.full_title("Alpha", None) == "Alpha"
    assert text.full_title("Alpha", "") == "Alpha"


# -- which findings mean "no readable document" ---------------------------------------------


@pytest.mark.parametrize(
    ("content", "format", "rule"),
    [
        (b'{"title": "a", "title": "b"}', "pubmeta", "duplicate-key"),
        (b'{"title": ', "pubmeta", "json-syntax"),
        (b"\xff\xfe{}", "pubmeta", "encoding"),
        (b"<article><front>", "jats", "xml-syntax"),
        (b"@article{key, title = {unclosed}", "bibtex", "bibtex-syntax"),
    ],
)
def test_a_document_that_cannot_be_read_is_a_format_error(
    content: bytes, format: str, rule: str
) -> None:
    with pytest.raises(FormatError) as caught:
        pubmeta.read(content, format=format)
    assert caught.value.rule == rule


def test_a_readable_record_the_model_refuses_is_an_invalid_record_error() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        pubmeta.read(b'{"type": "article", "title": 5}', format="pubmeta")
    assert [issue.rule for issue in caught.value.issues] == ["type"]


# -- JSON type names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "schema_name", "words"),
    [
        (None, "null", "null"),
        (True, "boolean", "a boolean"),
        (3, "integer", "a number"),
        (2.5, "number", "a number"),
        ("x", "string", "a string"),
        ([1], "array", "an array"),
        ({"a": 1}, "object", "an object"),
    ],
)
def test_json_type_names(value: object, schema_name: str, words: str) -> None:
    assert (jsonio.schema_type(value), jsonio.json_type(value)) == (schema_name, words)


def test_a_record_that_is_not_an_object_is_named_by_its_json_type_on_both_paths(
    tmp_path: Path,
) -> None:
    lines = tmp_path / "records.jsonl"
    lines.write_bytes(b'"text"\n')
    whole = pubmeta.validate(b"[7]", format="pubmeta")
    by_line = pubmeta.validate(lines)
    assert [i.message for i in whole + by_line] == [
        "a record must be a mapping (JSON object), not a number",
        "a record must be a mapping (JSON object), not a string",
    ]


# -- a format's mapping names each field once -----------------------------------------------


@pytest.mark.parametrize("name", list(FORMATS))
def test_a_format_mapping_names_each_record_field_once(name: str) -> None:
    counts = Counter(entry.field for entry in FORMATS[name].mapping)
    assert [field for field, times in counts.items() if times > 1] == []


# -- docs made true -------------------------------------------------------------------------


def test_the_schema_note_on_dates_states_the_years_the_model_takes() -> None:
    from pubmeta.schema import MODEL_STRICTER_THAN_SCHEMA

    for year in ("-9999", "0000", "9999"):
        pubmeta.Publication(type="article", title="t", dates={"published": year})
    assert "a year from -9999 to 9999" in MODEL_STRICTER_THAN_SCHEMA["date-calendar"]


_JATS_PAGES = (
    b'<article article-type="research-article"><front><article-meta><title-group>'
    b'<article-title>T</article-title></title-group><counts><page-count count="xii"/>'
    b"</counts></article-meta></front></article>"
)


@pytest.mark.parametrize(
    ("content", "format"),
    [(_JATS_PAGES, "jats"), (b'[{"type": "book", "title": "T", "number-of-pages": "xii"}]', "csl")],
)
def test_a_page_count_that_is_no_number_is_kept_as_a_note(content: bytes, format: str) -> None:
    (record,), issues = pubmeta.inspect(content, format=format)
    assert (record.page_count, record.notes) == (None, ["page_count: xii"])
    assert [(i.rule, i.pointer) for i in issues] == [("value-kept-as-note", "/page_count")]


# -- years counted without a year zero ------------------------------------------------------


@pytest.mark.parametrize(
    ("historical", "stored"), [(-44, "-0043"), (-1, "0000"), (1, "0001"), (2024, "2024")]
)
def test_a_historians_year_and_the_stored_year(historical: int, stored: str) -> None:
    record = pubmeta.Publication(type="book", title="t", dates={"published": stored})
    item = json.loads(pubmeta.write(record, format="csl"))[0]
    assert item["issued"]["date-parts"] == [[historical]]
    (back,) = pubmeta.read(json.dumps([item]).encode("utf-8"), format="csl")
    assert str(back.dates.published) == stored


# -- setting refused values aside -----------------------------------------------------------


def test_refused_values_go_deepest_and_last_first_so_no_place_shifts() -> None:
    from pubmeta.validation.structure import removal_order, remove_at

    data = {"a": [10, 20, 30], "b": {"c": 1}}
    places: list[list[object]] = [["a", 0], ["a", 2], ["b", "c", "missing"]]
    taken = [remove_at(data, p) for p in sorted(places, key=removal_order, reverse=True)]
    assert data == {"a": [20], "b": {}}
    assert taken == [(["b", "c"], 1), (["a", 2], 30), (["a", 0], 10)]


# -- affiliations: the same name and ROR ID are one -----------------------------------------


def test_an_affiliation_repeated_by_a_source_is_read_once_and_written_once() -> None:
    from pubmeta.identifiers import distinct

    ror = {"name": "Uni", "ror": "05dxps055"}
    assert distinct(["Lab", ror, "Lab", {"name": "Uni", "ror": "05dxps055"}, "Uni"]) == [
        "Lab",
        ror,
        "Uni",
    ]
    person = pubmeta.Person(family="F", affiliations=["Lab", ror, "Lab", ror])
    assert person.distinct_affiliations() == [("Lab", None), ("Uni", "05dxps055")]


# -- XML children by local name -------------------------------------------------------------


def test_xml_children_are_found_by_local_name_in_any_namespace() -> None:
    from pubmeta.xml.parse import child, children, parse

    root = parse(b'<r xmlns:a="urn:a"><a:x>1</a:x><x>2</x><y/><a:x>3</a:x></r>')
    assert [element.text for element in children(root, "x")] == ["1", "2", "3"]
    found = child(root, "x")
    assert found is not None and found.text == "1"
    assert (child(root, "z"), children(None, "x"), child(None, "x")) == (None, [], None)
