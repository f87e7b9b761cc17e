"""`commentwatch crawl` exit codes for cron: 2 bad configuration, 3 lock held, 1 errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from commentwatch.locking import database_lock
from pipeline.errors import LockHeldError
from tests.helpers import run_cli


def test_bad_site_list_exits_2_naming_file_and_line(tmp_path: Path, sqlite_url: str) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "x"\nstart_urls = ["https://x.example/"]\ndelai = 2\n',
                     encoding="utf-8")
    result = run_cli("crawl", "--sites", str(sites), "--db", sqlite_url, "--quiet")
    assert result.returncode == 2
    assert f"{sites}:4" in result.stderr
    assert "delai" in result.stderr


def test_unknown_site_exits_2(tmp_path: Path, sqlite_url: str) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "x"\nstart_urls = ["https://x.example/"]\n',
                     encoding="utf-8")
    result = run_cli("crawl", "--sites", str(sites), "--site", "nope", "--db", sqlite_url)
    assert result.returncode == 2
    assert "no site named nope" in result.stderr


def test_held_lock_exits_3(tmp_path: Path, sqlite_url: str) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "x"\nstart_urls = ["http://127.0.0.1:9/"]\n'
                     "allow_private = true\n", encoding="utf-8")
    with database_lock(sqlite_url, "crawl"):
        result = run_cli("crawl", "--sites", str(sites), "--db", sqlite_url, "--quiet")
    assert result.returncode == 3
    assert "lock" in result.stderr


def test_lock_is_exclusive_and_released(sqlite_url: str) -> None:
    with database_lock(sqlite_url, "crawl"), pytest.raises(LockHeldError), \
            database_lock(sqlite_url, "crawl"):
        pass  # never reached: the second lock is refused
    with database_lock(sqlite_url, "crawl"):
        pass


def test_unreachable_site_exits_1_and_records_the_run(tmp_path: Path, sqlite_url: str) -> None:
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from pipeline.store import models as m

    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "down"\nstart_urls = ["http://127.0.0.1:9/"]\n'
                     "allow_private = true\n", encoding="utf-8")
    result = run_cli("crawl", "--sites", str(sites), "--db", sqlite_url, "--quiet",
                     "-s", "RETRY_TIMES=0")
    assert result.returncode == 1, result.stderr[-2000:]
    engine = create_engine(sqlite_url)
    with Session(engine) as session:
        run = session.scalars(select(m.CrawlRun)).one()
    engine.dispose()
    assert run.status == "errors"
    assert run.errors >= 1
    assert run.finished_at is not None
