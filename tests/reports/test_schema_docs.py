"""docs/schema.md documents every table, column and view, and its examples run on both engines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import inspect

from commentwatch.cli.query import run_query

DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"
_SECTION = re.compile(r"^### `(\w+)`\n(.*?)(?=^### |^## |\Z)", re.MULTILINE | re.DOTALL)
_EXAMPLE = re.compile(r"^### (\d+)\. (.+?)\n.*?```sql\n(.*?)```", re.MULTILINE | re.DOTALL)


def _sections() -> dict[str, str]:
    return {m.group(1): m.group(2) for m in _SECTION.finditer(DOC.read_text("utf-8"))}


def test_every_table_view_and_column_is_documented(loaded) -> None:  # type: ignore[no-untyped-def]
    sections = _sections()
    inspector = inspect(loaded.db.engine)
    names = inspector.get_table_names() + inspector.get_view_names()
    assert {"flagged_comments", "contact_sightings", "campaign_summary"} <= set(names)
    missing = []
    for name in names:
        if name not in sections:
            missing.append(name)
            continue
        missing += [f"{name}.{c['name']}" for c in inspector.get_columns(name)
                    if f"| `{c['name']}` |" not in sections[name]]
    assert not missing, f"undocumented in docs/schema.md: {missing}"


def _examples() -> list[tuple[str, str]]:
    return [(m.group(2), m.group(3)) for m in _EXAMPLE.finditer(DOC.read_text("utf-8"))]


def test_there_are_at_least_five_examples() -> None:
    assert len(_examples()) >= 5


@pytest.mark.parametrize(("question", "sql"), _examples(), ids=[q for q, _ in _examples()])
def test_example_runs(loaded, question: str, sql: str) -> None:  # type: ignore[no-untyped-def]
    columns, rows = run_query(loaded.db.url, sql)
    rows = list(rows)
    assert columns
    if question.startswith(("Every site", "The most active", "Which diseases", "Evidence")):
        assert rows, question
    if question.startswith("Evidence"):
        assert all(raw == evidence for _id, _kind, raw, evidence in rows)


def test_campaign_summary_view(loaded) -> None:  # type: ignore[no-untyped-def]
    columns, rows = run_query(loaded.db.url, "SELECT * FROM campaign_summary")
    (row,) = [dict(zip(columns, r, strict=True)) for r in rows]
    assert row["campaign_id"] == "cmp-ade"
    assert (row["comments"], row["live_comments"], row["sites"]) == (3, 2, 2)
    assert (row["contacts"], row["diseases"]) == (3, 3)
    # Posted two hours before we first saw the earliest member (c2, 2026-11-10 12:00).
    assert str(row["online_since"]).startswith("2026-11-10 10:00")


def test_contact_sightings_view(loaded) -> None:  # type: ignore[no-untyped-def]
    _columns, rows = run_query(
        loaded.db.url,
        "SELECT value, site, live, verdict FROM contact_sightings "
        "WHERE kind = 'email' ORDER BY comment_id")
    assert [tuple(r) for r in rows] == [
        ("dr.ade@herbal-cure.example", "goodhealth", 1, "scam"),
        ("dr.ade@herbal-cure.example", "goodhealth", 0, "scam"),
    ]
