"""Typed report data: what the queries in :mod:`reports.data` hand to the renderers.

Every value is already plain Python (aware UTC datetimes, ints, strings as stored); the
renderers decide how to escape and defang. Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

__all__ = [
    "FLAGGED_VERDICTS",
    "CampaignRow",
    "ContactRow",
    "CrawlHealth",
    "CrawlRunRow",
    "DayCount",
    "DiseaseRow",
    "FlaggedComment",
    "ReasonRow",
    "ReportData",
    "ReportResult",
    "ReportSummary",
    "SiteHealth",
    "SiteRow",
    "SiteTakedown",
    "Span",
    "TakedownItem",
]

#: Verdicts that count as "flagged", most severe first (the order reports list them in).
FLAGGED_VERDICTS: tuple[str, ...] = ("scam", "spam", "suspicious")


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """Headline figures of one period ``[since, until)``; "live" means live at ``until``."""

    kind: str
    since: datetime
    until: datetime
    pages_crawled: int
    """Pages fetched by the crawl runs that started in the period."""
    comments_crawled: int
    """Comments read by those runs (new or not)."""
    new_comments: int
    """Comments first seen in the period."""
    new_flagged: dict[str, int]
    """Comments first seen in the period, by flagged verdict."""
    live_flagged: dict[str, int]
    """Flagged comments still on their page at the end of the period, by verdict."""
    removed: int
    """Comments the sites removed during the period."""
    removed_flagged: int
    """Of those, how many were flagged."""
    new_contacts: int
    campaigns: int
    """Campaigns with at least one comment live at the end of the period."""
    sites_with_problems: int
    """Sites whose crawl yielded nothing (no pages, or pages without comments)."""

    @property
    def live_scams(self) -> int:
        return self.live_flagged.get("scam", 0)

    @property
    def new_flagged_total(self) -> int:
        return sum(self.new_flagged.values())

    @property
    def live_flagged_total(self) -> int:
        return sum(self.live_flagged.values())


@dataclass(frozen=True, slots=True)
class CampaignRow:
    """One actor: comments linked by shared contacts or near-identical text."""

    id: str
    label: str
    contacts: int
    top_contacts: tuple[str, ...]
    """Up to five normalised contact values, most used first."""
    sites: int
    live: int
    total: int
    diseases: tuple[str, ...]
    online_since: datetime | None
    """Earliest member online (posting date when the page gives one, else first sighting)."""
    last_seen_at: datetime | None
    """Newest member's first sighting."""


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A contact first seen in the period, with where it has been seen since."""

    id: int
    kind: str
    value: str
    first_seen_at: datetime
    comments: int
    sites: int
    live: int
    campaign: str | None


@dataclass(frozen=True, slots=True)
class SiteRow:
    """Per-site figures; ``oldest_live_days`` is the time to moderation still pending."""

    name: str
    domain: str | None
    new_comments: int
    new_flagged: int
    live_scams: int
    oldest_live_scam_at: datetime | None
    oldest_live_days: float | None
    removed: int
    removed_flagged: int
    median_days_to_removal: float | None
    """Median age of the flagged comments removed in the period, when they were removed."""

    @property
    def flagged_share(self) -> float:
        return self.new_flagged / self.new_comments if self.new_comments else 0.0


@dataclass(frozen=True, slots=True)
class DiseaseRow:
    """Cure claims by disease, over comments first seen in the period."""

    disease: str
    claims: int
    comments: int
    sites: int
    live: int


@dataclass(frozen=True, slots=True)
class DayCount:
    """Flagged comments first seen on one UTC day, by verdict."""

    day: date
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Span:
    """Evidence: a stored contact or claim span, offsets into the comment text."""

    start: int
    end: int
    kind: str
    """``contact`` or ``claim``."""
    label: str
    """Contact kind (``email``) or the claim's disease."""


@dataclass(frozen=True, slots=True)
class ReasonRow:
    """One scoring rule that fired, as stored in ``verdicts.reasons``."""

    rule: str
    weight: int
    evidence: str


@dataclass(frozen=True, slots=True)
class FlaggedComment:
    """A flagged comment with everything a reviewer needs to judge it."""

    id: int
    site: str
    page_url: str
    permalink: str | None
    author: str | None
    posted_at: datetime | None
    first_seen_at: datetime
    removed_at: datetime | None
    verdict: str
    score: int
    reasons: tuple[ReasonRow, ...]
    text: str
    spans: tuple[Span, ...]
    contacts: tuple[tuple[str, str, str], ...]
    """``(kind, normalised value, raw as written)`` per contact sighting."""
    campaign: str | None

    @property
    def live(self) -> bool:
        return self.removed_at is None


@dataclass(frozen=True, slots=True)
class TakedownItem:
    """One live scam comment to ask a site owner to remove."""

    comment_id: int
    page_url: str
    permalink: str | None
    author: str | None
    first_seen_at: datetime
    score: int
    reason: str
    contacts: tuple[str, ...]
    online_since: datetime | None = None
    """When it went online: the page's posting date if earlier than our first sighting
    (scams are often up for years before a first crawl), else ``first_seen_at``."""

    @property
    def up_since(self) -> datetime:
        return self.online_since or self.first_seen_at


@dataclass(frozen=True, slots=True)
class SiteTakedown:
    site: str
    domain: str | None
    items: tuple[TakedownItem, ...]


@dataclass(frozen=True, slots=True)
class CrawlRunRow:
    id: int
    kind: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    pages: int
    requests: int
    comments_new: int
    comments_updated: int
    comments_removed: int
    errors: int


@dataclass(frozen=True, slots=True)
class SiteHealth:
    """What the period's crawls got from one site; ``problem`` is empty when all is well."""

    name: str
    runs: int
    pages: int
    comments: int
    errors: int
    problem: str


@dataclass(frozen=True, slots=True)
class CrawlHealth:
    runs: tuple[CrawlRunRow, ...]
    sites: tuple[SiteHealth, ...]

    @property
    def problems(self) -> tuple[SiteHealth, ...]:
        return tuple(site for site in self.sites if site.problem)

    @property
    def failed_runs(self) -> int:
        return sum(1 for run in self.runs if run.status not in ("ok", "running"))


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything one report shows, in display order."""

    summary: ReportSummary
    campaigns: tuple[CampaignRow, ...]
    new_contacts: tuple[ContactRow, ...]
    new_contacts_total: int
    sites: tuple[SiteRow, ...]
    diseases: tuple[DiseaseRow, ...]
    trend: tuple[DayCount, ...]
    comments: tuple[FlaggedComment, ...]
    """Flagged comments first seen in the period, most severe first."""
    takedowns: tuple[SiteTakedown, ...]
    health: CrawlHealth


@dataclass(frozen=True, slots=True)
class ReportResult:
    """What :func:`reports.generate_report` wrote."""

    files: list[Path]
    summary: ReportSummary
    content_hash: str
    data: ReportData | None = field(default=None, repr=False)
