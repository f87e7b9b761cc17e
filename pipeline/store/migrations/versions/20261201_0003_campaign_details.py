"""campaign linking state: link keys, LSH bands and per-comment inputs

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:05:00

Incremental campaign linking keeps, per link key and per LSH band, the earliest comment
that carries it (its representative), so a new comment finds its campaign by primary-key
lookups instead of scanning old comments. See pipeline/store/campaigns/__init__.py.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "campaign_links",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("comment_id", BigId, nullable=False),
        sa.Column("campaign_id", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rank", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"],
                                name=op.f("fk_campaign_links_comment_id_comments"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_campaign_links")),
    )
    op.create_index(op.f("ix_campaign_links_comment_id"), "campaign_links", ["comment_id"])
    op.create_index("ix_campaign_links_campaign_anchor", "campaign_links",
                    ["campaign_id", "seen_at", "rank", "key"])
    op.create_table(
        "campaign_bands",
        sa.Column("band", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("comment_id", BigId, nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"],
                                name=op.f("fk_campaign_bands_comment_id_comments"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band", name=op.f("pk_campaign_bands")),
    )
    op.create_index(op.f("ix_campaign_bands_comment_id"), "campaign_bands", ["comment_id"])
    op.create_table(
        "campaign_inputs",
        sa.Column("comment_id", BigId, nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("personas", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"],
                                name=op.f("fk_campaign_inputs_comment_id_comments"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("comment_id", name=op.f("pk_campaign_inputs")),
    )


def downgrade() -> None:
    op.drop_table("campaign_inputs")
    op.drop_index(op.f("ix_campaign_bands_comment_id"), table_name="campaign_bands")
    op.drop_table("campaign_bands")
    op.drop_index("ix_campaign_links_campaign_anchor", table_name="campaign_links")
    op.drop_index(op.f("ix_campaign_links_comment_id"), table_name="campaign_links")
    op.drop_table("campaign_links")
