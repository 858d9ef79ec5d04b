"""The registries' loose JSON values as the readers take them (Crossref, DataCite, OpenAlex):
``line`` answers nothing and a string on its own path (issue 30: it runs for every value of
every work of a snapshot), so its answers are pinned here, written out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from pubmeta.formats.loose_json import line


def test_a_line_break_or_tab_with_the_spaces_around_it_is_one_space() -> None:
    assert line("  Deep \n\t  learning\r\nfor  all ") == "Deep learning for  all"


def test_other_spaces_inside_a_line_are_content() -> None:
    assert line("a\u00a0 b  c") == "a\u00a0 b  c"


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t", [], ["", "  "], True, False, {}])
def test_nothing_blank_or_of_another_kind_is_no_line(value: Any) -> None:
    assert line(value) is None


def test_a_list_gives_its_first_text_on_one_line() -> None:
    assert line(["", None, " Title\n  part ", "Other"]) == "Title part"


@pytest.mark.parametrize(("value", "expected"), [(7, "7"), (2.0, "2"), (2.5, "2.5")])
def test_a_number_is_a_line_as_printed(value: float, expected: str) -> None:
    assert line(value) == expected
