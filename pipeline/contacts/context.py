"""The words around a phone number: which messenger it is offered on, and whether it is one.

Scammers write "call/whatapp", "Whats-App him", "what app", "WA:", "w/a". Matching such
variants with one big case-insensitive regex over every window is slow (the engine tries
the whole alternation at each character), so the window is split into words once and the
words are looked up in sets; only the WhatsApp spellings go through a small regex, on one
or two short words at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CHANNEL_NAMES", "CYRILLIC_SERVICE_NAMES", "NumberContext", "read_channels", "read_context"]

_TOKEN_SPLIT = re.compile(r"([^\W\d_]+)")
# WhatsApp and its spellings, on one lower-case word or two glued ("whats"+"app").
_WHATSAPP = re.compile(r"wh?a(?:t{1,2}s?|t?s{1,2})a{1,2}p{1,2}")
#: Russian and Ukrainian spellings of the services, in the forms that name a contact
#: ("Телеграм: @x", "пишите в скайпе: x", "Ватсап +7..."); each works like its English name.
CYRILLIC_SERVICE_NAMES: dict[str, str] = {
    **dict.fromkeys(("телеграм", "телеграмм", "телеграме", "телеграмме", "телеграмі"), "telegram"),
    **dict.fromkeys(("вотсап", "ватсап", "вацап", "вотсапп", "ватсапп", "вотсапе", "ватсапе",
                     "вацапе", "вотсапі", "ватсапі"), "whatsapp"),
    **dict.fromkeys(("вайбер", "вайбере", "вайбері"), "viber"),
    **dict.fromkeys(("скайп", "скайпе", "скайпі"), "skype"),
    **dict.fromkeys(("инстаграм", "инстаграмм", "инстаграме", "інстаграм", "інстаграмі",
                     "инста", "инсте"), "instagram"),
}
#: Channel named by a lower-case word.
CHANNEL_NAMES: dict[str, str] = {
    "viber": "viber", "telegram": "telegram", "telegrem": "telegram", "signal": "signal",
    "imo": "imo", "whatsapp": "whatsapp",
    **{w: k for w, k in CYRILLIC_SERVICE_NAMES.items() if k in ("telegram", "whatsapp", "viber")},
}
#: Channel named by a word only when written in capitals ("WA", "TG").
_UPPER_CHANNELS = {"WA": "whatsapp", "TG": "telegram", "IMO": "imo", "ТГ": "telegram"}
_GLUE = frozenset({"", " ", "  ", "-", " - ", "'", "’", "/"})
#: Words that make a digit run a phone number.
STRONG_WORDS = frozenset(
    {"call", "phone", "tel", "telephone", "mobile", "cell", "cellphone", "dial", "hotline",
     "sms", "text", "mob", "ph", "fax", "helpline", "ring", "teléfono", "telefon", "llama",
     "llamar", "callnow", "telefone", "handy"}
)
#: Words that also precede order and reference numbers: weaker than an "order"/"ref" word.
WEAK_WORDS = frozenset({"contact", "number", "reach", "line", "no", "nr", "num"})
#: Words that make a digit run something else.
NOT_PHONE_WORDS = frozenset(
    {"isbn", "issn", "doi", "pmid", "order", "invoice", "ref", "reference", "tracking",
     "account", "acct", "id", "serial", "version", "vol", "volume", "pp", "page", "pages",
     "lot", "batch", "case", "ticket", "patent", "zip", "postcode", "iban", "swift", "code"}
)
_CALL_TEXT = frozenset({"text", "sms"})


@dataclass(frozen=True, slots=True)
class NumberContext:
    """What the words around one number say."""

    channels: tuple[str, ...] = ()
    """Messengers named, in order of appearance (``call/text`` when only texting is)."""
    word: str | None = None
    """The strongest word that makes the digits a phone number, if any."""
    strength: str | None = None
    """``channel``, ``strong`` or ``weak``."""
    negative: bool = False
    """An order/reference/ISBN word stands just before the number."""


def _words(segment: str) -> list[tuple[str, str, str]]:
    """Return ``(lower, written, gap before)`` for each word of ``segment``.

    One ``split`` call yields the words and the gaps between them (a capturing split
    alternates gap, word, gap...), which is much cheaper than a match object per word.
    """
    parts = _TOKEN_SPLIT.split(segment)
    if "'" not in segment and "’" not in segment:
        return [(written.lower(), written, gap.strip("\t"))
                for gap, written in zip(parts[0:-1:2], parts[1::2], strict=True)]
    words: list[tuple[str, str, str]] = []
    for gap, written in zip(parts[0:-1:2], parts[1::2], strict=True):
        gap = gap.strip("\t")
        if words and gap in ("'", "’"):  # "what's": one word
            lower, before, first_gap = words.pop()
            words.append((lower + written.lower(), before + written, first_gap))
            continue
        words.append((written.lower(), written, gap))
    return words


def _channels(words: list[tuple[str, str, str]]) -> list[str]:
    found: list[str] = []
    for index, (lower, written, _) in enumerate(words):
        channel = CHANNEL_NAMES.get(lower) or _UPPER_CHANNELS.get(written)
        # Every WhatsApp spelling starts with "w": other words skip both regex tests.
        if channel is None and lower[0] == "w":
            if _WHATSAPP.fullmatch(lower):
                channel = "whatsapp"
            elif index + 1 < len(words):
                following, _, gap = words[index + 1]
                if gap in _GLUE and (_WHATSAPP.fullmatch(lower + following)
                                     or (lower, gap, following) == ("w", "/", "a")):
                    channel = "whatsapp"
        if channel is not None and channel not in found:
            found.append(channel)
    return found


def _channels_around(
    words_before: list[tuple[str, str, str]], words_after: list[tuple[str, str, str]]
) -> list[str]:
    """Channels named before the number, then new ones after it; else ``call/text``."""
    channels = _channels(words_before)
    channels += [c for c in _channels(words_after) if c not in channels]
    if not channels and any(w in _CALL_TEXT for w, _, _ in words_before + words_after):
        channels = ["call/text"]
    return channels


def read_channels(before: str, after: str) -> tuple[str, ...]:
    """Return :attr:`NumberContext.channels` alone (what a number already accepted needs)."""
    return tuple(_channels_around(_words(before), _words(after)))


def read_context(before: str, after: str, *, negative_window: int = 25) -> NumberContext:
    """Read the words before and after one number.

    Args:
        before: text just before the number (bounded by the caller).
        after: text just after it, up to the end of its line.
        negative_window: characters before the number searched for order/reference words.

    Returns:
        The channels, the strongest phone word, and whether a non-phone word precedes it.
    """
    words_before, words_after = _words(before), _words(after)
    channels = _channels_around(words_before, words_after)
    all_words = [w for w, _, _ in words_before + words_after]
    word: str | None = None
    strength: str | None = None
    if channels and channels != ["call/text"]:
        word, strength = channels[0], "channel"
    else:
        strong = [w for w in all_words if w in STRONG_WORDS]
        weak = [w for w in all_words if w in WEAK_WORDS]
        if strong:
            word, strength = strong[0], "strong"
        elif weak:
            word, strength = weak[0], "weak"
    near = _words(before[-negative_window:])
    negative = any(w in NOT_PHONE_WORDS for w, _, _ in near)
    return NumberContext(tuple(channels), word, strength, negative)
