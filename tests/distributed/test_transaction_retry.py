"""Retrying transactions on a real PostgreSQL deadlock; other errors are raised at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError, OperationalError

from pipeline.store.retry import is_retryable, retry_transaction

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)"))
        conn.execute(text("INSERT INTO counters VALUES (1, 0), (2, 0)"))
    yield engine
    engine.dispose()


def _lock_both(engine: Engine, first: int, second: int, barrier: threading.Barrier,
               attempts: list[int]) -> None:
    attempts.append(1)
    with engine.begin() as conn:
        conn.execute(text("UPDATE counters SET n = n + 1 WHERE id = :i"), {"i": first})
        if len(attempts) == 1:
            barrier.wait(timeout=30)  # both hold their first row: opposite orders deadlock
        conn.execute(text("UPDATE counters SET n = n + 1 WHERE id = :i"), {"i": second})


def test_deadlocked_transactions_both_commit_after_retry(engine: Engine) -> None:
    barrier = threading.Barrier(2)
    attempts: dict[str, list[int]] = {"a": [], "b": []}
    slept: list[float] = []
    errors: list[BaseException] = []

    def run(name: str, first: int, second: int) -> None:
        try:
            retry_transaction(lambda: _lock_both(engine, first, second, barrier, attempts[name]),
                              sleep=slept.append)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=("a", 1, 2)),
               threading.Thread(target=run, args=("b", 2, 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert slept  # PostgreSQL aborted one of them at least once...
    assert len(attempts["a"]) + len(attempts["b"]) == 2 + len(slept)  # ...and it ran again
    with engine.connect() as conn:
        assert dict(conn.execute(text("SELECT id, n FROM counters")).all()) == {1: 2, 2: 2}


def test_other_errors_are_not_retried(engine: Engine) -> None:
    calls: list[int] = []

    def duplicate() -> None:
        calls.append(1)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO counters VALUES (1, 5)"))

    with pytest.raises(IntegrityError) as caught:
        retry_transaction(duplicate, sleep=lambda _: None)
    assert calls == [1]
    assert not is_retryable(caught.value)


def test_gives_up_after_the_last_attempt(engine: Engine) -> None:
    calls: list[int] = []

    def always_deadlocks() -> None:
        calls.append(1)
        with engine.begin() as conn:
            conn.execute(text(
                "DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = '40P01'; END $$"))

    with pytest.raises(OperationalError) as caught:
        retry_transaction(always_deadlocks, attempts=3, sleep=lambda _: None)
    assert calls == [1, 1, 1]
    assert is_retryable(caught.value)
