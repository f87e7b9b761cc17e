"""Verdicts on invented comments in structures and wording the dev corpus does not have.

``texts.jsonl`` holds our own texts (never copied or paraphrased from the corpus): scam
testimonials whose cure is sentences away from the disease, pronoun outcomes ("he was
cured", "it is gone"), healer types (baba, mama, sheikh, herbalist, "dr name" in lower
case or with initials), herbal clinics and product pitches, solicitations without a
testimony, six languages and every contact route; hard-negative ham (patients cured by
surgery or antivirals, named doctors, helplines, support-group e-mails, scam warnings,
questions about herbs); and other spam. It was written before the rules were tuned on it.

Each later file was written after the previous tuning round and measured before any
rule was changed for it (scam recall when first measured, with the previous rules in
brackets; no file ever had a ham comment flagged), then tuned on in the next round:

- ``holdout.jsonl``: 0.46 (0.42);
- ``fresh.jsonl``: 0.76 (0.48); its misses led to the promoted-healer rule (a named
  healer, an unproven remedy and a condition, with a route to the healer);
- ``final.jsonl``: 0.72 (0.28);
- ``blind.jsonl`` (long, capitalised, unpunctuated, emoji, obfuscated comments): 0.60 (0.40);
- ``blind2.jsonl``: 0.50 (0.25); its misses led the promoted-healer rule to accept a
  bare number, address or handle as the route;
- ``blind3.jsonl``: 0.80 (0.25);
- ``supplements.jsonl`` (supplement-shop pitches with a lone shop link, coined product
  names, "click here", non-English shop copy, pregnancy spells, loan/crypto/hacker spam,
  and patients, researchers and support groups naming the same conditions and products):
  0.12, written after the real-world held-out run showed scam recall 0.36; its misses led
  to the product-pitch claims and the shop-link routes;
- ``supplements2.jsonl`` (card-style and review-style shop copy, brands without an inner
  capital, German/French/Spanish/Russian/Indonesian shop copy, bare lists of links as
  ham): 0.30 (0.05 with the rules before ``supplements.jsonl``), and 2 ham link lists
  judged spam, which led to counting a bare list of links once (LINK_LIST, no LINK_DROP);
- ``supplements3.jsonl`` (long review articles, HTML product cards, emoji ads, Arabic,
  Indonesian and Portuguese sellers, Amazon and forum links as ham): 0.53 (0.13 with the
  rules before ``supplements.jsonl``), no ham flagged; its misses led to "claims to"
  counting as a warning only where nothing sells;
- ``supplements4.jsonl`` (Telegram and obfuscated sellers, bullet-list and Q&A ads, and
  GitHub-thread ham from health-app communities): 0.50 (0.17), with one ham judged scam
  and one spam ("click here" with a GitHub link), which led to code-host links being no
  seller's route. The last honest figure.

Every file is now a regression set; the next honest figure needs a new file written
before any change.

The floors are the figures reached, less a small margin: a change that loses recall on
unseen wording, or flags one legitimate comment, fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluation.labelled import read_labelled
from pipeline.evaluation.verdicts import VerdictEvaluation, evaluate_verdicts

HERE = Path(__file__).parent

#: file -> (least scam recall, least spam+scam recall on spam records)
FLOORS = {
    "texts.jsonl": (0.95, 0.9),
    "holdout.jsonl": (0.9, 0.9),
    "fresh.jsonl": (0.76, 0.9),
    "final.jsonl": (0.9, 0.9),
    "blind.jsonl": (0.9, 0.9),
    "blind2.jsonl": (0.9, 0.6),
    "blind3.jsonl": (0.9, 0.8),
    "supplements.jsonl": (0.84, 0.8),
    "supplements2.jsonl": (0.8, 0.8),
    "supplements3.jsonl": (0.86, 0.8),
    "supplements4.jsonl": (0.7, 0.6),
}


#: file -> least number of (scam, ham, spam) records it must hold
SIZES = {
    "texts.jsonl": (40, 60, 10),
    "holdout.jsonl": (20, 25, 5),
    "fresh.jsonl": (20, 30, 5),
    "final.jsonl": (20, 35, 5),
    "blind.jsonl": (20, 30, 5),
    "blind2.jsonl": (20, 30, 5),
    "blind3.jsonl": (20, 30, 5),
    "supplements.jsonl": (25, 35, 8),
    "supplements2.jsonl": (20, 20, 5),
    "supplements3.jsonl": (15, 15, 5),
    "supplements4.jsonl": (12, 15, 5),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def evaluation(request: pytest.FixtureRequest) -> tuple[str, VerdictEvaluation]:
    name = request.param
    return name, evaluate_verdicts(read_labelled(HERE / name))


def _misses(result: VerdictEvaluation, label: str) -> list[str]:
    return [f"{m.record_id} -> {m.verdict}" for m in result.misclassified if m.label == label]


def test_set_is_large_enough(evaluation: tuple[str, VerdictEvaluation]) -> None:
    name, result = evaluation
    counts = {label: sum(row.values()) for label, row in result.confusion.items()}
    least = SIZES[name]
    assert counts["scam"] >= least[0]
    assert counts["ham"] >= least[1]
    assert counts["spam"] >= least[2]


def test_scam_recall_floor(evaluation: tuple[str, VerdictEvaluation]) -> None:
    name, result = evaluation
    assert result.scam.recall >= FLOORS[name][0], _misses(result, "scam")


def test_no_ham_is_flagged(evaluation: tuple[str, VerdictEvaluation]) -> None:
    _, result = evaluation
    assert result.ham_flagged_rate == 0.0, _misses(result, "ham")
    assert result.scam.precision == 1.0


def test_other_spam_is_flagged(evaluation: tuple[str, VerdictEvaluation]) -> None:
    name, result = evaluation
    row = result.confusion["spam"]
    flagged = row["spam"] + row["scam"]
    assert flagged / sum(row.values()) >= FLOORS[name][1], _misses(result, "spam")


def test_no_pipeline_errors(evaluation: tuple[str, VerdictEvaluation]) -> None:
    _, result = evaluation
    assert result.errors == ()
