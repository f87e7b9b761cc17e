"""Verdicts on invented comments in structures and wording the dev corpus does not have.

``texts.jsonl`` holds our own texts (never copied or paraphrased from the corpus): scam
testimonials whose cure is sentences away from the disease, pronoun outcomes ("he was
cured", "it is gone"), healer types (baba, mama, sheikh, herbalist, "dr name" in lower
case or with initials), herbal clinics and product pitches, solicitations without a
testimony, six languages and every contact route; hard-negative ham (patients cured by
surgery or antivirals, named doctors, helplines, support-group e-mails, scam warnings,
questions about herbs); and other spam. It was written before the rules were tuned on it.

``holdout.jsonl`` was written after that first tuning round, measured once (scam recall
0.46: the first round had mostly fixed the wording it had seen), then tuned on in a second
round. ``fresh.jsonl`` was written after both rounds and is measured, never tuned on: its
floor is the honest estimate of how the rules do on campaigns they have not seen (first
measured: scam recall 0.76, no ham flagged; misses are outcome wordings no lexicon had,
such as "the virus cannot be found any more" or "ya no tiene convulsiones"). Those misses
motivated one structural rule (a named healer, an unproven remedy and a condition, with
"contact him": an offer whatever the outcome wording), after which it reads 0.80, and a
third round of outcome wording was tuned on it. ``final.jsonl`` was written after that
third round: first measured at scam recall 0.72 (the rules before this work: 0.28), no
ham flagged; a fourth round was then tuned on it too, so every file here is now a
regression set. ``blind.jsonl`` (longer, capitalised, unpunctuated, emoji, obfuscated
and multi-disease comments) was written after the fourth round: first measured at scam
recall 0.60 (the rules before this work: 0.40), no ham flagged, then tuned on in a fifth
round. ``blind2.jsonl`` was written after that: first measured at 0.50 (previous rules:
0.25), no ham flagged. Its misses named a healer, a remedy and a condition next to a
bare number or address, so the promoted-healer rule then took a bare route as well as
"contact him" (0.80 after; no vocabulary from it was added). ``blind3.jsonl``, written
last, is the current honest figure: scam recall 0.80 first measured (previous rules:
0.25), precision 1.0, no ham flagged.

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
    "blind2.jsonl": (0.75, 0.6),
    "blind3.jsonl": (0.75, 0.6),
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
