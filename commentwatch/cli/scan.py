"""``commentwatch scan``: the comments of saved pages or URLs, analysed, no database."""

from __future__ import annotations

import json
import sys
import unicodedata

import click

_CELL_CHARS = 160


@click.command("scan")
@click.argument("sources", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object per page (url, platform, comments with analysis).")
@click.option("--region", default=None, metavar="CC",
              help="Default phone region for numbers without +CC (ISO 3166 alpha-2).")
@click.option("--platform", default="auto", show_default=True,
              help="Comment platform: auto, wordpress, wordpress-api, drupal, disqus, "
                   "schema-org or generic.")
@click.option("--no-follow", is_flag=True,
              help="For URLs, do not fetch the API requests a page needs (Disqus, WP REST).")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(1, 300),
              help="Seconds to wait for each HTTP response.")
def command(sources: tuple[str, ...], as_json: bool, region: str | None, platform: str,
            no_follow: bool, timeout: float) -> None:
    """Extract the comments of saved HTML pages or URLs and analyse each one.

    Saved files never touch the network. URLs are fetched with one GET (http/https only,
    10 MB cap); comments served by Disqus or the WordPress REST API are fetched too unless
    --no-follow. A source that cannot be read is reported on stderr and the exit code is
    1; the other sources are still scanned.

    Example:

        commentwatch scan saved-article.html --json

        commentwatch scan https://blog.example/post/ --region NG
    """
    from commentwatch.scan import ScanError, scan_source
    from crawler.platforms import UnknownPlatformError

    failed = 0
    for source in sources:
        try:
            page = scan_source(source, region=region, platform=platform,
                               follow_api=not no_follow, timeout=timeout)
        except UnknownPlatformError as exc:
            raise click.BadParameter(str(exc), param_hint="--platform") from exc
        except ScanError as exc:
            failed += 1
            click.echo(f"scan: {exc}", err=True)
            if as_json:
                click.echo(json.dumps({"url": source, "error": str(exc)}, ensure_ascii=False))
            continue
        if as_json:
            click.echo(json.dumps(page.to_json(), ensure_ascii=False))
        else:
            _print_table(page)
    if failed:
        sys.exit(1)


def _clean(value: object, limit: int = _CELL_CHARS) -> str:
    """Make attacker-written text safe for a terminal: no control characters, one line."""
    text = "" if value is None else str(value)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
                   for ch in text[: limit * 2])
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print_table(page) -> None:  # type: ignore[no-untyped-def]
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    title = Text(f"{_clean(page.url, 300)} — {page.platform}, {len(page.comments)} comment(s)")
    table = Table(title=title, box=box.SIMPLE_HEAD, expand=True)
    table.add_column("author / posted", max_width=22, overflow="fold")
    table.add_column("verdict", no_wrap=True)
    table.add_column("comment (contacts found)", ratio=1)
    for scanned in page.comments:
        comment, analysis = scanned.comment, scanned.analysis
        posted = comment.posted_at.strftime("%Y-%m-%d") if comment.posted_at else "-"
        style = {"scam": "bold red", "spam": "yellow", "suspicious": "magenta"}.get(
            analysis.verdict, "")
        text = Text(_clean(analysis.text))
        if analysis.contacts:
            contacts = ", ".join(f"{c.kind}:{c.value}" for c in analysis.contacts)
            text.append("\n→ " + _clean(contacts, 200), style="bold")
        table.add_row(Text(f"{_clean(comment.author, 40) or '?'}\n{posted}"),
                      Text(f"{analysis.verdict} {analysis.score}", style=style), text)
    console.print(table)
    if page.comment_pages:
        console.print(Text(f"{len(page.comment_pages)} more comment page(s) not scanned: "
                           + _clean(" ".join(page.comment_pages), 400)))
