"""The spider's page callbacks must stay plain functions that return a generator.

For a generator-function callback, Scrapy checks the source for ``return value`` on every
response (it caches the check per bound-method object, and each request carries a new
one), re-reading and parsing the method's source: it cost more per page than extracting
the comments. This test keeps a refactor from bringing that back; the crawl benchmark
shows the cost, a test cannot time it.
"""

from __future__ import annotations

import inspect

import pytest

from crawler.spiders.site import SiteSpider

#: Callbacks called once per page or listing page (robots.txt and sitemaps are few).
CALLBACKS = ("parse", "parse_comment_page", "parse_api_page", "parse_listing")


@pytest.mark.parametrize("name", CALLBACKS)
def test_callback_is_not_a_generator_function(name: str) -> None:
    assert not inspect.isgeneratorfunction(getattr(SiteSpider, name)), (
        f"SiteSpider.{name} is a generator function: make it return a generator instead")
