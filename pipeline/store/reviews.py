"""Analyst reviews: labels on comments, the review queue, and each rule's precision.

Like SmokeDetector's per-reason accuracy on metasmoke, every rule's record on reviewed
comments tells whether it earns its weight: a rule with a positive weight is right when
the analyst called the comment scam or spam, a rule with a negative weight (evidence of a
legitimate comment) is right when the analyst called it ham. The latest review of a
comment counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.errors import InputError
from pipeline.store import models as m

__all__ = ["REVIEW_LABELS", "QueueEntry", "RulePrecision", "RuleTable", "add_review",
           "review_queue", "rule_precision"]

REVIEW_LABELS = ("scam", "spam", "ham")


def add_review(session: Session, comment_id: int, label: str, *, reviewer: str,
               note: str | None = None) -> int:
    """Record an analyst's label for a comment; return the review id.

    Raises:
        InputError: unknown label or comment.
    """
    if label not in REVIEW_LABELS:
        raise InputError(f"label must be one of {', '.join(REVIEW_LABELS)}")
    if session.get(m.Comment, comment_id) is None:
        raise InputError(f"no comment with id {comment_id}")
    review = m.Review(comment_id=comment_id, label=label, note=note, reviewer=reviewer)
    session.add(review)
    session.flush()
    return review.id


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """A suspicious comment waiting for an analyst."""

    comment_id: int
    site: str
    page_url: str
    author: str | None
    score: int
    reasons: tuple[str, ...]
    text: str


def review_queue(session: Session, *, limit: int = 50, verdict: str = "suspicious"
                 ) -> list[QueueEntry]:
    """Return live comments with ``verdict`` that no analyst has reviewed, highest score first."""
    reviewed = select(m.Review.comment_id)
    rows = session.execute(
        select(m.Comment.id, m.Site.name, m.Page.url, m.Comment.author, m.Verdict.score,
               m.Verdict.reasons, m.Comment.text)
        .join(m.Verdict, m.Verdict.comment_id == m.Comment.id)
        .join(m.Page, m.Page.id == m.Comment.page_id)
        .join(m.Site, m.Site.id == m.Comment.site_id)
        .where(m.Verdict.verdict == verdict, m.Comment.removed_at.is_(None),
               m.Comment.id.not_in(reviewed))
        .order_by(m.Verdict.score.desc(), m.Comment.id)
        .limit(limit)
    )
    return [
        QueueEntry(comment_id=cid, site=site, page_url=url, author=author, score=score,
                   reasons=tuple(str(r.get("rule", "")) for r in reasons or ()), text=text)
        for cid, site, url, author, score, reasons, text in rows
    ]


@dataclass(slots=True)
class RulePrecision:
    """How often a rule agreed with the analysts."""

    rule: str
    weight: int
    right: int = 0
    wrong: int = 0
    labels: dict[str, int] = field(default_factory=dict)

    @property
    def reviewed(self) -> int:
        return self.right + self.wrong

    @property
    def precision(self) -> float | None:
        return self.right / self.reviewed if self.reviewed else None


@dataclass(frozen=True, slots=True)
class RuleTable:
    """Every rule that fired on a reviewed comment."""

    reviewed_comments: int
    rules: tuple[RulePrecision, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "reviewed_comments": self.reviewed_comments,
            "rules": [{"rule": r.rule, "weight": r.weight, "reviewed": r.reviewed,
                       "right": r.right, "wrong": r.wrong, "precision": r.precision,
                       "labels": dict(sorted(r.labels.items()))} for r in self.rules],
        }

    def render_text(self) -> str:
        lines = [f"rule precision over {self.reviewed_comments} reviewed comments",
                 f"{'rule':32} {'weight':>6} {'hits':>5} {'right':>5} {'wrong':>5} {'prec':>6}"]
        for r in self.rules:
            prec = "-" if r.precision is None else f"{r.precision:.3f}"
            lines.append(f"{r.rule:32} {r.weight:>6} {r.reviewed:>5} {r.right:>5} "
                         f"{r.wrong:>5} {prec:>6}")
        if not self.rules:
            lines.append("(no reviewed comment carries a rule yet: `commentwatch review`)")
        return "\n".join(lines)


def rule_precision(session: Session) -> RuleTable:
    """Return each rule's record on the comments analysts reviewed (latest review counts)."""
    latest = (
        select(m.Review.comment_id, func.max(m.Review.id).label("review_id"))
        .group_by(m.Review.comment_id).subquery()
    )
    rows = session.execute(
        select(m.Review.label, m.Verdict.reasons)
        .join(latest, latest.c.review_id == m.Review.id)
        .join(m.Verdict, m.Verdict.comment_id == m.Review.comment_id)
    ).all()
    table: dict[str, RulePrecision] = {}
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for label, reasons in rows:
        for reason in reasons or ():
            rule, weight = str(reason.get("rule", "")), int(reason.get("weight", 0))
            entry = table.setdefault(rule, RulePrecision(rule=rule, weight=weight))
            flags = weight >= 0
            if (label in ("scam", "spam")) == flags:
                entry.right += 1
            else:
                entry.wrong += 1
            counts[rule][label] = counts[rule].get(label, 0) + 1
    for rule, entry in table.items():
        entry.labels = counts[rule]
    ordered = sorted(table.values(), key=lambda r: (r.precision is None, r.precision or 0,
                                                     -r.reviewed, r.rule))
    return RuleTable(reviewed_comments=len(rows), rules=tuple(ordered))
