"""CITATION.cff: the real files read right, validation that agrees with the official schema and
says where and why, and the choices about preferred-citation."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from cff_support import (
    assert_valid_cff,
    load_as_the_official_validator_does,
    official_validator,
)
from conftest import SHARED, need
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutate_json

import pubmeta
from pubmeta.diagnostics import pointer_parts
from pubmeta.formats.cff.check import Validator
from pubmeta.formats.cff.schema import official_schema

CORPUS = SHARED / "corpus" / "cff"
EXAMPLES = SHARED / "standards" / "cff" / "examples"


def _corpus() -> list[Path]:
    need(CORPUS, "the CFF corpus")
    return sorted(CORPUS.glob("*.cff"))


def _examples(version: str) -> list[Path]:
    need(EXAMPLES, "the official CFF examples")
    return sorted((EXAMPLES / version).rglob("CITATION.cff"))


def _truth(path: Path) -> dict[str, Any]:
    (truth,) = json.loads(path.with_suffix(".truth.json").read_text("utf-8"))
    return truth  # type: ignore[no-any-return]


def _family(record: pubmeta.Publication) -> str | None:
    authors = record.authors()
    if not authors:
        return None
    first = authors[0]
    if first.kind == "organisation":
        return first.name
    return " ".join(p for p in (first.particle, first.family) if p)


def _errors(source: Any) -> list[pubmeta.Issue]:
    return [i for i in pubmeta.validate(source, format="cff") if i.is_error]


# -- the real files ----------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.stem)
def test_every_real_file_is_read_with_its_truth_fields(path: Path) -> None:
    truth = _truth(path)
    records = pubmeta.read(path, format="cff")
    software = records[0]
    date = software.dates.published
    assert {
        "title": software.title,
        "first_author_family": _family(software),
        "doi": software.identifiers.doi,
        "year": date.year if date else None,
        "type": software.type.value,
        "version": software.version,
    } == {
        "title": truth["title"],
        "first_author_family": truth["first_author_family"],
        "doi": truth["doi"].lower() if truth["doi"] else None,
        "year": truth["year"],
        "type": truth["type"],
        "version": truth["version"],
    }
    cited = records[1].title if len(records) == 2 else None
    assert cited == truth["preferred_citation_title"]


@pytest.mark.corpus
@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.stem)
def test_a_real_file_the_official_schema_accepts_gets_no_error(path: Path) -> None:
    if not _truth(path)["valid_1_2_0"]:
        pytest.skip("the official schema refuses this file (next test)")
    assert _errors(path) == []


#: The invalid real files, with the places of their problems as read by eye in the files.
REFUSED = {
    "007-Wik_Dam-Hydrographs-Analysis-BORI": [(14, "/authors/0/orcid"), (15, "/authors/0/email")],
    "GenericMappingTools_pygmt": [(130, "/preferred-citation/article-number")],
    "mwaskom_seaborn": [(1, ""), (11, "/preferred-citation/month")],
}
#: Files of older cff-versions: a warning at their cff-version line, and no error.
OLD = {"xenon-middleware_xenon": 60, "research-software-directory_research-software-directory": 106}


@pytest.mark.corpus
def test_the_lists_of_refused_files_are_the_truths() -> None:
    refused = {p.stem for p in _corpus() if not _truth(p)["valid_1_2_0"]}
    assert refused == set(REFUSED) | set(OLD)


@pytest.mark.corpus
@pytest.mark.parametrize("stem", sorted(REFUSED))
def test_a_real_file_the_schema_refuses_gets_errors_at_the_right_lines(stem: str) -> None:
    found = {(i.line, i.pointer) for i in _errors(CORPUS / f"{stem}.cff")}
    assert set(REFUSED[stem]) <= found


@pytest.mark.corpus
@pytest.mark.parametrize("stem", sorted(OLD))
def test_an_older_cff_version_is_a_warning_at_its_line(stem: str) -> None:
    issues = pubmeta.validate(CORPUS / f"{stem}.cff", format="cff")
    assert [(i.rule, i.line) for i in issues] == [("cff-old-version", OLD[stem])]


# -- agreement with the official validator -----------------------------------------------------


def _documents() -> list[Path]:
    return [*_examples("1.2.0"), *_corpus()]


@pytest.mark.standards
@pytest.mark.parametrize("path", _documents(), ids=lambda p: "/".join(p.parts[-3:-1]))
def test_the_checker_agrees_with_python_jsonschema(path: Path) -> None:
    text = path.read_text("utf-8")
    try:
        document = load_as_the_official_validator_does(text)
    except Exception:
        pytest.skip("not YAML")
    reference = {"/" + "/".join(map(str, e.absolute_path)) for e in
                 official_validator().iter_errors(document)}  # fmt: skip
    mine = Validator(official_schema()).findings(document)
    assert (not reference) == (not mine), (sorted(reference), mine)


@pytest.mark.standards
def test_the_official_examples_meant_to_fail_fail_and_the_others_pass() -> None:
    root = EXAMPLES / "1.2.0"
    made_up = ("orcid-checksum", "issn-checksum")  # the examples' identifiers are invented
    verdicts = {
        p.parent.relative_to(root).as_posix(): (
            p.relative_to(root).parts[0],
            any(i.rule not in made_up for i in _errors(p)),
        )
        for p in _examples("1.2.0")
    }
    assert all(failed == (kind == "fail") for kind, failed in verdicts.values()), verdicts


@pytest.mark.standards
@pytest.mark.parametrize("version", ["1.0.3", "1.1.0"])
def test_the_official_examples_of_older_versions_are_read(version: str) -> None:
    read = [p for p in _examples(version) if not p.parent.name.startswith("fail")]
    assert read
    for path in read:
        assert pubmeta.read(path, format="cff")[0].title, path


def test_the_shipped_schema_is_the_official_file() -> None:
    official = need(SHARED / "standards" / "cff" / "1.2.0" / "schema.json", "the CFF schema")
    assert official_schema() == json.loads(official.read_text("utf-8"))


# -- messages ----------------------------------------------------------------------------------

MINIMAL = """cff-version: 1.2.0
message: Cite me.
title: Tool
authors:
  - family-names: Lee
    given-names: Ann
"""


def _only(text: str) -> pubmeta.Issue:
    (issue,) = pubmeta.validate(text.encode("utf-8"), format="cff")
    return issue


def test_a_wrong_identifier_is_judged_by_the_branch_its_type_names() -> None:
    issue = _only(MINIMAL + "identifiers:\n  - type: doi\n    value: not-a-doi\n")
    assert (issue.pointer, issue.rule, issue.line) == ("/identifiers/0/value", "pattern", 9)
    assert "not-a-doi" in issue.message and "anyOf" not in issue.message


def test_an_unknown_key_of_a_person_is_named_at_the_key() -> None:
    issue = _only(MINIMAL + "    orcd: https://orcid.org/0000-0002-1825-0097\n")
    assert (issue.pointer, issue.rule, issue.line, issue.column) == (
        "/authors/0/orcd", "unknown-property", 7, 5)  # fmt: skip


def test_an_entity_without_a_name_is_told_as_an_entity() -> None:
    issue = _only(
        MINIMAL.replace("  - family-names: Lee\n    given-names: Ann\n", "  - name: ''\n")
    )
    assert (issue.pointer, issue.rule) == ("/authors/0/name", "min-length")


def test_every_problem_is_reported_at_once() -> None:
    text = MINIMAL.replace("title: Tool\n", "") + "date-released: 2021-02-30\nlicense: MTI\n"
    rules = sorted(i.rule for i in _errors(text.encode()))
    assert rules == ["enum", "pattern", "required"]


def test_an_orcid_with_a_wrong_check_character_is_an_error_at_its_line() -> None:
    issue = _only(MINIMAL + "    orcid: https://orcid.org/0000-0002-1825-0098\n")
    assert (issue.rule, issue.line, issue.pointer) == ("orcid-checksum", 7, "/authors/0/orcid")


def test_an_unknown_cff_version_is_an_error_once() -> None:
    issue = _only(MINIMAL.replace("1.2.0", "1.3.0"))
    assert (issue.rule, issue.line, issue.pointer) == ("cff-version", 1, "/cff-version")


def test_a_preferred_article_without_a_journal_is_a_warning() -> None:
    cited = "preferred-citation:\n  type: article\n  title: Paper\n  year: 2020\n  authors:\n"
    issue = _only(MINIMAL + cited + "    - name: Team\n")
    assert (issue.rule, issue.severity.value, issue.line) == (
        "cff-citation-incomplete",
        "warning",
        8,
    )


def test_the_command_prints_file_line_column_pointer_message_and_rule(tmp_path: Path) -> None:
    path = tmp_path / "CITATION.cff"
    path.write_text(MINIMAL + "    email: ''\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "pubmeta", "validate", str(path)],
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 1
    assert result.stdout.startswith(f"{path}:7:12: /authors/0/email: is empty")
    assert result.stdout.splitlines()[0].endswith("[pattern]")


# -- writing and the preferred citation --------------------------------------------------------


def test_a_software_record_is_the_top_level_and_valid() -> None:
    record = pubmeta.Publication(type="software", title="Tool", version="1.0",
                                 repository_code="https://github.com/a/b")  # fmt: skip
    text = pubmeta.write(record, format="cff")
    assert_valid_cff(text)
    document = load_as_the_official_validator_does(text)
    assert (document["type"], document["version"], document["repository-code"]) == (
        "software", "1.0", "https://github.com/a/b")  # fmt: skip
    assert "preferred-citation" not in document


def test_an_article_is_written_as_the_preferred_citation_and_read_back_last() -> None:
    record = pubmeta.Publication.model_validate({
        "type": "article", "title": "Paper", "contributors": [{"family": "Lee"}],
        "container": {"title": "J"}, "volume": "3", "dates": {"published": "2020-05"}})  # fmt: skip
    text = pubmeta.write(record, format="cff")
    assert_valid_cff(text)
    document = load_as_the_official_validator_does(text)
    cited = document["preferred-citation"]
    assert (cited["type"], cited["journal"], cited["year"], cited["month"]) == (
        "article",
        "J",
        2020,
        5,
    )
    software, back = pubmeta.read(text, format="cff")
    assert (software.type.value, back.type.value, back.container.title) == (  # type: ignore[union-attr]
        "software", "article", "J")  # fmt: skip


def test_a_record_without_a_title_is_refused_by_name() -> None:
    with pytest.raises(pubmeta.UnwritableRecordError, match="title"):
        pubmeta.write(pubmeta.Publication(type="software"), format="cff")


def test_three_records_do_not_make_one_citation_file() -> None:
    record = pubmeta.Publication(type="software", title="T")
    with pytest.raises(pubmeta.PubmetaError, match="one work"):
        pubmeta.write([record, record, record], format="cff")


# -- the YAML layer ----------------------------------------------------------------------------


@pytest.mark.standards
@pytest.mark.parametrize(
    "path",
    [*_corpus(), *_examples("1.0.3"), *_examples("1.1.0"), *_examples("1.2.0")],
    ids=lambda p: "/".join(p.parts[-3:-1]),
)
def test_libyaml_reads_the_values_ruamel_yaml_reads(path: Path) -> None:
    from pubmeta.formats.cff.yaml12 import load

    text = path.read_text("utf-8")
    try:
        expected = load_as_the_official_validator_does(text)
    except Exception:
        with pytest.raises(pubmeta.PubmetaError):
            load(text)
        return
    assert load(text)[0] == expected


def test_yaml_one_point_two_scalars_are_read_as_yaml_one_point_two() -> None:
    from pubmeta.formats.cff.yaml12 import load

    text = "a: yes\nb: on\nc: 1_000\nd: 0x1F\ne: 2021-01-02\nf: ~\ng: 1.50\nh: TRUE\n"
    expected = {"a": "yes", "b": "on", "c": 1000, "d": 31, "e": "2021-01-02", "f": None,
                "g": 1.5, "h": True}  # fmt: skip
    assert load(text)[0] == expected


def test_a_key_given_twice_is_refused_at_its_place() -> None:
    (issue,) = pubmeta.validate((MINIMAL + "title: Again\n").encode(), format="cff")
    assert (issue.rule, issue.line, issue.column) == ("duplicate-key", 7, 1)


def test_an_alias_bomb_is_refused_before_it_is_walked() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]  # fmt: skip
    (issue,) = pubmeta.validate(("\n".join(lines) + "\n").encode(), format="cff")
    assert issue.rule == "yaml-alias"


@cache
def _loaded_examples() -> tuple[Any, ...]:
    found = []
    for path in [*_examples("1.2.0"), *_corpus()]:
        try:
            found.append(load_as_the_official_validator_does(path.read_text("utf-8")))
        except Exception:
            continue
    return tuple(found)


@pytest.mark.standards
@settings(suppress_health_check=list(HealthCheck), deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_checker_agrees_with_python_jsonschema_on_mutated_files(seed: int) -> None:
    """Real and official files, changed in one to three places: the same verdict, and every
    finding lies at or below a place python-jsonschema names (below: the meant branch)."""
    rng = random.Random(seed)
    text = json.dumps(rng.choice(_loaded_examples()))
    for _ in range(rng.randint(1, 3)):
        text = mutate_json(text, rng)
    document = json.loads(text)
    theirs = {tuple(map(str, e.absolute_path)) for e in official_validator().iter_errors(document)}
    mine = {tuple(pointer_parts(p)) for p, _, _ in Validator(official_schema()).findings(document)}
    assert bool(theirs) == bool(mine), (theirs, mine)
    for place in mine:
        assert any(place[: len(t)] == t for t in theirs), (place, theirs)
    for place in theirs:
        assert any(m[: len(place)] == place for m in mine), (place, mine)


def test_an_spdx_expression_is_answered_with_the_list_cff_takes() -> None:
    issue = _only(MINIMAL + "license: MIT OR Apache-2.0\n")
    assert (issue.rule, issue.line, issue.column) == ("enum", 7, 10)
    assert issue.message.endswith(
        "a list of SPDX ids for a choice of licences: ['MIT', 'Apache-2.0']"
    )
