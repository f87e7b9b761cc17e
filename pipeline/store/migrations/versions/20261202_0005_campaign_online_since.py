"""campaign_summary gains online_since: when the campaign's earliest comment went online

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 01:30:00

Scam comments sit for years before a first crawl finds them, so "since when" is the
earliest posting date the pages give, or our first sighting where they give none or a
later one (the rule of pipeline/store/expressions.py, written out here so this migration
stays as it was). The view is replaced whole; its other columns are those of 0002, whose
definition is read from that migration rather than copied.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_LAST_COLUMN = "       MAX(c.last_seen_at) AS last_comment_seen_at\n"
_ONLINE_SINCE = """\
       MIN(CASE WHEN c.posted_at < c.first_seen_at THEN c.posted_at
                ELSE c.first_seen_at END) AS online_since,
"""


def _summary_0002() -> str:
    path = Path(__file__).with_name("20261201_0002_analyst_views.py")
    spec = importlib.util.spec_from_file_location("_commentwatch_migration_0002", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sql: str = module.CAMPAIGN_SUMMARY
    if _LAST_COLUMN not in sql:
        raise RuntimeError("migration 0002's campaign_summary is not the one 0005 extends")
    return sql


def upgrade() -> None:
    op.execute("DROP VIEW IF EXISTS campaign_summary")
    op.execute(_summary_0002().replace(_LAST_COLUMN, _ONLINE_SINCE + _LAST_COLUMN))


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS campaign_summary")
    op.execute(_summary_0002())
