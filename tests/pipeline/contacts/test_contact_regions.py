"""Region inference and the words around a number (messenger spellings, phone words)."""

from __future__ import annotations

import pytest

from pipeline.contacts import domains
from pipeline.contacts.context import read_context
from pipeline.contacts.regions import FALLBACK_REGION, implied_regions, region_order


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("call +234 803 123 4567", ("NG",)),
        ("dial 0044 20 7946 0000", ("GB",)),
        ("a herbalist in South Africa", ("ZA",)),
        ("from the UK", ("GB",)),
        ("the uk spelling", ()),
        ("+1 more vote", ()),  # a plus sign before a short number is not a country code
        ("order 919-951-0052", ()),  # "0052" inside a number is not an international prefix
        ("Ghana office, +1 212 736 5000", ("US", "GH")),  # codes first, then names
    ],
)
def test_implied_regions(text: str, regions: tuple[str, ...]) -> None:
    assert implied_regions(text) == regions


def test_region_order_puts_the_default_last() -> None:
    assert region_order(("NG",), "gb") == ("NG", "GB")
    assert region_order((), None) == (FALLBACK_REGION,)
    assert region_order(("US",), "US") == ("US",)


@pytest.mark.parametrize(
    ("before", "after", "channels"),
    [
        ("call/whatapp ", "", ("whatsapp",)),
        ("Whats-App him on ", "", ("whatsapp",)),
        ("what's app ", "", ("whatsapp",)),
        ("Whats  App: ", "", ("whatsapp",)),
        ("whasapp ", "", ("whatsapp",)),
        ("WA: ", "", ("whatsapp",)),
        ("w/a ", "", ("whatsapp",)),
        ("wa ", "", ()),  # lower-case "wa" is too often a word
        ("Viber / Telegram ", "", ("viber", "telegram")),
        ("", " (imo)", ("imo",)),
        ("Signal: ", "", ("signal",)),
        ("call or text ", "", ("call/text",)),
        ("call ", "", ()),
    ],
)
def test_channels_from_words(before: str, after: str, channels: tuple[str, ...]) -> None:
    assert read_context(before, after).channels == channels


def test_phone_words_and_negative_words() -> None:
    assert read_context("please call ", "").strength == "strong"
    assert read_context("contact number ", "").strength == "weak"
    assert read_context("WhatsApp ", "").strength == "channel"
    assert read_context("order number ", "").negative
    assert not read_context("call me on ", "").negative


def test_public_suffix_list_is_the_bundled_snapshot() -> None:
    assert domains._EXTRACT.suffix_list_urls == ()
    assert domains.registered_domain("a.b.blogspot.com") == "blogspot.com"
    assert domains.registered_domain("x.example.co.uk") == "example.co.uk"
    assert domains.registered_domain("localhost") is None
