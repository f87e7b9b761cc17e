"""``commentwatch campaigns``: list, JSON with members, show (defanged), relink."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from commentwatch.cli.campaigns import command
from pipeline.campaigns.linking import campaign_id
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

    shown = run("show", main_id, "--db", seeded)
    assert shown.exit_code == 0
    assert "hxxps://okarobo-cure[.]example/x" in shown.output
    assert "x[@]okarobo[.]example" in shown.output
    assert "\x1b" not in shown.output
    assert "sites:" in shown.output


def test_show_unknown_campaign_fails(seeded: str) -> None:
    result = run("show", "c-000000000000", "--db", seeded)
    assert result.exit_code == 1
    assert "no campaign" in result.output


def test_empty_database_lists_nothing(sqlite_url: str) -> None:
    result = run("--db", sqlite_url)
    assert result.exit_code == 0
    assert "no campaigns" in result.output
