"""Pairwise scoring of campaign linking, on invented records and on the dev corpus."""

from __future__ import annotations

import json

import pytest

from pipeline.campaigns import LinkContact
from pipeline.evaluation.campaigns import evaluate_campaigns
from pipeline.evaluation.labelled import LabelledComment, read_labelled
from tests.conftest import require_corpus
from tests.pipeline.campaigns.campaign_templates import fake_testimonial


def rec(rid: str, text: str, campaign: str | None, label: str = "scam") -> LabelledComment:
    return LabelledComment(id=rid, text=text, label=label, campaign=campaign)


#: Hand-built contacts per text (no extractor): the number written in each text.
def contacts_of(text: str) -> list[LinkContact]:
    return [LinkContact("phone", word) for word in text.split() if word.startswith("+234")]


def test_scores_pairs_and_lists_merges_and_splits() -> None:
    records = [
        rec("r1", "Dr Okarobo helped me, call +2348011111111", "okarobo"),
        rec("r2", "call +2348011111111 for Dr Okarobo", "okarobo"),
        rec("r3", "Dr Okarobo cured me, call +2348022222222", "okarobo"),  # split
        rec("r4", "Priest Ubagi, call +2348011111111", "ubagi"),  # wrong merge
        rec("r5", fake_testimonial("Mary Lou", "Dr Osagie", "+2348033333333"), "osagie"),
        rec("r6", fake_testimonial("Jane Fox", "Dr Osagie", "+2348044444444"), "osagie"),
        rec("h1", "thanks for the article", None, label="ham"),
    ]
    result = evaluate_campaigns(records, contacts_of=contacts_of)
    assert result.records == 6
    # true pairs: okarobo 3, osagie 1; predicted: {r1,r2,r4} 3 + {r5,r6} 1.
    assert (result.true_pairs, result.predicted_pairs, result.correct_pairs) == (4, 4, 2)
    assert result.precision == pytest.approx(0.5)
    assert result.recall == pytest.approx(0.5)
    assert [e.groups for e in result.merges] == [(("okarobo", ("r1", "r2")), ("ubagi", ("r4",)))]
    assert [e.name for e in result.splits] == ["okarobo"]
    payload = json.loads(json.dumps(result.to_json()))
    assert payload["pairs"] == {"true": 4, "predicted": 4, "correct": 2}
    text = result.render_text()
    assert "wrong merges: 1" in text
    assert "+234" not in text  # ids and keys only, never comment text


def test_no_pairs_scores_one() -> None:
    result = evaluate_campaigns([rec("r1", "Dr X", "x"), rec("r2", "Dr Y", "y")],
                                contacts_of=lambda _t: [])
    assert (result.precision, result.recall) == (1.0, 1.0)


@pytest.mark.corpus
def test_dev_corpus_pairwise_scores() -> None:
    records = read_labelled(require_corpus("dev", "comments.jsonl"))
    result = evaluate_campaigns(records)
    assert result.records >= 60
    assert result.precision >= 0.95
    # Recall is bounded by one account posting four products with no shared contact or
    # text (see the report); the floor guards what the linker does reach.
    assert result.recall >= 0.65
