"""Group flagged comments into campaigns: union-find over link keys and near-duplicate text.

The rules, in the order a reviewer should read them:

1. **Shared contact.** Comments that share a link key (:mod:`pipeline.campaigns.keys`: an
   e-mail address, an E.164 number, a specific domain or blog subdomain, a handle) are one
   campaign, transitively. Shared infrastructure is not a key.
2. **Near-duplicate text.** Each comment is compared with the *representative* of each of
   its LSH bands (the earliest comment carrying that band); an exact word-shingle Jaccard of
   at least ``threshold`` links them, so template spam with a fresh number joins its
   campaign. A different persona on *both* sides and contacts that differ on both sides
   make it a stolen template instead (different actors copy each other's testimonials).
3. **Persona strengthens.** A persona name never links on its own. It lowers the text
   threshold to ``persona_threshold`` for comments that name the same persona, and it makes
   a key of its own (``named:<persona>``) only when the comment's contacts themselves carry
   the name (``drosato…@…`` under "Dr Osato").

Every edge is a pure function of the two comments, and representatives are minima over
``(seen_at, comment_id)``, so the partition does not depend on the order comments arrive:
an incremental relink and a relink from scratch give the same campaigns. Campaign ids come
from the earliest link key (by first sighting, then kind, then value), never row order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import numpy as np

from pipeline.campaigns.keys import LinkContact, link_keys
from pipeline.campaigns.persona import Persona, dominant_persona, find_personas
from pipeline.campaigns.similarity import (
    MAX_SHINGLE_TEXT,
    band_keys,
    band_shape,
    jaccard,
    shingle_hashes,
    signature,
)

__all__ = [
    "Cluster",
    "Features",
    "LinkConfig",
    "LinkInput",
    "UnionFind",
    "anchor_rank",
    "campaign_id",
    "clusters_of",
    "compute_features",
    "link_comments",
    "near_duplicate",
]


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """The knobs of linking (defaults checked on the dev corpus: `commentwatch eval`)."""

    threshold: float = 0.7
    """Word-shingle Jaccard at or above which two texts are near-duplicates."""
    persona_threshold: float = 0.5
    """Lower Jaccard that suffices when both comments name the same persona."""
    shingle_size: int = 3
    """Words per shingle."""
    min_shingles: int = 8
    """Texts with fewer distinct shingles ("WhatsApp +234…") never link by text: any two
    short plugs look alike once numbers are folded."""
    num_perm: int = 64
    """MinHash permutations (more: sharper LSH, slower)."""
    seed: int = 1
    stolen_template_veto: bool = True
    """Different personas and different contacts on both sides veto a near-duplicate link."""
    verdicts: tuple[str, ...] = ("scam", "spam")
    """Verdicts whose comments are linked (why not suspicious/ok: see the package doc)."""

    def __post_init__(self) -> None:
        for name in ("threshold", "persona_threshold"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must be in (0, 1], not {value!r}")
        if self.shingle_size < 1 or self.num_perm < 2:
            raise ValueError("shingle_size must be >= 1 and num_perm >= 2")

    @property
    def bands(self) -> tuple[int, int]:
        """LSH (bands, rows) for the lowest threshold any rule uses."""
        return band_shape(min(self.threshold, self.persona_threshold), self.num_perm)

    def with_thresholds(self, threshold: float | None = None,
                        persona_threshold: float | None = None) -> LinkConfig:
        """Return a copy with the thresholds that are given (None: keep this one's)."""
        changes = {name: value for name, value in (
            ("threshold", threshold), ("persona_threshold", persona_threshold),
        ) if value is not None}
        return replace(self, **changes)  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, object]:
        """Return the knobs as JSON-able values (stored with the linking state)."""
        return {name: list(value) if isinstance(value, tuple) else value
                for name in self.__slots__ for value in (getattr(self, name),)}

    @classmethod
    def from_dict(cls, values: dict[str, object]) -> LinkConfig:
        """Build a config from :meth:`as_dict` output; unknown knobs are an error.

        Raises:
            ValueError: an unknown knob or an out-of-range value.
        """
        unknown = sorted(set(values) - set(cls.__slots__))
        if unknown:
            raise ValueError(f"unknown campaign linking setting(s): {', '.join(unknown)}")
        given = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        return cls(**given)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class LinkInput:
    """One comment as linking sees it (from the database or an evaluation record)."""

    comment_id: int
    text: str
    contacts: tuple[LinkContact, ...] = ()
    seen_at: datetime = datetime(1970, 1, 1, tzinfo=UTC)
    """When the comment was first seen: decides representatives and campaign ids."""
    site_domain: str | None = None
    """The commenting site's domain: links to it are not evidence."""


@dataclass(frozen=True, slots=True)
class Features:
    """What linking derived from one comment (all a pure function of its input)."""

    comment_id: int
    seen_at: datetime
    contact_keys: frozenset[str]
    named_keys: frozenset[str]
    text_key: str
    """``text:<hash>`` of the normalised text: identical texts always link."""
    personas: tuple[Persona, ...]
    shingles: np.ndarray = field(compare=False, repr=False)
    bands: tuple[int, ...] = field(default=(), repr=False)

    @property
    def keys(self) -> frozenset[str]:
        """Every unconditional link key of the comment."""
        return self.contact_keys | self.named_keys | {self.text_key}

    @property
    def order(self) -> tuple[datetime, int]:
        """Sort key of representatives: earliest first, row id only to break ties."""
        return (self.seen_at, self.comment_id)

    def fingerprint(self) -> str:
        """Return a digest of everything that decides this comment's links."""
        parts = sorted(self.keys) + [p.key for p in self.personas]
        parts += [str(b) for b in self.bands]
        return hashlib.sha1("\x00".join(parts).encode()).hexdigest()


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _named_keys(personas: Sequence[Persona], contacts: Iterable[LinkContact],
                site_domain: str | None) -> frozenset[str]:
    """``named:<persona>`` when the comment's own contacts carry the persona's name.

    Only contacts that are links themselves count (not ``google.com`` under "Dr Google").
    """
    if not personas:
        return frozenset()
    haystack = " ".join(c.value.lower() for c in contacts
                        if c.kind != "phone" and link_keys([c], site_domain))
    return frozenset(f"named:{p.key}" for p in personas if len(p.key) >= 4 and p.key in haystack)


def compute_features(item: LinkInput, config: LinkConfig) -> Features:
    """Derive the link keys, personas, shingles and LSH bands of one comment."""
    shingles = shingle_hashes(item.text, config.shingle_size)
    bands, rows = config.bands
    personas = tuple(find_personas(item.text))
    digest = _text_digest(item, shingles.size >= config.min_shingles)
    if shingles.size < config.min_shingles:
        shingles = shingles[:0]
    return Features(
        comment_id=item.comment_id,
        seen_at=_utc(item.seen_at),
        contact_keys=link_keys(item.contacts, item.site_domain),
        named_keys=_named_keys(personas, item.contacts, item.site_domain),
        text_key=f"text:{digest}",
        personas=personas,
        shingles=shingles,
        bands=band_keys(signature(shingles, config.num_perm, config.seed), bands, rows)
        if shingles.size else (),
    )


def _text_digest(item: LinkInput, long_enough: bool) -> str:
    """Digest of the exact text; a short text's is made unique by when it was first seen."""
    text = " ".join(item.text[:MAX_SHINGLE_TEXT].lower().split())
    if not long_enough:
        text += f"\x00{item.seen_at.isoformat()}\x00{item.comment_id}"
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def near_duplicate(a: Features, b: Features, config: LinkConfig) -> bool:
    """Decide whether two LSH candidates are one template posted by one actor."""
    similarity = jaccard(a.shingles, b.shingles)
    same_persona = bool({p.key for p in a.personas} & {p.key for p in b.personas})
    if similarity >= config.threshold:
        stolen = (
            config.stolen_template_veto and a.personas and b.personas and not same_persona
            and a.contact_keys and b.contact_keys and not a.contact_keys & b.contact_keys
        )
        return not stolen
    return same_persona and similarity >= config.persona_threshold


def anchor_rank(key: str) -> int:
    """Rank of a key kind as a campaign anchor: contacts before names before texts."""
    if key.startswith("text:"):
        return 2
    if key.startswith("named:"):
        return 1
    return 0


def campaign_id(anchor: str) -> str:
    """Return the stable campaign id of an anchor key (``c-`` + 12 hex digits)."""
    return "c-" + hashlib.sha1(anchor.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class UnionFind:
    """Disjoint sets with path halving and union by size, over any hashable nodes."""

    def __init__(self) -> None:
        self._parent: dict[object, object] = {}
        self._size: dict[object, int] = {}

    def add(self, node: object) -> None:
        if node not in self._parent:
            self._parent[node] = node
            self._size[node] = 1

    def find(self, node: object) -> object:
        self.add(node)
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: object, b: object) -> object:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return root_a
        if self._size[root_a] < self._size[root_b]:
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        self._size[root_a] += self._size[root_b]
        return root_a

    def groups(self) -> dict[object, list[object]]:
        """Return root -> members."""
        out: dict[object, list[object]] = {}
        for node in self._parent:
            out.setdefault(self.find(node), []).append(node)
        return out


@dataclass(frozen=True, slots=True)
class Cluster:
    """One campaign as linking computed it."""

    id: str
    anchor: str
    """The earliest link key; ``id`` is derived from it."""
    label: str
    comment_ids: tuple[int, ...]


def _anchor(members: Iterable[Features], first_seen: dict[str, datetime]) -> str:
    return min(
        (key for f in members for key in f.keys),
        key=lambda k: (first_seen[k], anchor_rank(k), k),
    )


def label_for(personas: Iterable[Persona | None], anchor: str) -> str:
    """Return a campaign's label: its dominant persona, else its anchor contact."""
    persona = dominant_persona(personas)
    if persona is not None:
        return persona.display
    kind, _, value = anchor.partition(":")
    return f"template {value[:8]}" if kind == "text" else value


def link_comments(items: Iterable[LinkInput], config: LinkConfig | None = None) -> list[Cluster]:
    """Link comments in memory (evaluation, tests, small databases).

    Args:
        items: the comments to link; all of them take part (filter verdicts first).
        config: linking knobs.

    Returns:
        Campaigns, largest first, every input in exactly one (singletons included).
    """
    config = config or LinkConfig()
    return clusters_of([compute_features(item, config) for item in items], config)


def clusters_of(features: Sequence[Features], config: LinkConfig) -> list[Cluster]:
    """Link precomputed features (see :func:`link_comments`)."""
    ordered = sorted(features, key=lambda f: f.order)
    uf = UnionFind()
    key_reps: dict[str, Features] = {}
    band_reps: dict[int, Features] = {}
    for f in ordered:
        uf.add(f.comment_id)
        for key in f.keys:
            rep = key_reps.setdefault(key, f)
            if rep is not f:
                uf.union(f.comment_id, rep.comment_id)
    for f in ordered:
        for band in f.bands:
            rep = band_reps.setdefault(band, f)
            if rep is f or uf.find(f.comment_id) == uf.find(rep.comment_id):
                continue
            if near_duplicate(f, rep, config):
                uf.union(f.comment_id, rep.comment_id)
    first_seen = {key: rep.seen_at for key, rep in key_reps.items()}
    by_id = {f.comment_id: f for f in ordered}
    clusters = []
    for members in uf.groups().values():
        feats = [by_id[int(m)] for m in members]  # type: ignore[call-overload]
        anchor = _anchor(feats, first_seen)
        clusters.append(Cluster(
            id=campaign_id(anchor),
            anchor=anchor,
            label=label_for((p for f in feats for p in f.personas), anchor),
            comment_ids=tuple(sorted(f.comment_id for f in feats)),
        ))
    clusters.sort(key=lambda c: (-len(c.comment_ids), c.id))
    return clusters
