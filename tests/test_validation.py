"""Validation says where (line, column, pointer), which rule and why, for every kind of input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pubmeta
from pubmeta import Issue


def _rules(issues: list[Issue]) -> list[tuple[str, str]]:
    return [(i.pointer, i.rule) for i in issues]


def test_the_seeds_are_valid(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.iterdir()):
        assert [i for i in pubmeta.validate(path) if i.is_error] == [], path


def test_wrong_issn_check_digit_is_found_at_its_line(data_dir: Path) -> None:
    (issue,) = pubmeta.validate(data_dir / "wrong_issn_checksum.json")
    assert (issue.rule, issue.pointer, issue.line, issue.column) == (
        "issn-checksum",
        "/container/issn_print",
        7,
        19,
    )


def test_unknown_property_suggests_the_near_name(data_dir: Path) -> None:
    (issue,) = pubmeta.validate(data_dir / "titel_typo.yaml")
    assert issue.rule == "unknown-property"
    assert "did you mean 'title'" in issue.message
    assert (issue.line, issue.column) == (2, 1)
    assert issue.format().startswith(f"{data_dir / 'titel_typo.yaml'}:2:1: /titel: ")


def test_impossible_date_is_a_calendar_error(data_dir: Path) -> None:
    (issue,) = pubmeta.validate(data_dir / "impossible_date.json")
    assert (issue.rule, issue.pointer, issue.line) == ("date-calendar", "/dates/published", 6)


def test_malformed_json_is_reported_at_the_syntax_error(data_dir: Path) -> None:
    (issue,) = pubmeta.validate(data_dir / "malformed.json")
    assert (issue.rule, issue.line, issue.column) == ("json-syntax", 5, 3)


def test_json_lines_report_each_record_at_its_own_line(data_dir: Path) -> None:
    issues = pubmeta.validate(data_dir / "mixed.jsonl")
    assert [(i.line, i.rule) for i in issues] == [(2, "page-order"), (3, "json-syntax")]


def test_every_semantic_rule_fires_at_its_place(data_dir: Path) -> None:
    issues = pubmeta.validate(data_dir / "semantic_errors.yaml")
    assert sorted(_rules(issues)) == sorted(
        [
            ("/identifiers/doi", "doi-syntax"),
            ("/identifiers/isbn_print/0", "isbn-checksum"),
            ("/contributors/0/orcid", "orcid-checksum"),
            ("/contributors/0/affiliations/0/ror", "ror-checksum"),  # Caltech's is 05dxps055
            ("/contributors/1", "name-empty"),
            ("/language", "language-code"),
            ("/dates/published", "date-order"),
            ("/pages", "page-order"),
        ]
    )
    by_rule = {i.rule: i for i in issues}
    assert by_rule["orcid-checksum"].line == 6
    assert by_rule["language-code"].line == 3
    assert by_rule["ror-checksum"].line == 7


def test_records_of_an_array_are_pointed_at_by_index(data_dir: Path) -> None:
    (issue,) = pubmeta.validate(data_dir / "two_records.yaml")
    assert (issue.pointer, issue.line, issue.rule) == ("/1/page_count", 5, "minimum")


def test_undecodable_bytes_are_reported_not_guessed(data_dir: Path) -> None:
    (issue,) = pubmeta.validate(data_dir / "not_utf8.json")
    assert issue.rule == "encoding" and "UTF-8" in issue.message


def test_missing_title_is_only_a_warning() -> None:
    (issue,) = pubmeta.validate('{"type": "article"}')
    assert issue.rule == "title-missing" and not issue.is_error


def test_a_number_where_text_belongs_says_to_quote_it() -> None:
    (issue,) = pubmeta.validate(b"title: T\ndates:\n  published: 2021\n", format="pubmeta")
    assert issue.rule == "type" and 'quote it: "2021"' in issue.message
    assert (issue.line, issue.column) == (3, 14)


def test_organisation_without_name_names_the_missing_property() -> None:
    (issue,) = pubmeta.validate('{"title": "T", "contributors": [{"kind": "organisation"}]}')
    assert (issue.rule, issue.pointer) == ("required", "/contributors/0")
    assert "'name'" in issue.message


@pytest.mark.parametrize(
    ("value", "rule"),
    [("1234-567", "issn-syntax"), ("1234-5679", None), ("1234-5678", "issn-checksum")],
)
def test_issn_forms(value: str, rule: str | None) -> None:
    document = {"title": "T", "container": {"issn_online": value}}
    issues = pubmeta.validate(json.dumps(document))
    assert [i.rule for i in issues] == ([rule] if rule else [])


def test_read_raises_a_pubmeta_error_for_invalid_records(data_dir: Path) -> None:
    with pytest.raises(pubmeta.InvalidRecordError) as caught:
        pubmeta.read(data_dir / "titel_typo.yaml")
    assert "titel" in str(caught.value)


def test_a_bad_byte_in_json_lines_costs_only_its_own_record(data_dir: Path) -> None:
    records, issues = pubmeta.inspect(data_dir / "one_bad_byte.jsonl")
    assert len(records) == 2 and [i.record for i in issues] == [1]
    (issue,) = pubmeta.validate(data_dir / "one_bad_byte.jsonl")
    assert (issue.rule, issue.line, issue.column) == ("encoding", 2, 34)
