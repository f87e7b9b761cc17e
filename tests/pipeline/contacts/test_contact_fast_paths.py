"""Fast paths give exactly what the plain versions they replace give.

The contact stage skips work with cheap tests (one-character ``memchr`` gates before
substring searches, a stricter check before reading a bare domain, one ``split`` instead of
a match object per word). Each test here runs the fast version and the plain one side by
side, on hand-written texts (plain, obfuscated, unicode, hostile) and on generated ones,
and requires equal results.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.contacts import extract_contacts, phones, urls
from pipeline.contacts.context import _channels, _words, read_channels, read_context
from pipeline.contacts.emails import _may_have_worded_at
from pipeline.contacts.handles import (
    _CASE_ODD_LETTERS,
    _KIND_OF_WORD,
    _SERVICE_WORDS,
    _mentions_a_service,
    _service_words,
)
from pipeline.contacts.normalise import make_view

TEXTS = [
    "",
    "nothing to see here, just a comment about my back pain.",
    "Скайп evg7773, Телеграм: @drsmith, ВАЙБЕР @herbs, \u1c80айбер: drx_1, ватсап +7 916 123 45 67",
    "пишите в скайпе: drkalu или @herbal_mama в инстаграме; ТГ: @drsmith, Телеграм-канал @x",
    "Write to dr.smith@gmail.com or call +234 816 208 4839 today",
    "mail dr x at gmail dot com or WhatsApp +234 816 208 4839",
    "email: herbal.home (at) yahoo [dot] com",
    "contact him on dr_ade[at]outlook.com\tor ade\tat\tgmail.com",
    "reach me {at} mail <at> box, or x[ at]gmail.com, y( at )gmail.com",
    "visit hxxps://cure-home[.]blogspot[.]com/p/contact.html now",
    "my site: www.example.org/page. Thanks.\n\nthe next paragraph starts here.",
    "see example.org.\nnext line is lower case and example .com is spaced",
    "a sentence ends.\n\nanother one starts. And one more.\r\ncure.net\n\nok",
    "dots at the end of lines.\n  indented line\n\tand a tab.\n com",
    "Telegram: @dr_cure_home, IG @herbal.home, SC: snapname, TG @tgname",
    "FB page facebook.com/herbalhome and t.me/drsmith and wa.me/2348162084839",
    "WeChat ID: dr_li88 / weixin drli99, viber: drviber, skype live:drskype",
    "DM @herbal_mama on Instagram, Signal: dr.01, whatsapp me",
    "ig and sc and tg and fb in lower case are ordinary words",
    "Ig: drsmith1, Tg: drsmith2, Fb: drsmith3, Sc: drsmith4",
    "call/whatapp +2348162084839, Whats-App him on 0803 123 4567",
    "w/a 08031234567 or W.A +1 (212) 555-0142 what's app 07012345678",
    "WhatsApp:+44 7911 123456 telegrem 0803 123 4567 imo 0805 765 4321",
    "ref 1234567890 order no 9876543210 ISBN 978-3-16-148410-0",
    "dates 12/3/2015 and 2009-2011 and 1386-1389, 500 mg twice daily",
    "ｄｒ＠ｇｍａｉｌ．ｃｏｍ and ＋２３４ ８１６ ２０８ ４８３９",
    "zero\u200bwidth dr\u200b@\u200bgmail.com soft\u00adhyphen site\u200b.com",
    "İstanbul ß straße café.fr naïve.com résumé at home.com",
    "Ａｔ ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｏｒｇ and ｗｗｗ．ｔｅｓｔ．ｃｏｍ",
    "http://192.168.0.1:8080/x ftp://files.example.net/a.zip h**ps://x.com",
    "e.g.voilà.fr and i.e. something.com, setup.py README.md",
    "Paul dot com and REPORT. NET and gmail . com and yahoo com",
    "(dr.x)[at](gmail)[dot](com) <at> {at} (@) [@]",
    "a@" * 300,
    " at " * 300,
    "1." * 400,
    "a.\n\n" * 300,
    ".\n" * 300,
    "www." * 200,
    "http://" * 100,
    "+1 " * 300,
    "whatsapp 1 " * 200,
    "telegram @" * 200,
    "IG SC TG FB " * 50,
    "G C B S I T F",
    "0803 123 4567 / 0805 765 4321, 1O2 3l4 5678 and (0803) 123-4567.",
    "digits ١٢٣٤٥٦٧٨٩٠ and ０８０３１２３４５６７ and 0O0O0O0O0O and l1l1l1l1l1",
    "x(.)com y[.]org z(dot)net w[dot]io (not a dot) [a list] (08031234567)",
    "visit cure(.)com or heal[.]org (a note) [ref] and http://x(.)net",
    "İnstagram: @dr_x, ınsta @dr_y, SİGNAL: dr.12, WhatsApp/TELEGRAM @dr_z",
    "xtelegram telegram_x telegrams Telegram-channel we chat WeChat weixin_1 snapchatter",
    "TeLeGrAm: @MiXeD, fAcEbOoK page: drmix, ſnap and ｔｅｌｅｇｒａｍ ＠drwide",
    "9" * 200 + " " + "1 " * 40 + "(" * 30 + "0" * 40,
]

# Characters that reach every branch of the gates: the letters of each needle, the
# brackets and blanks, capitals, line breaks, and a few non-ASCII look-alikes.
ALPHABET = "aAtTiIgGsScCfFbBwWhpnlreodvkyx@.()[]{}<>:/ \t\r\n'’0123456789＠．ｗ\u200b"
FRAGMENTS = [
    "at", " at ", "(at", "[at", "{at", "<at", "\tat", "at\t", "@", "IG", "SC", "TG", "FB",
    "telegram", "insta", "facebook", "chat", "weixin", "viber", "skype", "snap", "signal",
    "whatsapp", "gmail", ".", ". ", ".\n", ".\n\n", ".\r\n", " . ", "com", "org", "dot",
    "[.]", "(.)", "(", "[", "www.", "http://", "hxxp[://]", "(:)//", "x", "word", "Word", "\n", " ", "\t",
    "+234", "0803", "123 4567", "call", "what's", "app", "w/a", "’",
]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
generated = st.one_of(
    st.text(alphabet=ALPHABET, max_size=200),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
)


def plain_worded_at(lower: str) -> bool:
    """The e-mail pre-check as plain substring searches."""
    return not (" at " not in lower and "\tat" not in lower and "at\t" not in lower
                and "(at" not in lower and "[at" not in lower and "<at" not in lower
                and "{at" not in lower)


def plain_mentions_a_service(text: str, lower: str) -> bool:
    """The handle pre-check as plain substring searches."""
    return (
        "@" in text or "IG" in text or "SC" in text or "TG" in text or "FB" in text
        or "telegr" in lower or "insta" in lower or "faceb" in lower or "chat" in lower
        or "weixin" in lower or "viber" in lower or "skype" in lower or "snap" in lower
        or "signal" in lower or "whatsapp" in lower
        or "телегр" in lower or "вотсап" in lower or "ватсап" in lower or "вацап" in lower
        or "вайбер" in lower or "скайп" in lower or "инст" in lower or "інст" in lower
        or "ТГ" in text
    )


_TOKEN = re.compile(r"[^\W\d_]+")


def plain_words(segment: str) -> list[tuple[str, str, str]]:
    """The word splitter as one match object per word."""
    words: list[tuple[str, str, str]] = []
    previous = 0
    for match in _TOKEN.finditer(segment):
        written = match.group(0)
        gap = segment[previous : match.start()].strip("\t")
        previous = match.end()
        if words and gap in ("'", "’"):
            lower, before, first_gap = words.pop()
            words.append((lower + written.lower(), before + written, first_gap))
            continue
        words.append((written.lower(), written, gap))
    return words


def plain_scheme_colons(text: str) -> list[int]:
    """Every ``:/``, ``[:`` and ``(:`` found by plain searches, no ":" gate."""
    positions = [m.start() for needle in (":/", "[:", "(:")
                 for m in re.finditer(re.escape(needle), text)]
    return sorted(positions)


def plain_separators(text: str, lower: str) -> list[int]:
    """Bare-domain separators found with one regex scan over every character."""
    if "dot" in lower:
        return [m.start() for m in urls._SEPARATOR_RE.finditer(text)]
    return [m.start() for m in re.finditer(r"[.\[(]", text)
            if urls._SEPARATOR_RE.match(text, m.start()) is not None
            and (m.group(0) != "." or urls._may_continue_host(text, m.end()))]


def check_gates(text: str) -> None:
    view = make_view(text)
    lower = view.lower
    assert _may_have_worded_at(lower) == plain_worded_at(lower)
    assert _mentions_a_service(text, lower) == plain_mentions_a_service(text, lower)
    assert urls._scheme_colons(text) == plain_scheme_colons(text)
    assert urls._separators(view.text, lower) == plain_separators(view.text, lower)
    spans = [m.span() for m in phones._CANDIDATE_RE.finditer(view.text)]
    assert phones._candidate_runs(view.text) == spans
    services = [(m.span(), m.group(0)) for m in _SERVICE_WORDS.finditer(view.text)]
    assert [(m.span(), m.group(0)) for m in _service_words(view.text, lower)] == services


def check_words(text: str) -> None:
    half = len(text) // 2
    before, after = text[:half], text[half:]
    assert _words(before) == plain_words(before)
    assert _words(after) == plain_words(after)
    assert read_channels(before, after) == read_context(before, after).channels


def findings(text: str) -> list[tuple[object, ...]]:
    return [(c.kind, c.value, c.raw, c.start, c.end, c.obfuscated, c.channels, c.explanation)
            for c in extract_contacts(text, region="US")]


def check_bare_domain_pre_check(text: str) -> None:
    """Findings with the stricter bare-domain check equal those with it switched off."""
    fast = findings(text)
    check = urls._BLANKS_THEN_LABEL
    urls._BLANKS_THEN_LABEL = re.compile("")  # matches anywhere: the check off
    try:
        slow = findings(text)
    finally:
        urls._BLANKS_THEN_LABEL = check
    assert slow == fast


def check_all(text: str) -> None:
    check_gates(text)
    check_words(text)
    check_bare_domain_pre_check(text)


@pytest.mark.parametrize("text", TEXTS)
def test_fast_paths_equal_plain_versions(text: str) -> None:
    check_all(text)


@SETTINGS
@given(generated)
def test_fast_paths_equal_plain_versions_generated(text: str) -> None:
    check_all(text)


def test_lower_case_finds_every_case_insensitive_letter_of_a_service_word() -> None:
    """Whatever matches a service-word letter case-insensitively lower-cases to it.

    ``_service_words`` relies on this, except for the letters it checks for.
    """
    letters = {c for word in _KIND_OF_WORD for c in word}
    pattern = re.compile("[" + re.escape("".join(sorted(letters))) + "]", re.IGNORECASE)
    for point in range(0x110000):
        char = chr(point)
        if 0xD800 <= point <= 0xDFFF or pattern.fullmatch(char) is None:
            continue
        view = make_view(char)
        for written, lowered in zip(view.text, view.lower, strict=True):
            if pattern.fullmatch(written) and written not in _CASE_ODD_LETTERS:
                assert lowered in letters, (hex(point), written, lowered)


def test_channels_still_read_every_whatsapp_spelling() -> None:
    words = _words("call/whatapp, Whats-App, what's app, w/a, wa, WA, whatsap, viber")
    assert _channels(words) == ["whatsapp", "viber"]
