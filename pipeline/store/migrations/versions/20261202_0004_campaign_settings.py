"""campaign linking settings: the knobs the stored linking state was built with

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 01:00:00

``commentwatch campaigns relink --threshold X`` rebuilds the linking state with new knobs
and records them here; incremental linking after each crawl reads them back, so it keeps
agreeing with a relink from scratch. No row means the defaults.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign_settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True),
                  server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_campaign_settings")),
    )


def downgrade() -> None:
    op.drop_table("campaign_settings")
