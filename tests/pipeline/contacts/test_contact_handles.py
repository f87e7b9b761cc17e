"""Messenger and social handles: named by the words around them or by a profile link."""

from __future__ import annotations

import pytest

from pipeline.contacts import extract_contacts


def handles(text: str) -> list[tuple[str, str, str]]:
    found = [c for c in extract_contacts(text) if c.kind not in ("email", "phone", "url")]
    for contact in found:
        assert text[contact.start : contact.end] == contact.raw
    return [(c.kind, c.value, c.raw) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Telegram: @HerbHealer_01 now", ("telegram", "herbhealer_01", "@HerbHealer_01")),
        ("message him on telegram @herbhealer", ("telegram", "herbhealer", "@herbhealer")),
        ("IG @herbal.home", ("instagram", "herbal.home", "@herbal.home")),
        ("Instagram: herbal_home", ("instagram", "herbal_home", "herbal_home")),
        ("WeChat ID: drli_88 thanks", ("wechat", "drli_88", "drli_88")),
        ("skype: live:.cid.abc123", ("skype", "live:.cid.abc123", "live:.cid.abc123")),
        ("Snapchat - herbqueen", ("snapchat", "herbqueen", "herbqueen")),
        ("Signal username: herbs.42", ("signal", "herbs.42", "herbs.42")),
        ("Viber: @herbhome", ("viber", "herbhome", "@herbhome")),
    ],
)
def test_named_handles(text: str, expected: tuple[str, str, str]) -> None:
    assert handles(text) == [expected]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("join t.me/herbhealer", "telegram", "herbhealer"),
        ("https://www.instagram.com/herbal.home/", "instagram", "herbal.home"),
        ("like facebook.com/HerbalHome", "facebook", "herbalhome"),
        ("https://www.facebook.com/profile.php?id=1234567", "facebook", "profile.php?id=1234567"),
        ("snapchat.com/add/herbqueen", "snapchat", "herbqueen"),
    ],
)
def test_profile_links_name_a_handle_and_stay_links(text: str, kind: str, value: str) -> None:
    found = extract_contacts(text)
    assert [(c.kind, c.value) for c in found if c.kind == kind] == [(kind, value)]
    assert [c.kind for c in found].count("url") == 1
    link = next(c for c in found if c.kind == "url")
    named = next(c for c in found if c.kind == kind)
    assert (named.start, named.end) == (link.start, link.end)


@pytest.mark.parametrize(
    "text",
    [
        "they hack facebook, instagram, whatsapp and telegram accounts",
        "thanks @username for the answer",
        "I want to play on skype tonight",
        "the signal was weak today",
        "https://www.facebook.com/sharer.php?u=x",
        "https://www.instagram.com/p/Bx12/",
        "telegram: drx@gmail.com",
        "t.me/@",
    ],
)
def test_not_handles(text: str) -> None:
    assert handles(text) == []
