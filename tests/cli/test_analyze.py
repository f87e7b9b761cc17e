"""`commentwatch analyze --jsonl`: the contract of DESIGN.md, bad lines, --store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from pipeline.store import models as m
from tests.helpers import ROOT, run_cli

SEED = ROOT.parent / "shared" / "seed" / "her2-article-with-comment.txt"
BUNDLED_SEED_PAGE = ROOT / "commentwatch" / "demo_site" / "health" / "her2-positive-breast-cancer"


def seed_comment() -> str:
    """The seed's comment: everything after the second 'mary john' line."""
    if SEED.exists():
        text = SEED.read_text(encoding="utf-8")
        return text.split("mary john\nmary john\n", 1)[1].strip()
    from parsel import Selector

    page = Selector(text=(BUNDLED_SEED_PAGE / "index.html").read_text(encoding="utf-8"))
    from pipeline.text import html_to_text

    return html_to_text(page.css("#comment-101 .comment-content").get())


def _analyze(records: list[object], *args: str):
    lines = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"
    return run_cli("analyze", "--jsonl", "-", *args, input_text=lines)


def test_seed_comment_is_scam_with_exact_contacts() -> None:
    text = seed_comment()
    result = _analyze([{"id": "seed", "text": text}])
    assert result.returncode == 0, result.stderr
    (out,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert out["id"] == "seed"
    assert out["verdict"] == "scam"
    assert set(out) == {"id", "verdict", "score", "contacts", "claims", "reasons"}
    found = sorted((c["kind"], c["value"]) for c in out["contacts"])
    assert found == sorted([
        ("email", "drosohaberhome@gmail.com"),
        ("email", "maryjohnson9700@gmail.com"),
        ("phone", "+2348162084839"),
        ("url", "https://drosohaberhome.blogspot.com/"),
    ])
    phone = next(c for c in out["contacts"] if c["kind"] == "phone")
    assert phone["channels"] == ["whatsapp"]
    for contact in out["contacts"]:
        assert text[contact["start"]:contact["end"]] == contact["raw"]
        assert set(contact) == {"kind", "value", "raw", "start", "end", "obfuscated", "channels"}
    assert any(claim["disease"] == "breast cancer" for claim in out["claims"])
    assert all(set(r) == {"rule", "weight", "evidence"} for r in out["reasons"])
    assert out["score"] > 0


def test_malformed_lines_are_named_and_the_rest_processed() -> None:
    result = _analyze([
        {"id": "a", "text": "Thanks for the clear article."},
        "{not json",
        {"id": "c"},
        {"id": "d", "text": "Great read", "region": "Nigeria"},
        {"id": "e", "text": "<p>Call me on <b>+1 212 555 0199</b></p>", "html": True},
    ])
    assert result.returncode == 1
    assert "line 2" in result.stderr
    assert "line 3" in result.stderr
    assert "line 4" in result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 5
    assert outputs[0]["id"] == "a"
    assert outputs[0]["verdict"] == "ok"
    assert [o.get("line") for o in outputs[1:4]] == [2, 3, 4]
    assert all("error" in o for o in outputs[1:4])
    html_out = outputs[4]
    assert html_out["text"] == "Call me on +1 212 555 0199"
    for contact in html_out["contacts"]:
        assert html_out["text"][contact["start"]:contact["end"]] == contact["raw"]


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_store_saves_records_idempotently(engine_name: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("sqlite_url" if engine_name == "sqlite" else "pg_url")
    records = [
        {"id": "c1", "text": seed_comment(), "author": "mary john",
         "url": "https://news.example.org/her2/", "page_title": "HER2"},
        {"id": "c2", "text": "Very helpful, thank you.", "author": "Ann",
         "url": "https://news.example.org/her2/"},
        {"id": "c3", "text": "Where can I read more?", "url": "https://other.example.net/a"},
    ]
    for _ in range(2):
        result = _analyze(records, "--store", "--db", url)
        assert result.returncode == 0, result.stderr
    engine = create_engine(url)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Comment)) == 3
        assert s.scalar(select(func.count()).select_from(m.Site)) == 2
        comment = s.scalars(select(m.Comment).where(m.Comment.external_id == "c1")).one()
        assert comment.author == "mary john"
        verdict = s.get(m.Verdict, comment.id)
        assert verdict is not None
        assert verdict.verdict == "scam"
        assert s.scalar(select(func.count()).select_from(m.Contact)) == 4
    engine.dispose()


def test_analyze_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "hello"}) + "\n\n", encoding="utf-8")
    result = run_cli("analyze", "--jsonl", str(path))
    assert result.returncode == 0
    assert json.loads(result.stdout)["id"] is None


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_store_links_comments_of_one_posting_account(
    engine_name: str, request: pytest.FixtureRequest,
) -> None:
    url = request.getfixturevalue("sqlite_url" if engine_name == "sqlite" else "pg_url")
    seller = "https://github.com/promo-seller"
    records = [
        {"id": "a1", "author_url": seller, "url": "https://forum.example.org/t/1",
         "text": "My HIV was cured by Dr Zubi's herbal medicine, WhatsApp him +2348011112222"},
        {"id": "a2", "author_url": seller, "url": "https://forum.example.org/t/2",
         "text": "Herbal cure for diabetes that worked for me: email drkalu.cure@gmail.com"},
        {"id": "b1", "author_url": "https://github.com/someone-else",
         "url": "https://forum.example.org/t/3",
         "text": "Dr Ojo cured my herpes with roots and herbs, call +2348099998888"},
    ]
    result = _analyze(records, "--store", "--db", url)
    assert result.returncode == 0, result.stderr
    engine = create_engine(url)
    with Session(engine) as s:
        stored = s.scalars(select(m.Comment)).all()
        assert {c.external_id: c.author_url for c in stored}["a1"] == seller
        campaign_of = dict(s.execute(
            select(m.Comment.external_id, m.CampaignMember.campaign_id)
            .join(m.CampaignMember, m.CampaignMember.comment_id == m.Comment.id)).all())
    engine.dispose()
    assert set(campaign_of) == {"a1", "a2", "b1"}
    assert campaign_of["a1"] == campaign_of["a2"] != campaign_of["b1"]


def test_hostile_author_urls_are_kept_inert(sqlite_url: str) -> None:
    """Attacker-written profile links: huge, script URLs, terminal escapes, wrong types."""
    text = "Dr Zubi's herbs cured my HIV, WhatsApp him +2348011112222"
    records = [
        {"id": "x1", "text": text, "author_url": "https://evil.example/" + "a" * 1_000_000},
        {"id": "x2", "text": text, "author_url": "javascript:alert(document.cookie)"},
        {"id": "x3", "text": text, "author_url": "https://x.example/\x1b[31m\u202e"},
        {"id": "x4", "text": text, "author_url": ["not", "a", "string"]},
    ]
    result = _analyze(records, "--store", "--db", sqlite_url)
    assert result.returncode == 1  # the one malformed line
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("verdict") for o in outputs[:3]] == ["scam"] * 3
    assert "'author_url' must be a string" in outputs[3]["error"]
    listed = run_cli("campaigns", "--db", sqlite_url)
    shown = run_cli("campaigns", "--json", "--db", sqlite_url)
    assert listed.returncode == shown.returncode == 0
    assert "\x1b" not in listed.stdout
    assert "javascript:" not in listed.stdout
    assert len(listed.stdout) < 20_000  # a megabyte-long link is cut, not printed
