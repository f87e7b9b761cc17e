"""Report queries on both engines, against the sample week (see sample.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from reports.data import build_report_data
from reports.health import NO_COMMENTS, NOT_CRAWLED
from tests.reports.sample import SINCE, UNTIL


def _data(db):  # type: ignore[no-untyped-def]
    with db.sessions() as session:
        return build_report_data(session, since=SINCE, until=UNTIL, kind="weekly")


def test_headline_figures(loaded) -> None:  # type: ignore[no-untyped-def]
    s = _data(loaded.db).summary
    assert (s.pages_crawled, s.comments_crawled, s.new_comments) == (14, 6, 4)
    assert s.new_flagged == {"scam": 1, "spam": 1, "suspicious": 1}
    # c2 (first seen before the period) is still live; c3 was removed during it.
    assert s.live_flagged == {"scam": 2, "spam": 1, "suspicious": 1}
    assert (s.live_scams, s.removed, s.removed_flagged) == (2, 1, 1)
    assert (s.new_contacts, s.campaigns, s.sites_with_problems) == (3, 1, 2)


def test_sites_time_to_moderation(loaded) -> None:  # type: ignore[no-untyped-def]
    rows = {r.name: r for r in _data(loaded.db).sites}
    assert list(rows)[:2] == ["wellness", "goodhealth"]  # oldest live scam first among ties
    wellness = rows["wellness"]
    assert wellness.live_scams == 1
    # Live since it was posted (two hours before our first sighting), not since first seen.
    assert wellness.oldest_live_scam_at == datetime(2026, 11, 10, 10, tzinfo=UTC)
    assert wellness.oldest_live_days == 19.6
    good = rows["goodhealth"]
    assert (good.new_comments, good.new_flagged, good.removed, good.removed_flagged) == (3, 2, 1, 1)
    assert good.median_days_to_removal == 6.0
    assert rows["quietsite"].new_comments == 0


def test_campaigns_contacts_and_diseases(loaded) -> None:  # type: ignore[no-untyped-def]
    data = _data(loaded.db)
    (campaign,) = data.campaigns
    assert (campaign.id, campaign.total, campaign.live, campaign.sites) == ("cmp-ade", 3, 2, 2)
    assert campaign.top_contacts[0] == "dr.ade@herbal-cure.example"  # used twice
    assert campaign.diseases == ("HIV", "breast cancer", "diabetes")
    # Online since its earliest member was posted (c2, two hours before we first saw it).
    assert campaign.online_since == datetime(2026, 11, 10, 10, tzinfo=UTC)
    assert [c.value for c in data.new_contacts] == [
        "dr.ade@herbal-cure.example", "+2348000000001", "http://pills.example/"]
    assert data.new_contacts[0].comments == 2
    assert data.new_contacts[0].live == 1
    assert [(d.disease, d.comments) for d in data.diseases] == [("HIV", 1)]


def test_trend_covers_every_day(loaded) -> None:  # type: ignore[no-untyped-def]
    trend = _data(loaded.db).trend
    assert len(trend) == 7
    assert [d.total for d in trend] == [0, 1, 1, 1, 0, 0, 0]
    assert trend[1].counts["scam"] == 1


def test_comments_carry_evidence_spans(loaded) -> None:  # type: ignore[no-untyped-def]
    comments = _data(loaded.db).comments
    assert [c.verdict for c in comments] == ["scam", "spam", "suspicious"]
    first = comments[0]
    assert [first.text[s.start:s.end] for s in first.spans] == [
        "cured my HIV", "dr.ade@herbal-cure.example", "+234 800 000 0001"]
    assert first.campaign
    assert first.reasons[0].rule == "CURE_TESTIMONIAL"


def test_takedowns_list_live_scams_per_site(loaded) -> None:  # type: ignore[no-untyped-def]
    takedowns = {t.site: t for t in _data(loaded.db).takedowns}
    assert sorted(takedowns) == ["goodhealth", "wellness"]
    ids = loaded.sample.ids
    assert [i.comment_id for i in takedowns["goodhealth"].items] == [ids["c1"]]  # c3 removed
    assert takedowns["wellness"].items[0].contacts == ("https://cure-herbs.example/order",)
    # Up since it was posted (two hours before we first saw it), as in the report headline.
    (item,) = takedowns["wellness"].items
    assert item.online_since == datetime(2026, 11, 10, 10, tzinfo=UTC)
    assert item.up_since < item.first_seen_at


def test_crawl_health_shows_sites_that_yielded_nothing(loaded) -> None:  # type: ignore[no-untyped-def]
    health = _data(loaded.db).health
    assert {p.name: p.problem for p in health.problems} == {
        "brokensite": NO_COMMENTS, "quietsite": NOT_CRAWLED}
    assert [r.pages for r in health.runs] == [14]


def test_empty_database_and_empty_campaign_tables(database) -> None:  # type: ignore[no-untyped-def]
    with database.sessions() as session:
        data = build_report_data(session, since=SINCE, until=UNTIL)
    assert data.summary.new_comments == 0
    assert data.summary.live_scams == 0
    assert data.campaigns == ()
    assert data.takedowns == ()
    assert data.comments == ()
    assert len(data.trend) == 7
