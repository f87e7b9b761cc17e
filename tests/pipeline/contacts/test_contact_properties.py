"""Property and hostile-input tests: no extractor raises, offsets always hold, work stays linear.

No wall-clock thresholds: pathological inputs must simply finish (a catastrophic regex
would hang the suite), and the phone stage's work is counted in phonenumbers calls.
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.contacts import CONTACT_KINDS, DEFAULT_EXTRACTORS, extract_contacts
from pipeline.contacts.base import ExtractionContext
from pipeline.contacts.normalise import MAX_TEXT_CHARS, make_view

# Characters that exercise every pattern: at/dot words and brackets, digits and their
# look-alike letters, scheme punctuation, fullwidth and invisible characters.
TRICKY = "aAtTdoDOmcwhsp@.()[]{}<>:/\\-_+ 0123456789OolI\n\t\u200b＠．＋０ｗ"
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def check_invariants(text: str) -> None:
    found = extract_contacts(text)
    assert found == sorted(found, key=lambda c: (c.start, c.end, CONTACT_KINDS.index(c.kind)))
    for contact in found:
        assert contact.kind in CONTACT_KINDS
        assert 0 <= contact.start < contact.end <= len(text)
        assert text[contact.start : contact.end] == contact.raw
        assert contact.value


@SETTINGS
@given(st.text(alphabet=TRICKY, max_size=300))
def test_tricky_text_keeps_the_invariants(text: str) -> None:
    check_invariants(text)


@SETTINGS
@given(st.text(max_size=200))
def test_any_unicode_keeps_the_invariants(text: str) -> None:
    check_invariants(text)


@SETTINGS
@given(
    st.lists(
        st.sampled_from([
            "mail", "dr.x", " at ", "(at)", " dot ", "[.]", "gmail", "com", "@", "+234",
            " 803 ", "123", "4567", "whatsapp", "http://", "www.", "t.me/", "wa.me/",
            "telegram:", "@name", ".", " ", "\n", "O", "l", "/", "-", "(", ")",
        ]),
        max_size=40,
    ).map("".join)
)
def test_no_extractor_raises_on_contact_fragments(text: str) -> None:
    view = make_view(text)
    context = ExtractionContext(text=view.text, default_region="US")
    for extractor in DEFAULT_EXTRACTORS:
        # extract() itself, not run(): run() would log and swallow an exception.
        for contact in extractor.extract(view, context):
            assert text[contact.start : contact.end] == contact.raw
    check_invariants(text)


PATHOLOGICAL = {
    "at signs": "a@" * 50_000,
    "dotted digits": "1." * 50_000,
    "at words": " at " * 30_000,
    "digits": "9" * 100_000,
    "dots": "." * 100_000,
    "letters and dots": "a." * 50_000,
    "defanged dots": "a[.]" * 25_000,
    "worded dots": "a dot " * 20_000,
    "bracketed at": "x(at)" * 20_000,
    "plus ones": "+1 " * 30_000,
    "spaced digits": "1 " * 50_000,
    "look-alike digits": "1O" * 50_000,
    "schemes": "http://" * 10_000,
    "www": "www." * 30_000,
    "messenger words": "whatsapp 1 " * 10_000,
    "handles": "telegram @" * 10_000,
    "many addresses": "ab@cd.com " * 8_000,
    "many numbers": "+234 803 123 4567 " * 4_000,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_completes(text: str) -> None:
    found = extract_contacts(text)
    assert all(c.end <= MAX_TEXT_CHARS + 100 for c in found)


def test_only_text_within_the_cap_is_reported() -> None:
    found = extract_contacts("ab@cd.com " * 8_000)
    assert 0 < len(found) <= MAX_TEXT_CHARS // 10
    assert max(c.end for c in found) <= MAX_TEXT_CHARS


class CountingParse:
    """Wraps phonenumbers.parse to count how often the phone stage asks it."""

    def __init__(self) -> None:
        self.calls = 0
        self.real = phonenumbers.parse

    def __call__(self, *args: object, **kwargs: object) -> phonenumbers.PhoneNumber:
        self.calls += 1
        return self.real(*args, **kwargs)


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> CountingParse:
    counter = CountingParse()
    monkeypatch.setattr(phonenumbers, "parse", counter)
    return counter


def test_phone_work_follows_the_digits_not_the_text(parse_calls: CountingParse) -> None:
    prose = "my back pain got better after physio and a new chair. " * 800
    extract_contacts(prose, region="US")
    assert parse_calls.calls == 0
    extract_contacts(prose + " call +234 803 123 4567 or 212 736 5000", region="US")
    assert 1 <= parse_calls.calls <= 6


def test_phone_work_is_linear_in_the_numbers(parse_calls: CountingParse) -> None:
    one = "call 212 736 5000 today. "
    extract_contacts(one, region="US")
    per_number = parse_calls.calls
    parse_calls.calls = 0
    found = extract_contacts(one * 50, region="US")
    assert len(found) == 50
    assert parse_calls.calls <= 50 * per_number
