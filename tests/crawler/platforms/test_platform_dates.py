"""Dates as comment sections write them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from crawler.platforms.dates import parse_date

CET = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05T09:15:00+00:00", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
        ("2024-03-05T09:15:00Z", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
        ("2024-03-05T09:15:00+01:00", datetime(2024, 3, 5, 9, 15, tzinfo=CET)),
        ("2024-03-05", datetime(2024, 3, 5, tzinfo=UTC)),
        ("1718870400", datetime(2024, 6, 20, 8, 0, tzinfo=UTC)),
        ("1718870400000", datetime(2024, 6, 20, 8, 0, tzinfo=UTC)),
        ("Thu, 20 Jun 2024 08:00:00 +0000", datetime(2024, 6, 20, 8, 0, tzinfo=UTC)),
        ("March 5, 2024 at 9:15 pm", datetime(2024, 3, 5, 21, 15, tzinfo=UTC)),
        ("March 5, 2024 at 12:05 am", datetime(2024, 3, 5, 0, 5, tzinfo=UTC)),
        ("Feb 7, 2014 at 10:53", datetime(2014, 2, 7, 10, 53, tzinfo=UTC)),
        ("8. Dezember 2010 um 10:56", datetime(2010, 12, 8, 10, 56, tzinfo=UTC)),
        ("16. März 2011 um 12:22 Uhr", datetime(2011, 3, 16, 12, 22, tzinfo=UTC)),
        ("März 7, 2018", datetime(2018, 3, 7, tzinfo=UTC)),
        ("le 12 mars 2024 à 14h05", datetime(2024, 3, 12, 14, 5, tzinfo=UTC)),
        ("1er février 2023", datetime(2023, 2, 1, tzinfo=UTC)),
        ("Di, 21. April 2020 - 16:40", datetime(2020, 4, 21, 16, 40, tzinfo=UTC)),
        ("02.08.2019", datetime(2019, 8, 2, tzinfo=UTC)),
        ("12 de mayo de 2022", datetime(2022, 5, 12, tzinfo=UTC)),
    ],
)
def test_readable_dates(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [None, "", "vor 8 Stunden", "3 days ago", "yesterday",
                                  "31. Februar 2020", "Reply", "#1 — ", "9" * 500,
                                  "2024-13-45"])
def test_unreadable_dates_are_none(text: str | None) -> None:
    assert parse_date(text) is None


def test_pathological_input_is_cheap() -> None:
    assert parse_date(("1. " * 50_000) + "x") is None
    assert parse_date("a" * 1_000_000) is None
