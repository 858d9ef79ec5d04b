"""JSON that no format takes (issue 27): read without a format, it is refused as a document
whose format cannot be told, naming the JSON each format takes, instead of one "unknown
property" finding per key. Documents are real: a DataCite API error response saved as a file
(tests/data/real, SOURCES.tsv) and parts of real registry responses in the shared corpus saved
alone, as people save ``r.json()["message"]["items"][0]["author"]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SHARED, need

import pubmeta
from pubmeta.formats.registry import FORMATS, JSON_SHAPES, READABLE

REAL = REPO / "tests" / "data" / "real"
ERROR_RESPONSE = REAL / "datacite-lupo_404-error-response.json"


def _refusal(text: str) -> pubmeta.FormatError:
    with pytest.raises(pubmeta.FormatError) as caught:
        pubmeta.read(text)
    return caught.value


def test_an_api_error_response_is_refused_naming_the_json_each_format_takes() -> None:
    error = _refusal(ERROR_RESPONSE.read_text("utf-8"))
    message = str(error)
    assert error.rule == "format"
    assert "no format takes this JSON" in message
    assert "'errors'" in message  # what the document holds
    # the shapes taken, by the marks a person would recognise
    for mark in ("title", "contributors", "CSL-JSON", '"message"', '"items"', "DOIs",
                 '"data"', '"results"', "YAML"):  # fmt: skip
        assert mark in message, mark


def test_an_array_of_objects_none_a_record_is_refused_naming_the_keys_of_its_first() -> None:
    name = "commonmeta-py_works_10.1109-iccv.2007.4408927.json"
    path = need(SHARED / "corpus" / "crossref" / name, "the shared corpus")
    authors = json.loads(path.read_text("utf-8"))["message"]["author"]
    message = str(_refusal(json.dumps(authors)))
    assert "no format takes this JSON" in message
    assert "'family'" in message and "'given'" in message


def test_an_array_of_strings_is_refused_as_no_record() -> None:
    path = need(SHARED / "corpus" / "openalex" / "commonmeta-py_openalex_10.1038-hdy.2013.26.json",
                "the shared corpus")  # fmt: skip
    works = json.loads(path.read_text("utf-8"))["referenced_works"]
    message = str(_refusal(json.dumps(works)))
    assert "no format takes this JSON" in message
    assert "a string" in message


def test_a_record_with_a_misspelt_key_keeps_the_records_own_finding() -> None:
    record = yaml.safe_load((REPO / "seeds" / "000_d4b476da1a4995c2.yaml").read_text("utf-8"))
    record["titel"] = record.pop("title")
    with pytest.raises(pubmeta.InvalidRecordError) as caught:
        pubmeta.read(json.dumps(record))
    (issue,) = caught.value.issues
    assert issue.rule == "unknown-property"
    assert "did you mean 'title'" in issue.message


def test_the_format_named_reads_the_document_as_that_format() -> None:
    with pytest.raises(pubmeta.InvalidRecordError) as caught:
        pubmeta.read(ERROR_RESPONSE.read_text("utf-8"), format="pubmeta")
    assert [i.rule for i in caught.value.issues] == ["unknown-property"]


def test_every_format_that_reads_json_declares_the_json_it_takes() -> None:
    takes_json = {name for name in READABLE if ".json" in FORMATS[name].suffixes}
    assert takes_json <= set(JSON_SHAPES), takes_json - set(JSON_SHAPES)


def test_validate_prints_the_refusal_at_its_first_place_with_its_rule(tmp_path: Path) -> None:
    saved = tmp_path / "response.json"
    saved.write_bytes(ERROR_RESPONSE.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "pubmeta", "validate", str(saved)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    (line,) = [line for line in result.stdout.splitlines() if line.startswith(str(saved))]
    assert line.startswith(f"{saved}:1:1: ")
    assert "no format takes this JSON" in line
    assert line.endswith("[format]")
