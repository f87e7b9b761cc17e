"""``commentwatch campaigns``: the operations behind the comments, by live comment count.

Text output defangs every contact and comment (``hxxps://``, ``[.]``, ``[@]``) and strips
control characters, since all of it is attacker-written; ``--json`` gives tools the raw
normalised values.
"""

from __future__ import annotations

import json
from typing import Any

import click

from commentwatch.cli.options import db_option, open_db

__all__ = ["command"]

_CONTACTS_SHOWN = 5
#: Where the label column starts in the table (campaign, live, total, since, last seen).
_INDENT = 15 + 1 + 5 + 1 + 6 + 2 + 12 + 2 + 10 + 2


@click.group("campaigns", invoke_without_command=True)
@db_option
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per campaign, with its members (comment id, external id, "
              "page URL).")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Show at most this many campaigns.")
@click.pass_context
def command(ctx: click.Context, db_url: str | None, as_json: bool, limit: int | None) -> None:
    """List campaigns (actors linked by shared contacts or near-identical text).

    Campaigns are sorted by live comment count. Linking runs after every crawl and
    `analyze --store`; `campaigns relink` rebuilds it from scratch.

    Example:

    \b
        commentwatch campaigns --limit 20
        commentwatch campaigns --json > campaigns.jsonl
        commentwatch campaigns show c-1a2b3c4d5e6f
    """
    ctx.ensure_object(dict)
    ctx.obj["db_url"] = db_url
    if ctx.invoked_subcommand is not None:
        return
    from pipeline.store.campaigns import campaign_members, campaign_rows

    database = open_db(db_url)
    try:
        with database.sessions() as session:
            rows = campaign_rows(session, limit=limit)
            if as_json:
                for row in rows:
                    payload: dict[str, Any] = row.to_json()
                    payload["members"] = [
                        member.to_json()
                        for member in campaign_members(session, row.id, text_chars=0)
                    ]
                    click.echo(json.dumps(payload, ensure_ascii=False))
                return
    finally:
        database.close()
    _print_table(rows)


def _print_table(rows: list[Any]) -> None:
    from reports.defang import defang, shorten

    if not rows:
        click.echo("no campaigns (run a crawl, `analyze --store`, or `campaigns relink`)")
        return
    click.echo(f"{'campaign':<15} {'live':>5} {'total':>6}  {'online since':<12}  "
               f"{'last seen':<10}  label / contacts / sites")
    for row in rows:
        since = row.online_since or row.first_seen_at
        first = since.date().isoformat() if since else "-"
        last = row.last_seen_at.date().isoformat() if row.last_seen_at else "-"
        click.echo(f"{row.id:<15} {row.live_comments:>5} {row.comments:>6}  {first:<12}  "
                   f"{last:<10}  {shorten(defang(row.label), 60)}")
        contacts = ", ".join(defang(c) for c in row.contacts[:_CONTACTS_SHOWN])
        more = len(row.contacts) - _CONTACTS_SHOWN
        if more > 0:
            contacts += f" (+{more})"
        click.echo(f"{'':<{_INDENT}}contacts: {shorten(contacts, 200) or '-'}")
        click.echo(f"{'':<{_INDENT}}sites: {shorten(defang(', '.join(row.sites)), 200)}")


@command.command("show")
@click.argument("campaign_id")
@click.option("--samples", type=click.IntRange(min=0), default=5, show_default=True,
              help="Sample comments shown.")
@click.option("--live", "live_list", is_flag=True,
              help="Also list every live comment, by site, with its permalink: what to ask "
                   "each site to remove.")
@db_option
@click.pass_context
def show_command(ctx: click.Context, campaign_id: str, samples: int, live_list: bool,
                 db_url: str | None) -> None:
    """Show one campaign: contacts, sites, diseases, timeline and sample comments.

    Example:

        commentwatch campaigns show c-1a2b3c4d5e6f --samples 10
        commentwatch campaigns show c-1a2b3c4d5e6f --live --samples 0
    """
    from pipeline.store.campaigns import campaign_detail, campaign_members

    database = open_db(db_url or ctx.obj.get("db_url"))
    try:
        with database.sessions() as session:
            detail = campaign_detail(session, campaign_id, samples=samples)
            live = (campaign_members(session, campaign_id, text_chars=0, live_only=True)
                    if live_list and detail is not None else [])
    finally:
        database.close()
    if detail is None:
        raise click.ClickException(f"no campaign {campaign_id!r}")
    _print_detail(detail)
    if live_list:
        _print_live(live)


def _print_detail(detail: Any) -> None:
    from reports.defang import defang, shorten

    row = detail.row
    click.echo(f"campaign {row.id}: {defang(row.label)}")
    click.echo(f"  comments: {row.comments} ({row.live_comments} live)")
    if row.online_since:
        click.echo(f"  online since: {row.online_since.isoformat()} (earliest member's "
                   "posting date where the page gives one, else first seen)")
    if row.first_seen_at and row.last_seen_at:
        click.echo(f"  seen: {row.first_seen_at.isoformat()} .. {row.last_seen_at.isoformat()}")
    click.echo(f"  diseases: {', '.join(row.diseases) or '-'}")
    click.echo("  contacts:")
    for contact in row.contacts:
        click.echo(f"    {shorten(defang(contact), 200)}")
    click.echo("  sites:")
    for site in row.sites:
        click.echo(f"    {defang(site)}")
    click.echo("  timeline (comments that went online, per day or, over long spans, month):")
    for day, count in detail.timeline:
        click.echo(f"    {day}  {count}")
    click.echo("  sample comments:")
    for sample in detail.samples:
        state = "removed" if sample.removed_at else "live"
        click.echo(f"    #{sample.comment_id} {state} {defang(sample.site)} "
                   f"{shorten(defang(sample.page_url), 150)}")
        click.echo(f"      {shorten(defang(sample.text).replace(chr(10), ' '), 300)}")


@command.command("relink")
@db_option
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True), default=None,
              help="Word-shingle Jaccard at which two texts are near-duplicates (default: "
                   "the value the database was linked with, 0.7 at first).")
@click.option("--persona-threshold", type=click.FloatRange(0.0, 1.0, min_open=True),
              default=None,
              help="Lower Jaccard that suffices when both comments name the same persona "
                   "(default: as stored, 0.5 at first).")
@click.pass_context
def relink_command(ctx: click.Context, db_url: str | None, threshold: float | None,
                   persona_threshold: float | None) -> None:
    """Rebuild every campaign from scratch (same result as the incremental linking).

    New thresholds are stored with the campaigns: the incremental linking after each
    crawl goes on with them. Try values first with `commentwatch eval FILE --only
    campaigns --link-threshold X` on a labelled file.

    Example:

        commentwatch campaigns relink --db postgresql://user@host/commentwatch
        commentwatch campaigns relink --threshold 0.8
    """
    from pipeline.store.campaigns import campaign_count, relink_all
    from pipeline.store.campaigns.settings import load_config

    database = open_db(db_url or ctx.obj.get("db_url"))
    try:
        with database.sessions.begin() as session:
            try:
                config = load_config(session).with_thresholds(threshold, persona_threshold)
            except ValueError as exc:  # a hand-edited campaign_settings row
                raise click.ClickException(str(exc)) from None
            stats = relink_all(session, config)
            count = campaign_count(session)
    finally:
        database.close()
    click.echo(f"linking with threshold {config.threshold:g}, "
               f"persona threshold {config.persona_threshold:g}")
    click.echo(f"relinked {stats.examined} flagged comments into {count} campaigns")


def _print_live(members: list[Any]) -> None:
    """Every live comment by site, longest online first: the takedown list of one actor."""
    from reports.defang import defang, shorten
    from reports.render import format_time, own_link

    click.echo(f"  live comments ({len(members)}), by site:")
    by_site: dict[str, list[Any]] = {}
    for member in members:
        by_site.setdefault(member.site, []).append(member)
    for site in sorted(by_site):
        click.echo(f"    {defang(site)}")
        for member in by_site[site]:
            since = format_time(member.online_since or member.first_seen_at)
            link = own_link(member.permalink or member.page_url, member.page_url)
            click.echo(f"      #{member.comment_id}  online since {since}  "
                       f"{shorten(link, 300)}")
