"""``commentwatch rescan``: re-analyse stored comments with the current rules."""

from __future__ import annotations

from datetime import datetime

import click

from commentwatch.cli.options import db_option


@click.command("rescan")
@click.option("--since", type=click.DateTime(), default=None,
              help="Only comments seen on or after this date (UTC).")
@click.option("--site", default=None, metavar="NAME", help="Only this site's comments.")
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(1),
              help="Comments per batch and transaction.")
@click.option("--workers", default=None, type=click.IntRange(1),
              help="Analysis processes [default: every core].")
@db_option
def command(since: datetime | None, site: str | None, batch_size: int, workers: int | None,
            db_url: str | None) -> None:
    """Re-analyse stored comments with the current rules and update their verdicts.

    Idempotent: running it twice changes nothing the second time. Prints how many
    comments changed verdict, by old and new verdict, and relinks campaigns.

    Example:

        commentwatch rescan --since 2026-11-01 --site cancerconnect
    """
    from datetime import UTC

    from commentwatch.cli.options import open_db
    from commentwatch.rescan import rescan

    database = open_db(db_url)
    try:
        stats = rescan(database, since=since.replace(tzinfo=UTC) if since else None, site=site,
                       batch_size=batch_size, workers=workers)
        if stats.changed_ids:
            _relink(database, stats.changed_ids)
    finally:
        database.close()
    click.echo(f"rescanned {stats.analysed} comments; {stats.changed} changed verdict")
    for (old, new), count in sorted(stats.transitions.items()):
        click.echo(f"  {old} -> {new}: {count}")


def _relink(database: object, comment_ids: list[int]) -> None:
    try:
        from pipeline.store.campaigns import relink_incremental
    except ImportError:
        return
    with database.sessions.begin() as session:  # type: ignore[attr-defined]
        relink_incremental(session, comment_ids)
