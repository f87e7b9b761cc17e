"""Handles whose service is named after them: "DM @name on Instagram"."""

from __future__ import annotations

import pytest

from pipeline.contacts import extract_contacts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DM @herbal_mama_joy on Instagram for the cure", [("instagram", "herbal_mama_joy")]),
        ("message @drbenson_herbs on Telegram today", [("telegram", "drbenson_herbs")]),
        ("follow @herbalcentre via Instagram.", [("instagram", "herbalcentre")]),
        # Not handles: no service named, or the "@" of an e-mail address.
        ("I saw @john on TV last night", []),
        ("write to mary@example.org on Facebook", [("email", "mary@example.org")]),
        ("@the on telegram", []),
    ],
)
def test_handle_named_after(text: str, expected: list[tuple[str, str]]) -> None:
    found = extract_contacts(text)
    assert [(c.kind, c.value) for c in found] == expected
    for contact in found:
        assert text[contact.start:contact.end] == contact.raw


def test_long_run_before_a_service_word_is_cheap() -> None:
    text = ("@" + "a" * 60 + " on ") * 2000 + "Instagram"
    assert isinstance(extract_contacts(text), list)
