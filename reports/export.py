"""CSV and JSON exports and per-site takedown CSVs, for analysts' tools.

Each attacker-written value is exported twice, raw and defanged, in separate columns/keys,
so a tool can match on the raw value while a person reads the defanged one. Every CSV
string cell goes through :func:`reports.defang.neutralise_cell`, so a spreadsheet never
evaluates ``=HYPERLINK(...)`` and friends. Output is bytes with a stable order: the report's
content hash is taken over it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from reports.defang import clean_text, defang, neutralise_cell
from reports.model import (
    ContactRow,
    FlaggedComment,
    ReportData,
    SiteRow,
    SiteTakedown,
)

__all__ = ["MAX_CSV_TEXT", "comments_csv", "contacts_csv", "report_json", "sites_csv",
           "takedown_csv", "to_csv"]

#: Longest comment text put in one CSV cell (spreadsheets stop at 32,767 characters).
MAX_CSV_TEXT = 10_000


def _iso(value: datetime | date | None) -> str:
    return value.isoformat() if value else ""


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """Return CSV bytes (UTF-8, CRLF rows) with every string cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def _raw_and_defanged(value: str | None) -> tuple[str, str]:
    return clean_text(value), defang(value)


def comments_csv(comments: Sequence[FlaggedComment]) -> bytes:
    """Return the flagged comments of the period, one row each."""
    header = ["comment_id", "verdict", "score", "live", "site", "first_seen_at", "removed_at",
              "author_raw", "author_defanged", "permalink_raw", "permalink_defanged",
              "page_url_raw", "page_url_defanged", "contacts_raw", "contacts_defanged",
              "rules", "campaign", "text_raw", "text_defanged"]
    rows = []
    for c in comments:
        contacts = " | ".join(value for _kind, value, _raw in c.contacts)
        text = c.text[:MAX_CSV_TEXT]
        rows.append([c.id, c.verdict, c.score, "yes" if c.live else "no", c.site,
                     _iso(c.first_seen_at), _iso(c.removed_at),
                     *_raw_and_defanged(c.author), *_raw_and_defanged(c.permalink),
                     *_raw_and_defanged(c.page_url), *_raw_and_defanged(contacts),
                     ", ".join(r.rule for r in c.reasons), c.campaign or "",
                     *_raw_and_defanged(text)])
    return to_csv(header, rows)


def contacts_csv(contacts: Sequence[ContactRow]) -> bytes:
    header = ["contact_id", "kind", "value_raw", "value_defanged", "first_seen_at", "comments",
              "sites", "live", "campaign"]
    return to_csv(header, ([c.id, c.kind, *_raw_and_defanged(c.value), _iso(c.first_seen_at),
                            c.comments, c.sites, c.live, c.campaign or ""] for c in contacts))


def sites_csv(sites: Sequence[SiteRow]) -> bytes:
    header = ["site", "domain", "new_comments", "new_flagged", "flagged_share", "live_scams",
              "oldest_live_scam_at", "oldest_live_days", "removed", "removed_flagged",
              "median_days_to_removal"]
    return to_csv(header, ([s.name, s.domain or "", s.new_comments, s.new_flagged,
                            round(s.flagged_share, 4), s.live_scams,
                            _iso(s.oldest_live_scam_at), s.oldest_live_days,
                            s.removed, s.removed_flagged, s.median_days_to_removal]
                           for s in sites))


def takedown_csv(takedown: SiteTakedown, until: datetime) -> bytes:
    """Return one site's takedown list: every live scam comment, longest online first.

    ``days_live`` counts from ``online_since`` (the posting date where the page gives an
    earlier one than our first sighting), like the report's "live since".
    """
    header = ["comment_id", "page_url", "permalink_raw", "permalink_defanged", "author_raw",
              "author_defanged", "first_seen_at", "online_since", "days_live", "score",
              "reason", "contacts_raw", "contacts_defanged"]
    rows = []
    for item in takedown.items:
        contacts = " | ".join(item.contacts)
        rows.append([item.comment_id, item.page_url, *_raw_and_defanged(item.permalink),
                     *_raw_and_defanged(item.author), _iso(item.first_seen_at),
                     _iso(item.up_since),
                     round((until - item.up_since).total_seconds() / 86400, 1),
                     item.score, item.reason, *_raw_and_defanged(contacts)])
    return to_csv(header, rows)


def _pair(value: str | None) -> dict[str, str | None]:
    return {"raw": value, "defanged": defang(value) if value is not None else None}


def _comment_json(c: FlaggedComment) -> dict[str, Any]:
    return {
        "id": c.id, "verdict": c.verdict, "score": c.score, "live": c.live, "site": c.site,
        "page_url": _pair(c.page_url), "permalink": _pair(c.permalink),
        "author": _pair(c.author), "posted_at": _iso(c.posted_at) or None,
        "first_seen_at": _iso(c.first_seen_at), "removed_at": _iso(c.removed_at) or None,
        "campaign": c.campaign,
        "reasons": [{"rule": r.rule, "weight": r.weight, "evidence": _pair(r.evidence)}
                    for r in c.reasons],
        "contacts": [{"kind": k, "value": _pair(v), "raw": raw} for k, v, raw in c.contacts],
        "spans": [{"start": s.start, "end": s.end, "kind": s.kind, "label": s.label}
                  for s in c.spans],
        "text": c.text,
    }


def _plain(value: Any) -> Any:
    """Turn dataclass fields into JSON values (datetimes as ISO strings)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    return value


def report_json(data: ReportData) -> bytes:
    """Return the whole report as JSON (sorted keys, so the bytes are stable)."""
    s = data.summary
    doc = {
        "summary": {**_plain(s), "live_scams": s.live_scams,
                    "new_flagged_total": s.new_flagged_total},
        "campaigns": [{**_plain(c), "top_contacts": [_pair(v) for v in c.top_contacts]}
                      for c in data.campaigns],
        "new_contacts": [{**_plain(c), "value": _pair(c.value)} for c in data.new_contacts],
        "new_contacts_total": data.new_contacts_total,
        "sites": [{**_plain(r), "flagged_share": round(r.flagged_share, 4)}
                  for r in data.sites],
        "diseases": _plain(data.diseases),
        "trend": [{"day": d.day.isoformat(), **d.counts} for d in data.trend],
        "comments": [_comment_json(c) for c in data.comments],
        "takedowns": [{"site": t.site, "domain": t.domain,
                       "items": [{**_plain(i), "permalink": _pair(i.permalink),
                                  "author": _pair(i.author),
                                  "contacts": [_pair(v) for v in i.contacts]}
                                 for i in t.items]}
                      for t in data.takedowns],
        "health": {"runs": _plain(data.health.runs), "sites": _plain(data.health.sites)},
    }
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()
