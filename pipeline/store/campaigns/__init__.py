"""Campaigns in the database: incremental linking state, relinking, and queries.

Usage::

    relink_incremental(session, stats.new_comment_ids + stats.changed_comment_ids)
    relink_all(session)                 # `commentwatch campaigns relink`
    campaign_rows(session)              # by live comment count
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
