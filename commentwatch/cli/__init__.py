"""The one console script, ``commentwatch``: one module per command under this package.

Each command module defines a click command; this module only assembles them. Commands
import their heavy dependencies (Scrapy, SQLAlchemy) inside the command body so that
``commentwatch --help`` stays fast.
"""

from __future__ import annotations

import logging

import click

from commentwatch import __version__

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="commentwatch")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """Find scam "miracle cure" comments on health websites.

    Crawl comment sections, pull out contacts and cure claims, store verdicts in a SQL
    database and write reports for trust-and-safety teams.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Scrapy sets its own loggers to DEBUG; the console handler's level is what filters.
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)


def _register() -> None:
    from commentwatch.cli import (
        analyze,
        campaigns,
        crawl,
        db,
        demo,
        query,
        report,
        rescan,
        review,
        scan,
    )
    from commentwatch.cli import eval as eval_

    for module in (analyze, campaigns, crawl, db, demo, eval_, query, report, rescan, review,
                   scan):
        cli.add_command(module.command)


_register()


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="commentwatch")
