"""Campaigns in the database: incremental linking state, relinking, and queries.

Usage::

    relink_incremental(session, stats.new_comment_ids + stats.changed_comment_ids)
    relink_all(session)                 # `commentwatch campaigns relink`
    campaign_rows(session)              # by live comment count

Design of incremental linking (migration 0003). Rather than a persisted LSH index or
per-comment signatures, the database keeps, for every link key and every LSH band value,
its *representative*: the earliest comment carrying it (``campaign_links``,
``campaign_bands``, one row per distinct key or band, primary key on the value). A new
comment joins the campaign of each key it shares (one primary-key lookup per key) and is
compared, by exact shingle Jaccard, with the representative of each of its bands (one
lookup per band, then that comment's text). The cost of a relink therefore grows with the
new comments and the campaigns they touch, not with the database. The in-memory linker
(:func:`pipeline.campaigns.link_comments`) uses the same representatives, so incremental
batches, a relink from scratch (:func:`relink_all`, which feeds every linked comment
through the same code, earliest first) and the in-memory result agree; tests check it.

Exact for additions, which is what crawls produce. An edited or re-judged comment
dissolves its campaign and relinks the members; a brand-new comment older than stored
representatives (a back-filled import) triggers a full relink. Relinks take a lock
(PostgreSQL advisory lock; SQLite write lock) so concurrent crawl workers serialise.
"""

from __future__ import annotations

from pipeline.store.campaigns.queries import (
    CampaignDetail,
    CampaignMemberRow,
    CampaignRow,
    campaign_count,
    campaign_detail,
    campaign_members,
    campaign_rows,
)
from pipeline.store.campaigns.relink import RelinkStats, relink_all, relink_incremental

__all__ = [
    "CampaignDetail",
    "CampaignMemberRow",
    "CampaignRow",
    "RelinkStats",
    "campaign_count",
    "campaign_detail",
    "campaign_members",
    "campaign_rows",
    "relink_all",
    "relink_incremental",
]
