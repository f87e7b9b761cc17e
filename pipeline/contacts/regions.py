"""Which phone regions a comment implies, so national numbers are parsed the right way.

A number written without ``+CC`` means different things in different countries, and trying
every region on every number finds "valid" numbers in dates and citations. The comment
usually says where it comes from: another number written with ``+234``, or a country named
("a herbalist in Nigeria"). Those regions are tried first, then the site's default region.
"""

from __future__ import annotations

import logging
import re

import phonenumbers

__all__ = [
    "COUNTRY_NAMES",
    "FALLBACK_REGION",
    "NAME_WINDOW",
    "implied_regions",
    "region_mentions",
    "region_order",
]

#: Region used when neither the text nor the caller names one: comments on the English
#: health sites we watch are mostly North American, and NANP validation is strict.
FALLBACK_REGION = "US"

#: Country names and demonyms that imply a phone region. Data, not logic: extend freely.
COUNTRY_NAMES: dict[str, str] = {
    "nigeria": "NG", "nigerian": "NG", "lagos": "NG", "ghana": "GH", "ghanaian": "GH",
    "accra": "GH", "south africa": "ZA", "kenya": "KE", "kenyan": "KE", "uganda": "UG",
    "cameroon": "CM", "senegal": "SN", "benin": "BJ", "togo": "TG", "ivory coast": "CI",
    "zimbabwe": "ZW", "zambia": "ZM", "tanzania": "TZ", "malawi": "MW", "egypt": "EG",
    "india": "IN", "indian": "IN", "pakistan": "PK", "bangladesh": "BD", "sri lanka": "LK",
    "malaysia": "MY", "philippines": "PH", "indonesia": "ID", "singapore": "SG",
    "thailand": "TH", "vietnam": "VN", "china": "CN", "japan": "JP", "korea": "KR",
    "usa": "US", "united states": "US", "america": "US", "canada": "CA",
    "united kingdom": "GB", "uk": "GB", "england": "GB", "london": "GB", "scotland": "GB",
    "ireland": "IE", "australia": "AU", "new zealand": "NZ", "germany": "DE",
    "deutschland": "DE", "france": "FR", "spain": "ES", "españa": "ES", "italy": "IT",
    "mexico": "MX", "méxico": "MX", "brazil": "BR", "brasil": "BR", "argentina": "AR",
    "colombia": "CO", "peru": "PE", "chile": "CL", "yemen": "YE", "dubai": "AE", "uae": "AE",
    "saudi": "SA", "turkey": "TR", "russia": "RU", "netherlands": "NL", "holland": "NL",
}
logger = logging.getLogger(__name__)
_WARNED: set[str] = set()

_WORD = re.compile(r"[^\W\d_]+")
_FIRST_WORDS = frozenset(name.split()[0] for name in COUNTRY_NAMES)
_MAX_NAME_WORDS = max(len(name.split()) for name in COUNTRY_NAMES)
_PLUS_CC = re.compile(r"(?:(?<![\d+])\+[ \t]?\(?|(?<![^\s(:])00)(?P<cc>\d{1,3})")
# What follows a country code: the rest of the number must be long enough to be one.
_NUMBER_TAIL = re.compile(r"[\d \t().-]{1,24}")


def country_code_region(digits: str) -> str | None:
    """Return the main region of the country code that ``digits`` (after ``+``) begins with."""
    digits = "".join(c for c in digits if c.isdigit())
    for length in (1, 2, 3):
        code = int(digits[:length]) if len(digits) >= length else -1
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            region = phonenumbers.region_code_for_country_code(code)
            return None if region == "001" else region
    return None


#: A country named further than this from a number says little about that number (a
#: list of countries in a signature, a story about a trip).
NAME_WINDOW = 400


def region_mentions(text: str) -> tuple[tuple[int, str, bool], ...]:
    """Return ``(position, region, by_code)`` for every ``+CC`` and country name in the text.

    Args:
        text: the normalised comment text.

    Returns:
        Mentions in text order; ``by_code`` is True for a ``+CC`` prefix.
    """
    found: list[tuple[int, str, bool]] = []
    if "+" in text or "00" in text:
        for match in _PLUS_CC.finditer(text):
            tail = _NUMBER_TAIL.match(text, match.start("cc"))
            digits = re.sub(r"\D", "", tail.group(0)) if tail else ""
            region = country_code_region(digits[:3]) if len(digits) >= 8 else None
            if region:
                found.append((match.start(), region, True))
    if _FIRST_WORDS.isdisjoint(_WORD.findall(text.lower())):
        found.sort()
        return tuple(found)  # the common case: no country named, no per-word loop
    words = list(_WORD.finditer(text))
    lowered = [m.group(0).lower() for m in words]
    for index, match in enumerate(words):
        for size in range(_MAX_NAME_WORDS, 0, -1):
            name = " ".join(lowered[index : index + size])
            region = COUNTRY_NAMES.get(name)
            if region is None:
                continue
            if name != "uk" or match.group(0) == "UK":  # lower-case "uk" is rarely the country
                found.append((match.start(), region, False))
            break
    found.sort()
    return tuple(found)


def implied_regions(
    text: str,
    *,
    near: int | None = None,
    mentions: tuple[tuple[int, str, bool], ...] | None = None,
) -> tuple[str, ...]:
    """Return the regions the text implies, in order of first appearance.

    Args:
        text: the normalised comment text.
        near: position of the number in question: country names count only within
            :data:`NAME_WINDOW` characters of it (``+CC`` prefixes count anywhere).
        mentions: :func:`region_mentions` of ``text``, when already computed.

    Returns:
        Regions of ``+CC`` prefixes written in the text, then of countries it names.
    """
    if mentions is None:
        mentions = region_mentions(text)
    by_code = [region for _, region, code in mentions if code]
    named = [region for pos, region, code in mentions
             if not code and (near is None or abs(pos - near) <= NAME_WINDOW)]
    return tuple(dict.fromkeys(by_code + named))


def region_order(implied: tuple[str, ...], default: str | None) -> tuple[str, ...]:
    """Return the regions to try: implied ones first, then the default (or the fallback)."""
    order = dict.fromkeys(implied)
    region = (default or FALLBACK_REGION).upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        if region not in _WARNED:  # a site configuration error: say it once, not per comment
            _WARNED.add(region)
            logger.warning("unknown default phone region %r: using %s", default, FALLBACK_REGION)
        region = FALLBACK_REGION
    order.setdefault(region)
    return tuple(order)
