"""Campaigns in the database (SQLite and PostgreSQL): relink, incremental == full, queries."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select, update

from pipeline.campaigns import LinkConfig, link_comments
from pipeline.campaigns.linking import campaign_id
from pipeline.store import models as m
from pipeline.store.campaigns import (
    campaign_detail,
    campaign_rows,
    relink_all,
    relink_incremental,
)
from pipeline.store.campaigns.inputs import load_comments
from pipeline.store.writer import save_comments
from tests.pipeline.campaigns.campaign_fixtures import T0, Spec, record, save
from tests.pipeline.campaigns.campaign_templates import fake_other, fake_testimonial

PHONE_A, PHONE_B, PHONE_C = "+2348011111111", "+2348022222222", "+2348033333333"

FIRST = [
    Spec("a1", "Dr Okarobo cured my herpes, call him", (("phone", PHONE_A, None),), minutes=1),
    Spec(
        "a2",
        "Herbs from Dr Okarobo cured my sugar",
        (("phone", PHONE_A, None), ("email", "okarobo.herbs@gmail.com", "gmail.com")),
        minutes=2,
        site="otherblog",
    ),
    Spec("b1", "Priest Ubagi spell restored my womb", (("phone", PHONE_B, None),), minutes=3),
    Spec(
        "g1",
        "my gmail healer fixed my asthma",
        (("email", "healer.one@gmail.com", "gmail.com"),),
        minutes=4,
    ),
    Spec(
        "g2",
        "another gmail healer fixed my asthma too",
        (("email", "healer.two@gmail.com", "gmail.com"),),
        minutes=5,
    ),
    Spec(
        "t1",
        fake_testimonial("Mary Lou", "Dr Osagie", PHONE_C),
        (("phone", PHONE_C, None),),
        minutes=6,
    ),
    Spec(
        "ok1",
        "I also emailed okarobo.herbs@gmail.com and lost money, beware",
        (("email", "okarobo.herbs@gmail.com", "gmail.com"),),
        verdict="ok",
        minutes=7,
    ),
]
SECOND = [
    # Bridges campaign a and campaign b through their numbers.
    Spec(
        "ab",
        "Dr Okarobo and Priest Ubagi work together",
        (("phone", PHONE_A, None), ("phone", PHONE_B, None)),
        minutes=20,
    ),
    # Same template as t1 with a fresh number: joins t1's campaign.
    Spec(
        "t2",
        fake_testimonial("Jane Fox", "Dr Osagie", "+2348044444444"),
        (("phone", "+2348044444444", None),),
        minutes=21,
    ),
    Spec(
        "n1",
        fake_other("Baba Ekun", "+2348055555555"),
        (("phone", "+2348055555555", None),),
        minutes=22,
        author_url="https://ekun-shrine.blogspot.com/",
    ),
    Spec("n2", "Baba Ekun is real", (), minutes=23, author_url="https://ekun-shrine.blogspot.com/"),
    Spec(
        "s1",
        "is this number real? +2348055555555",
        (("phone", "+2348055555555", None),),
        verdict="suspicious",
        minutes=24,
    ),
]


def memberships(database) -> dict[int, str]:
    with database.sessions() as s:
        return dict(
            s.execute(select(m.CampaignMember.comment_id, m.CampaignMember.campaign_id)).all()
        )


def partition(members: dict[int, str]) -> set[frozenset[int]]:
    out: dict[str, set[int]] = {}
    for cid, camp in members.items():
        out.setdefault(camp, set()).add(cid)
    return {frozenset(v) for v in out.values()}


def test_relink_all_groups_by_contact_and_text(database) -> None:
    ids = save(database, FIRST + SECOND)
    with database.sessions.begin() as s:
        stats = relink_all(s)
    assert stats.full
    members = memberships(database)
    assert ids["ok1"] not in members
    assert ids["s1"] not in members
    groups = partition(members)
    assert frozenset({ids["a1"], ids["a2"], ids["ab"], ids["b1"]}) in groups
    assert frozenset({ids["t1"], ids["t2"]}) in groups
    assert frozenset({ids["n1"], ids["n2"]}) in groups  # same website in the author field
    assert frozenset({ids["g1"]}) in groups
    assert frozenset({ids["g2"]}) in groups
    assert members[ids["a1"]] == campaign_id(f"phone:{PHONE_A}")


def test_campaign_ids_are_stable_across_relinks(database) -> None:
    save(database, FIRST + SECOND)
    with database.sessions.begin() as s:
        relink_all(s)
    first = memberships(database)
    with database.sessions.begin() as s:
        relink_all(s)
    assert memberships(database) == first


def test_incremental_equals_full_and_in_memory(database) -> None:
    ids = save(database, FIRST)
    with database.sessions.begin() as s:
        relink_incremental(s, list(ids.values()))
    before = memberships(database)
    assert before[ids["a1"]] != before[ids["b1"]]
    ids = save(database, SECOND)
    new = [ids[s.ext] for s in SECOND]
    with database.sessions.begin() as s:
        stats = relink_incremental(s, new)
    assert not stats.full
    assert stats.merged == 1
    incremental = memberships(database)
    assert incremental[ids["a1"]] == incremental[ids["b1"]] == incremental[ids["ab"]]
    assert incremental[ids["t2"]] == before[ids["t1"]]

    with database.sessions() as s:
        loaded = load_comments(s, sorted(ids.values()))
    expected = link_comments(
        [c.item for c in loaded.values() if c.verdict in LinkConfig().verdicts]
    )
    assert {c.id: frozenset(c.comment_ids) for c in expected} == {
        camp: frozenset(k for k, v in incremental.items() if v == camp)
        for camp in set(incremental.values())
    }
    with database.sessions.begin() as s:
        relink_all(s)
    assert memberships(database) == incremental


def test_incremental_in_small_batches_equals_full(database) -> None:
    specs = FIRST + SECOND
    for spec in specs:
        ids = save(database, [spec])
        with database.sessions.begin() as s:
            relink_incremental(s, [ids[spec.ext]], batch=1)
    incremental = memberships(database)
    with database.sessions.begin() as s:
        relink_all(s, batch=2)
    assert memberships(database) == incremental


def test_rejudged_comment_splits_its_campaign(database) -> None:
    ids = save(database, FIRST + SECOND)
    with database.sessions.begin() as s:
        relink_incremental(s, list(ids.values()))
    with database.sessions.begin() as s:
        s.execute(update(m.Verdict).where(m.Verdict.comment_id == ids["ab"]).values(verdict="ok"))
        stats = relink_incremental(s, [ids["ab"]])
    assert stats.dissolved == 1
    members = memberships(database)
    assert ids["ab"] not in members
    assert members[ids["a1"]] != members[ids["b1"]]
    with database.sessions.begin() as s:
        relink_all(s)
    assert memberships(database) == members


def test_unchanged_comments_are_skipped(database) -> None:
    ids = save(database, FIRST)
    with database.sessions.begin() as s:
        relink_incremental(s, list(ids.values()))
    with database.sessions.begin() as s:
        stats = relink_incremental(s, list(ids.values()))
    assert stats.unchanged == stats.examined == 6
    assert stats.linked == 0


def test_backfilled_comment_falls_back_to_full_relink(database) -> None:
    ids = save(database, SECOND)
    with database.sessions.begin() as s:
        relink_incremental(s, list(ids.values()))
    early = Spec(
        "early",
        "Dr Okarobo early post",
        (("phone", PHONE_A, None), ("phone", PHONE_B, None)),
        minutes=-60,
    )
    ids = save(database, [early])
    with database.sessions.begin() as s:
        stats = relink_incremental(s, [ids["early"]])
    assert stats.full
    members = memberships(database)
    assert members[ids["early"]] == members[ids["ab"]] == campaign_id(f"phone:{PHONE_A}")


def test_campaign_rows_and_detail(database) -> None:
    ids = save(database, FIRST + SECOND)
    with database.sessions.begin() as s:
        relink_all(s)
        s.execute(
            update(m.Comment)
            .where(m.Comment.id == ids["b1"])
            .values(removed_at=T0 + timedelta(days=1))
        )
    with database.sessions() as s:
        rows = campaign_rows(s)
        detail = campaign_detail(s, campaign_id(f"phone:{PHONE_A}"))
        missing = campaign_detail(s, "c-000000000000")
    top = rows[0]
    assert top.id == campaign_id(f"phone:{PHONE_A}")
    assert (top.comments, top.live_comments) == (4, 3)
    assert top.label == "Dr Okarobo"
    assert f"phone:{PHONE_A}" in top.contacts
    assert f"phone:{PHONE_B}" in top.contacts
    assert top.sites == ("healthblog", "otherblog")
    assert top.first_seen_at == T0 + timedelta(minutes=1)
    assert [r.live_comments for r in rows] == sorted((r.live_comments for r in rows), reverse=True)
    assert missing is None
    assert detail is not None
    assert sum(n for _, n in detail.timeline) == 4
    assert [c.external_id for c in detail.samples] == ["a1", "a2", "b1", "ab"]


def test_concurrent_incremental_relinks_do_not_collide(database) -> None:
    import threading

    first = save(database, [Spec(f"x{i}", f"Dr Okarobo post {i}", (("phone", PHONE_A, None),),
                                 minutes=i) for i in range(5)])
    batches = [[first[f"x{i}"] for i in range(0, 5, 2)], [first[f"x{i}"] for i in (1, 3)]]
    errors: list[BaseException] = []

    def worker(ids: list[int]) -> None:
        try:
            with database.sessions.begin() as s:
                relink_incremental(s, ids)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(b,)) for b in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(memberships(database).values())) == 1


def test_edited_comment_leaves_its_template_campaign(database) -> None:
    specs = [s for s in FIRST + SECOND if s.ext in {"t1", "t2", "a1"}]
    ids = save(database, specs)
    with database.sessions.begin() as s:
        relink_incremental(s, list(ids.values()))
    assert memberships(database)[ids["t1"]] == memberships(database)[ids["t2"]]
    t2 = next(s for s in specs if s.ext == "t2")
    edited = replace(t2, text=fake_other("Baba Ekun", "+2348044444444"), minutes=40)
    with database.sessions.begin() as s:
        saved = save_comments(s, [record(edited)])
        stats = relink_incremental(s, saved.changed_comment_ids)
    assert saved.changed_comment_ids == [ids["t2"]]
    assert stats.dissolved == 1
    members = memberships(database)
    assert members[ids["t1"]] != members[ids["t2"]]
    assert members[ids["t1"]] == campaign_id(f"phone:{PHONE_C}")
    with database.sessions.begin() as s:
        relink_all(s)
    assert memberships(database) == members
