"""``commentwatch review``: record analyst labels; list the review queue."""

from __future__ import annotations

import getpass
import json
import os

import click

from commentwatch.cli.options import db_option


def _one_line(text: str, width: int = 160) -> str:
    """A terminal-safe excerpt: control characters and escape sequences removed."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= width else cleaned[: width - 1] + "…"


@click.command("review")
@click.argument("comment_id", required=False, type=int)
@click.option("--label", type=click.Choice(["scam", "spam", "ham"]), default=None,
              help="The analyst's label for COMMENT_ID.")
@click.option("--note", default=None, help="Free-text note stored with the label.")
@click.option("--reviewer", default=None,
              help="Who reviewed [default: $COMMENTWATCH_REVIEWER or the login name].")
@click.option("--queue", is_flag=True, help="List suspicious comments awaiting review.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1),
              help="With --queue: how many to list.")
@click.option("--json", "as_json", is_flag=True, help="With --queue: JSON lines.")
@db_option
def command(comment_id: int | None, label: str | None, note: str | None, reviewer: str | None,
            queue: bool, limit: int, as_json: bool, db_url: str | None) -> None:
    """Label a stored comment (scam, spam or ham), or list the review queue.

    Labels feed `commentwatch eval --reviews`, which shows each rule's precision on what
    analysts decided. COMMENT_ID is the comments.id of the database (shown by --queue).

    Example:

        commentwatch review --queue
        commentwatch review 4211 --label scam --note "same WhatsApp as campaign c-1f3a"
    """
    from commentwatch.cli.options import open_db
    from pipeline.errors import InputError
    from pipeline.store.reviews import add_review, review_queue

    if not queue and (comment_id is None or label is None):
        raise click.UsageError("give COMMENT_ID and --label, or --queue")
    database = open_db(db_url)
    try:
        if queue:
            with database.sessions() as session:
                entries = review_queue(session, limit=limit)
            for entry in entries:
                if as_json:
                    click.echo(json.dumps({"comment_id": entry.comment_id, "site": entry.site,
                                           "page_url": entry.page_url, "author": entry.author,
                                           "score": entry.score, "reasons": list(entry.reasons),
                                           "text": entry.text}, ensure_ascii=False))
                else:
                    click.echo(f"#{entry.comment_id}  score {entry.score}  {entry.site}  "
                               f"{', '.join(entry.reasons)}\n    {_one_line(entry.text)}")
            if not entries and not as_json:
                click.echo("review queue is empty")
            return
        who = reviewer or os.environ.get("COMMENTWATCH_REVIEWER") or getpass.getuser()
        try:
            with database.sessions.begin() as session:
                review_id = add_review(session, comment_id, label, reviewer=who, note=note)
        except InputError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"review {review_id}: comment {comment_id} labelled {label} by {who}")
    finally:
        database.close()
