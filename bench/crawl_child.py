"""One benchmark crawl in its own process (Twisted's reactor starts once per process).

``python -m bench.crawl_child MODE BASE_URL DB_URL`` with MODE ``bare`` (a Scrapy spider
that only follows the same links) or ``full`` (commentwatch's crawl: extraction, analysis,
storage). Prints one JSON line: pages, seconds, comments, peak RSS in MiB.
"""

from __future__ import annotations

import json
import re
import sys

from bench.memory import peak_rss_mib


def _bare(base_url: str) -> dict[str, float]:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    pattern = re.compile(r"^/health/")

    class BareSpider(scrapy.Spider):
        name = "bare"
        start_urls = [base_url + "/"]

        def parse(self, response):  # type: ignore[no-untyped-def]
            for href in response.css("a::attr(href)").getall():
                url = response.urljoin(href).split("#", 1)[0]
                if "replytocom=" in url:
                    continue
                path = url.split("://", 1)[-1].split("/", 1)[-1]
                if pattern.search("/" + path):
                    yield scrapy.Request(url, callback=self.parse)

    process = CrawlerProcess({
        "LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    })
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    return {"pages": stats.get("response_received_count", 0),
            "seconds": stats["elapsed_time_seconds"], "comments": 0}


def _full(base_url: str, db_url: str) -> dict[str, float]:
    from commentwatch.crawling import run_crawl
    from crawler.sites import SiteConfig

    site = SiteConfig(name="bench", start_urls=(base_url + "/",), allowed_domains=("127.0.0.1",),
                      article_patterns=("^/health/",), platform="wordpress", region="US",
                      allow_private=True, delay=0.0, concurrency=8, max_depth=10,
                      max_pages=100000)
    summary = run_crawl([site], db_url, kind="crawl",
                        settings={"LOG_LEVEL": "ERROR", "AUTOTHROTTLE_ENABLED": False,
                                  "CONCURRENT_REQUESTS": 16})
    return {"pages": summary.total("pages"), "seconds": summary.sites[0].elapsed,
            "comments": summary.total("comments_seen")}


def main(argv: list[str]) -> None:
    mode, base_url = argv[0], argv[1]
    result = _bare(base_url) if mode == "bare" else _full(base_url, argv[2])
    result["peak_mib"] = peak_rss_mib()
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
