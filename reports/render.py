"""Render report data as HTML, Markdown and plain-text takedown notices (Jinja2).

Every value from the database is attacker-written until proven otherwise, so each output
format has its own always-on escaping rather than per-template discipline:

- HTML: Jinja2 autoescape; comment-derived strings also go through ``defang`` and are never
  put in an ``href`` or ``src``; the page carries a CSP that blocks scripts and remote loads.
- Markdown: every ``{{ }}`` output passes :func:`escape_markdown` (Jinja ``finalize``), so
  markup, links and HTML in comments stay literal text in a ticket.
- Text notices: control and bidi characters are stripped from every value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache, lru_cache
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from reports.chart import trend_chart
from reports.defang import clean_text, defang, shorten
from reports.highlight import segments
from reports.model import FLAGGED_VERDICTS, ReportData, SiteTakedown, TakedownItem

__all__ = ["CSP", "escape_markdown", "render_html", "render_markdown", "render_notice"]

#: Nothing loads, nothing runs: only the inline stylesheet and data: images are allowed.
#: (Written literally in templates/report.html.j2; tests check the page carries it.)
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!{}])")
_MD_LEADING = re.compile(r"^([#+\-=>:])")
_WHITESPACE = re.compile(r"\s+")


class MarkdownSafe(str):
    """A string the Markdown template may emit as is (our own markup, never data)."""

    __slots__ = ()


def escape_markdown(value: object) -> str:
    """Return ``value`` as inert inline Markdown: one line, every markup character escaped."""
    if value is None:
        return ""
    if isinstance(value, MarkdownSafe | int | float):
        return str(value)
    text = _WHITESPACE.sub(" ", clean_text(str(value))).strip()
    return _MD_LEADING.sub(r"\\\1", _MD_SPECIAL.sub(r"\\\1", text))


class Verbatim(str):
    """Text a notice template emits as is: already cleaned line by line by our code."""

    __slots__ = ()


def _plain(value: object) -> str:
    """Finalize for text notices: strip control characters, keep the value on one line."""
    if value is None:
        return ""
    if isinstance(value, Verbatim):
        return str(value)
    return _WHITESPACE.sub(" ", clean_text(str(value))).strip()


def format_time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "–"


def format_date(value: datetime | date | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "–"


def format_days(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f} d" if value >= 10 else f"{value:.1f} d"


def format_share(value: float) -> str:
    return f"{value:.0%}" if value else "0%"


def own_link(url: str | None, page_url: str) -> str:
    """Return ``url`` as is when it points at the page's own host, else defanged.

    Takedown notices go to the site owner, who needs working links to their own pages;
    anything pointing elsewhere was written by someone else and is defanged.
    """
    if not url:
        return ""
    if url == page_url or (url.startswith(page_url) and url[len(page_url)] in "#?/"):
        return clean_text(url) if url.lower().startswith(("http://", "https://")) else defang(url)
    scheme, host = _scheme_host(url)
    own = scheme in ("http", "https") and host is not None and host == _scheme_host(page_url)[1]
    return clean_text(url) if own else defang(url)


@lru_cache(maxsize=16384)
def _scheme_host(url: str) -> tuple[str, str | None]:
    try:
        parts = urlsplit(url)
        return parts.scheme, parts.hostname
    except ValueError:
        return "", None


def _common(env: Environment) -> Environment:
    env.filters.update(
        defang=defang, shorten=shorten, time=format_time, date=format_date,
        days=format_days, share=format_share, segments=segments, own_link=own_link,
    )
    env.globals.update(FLAGGED_VERDICTS=FLAGGED_VERDICTS, trend_chart=trend_chart)
    return env


@cache
def _environment(kind: str) -> Environment:
    loader = PackageLoader("reports", "templates")
    if kind == "html":
        env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)
    elif kind == "md":
        env = Environment(loader=loader, autoescape=False, undefined=StrictUndefined,
                          finalize=escape_markdown, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True)
        env.filters["md_raw"] = MarkdownSafe
    else:
        env = Environment(loader=loader, autoescape=False, undefined=StrictUndefined,
                          finalize=_plain, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True)
    return _common(env)


def render_html(data: ReportData, *, takedown_files: Mapping[str, str] | None = None,
                max_comments: int = 200) -> str:
    """Return the report as one self-contained HTML page (inline CSS and SVG, no scripts).

    Args:
        data: the report data.
        takedown_files: site name -> takedown file name, listed in the takedown section.
        max_comments: flagged comments shown in full (the most severe first).
    """
    return _environment("html").get_template("report.html.j2").render(
        data=data, s=data.summary, max_comments=max_comments,
        takedown_files=dict(takedown_files or {}))


def render_markdown(data: ReportData, *, takedown_files: Mapping[str, str] | None = None,
                    max_comments: int = 50) -> str:
    """Return the report as Markdown for a ticket or a chat message."""
    return _environment("md").get_template("report.md.j2").render(
        data=data, s=data.summary, max_comments=max_comments,
        takedown_files=dict(takedown_files or {}))


def _notice_item(number: int, item: TakedownItem, until: datetime) -> str:
    """Return one numbered entry of a notice (plain Python: lists run to thousands)."""
    days = (until - item.up_since).days
    online = ("Posted:     " if item.up_since < item.first_seen_at else "First seen: ")
    lines = [
        f"{number}. Comment on: {_plain(own_link(item.page_url, item.page_url))}",
        f"   Permalink:  {_plain(own_link(item.permalink or item.page_url, item.page_url))}",
        f"   Author:     {_plain(shorten(defang(item.author or 'anonymous'), 120))}",
        f"   {online}{format_time(item.up_since)} (up for {days} days or more)",
        f"   Reason:     {_plain(item.reason)}",  # rule names, from our own ruleset
    ]
    if item.contacts:
        advertised = shorten(", ".join(defang(v) for v in item.contacts), 300)
        lines.append(f"   Advertises: {_plain(advertised)}")
    return "\n".join(lines) + "\n"


def render_notice(takedown: SiteTakedown, *, since: datetime, until: datetime) -> str:
    """Return a plain-text takedown request for one site owner."""
    items: tuple[TakedownItem, ...] = takedown.items
    entries = Verbatim("\n".join(_notice_item(i, item, until)
                                  for i, item in enumerate(items, 1)))
    return _environment("txt").get_template("notice.txt.j2").render(
        t=takedown, items=items, entries=entries, since=since, until=until)
