"""Verdict evaluation: the figures ``commentwatch eval`` prints, and the corpus targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.analysis import analyze
from pipeline.errors import InputError
from pipeline.evaluation.labelled import LabelledComment, read_labelled
from pipeline.evaluation.verdicts import evaluate_verdicts, read_tubespam
from pipeline.findings import Analysis, Reason
from tests.conftest import SHARED, require_corpus


def record(rid: str, label: str, text: str) -> LabelledComment:
    return LabelledComment(id=rid, text=text, label=label)


def fixed(verdicts: dict[str, str]):
    """An analysis function whose verdict is looked up by text (to test the arithmetic)."""

    def analyse(text: str, *, html: bool = False) -> Analysis:
        return Analysis(
            text=text,
            verdict=verdicts[text],
            score=1,
            reasons=(Reason("RULE_" + verdicts[text].upper(), 1, "e"),),
        )

    return analyse


def test_arithmetic() -> None:
    records = [
        record("a", "scam", "s1"),
        record("b", "scam", "s2"),
        record("c", "scam", "s3"),
        record("d", "spam", "p1"),
        record("e", "spam", "p2"),
        record("f", "ham", "h1"),
        record("g", "ham", "h2"),
        record("h", "ham", "h3"),
        record("i", "ham", "h4"),
    ]
    verdicts = {
        "s1": "scam",
        "s2": "scam",
        "s3": "suspicious",
        "p1": "spam",
        "p2": "scam",
        "h1": "ok",
        "h2": "suspicious",
        "h3": "spam",
        "h4": "ok",
    }
    result = evaluate_verdicts(records, analyse=fixed(verdicts))
    assert result.total == 9
    assert result.confusion["scam"] == {"scam": 2, "spam": 0, "suspicious": 1, "ok": 0}
    assert result.confusion["ham"] == {"scam": 0, "spam": 1, "suspicious": 1, "ok": 2}
    assert (result.scam.tp, result.scam.fp, result.scam.fn, result.scam.tn) == (2, 1, 1, 5)
    assert result.scam.precision == pytest.approx(2 / 3)
    assert result.scam.recall == pytest.approx(2 / 3)
    assert (result.flagged.tp, result.flagged.fp, result.flagged.fn, result.flagged.tn) == (
        4,
        1,
        1,
        3,
    )
    assert result.ham_scam_rate == 0.0
    assert result.ham_flagged_rate == pytest.approx(0.25)
    assert {m.record_id for m in result.misclassified} == {"c", "e", "h"}
    assert result.rule_hits["RULE_SCAM"] == {"scam": 2, "spam": 1}
    payload = json.loads(json.dumps(result.to_json()))
    assert payload["flagged"]["precision"] == 0.8
    text = result.render_text()
    assert "ham judged scam or spam: 25.00%" in text
    assert "c: scam -> suspicious" in text


def test_empty_input_gives_zeros() -> None:
    result = evaluate_verdicts([], analyse=fixed({}))
    assert result.total == 0
    assert result.scam.precision == result.scam.recall == result.scam.f1 == 0.0
    assert "0 records" in result.render_text()


def test_a_failing_record_is_reported_not_fatal() -> None:
    def broken(text: str, *, html: bool = False) -> Analysis:
        if text == "boom":
            raise ValueError("stage bug")
        return Analysis(text=text)

    result = evaluate_verdicts(
        [record("x", "ham", "boom"), record("y", "ham", "fine")], analyse=broken
    )
    assert result.errors == ("x",)
    assert result.total == 1


def test_real_pipeline_on_own_fixtures() -> None:
    records = [
        record(
            "scam-1",
            "scam",
            "All thanks to Dr Adewale whose herbal medicine cured my HIV. Contact him on "
            "dradewaleherbs@example.com or WhatsApp +234 803 555 0199.",
        ),
        record(
            "spam-1",
            "spam",
            "Do you need a fast loan at a low interest rate? Email quickfunds@example.com",
        ),
        record(
            "ham-1",
            "ham",
            "<p>My sister was cured of breast cancer after surgery and chemo.<br>"
            "Thank you Dr Lee &amp; the nurses!</p>",
        ),
    ]
    result = evaluate_verdicts(records, analyse=analyze)
    assert result.confusion["scam"]["scam"] == 1
    assert result.confusion["spam"]["spam"] == 1
    assert result.confusion["ham"]["ok"] == 1
    assert result.misclassified == ()
    # No labelled diseases: the record is left out of the disease figure, claims or not.
    assert (result.diseases.tp, result.diseases.fp, result.diseases.fn) == (0, 0, 0)
    labelled = LabelledComment(
        id="scam-2", text=records[0].text, label="scam", diseases=("AIDS", "herpes")
    )
    scored = evaluate_verdicts([labelled], analyse=analyze).diseases
    assert (scored.tp, scored.fp, scored.fn) == (1, 0, 1)
    preview_source = result.render_text()
    assert "<p>" not in preview_source


def test_misclassified_preview_has_no_control_characters() -> None:
    result = evaluate_verdicts([record("z", "scam", "plain\x1b[31m text\r\nhere")], analyse=analyze)
    (item,) = result.misclassified
    assert "\x1b" not in item.preview
    assert "\r" not in item.preview


def test_read_tubespam(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "ID,author,date,text,label\n"
        'a1,someone,2014-01-01,"Check out my channel, please\ufeff",1\n'
        'a2,other,,"line one\nline two",0\n',
        encoding="utf-8",
    )
    records = read_tubespam(path)
    assert [(r.id, r.label) for r in records] == [("a1", "spam"), ("a2", "ham")]
    assert records[0].text == "Check out my channel, please"
    assert records[1].text == "line one\nline two"


@pytest.mark.parametrize(
    "content",
    ["ID,author,date,text,label\nx,y,,hello,2\n", "id,text\nx,hello\n"],
)
def test_read_tubespam_rejects_bad_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        read_tubespam(path)


def test_seed_comment_is_scam_about_breast_cancer() -> None:
    seed = SHARED / "seed" / "her2-article-with-comment.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is absent")
    comment = seed.read_text(encoding="utf-8").split("mary john\nmary john", 1)[1]
    result = analyze(comment)
    assert result.verdict == "scam"
    assert "breast cancer" in {c.disease for c in result.claims}
    fired = {r.rule for r in result.reasons}
    assert {"CURE_TESTIMONIAL", "CONTACT_EMAIL", "HEALER_PERSONA"} <= fired


@pytest.mark.corpus
def test_dev_corpus_targets() -> None:
    result = evaluate_verdicts(read_labelled(require_corpus("dev", "comments.jsonl")))
    assert result.errors == ()
    assert result.scam.precision >= 0.98
    assert result.scam.recall >= 0.95
    assert result.ham_flagged_rate <= 0.01


@pytest.mark.corpus
def test_ham_health_targets() -> None:
    result = evaluate_verdicts(read_labelled(require_corpus("ham-health", "texts.jsonl")))
    assert result.total >= 1000
    assert result.ham_scam_rate <= 0.002
    assert result.ham_flagged_rate <= 0.01


@pytest.mark.corpus
def test_tubespam_test_split_flags_without_false_positives() -> None:
    result = evaluate_verdicts(read_tubespam(require_corpus("tubespam", "TubeSpam_test.csv")))
    assert result.total == 392
    assert result.flagged.precision >= 0.95
    assert result.flagged.recall >= 0.5
