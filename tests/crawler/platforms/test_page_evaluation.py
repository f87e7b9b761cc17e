"""The extractors against the hand-checked real pages of ../shared/corpus/html."""

from __future__ import annotations

import json

import pytest

from crawler.evaluation import evaluate_pages, main, read_cases
from tests.conftest import require_corpus

pytestmark = pytest.mark.corpus


def test_corpus_floor() -> None:
    cases = require_corpus("html", "cases.jsonl")
    evaluation = evaluate_pages(cases)
    assert len(evaluation.pages) >= 20
    # measured 21/21 exact counts, 100% snippets, 0 leaks when written
    assert evaluation.exact_pages >= len(evaluation.pages) - 1, evaluation.render_text()
    assert evaluation.snippet_recall >= 0.95, evaluation.render_text()
    assert evaluation.leak_count == 0, evaluation.render_text()
    summary = evaluation.to_json()
    assert summary["exact_pages"] == evaluation.exact_pages
    assert {r["file"] for r in summary["results"]} == {c.file for c in read_cases(cases)}


def test_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    cases = require_corpus("html", "cases.jsonl")
    assert main([str(cases), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pages"] >= 20
