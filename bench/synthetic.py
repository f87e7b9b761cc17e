"""Synthetic scam comments, already analysed, for benchmarks and tests of the store.

Writer benchmarks and concurrency tests need many records that go through
``save_comments`` like real ones (a contact, a claim, a verdict) without paying for the
analysis; one builder keeps their shape the same everywhere.
"""

from __future__ import annotations

from datetime import datetime

from pipeline.findings import Analysis, Claim, Contact, Reason
from pipeline.store.records import CommentRecord

__all__ = ["scam_record"]


def scam_record(number: int, *, email: str, text: str, disease: str, site: str,
                page_url: str, seen_at: datetime, version: str = "bench",
                author: str | None = None) -> CommentRecord:
    """Return comment ``number`` of ``site``: ``text`` naming ``email``, judged scam.

    Args:
        number: the comment's external id.
        email: the contact; ``text`` must contain it.
        text: the comment text.
        disease: the claim's disease.
        site: site name (its domain is ``<site>.example``).
        page_url: the page the comment is on.
        seen_at: when it was seen.
        version: ruleset version stored with the verdict.
        author: display name.
    """
    start = text.index(email)
    analysis = Analysis(
        text=text,
        contacts=(Contact("email", email, email, start, start + len(email),
                          domain=email.rpartition("@")[2]),),
        claims=(Claim(disease, "herbal", "cure_testimonial", 0, len(disease)),), score=80,
        verdict="scam", reasons=(Reason("CURE_TESTIMONIAL", 30, "cured"),),
        ruleset_version=version)
    return CommentRecord(site=site, site_domain=f"{site}.example", page_url=page_url,
                         external_id=str(number), text=text, analysis=analysis,
                         seen_at=seen_at, author=author)
