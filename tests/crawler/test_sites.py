"""The site list: defaults, validation, and errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.sites import load_sites
from pipeline.errors import ConfigError

GOOD = """
[defaults]
delay = 2.0
max_pages = 100

[[site]]
name = "clinic-blog"
start_urls = ["https://clinic.example/"]
allowed_domains = ["clinic.example"]
article_patterns = ["/health/"]
region = "GB"

[[site]]
name = "forum"
sitemaps = ["https://forum.example/sitemap.xml"]
delay = 0.5
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_sites_with_defaults(tmp_path: Path) -> None:
    sites = load_sites(_write(tmp_path, GOOD))
    assert [s.name for s in sites] == ["clinic-blog", "forum"]
    clinic, forum = sites
    assert clinic.delay == 2.0
    assert forum.delay == 0.5
    assert clinic.max_pages == forum.max_pages == 100
    assert clinic.region == "GB"
    assert clinic.is_article("https://clinic.example/health/x/")
    assert not clinic.is_article("https://clinic.example/about/")
    assert clinic.domain == "clinic.example"


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace('region = "GB"', 'regoin = "GB"'))
    with pytest.raises(ConfigError) as info:
        load_sites(path)
    assert info.value.line == 11
    assert str(path) in str(info.value)
    assert "regoin" in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[site]]\nname = 'x'\n", "needs start_urls or sitemaps"),
        ("[[site]]\nname = 'x'\nstart_urls = ['https://x.example/']\nplatform = 'myspace'\n",
         "platform"),
        ("[[site]]\nname = 'x'\nstart_urls = ['https://x.example/']\narticle_patterns = ['(']\n",
         "bad article pattern"),
        ("[[site]\nname = 'x'\n", "not valid TOML"),
        ("[defaults]\ndelay = 1\n", "no [[site]] tables"),
    ],
)
def test_bad_configs(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load_sites(_write(tmp_path, text))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_sites(tmp_path / "nope.toml")
