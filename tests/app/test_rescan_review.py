"""rescan (idempotent, counts changed verdicts), review labels and queue, rule precision."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select, update

from commentwatch.rescan import rescan
from pipeline.analysis import analyze
from pipeline.store import models as m
from pipeline.store.records import CommentRecord
from pipeline.store.reviews import add_review, review_queue, rule_precision
from pipeline.store.writer import save_comments
from tests.helpers import run_cli

T0 = datetime(2026, 2, 1, tzinfo=UTC)
TEXTS = {
    "scam": "I was cured of herpes by Dr Ayo's herbal medicine. Contact him on "
            "drayoherbalhome@gmail.com or WhatsApp +2348035550199 for your cure.",
    "ham": "My oncologist explained the side effects of Herceptin very clearly, thank you.",
    "maybe": "Herbal remedies cured my cousin's eczema, ask me how.",
}


def _fill(database) -> dict[str, int]:
    records = [CommentRecord(site="blog", page_url="https://blog.example/a", external_id=key,
                             text=text, analysis=analyze(text), seen_at=T0)
               for key, text in TEXTS.items()]
    with database.sessions.begin() as s:
        save_comments(s, records)
    with database.sessions() as s:
        return dict(s.execute(select(m.Comment.external_id, m.Comment.id)).all())


def test_rescan_restores_verdicts_and_is_idempotent(database) -> None:
    ids = _fill(database)
    with database.sessions.begin() as s:
        # Pretend an older ruleset judged the scam comment ok.
        s.execute(update(m.Verdict).where(m.Verdict.comment_id == ids["scam"])
                  .values(verdict="ok", ruleset_version="old"))
    first = rescan(database, workers=1)
    assert first.analysed == 3
    assert first.changed == 1
    assert first.transitions[("ok", "scam")] == 1
    second = rescan(database, workers=2)
    assert (second.analysed, second.changed) == (3, 0)
    with database.sessions() as s:
        assert s.scalar(select(func.count()).select_from(m.Verdict)) == 3
        assert s.get(m.Verdict, ids["scam"]).verdict == "scam"
    assert rescan(database, site="no-such-site", workers=1).analysed == 0


def test_reviews_queue_and_rule_precision(database) -> None:
    ids = _fill(database)
    with database.sessions.begin() as s:
        s.execute(update(m.Verdict).where(m.Verdict.comment_id == ids["maybe"])
                  .values(verdict="suspicious", score=20,
                          reasons=[{"rule": "CURE_CLAIM", "weight": 20, "evidence": "cured"}]))
    with database.sessions() as s:
        queue = review_queue(s)
    assert [e.comment_id for e in queue] == [ids["maybe"]]
    with database.sessions.begin() as s:
        add_review(s, ids["maybe"], "ham", reviewer="ana", note="a family story")
        add_review(s, ids["scam"], "scam", reviewer="ana")
    with database.sessions() as s:
        assert review_queue(s) == []
        table = rule_precision(s)
    assert table.reviewed_comments == 2
    cure = next(r for r in table.rules if r.rule == "CURE_CLAIM")
    assert (cure.right, cure.wrong, cure.precision) == (0, 1, 0.0)
    assert any(r.right >= 1 and r.precision == 1.0 for r in table.rules)


def test_review_cli_rejects_bad_ids(sqlite_url: str) -> None:
    result = run_cli("review", "999", "--label", "scam", "--db", sqlite_url)
    assert result.returncode != 0
    assert "no comment with id 999" in result.stderr
    result = run_cli("eval", "--reviews", "--db", sqlite_url)
    assert result.returncode == 0
    assert "no reviewed comment" in result.stdout
