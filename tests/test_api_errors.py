"""Every error the Python face raises is a pubmeta.PubmetaError that a person can act on, in
the library's words: no command-line flag in any message."""

from __future__ import annotations

import ast
import io
import pickle
import re
from pathlib import Path

import pytest
from conftest import REPO

import pubmeta
from pubmeta.pipeline import ingest

SEED = REPO / "seeds" / "000_d4b476da1a4995c2.yaml"
# the readable formats, as README's format list names them (written here, not taken from code)
READABLE = ("pubmeta", "pure", "jats", "csl", "dc", "bibtex", "ris", "crossref", "datacite")
FLAG = re.compile(r"(?<![\w-])--[a-z]")


@pytest.mark.parametrize("call", [pubmeta.read, pubmeta.inspect, pubmeta.validate])
@pytest.mark.parametrize("source", [SEED, SEED.read_text("utf-8")], ids=["path", "content"])
def test_an_unknown_format_name_is_an_unknown_format_error_naming_the_known_ones(
    call: object, source: object
) -> None:
    with pytest.raises(pubmeta.UnknownFormatError) as raised:
        call(source, format="marc")  # type: ignore[operator]
    message = str(raised.value)
    assert "'marc'" in message
    assert all(name in message for name in READABLE)


@pytest.mark.parametrize(
    "records",
    [[{"title": "T"}], {"title": "T"}, "title: T", 42],
    ids=["list of dicts", "dict", "str", "int"],
)
def test_writing_what_is_not_a_record_says_what_a_record_is(records: object) -> None:
    with pytest.raises(pubmeta.PubmetaError) as raised:
        pubmeta.write(records, format="csl")  # type: ignore[arg-type]
    assert isinstance(raised.value, TypeError)  # a wrong type, as Python says it
    assert "Publication" in str(raised.value)


def test_a_dict_among_records_is_named_by_its_place() -> None:
    (record,) = pubmeta.read(SEED)
    with pytest.raises(pubmeta.ArgumentTypeError, match="record 1 is a dict"):
        pubmeta.write([record, {"title": "T"}], format="jats")


def test_a_source_of_the_wrong_type_is_a_pubmeta_error() -> None:
    with pytest.raises(pubmeta.PubmetaError, match="source must be"):
        pubmeta.read(42)  # type: ignore[arg-type]


def test_a_missing_writer_option_names_the_keyword_not_a_flag() -> None:
    (record,) = pubmeta.read(SEED)
    with pytest.raises(pubmeta.MissingOptionError) as raised:
        pubmeta.write(record, "crossref", depositor="Press")
    message = str(raised.value)
    assert not FLAG.search(message), message
    assert "email" in message and "pubmeta.write(records, 'crossref', email=...)" in message
    assert raised.value.options == ["email", "registrant", "batch_id", "timestamp"]


def test_a_missing_option_error_survives_the_trip_from_a_worker() -> None:
    error = pubmeta.MissingOptionError("crossref", ["email", "registrant"])
    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.options) == (str(error), ["email", "registrant"])


def test_ingest_refuses_a_target_without_its_required_options_before_the_run(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    with pytest.raises(pubmeta.MissingOptionError) as raised:
        ingest([SEED], "pubmeta,crossref", out)
    assert "options={'crossref': {'depositor': ...}}" in str(raised.value)
    assert not out.exists() and list(tmp_path.iterdir()) == []  # no run was started


def test_ingest_of_a_folder_without_records_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(pubmeta.IngestError, match="no record files found"):
        ingest([tmp_path / "empty"], "pubmeta", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_ingest_into_earlier_output_names_the_keyword_that_replaces_it(tmp_path: Path) -> None:
    ingest([SEED], "pubmeta", tmp_path / "out")
    with pytest.raises(pubmeta.IngestError) as raised:
        ingest([SEED], "pubmeta", tmp_path / "out")
    assert "overwrite=True" in str(raised.value) and not FLAG.search(str(raised.value))


def test_the_ingest_summary_counts_records_and_files_apart(tmp_path: Path) -> None:
    two = tmp_path / "in" / "two.yaml"
    two.parent.mkdir()
    two.write_text("- title: A\n- title: B\n- titel: C\n", "utf-8")
    (tmp_path / "in" / "one.yaml").write_text(SEED.read_text("utf-8"), "utf-8")
    stream = io.StringIO()
    summary = ingest([tmp_path / "in"], "pubmeta", tmp_path / "out", progress=stream)
    assert (summary.files, summary.written, summary.rejected) == (2, 3, 1)
    last = stream.getvalue().splitlines()[-1]
    assert last.startswith("pubmeta ingest: 4 records from 2 files: 3 written, 1 rejected in ")


def _messages_outside_the_command_line() -> list[tuple[str, int, str]]:
    """The text of every error and finding made in the library (outside cli/): the strings
    of each call of an error class or of Issue, and every string of errors.py."""
    found = []
    source = REPO / "src" / "pubmeta"
    for path in sorted(source.rglob("*.py")):
        if "cli" in path.relative_to(source).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) and not (
                path.name == "errors.py" and isinstance(node, ast.Module)
            ):
                continue
            name = getattr(getattr(node, "func", None), "id", "")
            name = name or getattr(getattr(node, "func", None), "attr", "")
            if isinstance(node, ast.Call) and not (name.endswith("Error") or name == "Issue"):
                continue
            for part in ast.walk(node):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    found.append((str(path.relative_to(REPO)), part.lineno, part.value))
    return found


def test_no_library_message_names_a_command_line_flag() -> None:
    messages = _messages_outside_the_command_line()
    assert len(messages) > 300  # the walk finds the messages (it looks where they are)
    flagged = [m for m in messages if FLAG.search(m[2])]
    assert flagged == []


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"to": 3}, "to must be"),
        ({"options": {"crossref": 3}}, "options must be"),
        ({"workers": "2"}, "workers must be an int"),
        ({"chunk_size": 2.5}, "chunk_size must be an int"),
        ({"paths": [3]}, "each of paths must be"),
    ],
)
def test_ingest_arguments_of_the_wrong_type_are_named(
    tmp_path: Path, arguments: dict[str, object], named: str
) -> None:
    given: dict[str, object] = {"paths": [SEED], "to": "pubmeta", **arguments}
    with pytest.raises(pubmeta.ArgumentTypeError, match=named):
        ingest(out=tmp_path / "out", **given)  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


def test_ingest_takes_one_path_alone_as_a_list_of_one(tmp_path: Path) -> None:
    summary = ingest(str(SEED), "pubmeta", tmp_path / "out")  # type: ignore[arg-type]
    assert (summary.files, summary.written) == (1, 1)
