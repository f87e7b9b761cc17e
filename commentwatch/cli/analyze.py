"""``commentwatch analyze``: JSON lines in, one verdict per line out (the DESIGN.md contract)."""

from __future__ import annotations

import sys
from typing import IO

import click

from commentwatch.cli.options import db_option


@click.command("analyze")
@click.option("--jsonl", "jsonl", metavar="FILE|-", required=True, type=click.File("r",
              encoding="utf-8", errors="replace"), help="JSON lines to read ('-' for stdin).")
@click.option("--region", default=None, metavar="CC",
              help="Default phone region for records without one (ISO 3166 alpha-2).")
@click.option("--store", is_flag=True, help="Also save the comments and verdicts to the database.")
@click.option("--site", "site_name", default=None,
              help="With --store: site name for every record (default: each record's URL host).")
@db_option
def command(jsonl: IO[str], region: str | None, store: bool, site_name: str | None,
            db_url: str | None) -> None:
    """Analyse comments given as JSON lines and print one JSON verdict per line.

    Each input line is an object with ``text`` (required) and optionally ``id``, ``author``,
    ``url``, ``page_title``, ``region`` and ``html`` (true: ``text`` is HTML and is turned
    into plain text first). Each output line carries ``id``, ``verdict``, ``score``,
    ``contacts``, ``claims`` and ``reasons``; offsets index the input text. A malformed line
    is reported on stderr with its number and answered with an ``error`` object; the other
    lines are still processed and the exit code is 1.

    Example:

        echo '{"id": "1", "text": "Dr Oso cured my HIV, WhatsApp +2348162084839"}' \\
          | commentwatch analyze --jsonl -
    """
    from commentwatch.analyze_io import AnalyzeRun

    run = AnalyzeRun(default_region=region, site_name=site_name)
    database = None
    if store:
        from commentwatch.cli.options import open_db

        database = open_db(db_url)
    try:
        bad = run.process(jsonl, sys.stdout, database=database)
    finally:
        if database is not None:
            database.close()
    if bad:
        click.echo(f"analyze: {bad} malformed line(s), see messages above", err=True)
        sys.exit(1)
