"""Score campaign linking against the ``campaign`` labels of a labelled file.

Every pair of labelled scam/spam records is a decision: "same campaign" or not. Pairwise
precision is the share of pairs the linker put together that the labels put together;
recall the share of labelled pairs the linker found. Errors are listed as whole groups,
which is how an analyst sees them: a *wrong merge* is one predicted campaign holding
records of several labelled campaigns, a *split* one labelled campaign spread over several
predicted ones. Only record ids and campaign keys are printed, never comment text.

Contacts come from :func:`pipeline.contacts.extract_contacts` on the text the crawler
would store (HTML turned into text), so the score covers extraction and linking together;
a record's ``author_url`` (the posting account, when the file carries it) is a contact as
in the database.
Records are "seen" in file order, one second apart, which gives linking a chronology.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pipeline.campaigns.keys import LinkContact, author_contact
from pipeline.campaigns.linking import Cluster, LinkConfig, LinkInput, link_comments
from pipeline.evaluation.labelled import LabelledComment
from pipeline.evaluation.metrics import ratio

__all__ = ["CampaignEvaluation", "GroupError", "evaluate_campaigns"]

#: Labels whose records carry a campaign key and are linked.
LINKED_LABELS = ("scam", "spam")
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)

ContactsOf = Callable[[str], Sequence[LinkContact]]


@dataclass(frozen=True, slots=True)
class GroupError:
    """One wrong merge or split, by record ids."""

    kind: str
    """``merge`` (one predicted campaign, several labelled) or ``split`` (the reverse)."""
    name: str
    """The predicted campaign's label (merge) or the labelled campaign key (split)."""
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    """``(labelled campaign or predicted id, record ids)`` for each part."""

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name,
                "groups": [{"campaign": c, "records": list(ids)} for c, ids in self.groups]}


@dataclass(frozen=True, slots=True)
class CampaignEvaluation:
    """Pairwise scores of campaign linking and the errors behind them."""

    records: int
    campaigns: int
    predicted_campaigns: int
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    merges: tuple[GroupError, ...]
    splits: tuple[GroupError, ...]

    @property
    def precision(self) -> float:
        return ratio(self.correct_pairs, self.predicted_pairs, empty=1.0)

    @property
    def recall(self) -> float:
        return ratio(self.correct_pairs, self.true_pairs, empty=1.0)

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-able summary (the ``campaigns`` part of ``commentwatch eval``)."""
        return {
            "records": self.records,
            "campaigns": self.campaigns,
            "predicted_campaigns": self.predicted_campaigns,
            "pairs": {"true": self.true_pairs, "predicted": self.predicted_pairs,
                      "correct": self.correct_pairs},
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "wrong_merges": [e.to_json() for e in self.merges],
            "splits": [e.to_json() for e in self.splits],
        }

    def render_text(self) -> str:
        """Return a plain-text report (ids and campaign keys only)."""
        lines = [
            (f"campaign linking: {self.records} scam/spam records, {self.campaigns} labelled "
            f"campaigns, {self.predicted_campaigns} predicted"),
            (f"  pairwise precision {self.precision:.3f} "
            f"({self.correct_pairs}/{self.predicted_pairs} predicted pairs correct)"),
            (f"  pairwise recall    {self.recall:.3f} "
            f"({self.correct_pairs}/{self.true_pairs} labelled pairs found)"),
        ]
        for title, errors in (("wrong merges", self.merges), ("splits", self.splits)):
            lines.append(f"  {title}: {len(errors)}")
            for error in errors:
                parts = "; ".join(f"{name}: {', '.join(ids)}" for name, ids in error.groups)
                lines.append(f"    {error.name}: {parts}")
        return "\n".join(lines)


def _default_contacts(text: str) -> Sequence[LinkContact]:
    from pipeline.contacts import extract_contacts

    return [LinkContact(c.kind, c.value, c.domain) for c in extract_contacts(text)]


def _default_text(record: LabelledComment) -> str:
    from pipeline.evaluation.contacts import record_text

    return record_text(record)


def evaluate_campaigns(
    records: Iterable[LabelledComment],
    *,
    contacts_of: ContactsOf | None = None,
    config: LinkConfig | None = None,
) -> CampaignEvaluation:
    """Link the scam/spam records of a labelled file and score the result pairwise.

    Args:
        records: labelled records; ham and records without a campaign key are ignored.
        contacts_of: contact finder for a record's plain text (default: the extractor).
        config: linking knobs.

    Returns:
        Pairwise precision/recall with the wrong merges and splits.
    """
    contacts_of = contacts_of or _default_contacts
    chosen = [r for r in records
              if r.label in LINKED_LABELS and getattr(r, "campaign", None)]
    inputs = []
    for index, record in enumerate(chosen):
        text = _default_text(record)
        contacts = list(contacts_of(text))
        account = author_contact(record.author_url)
        if account is not None:
            contacts.append(account)
        inputs.append(LinkInput(
            comment_id=index, text=text, contacts=tuple(contacts),
            seen_at=_EPOCH + timedelta(seconds=index),
        ))
    clusters = link_comments(inputs, config)
    return score(chosen, clusters)


def score(records: Sequence[LabelledComment], clusters: Sequence[Cluster]) -> CampaignEvaluation:
    """Score clusters over ``records`` (cluster members are indexes into ``records``)."""
    predicted = {index: c for c in clusters for index in c.comment_ids}
    truth = [r.campaign or "" for r in records]
    true_pairs = predicted_pairs = correct = 0
    for i, j in itertools.combinations(range(len(records)), 2):
        same_true = truth[i] == truth[j]
        same_pred = predicted[i].id == predicted[j].id
        true_pairs += same_true
        predicted_pairs += same_pred
        correct += same_true and same_pred
    merges = []
    for cluster in clusters:
        parts: dict[str, list[str]] = defaultdict(list)
        for index in cluster.comment_ids:
            parts[truth[index]].append(records[index].id)
        if len(parts) > 1:
            merges.append(GroupError("merge", cluster.label, _groups(parts)))
    splits = []
    by_truth: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for index, record in enumerate(records):
        by_truth[truth[index]][predicted[index].id].append(record.id)
    for name, parts in sorted(by_truth.items()):
        if len(parts) > 1:
            splits.append(GroupError("split", name, _groups(parts)))
    return CampaignEvaluation(
        records=len(records),
        campaigns=len(set(truth)),
        predicted_campaigns=len(clusters),
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
        correct_pairs=correct,
        merges=tuple(merges),
        splits=tuple(splits),
    )


def _groups(parts: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((name, tuple(sorted(ids))) for name, ids in parts.items()))
