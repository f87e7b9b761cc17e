"""Campaigns: link the comments of one actor (shared contacts, near-identical text).

Pure logic on plain dataclasses: :mod:`.keys` (what a link is), :mod:`.shared_infra` (what
is not), :mod:`.persona` (healer names), :mod:`.similarity` (MinHash LSH), :mod:`.linking`
(union-find). The database side is :mod:`pipeline.store.campaigns`.
"""

from __future__ import annotations

from pipeline.campaigns.keys import LinkContact, link_keys
from pipeline.campaigns.linking import (
    Cluster,
    LinkConfig,
    LinkInput,
    campaign_id,
    link_comments,
)
from pipeline.campaigns.persona import Persona, find_personas

__all__ = [
    "Cluster",
    "LinkConfig",
    "LinkContact",
    "LinkInput",
    "Persona",
    "campaign_id",
    "find_personas",
    "link_comments",
    "link_keys",
]
