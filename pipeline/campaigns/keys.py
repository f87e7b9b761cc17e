"""Link keys: the normalised contact values that make two comments one actor.

A comment's link keys are strings such as ``phone:+2348000000000``, ``email:x@gmail.com``,
``host:drx.blogspot.com``, ``domain:herbalcure.example`` or ``telegram:drx``. Two flagged
comments that share any key are in one campaign. Shared infrastructure
(:mod:`pipeline.campaigns.shared_infra`) and the commenting site's own domain yield no key:
they are what unrelated people have in common.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from pipeline.campaigns.shared_infra import (
    HOSTING_DOMAINS,
    PATH_IDENTITY_DOMAINS,
    SHORTENER_DOMAINS,
    is_shared_domain,
)
from pipeline.contacts.domains import registered_domain as _registered_domain

__all__ = [
    "MAX_KEY_LENGTH",
    "LinkContact",
    "author_contact",
    "contact_keys",
    "link_keys",
    "registered_domain",
]

#: Longer keys are cut (a hostile comment may carry a kilobyte-long URL).
MAX_KEY_LENGTH = 300

#: First path segments that name a page kind, not an account (``facebook.com/groups/x``
#: is the group ``x``; ``youtube.com/watch`` names nothing).
_ACCOUNT_PREFIXES = frozenset({
    "c", "channel", "user", "in", "company", "groups", "u", "people", "view", "by",
})
_NOT_ACCOUNTS = frozenset({
    "", "watch", "share", "sharer", "sharer.php", "p", "reel", "reels", "status", "pages",
    "profile.php", "hashtag", "search", "embed", "intent", "home", "login", "explore",
    "send", "joinchat", "s", "tv", "stories", "shorts", "playlist", "results",
})
_DIGITS = re.compile(r"\d{6,15}")


@dataclass(frozen=True, slots=True)
class LinkContact:
    """The part of a contact that linking looks at (a stored row or an extractor finding)."""

    kind: str
    value: str
    """Normalised value (see DESIGN.md): lower-case e-mail, E.164 phone, absolute URL."""
    domain: str | None = None
    """Registered domain of a URL or e-mail, when the extractor gave it."""


#: Longest profile link taken from a page (longer ones are cut before keys are made).
MAX_AUTHOR_URL = 2000


def author_contact(author_url: str | None) -> LinkContact | None:
    """Return the commenter's profile or website link as a link contact (None when absent).

    On WordPress the link is the "website" field spammers fill with their blog; on Disqus,
    GitHub or a forum it is the posting account (``github.com/<name>``), which is often
    the only thing an actor's posts for different products share. Either way, one value
    means one actor, so it links exactly like a URL in the text (shared hosting and
    the site's own pages still give no key).
    """
    value = (author_url or "").strip()[:MAX_AUTHOR_URL]
    return LinkContact("url", value, None) if value else None


@lru_cache(maxsize=65536)
def registered_domain(host: str) -> str:
    """Return the registered domain of ``host`` (``drx.blogspot.com`` -> ``blogspot.com``).

    The public-suffix reading is the contact extractor's; a host without a known suffix
    stands for itself.
    """
    host = host.lower().strip(".")
    return _registered_domain(host) or host


def _cap(key: str) -> str:
    return key[:MAX_KEY_LENGTH]


def _email_keys(value: str, domain: str | None, site_domain: str | None) -> list[str]:
    value = value.lower()
    keys = [f"email:{value}"]
    host = value.rpartition("@")[2]
    reg = domain.lower() if domain else registered_domain(host) if host else ""
    if reg and reg != site_domain and not is_shared_domain(reg):
        keys.append(f"domain:{reg}")
    return keys


def _url_keys(value: str, domain: str | None, site_domain: str | None) -> list[str]:
    try:
        parts = urlsplit(value if "//" in value else f"http://{value}")
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return []
    if not host:
        return []
    reg = domain.lower() if domain else registered_domain(host)
    segments = [s for s in parts.path.lower().split("/") if s]
    if reg in SHORTENER_DOMAINS or host in SHORTENER_DOMAINS:
        # The exact short link is one actor's; the shortener itself is everybody's.
        return [f"short:{host}/{'/'.join(segments)}"] if segments else []
    if reg in PATH_IDENTITY_DOMAINS or host in PATH_IDENTITY_DOMAINS:
        return _account_keys(reg, segments)
    if reg in HOSTING_DOMAINS:
        return [f"host:{host}"] if host != reg else []
    if reg == site_domain or is_shared_domain(reg):
        return []
    return [f"domain:{reg}"]


def _account_keys(reg: str, segments: list[str]) -> list[str]:
    if not segments:
        return []
    first = segments[0]
    if reg == "wa.me" or (reg == "whatsapp.com" and _DIGITS.fullmatch(first)):
        digits = _DIGITS.fullmatch(first)
        return [f"phone:+{digits.group()}"] if digits else []
    if first in _ACCOUNT_PREFIXES and len(segments) > 1:
        return [f"acct:{reg}/{first}/{segments[1]}"]
    if first in _NOT_ACCOUNTS:
        return []
    return [f"acct:{reg}/{first.removeprefix('@')}"]


def contact_keys(contact: LinkContact, site_domain: str | None = None) -> list[str]:
    """Return the link keys of one contact (none for shared infrastructure)."""
    kind = contact.kind.lower()
    value = contact.value.strip()
    if not value:
        return []
    if kind == "email":
        keys = _email_keys(value, contact.domain, site_domain)
    elif kind == "phone":
        keys = [f"phone:{value}"]
    elif kind == "url":
        keys = _url_keys(value, contact.domain, site_domain)
    else:
        keys = [f"{kind}:{value.lower().removeprefix('@')}"]
    return [_cap(key) for key in keys]


def link_keys(contacts: Iterable[LinkContact], site_domain: str | None = None) -> frozenset[str]:
    """Return every link key of a comment's contacts.

    Args:
        contacts: the comment's normalised contacts.
        site_domain: registered domain of the site the comment was posted on; links to
            the site itself are not evidence of anything.
    """
    site = site_domain.lower().removeprefix("www.") if site_domain else None
    site_reg = registered_domain(site) if site else None
    return frozenset(key for c in contacts for key in contact_keys(c, site_reg))
