"""``commentwatch crawl --distributed``: seeding, refusing a second seed, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.sitegen import sites_toml
from tests.helpers import run_cli

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.slow]


def _sites(tmp_path: Path) -> str:
    path = tmp_path / "sites.toml"
    path.write_text(sites_toml("http://127.0.0.1:9"), encoding="utf-8")
    return str(path)


def test_seed_needs_distributed(tmp_path: Path) -> None:
    result = run_cli("crawl", "--seed", "--sites", _sites(tmp_path), "--db",
                     f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 2
    assert "--seed needs --distributed" in result.stderr


def test_second_seed_is_refused_while_the_crawl_runs(
        tmp_path: Path, pg_url: str, redis_url: str, redis_prefix: str,
        redis_client: object) -> None:
    args = ("crawl", "--distributed", "--seed", "--sites", _sites(tmp_path), "--db", pg_url,
            "--redis", redis_url, "--redis-prefix", redis_prefix)
    first = run_cli(*args)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "run 1 seeded (generated: 2 start requests)" in first.stdout
    assert redis_client.llen(f"{redis_prefix}:generated:requests") == 2  # type: ignore[attr-defined]
    second = run_cli(*args)
    assert second.returncode == 3
    assert "still running" in second.stderr


def test_worker_gives_up_without_a_seed(tmp_path: Path, pg_url: str, redis_url: str,
                                        redis_prefix: str) -> None:
    result = run_cli("crawl", "--distributed", "--sites", _sites(tmp_path), "--db", pg_url,
                     "--redis", redis_url, "--redis-prefix", redis_prefix,
                     "--wait-for-seed", "1", "--quiet", timeout=60)
    assert result.returncode == 1
    assert "no crawl was seeded" in result.stderr
