"""Contact extraction: every way a comment offers to reach its poster.

Usage::

    extract_contacts("mail dr.x at gmail dot com or WhatsApp +234 816 208 4839")
    extract_contacts(text, region="GB", allow_list={"+442071234567"})

One module per contact kind (``emails``, ``phones``, ``urls``, ``handles``), each an
:class:`~pipeline.contacts.base.Extractor`; :data:`DEFAULT_EXTRACTORS` is the registry.
Extractors search a normalised view of the text (:mod:`.normalise`) and report offsets into
the text as given.

Overlaps are resolved here, once: the longer span wins (an address beats the bare domain
inside it, a link beats the digits in its path), except that a profile link also yields
what it names with the same span: ``wa.me/<number>`` gives the ``url`` *and* the ``phone``
with channel ``whatsapp``, ``t.me/<name>`` the ``url`` and the ``telegram`` handle.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence

from pipeline.contacts.base import ExtractionContext, Extractor
from pipeline.contacts.emails import EmailExtractor
from pipeline.contacts.handles import HANDLE_KINDS, HandleExtractor, contacts_from_link
from pipeline.contacts.normalise import MAX_TEXT_CHARS, make_view
from pipeline.contacts.phones import PhoneExtractor
from pipeline.contacts.urls import UrlExtractor
from pipeline.findings import Contact

__all__ = [
    "CONTACT_KINDS",
    "DEFAULT_EXTRACTORS",
    "MAX_TEXT_CHARS",
    "Extractor",
    "extract_contacts",
    "resolve_overlaps",
]

CONTACT_KINDS: tuple[str, ...] = ("email", "phone", "url", *HANDLE_KINDS)

DEFAULT_EXTRACTORS: tuple[Extractor, ...] = (
    EmailExtractor(),
    UrlExtractor(),
    PhoneExtractor(),
    HandleExtractor(),
)


def extract_contacts(
    text: str,
    *,
    region: str | None = None,
    allow_list: Collection[str] = (),
    extractors: Sequence[Extractor] = DEFAULT_EXTRACTORS,
) -> list[Contact]:
    """Return the contacts in ``text``, sorted by position, overlaps resolved.

    Args:
        text: the comment as plain text (turn HTML into text first).
        region: the site's default phone region (ISO 3166 alpha-2) for numbers written
            without ``+CC``; regions the text itself implies are tried before it.
        allow_list: normalised values never reported (the site's own helpline).
        extractors: the extractors to run.

    Returns:
        Contacts whose ``start``/``end`` index ``text`` (``text[start:end] == raw``).
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_contacts expects str, not {type(text).__name__}")
    if not text:
        return []
    view = make_view(text)
    context = ExtractionContext(
        text=view.text, default_region=region, allow_list=frozenset(allow_list)
    )
    found: list[Contact] = []
    for extractor in extractors:
        found.extend(extractor.run(view, context))
    # One contact or none (the common case) has nothing to resolve.
    kept = found if len(found) < 2 else resolve_overlaps(found)
    derived = [d for c in kept if c.kind == "url" for d in contacts_from_link(c)]
    if derived:
        kept = resolve_overlaps(kept + derived)
    allowed = context.allow_list
    return [c for c in kept if c.value not in allowed] if allowed else kept


def resolve_overlaps(contacts: Iterable[Contact]) -> list[Contact]:
    """Drop contacts overlapping a longer one; keep what a link names with the link.

    Args:
        contacts: contacts from any extractors, in any order.

    Returns:
        The kept contacts sorted by ``start`` (then kind), no exact duplicates.
    """
    ordered = sorted(contacts, key=lambda c: (-(c.end - c.start), c.start, _rank(c)))
    kept: list[Contact] = []  # sorted by start; spans disjoint except a link and its name
    starts: list[int] = []
    seen: set[tuple[str, str, int, int]] = set()
    for contact in ordered:
        key = (contact.kind, contact.value, contact.start, contact.end)
        if key in seen:
            continue
        index = bisect_left(starts, contact.start)
        if _conflicts_near(contact, kept, index):
            continue
        seen.add(key)
        kept.insert(index, contact)
        starts.insert(index, contact.start)
    kept.sort(key=lambda c: (c.start, c.end, _rank(c)))
    return kept


def _conflicts_near(contact: Contact, kept: list[Contact], index: int) -> bool:
    """Check the kept contacts around ``index`` (kept spans are disjoint, so few overlap)."""
    before = index - 1
    while before >= 0 and kept[before].end > contact.start:
        if _conflict(contact, kept[before]):
            return True
        before -= 1
    after = index
    while after < len(kept) and kept[after].start < contact.end:
        if _conflict(contact, kept[after]):
            return True
        after += 1
    return False


def _rank(contact: Contact) -> int:
    return CONTACT_KINDS.index(contact.kind) if contact.kind in CONTACT_KINDS else 99


def _derived(contact: Contact) -> bool:
    return contact.explanation is not None and contact.explanation.extractor == "link"


def _conflict(candidate: Contact, kept: Contact) -> bool:
    if candidate.end <= kept.start or kept.end <= candidate.start:
        return False
    same_span = candidate.start == kept.start and candidate.end == kept.end
    link_and_named = (_derived(candidate) or _derived(kept)) and candidate.kind != kept.kind
    return not (same_span and link_and_named)


