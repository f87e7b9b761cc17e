"""Linking-state tables of migration 0003, as SQLAlchemy Core tables.

``campaigns`` and ``campaign_members`` are the public result (models.py); these three hold
what incremental linking needs to continue where it stopped:

- ``campaign_links``: per link key, its representative (earliest) comment and campaign.
  Every comment carrying a key is in the representative's campaign, so one primary-key
  lookup per key finds the campaign a new comment joins.
- ``campaign_bands``: per MinHash LSH band value, its representative comment; a new
  comment is compared with these representatives only.
- ``campaign_inputs``: per linked comment, a fingerprint of what decided its links (to
  notice edits and verdict changes) and its persona names (for labels).

They are defined here, not in models.py, because only this package reads or writes them.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, MetaData, SmallInteger, String, Table, Text

from pipeline.store.models import BigId

__all__ = ["campaign_bands", "campaign_inputs", "campaign_links"]

_metadata = MetaData()

campaign_links = Table(
    "campaign_links",
    _metadata,
    Column("key", String(300), primary_key=True),
    Column("comment_id", BigId, nullable=False),
    Column("campaign_id", String(64), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    Column("rank", SmallInteger, nullable=False),
)

campaign_bands = Table(
    "campaign_bands",
    _metadata,
    Column("band", BigInteger, primary_key=True, autoincrement=False),
    Column("comment_id", BigId, nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

campaign_inputs = Table(
    "campaign_inputs",
    _metadata,
    Column("comment_id", BigId, primary_key=True),
    Column("fingerprint", String(40), nullable=False),
    Column("personas", Text),
)
