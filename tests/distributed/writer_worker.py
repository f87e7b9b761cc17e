"""Child-process side of ``test_concurrent_writer``: save overlapping batches in a loop."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

from bench.synthetic import scam_record
from pipeline.store.records import CommentRecord, PageSnapshot

PAGES = 9
COMMENTS = 90


def page_url(number: int) -> str:
    return f"https://blog.example/p{number}"


def batch(seed: int, version: str) -> tuple[list[CommentRecord], list[PageSnapshot]]:
    """Comments of four random pages in random order, and snapshots of three other pages.

    Page snapshots are written after the comments, so two such transactions lock pages
    in different orders: the deadlock a retry has to absorb.
    """
    rnd = random.Random(seed)
    pages = set(rnd.sample(range(PAGES), 4))
    ids = [i for i in range(COMMENTS) if i % PAGES in pages]
    rnd.shuffle(ids)
    now = datetime.now(UTC)
    records = [scam_record(i, email=f"healer{i % 7}@example.com",
                           text=f"Healer {i} cured me, write to healer{i % 7}@example.com",
                           disease="herpes", site="blog", page_url=page_url(i % PAGES),
                           seen_at=now, version=version)
               for i in ids]
    snapshots = [PageSnapshot(site="blog", page_url=page_url(p), seen_at=now,
                              external_ids=frozenset(str(i) for i in range(COMMENTS)
                                                     if i % PAGES == p),
                              site_domain="blog.example")
                 for p in rnd.sample(range(PAGES), 3)]
    return records, snapshots


def save_rounds(url: str, seed: int, rounds: int, results: Any) -> None:
    """Save ``rounds`` batches, each in one retried transaction; report new count, errors."""
    from pipeline.store.retry import retry_transaction
    from pipeline.store.session import open_database
    from pipeline.store.writer import mark_removed, save_comments

    database = open_database(url)
    new, errors = 0, []
    for number in range(rounds):
        records, snapshots = batch(seed * 1000 + number, f"rules-{number % 3}")

        def transaction(records: list[CommentRecord] = records,
                        snapshots: list[PageSnapshot] = snapshots) -> int:
            with database.sessions.begin() as session:
                stats = save_comments(session, records)
                mark_removed(session, snapshots)
                return stats.new

        try:
            new += retry_transaction(transaction, attempts=8)
        except Exception as exc:  # noqa: BLE001 - sent back to the test
            errors.append(f"{type(exc).__name__}: {exc}"[:300])
    database.close()
    results.put((new, errors))
