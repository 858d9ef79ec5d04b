"""Pure page classes that real portals showed the reader getting wrong (issue 27), each built
from a real page of the shared corpus in the shape the class takes: a chapter page (036) cut
short by a crawler at its start or end or with two rows glued on one line, its ISBN row listing
the book's print ISBNs with only a space between them, and a page (030) with keywords after its
bibliographical note. The values expected are the ones the page shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED

import pubmeta
from pubmeta import Publication, Role

CHAPTER = SHARED / "corpus" / "pure" / "036.txt"
NOTED = SHARED / "corpus" / "pure" / "030.txt"
HOST = (
    "Activist Pedagogy and Shared Education in Divided Societies. International Perspectives "
    "and Next Practices"
)


def _page(path: Path) -> list[str]:
    if not path.exists():
        pytest.skip(f"{path} is missing (the shared corpus)")
    return path.read_text("utf-8").split("\n")


def _read(text: str) -> tuple[Publication, list[pubmeta.Issue]]:
    (record,), issues = pubmeta.inspect(text, format="pure")
    return record, issues


def _row(lines: list[str], label: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(label))


def _editors(record: Publication) -> list[str]:
    return [c.display_name() for c in record.contributors if c.role is Role.EDITOR]


BOOK_ISBNS = (["9789004512726", "9789004512733"], ["9789004512740"])
EDITORS = ["Tony Gallagher", "Dafna Yitzhaki", "Nimrod Aloni", "Zehavit Gross"]


@pytest.mark.corpus
def test_a_page_cut_inside_its_rows_keeps_every_row_that_survives() -> None:
    lines = _page(CHAPTER)
    record, _ = _read("\n".join(lines[_row(lines, "Editors") :]))  # title to host cut
    assert record.provenance is not None and record.provenance.truncated
    assert _editors(record) == EDITORS
    assert record.publisher_place == "Leiden"
    assert (record.identifiers.isbn_print, record.identifiers.isbn_electronic) == BOOK_ISBNS
    assert str(record.dates.published) == "2022-02-10"


@pytest.mark.corpus
def test_a_page_cut_inside_a_value_glued_to_the_host_row_keeps_the_host() -> None:
    lines = _page(CHAPTER)
    host = _row(lines, "Title of host publication")
    cut = "tion: The experience of shared education" + lines[host]  # crawler lost the break
    record, issues = _read("\n".join([cut, *lines[host + 1 :]]))
    assert record.type.value == "book-chapter"
    assert record.container is not None and record.container.title == HOST
    assert (record.container.isbn_print, record.container.isbn_electronic) == BOOK_ISBNS
    assert _editors(record) == EDITORS
    assert any("starts inside a value" in i.message for i in issues)


@pytest.mark.corpus
def test_an_isbn_cut_where_the_excerpt_ends_is_left_out_not_misread() -> None:
    lines = _page(CHAPTER)
    end = _row(lines, "ISBN (Print)")
    record, issues = _read("\n".join([*lines[:end], "ISBN (Print)978-90-04-512"]))
    assert record.container is not None
    assert record.container.isbn_print == [] and record.container.isbn_electronic == [
        "9789004512740"
    ]
    assert not [i for i in issues if i.is_error]
    assert any("cut off where the excerpt ends" in i.message for i in issues)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("print_row", "electronic_row"),
    [
        # both rows of one book on one line (the crawler lost the break between them)
        ("ISBN (Electronic)978-90-04-51274-0ISBN (Print)978-90-04-51272-6, 978-90-04-51273-3",
         None),
        # the print ISBNs with only a space between them
        ("ISBN (Print)978-90-04-51272-6 978-90-04-51273-3", "ISBN (Electronic)978-90-04-51274-0"),
    ],
)  # fmt: skip
def test_isbn_rows_of_a_chapter_give_the_books_print_and_electronic_isbns(
    print_row: str, electronic_row: str | None
) -> None:
    lines = _page(CHAPTER)
    at = _row(lines, "ISBN (Electronic)")
    rows = [print_row] + ([electronic_row] if electronic_row else [])
    record, issues = _read("\n".join([*lines[:at], *rows, *lines[at + 2 :]]))
    assert record.container is not None
    assert (record.container.isbn_print, record.container.isbn_electronic) == BOOK_ISBNS
    assert not [i for i in issues if i.is_error]


@pytest.mark.corpus
@pytest.mark.parametrize("gap", ["\n", ""])
def test_keywords_after_a_bibliographical_note_are_keywords(gap: str) -> None:
    lines = _page(NOTED)
    note = _row(lines, "Copyright 2020 Elsevier")
    keywords = ["- Shared education", "- Blended learning"]
    record, _ = _read("\n".join([*lines[: note + 1], *([gap] if gap else []), *keywords,
                                 *lines[note + 1 :]]))  # fmt: skip
    assert record.keywords == ["Shared education", "Blended learning"]
    assert record.notes == ["Copyright 2020 Elsevier B.V., All rights reserved."]
