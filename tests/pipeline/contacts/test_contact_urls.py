"""URL extraction: links, bare domains, defanged links, shorteners, and prose that is not."""

from __future__ import annotations

import pytest

from pipeline.contacts import extract_contacts


def urls(text: str) -> list[tuple[str, str]]:
    found = [c for c in extract_contacts(text) if c.kind == "url"]
    for contact in found:
        assert text[contact.start : contact.end] == contact.raw
    return [(c.value, c.raw) for c in found]


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        (
            "His blog https://herbhealer.blogspot.com",
            "https://herbhealer.blogspot.com/",
            "https://herbhealer.blogspot.com",
        ),
        (
            "see herbhealer.blogspot.com.",
            "http://herbhealer.blogspot.com/",
            "herbhealer.blogspot.com",
        ),
        (
            "go to www.example.org/path?q=1, then",
            "http://www.example.org/path?q=1",
            "www.example.org/path?q=1",
        ),
        (
            "(see https://example.org/a_(b))",
            "https://example.org/a_(b)",
            "https://example.org/a_(b)",
        ),
        (
            "[site](https://example.org/page).",
            "https://example.org/page",
            "https://example.org/page",
        ),
        ("HTTPS://EXAMPLE.ORG/Path", "https://example.org/Path", "HTTPS://EXAMPLE.ORG/Path"),
        (
            "hxxps://evil[.]example[.]com/x",
            "https://evil.example.com/x",
            "hxxps://evil[.]example[.]com/x",
        ),
        ("visit herbs . example . org today", "http://herbs.example.org/", "herbs . example . org"),
        ("at tinyurl(dot)com/abc", "http://tinyurl.com/abc", "tinyurl(dot)com/abc"),
        ("http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"),
        ("Shop at Herbstore.com!", "http://herbstore.com/", "Herbstore.com"),
        ("https://example.org/#top", "https://example.org/", "https://example.org/#top"),
    ],
)
def test_finds_links(text: str, value: str, raw: str) -> None:
    assert urls(text) == [(value, raw)]


@pytest.mark.parametrize(
    "text",
    [
        "run setup.py and read README.md",
        "I was cured.It was a miracle",
        "join us today.you will see",
        "e.g. this, i.e. that, a.m. and p.m.",
        "Version 3.2013 of the guideline",
        "it costs 1.50 per day",
        "the truncated https://example.org/very/long/pa...",
        "www.example.org/.../page/",
        "Paul dot com is not a site",
        "SHOUTING REPORT. NET PROFIT",
        "she was home.it rained",
        "mail me x@example.org",
    ],
)
def test_ignores_lookalikes(text: str) -> None:
    assert urls(text) == []


def test_shortener_and_registered_domain() -> None:
    (short,) = [c for c in extract_contacts("click bit.ly/abc123") if c.kind == "url"]
    assert short.shortener
    assert short.domain == "bit.ly"
    (blog,) = [c for c in extract_contacts("https://a.b.blogspot.com/x") if c.kind == "url"]
    assert not blog.shortener
    assert blog.domain == "blogspot.com"


def test_defanged_link_is_obfuscated() -> None:
    (contact,) = [c for c in extract_contacts("hxxp://bad[.]example[.]net/x") if c.kind == "url"]
    assert contact.obfuscated
    (plain,) = [c for c in extract_contacts("http://good.example.org/x") if c.kind == "url"]
    assert not plain.obfuscated


def test_cjk_punctuation_ends_a_link() -> None:
    assert urls("看 https://example.org/abc。好") == [
        ("https://example.org/abc", "https://example.org/abc")
    ]
