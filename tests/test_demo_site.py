"""The bundled demo site is consistent: markup, links, manifest and the seed comment agree.

``commentwatch demo`` and the crawl tests use ``manifest.json`` as ground truth, so a typo in
the hand-written HTML (a wrong parent, a duplicated id, a dead link) must fail here, before it
shows up as a confusing crawl difference.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import phonenumbers
import pytest
from parsel import Selector

from commentwatch.demo_site import Manifest, ManifestComment, load_manifest, site_root
from tests.conftest import SHARED

ROOT = site_root()
SEED = SHARED / "seed" / "her2-article-with-comment.txt"
HER2 = "/health/her2-positive-breast-cancer/"

# The seed's only comment as the issue requires it on the HER2 page (whitespace-normalised).
SEED_COMMENT = (
    "ALL THANKS TO DR OSO WITH HIS HERBAL PORTION I WAS COMPLETELY CURED FROM BREAST CANCER. "
    "I'm here again to appreciate. DR OSO God will always continue to bless you more abundantly, "
    "for the good works you don in my life, I will always keep on writing good and posting my "
    "testimonies about you on the Internet, I\u2019m MARY JOHNSON from TEXAS . I was tested breast "
    "cancer positive, I saw a blog on how DR OSO cured people with his herbal portion, i did not "
    "believe in natural medicine but i just decided to give him a try, I contacted him,and explain "
    "my situation to him,few day later he sent me the herb, after taking DR OSO herbal medicine "
    "for few weeks i went to hospital for check up so luckily i was healed with his herbal "
    "portion, i am so happy. If you have any type of cancer problem or you are also infected with "
    "any kind of disease, contact him drosohaberhome@gmail.com or call/whatapp +2348162084839 for "
    "advice and for his product,i hope this testimony also help some one out there .. here is the "
    "dr website. His blog page https://drosohaberhome.blogspot.com you can also email me for more "
    "info about DR oso via maryjohnson9700@gmail.com ALL THANK TO DR OSO . //.../.."
)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _path_of(file: Path) -> str:
    """Map ``health/x/index.html`` to the URL path ``/health/x/`` the server answers."""
    rel = file.relative_to(ROOT).as_posix()
    return "/" + rel.removesuffix("index.html")


def _file_of(path: str) -> Path:
    rel = path.lstrip("/")
    return ROOT / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


HTML_FILES = sorted(ROOT.rglob("*.html"))
PAGES = {_path_of(f): f for f in HTML_FILES}


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    return load_manifest()


@pytest.fixture(scope="module")
def selectors() -> dict[str, Selector]:
    return {path: Selector(text=file.read_text(encoding="utf-8")) for path, file in PAGES.items()}


def _comment_text(sel: Selector, cid: str) -> str:
    return _norm("".join(sel.css(f"#div-comment-{cid} > .comment-content ::text").getall()))


def _by_id(manifest: Manifest) -> dict[str, ManifestComment]:
    return {c.external_id: c for c in manifest.comments}


# --- files and encoding ---------------------------------------------------------------


def test_every_file_is_strict_utf8_and_declares_it() -> None:
    assert len(HTML_FILES) >= 10
    non_ascii = 0
    for file in HTML_FILES:
        text = file.read_bytes().decode("utf-8")  # strict: raises on a bad byte
        assert '<meta charset="utf-8">' in text, file
        non_ascii += any(ord(ch) > 127 for ch in text)
    assert non_ascii == len(HTML_FILES)


def test_manifest_lists_exactly_the_served_pages(manifest: Manifest) -> None:
    assert {p.path for p in manifest.pages} == set(PAGES)
    kinds = Counter(p.kind for p in manifest.pages)
    assert kinds["article"] >= 6
    assert kinds["comment-page"] >= 1
    assert kinds["page"] + kinds["category"] >= 3


def test_robots_allows_everything_and_names_no_sitemap() -> None:
    robots = (ROOT / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert "Disallow: /\n" not in robots
    assert "sitemap" not in robots.lower()


def test_no_live_script_anywhere(selectors: dict[str, Selector]) -> None:
    for path, sel in selectors.items():
        assert sel.xpath("//script").getall() == [], path
        assert sel.xpath("//@*[starts-with(name(), 'on')]").getall() == [], path


# --- links ------------------------------------------------------------------------------


def test_every_link_resolves(selectors: dict[str, Selector]) -> None:
    checked = 0
    for path, sel in selectors.items():
        for href in sel.xpath("//a/@href | //link/@href").getall():
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto"):
                assert parts.hostname not in ("localhost", "127.0.0.1"), (path, href)
                continue
            assert not parts.scheme, (path, href)
            assert not parts.netloc, (path, href)
            assert href.startswith(("/", "?", "#")), f"{path}: {href} is not root-relative"
            target = urlsplit(urljoin("http://demo" + path, href))
            file = _file_of(target.path)
            assert file.is_file(), f"{path}: {href} -> {file} is missing"
            if target.fragment and file.suffix == ".html":
                anchors = selectors[target.path].xpath("//@id").getall()
                assert target.fragment in anchors, f"{path}: {href} has no #{target.fragment}"
            checked += 1
    assert checked > 100


def test_index_links_at_least_six_articles(
    manifest: Manifest, selectors: dict[str, Selector]
) -> None:
    articles = {p.path for p in manifest.pages if p.kind == "article"}
    linked = set(selectors["/"].css("main a::attr(href)").getall())
    assert len(articles & linked) >= 6
    assert articles <= linked


def test_article_urls_follow_the_pattern(manifest: Manifest) -> None:
    for page in manifest.pages:
        if page.kind == "article":
            assert re.fullmatch(r"/health/[a-z0-9-]+/", page.path), page.path
        if page.kind == "comment-page":
            assert page.article is not None
            assert page.path == page.article + "comment-page-2/"


def test_comment_pages_link_to_each_other(
    manifest: Manifest, selectors: dict[str, Selector]
) -> None:
    second_pages = [p for p in manifest.pages if p.kind == "comment-page"]
    assert second_pages
    for page in second_pages:
        assert page.article is not None
        first = selectors[page.article]
        second = selectors[page.path]
        older = first.xpath(
            "//*[contains(@class,'comment-navigation')]//a[.='Older Comments']/@href"
        )
        newer = second.xpath(
            "//*[contains(@class,'comment-navigation')]//a[.='Newer Comments']/@href"
        )
        assert urlsplit(older.get()).path == page.path
        assert urlsplit(newer.get()).path == page.article
        # Page 2 repeats the article body, as WordPress does; only its comments differ.
        assert first.css(".entry-content").get() == second.css(".entry-content").get()
        assert first.css("h1.entry-title::text").get() == page.title


# --- comments vs manifest ---------------------------------------------------------------


def _depth(by_id: dict[str, ManifestComment], comment: ManifestComment) -> int:
    depth = 1
    while comment.parent_id is not None:
        comment = by_id[comment.parent_id]
        depth += 1
    return depth


def _parse_comments(sel: Selector) -> list[dict[str, str | None]]:
    found = []
    for li in sel.css("#comments li.comment"):
        cid = li.attrib["id"].removeprefix("comment-")
        parent = li.xpath("ancestor::li[contains(@class,'comment')][1]/@id").get()
        found.append(
            {
                "id": cid,
                "parent": parent.removeprefix("comment-") if parent else None,
                "author": _norm(" ".join(li.css(":scope > article .fn ::text").getall())),
                "author_url": li.css(":scope > article .fn a::attr(href)").get(),
                "posted_at": li.css(
                    ":scope > article .comment-metadata time::attr(datetime)"
                ).get(),
                "depth": re.search(r"\bdepth-(\d+)", li.attrib["class"]).group(1),  # type: ignore[union-attr]
            }
        )
    return found


def test_markup_matches_manifest(manifest: Manifest, selectors: dict[str, Selector]) -> None:
    expected = _by_id(manifest)
    seen: list[str] = []
    for page in manifest.pages:
        sel = selectors[page.path]
        found = _parse_comments(sel)
        assert len(found) == page.comments, page.path
        for got in found:
            want = expected[got["id"]]
            assert want.page == page.path, got["id"]
            assert got["parent"] == want.parent_id, got["id"]
            assert got["author"] == want.author, got["id"]
            assert got["author_url"] == want.author_url, got["id"]
            assert got["posted_at"] == want.posted_at, got["id"]
            assert int(str(got["depth"])) == _depth(expected, want), got["id"]
            seen.append(str(got["id"]))
        # Nothing comment-like outside the comments area: the widgets are traps, not comments.
        assert (
            sel.xpath("//li[contains(@class,'comment ')][not(ancestor::*[@id='comments'])]") == []
        )
        assert sel.css("#respond li.comment") == []
    assert len(seen) == len(set(seen)), "comment ids must be unique across the site"
    assert sorted(seen) == sorted(expected)


def test_titles_count_all_comments_of_the_article(
    manifest: Manifest, selectors: dict[str, Selector]
) -> None:
    per_article = Counter(c.article for c in manifest.comments)
    for page in manifest.pages:
        if page.kind not in ("article", "comment-page"):
            continue
        assert page.article is not None
        title = selectors[page.path].css(".comments-title::text").get()
        n = per_article[page.article]
        if n == 0:
            assert title is None
            assert selectors[page.path].css("#comments #respond form")
        else:
            words = "One thought" if n == 1 else f"{n} thoughts"
            assert title is not None
            assert title.startswith(words), (page.path, title)


def test_manifest_threads_are_consistent(manifest: Manifest) -> None:
    by_id = _by_id(manifest)
    depths: dict[str, int] = {}
    for c in manifest.comments:
        depths[c.external_id] = _depth(by_id, c)
        if c.parent_id is not None:
            assert by_id[c.parent_id].page == c.page, "a thread never spans two comment pages"
        when = datetime.fromisoformat(c.posted_at)
        assert when.tzinfo is not None
        assert 2024 <= when.year <= 2026
        if c.parent_id is not None:
            assert by_id[c.parent_id].posted_at < c.posted_at, "replies come after their parent"
    assert max(depths.values()) >= 3
    assert sum(d == 2 for d in depths.values()) >= 4


def test_the_mix_of_labels(manifest: Manifest) -> None:
    labels = Counter(c.label for c in manifest.comments)
    assert set(labels) == {"scam", "spam", "ham"}
    assert len(manifest.comments) >= 30
    assert labels["scam"] >= 8
    assert labels["spam"] >= 4
    assert labels["ham"] >= 12
    assert all(c.contacts for c in manifest.comments if c.label in ("scam", "spam"))


def test_one_actor_on_several_articles(manifest: Manifest) -> None:
    articles_of: dict[tuple[str, str], set[str]] = {}
    for c in manifest.comments:
        if c.label == "scam":
            for k in c.contacts:
                articles_of.setdefault((k.kind, k.value), set()).add(c.article)
    assert any(len(arts) >= 2 for arts in articles_of.values())


def test_varied_contact_styles(manifest: Manifest, selectors: dict[str, Selector]) -> None:
    scam_texts = [
        _comment_text(selectors[c.page], c.external_id)
        for c in manifest.comments
        if c.label == "scam"
    ]
    blob = "\n".join(scam_texts)
    for style in (
        r"\w+ at gmail dot com",
        r"\w+\(at\)yahoo\(dot\)com",
        r"\S+ \[at\] outlook \[\.\] com",
        r"\+\d{3} \d{3} \d{3} \d{4}",  # spaced number
        r"https://wa\.me/\d+",
        r"\.blogspot\.com",
        r"\.wordpress\.com",
        r"Telegram @\w+",
        r"(?i)whats?app",
    ):
        assert re.search(style, blob), style


# --- planted contacts -------------------------------------------------------------------


def test_planted_contacts_are_normalised_and_valid(manifest: Manifest) -> None:
    kinds = Counter()
    for c in manifest.comments:
        for k in c.contacts:
            kinds[k.kind] += 1
            if k.kind == "phone":
                number = phonenumbers.parse(k.value)
                assert phonenumbers.is_valid_number(number), (c.external_id, k.value)
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                assert e164 == k.value
            elif k.kind == "email":
                assert k.value == k.value.lower()
                assert re.fullmatch(r"[a-z0-9._+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+", k.value)
            elif k.kind == "url":
                parts = urlsplit(k.value)
                assert parts.scheme in ("http", "https")
                assert parts.netloc == parts.netloc.lower()
                assert parts.path, "bare hosts carry a trailing slash"
            else:
                assert k.kind == "telegram"
                assert re.fullmatch(r"[a-z0-9_]+", k.value)
    assert kinds["email"] >= 8
    assert kinds["phone"] >= 8
    assert kinds["url"] >= 6


def test_planted_contacts_appear_in_the_comment_text(
    manifest: Manifest, selectors: dict[str, Selector]
) -> None:
    for c in manifest.comments:
        text = _comment_text(selectors[c.page], c.external_id)
        lower = text.lower()
        digits = re.sub(r"\D", "", text)
        for k in c.contacts:
            if k.kind == "phone":
                national = str(phonenumbers.parse(k.value).national_number)
                assert national in digits, (c.external_id, k.value)
            elif k.kind == "email" and not k.obfuscated:
                assert k.value in lower, (c.external_id, k.value)
            elif k.kind == "email":
                local = k.value.split("@")[0]
                assert local in lower, (c.external_id, k.value)
                assert k.value not in lower, "an obfuscated address is not written plainly"
            elif k.kind == "url":
                assert k.value.rstrip("/") in text, (c.external_id, k.value)
            else:
                assert "@" + k.value in lower, (c.external_id, k.value)


def test_hard_negatives_are_present(manifest: Manifest, selectors: dict[str, Selector]) -> None:
    ham = " \n".join(
        _comment_text(selectors[c.page], c.external_id)
        for c in manifest.comments
        if c.label == "ham"
    )
    assert "Herceptin" in ham
    assert "oncologist" in ham
    assert "1-800-227-2345" in ham
    assert "mayoclinic.org" in ham
    assert "cousin was cured after surgery" in ham
    assert "500 mg twice a day since 12/03/2023" in ham
    assert "Pharmacist here" in ham
    assert re.search(r"email me at \S+@gmail\.com", ham)
    helpline = [k for c in manifest.comments if c.label == "ham" for k in c.contacts]
    assert any(k.kind == "phone" for k in helpline)
    assert any(k.kind == "email" for k in helpline)


def test_hostile_comments_are_inert_text(
    manifest: Manifest, selectors: dict[str, Selector]
) -> None:
    texts = {
        c.external_id: _comment_text(selectors[c.page], c.external_id) for c in manifest.comments
    }
    assert any("<script>alert(1)</script>" in t for t in texts.values())
    assert any(t.startswith("=HYPERLINK(") for t in texts.values())
    # And the widget shows snippets, so a generic extractor can trip over them.
    widget = " ".join(selectors["/"].css("#recentcomments ::text").getall())
    assert "\u201c" in widget


# --- the seed ---------------------------------------------------------------------------


def test_seed_comment_is_on_the_her2_page(
    manifest: Manifest, selectors: dict[str, Selector]
) -> None:
    sel = selectors[HER2]
    ids = [li.attrib["id"] for li in sel.css("#comments li.comment")]
    assert ids == ["comment-101"]
    assert _by_id(manifest)["101"].author == "mary john"
    assert _comment_text(sel, "101") == SEED_COMMENT
    article = _norm("".join(sel.css(".entry-content ::text").getall()))
    assert "2009 18: 1386-1389" in article
    assert "https://www.nccn.org/patients/guidelines/breast-invasive/22/" in article
    assert "physician\\_gls/pdf/breast.pdf" in article
    assert "drosohaberhome" not in article


def test_seed_file_agrees_with_the_page(selectors: dict[str, Selector]) -> None:
    """The page reproduces the seed file itself (only where ../shared exists)."""
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (a user's clone has no ../shared)")
    seed = SEED.read_text(encoding="utf-8")
    marker = "\nmary john\nmary john\n"
    assert marker in seed
    expected = _norm(seed.split(marker, 1)[1])
    assert expected == SEED_COMMENT
    title = _norm(seed.splitlines()[0])
    sel = selectors[HER2]
    assert sel.css("h1.entry-title::text").get() == title
    article = _norm("".join(sel.css(".entry-content ::text").getall()))
    body = seed.split("Comments (1)", 1)[0].split("\n", 1)[1]
    for line in body.splitlines():
        line = _norm(re.sub(r"^\s*(?:\u2022|\d+\.)\s", "", line))
        if line:
            assert line in article, line
