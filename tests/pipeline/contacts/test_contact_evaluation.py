"""evaluate_contacts: comparison rules, counts, and the targets on the dev corpus."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluation.contacts import (
    email_key,
    evaluate_contacts,
    phone_key,
    url_key,
)
from pipeline.evaluation.labelled import LabelledComment, read_labelled
from pipeline.findings import Contact
from tests.conftest import require_corpus


def record(text: str, **truth: tuple[str, ...]) -> LabelledComment:
    return LabelledComment(id=f"r{abs(hash(text)) % 1000}", text=text, label="scam", **truth)


def test_keys_read_contacts_as_written() -> None:
    assert email_key("Herb @ Gmail . com") == "herb@gmail.com"
    assert email_key("herb(at)gmail(dot)com") == "herb@gmail.com"
    assert email_key("herb@gmailcom") == "herb@gmail.com"
    assert phone_key("+1 (212) 736-5000", ["US"]) == "+12127365000"
    assert phone_key("0803 123 4567", ["NG", "US"]) == "+2348031234567"
    assert phone_key("12", ["US"]) == "digits:12"
    assert url_key("https://www.Example.org/a/?x=1#f") == "example.org/a"
    assert url_key("herbs . example . org") == "herbs.example.org"


def test_counts_true_false_and_missed() -> None:
    records = [
        record(
            "mail herb at gmail dot com or WhatsApp +234 803 123 4567",
            emails=("herb at gmail dot com",),
            phones=("+234 803 123 4567",),
            handles=("whatsapp:+234 803 123 4567",),
        ),
        record(
            "visit herbs.example.org, call 212 736 5000",
            urls=("herbs.example.org", "https://missing.example.com/"),
            phones=(),
        ),
        record(
            '<p>see <a href="https://example.org/x">here</a></p>', urls=("https://example.org/x",)
        ),
    ]
    result = evaluate_contacts(records)
    email, phone, url, handle = (result.kind(k) for k in ("email", "phone", "url", "handle"))
    assert (email.tp, email.fp, email.fn) == (1, 0, 0)
    assert (phone.tp, phone.fp, phone.fn) == (1, 1, 0)
    assert phone.false_finds[0].value == "+12127365000"
    assert (url.tp, url.fp, url.fn) == (2, 0, 1)
    assert url.misses[0].value == "missing.example.com"
    assert (handle.tp, handle.fp, handle.fn) == (1, 0, 0)
    assert url.precision == 1.0
    assert url.recall == pytest.approx(2 / 3)
    data = json.loads(json.dumps(result.to_json()))
    assert data["kinds"]["phone"]["false_finds"] == [{"id": records[1].id, "value": "+12127365000"}]
    text = result.render_text()
    assert "phone false finds:" in text
    assert "+12127365000" in text


def test_another_extractor_can_be_scored() -> None:
    def nothing(text: str) -> list[Contact]:
        return []

    result = evaluate_contacts(
        [record("herb@example.org", emails=("herb@example.org",))], extract=nothing
    )
    assert result.kind("email").recall == 0.0
    assert result.kind("email").f1 == 0.0


@pytest.mark.corpus
def test_targets_on_the_dev_corpus() -> None:
    records = read_labelled(require_corpus("dev", "comments.jsonl"))
    result = evaluate_contacts(records)
    assert result.kind("email").f1 >= 0.97
    assert result.kind("phone").f1 >= 0.99
    assert result.kind("url").f1 >= 0.97


@pytest.mark.corpus
def test_few_false_finds_on_health_texts() -> None:
    records = read_labelled(require_corpus("ham-health", "texts.jsonl"))
    result = evaluate_contacts(records)
    false_finds = sum(result.kind(k).fp for k in ("email", "phone", "url", "handle"))
    assert false_finds <= len(records) // 200
