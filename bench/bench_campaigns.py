"""Campaign linking at scale: full relink of a million comments, incremental after 10,000.

Builds a synthetic database (raw ``executemany``, no ORM) of ``BENCH_CAMPAIGNS_COMMENTS``
comments (default 1,000,000), a quarter of them scam/spam posted by a few thousand
campaigns. Each campaign rotates a small pool of phones, e-mails and blogs, posts two
testimonial templates with the victim's name swapped, and sometimes a fresh number, so
linking needs both shared contacts and near-duplicate text. Then it times, each in a fresh
process so peak memory (``ru_maxrss``) is the phase's own:

- ``relink_all`` over the whole database;
- ``relink_incremental`` after 1,000 and after 10,000 new comments: the cost should follow
  the new comments, not the database.

``BENCH_CAMPAIGNS_DB`` picks another database URL (e.g. PostgreSQL); the default is a
temporary SQLite file.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.memory import peak_rss_mib

COMMENTS = int(os.environ.get("BENCH_CAMPAIGNS_COMMENTS", "1000000"))
CAMPAIGNS = int(os.environ.get("BENCH_CAMPAIGNS_CAMPAIGNS", "3000"))
FLAGGED_SHARE = 0.25
SITES = 200
PAGES_PER_SITE = 100
T0 = datetime(2026, 1, 1, tzinfo=UTC)



def _word(number: int) -> str:
    """Return a letters-only pseudo-word (digits would be folded away by shingling)."""
    letters = ""
    for _ in range(3):
        number, digit = divmod(number, 26)
        letters += chr(ord("a") + digit)
    return "lo" + letters


_WORDS = [_word(n) for n in range(5000)]
_NAMES = ["Mary", "John", "Ann", "Peter", "Grace", "Paul", "Linda", "James", "Rose", "Mark"]


def _print(*parts: object) -> None:
    print(*parts, flush=True)


class _Campaign:
    def __init__(self, number: int, rng: random.Random) -> None:
        self.persona = f"Dr Healer{number}"
        self.phones = [f"+23480{rng.randrange(10**8):08d}" for _ in range(rng.randint(1, 3))]
        self.emails = [f"healer{number}.{i}@gmail.com" for i in range(rng.randint(0, 2))]
        self.blog = f"https://healer{number}-temple.blogspot.com/" if rng.random() < 0.3 else None
        self.templates = [" ".join(rng.choices(_WORDS, k=60)) for _ in range(2)]


class _Writer:
    """Raw DBAPI inserts with the driver's parameter style."""

    def __init__(self, url: str) -> None:
        from pipeline.store.session import make_engine

        self.engine = make_engine(url)
        self.sqlite = self.engine.dialect.name == "sqlite"
        self.conn = self.engine.raw_connection()

    def when(self, moment: datetime) -> Any:
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else moment

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        marks = ", ".join("?" if self.sqlite else "%s" for _ in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        cursor = self.conn.cursor()
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        cursor.close()

    def max_id(self, table: str) -> int:
        cursor = self.conn.cursor()
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        value = int(cursor.fetchone()[0])
        cursor.close()
        return value

    def close(self) -> None:
        self.conn.commit()
        self.conn.close()
        self.engine.dispose()


def _build(url: str, count: int, *, start: datetime, seed: int) -> list[int]:
    """Insert ``count`` comments (first call: sites and pages too); return their ids."""
    rng = random.Random(seed)
    campaigns = [_Campaign(n, random.Random(n)) for n in range(CAMPAIGNS)]
    writer = _Writer(url)
    if writer.max_id("sites") == 0:
        writer.insert("sites", ("id", "name", "domain", "created_at"),
                      [(s + 1, f"site{s}", f"site{s}.example.org", writer.when(T0))
                       for s in range(SITES)])
        writer.insert("pages", ("id", "site_id", "url", "first_seen_at"),
                      [(p + 1, p // PAGES_PER_SITE + 1,
                        f"https://site{p // PAGES_PER_SITE}.example.org/a{p}", writer.when(T0))
                       for p in range(SITES * PAGES_PER_SITE)])
    first_id = writer.max_id("comments") + 1
    contact_ids: dict[tuple[str, str], int] = {}
    next_contact = writer.max_id("contacts") + 1
    comments, verdicts, links, contacts = [], [], [], []
    ids = []
    for offset in range(count):
        cid = first_id + offset
        ids.append(cid)
        page = rng.randrange(SITES * PAGES_PER_SITE) + 1
        seen = writer.when(start + timedelta(seconds=offset))
        found: list[tuple[str, str, str | None]] = []
        if rng.random() < FLAGGED_SHARE:
            camp = campaigns[min(int(rng.paretovariate(1.2)) - 1, CAMPAIGNS - 1)
                             if rng.random() < 0.3 else rng.randrange(CAMPAIGNS)]
            phone = (f"+23490{rng.randrange(10**8):08d}" if rng.random() < 0.2
                     else rng.choice(camp.phones))
            victim = f"{rng.choice(_NAMES)} {rng.choice(_WORDS)}"
            text = (f"My name is {victim} and {camp.persona} cured me. "
                    f"{rng.choice(camp.templates)} WhatsApp {phone}")
            found.append(("phone", phone, None))
            if camp.emails and rng.random() < 0.5:
                email = rng.choice(camp.emails)
                found.append(("email", email, "gmail.com"))
                text += f" or email {email}"
            if camp.blog and rng.random() < 0.5:
                found.append(("url", camp.blog, "blogspot.com"))
                text += f" blog {camp.blog}"
            verdict = rng.choice(("scam", "scam", "spam"))
        else:
            text = " ".join(rng.choices(_WORDS, k=rng.randint(10, 50)))
            verdict = rng.choice(("ok", "ok", "ok", "suspicious"))
        digest = hashlib.sha256(text.encode()).hexdigest()
        comments.append((cid, (page - 1) // PAGES_PER_SITE + 1, page, f"c{cid}", text, digest,
                         digest, seen, seen))
        verdicts.append((cid, verdict, 50, "[]", "bench", seen))
        for kind, value, domain in found:
            key = (kind, value)
            if key not in contact_ids:
                contact_ids[key] = next_contact
                contacts.append((next_contact, kind, value, domain, seen))
                next_contact += 1
            links.append((cid, contact_ids[key], text.index(value), 0, value, False))
    # Contacts may already exist from the first build: keep their ids.
    contacts = _reuse_contacts(writer, contacts, links)
    writer.insert("comments", ("id", "site_id", "page_id", "external_id", "text", "text_hash",
                               "first_text_hash", "first_seen_at", "last_seen_at"), comments)
    writer.insert("verdicts", ("comment_id", "verdict", "score", "reasons", "ruleset_version",
                               "analysed_at"), verdicts)
    writer.insert("contacts", ("id", "kind", "value", "domain", "first_seen_at"), contacts)
    writer.insert("comment_contacts", ("comment_id", "contact_id", "start", "end", "raw",
                                       "obfuscated"), links)
    writer.close()
    return ids


def _reuse_contacts(writer: _Writer, contacts: list[tuple[Any, ...]],
                    links: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Drop contacts already stored and point their sightings at the stored ids."""
    cursor = writer.conn.cursor()
    cursor.execute("SELECT kind, value, id FROM contacts")
    stored = {(kind, value): cid for kind, value, cid in cursor.fetchall()}
    cursor.close()
    remap = {}
    fresh = []
    for row in contacts:
        key = (row[1], row[2])
        if key in stored:
            remap[row[0]] = stored[key]
        else:
            fresh.append(row)
    if remap:
        links[:] = [(c, remap.get(k, k), *rest) for c, k, *rest in links]
    return fresh


def _phase(url: str, name: str, ids: list[int] | None, queue: Any) -> None:
    from pipeline.store.campaigns import campaign_count, relink_all, relink_incremental
    from pipeline.store.session import open_database

    database = open_database(url)
    started = time.perf_counter()
    with database.sessions.begin() as session:
        stats = relink_all(session) if ids is None else relink_incremental(session, ids)
        campaigns = campaign_count(session)
    elapsed = time.perf_counter() - started
    database.close()
    queue.put((name, elapsed, peak_rss_mib(), stats.examined, stats.linked, stats.merged,
               stats.full, campaigns))


def _timed(url: str, name: str, ids: list[int] | None) -> tuple[Any, ...]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=_phase, args=(url, name, ids, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def ids_phase(name: str) -> bool:
    return name.startswith("incremental")


def run() -> None:
    """Build the database, then time full and incremental relinks."""
    from pipeline.store.session import open_database

    tmp = tempfile.TemporaryDirectory(prefix="bench-campaigns-")
    url = os.environ.get("BENCH_CAMPAIGNS_DB") or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    open_database(url).close()  # migrate
    started = time.perf_counter()
    _build(url, COMMENTS, start=T0, seed=1)
    _print(f"built {COMMENTS:,} comments ({CAMPAIGNS:,} campaigns, {FLAGGED_SHARE:.0%} "
           f"flagged) in {time.perf_counter() - started:.1f}s on {url.split(':')[0]}")
    results = [_timed(url, "full relink", None)]
    later = T0 + timedelta(seconds=COMMENTS + 10)
    for count, seed in ((1_000, 2), (10_000, 3)):
        ids = _build(url, count, start=later, seed=seed)
        later += timedelta(seconds=count + 10)
        results.append(_timed(url, f"incremental after {count:,} new", ids))
    _print(f"{'phase':<32} {'seconds':>8} {'peak MB':>8} {'flagged':>8} {'linked':>8} "
           f"{'merged':>7} {'campaigns':>9}  per flagged comment")
    for name, elapsed, peak, examined, linked, merged, full, campaigns in results:
        per = f"{elapsed / examined * 1e3:.2f} ms" if examined else "-"
        note = "  (fell back to a full relink)" if full and ids_phase(name) else ""
        _print(f"{name:<32} {elapsed:>8.1f} {peak:>8.0f} {examined:>8,} {linked:>8,} "
               f"{merged:>7,} {campaigns:>9,}  {per}{note}")
    tmp.cleanup()


if __name__ == "__main__":
    run()
