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


@pytest.mark.parametrize("text", ["2023-02-30", "2023-13", "2021-02-29", "-0043-02-29"])
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


def test_years_before_the_common_era_are_astronomical_as_in_iso_8601() -> None:
    # 44 BC is -0043; 1 BC is 0000 (there is a year zero in ISO 8601, none in history)
    ides = PartialDate.parse_iso("-0043-03-15")
    assert (ides.year, ides.historical_year, ides.isoformat()) == (-43, -44, "-0043-03-15")
    assert PartialDate.parse_iso("0000").historical_year == -1
    assert PartialDate.from_historical(-44) == PartialDate(-43)
    assert PartialDate.parse_text("44 BC") == PartialDate(-43)


def test_leap_years_before_the_common_era_follow_the_proleptic_calendar() -> None:
    assert PartialDate.parse_iso("-0004-02-29").day == 29  # 5 BC, divisible by four
    assert PartialDate.parse_iso("0000-02-29").day == 29


def test_dates_of_different_precision_are_ordered_unknown_parts_first() -> None:
    assert PartialDate(2023) < PartialDate(2023, 5) < PartialDate(2023, 5, 1)
    assert sorted([PartialDate(2023, 5), PartialDate(2023), PartialDate(-1)]) == [
        PartialDate(-1),
        PartialDate(2023),
        PartialDate(2023, 5),
    ]


@pytest.mark.parametrize(
    ("parts", "kept", "dropped"),
    [
        ((2020, 13, 5), "2020", "month 13"),
        ((2021, 2, 29), "2021-02", "day 29"),
        ((2021, 2, 28), "2021-02-28", None),
    ],
)
def test_a_date_keeps_its_valid_parts(
    parts: tuple[int, ...], kept: str, dropped: str | None
) -> None:
    date, what = PartialDate.salvage(*parts)
    assert date.isoformat() == kept
    assert (what is None) if dropped is None else (what is not None and what.startswith(dropped))
