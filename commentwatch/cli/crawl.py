"""``commentwatch crawl``: crawl the configured sites (the nightly cron job)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from commentwatch.cli.options import db_option

EXIT_OK, EXIT_ERRORS, EXIT_CONFIG, EXIT_LOCKED = 0, 1, 2, 3


def _parse_overrides(values: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="-s")
        overrides[key.strip()] = setting
    return overrides


@click.command("crawl")
@click.option("--sites", "sites_file", type=click.Path(path_type=Path), default=Path("sites.toml"),
              show_default=True, help="Site list (TOML, see sites.example.toml).")
@click.option("--site", "site_names", multiple=True, metavar="NAME",
              help="Crawl only this site (repeatable).")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting (repeatable), e.g. -s DOWNLOAD_DELAY=2.")
@click.option("--resume", is_flag=True,
              help="Resume an interrupted crawl from its saved state (Scrapy JOBDIR).")
@click.option("--state-dir", type=click.Path(path_type=Path), default=Path(".commentwatch-state"),
              show_default=True, help="Where --resume keeps crawl state.")
@click.option("--log-file", type=click.Path(path_type=Path), default=None,
              help="Also write the log here [default: $COMMENTWATCH_LOG_DIR/crawl.log].")
@click.option("--quiet", is_flag=True, help="No progress display.")
@click.option("--full", is_flag=True,
              help="Read WordPress comment listings in full (finds removals and edits), not "
              "only comments newer than the stored ones; e.g. in a weekly cron line.")
@click.option("--distributed", is_flag=True,
              help="Run as one worker of a crawl shared through Redis (scrapy-redis).")
@click.option("--redis", "redis_url", metavar="URL", envvar="COMMENTWATCH_REDIS",
              default="redis://127.0.0.1:6379/0", show_default=True,
              help="Redis of the distributed crawl [env: COMMENTWATCH_REDIS].")
@click.option("--redis-prefix", default="commentwatch", show_default=True,
              help="Prefix of the crawl's Redis keys (one per deployment).")
@click.option("--seed", is_flag=True,
              help="With --distributed: open a run, queue the sites' start requests, exit.")
@click.option("--wait-for-seed", type=float, default=0.0, show_default=True, metavar="SECONDS",
              help="With --distributed: stop if no crawl is seeded in time (0: wait for ever).")
@click.option("--worker-id", default=None, help="With --distributed: this worker's name "
              "[default: host-pid-random].")
@click.option("--heartbeat-ttl", type=int, default=10, show_default=True, metavar="SECONDS",
              help="With --distributed: a worker silent this long is dead; its requests "
              "are queued again.")
@db_option
def command(sites_file: Path, site_names: tuple[str, ...], overrides: tuple[str, ...],
            resume: bool, state_dir: Path, log_file: Path | None, quiet: bool, full: bool,
            distributed: bool, redis_url: str, redis_prefix: str, seed: bool,
            wait_for_seed: float, worker_id: str | None, heartbeat_ttl: int,
            db_url: str | None) -> None:
    """Crawl every site of the site list, or only --site NAME.

    Exit codes: 0 done, 1 finished with errors (other sites still crawled), 2 bad
    configuration (the message names the file and line), 3 another crawl holds the lock
    (with --seed: a distributed crawl is still running).
    Every run writes a crawl_runs row, also when it fails.

    With --distributed, workers on any number of machines share one crawl through Redis
    and write to one (PostgreSQL) database: --seed queues the start requests once, each
    worker crawls until the queue is drained, then adds its stats to the run.

    Example:

        commentwatch crawl --sites /etc/commentwatch/sites.toml --db postgresql://cw@db/cw

        commentwatch crawl --distributed --redis redis://queue:6379/0 --seed

        commentwatch crawl --distributed --redis redis://queue:6379/0
    """
    from commentwatch.config import database_url, log_dir
    from commentwatch.locking import database_lock
    from commentwatch.logfile import add_log_file
    from crawler.sites import load_sites
    from pipeline.errors import ConfigError, LockHeldError

    try:
        sites = load_sites(sites_file)
        if site_names:
            unknown = sorted(set(site_names) - {s.name for s in sites})
            if unknown:
                raise ConfigError(f"no site named {', '.join(unknown)}", path=str(sites_file))
            sites = [s for s in sites if s.name in site_names]
        settings: dict[str, object] = dict(_parse_overrides(overrides))
    except (ConfigError, click.BadParameter) as exc:
        click.echo(f"crawl: configuration error: {exc}", err=True)
        sys.exit(EXIT_CONFIG)
    if seed and not distributed:
        click.echo("crawl: configuration error: --seed needs --distributed", err=True)
        sys.exit(EXIT_CONFIG)
    if resume:
        settings["JOBDIR"] = str(state_dir / "jobs")
    if full:
        settings["COMMENTWATCH_FULL_LISTING"] = True
    if log_file is None and log_dir() is not None:
        log_file = log_dir() / "crawl.log"  # type: ignore[operator]
    if log_file is not None:
        add_log_file(log_file)

    url = database_url(db_url)
    if distributed:
        sys.exit(_run_distributed(sites, url, settings, redis_url=redis_url,
                                 prefix=redis_prefix, seed=seed, wait_for_seed=wait_for_seed,
                                 worker_id=worker_id, heartbeat_ttl=heartbeat_ttl))
    try:
        with database_lock(url, "crawl"):
            summary = _run(sites, url, settings, quiet)
    except LockHeldError as exc:
        click.echo(f"crawl: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    for site in summary.sites:
        click.echo(f"{site.name}: {site.pages} pages, {site.comments_seen} comments "
                   f"({site.comments_new} new, {site.comments_updated} edited, "
                   f"{site.comments_removed} removed), {site.errors} errors")
    sys.exit(EXIT_ERRORS if summary.status != "ok" else EXIT_OK)


def _run(sites, url, settings, quiet):  # type: ignore[no-untyped-def]
    from commentwatch.crawling import run_crawl
    from commentwatch.progress import CrawlProgress

    with CrawlProgress(enabled=not quiet) as progress:
        return run_crawl(sites, url, kind="crawl", settings=settings, progress=progress.update)


def _run_distributed(sites, url, settings, *, redis_url, prefix, seed,  # type: ignore[no-untyped-def]
                     wait_for_seed, worker_id, heartbeat_ttl) -> int:
    """Seed a distributed crawl or run one worker; return the exit code."""
    from redis.exceptions import RedisError

    from commentwatch.distributed import run_worker, seed_crawl
    from pipeline.errors import LockHeldError

    if "JOBDIR" in settings:
        click.echo("crawl: configuration error: --resume does not apply to --distributed "
                   "(the queue in Redis already survives restarts)", err=True)
        return EXIT_CONFIG
    try:
        if seed:
            result = seed_crawl(sites, url, redis_url, prefix=prefix)
            queued = ", ".join(f"{name}: {n}" for name, n in result.requests.items())
            click.echo(f"run {result.run_id} seeded ({queued} start requests)")
            return EXIT_OK
        summary = run_worker(sites, url, redis_url, prefix=prefix, worker_id=worker_id,
                             wait_for_seed=wait_for_seed, heartbeat_ttl=heartbeat_ttl,
                             settings=settings)
    except LockHeldError as exc:
        click.echo(f"crawl: {exc}", err=True)
        return EXIT_LOCKED
    except RedisError as exc:
        click.echo(f"crawl: Redis at {redis_url} failed: {exc}", err=True)
        return EXIT_ERRORS
    if summary.run_id is None:
        click.echo(f"worker {summary.worker}: no crawl was seeded", err=True)
        return EXIT_ERRORS
    for site in summary.sites:
        click.echo(f"{site.name}: {site.pages} pages, {site.comments_seen} comments "
                   f"({site.comments_new} new) by worker {summary.worker}, "
                   f"{site.errors} errors")
    if summary.run_closed:
        click.echo(f"run {summary.run_id} closed: {summary.run_status}")
    return EXIT_ERRORS if summary.status != "ok" else EXIT_OK
