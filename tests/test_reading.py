"""One path from bytes to records: formats told by suffix and content, refused values kept as
notes in one pass, faults contained to their record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pubmeta
from pubmeta.formats import format_for_output, suffix_of
from pubmeta.reading import iter_text


def _orcid_contrib(index: int) -> str:
    return (
        f'<contrib contrib-type="author"><contrib-id contrib-id-type="orcid">'
        f"0000-0002-1825-{index:04d}x</contrib-id><name><surname>A{index}</surname></name>"
        "</contrib>"
    )


def test_every_refused_value_of_an_article_is_kept_as_a_note_in_one_pass() -> None:
    # sixty ORCID iDs of a shape the record refuses: the article is read, each iD noted
    article = (
        "<article><front><journal-meta/><article-meta><title-group><article-title>Many"
        "</article-title></title-group><contrib-group>"
        + "".join(_orcid_contrib(i) for i in range(60))
        + "</contrib-group></article-meta></front></article>"
    )
    records, issues = pubmeta.inspect(article, format="jats")
    (record,) = records
    assert len(record.contributors) == 60
    assert all(c.orcid is None for c in record.contributors)  # type: ignore[union-attr]
    kept = [i for i in issues if i.rule == "value-kept-as-note"]
    assert len(kept) == 60
    assert sum(note.startswith("contributors/") for note in record.notes) == 60


def test_a_refused_value_of_a_portal_page_is_kept_in_notes_not_the_page_lost(
    seeds_dir: Path,
) -> None:
    page = (seeds_dir / "000_d4b476da1a4995c2.txt").read_text("utf-8")
    # the same page, had its portal printed the journal's ISSN wrongly
    with_bad_issn = page.replace(
        "Original languageEnglish", "Original languageEnglish\nISSN03-647-1"
    )
    records, issues = pubmeta.inspect(with_bad_issn, format="pure")
    (record,) = records
    assert record.title and record.title.startswith("Radiation")
    assert any("03-647-1" in note for note in record.notes)
    assert "value-kept-as-note" in {i.rule for i in issues}


@pytest.mark.parametrize(
    ("name", "suffix"),
    [("refs.csl.json", ".csl.json"), ("a.JSON", ".json"), ("rec.yaml", ".yaml"), ("x", "")],
)
def test_multi_part_suffixes_are_told(name: str, suffix: str) -> None:
    assert suffix_of(name) == suffix


def test_a_csl_json_file_is_read_as_csl_by_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "refs.csl.json"
    # an item without the keys that would tell CSL by content
    path.write_text(json.dumps([{"type": "book", "title": "Only a title"}]), "utf-8")
    (record,) = pubmeta.read(path)
    assert record.type.value == "book" and record.title == "Only a title"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("out.ris", "ris"),
        ("out.bib", "bibtex"),
        ("out.txt", None),
        ("out.csl.json", "csl"),
        ("out.yaml", "pubmeta"),
        ("out.xml", None),
    ],
)
def test_the_output_suffix_says_the_format_only_when_unambiguous(
    name: str, fmt: str | None
) -> None:
    found = format_for_output(name)
    assert (found.name if found else None) == fmt


@pytest.mark.parametrize("fmt", ["jats", "dc"])
def test_several_records_into_a_one_record_format_is_a_write_error(fmt: str) -> None:
    records = [pubmeta.Publication(title="A"), pubmeta.Publication(title="B")]
    with pytest.raises(pubmeta.WriteError) as caught:
        pubmeta.write(records, format=fmt)
    assert not isinstance(caught.value, pubmeta.FormatError)
    assert "one" in str(caught.value)


def test_an_unexpected_failure_is_an_internal_error_finding_for_its_record_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pubmeta.validation import semantic

    real = semantic.semantic_issues

    def failing_on_b(record: object) -> object:
        fields = record if isinstance(record, dict) else record.__dict__  # type: ignore[attr-defined]
        if fields.get("title") == "B":
            raise RuntimeError("boom")
        return real(record)

    monkeypatch.setattr("pubmeta.validation.semantic_issues", failing_on_b)
    lines = "\n".join(json.dumps({"title": t}) for t in ("A", "B", "C"))
    checked = list(iter_text(lines, ".jsonl", build=False))
    assert [c.ok for c in checked] == [True, False, True]
    (issue,) = checked[1].issues
    assert issue.rule == "internal-error" and "RuntimeError" in issue.message
    assert checked[1].trace and "boom" in checked[1].trace


def test_a_string_naming_a_file_in_the_working_folder_is_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("record.yaml").write_text("title: T\n", "utf-8")
    with pytest.raises(pubmeta.FormatError, match="cannot tell the format") as raised:
        pubmeta.read("record.yaml")
    assert "Path" not in str(raised.value)  # no word on whether such a file exists
    assert pubmeta.read(Path("record.yaml"))[0].title == "T"


def test_write_chooses_the_native_layout_by_option() -> None:
    record = pubmeta.Publication(title="T")
    assert pubmeta.write(record, "pubmeta", layout="yaml") == "title: T\n"
    assert pubmeta.write([record, record], "pubmeta", layout="jsonl").count("\n") == 2
    with pytest.raises(pubmeta.OptionError, match="layout"):
        pubmeta.write(record, "pubmeta", layout="toml")
    with pytest.raises(pubmeta.OptionError, match="no option"):
        pubmeta.write(record, "jats", depositor="x")


def test_inspect_keeps_the_warnings_that_read_leaves_out() -> None:
    item = json.dumps([{"id": "x", "type": "book", "title": "T", "frobnicate": 1}])
    records, issues = pubmeta.inspect(item, format="csl")
    assert records[0].title == "T"
    assert [i.rule for i in issues] == ["csl-ignored-key"]


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        # an ISSN with a wrong check digit, an unknown language code, no title
        ('{"title": "T", "container": {"issn_print": "0317-8472"}, "language": "qqq"}', "pubmeta"),
        ('[{"id": "x", "type": "book", "ISSN": "0317-8472", "language": "qqq"}]', "csl"),
    ],
)
def test_reading_for_records_alone_builds_them_as_a_checked_reading_does(
    text: str, fmt: str
) -> None:
    (full,) = iter_text(text, format=fmt)
    (records_only,) = iter_text(text, format=fmt, semantic=False)
    assert records_only.record == full.record is not None
    found = {i.rule for i in full.issues}
    assert {"issn-checksum", "language-code"} <= found
    assert not {i.rule for i in records_only.issues} & {"issn-checksum", "language-code"}
    # and read, which gives records, gives the same record
    assert pubmeta.read(text, format=fmt) == [full.record]
