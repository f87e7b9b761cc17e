"""Messenger and social-network handles, named by the words around them.

A handle is only a contact when the text says which service it belongs to: ``Telegram:
@drsmith``, ``IG @herbal.home``, ``WeChat ID: dr_li88``, or a profile link
(``t.me/drsmith``, ``instagram.com/herbal.home``, ``facebook.com/herbalhome``). A service
named without a handle ("they hack Facebook, Instagram...") is not one, nor is a GitHub-style
``@mention`` with no service named.

Profile links are found by the URL extractor; :func:`contacts_from_link` turns such a URL
contact into the handle (or, for ``wa.me/<number>``, the WhatsApp phone number) it points to,
with the same span, so a report shows both where the link goes and who it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlsplit

import phonenumbers
from phonenumbers import PhoneNumberFormat

from pipeline.contacts.base import ExtractionContext, Extractor, Pattern, words_regex
from pipeline.contacts.context import CYRILLIC_SERVICE_NAMES
from pipeline.contacts.normalise import TextView
from pipeline.contacts.phones import parse_international
from pipeline.findings import Contact, Explanation

__all__ = ["HANDLE_KINDS", "HandleExtractor", "contacts_from_link"]

HANDLE_KINDS = ("telegram", "instagram", "facebook", "wechat", "viber", "skype", "snapchat",
                "signal", "whatsapp")


@dataclass(frozen=True, slots=True)
class _Service:
    kind: str
    words: tuple[str, ...]
    handle: str
    """Flat pattern for a handle of this service (checked with ``fullmatch``)."""


_SERVICES = (
    _Service("telegram", ("telegram", "tg", "telegarm", "telegram channel"), r"[a-z][a-z0-9_]{4,31}"),
    _Service("instagram", ("instagram", "insta", "ig", "instagram page"), r"[a-z0-9_.]{2,30}"),
    _Service("facebook", ("facebook", "fb", "facebook page"), r"[a-z0-9.]{5,50}"),
    _Service("wechat", ("wechat", "weixin", "we chat"), r"[a-z][a-z0-9_-]{5,19}"),
    _Service("viber", ("viber",), r"[a-z][a-z0-9_.]{2,30}"),
    _Service("skype", ("skype",), r"(?:live:\.?)?[a-z][a-z0-9_.,-]{4,40}"),
    _Service("snapchat", ("snapchat", "snap", "sc"), r"[a-z][a-z0-9_.-]{2,14}"),
    _Service("signal", ("signal",), r"[a-z][a-z0-9_]{2,31}\.\d{2,9}"),
    _Service("whatsapp", ("whatsapp",), r"[a-z][a-z0-9_.]{2,34}"),
)
#: Cyrillic names that only name a handle ("ТГ @x", "Телеграм-канал @x"), never a phone's
#: channel; "тг" in lower case counts only with an "@" handle, like "tg".
_CYRILLIC_HANDLE_WORDS = dict.fromkeys(
    ("тг", "телеграм-канал", "телеграм канал", "телеграмм-канал", "телеграмм канал"), "telegram"
)
_KIND_OF_WORD = {w: s.kind for s in _SERVICES for w in s.words} | CYRILLIC_SERVICE_NAMES | \
    _CYRILLIC_HANDLE_WORDS
#: Substrings of the Cyrillic names, tested only in non-ASCII text ("ТГ" in capitals).
_CYRILLIC_STEMS = ("телегр", "вотсап", "ватсап", "вацап", "вайбер", "скайп", "инст", "інст")
_SERVICE_OF_KIND = {s.kind: s for s in _SERVICES}
_SERVICE_WORDS = words_regex(_KIND_OF_WORD)
#: The same words without the look-behind, case-sensitive, for the lower-cased text: a
#: pattern that starts with a look-behind is tried at every position, these literals let
#: the engine skip ahead (see :func:`_service_words`).
_SERVICE_WORDS_LOWER = re.compile("|".join(re.escape(w) for w in _KIND_OF_WORD))
#: The ASCII words alone, for ASCII text (most comments): half the alternatives to try.
_ASCII_SERVICE_WORDS_LOWER = re.compile(
    "|".join(re.escape(w) for w in _KIND_OF_WORD if w.isascii())
)
#: The only letters that a case-insensitive service-word letter matches but that
#: ``str.lower`` keeps: the dotted and dotless capital I ("i"), and Old Cyrillic variants
#: of "в", "о", "с" and "т" (U+1C80, U+1C82-U+1C85). All are outside ASCII.
_CASE_ODD_LETTERS = ("\u0130", "\u0131", "\u1c80", "\u1c82", "\u1c83", "\u1c84", "\u1c85")
_HANDLE_PATTERNS = {s.kind: re.compile(s.handle, re.IGNORECASE) for s in _SERVICES}

_PATTERN = Pattern("service_named", r"(?:id|username|user name|handle)?[ \t]{0,2}[:=-]?", 1.0)
#: Filler between the service name and the handle ("Telegram username: @x", "on IG is @x").
_FILLER = re.compile(
    r"[ \t]{0,3}(?P<word>id|username|user name|user|handle|account|page|name|is|me|us|him|her"
    r"|on|via|at|add|ник|логин|канал|аккаунт|профиль)(?![\w])[ \t]{0,3}",
    re.IGNORECASE,
)
#: "@handle on Instagram": the handle, then "on"/"via"/"at"/"in", then the service (searched
#: in a short window before the service word, anchored at its end).
_BEFORE_WINDOW = 80
_HANDLE_BEFORE = re.compile(
    r"(?P<at>@)(?P<handle>[A-Za-z0-9_.]{2,40})[ \t]{1,3}(?:on|via|at|in|в|через)[ \t]{1,3}\Z"
)
_STRONG_FILLER = frozenset({"id", "username", "user name", "handle", "add", "ник", "логин"})
#: A Skype name written right after the word, with no colon ("Skype evg7773"): only names
#: that cannot be an ordinary word (a digit or "_" in them, or the "live:" form) count.
_BARE_KINDS = frozenset({"skype"})
_NAMING_FILLER = frozenset({"is", "name", "user", "account", "me"})
_BARE_NAME = re.compile(r"live:.{3,40}|[^_\d]{0,40}[_\d].{0,40}")
#: Words with a number that follow "Skype" in ordinary text ("a Skype covid19 consult").
_NOT_BARE_NAME = re.compile(
    r"(?:covid|sars|windows|win|ios|iphone|ipad|android|galaxy|macos|version|session|part"
    r"|day|week|level|round|episode|mp)[-_]?\d{1,4}"
)
_HANDLE = re.compile(r"[ \t]{0,3}(?P<sep>[:=\-]|\(|)[ \t]{0,3}(?P<at>@)?(?P<handle>[\w.:,-]{2,50})")
_STOPWORDS = frozenset(
    {"the", "and", "for", "with", "now", "today", "also", "only", "please", "contact", "call",
     "text", "message", "number", "via", "his", "her", "him", "them", "this", "that", "here",
     "there", "page", "account", "group", "chat", "email", "mail", "whatsapp", "telegram",
     "instagram", "facebook", "viber", "signal", "skype", "wechat", "snapchat", "or", "messenger", "app", "website", "link", "inbox", "dm", "too", "well", "etc", "hack",
     "hacked", "hacking", "was", "is", "are", "has", "have", "had", "not", "no", "yes"}
)


#: Service names long enough to test as substrings before running the full pattern; the
#: short ones ("IG", "sc") only count with an "@" handle, so "@" stands in for them.
def _mentions_a_service(text: str, lower: str) -> bool:
    """Cheap pre-check: does the text name a service at all?

    Plain substring tests, written out: a dozen ``in`` scans are an order of magnitude
    faster than one case-insensitive alternation over a long comment. The short names
    ("IG", "sc") only count in capitals or with an ``@`` handle, so "@" stands in for them.
    """
    # The capitals are tested one by one first: a one-character ``in`` is a ``memchr``, far
    # cheaper than searching for "IG", and most comments have no "G", "C" or "B" at all.
    return (
        "@" in text
        or ("G" in text and ("IG" in text or "TG" in text))
        or ("C" in text and "SC" in text)
        or ("B" in text and "FB" in text)
        or "telegr" in lower or "insta" in lower or "faceb" in lower or "chat" in lower
        or "weixin" in lower or "viber" in lower or "skype" in lower or "snap" in lower
        or "signal" in lower or "whatsapp" in lower
        or (not lower.isascii()
            and ("ТГ" in text or any(stem in lower for stem in _CYRILLIC_STEMS)))
    )


def _service_words(text: str, lower: str) -> Iterator[re.Match[str]]:
    """Yield the matches of ``_SERVICE_WORDS.finditer(text)``, found faster.

    Each service word written in any case is that word in ``lower`` (index-aligned with
    ``text``), except with one of :data:`_CASE_ODD_LETTERS`: so the literals are searched in
    ``lower``, and every hit is confirmed by the full pattern at the same position.
    """
    if not text.isascii() and any(letter in text for letter in _CASE_ODD_LETTERS):
        yield from _SERVICE_WORDS.finditer(text)
        return
    literals = _ASCII_SERVICE_WORDS_LOWER if text.isascii() else _SERVICE_WORDS_LOWER
    pos = 0
    while (hit := literals.search(lower, pos)) is not None:
        match = _SERVICE_WORDS.match(text, hit.start())
        if match is None:
            pos = hit.start() + 1
            continue
        yield match
        pos = match.end()


class HandleExtractor(Extractor):
    """Handles written next to the name of their service."""

    NAME = "handle"
    KINDS = HANDLE_KINDS
    PATTERNS = (_PATTERN,)
    CONTEXT = tuple(_KIND_OF_WORD)

    def extract(self, view: TextView, context: ExtractionContext) -> Iterator[Contact]:
        text = view.text
        if not _mentions_a_service(text, view.lower):
            return
        for service in _service_words(text, view.lower):
            found = self._after(view, service) or self._before(view, service)
            if found is not None:
                yield found

    def _before(self, view: TextView, service: re.Match[str]) -> Contact | None:
        """An ``@handle`` the service is named after: "DM @herbal_mama on Instagram"."""
        window_start = max(0, service.start() - _BEFORE_WINDOW)
        match = _HANDLE_BEFORE.search(view.text, window_start, service.start())
        if match is None:
            return None
        word = service.group(0)
        kind = _KIND_OF_WORD[word.lower()]
        if len(word) <= 3 and word.islower():
            return None
        value = match.group("handle").rstrip(".").lower()
        if value in _STOPWORDS or not _HANDLE_PATTERNS[kind].fullmatch(value):
            return None
        start = match.start("at")
        end = match.start("handle") + len(value)
        if start > 0 and (view.text[start - 1].isalnum() or view.text[start - 1] in "._-"):
            return None  # the "@" of an e-mail address
        return self.contact(
            view, kind, value, start, end, pattern="service_named_after", score=0.85,
            context_word=word.lower(), why=f"{kind} handle followed by {word!r}",
        )

    def _after(self, view: TextView, service: re.Match[str]) -> Contact | None:
        text = view.text
        word = service.group(0)
        kind = _KIND_OF_WORD[word.lower()]
        at = service.end()
        strong = False
        naming = True  # only "is", "name"...: "my Skype is evg7773", not "Skype on win10"
        for _ in range(3):
            filler = _FILLER.match(text, at)
            if filler is None:
                break
            strong = strong or filler.group("word").lower() in _STRONG_FILLER
            naming = naming and filler.group("word").lower() in _NAMING_FILLER
            at = filler.end()
        match = _HANDLE.match(text, at)
        if match is None:
            return None
        sep = match.group("sep")
        if sep == "-" and not (text[match.start("sep") - 1].isspace()
                               or text[match.end("sep") : match.end("sep") + 1].isspace()):
            return None  # "WeChat-Konten": a compound word, not "WeChat - name"
        handle = match.group("handle").rstrip(".,:-")
        if match.group("sep") == "(":
            handle = handle.rstrip(")")
        has_at = match.group("at") is not None
        bare = not (has_at or sep in (":", "=", "-") or strong)
        if bare and not (kind in _BARE_KINDS and naming and sep == ""):
            return None
        if len(word) <= 3 and word.islower() and not has_at:
            return None  # "ig", "sc", "tg" in lower case are too often ordinary text
        start = match.start("handle")
        end = start + len(handle)
        if end < len(text) and text[end] == "@":
            return None  # an e-mail address, reported by the e-mail extractor
        if has_at:
            start -= 1
        value = handle.lower()
        if value in _STOPWORDS or value.replace("+", "").replace("-", "").isdigit():
            return None
        if not _HANDLE_PATTERNS[kind].fullmatch(value):
            return None
        if bare and (not _BARE_NAME.fullmatch(value) or _NOT_BARE_NAME.fullmatch(value)):
            return None
        if "." in value and kind != "signal" and re.search(r"\.[a-z]{2,6}$", value) and \
                kind not in ("instagram", "skype", "snapchat", "facebook"):
            return None  # a domain name: the URL extractor reports it
        return self.contact(
            view, kind, value, start, end, pattern="service_named", score=0.9,
            context_word=word.lower(), why=f"{kind} handle named by {word!r}",
        )


_PROFILE_HOSTS = {
    "t.me": "telegram", "telegram.me": "telegram", "telegram.dog": "telegram",
    "instagram.com": "instagram", "instagr.am": "instagram",
    "facebook.com": "facebook", "fb.com": "facebook", "m.facebook.com": "facebook",
    "web.facebook.com": "facebook", "business.facebook.com": "facebook", "fb.me": "facebook",
    "snapchat.com": "snapchat", "skype.com": "skype", "signal.me": "signal",
}
_NOT_PROFILES = frozenset(
    {"p", "reel", "reels", "explore", "stories", "share", "sharer", "sharer.php", "events",
     "watch", "photo", "photo.php", "permalink.php", "story.php", "login", "hashtag", "tv",
     "joinchat", "s", "dialog", "plugins", "tr", "search", "home.php", "add", "accounts",
     "about", "help", "privacy", "legal", "groups", "pages", "people", "l.php", "c", "addstickers",
     "lists", "video.php", "videos", "media", "notes", "messages", "marketplace", "gaming",
     "photos", "posts", "profile", "settings", "direct", "tags", "u"}
)
_WHATSAPP_HOSTS = frozenset({"wa.me", "api.whatsapp.com", "whatsapp.com", "web.whatsapp.com"})
#: Registered domains of the hosts above: a cheap first test for every link.
_LINK_DOMAINS = frozenset(
    {".".join(h.split(".")[-2:]) for h in (*_PROFILE_HOSTS, *_WHATSAPP_HOSTS)}
)


def contacts_from_link(contact: Contact) -> list[Contact]:
    """Return the handle or WhatsApp number a profile link names (empty for other links)."""
    if contact.kind != "url" or contact.domain not in _LINK_DOMAINS:
        return []
    parts = urlsplit(contact.value)
    host = (parts.hostname or "").removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if host in _WHATSAPP_HOSTS:
        digits = segments[0] if host == "wa.me" and segments else \
            (parse_qs(parts.query).get("phone") or [""])[0]
        number = parse_international(digits) if digits else None
        if number is None:
            return []
        value = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        return [_derived(contact, "phone", value, channels=("whatsapp",))]
    kind = _PROFILE_HOSTS.get(host)
    if kind is None or not segments:
        return []
    if host == "signal.me":
        number = parse_international(parts.fragment.removeprefix("p/"))
        if number is None:
            return []
        value = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        return [_derived(contact, "phone", value, channels=("signal",))]
    name = segments[0]
    if kind == "snapchat" and name == "add" and len(segments) > 1:
        name = segments[1]
    if kind == "facebook" and name == "profile.php":
        ident = (parse_qs(parts.query).get("id") or [""])[0]
        name = f"profile.php?id={ident}" if ident.isdigit() else ""
    elif name.lower() in _NOT_PROFILES or name.startswith("+") or \
            name.lower().endswith((".php", ".html", ".htm", ".aspx", ".asp")):
        return []
    if not name:
        return []
    handle = name.lower().removeprefix("@")
    return [_derived(contact, kind, handle)] if handle else []  # "t.me/@" names nobody


def _derived(contact: Contact, kind: str, value: str, *, channels: tuple[str, ...] = ()) -> Contact:
    explanation = contact.explanation or Explanation(extractor="url", pattern_name="link")
    return replace(
        contact, kind=kind, value=value, channels=channels, domain=None, shortener=False,
        explanation=replace(explanation, extractor="link", pattern_name=f"{kind}_link",
                            text=f"{kind} named by a link"),
    )
