"""The pure linker: keys, shared infrastructure, personas, near-duplicates, stable ids."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from pipeline.campaigns import LinkConfig, LinkContact, LinkInput, find_personas, link_comments
from pipeline.campaigns.keys import contact_keys, link_keys
from pipeline.campaigns.linking import campaign_id
from tests.pipeline.campaigns.campaign_templates import fake_other, fake_testimonial

T0 = datetime(2026, 2, 1, tzinfo=UTC)


def item(
    cid: int, text: str, *contacts: tuple[str, str], minutes: int = 0, site: str | None = None
) -> LinkInput:
    return LinkInput(
        comment_id=cid,
        text=text,
        contacts=tuple(LinkContact(k, v) for k, v in contacts),
        seen_at=T0 + timedelta(minutes=minutes if minutes else cid),
        site_domain=site,
    )


def groups(clusters) -> set[frozenset[int]]:
    return {frozenset(c.comment_ids) for c in clusters}


@pytest.mark.parametrize(
    ("kind", "value", "site", "expected"),
    [
        ("email", "drokarobo@gmail.com", None, ["email:drokarobo@gmail.com"]),
        (
            "email",
            "help@okaroboherbs.example",
            None,
            ["email:help@okaroboherbs.example", "domain:okaroboherbs.example"],
        ),
        ("phone", "+2348011111111", None, ["phone:+2348011111111"]),
        (
            "url",
            "https://drokarobo.blogspot.com/2024/cure.html",
            None,
            ["host:drokarobo.blogspot.com"],
        ),
        ("url", "https://www.blogspot.com/", None, []),
        ("url", "https://wa.me/2348011111111", None, ["phone:+2348011111111"]),
        ("url", "https://wa.me/", None, []),
        ("url", "https://bit.ly/", None, []),
        ("url", "https://bit.ly/3xYzAb", None, ["short:bit.ly/3xyzab"]),
        ("url", "https://www.who.int/news-room/fact-sheets", None, []),
        ("url", "https://www.cdc.gov/herpes", None, []),
        ("url", "https://www.nhs.uk/conditions/", None, []),
        ("url", "https://healthblog.example.org/article-2", "healthblog.example.org", []),
        ("url", "https://okaroboherbs.example/shop", None, ["domain:okaroboherbs.example"]),
        (
            "url",
            "https://www.facebook.com/okarobo.herbs",
            None,
            ["acct:facebook.com/okarobo.herbs"],
        ),
        ("url", "https://www.facebook.com/sharer.php?u=x", None, []),
        ("telegram", "DrOkarobo", None, ["telegram:drokarobo"]),
    ],
)
def test_contact_keys(kind: str, value: str, site: str | None, expected: list[str]) -> None:
    assert contact_keys(LinkContact(kind, value), site) == expected


def test_link_keys_caps_hostile_values() -> None:
    keys = link_keys([LinkContact("telegram", "x" * 100_000)])
    assert all(len(k) <= 300 for k in keys)


def test_shared_contacts_link_transitively() -> None:
    clusters = link_comments(
        [
            item(1, "herbs for herpes", ("email", "okarobo@mailbox.example")),
            item(
                2,
                "cured my diabetes",
                ("email", "okarobo@mailbox.example"),
                ("phone", "+2348011111111"),
            ),
            item(
                3,
                "spell for fibroids",
                ("phone", "+2348011111111"),
                ("url", "https://okarobo-temple.blogspot.com/"),
            ),
            item(4, "hiv is gone", ("url", "https://okarobo-temple.blogspot.com/p/contact.html")),
            item(5, "unrelated loan offer", ("phone", "+15550001111")),
        ]
    )
    assert groups(clusters) == {frozenset({1, 2, 3, 4}), frozenset({5})}


def test_shared_infrastructure_is_not_a_link() -> None:
    clusters = link_comments(
        [
            item(
                1,
                "herbs cured me",
                ("email", "healer.one@gmail.com"),
                ("url", "https://www.blogspot.com/"),
                ("url", "https://www.who.int/hiv"),
            ),
            item(
                2,
                "spell cured me",
                ("email", "healer.two@gmail.com"),
                ("url", "https://www.blogspot.com/"),
                ("url", "https://www.who.int/hiv"),
            ),
            item(
                3,
                "roots cured me",
                ("url", "https://wa.me/"),
                ("url", "https://bit.ly/"),
                ("url", "https://healthblog.example.org/post"),
                site="healthblog.example.org",
            ),
            item(
                4,
                "leaves cured me",
                ("url", "https://healthblog.example.org/post"),
                site="healthblog.example.org",
            ),
        ]
    )
    assert len(clusters) == 4


def test_persona_name_alone_does_not_link() -> None:
    clusters = link_comments(
        [
            item(1, "Dr Okarobo cured my herpes with roots", ("phone", "+2348011111111")),
            item(2, "Thanks to Dr Okarobo my sugar level is normal", ("phone", "+2348022222222")),
            item(3, "Dr Okarobo is the best, no more asthma"),
        ]
    )
    assert len(clusters) == 3
    assert {c.label for c in clusters} == {"Dr Okarobo"}


def test_near_duplicate_template_with_fresh_number_joins() -> None:
    clusters = link_comments(
        [
            item(
                1,
                fake_testimonial("Mary Lou", "Dr Okarobo", "+2348011111111"),
                ("phone", "+2348011111111"),
            ),
            item(
                2,
                fake_testimonial("Jane Fox", "Dr Okarobo", "+2348099999999"),
                ("phone", "+2348099999999"),
            ),
            item(3, fake_other("Dr Okarobo", "+2348077777777"), ("phone", "+2348077777777")),
        ]
    )
    assert groups(clusters) == {frozenset({1, 2}), frozenset({3})}


def test_template_without_contacts_or_persona_joins() -> None:
    text = fake_testimonial("Mary Lou", "my herbalist", "his number")
    clusters = link_comments([item(1, text), item(2, text.replace("Mary Lou", "Ann Ray"))])
    assert len(clusters) == 1
    assert clusters[0].label.startswith("template ")


def test_stolen_template_with_other_persona_and_contacts_stays_apart() -> None:
    clusters = link_comments(
        [
            item(
                1,
                fake_testimonial("Mary Lou", "Dr Okarobo", "+2348011111111"),
                ("phone", "+2348011111111"),
            ),
            item(
                2,
                fake_testimonial("Mary Lou", "Dr Ubagi", "+2348099999999"),
                ("phone", "+2348099999999"),
            ),
        ]
    )
    assert len(clusters) == 2
    vetoless = link_comments(
        [
            item(
                1,
                fake_testimonial("Mary Lou", "Dr Okarobo", "+2348011111111"),
                ("phone", "+2348011111111"),
            ),
            item(
                2,
                fake_testimonial("Mary Lou", "Dr Ubagi", "+2348099999999"),
                ("phone", "+2348099999999"),
            ),
        ],
        LinkConfig(stolen_template_veto=False),
    )
    assert len(vetoless) == 1


def test_persona_strengthens_a_moderately_similar_text() -> None:
    def pair(second_healer: str) -> int:
        return len(
            link_comments(
                [
                    item(1, fake_testimonial("Mary Lou", "Dr Okarobo", "+2348011111111")),
                    item(
                        2,
                        fake_testimonial(
                            "Jane Fox", second_healer, "+2348099999999", moderate=True
                        ),
                    ),
                ]
            )
        )

    assert pair("Dr Okarobo") == 1
    assert pair("Dr Ubagi") == 2


def test_contacts_named_after_the_persona_link() -> None:
    clusters = link_comments(
        [
            item(1, "Lord Okarobo brought my husband back", ("email", "lordokarobo7@gmail.com")),
            item(2, "Contact Doctor Okarobo for fibroids", ("email", "okarobotemple@yahoo.com")),
            item(3, "Doctor Okarobo fixed it", ("email", "someone.else@yahoo.com")),
        ]
    )
    assert groups(clusters) == {frozenset({1, 2}), frozenset({3})}


def test_campaign_id_comes_from_earliest_contact_not_row_order() -> None:
    inputs = [
        item(10, "a", ("phone", "+2348011111111"), minutes=5),
        item(3, "b", ("phone", "+2348011111111"), ("email", "x@okarobo.example"), minutes=9),
    ]
    first = link_comments(inputs)
    again = link_comments(list(reversed(inputs)))
    renumbered = link_comments(
        [
            item(99, "a", ("phone", "+2348011111111"), minutes=5),
            item(1, "b", ("phone", "+2348011111111"), ("email", "x@okarobo.example"), minutes=9),
        ]
    )
    assert first[0].id == again[0].id == renumbered[0].id == campaign_id("phone:+2348011111111")
    assert first[0].label == "+2348011111111"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I contacted Dr Okarobo on whatsapp", ["okarobo"]),
        ("thanks to DR. OKAROBO and Priest Ubagi", ["okarobo", "ubagi"]),
        ("the doctor told me to rest", []),
        ("Dr The and Dr Is are not names", []),
        ("my husband Mr Johnson left", []),
        ("email: dr.okarobo@mailbox.example", []),
    ],
)
def test_find_personas(text: str, expected: list[str]) -> None:
    assert [p.key for p in find_personas(text)] == expected


def test_short_plugs_with_different_numbers_do_not_link() -> None:
    clusters = link_comments([
        item(1, "WhatsApp him on +2348011111111 now", ("phone", "+2348011111111")),
        item(2, "WhatsApp him on +2348099999999 now", ("phone", "+2348099999999")),
        item(3, "WhatsApp him on +2348099999999 now", ("phone", "+2348099999999")),
    ])
    assert groups(clusters) == {frozenset({1}), frozenset({2, 3})}


def test_hostile_text_is_capped() -> None:
    text = fake_testimonial("Mary Lou", "Dr Okarobo", "+2348011111111") + (
        " Dr" * 200_000 + " " + "a" * 1_000_000)
    started = time.perf_counter()
    clusters = link_comments([item(1, text), item(2, text)])
    assert len(clusters) == 1
    assert time.perf_counter() - started >= 0  # finishes at all: patterns are flat and capped


def test_infrastructure_named_like_the_persona_does_not_link() -> None:
    clusters = link_comments([
        item(1, "I asked Dr Google and found my cure", ("url", "https://www.google.com/search")),
        item(2, "Dr Google says herbs work", ("url", "https://www.google.com/")),
    ])
    assert len(clusters) == 2
