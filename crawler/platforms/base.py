"""The shape every platform module follows: a small class with a name, detect and extract.

Auto-detection asks each platform in turn (see ``crawler.platforms.DEFAULT_PLATFORMS``);
the first one that finds comments, or API requests to make, wins. ``detect`` must be cheap
(a few XPath probes); ``extract`` does the work.
"""

from __future__ import annotations

from typing import ClassVar

from crawler.platforms.dom import Page
from crawler.platforms.model import ApiPage, FieldOverrides, PageComments

__all__ = ["Platform"]


class Platform:
    """Base class: subclasses set ``NAME`` and implement :meth:`detect` and :meth:`extract`."""

    NAME: ClassVar[str] = ""
    """Name used in site configs (``platform = "wordpress"``) and in results."""
    ALIASES: ClassVar[tuple[str, ...]] = ()
    """Other names a site config may use for this platform."""

    def detect(self, page: Page) -> bool:
        """Return True when the page carries this platform's markers."""
        raise NotImplementedError

    def extract(self, page: Page, overrides: FieldOverrides | None = None) -> PageComments:
        """Return the page's comments, other comment pages and API requests."""
        raise NotImplementedError

    def parse_api(self, body: str, url: str, *, total_pages: int | None = None) -> ApiPage:
        """Parse an API or embed response this platform asked for (default: nothing)."""
        del body, url, total_pages
        return ApiPage()

    def empty(self, **kwargs: object) -> PageComments:
        """Return a result with no comments under this platform's name."""
        return PageComments(platform=self.NAME, **kwargs)  # type: ignore[arg-type]
