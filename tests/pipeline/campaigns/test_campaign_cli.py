"""``commentwatch campaigns``: list, JSON with members, show (defanged), relink."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from commentwatch.cli.campaigns import command
from pipeline.campaigns.linking import campaign_id
from pipeline.store.campaigns.queries import timeline
from pipeline.store.session import open_database
from tests.pipeline.campaigns.campaign_fixtures import Spec, save

HOSTILE = (
    "Dr Okarobo cured me \x1b[31m visit https://okarobo-cure.example/x or mail x@okarobo.example"
)


@pytest.fixture
def seeded(sqlite_url: str) -> str:
    database = open_database(sqlite_url)
    try:
        save(
            database,
            [
                Spec(
                    "h1",
                    HOSTILE,
                    (
                        ("url", "https://okarobo-cure.example/x", "okarobo-cure.example"),
                        ("email", "x@okarobo.example", "okarobo.example"),
                    ),
                    minutes=1,
                ),
                Spec(
                    "h2",
                    "Dr Okarobo again",
                    (("email", "x@okarobo.example", "okarobo.example"),),
                    minutes=2,
                    site="otherblog",
                ),
                Spec(
                    "u1",
                    "lonely spam",
                    (("phone", "+15550001111", None),),
                    verdict="spam",
                    minutes=3,
                ),
            ],
        )
    finally:
        database.close()
    return sqlite_url


def run(*args: str):
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def test_relink_then_list_show_and_json(seeded: str) -> None:
    relinked = run("relink", "--db", seeded)
    assert relinked.exit_code == 0, relinked.output
    assert "relinked 3 flagged comments into 2 campaigns" in relinked.output

    listed = run("--db", seeded)
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    main_id = campaign_id("domain:okarobo-cure.example")
    assert lines[1].startswith(main_id)
    assert "Dr Okarobo" in lines[1]
    assert "okarobo-cure[.]example" in listed.output
    assert "https://" not in listed.output

    as_json = run("--db", seeded, "--json")
    objects = [json.loads(line) for line in as_json.output.splitlines()]
    assert [o["id"] for o in objects] == [main_id, campaign_id("phone:+15550001111")]
    assert objects[0]["live_comments"] == 2
    assert sorted(m["external_id"] for m in objects[0]["members"]) == ["h1", "h2"]
    assert all(m["page_url"].startswith("https://") for m in objects[0]["members"])
    assert all(m["live"] for m in objects[0]["members"])
    assert sorted(m["site"] for m in objects[0]["members"]) == ["healthblog", "otherblog"]

    shown = run("show", main_id, "--db", seeded)
    assert shown.exit_code == 0
    assert "hxxps://okarobo-cure[.]example/x" in shown.output
    assert "x[@]okarobo[.]example" in shown.output
    assert "\x1b" not in shown.output
    assert "sites:" in shown.output

    takedown = run("show", main_id, "--live", "--samples", "0", "--db", seeded)
    assert "live comments (2), by site:" in takedown.output
    # The sites' own pages stay clickable for whoever asks the sites to remove them.
    assert "https://healthblog.example.org/article-" in takedown.output
    assert "https://otherblog.example.org/article-" in takedown.output


def test_show_unknown_campaign_fails(seeded: str) -> None:
    result = run("show", "c-000000000000", "--db", seeded)
    assert result.exit_code == 1
    assert "no campaign" in result.output


def test_empty_database_lists_nothing(sqlite_url: str) -> None:
    result = run("--db", sqlite_url)
    assert result.exit_code == 0
    assert "no campaigns" in result.output


def test_old_campaign_is_online_since_its_first_posting(sqlite_url: str) -> None:
    """Scams sit for years: "since when" is the earliest posting date the pages give."""
    posted = [datetime(2023, 5, 2, tzinfo=UTC), datetime(2024, 1, 9, tzinfo=UTC)]
    database = open_database(sqlite_url)
    try:
        save(database, [
            Spec(f"o{i}", "Dr Abiola cured my fibroids, WhatsApp +2348066660000",
                 (("phone", "+2348066660000", None),), minutes=i, posted_at=when)
            for i, when in enumerate(posted)
        ])
    finally:
        database.close()
    assert run("relink", "--db", sqlite_url).exit_code == 0
    (listed,) = [json.loads(line) for line in run("--db", sqlite_url, "--json").output.splitlines()]
    assert listed["online_since"] == "2023-05-02T00:00:00+00:00"
    assert listed["first_seen_at"].startswith("2026-03-01")  # our first crawl
    assert "2023-05-02" in run("--db", sqlite_url).output
    shown = run("show", listed["id"], "--db", sqlite_url).output
    assert "online since: 2023-05-02" in shown
    assert "    2023-05  1" in shown
    assert "    2024-01  1" in shown


def test_timeline_is_daily_over_short_spans_and_monthly_over_long_ones() -> None:
    day = datetime(2026, 3, 1, tzinfo=UTC)
    assert timeline([day, day, day + timedelta(days=1)]) == (("2026-03-01", 2), ("2026-03-02", 1))
    assert timeline([day, day + timedelta(days=100)]) == (("2026-03", 1), ("2026-06", 1))
    assert timeline([]) == ()
