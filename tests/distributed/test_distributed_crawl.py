"""Two worker processes crawl one generated site through Redis into one PostgreSQL database.

Counted at the server: without failures every page is fetched exactly once in total. When
one worker is killed (SIGKILL to its process group, as if its machine died) its in-flight
requests are queued again and the other worker finishes: every page is still fetched, a
page is fetched twice only if it was in flight at the dead worker, and every comment is
stored exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from bench.sitegen import GeneratedSite, sites_toml
from commentwatch.siteserver import StaticSiteServer
from pipeline.store import models as m
from tests.helpers import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]

#: Not a page: each worker's RobotsTxtMiddleware and the seeded request read it.
ROBOTS = "/robots.txt"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.pop("COMMENTWATCH_DB", None)
    return env


def _crawl_args(tmp_path: Path, pg_url: str, redis_url: str, prefix: str) -> list[str]:
    return [sys.executable, "-m", "commentwatch", "-v", "crawl", "--distributed",
            "--sites", str(tmp_path / "sites.toml"), "--db", pg_url, "--redis", redis_url,
            "--redis-prefix", prefix, "--heartbeat-ttl", "3", "--wait-for-seed", "60",
            "--quiet", "-s", "AUTOTHROTTLE_ENABLED=False"]


def _seed(args: list[str], tmp_path: Path) -> None:
    result = subprocess.run([*args, "--seed"], capture_output=True, text=True, timeout=120,
                            cwd=ROOT, env=_env(), check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "seeded" in result.stdout


def _start_workers(args: list[str], tmp_path: Path, count: int) -> list[subprocess.Popen[str]]:
    workers = []
    for index in range(count):
        with (tmp_path / f"worker{index}.log").open("w") as log, \
                (tmp_path / f"worker{index}.out").open("w") as out:
            # Own session: SIGKILL to the group also kills the analysis child process.
            workers.append(subprocess.Popen(
                [*args, "--worker-id", f"w{index}"], stdout=out, stderr=log, text=True,
                cwd=ROOT, env=_env(), start_new_session=True))
    return workers


def _wait(workers: list[subprocess.Popen[str]], tmp_path: Path, timeout: float = 150) -> None:
    deadline = time.monotonic() + timeout
    try:
        for worker in workers:
            worker.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        logs = "\n".join((tmp_path / f"worker{i}.log").read_text()[-2000:]
                         for i in range(len(workers)))
        pytest.fail(f"workers did not finish:\n{logs}")
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)


def _stored(pg_url: str) -> tuple[list[str], int, m.CrawlRun]:
    engine = create_engine(pg_url)
    try:
        with Session(engine) as session:
            ids = list(session.scalars(select(m.Comment.external_id)))
            verdicts = session.scalar(select(func.count()).select_from(m.Verdict)) or 0
            run = session.scalars(select(m.CrawlRun)).one()
            session.expunge(run)
            return ids, verdicts, run
    finally:
        engine.dispose()


def _expected_ids(site: GeneratedSite) -> list[str]:
    return sorted(i for ids in site.comments.values() for i in ids)


def _prepare(tmp_path: Path, server: StaticSiteServer) -> None:
    (tmp_path / "sites.toml").write_text(sites_toml(server.base_url), encoding="utf-8")


def test_two_workers_fetch_every_page_once(
        tmp_path: Path, pg_url: str, redis_url: str, redis_prefix: str,
        generated_site: GeneratedSite, site_server: StaticSiteServer) -> None:
    _prepare(tmp_path, site_server)
    args = _crawl_args(tmp_path, pg_url, redis_url, redis_prefix)
    _seed(args, tmp_path)
    workers = _start_workers(args, tmp_path, 2)
    _wait(workers, tmp_path)
    assert [w.returncode for w in workers] == [0, 0], (tmp_path / "worker0.log").read_text()[-3000:]

    hits = site_server.hits
    pages = {path: count for path, count in hits.items() if path != ROBOTS}
    assert pages == dict.fromkeys(generated_site.pages, 1)
    assert hits[ROBOTS] <= 3

    ids, verdicts, run = _stored(pg_url)
    assert sorted(ids) == _expected_ids(generated_site)
    assert verdicts == len(ids)
    # One run, two workers, counters summed over both.
    assert run.status == "ok"
    assert run.workers == 2
    assert run.comments_new == generated_site.comment_count
    assert run.pages == sum(pages.values())  # pages read; robots.txt is not one
    per_worker = run.stats["workers"]
    assert sorted(per_worker) == ["w0", "w1"]
    assert all(stats["generated"]["pages"] > 0 for stats in per_worker.values())
    assert sum(s["generated"]["pages"] for s in per_worker.values()) == run.pages


def test_killed_worker_loses_nothing(
        tmp_path: Path, pg_url: str, redis_url: str, redis_prefix: str, redis_client: object,
        generated_site: GeneratedSite, site_server: StaticSiteServer) -> None:
    _prepare(tmp_path, site_server)
    args = _crawl_args(tmp_path, pg_url, redis_url, redis_prefix)
    _seed(args, tmp_path)
    workers = _start_workers(args, tmp_path, 2)
    halfway = len(generated_site.pages) // 2
    deadline = time.monotonic() + 120
    while sum(site_server.hits.values()) < halfway and time.monotonic() < deadline:
        if workers[0].poll() is not None:
            break
        time.sleep(0.01)
    assert workers[0].poll() is None, "worker 0 finished before it could be killed"
    os.killpg(workers[0].pid, signal.SIGKILL)
    _wait(workers, tmp_path)
    assert workers[0].returncode == -signal.SIGKILL
    assert workers[1].returncode == 0, (tmp_path / "worker1.log").read_text()[-3000:]

    hits = site_server.hits
    pages = {path: count for path, count in hits.items() if path != ROBOTS}
    assert set(pages) == set(generated_site.pages)
    recovered = int(redis_client.get(f"{redis_prefix}:recovered") or 0)  # type: ignore[attr-defined]
    refetched = sum(pages.values()) - len(pages)
    assert refetched <= recovered
    assert "is gone" in (tmp_path / "worker1.log").read_text()

    ids, verdicts, run = _stored(pg_url)
    assert sorted(ids) == _expected_ids(generated_site)
    assert verdicts == len(ids)
    assert run.status == "ok"
    assert run.workers == 1
    assert sorted(run.stats["workers"]) == ["w1"]
