"""E-mail extraction: plain, disguised, and the things that only look like addresses."""

from __future__ import annotations

import pytest

from pipeline.contacts import extract_contacts


def emails(text: str) -> list[tuple[str, str, bool]]:
    found = [c for c in extract_contacts(text) if c.kind == "email"]
    for contact in found:
        assert text[contact.start : contact.end] == contact.raw
    return [(c.value, c.raw, c.obfuscated) for c in found]


@pytest.mark.parametrize(
    ("text", "value", "raw", "obfuscated"),
    [
        (
            "write to Healer.Joe@Example.org today",
            "healer.joe@example.org",
            "Healer.Joe@Example.org",
            False,
        ),
        (
            "mail: herbcentre at gmail dot com now",
            "herbcentre@gmail.com",
            "herbcentre at gmail dot com",
            True,
        ),
        (
            "herbcentre(at)gmail(dot)com",
            "herbcentre@gmail.com",
            "herbcentre(at)gmail(dot)com",
            True,
        ),
        (
            "herbcentre [at] gmail [.] com",
            "herbcentre@gmail.com",
            "herbcentre [at] gmail [.] com",
            True,
        ),
        ("herbcentre @ gmail . com", "herbcentre@gmail.com", "herbcentre @ gmail . com", True),
        ("herbcentre＠gmail.com", "herbcentre@gmail.com", "herbcentre＠gmail.com", True),
        (
            "herb\u200bcentre@gma\u200cil.com",
            "herbcentre@gmail.com",
            "herb\u200bcentre@gma\u200cil.com",
            True,
        ),
        ("herbcentre@gmail.\ncom", "herbcentre@gmail.com", "herbcentre@gmail.\ncom", True),
        ("herbcentre\n@gmail.com", "herbcentre@gmail.com", "herbcentre\n@gmail.com", True),
        ("reach herbcentre@gmailcom fast", "herbcentre@gmail.com", "herbcentre@gmailcom", True),
        ("(herbcentre@gmail com )", "herbcentre@gmail.com", "herbcentre@gmail com", True),
        ("x.herb @ yahoo. com", "x.herb@yahoo.com", "x.herb @ yahoo. com", True),
        ("ends a sentence herbs@clinic.co.uk.", "herbs@clinic.co.uk", "herbs@clinic.co.uk", False),
        (
            ".glued@mail.example.net .next",
            "glued@mail.example.net",
            "glued@mail.example.net",
            False,
        ),
        ("intl admin@voilà.fr ok", "admin@voilà.fr", "admin@voilà.fr", False),
    ],
)
def test_finds_addresses(text: str, value: str, raw: str, obfuscated: bool) -> None:
    assert emails(text) == [(value, raw, obfuscated)]


@pytest.mark.parametrize(
    "text",
    [
        "thanks @username for the tip",
        "use logo@2x.png on retina screens",
        "ssh user@localhost to test",
        "pinned to lib@1.2.3 and node@18",
        "we met at home.com? no",
        "I was there at noon dot com",  # no address: "noon dot com" is not after a local part
        "IT CAN BE DIFFICULT AT TIMES. IT DOES NOT STAY",
        "incomplete herbcentre at yahoo and nothing else",
        "a@" * 40,
    ],
)
def test_ignores_lookalikes(text: str) -> None:
    assert emails(text) == []


def test_bare_at_needs_a_provider_or_disguised_dot() -> None:
    assert emails("see me at clinic.com") == []
    assert emails("herbcentre at yahoo.com") == [
        ("herbcentre@yahoo.com", "herbcentre at yahoo.com", True)
    ]


def test_domain_is_the_registered_domain() -> None:
    (contact,) = extract_contacts("contact doc@mail.clinic.co.uk")
    assert contact.domain == "clinic.co.uk"
