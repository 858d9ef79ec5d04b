"""Partial dates keep exactly the precision they were given."""

import pytest

from pubmeta.dates import DateError, PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023", "2023"),
        ("Dec 2023", "2023-12"),
        ("15 Mar 2021", "2021-03-15"),
        ("01 Jan 1999", "1999-01-01"),
        ("26 Sept 2022", "2022-09-26"),
        ("1. dec. 2020", "2020-12-01"),
        ("2023-12-05", "2023-12-05"),
        ("June 2015", "2015-06"),
    ],
)
def test_portal_date_forms_become_partial_dates(text: str, expected: str) -> None:
    assert PartialDate.parse_text(text).isoformat() == expected


@pytest.mark.parametrize("text", ["2023-02-30", "2023-13", "0000", "2021-02-29"])
def test_impossible_calendar_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        PartialDate.parse_iso(text)


def test_leap_day_exists_in_leap_years() -> None:
    assert PartialDate.parse_iso("2024-02-29").day == 29


def test_missing_parts_are_never_invented() -> None:
    assert PartialDate.parse_text("2023").parts() == [2023]
    assert PartialDate.parse_text("Dec 2023").parts() == [2023, 12]


def test_order_at_shared_precision() -> None:
    assert PartialDate(2023, 12).may_precede(PartialDate(2023))
    assert PartialDate(2023).may_precede(PartialDate(2023, 1, 5))
    assert not PartialDate(2024).may_precede(PartialDate(2023, 12))


@pytest.mark.parametrize("text", ["Smarch 2020", "yesterday", "12 2020"])
def test_text_that_is_not_a_date_is_refused(text: str) -> None:
    with pytest.raises(DateError):
        PartialDate.parse_text(text)
