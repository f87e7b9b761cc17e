"""Distributed crawl: 1 worker against 2 on the same generated site, and PostgreSQL write rate.

Part 1 serves a generated site (``bench.sitegen``) on 127.0.0.1, seeds a crawl in Redis and
runs ``commentwatch crawl --distributed`` with one worker, then with two (fresh PostgreSQL
database and Redis prefix each time). It reports pages/s over the crawl window (first to
last fetch seen at the server) and over the whole wall time (process start to exit, which
includes each worker's start-up), and the speed-up of two workers over one.

Part 2 writes the same comments into PostgreSQL three ways in the same run: our writer
(``save_comments``: sites, pages, comments, contacts, links, claims, verdicts, upserts, in
batches of 200 per transaction), a raw ``executemany`` INSERT of the comment rows alone and
a raw ``COPY`` of them. The raw baselines write one table; ours writes seven.

Needs PostgreSQL (``COMMENTWATCH_BENCH_PG``, default the test server) and Redis
(``COMMENTWATCH_BENCH_REDIS``, default db 15).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

from bench.pgscratch import scratch_database
from bench.sitegen import generate_site, sites_toml
from commentwatch.siteserver import StaticSiteServer

PG_ADMIN = os.environ.get("COMMENTWATCH_BENCH_PG",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("COMMENTWATCH_BENCH_REDIS", "redis://127.0.0.1:6379/15")
ARTICLES = int(os.environ.get("BENCH_DISTRIBUTED_ARTICLES", "600"))
WRITE_ROWS = int(os.environ.get("BENCH_DISTRIBUTED_ROWS", "6000"))
ROOT = Path(__file__).resolve().parents[1]


def _database() -> AbstractContextManager[str]:
    return scratch_database(PG_ADMIN, prefix="cw_bench")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.pop("COMMENTWATCH_DB", None)
    return env


def _crawl(workers: int, sites: Path, server: StaticSiteServer, db_url: str) -> dict[str, float]:
    import redis

    prefix = f"cwbench-{uuid.uuid4().hex[:8]}"
    args = [sys.executable, "-m", "commentwatch", "crawl", "--distributed", "--sites",
            str(sites), "--db", db_url, "--redis", REDIS, "--redis-prefix", prefix, "--quiet",
            "--wait-for-seed", "60", "-s", "AUTOTHROTTLE_ENABLED=False"]
    subprocess.run([*args, "--seed"], check=True, capture_output=True, cwd=ROOT, env=_env())
    server.hits.clear()
    before = _cpu()
    started = time.monotonic()
    procs = [subprocess.Popen([*args, "--worker-id", f"bench{i}"], cwd=ROOT, env=_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for i in range(workers)]
    first = last = None
    seen = 0
    while any(p.poll() is None for p in procs):
        count = sum(server.hits.values())
        now = time.monotonic()
        if count and first is None:
            first = now
        if count != seen:
            seen, last = count, now
        time.sleep(0.02)
    wall = time.monotonic() - started
    cpu = _cpu() - before
    client = redis.Redis.from_url(REDIS)
    stale = list(client.scan_iter(match=f"{prefix}:*"))
    if stale:
        client.delete(*stale)
    client.close()
    if any(p.returncode for p in procs):
        raise RuntimeError(f"a worker failed: {[p.returncode for p in procs]}")
    window = max(1e-6, (last or 0) - (first or 0))
    return {"pages": float(seen), "wall": wall, "window": window,
            "window_rate": seen / window, "wall_rate": seen / wall, "cores": cpu / wall}


def _cpu() -> float:
    """CPU seconds of finished children (workers and their analysis processes) and us."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    return children.ru_utime + children.ru_stime + own.ru_utime + own.ru_stime


def _records(count: int) -> list[object]:
    from bench.synthetic import scam_record

    now = datetime.now(UTC)
    return [
        scam_record(i, email=f"healer{i % 300}@example.com",
                    text=(f"Healer {i} cured my sister of hepatitis in three weeks, write to "
                          f"healer{i % 300}@example.com"),
                    disease="hepatitis", site="bench", page_url=f"https://bench.example/a{i // 5}",
                    seen_at=now, author=f"r{i}")
        for i in range(count)
    ]


def _write_rates(db_url: str, count: int) -> dict[str, float]:
    import psycopg
    from sqlalchemy.engine import make_url

    from pipeline.store.records import text_hash
    from pipeline.store.session import open_database
    from pipeline.store.writer import save_comments

    records = _records(count)
    database = open_database(db_url)
    started = time.perf_counter()
    for offset in range(0, count, 200):
        with database.sessions.begin() as session:
            save_comments(session, records[offset:offset + 200])  # type: ignore[arg-type]
    ours = time.perf_counter() - started
    database.close()

    url = make_url(db_url).set(drivername="postgresql").render_as_string(hide_password=False)
    rows = [(r.page_url, r.external_id, r.author, r.text, text_hash(r.text), r.seen_at)  # type: ignore[attr-defined]
            for r in records]
    ddl = ("CREATE TABLE {} (page_url text, external_id text, author text, body text, "
           "text_hash text, seen_at timestamptz, UNIQUE (page_url, external_id))")
    with psycopg.connect(url) as conn:
        conn.execute(ddl.format("raw_many"))
        conn.execute(ddl.format("raw_copy"))
        conn.commit()
        started = time.perf_counter()
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO raw_many VALUES (%s, %s, %s, %s, %s, %s)", rows)
        conn.commit()
        many = time.perf_counter() - started
        started = time.perf_counter()
        with conn.cursor() as cur, cur.copy("COPY raw_copy FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        conn.commit()
        copy_time = time.perf_counter() - started
    return {"ours": count / ours, "executemany": count / many, "copy": count / copy_time}


def run() -> None:
    """Print the crawl speed-up of two workers and the PostgreSQL write rates."""
    with tempfile.TemporaryDirectory(prefix="cw-bench-dist-") as tmp:
        site = generate_site(Path(tmp) / "site", articles=ARTICLES)
        with StaticSiteServer(site.root) as server:
            sites = Path(tmp) / "sites.toml"
            sites.write_text(sites_toml(server.base_url), encoding="utf-8")
            results = {}
            for workers in (1, 2):
                with _database() as db_url:
                    results[workers] = _crawl(workers, sites, server, db_url)
    print(f"site: {len(site.pages)} pages, {site.comment_count} comments "
          f"(PostgreSQL, Redis, this machine: {os.cpu_count()} cores)")
    for workers, r in results.items():
        print(f"{workers} worker(s): {r['pages']:.0f} fetches, "
              f"{r['window_rate']:.1f} pages/s over the crawl ({r['window']:.1f}s), "
              f"{r['wall_rate']:.1f} pages/s wall ({r['wall']:.1f}s incl. start-up), "
              f"{r['cores']:.2f} cores busy (workers, analysis, site server; "
              f"PostgreSQL and Redis not counted)")
    print(f"speed-up 2 vs 1: {results[1]['window'] / results[2]['window']:.2f}x crawl window, "
          f"{results[1]['wall'] / results[2]['wall']:.2f}x wall")
    with _database() as db_url:
        rates = _write_rates(db_url, WRITE_ROWS)
    print(f"PostgreSQL writes, {WRITE_ROWS} comments: ours {rates['ours']:.0f}/s "
          f"(7 tables, upserts, 200 per transaction), raw executemany "
          f"{rates['executemany']:.0f}/s, raw COPY {rates['copy']:.0f}/s; ours/executemany "
          f"{rates['ours'] / rates['executemany']:.2f}, ours/COPY {rates['ours'] / rates['copy']:.2f}")
