"""Link stored comments into campaigns, incrementally or from scratch.

Incremental linking (after every crawl batch or ``analyze --store``) costs in proportion to
the new comments: each new comment's link keys and LSH bands are looked up by primary key
in ``campaign_links``/``campaign_bands`` (their representative, i.e. earliest, comment and
its campaign), only those representatives' texts are read to confirm near-duplicates, and
campaigns are merged by renaming their rows. :func:`relink_all` clears the state and feeds
every linked comment through the same code, earliest first, in batches: so a relink from
scratch and a history of incremental relinks give the same campaigns (tests check this
against the in-memory linker of :mod:`pipeline.campaigns.linking`).

Edits and verdict changes dissolve the campaigns of the changed comments and link their
members again. A comment that predates representatives already stored (a back-filled
import) would change past decisions, so it triggers a relink from scratch instead.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from pipeline.campaigns.linking import (
    Features,
    LinkConfig,
    UnionFind,
    compute_features,
    near_duplicate,
)
from pipeline.store import models as m
from pipeline.store.campaigns.inputs import chunks, load_comments, participating_ids, utc
from pipeline.store.campaigns.settings import load_config, save_config
from pipeline.store.campaigns.tables import campaign_bands, campaign_inputs, campaign_links
from pipeline.store.campaigns.writes import refresh, write_groups

__all__ = ["RelinkStats", "relink_all", "relink_incremental"]

logger = logging.getLogger(__name__)

#: Comments whose features are computed and linked together (incremental, full relink).
BATCH = 5000
FULL_BATCH = 20000
#: PostgreSQL advisory-lock key of campaign linking ("cwca").
_LOCK_KEY = 0x63776361


@dataclass(slots=True)
class RelinkStats:
    """What one relink did (logged by the CLI and the crawler)."""

    examined: int = 0
    linked: int = 0
    """Comments that became campaign members."""
    unchanged: int = 0
    created: int = 0
    """Campaigns that did not exist before."""
    merged: int = 0
    """Campaigns absorbed into another one."""
    dissolved: int = 0
    """Campaigns re-linked because a member was edited or re-judged."""
    full: bool = False
    """True when everything was relinked from scratch."""


class _Backfill(Exception):
    """A comment predates stored representatives: only a full relink is exact."""


def relink_all(session: Session, config: LinkConfig | None = None, *,
               batch: int = FULL_BATCH) -> RelinkStats:
    """Rebuild every campaign from scratch (``commentwatch campaigns relink``).

    Args:
        session: an open session; the caller commits.
        config: linking knobs; recorded for later incremental relinks. ``None``: keep the
            knobs the current state was built with (:mod:`.settings`).
        batch: comments linked per step (bounds memory).
    """
    _lock(session)
    config = config or load_config(session)
    stats = RelinkStats(full=True)
    for table in (campaign_bands, campaign_links, campaign_inputs):
        session.execute(delete(table))
    save_config(session, config)
    session.execute(delete(m.CampaignMember))
    session.execute(delete(m.Campaign))
    ids = participating_ids(session, config.verdicts)
    touched: dict[str, str] = {}
    cache = _RepCache()
    for chunk in chunks(ids, batch):
        loaded = load_comments(session, chunk)  # type: ignore[arg-type]
        feats = [compute_features(loaded[cid].item, config) for cid in chunk if cid in loaded]
        stats.examined += len(feats)
        _add(session, feats, config, stats, touched=touched, cache=cache)
    # Labels and first/last seen once at the end, for the campaigns that survived merges.
    alive = set(session.execute(select(m.Campaign.id)).scalars())
    refresh(session, {cid: a for cid, a in touched.items() if cid in alive},
             datetime.now(UTC))
    logger.info("relinked %d comments into campaigns from scratch", stats.examined)
    return stats


def relink_incremental(session: Session, comment_ids: Sequence[int],
                       config: LinkConfig | None = None, *, batch: int = BATCH) -> RelinkStats:
    """Link new, edited or re-judged comments into the existing campaigns.

    Args:
        session: an open session; the caller commits.
        comment_ids: the comments saved since the last relink (others are untouched).
        config: linking knobs; ``None`` (the normal case): those the stored state was
            built with. Others would disagree with that state.
        batch: comments linked per step.
    """
    _lock(session)
    config = config or load_config(session)
    stats = RelinkStats()
    ordered = _in_seen_order(session, sorted(set(comment_ids)))
    try:
        for chunk in chunks(ordered, batch):
            _incremental(session, chunk, config, stats)  # type: ignore[arg-type]
    except _Backfill as exc:
        logger.warning("comment %s predates linked comments: relinking from scratch", exc)
        return relink_all(session, config)
    logger.info("linked %d of %d comments (%d unchanged), %d campaigns new, %d merged",
                stats.linked, stats.examined, stats.unchanged, stats.created, stats.merged)
    return stats


def _lock(session: Session) -> None:
    """Serialise relinks: concurrent crawl workers would race for the same new keys.

    PostgreSQL: a transaction-scoped advisory lock, released at commit. SQLite: a write
    that changes nothing takes the database's write lock now, before anything is read
    (the driver would otherwise read outside the transaction until the first write).
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    elif dialect == "sqlite":
        session.execute(delete(campaign_inputs).where(campaign_inputs.c.comment_id < 0))


def _in_seen_order(session: Session, ids: list[int]) -> list[int]:
    found: list[tuple[datetime, int]] = []
    for chunk in chunks(ids):
        rows = session.execute(
            select(m.Comment.first_seen_at, m.Comment.id).where(m.Comment.id.in_(chunk)))
        found.extend((utc(seen), cid) for seen, cid in rows)
    return [cid for _, cid in sorted(found)]


def _incremental(session: Session, ids: list[int], config: LinkConfig,
                 stats: RelinkStats) -> None:
    loaded = load_comments(session, ids)
    known: dict[int, str] = {}
    for chunk in chunks(ids):
        known.update(session.execute(
            select(campaign_inputs.c.comment_id, campaign_inputs.c.fingerprint)
            .where(campaign_inputs.c.comment_id.in_(chunk))).all())
    add: list[Features] = []
    changed: list[int] = []
    for cid in ids:
        stored = loaded.get(cid)
        if stored is None or stored.verdict not in config.verdicts:
            if cid in known:
                changed.append(cid)
            continue
        stats.examined += 1
        feats = compute_features(stored.item, config)
        if cid in known:
            if known[cid] == feats.fingerprint():
                stats.unchanged += 1
                continue
            changed.append(cid)
        add.append(feats)
    if changed:
        add.extend(_dissolve(session, changed, {f.comment_id for f in add}, config, stats))
    _add(session, add, config, stats, strict=not changed)


def _dissolve(session: Session, changed: list[int], adding: set[int], config: LinkConfig,
              stats: RelinkStats) -> list[Features]:
    """Delete the campaigns of changed comments; return their other members' features."""
    camp_ids: set[str] = set()
    for chunk in chunks(changed):
        camp_ids.update(session.execute(
            select(m.CampaignMember.campaign_id)
            .where(m.CampaignMember.comment_id.in_(chunk))).scalars())
    members: set[int] = set()
    for chunk in chunks(sorted(camp_ids)):
        members.update(session.execute(
            select(m.CampaignMember.comment_id)
            .where(m.CampaignMember.campaign_id.in_(chunk))).scalars())
    gone = sorted(members | set(changed))
    for chunk in chunks(gone):
        session.execute(delete(campaign_bands).where(campaign_bands.c.comment_id.in_(chunk)))
        session.execute(delete(campaign_inputs).where(campaign_inputs.c.comment_id.in_(chunk)))
    for chunk in chunks(sorted(camp_ids)):
        session.execute(delete(campaign_links).where(campaign_links.c.campaign_id.in_(chunk)))
        session.execute(delete(m.CampaignMember).where(m.CampaignMember.campaign_id.in_(chunk)))
        session.execute(delete(m.Campaign).where(m.Campaign.id.in_(chunk)))
    stats.dissolved += len(camp_ids)
    again = sorted(members - set(changed) - adding)
    loaded = load_comments(session, again)
    return [compute_features(s.item, config) for s in loaded.values()
            if s.verdict in config.verdicts]


@dataclass(frozen=True, slots=True)
class _Rep:
    comment_id: int
    seen_at: datetime
    campaign_id: str | None = None

    @property
    def order(self) -> tuple[datetime, int]:
        return (self.seen_at, self.comment_id)


def _existing_keys(session: Session, keys: list[str]) -> dict[str, _Rep]:
    found: dict[str, _Rep] = {}
    for chunk in chunks(keys):
        rows = session.execute(
            select(campaign_links.c.key, campaign_links.c.comment_id,
                   campaign_links.c.seen_at, campaign_links.c.campaign_id)
            .where(campaign_links.c.key.in_(chunk)))
        found.update({key: _Rep(cid, utc(seen), camp) for key, cid, seen, camp in rows})
    return found


def _existing_bands(session: Session, bands: list[int]) -> dict[int, _Rep]:
    raw: dict[int, tuple[int, datetime]] = {}
    for chunk in chunks(bands):
        rows = session.execute(
            select(campaign_bands.c.band, campaign_bands.c.comment_id, campaign_bands.c.seen_at)
            .where(campaign_bands.c.band.in_(chunk)))
        raw.update({band: (cid, utc(seen)) for band, cid, seen in rows})
    camps: dict[int, str] = {}
    for chunk in chunks(sorted({cid for cid, _ in raw.values()})):
        camps.update(session.execute(
            select(m.CampaignMember.comment_id, m.CampaignMember.campaign_id)
            .where(m.CampaignMember.comment_id.in_(chunk))).all())
    return {band: _Rep(cid, seen, camps.get(cid)) for band, (cid, seen) in raw.items()}


def _add(session: Session, feats: list[Features], config: LinkConfig,
         stats: RelinkStats, *, strict: bool = True,
         touched: dict[str, str] | None = None, cache: _RepCache | None = None) -> None:
    """Link new comments to each other and to the stored campaigns, then write.

    ``strict``: a comment older than a stored representative raises :class:`_Backfill`.
    Otherwise (members of dissolved campaigns linked again) it takes over as the key's
    representative, and an older band carrier is simply compared with the stored one.
    """
    if not feats:
        return
    feats = sorted(feats, key=lambda f: f.order)
    uf = UnionFind()
    for f in feats:
        uf.add(f.comment_id)
    stored_keys = _existing_keys(session, sorted({k for f in feats for k in f.keys}))
    new_keys: dict[str, Features] = {}
    takeovers: dict[str, Features] = {}
    for f in feats:
        for key in sorted(f.keys):
            hit = stored_keys.get(key)
            if hit is not None:
                if hit.order > f.order:
                    if strict:
                        raise _Backfill(f.comment_id)
                    takeovers.setdefault(key, f)
                uf.union(f.comment_id, ("c", hit.campaign_id))
            elif (rep := new_keys.setdefault(key, f)) is not f:
                uf.union(f.comment_id, rep.comment_id)
    stored_bands = _existing_bands(session, sorted({b for f in feats for b in f.bands}))
    cache = cache if cache is not None else _RepCache()
    rep_feats = _stored_rep_features(session, feats, stored_bands, uf, config, cache)
    new_bands: dict[int, Features] = {}
    for f in feats:
        for band in f.bands:
            hit = stored_bands.get(band)
            if hit is not None:
                if strict and hit.order > f.order:
                    raise _Backfill(f.comment_id)
                other: object = ("c", hit.campaign_id)
                candidate = rep_feats.get(hit.comment_id)
            else:
                candidate = new_bands.setdefault(band, f)
                other = candidate.comment_id
            if candidate is None or candidate is f or uf.find(f.comment_id) == uf.find(other):
                continue
            if near_duplicate(f, candidate, config):
                uf.union(f.comment_id, other)
    for rep in new_bands.values():
        cache.put(rep)
    written = write_groups(session, feats, uf, new_keys, new_bands, takeovers)
    stats.linked += len(feats)
    stats.created += written.created
    stats.merged += written.merged
    if touched is None:
        refresh(session, written.anchors, datetime.now(UTC))
    else:
        touched.update(written.anchors)


class _RepCache:
    """Recently used band representatives' features, so batches need not re-read them."""

    def __init__(self, size: int = 100_000) -> None:
        self.size = size
        self._items: OrderedDict[int, Features] = OrderedDict()

    def get(self, comment_id: int) -> Features | None:
        found = self._items.get(comment_id)
        if found is not None:
            self._items.move_to_end(comment_id)
        return found

    def put(self, feats: Features) -> None:
        self._items[feats.comment_id] = replace(feats, bands=())
        self._items.move_to_end(feats.comment_id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


def _stored_rep_features(session: Session, feats: list[Features], stored: dict[int, _Rep],
                         uf: UnionFind, config: LinkConfig,
                         cache: _RepCache) -> dict[int, Features]:
    """Load the stored band representatives a new comment may still need to be compared to."""
    needed = {
        hit.comment_id for f in feats for band in f.bands
        if (hit := stored.get(band)) is not None and hit.campaign_id is not None
        and uf.find(f.comment_id) != uf.find(("c", hit.campaign_id))
    }
    found: dict[int, Features] = {}
    for cid in needed:
        cached = cache.get(cid)
        if cached is not None:
            found[cid] = cached
    loaded = load_comments(session, sorted(needed - found.keys()))
    for cid, stored_comment in loaded.items():
        found[cid] = compute_features(stored_comment.item, config)
        cache.put(found[cid])
    return found
