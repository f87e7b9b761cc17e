"""Persist one linked batch: memberships, merges, representatives, labels.

Merging two campaigns renames the absorbed one's rows (members and link keys) to the
surviving id, the one derived from the earlier anchor, so a merge costs in proportion to
the smaller side's rows, never to the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from pipeline.campaigns.linking import Features, UnionFind, anchor_rank, campaign_id, label_for
from pipeline.campaigns.persona import Persona
from pipeline.store import models as m
from pipeline.store.campaigns.inputs import chunks, utc
from pipeline.store.campaigns.tables import campaign_bands, campaign_inputs, campaign_links

__all__ = ["Written", "refresh", "write_groups"]


@dataclass(frozen=True, slots=True)
class Written:
    """What :func:`write_groups` did."""

    anchors: dict[str, str]
    """Campaign id -> anchor key of every campaign the batch touched."""
    created: int
    merged: int


def write_groups(session: Session, feats: list[Features], uf: UnionFind,
                 new_keys: dict[str, Features], new_bands: dict[int, Features],
                 takeovers: dict[str, Features]) -> Written:
    """Write memberships, merges and new representatives of one linked batch."""
    created = merged = 0
    groups = [g for g in uf.groups().values() if any(isinstance(n, int) for n in g)]
    olds = sorted({n[1] for g in groups for n in g if isinstance(n, tuple)})  # type: ignore[index]
    anchors = _stored_anchors(session, olds)
    key_roots: dict[object, list[tuple[datetime, int, str]]] = {}
    for key, rep in [*new_keys.items(), *takeovers.items()]:
        key_roots.setdefault(uf.find(rep.comment_id), []).append(
            (rep.seen_at, anchor_rank(key), key))
    for key, rep in takeovers.items():
        session.execute(update(campaign_links).where(campaign_links.c.key == key)
                        .values(comment_id=rep.comment_id, seen_at=rep.seen_at))
    now = datetime.now(UTC)
    group_of: dict[int, str] = {}
    group_anchor: dict[str, str] = {}
    for group in groups:
        old_ids = sorted(n[1] for n in group if isinstance(n, tuple))  # type: ignore[index]
        candidates = [anchors[o] for o in old_ids if o in anchors]
        candidates += key_roots.get(uf.find(group[0]), [])
        anchor = min(candidates)[2]
        new_id = campaign_id(anchor)
        group_anchor[new_id] = anchor
        if new_id not in old_ids:
            session.execute(insert(m.Campaign).values(id=new_id, label="", updated_at=now))
            created += not old_ids
        for old in old_ids:
            if old == new_id:
                continue
            session.execute(update(m.CampaignMember).where(m.CampaignMember.campaign_id == old)
                            .values(campaign_id=new_id))
            session.execute(update(campaign_links).where(campaign_links.c.campaign_id == old)
                            .values(campaign_id=new_id))
            session.execute(delete(m.Campaign).where(m.Campaign.id == old))
            merged += 1
        for node in group:
            if isinstance(node, int):
                group_of[node] = new_id
    _insert_rows(session, m.CampaignMember.__table__,
                 [{"comment_id": f.comment_id, "campaign_id": group_of[f.comment_id]}
                  for f in feats])
    _insert_rows(session, campaign_links,
                 [{"key": k, "comment_id": r.comment_id, "campaign_id": group_of[r.comment_id],
                   "seen_at": r.seen_at, "rank": anchor_rank(k)} for k, r in new_keys.items()])
    _insert_rows(session, campaign_bands,
                 [{"band": b, "comment_id": r.comment_id, "seen_at": r.seen_at}
                  for b, r in new_bands.items()])
    _insert_rows(session, campaign_inputs,
                 [{"comment_id": f.comment_id, "fingerprint": f.fingerprint(),
                   "personas": _dump_personas(f.personas)} for f in feats])
    return Written(group_anchor, created, merged)


def _insert_rows(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    for chunk in chunks(rows, 1000):
        session.execute(insert(table), chunk)


def _stored_anchors(session: Session, camp_ids: list[str]) -> dict[str, tuple[datetime, int, str]]:
    best: dict[str, tuple[datetime, int, str]] = {}
    for chunk in chunks(camp_ids):
        rows = session.execute(
            select(campaign_links.c.campaign_id, campaign_links.c.seen_at,
                   campaign_links.c.rank, campaign_links.c.key)
            .where(campaign_links.c.campaign_id.in_(chunk)))
        for camp, seen, rank, key in rows:
            candidate = (utc(seen), rank, key)
            if camp not in best or candidate < best[camp]:
                best[camp] = candidate
    return best


def _dump_personas(personas: Sequence[Persona]) -> str | None:
    return "\n".join(f"{p.key}\t{p.display}" for p in personas) or None


def _load_personas(raw: str | None) -> list[Persona]:
    out = []
    for line in (raw or "").splitlines():
        key, _, display = line.partition("\t")
        out.append(Persona(key=key, display=display))
    return out


def refresh(session: Session, anchors: dict[str, str], now: datetime) -> None:
    """Recompute label and first/last seen of the campaigns a batch touched."""
    ids = sorted(anchors)
    personas: dict[str, list[Persona]] = {i: [] for i in ids}
    times: dict[str, tuple[datetime, datetime]] = {}
    for chunk in chunks(ids):
        rows = session.execute(
            select(m.CampaignMember.campaign_id, campaign_inputs.c.personas)
            .join(campaign_inputs,
                  campaign_inputs.c.comment_id == m.CampaignMember.comment_id)
            .where(m.CampaignMember.campaign_id.in_(chunk),
                   campaign_inputs.c.personas.is_not(None)))
        for camp, raw in rows:
            personas[camp].extend(_load_personas(raw))
        spans = session.execute(
            select(m.CampaignMember.campaign_id, func.min(m.Comment.first_seen_at),
                   func.max(m.Comment.last_seen_at))
            .join(m.Comment, m.Comment.id == m.CampaignMember.comment_id)
            .where(m.CampaignMember.campaign_id.in_(chunk))
            .group_by(m.CampaignMember.campaign_id))
        times.update({camp: (first, last) for camp, first, last in spans})
    values = [
        {"b_id": i, "b_label": label_for(personas[i], anchors[i])[:500],
         "b_first": times[i][0], "b_last": times[i][1], "b_now": now}
        for i in ids if i in times
    ]
    stmt = (update(m.Campaign.__table__).where(m.Campaign.__table__.c.id == bindparam("b_id"))
            .values(label=bindparam("b_label"), first_seen_at=bindparam("b_first"),
                    last_seen_at=bindparam("b_last"), updated_at=bindparam("b_now")))
    for chunk in chunks(values, 1000):
        session.connection().execute(stmt, chunk)
