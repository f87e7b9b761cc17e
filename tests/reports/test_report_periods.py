from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from reports.periods import as_utc, parse_moment, period_bounds

NOW = datetime(2026, 12, 1, 21, 30, tzinfo=UTC)  # a Tuesday


@pytest.mark.parametrize(("period", "since", "until"), [
    ("daily", datetime(2026, 11, 30, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)),
    ("weekly", datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 11, 30, tzinfo=UTC)),
    ("monthly", datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)),
])
def test_last_complete_period(period: str, since: datetime, until: datetime) -> None:
    assert period_bounds(period, NOW) == (since, until)


def test_month_across_new_year_and_naive_now() -> None:
    assert period_bounds("monthly", datetime(2027, 1, 15)) == (
        datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))


def test_week_on_a_monday_is_the_previous_week() -> None:
    since, until = period_bounds("weekly", datetime(2026, 11, 30, 0, 0, tzinfo=UTC))
    assert (since.weekday(), until - since) == (0, timedelta(days=7))
    assert until == datetime(2026, 11, 30, tzinfo=UTC)


def test_other_timezones_are_converted_to_utc() -> None:
    tokyo = timezone(timedelta(hours=9))
    assert period_bounds("daily", datetime(2026, 12, 1, 5, 0, tzinfo=tokyo))[1] == datetime(
        2026, 11, 30, tzinfo=UTC)
    assert as_utc(datetime(2026, 1, 1, 9, tzinfo=tokyo)) == datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_moment("2026-11-02") == datetime(2026, 11, 2, tzinfo=UTC)


def test_unknown_period() -> None:
    with pytest.raises(ValueError, match="unknown period"):
        period_bounds("yearly", NOW)
