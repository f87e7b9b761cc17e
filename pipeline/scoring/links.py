"""What a comment's links say about a seller: storefront addresses, code hosts, anchors.

The scorer asks these questions of the links a comment carries. They are kept apart from
the rules so the address and anchor vocabulary can be read and extended on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from pipeline.findings import Contact

__all__ = [
    "KEYWORD_LINK",
    "LOCAL_SEO",
    "SEO_ANCHOR",
    "code_host",
    "same_site",
    "shop_address",
    "words_besides",
]

#: Words of a link's address that make it a storefront page ("…/nervefresh-order/",
#: "breezetec.shop/…-buynow"); matched as whole address words or as a word's start or end.
_SHOP_WORDS: Final = frozenset(
    {
        "order",
        "buy",
        "shop",
        "store",
        "checkout",
        "cart",
        "official",
        "offer",
        "sale",
        "discount",
        "special",
        "deal",
        "deals",
        "promo",
    }
)
_SHOP_PREFIXES: Final = ("buynow", "ordernow", "shopnow", "getnow", "tobuy", "taptobuy")
_SHOP_SUFFIXES: Final = ("order", "buynow", "official")
_ADDRESS_WORD: Final = re.compile(r"[a-z0-9]{1,60}")
#: Clinic-directory copy: a reader's search for the best clinic ("looking for the best
#: piles doctor") or a link whose anchor is a service in a place ("[psoriasis treatment in
#: Noida](https://…)"); a patient praising their hospital ("the best cancer hospital in
#: Texas saved me") writes neither. Bounded gaps in a row, no nested quantifier.
_SEO_SERVICE: Final = r"\b(?:treatment|doctor|hospital|clinic|specialist|surgeon|centre|center)s?\b"
LOCAL_SEO: Final = re.compile(
    r"\b(?:looking for|searching for|search of|seeking)\b[^.!?\n]{0,20}?"
    r"\b(?:best|top|leading|trusted|top-rated|renowned)\b[^.!?\n\[\]()]{0,60}?"
    + _SEO_SERVICE
    + r"|"
    + _SEO_SERVICE
    + r" (?:in|near) [^\]\n()]{1,40}(?:\]\(| \()\s?https?://",
    re.IGNORECASE,
)
#: Visible anchor text followed by its target, as pipeline.text renders links.
KEYWORD_LINK: Final = re.compile(r"([^\s()]{2,40}) \((https?://[^\s()]{4,300})\)")
#: A Markdown link whose anchor is shop keywords ("[best hair regrowth serum](https://…)");
#: "[the docs](…)" and "[issue #42](…)" are how readers cite.
SEO_ANCHOR: Final = re.compile(
    r"\[[^\[\]\n]{0,40}?\b(?:best|top|cheap|cheapest|buy|order|official|discount)\b"
    r"[^\[\]\n]{0,60}\]\(\s?https?://[^\s()]{4,300}\)",
    re.IGNORECASE,
)
#: Code hosts: a link into one is a project's page, never a seller's route.
_CODE_HOSTS: Final = (
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "codeberg.org",
    "githubusercontent.com",
)


def shop_address(url: str) -> bool:
    """True when a link's address names a storefront page (order, buy, shop, official)."""
    address = url.casefold().split("://", 1)[-1]
    return any(
        word in _SHOP_WORDS or word.startswith(_SHOP_PREFIXES) or word.endswith(_SHOP_SUFFIXES)
        for word in _ADDRESS_WORD.findall(address[:300])
    )


def code_host(domain: str | None) -> bool:
    """True for a code host or one of its subdomains (gist.github.com), not its pages
    sites (name.github.io), which anyone can fill with anything."""
    if not domain:
        return False
    domain = domain.casefold()
    return any(domain == host or domain.endswith("." + host) for host in _CODE_HOSTS)


def words_besides(text: str, urls: Sequence[Contact]) -> int:
    """Count the words of ``text`` outside its links."""
    kept: list[str] = []
    position = 0
    for url in sorted(urls, key=lambda c: c.start):
        kept.append(text[position : url.start])
        position = max(position, url.end)
    kept.append(text[position:])
    return sum(1 for word in " ".join(kept).split() if any(ch.isalpha() for ch in word))


def same_site(anchor: str, url: str) -> bool:
    """True when the anchor text is just the link itself, shortened."""
    bare = anchor.casefold().removeprefix("https://").removeprefix("http://").rstrip(".…")
    return bare[:12] in url.casefold()
