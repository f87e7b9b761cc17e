"""`commentwatch demo` end to end: real HTTP crawl of the bundled site into SQLite/PostgreSQL.

The bundled site's manifest is the ground truth: every comment with author, date, page and
external id; running the demo twice leaves the same rows.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from commentwatch.siteserver import demo_site_dir
from pipeline.store import models as m
from tests.helpers import run_cli

pytestmark = pytest.mark.slow

MANIFEST = json.loads((demo_site_dir() / "manifest.json").read_text(encoding="utf-8"))


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with Session(engine) as s:
            return {model.__tablename__: s.scalar(select(func.count()).select_from(model))
                    for model in (m.Site, m.Page, m.Comment, m.Contact, m.CommentContact,
                                  m.Verdict)}
    finally:
        engine.dispose()


def _run_demo(url: str, out: Path) -> str:
    result = run_cli("demo", "--db", url, "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_demo_crawls_stores_and_reports(engine_name: str, request: pytest.FixtureRequest,
                                        tmp_path: Path) -> None:
    url = request.getfixturevalue("sqlite_url" if engine_name == "sqlite" else "pg_url")
    out = _run_demo(url, tmp_path / "report")
    assert "pages crawled" in out
    assert (tmp_path / "report").is_dir()
    written = sorted(p.suffix for p in (tmp_path / "report").rglob("*") if p.is_file())
    assert ".html" in written
    assert ".md" in written

    engine = create_engine(url)
    with Session(engine) as s:
        rows = s.execute(select(m.Comment, m.Page.url).join(m.Page, m.Page.id == m.Comment.page_id)).all()
        stored = {(c.external_id): (c, page_url) for c, page_url in rows}
        verdicts = dict(s.execute(select(m.Comment.external_id, m.Verdict.verdict)
                                  .join(m.Verdict, m.Verdict.comment_id == m.Comment.id)).all())
    engine.dispose()

    expected = {c["external_id"]: c for c in MANIFEST["comments"]}
    assert set(stored) == set(expected)
    for external_id, truth in expected.items():
        comment, page_url = stored[external_id]
        assert page_url.endswith(truth["article"]), external_id
        assert comment.author == truth["author"], external_id
        assert comment.parent_external_id == truth["parent_id"], external_id
        posted = datetime.fromisoformat(truth["posted_at"])
        assert comment.posted_at is not None
        assert comment.posted_at.replace(tzinfo=None) == posted.replace(tzinfo=None), external_id
        assert comment.text.strip()
    # The seed comment is a scam.
    assert verdicts["101"] == "scam"

    before = _counts(url)
    _run_demo(url, tmp_path / "report2")
    assert _counts(url) == before
