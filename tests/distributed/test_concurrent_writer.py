"""The writer under concurrent processes on PostgreSQL: no duplicates, no failed batches.

Two processes save overlapping batches (same comments, contacts and pages, in different
orders, re-analysed under changing ruleset versions) at the same time, each transaction
wrapped in ``retry_transaction``. Every comment must exist once with exactly one verdict,
one contact link and one claim, and the "new" counts of all processes must add up to the
number of comments: a unique race would show as an error, a duplicate row or a
double-counted insert.
"""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from pipeline.store import models as m
from pipeline.store.session import open_database

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_concurrent_writers_never_duplicate_nor_fail(pg_url: str) -> None:
    from tests.distributed import writer_worker

    open_database(pg_url).close()  # migrate once, before the writers race
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        # Detect deadlocks after 50 ms instead of 1 s: same behaviour, faster test.
        name = conn.exec_driver_sql("SELECT current_database()").scalar()
        conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET deadlock_timeout = \'50ms\'')
    engine.dispose()
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [context.Process(target=writer_worker.save_rounds,
                                 args=(pg_url, seed, 10, results)) for seed in (1, 2)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    results.close()
    results.join_thread()

    errors = [error for _, found in outcomes for error in found]
    assert errors == []
    engine = create_engine(pg_url)
    try:
        with Session(engine) as session:
            def count(model: type) -> int:
                return session.scalar(select(func.count()).select_from(model)) or 0

            comments = count(m.Comment)
            assert comments == writer_worker.COMMENTS
            assert count(m.Verdict) == comments
            assert count(m.CommentContact) == comments
            assert count(m.Claim) == comments
            assert count(m.Contact) == 7
            assert count(m.Page) == writer_worker.PAGES
    finally:
        engine.dispose()
    assert sum(new for new, _ in outcomes) == writer_worker.COMMENTS
