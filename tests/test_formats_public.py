"""pubmeta.FORMATS is what a user needs of each format, read-only and without the internals
(issue 26); the writer options are typed per format, and the types agree with the options."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import typing

import pytest

import pubmeta

# written from README's format list, not taken from the code
NAMES = ("pubmeta", "pure", "jats", "csl", "dc", "bibtex", "ris", "crossref", "datacite", "cff",
         "openaire", "openalex")  # fmt: skip
INTERNALS = ("ingest", "write_part", "document_group", "byte_reader", "reader", "writer", "sniff")


def test_the_view_names_every_format() -> None:
    assert tuple(pubmeta.FORMATS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_a_format_view_holds_no_internals(name: str) -> None:
    info = pubmeta.FORMATS[name]
    assert [i for i in INTERNALS if hasattr(info, i)] == []


def test_the_view_is_read_only() -> None:
    info = pubmeta.FORMATS["jats"]
    with pytest.raises(TypeError):
        pubmeta.FORMATS["jats"] = info  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.can_write = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "reads", "writes"),
    [("pure", True, False), ("openalex", True, False), ("jats", True, True)],
)
def test_a_view_says_whether_the_format_reads_and_writes(
    name: str, reads: bool, writes: bool
) -> None:
    info = pubmeta.FORMATS[name]
    assert (info.can_read, info.can_write) == (reads, writes)


def test_the_crossref_options_with_their_defaults() -> None:
    options = {
        o.name: (o.required, o.default, o.choices) for o in pubmeta.FORMATS["crossref"].options
    }
    head = (True, None, ())
    assert options == {
        "depositor": head, "email": head, "registrant": head, "batch_id": head,
        "timestamp": head, "version": (False, "5.3.1", ("5.3.1", "5.4.0")),
    }  # fmt: skip


def test_the_pubmeta_layout_option_with_its_default() -> None:
    (layout,) = pubmeta.FORMATS["pubmeta"].options
    assert (layout.name, layout.default, layout.choices) == (
        "layout",
        "json",
        ("json", "jsonl", "yaml"),
    )


@pytest.mark.parametrize("name", NAMES)
def test_the_typed_options_are_the_options_the_writer_takes(name: str) -> None:
    options = pubmeta.FORMATS[name].options
    typed = pubmeta.FORMATS[name].options_type
    if typed is None:
        assert options == ()
        return
    assert typed is getattr(pubmeta, typed.__name__)  # on the public face
    hints = typing.get_type_hints(typed)
    assert set(hints) == {o.name for o in options}
    assert typed.__required_keys__ == {o.name for o in options if o.required}
    for option in options:
        choices = typing.get_args(hints[option.name])
        assert choices == option.choices if option.choices else hints[option.name] is str


def test_the_formats_command_shows_each_options_type_default_and_choices() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "pubmeta", "formats", "--output-format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    options = {
        (fmt["name"], o["name"]): (o["type"], o["required"], o["default"], o["choices"])
        for fmt in json.loads(listed.stdout)["formats"]
        for o in fmt["options"]
    }
    head = ("string", True, None, [])
    assert options == {
        ("pubmeta", "layout"): ("string", False, "json", ["json", "jsonl", "yaml"]),
        ("crossref", "depositor"): head, ("crossref", "email"): head,
        ("crossref", "registrant"): head, ("crossref", "batch_id"): head,
        ("crossref", "timestamp"): head,
        ("crossref", "version"): ("string", False, "5.3.1", ["5.3.1", "5.4.0"]),
        ("datacite", "version"): ("string", False, "4.6", ["4.6", "4.7"]),
    }  # fmt: skip


def test_the_ingest_layout_is_the_pipelines_not_the_formats() -> None:
    from pubmeta.formats.registry import FORMATS, WRITABLE
    from pubmeta.pipeline.layout import LAYOUT

    assert [n for n in NAMES if hasattr(FORMATS[n], "ingest")] == []
    assert set(LAYOUT) <= set(WRITABLE)
    assert LAYOUT["pubmeta"].name == "records.jsonl"  # the file README's ingest table names


def test_the_public_names_are_written_out_for_type_checkers() -> None:
    # mypy takes a name from `import pubmeta` only when __all__ lists it literally
    assert set(pubmeta.__all__) == {*pubmeta._PUBLIC, "__version__"}
    assert len(pubmeta.__all__) == len(set(pubmeta.__all__))
