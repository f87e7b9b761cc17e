"""A live progress display for crawls (rich), switched off when not on a terminal."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

__all__ = ["CrawlProgress"]


class CrawlProgress:
    """Count pages and comments per site while a crawl runs."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.pages: dict[str, int] = {}
        self.comments: dict[str, int] = {}
        self._progress: Progress | None = None
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> Self:
        if self.enabled:
            console = Console(file=sys.stderr)
            self._progress = Progress(
                SpinnerColumn(), TextColumn("[bold]{task.description}"),
                TextColumn("{task.fields[pages]} pages, {task.fields[comments]} comments"),
                TimeElapsedColumn(), console=console, transient=False,
                disable=not console.is_terminal and not console.is_jupyter,
            )
            self._progress.start()
        return self

    def update(self, site: str, event: str) -> None:
        """Record one ``page`` or ``comment`` event of ``site``."""
        if event == "page":
            self.pages[site] = self.pages.get(site, 0) + 1
        elif event == "comment":
            self.comments[site] = self.comments.get(site, 0) + 1
        if self._progress is None:
            return
        if site not in self._tasks:
            self._tasks[site] = self._progress.add_task(f"crawling {site}", total=None,
                                                        pages=0, comments=0)
        self._progress.update(self._tasks[site], pages=self.pages.get(site, 0),
                              comments=self.comments.get(site, 0))

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
