"""Pairwise scoring of campaign linking, on invented records and on the dev corpus."""

from __future__ import annotations

import json

import pytest

from pipeline.campaigns import LinkContact
from pipeline.errors import InputError
from pipeline.evaluation.campaigns import evaluate_campaigns
from pipeline.evaluation.labelled import LabelledComment, parse_labelled, read_labelled
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


#: One promoter's posts for three different products: different shops, different wording;
#: only the posting account is shared (the pattern of supplement spam on issue trackers).
_PROMOS = (
    ("Hearvia drops are a plant formula that quiets ringing ears within weeks. Order from "
    "https://hearvia-store.example.com today."),
    ("GlucoSteady capsules balance blood sugar naturally, no more insulin worries. Buy at "
    "https://glucosteady-official.example.net now."),
    ("ProstaEase tea shrinks an enlarged prostate the herbal way. Get yours: "
    "https://prostaease-shop.example.org"),
)


def _promo_records(author_url: str | None) -> list[LabelledComment]:
    records = [LabelledComment(id=f"p{i}", text=text, label="scam", campaign="promoter",
                               author_url=author_url) for i, text in enumerate(_PROMOS)]
    records.append(LabelledComment(
        id="q1", label="scam", campaign="other",
        text="Dr Zubi's herbs cured my tinnitus, WhatsApp him on +2348055555555 for the cure",
        author_url="https://github.com/another-seller"))
    return records


def test_posting_account_links_posts_for_different_products() -> None:
    result = evaluate_campaigns(_promo_records("https://github.com/promo-seller"))
    assert (result.precision, result.recall) == (1.0, 1.0)
    assert result.predicted_campaigns == 2


def test_without_the_account_different_products_stay_apart() -> None:
    result = evaluate_campaigns(_promo_records(None))
    assert result.recall == 0.0
    assert [e.name for e in result.splits] == ["promoter"]


def test_a_bare_platform_link_is_no_account() -> None:
    # "https://github.com/" names nobody: it must not link strangers.
    result = evaluate_campaigns(_promo_records("https://github.com/"))
    assert result.predicted_pairs == 0


def test_labelled_author_fields_are_read_and_checked() -> None:
    line = json.dumps({"text": "x", "label": "spam", "author": "Promo Seller",
                       "author_url": "https://github.com/promo-seller"})
    record = parse_labelled(line, 3)
    assert (record.author, record.author_url) == ("Promo Seller", "https://github.com/promo-seller")
    with pytest.raises(InputError, match=r"line 4.*'author_url' must be a string"):
        parse_labelled(json.dumps({"text": "x", "label": "spam", "author_url": 7}), 4)
