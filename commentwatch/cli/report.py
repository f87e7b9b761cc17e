"""``commentwatch report``: write the period's report and takedown lists, for cron or a person."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from commentwatch.cli.options import db_option

__all__ = ["command"]

DEFAULT_OUT = "reports-out"


def _formats(value: str) -> tuple[str, ...]:
    from reports import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"use a comma-separated list of {', '.join(FORMATS)}",
                                 param_hint="--format")
    return chosen


def _moment(value: str | None, name: str) -> datetime | None:
    from reports.periods import parse_moment

    if value is None:
        return None
    try:
        return parse_moment(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO date or datetime: {value!r}",
                                 param_hint=name) from exc


@click.command("report")
@click.option("--period", type=click.Choice(["daily", "weekly", "monthly"]), default=None,
              help="Report the last complete day, ISO week or month (UTC) [default: daily].")
@click.option("--since", metavar="ISO", default=None,
              help="Start of an explicit range (inclusive), e.g. 2026-11-01.")
@click.option("--until", metavar="ISO", default=None,
              help="End of an explicit range (exclusive) [default: now].")
@click.option("--format", "formats", default="html,md", show_default=True, metavar="LIST",
              help="Comma-separated: html, md, csv, json. Takedown lists are always written.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUT, show_default=True, help="Directory for the files.")
@click.option("--now", "now_text", metavar="ISO", default=None, hidden=True,
              help="Pretend it is this moment (tests, backfills).")
@db_option
def command(period: str | None, since: str | None, until: str | None, formats: str,
            out_dir: Path, now_text: str | None, db_url: str | None) -> None:
    """Write the report of a period: HTML, Markdown, CSV/JSON and per-site takedown lists.

    Without dates, reports the last complete period, so a cron line needs none. Figures
    marked "live" are as of the end of the period; regenerating a period over the same
    data writes identical files. Each report is recorded in the ``reports`` table.

    Example:

        commentwatch report --period weekly --format html,md,csv --out /srv/reports
    """
    from commentwatch.cli.options import open_db
    from reports import generate_report, period_bounds

    chosen = _formats(formats)
    now = _moment(now_text, "--now") or datetime.now(UTC)
    start, end = _moment(since, "--since"), _moment(until, "--until")
    if start is not None or end is not None:
        if period is not None:
            raise click.UsageError("give either --period or --since/--until, not both")
        if start is None:
            raise click.UsageError("--until needs --since")
        end = end or now.replace(microsecond=0)
        if end <= start:
            raise click.UsageError("--until must be after --since")
        kind = "range"
    else:
        kind = period or "daily"
        start, end = period_bounds(kind, now)
    database = open_db(db_url)
    try:
        result = generate_report(database, since=start, until=end, out_dir=out_dir,
                                 formats=chosen, kind=kind, now=now)
    finally:
        database.close()
    s = result.summary
    for path in result.files:
        click.echo(str(path))
    click.echo(
        f"{kind} report {start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC: "
        f"{s.new_comments} new comments, {s.new_flagged_total} new flagged, "
        f"{s.live_scams} live scams, {s.sites_with_problems} sites with crawl problems "
        f"(hash {result.content_hash[:12]})", err=True)
