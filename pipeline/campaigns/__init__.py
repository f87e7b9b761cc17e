"""Campaigns: link the comments of one actor (shared contacts, near-identical text).

Pure logic on plain dataclasses: :mod:`.keys` (what a link is), :mod:`.shared_infra` (what
is not), :mod:`.persona` (healer names), :mod:`.similarity` (MinHash LSH), :mod:`.linking`
(union-find and the rules). The database side is :mod:`pipeline.store.campaigns`.

Which comments are linked: those judged ``scam`` or ``spam``. A ``suspicious`` or ``ok``
comment that carries a campaign's number is usually a victim's warning ("+234… took my
money, avoid") or a question about it; making it a member would let one warning listing
two scammers' numbers merge two operations, and would count warnings as live scam
comments in takedown lists. Such comments stay out of campaigns and remain visible per
contact in the ``contact_sightings`` view (with an empty ``campaign_id``). A rescan that
raises one to scam/spam links it on the next incremental relink.
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
