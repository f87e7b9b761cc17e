"""``commentwatch demo``: the whole product on the bundled sample site, in one command."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from commentwatch.cli.options import db_option

DEMO_SITE_NAME = "demo-health-blog"
#: Reserved for documentation (RFC 6761 ``.example``): never a real site.
DEMO_CANONICAL_BASE = "http://healthy-living-notes.example"


@click.command("demo")
@db_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("commentwatch-report"), show_default=True,
              help="Directory for the report files.")
@click.option("--quiet", is_flag=True, help="No progress display.")
def command(db_url: str | None, out_dir: Path, quiet: bool) -> None:
    """Crawl the bundled sample health site, analyse, store and report.

    Serves the sample site on 127.0.0.1 (a free port), crawls it with the real spider over
    HTTP, stores everything in the database (./commentwatch.db unless --db says
    otherwise), writes an HTML and a Markdown report and prints a summary. Running it again
    on the same database adds no duplicate rows.

    Example:

        commentwatch demo --db /tmp/demo.db --out /tmp/demo-report
    """
    from commentwatch.config import database_url
    from commentwatch.crawling import run_crawl
    from commentwatch.progress import CrawlProgress
    from commentwatch.siteserver import StaticSiteServer, demo_site_dir
    from crawler.sites import SiteConfig

    url = database_url(db_url)
    with StaticSiteServer(demo_site_dir()) as server:
        site = SiteConfig(
            name=DEMO_SITE_NAME,
            start_urls=(server.url("/"),),
            allowed_domains=("127.0.0.1",),
            article_patterns=(r"^/health/[^/]+/$",),
            region="US",
            allow_private=True,
            delay=0.0,
            # The port changes every run; stored URLs must not, or a second run would
            # store every page again.
            canonical_base=DEMO_CANONICAL_BASE,
        )
        overrides = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0,
                     "LOG_LEVEL": "WARNING"}
        with CrawlProgress(enabled=not quiet) as progress:
            summary = run_crawl([site], url, kind="demo", settings=overrides,
                                progress=progress.update)
    if summary.status == "failed":
        raise click.ClickException("the demo crawl failed; see the log above")

    from commentwatch.cli.options import open_db
    from reports import generate_report

    database = open_db(url)
    try:
        _relink(database)
        now = datetime.now(UTC)
        since = now.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=30)
        result = generate_report(database, since=since,
                                 until=now, out_dir=out_dir, formats=("html", "md"),
                                 kind="range", now=now)
    finally:
        database.close()
    _print_summary(summary, result.files, url)


def _relink(database: object) -> None:
    """Link campaigns when that stage is installed (it runs after every crawl)."""
    try:
        from pipeline.store.campaigns import relink_all
    except ImportError:
        return
    with database.sessions.begin() as session:  # type: ignore[attr-defined]
        relink_all(session)


def _print_summary(summary: object, files: list[Path], url: str) -> None:
    verdicts = summary.verdicts  # type: ignore[attr-defined]
    flagged = ", ".join(f"{v} {verdicts.get(v, 0)}" for v in ("scam", "spam", "suspicious", "ok"))
    click.echo("")
    click.echo("commentwatch demo")
    click.echo(f"  pages crawled     {summary.total('pages')}")  # type: ignore[attr-defined]
    click.echo(f"  comments          {summary.total('comments_seen')} "  # type: ignore[attr-defined]
               f"({summary.total('comments_new')} new)")  # type: ignore[attr-defined]
    click.echo(f"  verdicts          {flagged}")
    click.echo(f"  database          {url}")
    for path in files:
        if path.suffix in (".html", ".md"):
            click.echo(f"  report            {path.resolve()}")
