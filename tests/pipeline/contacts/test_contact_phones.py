"""Phone extraction: formats, region from the text, messenger channels, and non-phones."""

from __future__ import annotations

import pytest

from pipeline.contacts import extract_contacts


def phones(text: str, region: str | None = None) -> list[tuple[str, str]]:
    found = [c for c in extract_contacts(text, region=region) if c.kind == "phone"]
    for contact in found:
        assert text[contact.start : contact.end] == contact.raw
    return [(c.value, c.raw) for c in found]


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        ("call +234 803 123 4567 today", "+2348031234567", "+234 803 123 4567"),
        ("call +2348031234567.", "+2348031234567", "+2348031234567"),
        ("call (+234) 0803-123-4567 now", "+2348031234567", "(+234) 0803-123-4567"),
        ("tel +1 (555) 123-4567", "+15551234567", "+1 (555) 123-4567"),
        ("tel +1 (212) 736-5000", "+12127365000", "+1 (212) 736-5000"),
        ("ring 212.736.5000", "+12127365000", "212.736.5000"),
        ("ring 212 736 5000", "+12127365000", "212 736 5000"),
        ("toll free 1-212-736-5000", "+12127365000", "1-212-736-5000"),
        ("dial 00234 803 123 4567", "+2348031234567", "00234 803 123 4567"),
        ("+ 1 212 736 5000 anytime", "+12127365000", "+ 1 212 736 5000"),
        ("+60 12-345 6789", "+60123456789", "+60 12-345 6789"),
    ],
)
def test_finds_numbers(text: str, value: str, raw: str) -> None:
    assert phones(text) == [(value, raw)]


def test_letters_for_digits_only_when_the_result_is_valid() -> None:
    (contact,) = [c for c in extract_contacts("call +234 8O3 l23 4567") if c.kind == "phone"]
    assert contact.value == "+2348031234567"
    assert contact.obfuscated
    assert phones("model O8l-lO l") == []


def test_spaced_digits_are_obfuscated() -> None:
    text = "whatsapp + 2 3 4 8 0 3 1 2 3 4 5 6 7"
    (contact,) = [c for c in extract_contacts(text) if c.kind == "phone"]
    assert contact.value == "+2348031234567"
    assert contact.obfuscated
    assert contact.channels == ("whatsapp",)


def test_region_comes_from_a_country_code_elsewhere_in_the_text() -> None:
    text = "Nigeria office +234 803 123 4567 or local line 0805 765 4321"
    assert [v for v, _ in phones(text)] == ["+2348031234567", "+2348057654321"]


def test_region_comes_from_a_country_named() -> None:
    assert phones("our herbal home in Nigeria, call 0803 123 4567") == [
        ("+2348031234567", "0803 123 4567")
    ]


def test_site_default_region_is_used_after_the_text() -> None:
    assert phones("call 020 7946 0000", region="GB") == [("+442079460000", "020 7946 0000")]
    assert phones("call 020 7946 0000") == []


def test_international_number_without_plus_next_to_whatsapp() -> None:
    assert phones("whatsapp him 2348031234567") == [("+2348031234567", "2348031234567")]


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("call/whatapp +2348031234567 now", ("whatsapp",)),
        ("Whats-App him on this number:+2348031234567", ("whatsapp",)),
        ("WhatsApp/Viber: +2348031234567", ("whatsapp", "viber")),
        ("+2348031234567 (telegram)", ("telegram",)),
        ("call or text +2348031234567", ("call/text",)),
        ("call +2348031234567", ()),
    ],
)
def test_channels_from_words_around(text: str, channels: tuple[str, ...]) -> None:
    (contact,) = [c for c in extract_contacts(text) if c.kind == "phone"]
    assert contact.channels == channels


def test_channel_words_do_not_leak_to_the_next_number() -> None:
    text = "WhatsApp +2348031234567 or call +12127365000"
    found = [c for c in extract_contacts(text) if c.kind == "phone"]
    assert [c.channels for c in found] == [("whatsapp",), ()]


def test_wa_me_link_is_a_whatsapp_phone() -> None:
    text = "chat https://wa.me/2348031234567 now"
    found = extract_contacts(text)
    phone = [c for c in found if c.kind == "phone"]
    assert [(c.value, c.channels) for c in phone] == [("+2348031234567", ("whatsapp",))]
    assert phone[0].raw == "https://wa.me/2348031234567"


@pytest.mark.parametrize(
    "text",
    [
        "Cancer Epidemiology, Biomarkers & Prevention. 2009 18: 1386-1389.",
        "Hum Pathol 1992; 23:974.",
        "NCCN Guidelines Version 3.2013 Ductal Carcinoma in Situ.",
        "Accessed on August 07, 2013. Rates fell 20-25% since 1998-2004.",
        "seen on 12/04/2013 at 10:30, again 2013-04-12",
        "price $1,299.99 or 1.299.000 rupiah",
        "ISBN 978-3-16-148410-0",
        "order number 4155550199 shipped",
        "take 500 mg twice, 1000 mg max",
        "reference 2125550143 in your letter",
        "serial AB12127365000",
        "pages 1234-1299",
        "id 212736500012345678901234",
        "Comments (1) No. 1-1",
    ],
)
def test_not_phones(text: str) -> None:
    assert phones(text) == []


def test_a_country_named_far_away_does_not_steer_a_number() -> None:
    filler = "my back is much better now after the physio sessions. " * 10
    assert phones(f"we travelled to Mexico. {filler} call 919-951-0052") == [
        ("+19199510052", "919-951-0052")
    ]
    assert phones("our office in Mexico: call 919-951-0052") == [
        ("+529199510052", "919-951-0052")
    ]


def test_unknown_site_region_falls_back() -> None:
    assert phones("call 212 736 5000", region="XX") == [("+12127365000", "212 736 5000")]


def test_a_number_with_no_possible_nanp_area_code_is_no_us_number() -> None:
    # A South African landline on a site with no region: no area code starts with 0 or 1,
    # so it is no unassigned US number either (never guess the region).
    assert phones("010 492 7370 help@support.example") == []
    assert phones("010 492 7370", region="ZA") == [("+27104927370", "010 492 7370")]
    # Fictional US numbers keep reading as phones (labelled so in the dev corpus).
    assert phones("call Jenny at 555-123-4567") == [("+15551234567", "555-123-4567")]
