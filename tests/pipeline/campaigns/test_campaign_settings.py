"""Linking knobs stored with the linking state: relink --threshold, later incremental links."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from commentwatch.cli.campaigns import command
from pipeline.campaigns import LinkConfig
from pipeline.store import models as m
from pipeline.store.campaigns import relink_all, relink_incremental
from pipeline.store.campaigns.settings import SETTING_NAME, load_config
from pipeline.store.session import open_database
from tests.pipeline.campaigns.campaign_fixtures import Spec, save
from tests.pipeline.campaigns.campaign_templates import fake_testimonial
from tests.pipeline.campaigns.test_campaign_store import memberships, partition

#: No title before the healer: no persona, so only the plain threshold decides.
HEALER = "a kind old man"


def _variant(ext: str, victim: str, number: str, minutes: int, *, moderate: bool) -> Spec:
    text = fake_testimonial(victim, HEALER, number, moderate=moderate)
    return Spec(ext, text, (("phone", number, None),), minutes=minutes)


BASE = _variant("v1", "Mary Lou", "+2348011110001", 1, moderate=False)
MODERATE = _variant("v2", "Jane Fox", "+2348011110002", 2, moderate=True)
LATER = _variant("v3", "Ann Bell", "+2348011110003", 3, moderate=True)
LOW = replace(LinkConfig(), threshold=0.45)


def test_config_round_trips_and_rejects_unknown_knobs() -> None:
    assert LinkConfig.from_dict(LOW.as_dict()) == LOW
    with pytest.raises(ValueError, match="unknown campaign linking setting"):
        LinkConfig.from_dict({"threshold": 0.5, "shingles": 4})


def test_stored_threshold_governs_later_incremental_links(database) -> None:
    ids = save(database, [BASE, MODERATE])
    with database.sessions.begin() as s:
        relink_all(s)
        assert load_config(s) == LinkConfig()
    assert len(partition(memberships(database))) == 2  # moderately similar: apart at 0.7
    with database.sessions.begin() as s:
        relink_all(s, LOW)
    assert partition(memberships(database)) == {frozenset({ids["v1"], ids["v2"]})}
    ids = save(database, [LATER])
    with database.sessions.begin() as s:
        assert load_config(s) == LOW
        relink_incremental(s, [ids["v3"]])  # no config given: the stored one
    incremental = memberships(database)
    assert partition(incremental) == {frozenset(ids.values())}
    with database.sessions.begin() as s:
        relink_all(s)  # no config given: keeps the stored one
    assert memberships(database) == incremental


def test_relink_cli_sets_the_threshold_and_reports_it(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        save(database, [BASE, MODERATE])
    finally:
        database.close()
    runner = CliRunner()
    result = runner.invoke(command, ["relink", "--db", sqlite_url, "--threshold", "0.45"])
    assert result.exit_code == 0, result.output
    assert "threshold 0.45" in result.output
    assert "into 1 campaigns" in result.output
    result = runner.invoke(command, ["relink", "--db", sqlite_url])
    assert "threshold 0.45" in result.output  # kept
    result = runner.invoke(command, ["relink", "--db", sqlite_url, "--threshold", "1.5"])
    assert result.exit_code == 2
    assert "--threshold" in result.output


def test_a_damaged_settings_row_is_a_clear_error(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        with database.sessions.begin() as s:
            s.add(m.CampaignSetting(name=SETTING_NAME, value='{"threshold": "high"'))
        with database.sessions() as s:
            assert s.scalar(select(m.CampaignSetting.name)) == SETTING_NAME
    finally:
        database.close()
    result = CliRunner().invoke(command, ["relink", "--db", sqlite_url])
    assert result.exit_code == 1
    assert "campaign_settings.link_config is not a valid linking configuration" in result.output


def test_eval_tries_a_threshold_on_a_labelled_file(tmp_path) -> None:
    from commentwatch.cli.eval import command as eval_command

    path = tmp_path / "labelled.jsonl"
    lines = [{"id": spec.ext, "text": spec.text, "label": "scam", "campaign": "old-man"}
             for spec in (BASE, MODERATE)]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    recalls = []
    for extra in ([], ["--link-threshold", "0.45"]):
        result = CliRunner().invoke(eval_command, [str(path), "--only", "campaigns", "--json",
                                                   *extra])
        assert result.exit_code == 0, result.output
        recalls.append(json.loads(result.output)["campaigns"]["recall"])
    assert recalls == [0.0, 1.0]
