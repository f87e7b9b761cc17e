"""Benchmark: ``commentwatch report --period weekly`` on a SQLite database of 1,000,000 comments.

The database is filled with synthetic comments in realistic proportions (a year of crawls
over 40 sites: 85% ok, 8% scam, 4% spam, 3% suspicious; most scams removed within weeks;
contacts reused across comments, the way campaigns do) using raw ``executemany`` for speed.
The report is then timed end to end (CLI in-process: open, query, render, write) and
compared with a raw ``sqlite3`` baseline running the same headline queries by hand.

``BENCH_REPORT_COMMENTS`` changes the size (default 1,000,000); ``BENCH_REPORT_DB=path``
keeps the filled database at ``path`` and reuses it on the next run.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
DAYS = 365
SITES = 40
PAGES_PER_SITE = 500
CONTACT_POOL = 30_000
CAMPAIGNS = 2_000
DISEASES = ("HIV", "herpes", "diabetes", "breast cancer", "prostate cancer", "hepatitis B",
            "fibroid", "lupus", "ALS", "COPD", "kidney disease", "psoriasis", "epilepsy",
            "infertility", "arthritis")
VERDICTS = (("ok", 0.85), ("scam", 0.08), ("spam", 0.04), ("suspicious", 0.03))
REASONS = {
    "scam": json.dumps([{"rule": "CURE_TESTIMONIAL", "weight": 30, "evidence": "cured my"},
                        {"rule": "CONTACT_ROUTE", "weight": 25, "evidence": "email him"}]),
    "spam": json.dumps([{"rule": "PROMO_LINK", "weight": 20, "evidence": "buy"}]),
    "suspicious": json.dumps([{"rule": "HEALTH_PROMO", "weight": 10, "evidence": "herbal"}]),
    "ok": "[]",
}


def _ts(moment: datetime) -> str:
    """Format like SQLAlchemy stores datetimes on SQLite (naive UTC, microseconds)."""
    return moment.replace(tzinfo=None).isoformat(" ", "microseconds")


def page_url(page: int) -> str:
    return f"https://site{(page - 1) // PAGES_PER_SITE + 1:02d}.example/a/{page}"


def _contact(index: int) -> tuple[str, str, str]:
    """Return (kind, normalised value, raw as written) of pool contact ``index``."""
    kind = ("email", "phone", "url")[index % 3]
    if kind == "email":
        value = f"dr.healer{index}@mail{index % 7}.example"
        return kind, value, value
    if kind == "phone":
        digits = f"{8000000000 + index:010d}"
        return kind, f"+234{digits}", f"+234 {digits[:3]} {digits[3:6]} {digits[6:]}"
    value = f"https://herbal-home{index}.example/"
    return kind, value, value


def fill(path: Path, comments: int, seed: int = 7) -> None:
    """Write sites, pages, comments, verdicts, contacts, claims, campaigns and crawl runs."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    start = (NOW - timedelta(days=DAYS)).replace(tzinfo=None)
    created = _ts(start - timedelta(days=1))
    with conn:
        conn.executemany("INSERT INTO sites (id, name, domain, created_at) VALUES (?,?,?,?)",
                         [(s, f"site{s:02d}", f"site{s:02d}.example", created)
                          for s in range(1, SITES + 1)])
        conn.executemany(
            "INSERT INTO pages (id, site_id, url, first_seen_at) VALUES (?,?,?,?)",
            [(p, (p - 1) // PAGES_PER_SITE + 1, page_url(p), created)
             for p in range(1, SITES * PAGES_PER_SITE + 1)])
        conn.executemany(
            "INSERT INTO campaigns (id, label, updated_at) VALUES (?,?,?)",
            [(f"cmp{c:05d}", f"Dr Healer {c}", created) for c in range(CAMPAIGNS)])
        contact_first: dict[int, str] = {}
        step = DAYS * 86400 / comments
        rows, verdicts, sightings, claims, members = [], [], [], [], []
        bounds = []
        total = 0.0
        for name, weight in VERDICTS:
            total += weight
            bounds.append((total, name))

        def flush() -> None:
            conn.executemany(
                "INSERT INTO comments (id, site_id, page_id, external_id, author, permalink,"
                " posted_at, text, text_hash, first_text_hash, first_seen_at, last_seen_at,"
                " removed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            conn.executemany(
                "INSERT INTO verdicts (comment_id, verdict, score, reasons, ruleset_version,"
                " analysed_at) VALUES (?,?,?,?,?,?)", verdicts)
            conn.executemany(
                'INSERT INTO comment_contacts (comment_id, contact_id, start, "end", raw,'
                " obfuscated, channels) VALUES (?,?,?,?,?,?,?)", sightings)
            conn.executemany(
                'INSERT INTO claims (comment_id, disease, remedy, kind, start, "end")'
                " VALUES (?,?,?,?,?,?)", claims)
            conn.executemany("INSERT INTO campaign_members (comment_id, campaign_id)"
                             " VALUES (?,?)", members)
            for batch in (rows, verdicts, sightings, claims, members):
                batch.clear()

        for cid in range(1, comments + 1):
            seen = start + timedelta(seconds=cid * step)
            page = rng.randrange(1, SITES * PAGES_PER_SITE + 1)
            draw = rng.random()
            verdict = next((name for bound, name in bounds if draw < bound), "ok")
            removed = None
            if verdict in ("scam", "spam") and rng.random() < 0.6:
                removed = seen + timedelta(days=rng.uniform(0.5, 60))
            elif rng.random() < 0.03:
                removed = seen + timedelta(days=rng.uniform(1, 200))
            if removed is not None and removed >= NOW.replace(tzinfo=None):
                removed = None
            if verdict == "scam":
                index = min(int(rng.paretovariate(1.2)) * 7 + rng.randrange(7),
                            CONTACT_POOL - 1)
                kind, _value, raw = _contact(index)
                disease = DISEASES[index % len(DISEASES)]
                lead = f"Dr Healer cured my {disease} with herbal medicine, contact him on "
                text = lead + raw + " he is real, thank you doctor"
                sightings.append((cid, index + 1, len(lead), len(lead) + len(raw), raw, 0,
                                  "whatsapp" if kind == "phone" else None))
                claims.append((cid, disease, "herbal", "cure_testimonial", 10,
                               19 + len(disease) + 3))
                members.append((cid, f"cmp{index % CAMPAIGNS:05d}"))
                contact_first.setdefault(index, _ts(seen))
            elif verdict == "spam":
                index = rng.randrange(CONTACT_POOL)
                raw = _contact(index)[2]
                text = f"Best prices online, buy now at {raw} fast delivery"
                sightings.append((cid, index + 1, 31, 31 + len(raw), raw, 0, None))
                contact_first.setdefault(index, _ts(seen))
            else:
                text = ("Thank you for this article, my doctor said the same about "
                        f"treatment number {cid % 97}; very helpful for our family.")
            stamp = _ts(seen)
            rows.append((cid, (page - 1) // PAGES_PER_SITE + 1, page, f"c{cid}",
                         f"Reader {cid % 5000}", f"{page_url(page)}#c{cid}",
                         stamp, text, "h", "h", stamp,
                         _ts(removed - timedelta(hours=6)) if removed else _ts(NOW),
                         _ts(removed) if removed else None))
            verdicts.append((cid, verdict, {"ok": 0, "scam": 85, "spam": 40,
                                            "suspicious": 20}[verdict], REASONS[verdict],
                             "bench-1", stamp))
            if len(rows) >= 50_000:
                flush()
        flush()
        conn.executemany(
            "INSERT INTO contacts (id, kind, value, domain, first_seen_at) VALUES (?,?,?,?,?)",
            [(i + 1, *_contact(i)[:2], None, contact_first.get(i, created))
             for i in range(CONTACT_POOL)])
        runs = []
        for day in range(DAYS):
            began = start + timedelta(days=day, hours=2)
            stats = {"sites": {f"site{s:02d}": {"pages": 120, "comments": 0 if s == 13 else 70,
                                                "errors": 0} for s in range(1, SITES + 1)}}
            runs.append((day + 1, "crawl", ",".join(stats["sites"]), _ts(began),
                         _ts(began + timedelta(hours=1)), "ok", 4800, 5000,
                         comments // DAYS, comments // DAYS, 0, 0, 0, 1, json.dumps(stats)))
        conn.executemany(
            "INSERT INTO crawl_runs (id, kind, sites, started_at, finished_at, status, pages,"
            " requests, comments_seen, comments_new, comments_updated, comments_removed,"
            " errors, workers, stats) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", runs)
    conn.execute("ANALYZE")
    conn.close()


_LIVE = ("c.first_seen_at < :until AND (c.removed_at IS NULL OR c.removed_at >= :until)")
BASELINE = {
    "new comments": "SELECT COUNT(*) FROM comments c"
                    " WHERE c.first_seen_at >= :since AND c.first_seen_at < :until",
    "new flagged by verdict":
        "SELECT v.verdict, COUNT(*) FROM comments c JOIN verdicts v ON v.comment_id = c.id"
        " WHERE c.first_seen_at >= :since AND c.first_seen_at < :until"
        " AND v.verdict IN ('scam','spam','suspicious') GROUP BY v.verdict",
    "live flagged by verdict and site":
        "SELECT v.verdict, c.site_id, COUNT(*), MIN(c.first_seen_at) FROM verdicts v"
        " JOIN comments c ON c.id = v.comment_id"
        f" WHERE v.verdict IN ('scam','spam','suspicious') AND {_LIVE}"
        " GROUP BY v.verdict, c.site_id",
    "removed in period":
        "SELECT COUNT(*), COUNT(v.comment_id) FROM comments c LEFT JOIN verdicts v"
        " ON v.comment_id = c.id AND v.verdict IN ('scam','spam','suspicious')"
        " WHERE c.removed_at >= :since AND c.removed_at < :until",
    "crawl runs": "SELECT SUM(pages), SUM(comments_seen) FROM crawl_runs"
                  " WHERE started_at >= :since AND started_at < :until",
}


def _hinted(sql: str) -> str:
    """Keep SQLite off the unselective first_seen/removed indexes, as the report does."""
    return (sql.replace(f" AND {_LIVE}", " AND +c.first_seen_at < :until AND"
                        " (+c.removed_at IS NULL OR +c.removed_at >= :until)")
            .replace("GROUP BY v.verdict, c.site_id", "GROUP BY v.verdict, +c.site_id"))


def baseline(path: Path, since: datetime, until: datetime, *, hinted: bool = True) -> float:
    """Time the headline queries written by hand on a bare sqlite3 connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    params = {"since": _ts(since), "until": _ts(until)}
    began = time.perf_counter()
    for sql in BASELINE.values():
        conn.execute(_hinted(sql) if hinted else sql, params).fetchall()
    elapsed = time.perf_counter() - began
    conn.close()
    return elapsed


def run() -> None:
    from click.testing import CliRunner

    from commentwatch.cli import cli
    from pipeline.store.session import open_database
    from reports.data import build_report_data
    from reports.periods import period_bounds

    comments = int(os.environ.get("BENCH_REPORT_COMMENTS", "1000000"))
    workdir = Path(tempfile.mkdtemp(prefix="bench-report-"))
    reuse = os.environ.get("BENCH_REPORT_DB")
    path = Path(reuse) if reuse else workdir / "bench.db"
    url = f"sqlite:///{path}"
    if reuse and path.exists():
        print(f"reusing {path} ({path.stat().st_size / 1e6:.0f} MB)")
    else:
        open_database(url).close()  # migrated, empty
        began = time.perf_counter()
        fill(path, comments)
        print(f"filled {comments:,} comments in {time.perf_counter() - began:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB at {path})")

    since, until = period_bounds("weekly", NOW)
    totals = []
    for _ in range(2):  # first run: cold imports and page cache; second: a warm cron box
        began = time.perf_counter()
        result = CliRunner().invoke(cli, ["report", "--db", url, "--period", "weekly",
                                          "--now", NOW.isoformat(),
                                          "--out", str(workdir / "out")])
        totals.append(time.perf_counter() - began)
        if result.exit_code != 0:
            raise RuntimeError(result.output)
    db = open_database(url)
    try:
        began = time.perf_counter()
        with db.sessions() as session:
            data = build_report_data(session, since=since, until=until, kind="weekly")
        queries = time.perf_counter() - began
        headline = time.perf_counter()
        with db.sessions() as session:
            # The same figures the baseline computes, through the report's own queries.
            from reports.data import _live_flagged, _summary

            _summary(session, since, until, "weekly", _live_flagged(session, until), 0, 0, 0)
        headline = time.perf_counter() - headline
    finally:
        db.close()
    raw = min(baseline(path, since, until) for _ in range(3))
    naive = baseline(path, since, until, hinted=False)
    s = data.summary
    print(f"week {since:%Y-%m-%d}..{until:%Y-%m-%d}: {s.new_comments:,} new comments, "
          f"{s.new_flagged_total:,} new flagged, {s.live_scams:,} live scams, "
          f"{sum(len(t.items) for t in data.takedowns):,} takedown items")
    print(f"report --period weekly (CLI in-process, end to end): {totals[0]:.2f} s first, "
          f"{totals[1]:.2f} s again")
    print(f"  all report queries again (build_report_data):     {queries:.2f} s")
    print(f"  headline queries via SQLAlchemy:                   {headline:.3f} s")
    print(f"  same headline queries, raw sqlite3:                {raw:.3f} s "
          f"(ratio {headline / raw if raw else float('inf'):.2f}x)")
    print(f"  raw sqlite3 without the index hints:               {naive:.3f} s")
