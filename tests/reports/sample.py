"""Sample report data written with the ORM: a week with hostile comments on three sites.

The texts are our own, written for these tests. Offsets are computed from the texts, the way
the pipeline stores them, so highlighting is tested against real spans.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pipeline.store.models import (
    Campaign,
    CampaignMember,
    Claim,
    Comment,
    CommentContact,
    Contact,
    CrawlRun,
    Page,
    Site,
    Verdict,
)

SINCE = datetime(2026, 11, 23, tzinfo=UTC)
UNTIL = datetime(2026, 11, 30, tzinfo=UTC)

SCRIPT = "<script>document.title='pwned';alert(1)</script>"
IMG = "<img src=x onerror=\"document.title='pwned'\">"
JS_LINK = "<a href=\"javascript:document.title='pwned'\">click me</a>"
STYLE_BREAK = "</style><script>document.title='pwned'</script><style>"
FORMULA = '=HYPERLINK("http://formula.example/x","open")'


@dataclass
class Sample:
    """Ids of the rows written, for assertions."""

    ids: dict[str, int] = field(default_factory=dict)
    contacts: dict[str, int] = field(default_factory=dict)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def populate(database, *, extra_texts: tuple[str, ...] = ()) -> Sample:  # type: ignore[no-untyped-def]
    """Write the sample week into ``database`` (an open ``Database``)."""
    sample = Sample()
    with database.sessions.begin() as s:
        health = Site(name="goodhealth", domain="goodhealth.example")
        wellness = Site(name="wellness", domain="wellness.example")
        broken = Site(name="brokensite", domain="broken.example")
        quiet = Site(name="quietsite", domain="quiet.example")
        s.add_all([health, wellness, broken, quiet])
        s.flush()
        for site in (health, wellness, broken, quiet):
            site.created_at = _at(1)
        page1 = Page(site_id=health.id, url="https://goodhealth.example/hiv-treatment",
                     title="HIV treatment")
        page2 = Page(site_id=wellness.id, url="https://wellness.example/cancer-diet",
                     title="Cancer diet")
        s.add_all([page1, page2])
        s.flush()

        def contact(kind: str, value: str, first_seen: datetime) -> Contact:
            row = Contact(kind=kind, value=value, domain=value.rpartition("@")[2] or None,
                          first_seen_at=first_seen)
            s.add(row)
            s.flush()
            sample.contacts[value] = row.id
            return row

        email = contact("email", "dr.ade@herbal-cure.example", _at(24))
        phone = contact("phone", "+2348000000001", _at(24))
        url = contact("url", "https://cure-herbs.example/order", _at(10))
        pills = contact("url", "http://pills.example/", _at(25))

        def comment(key: str, page: Page, text: str, *, author: str, first: datetime,
                    verdict: str, score: int, removed: datetime | None = None,
                    permalink: str | None = None,
                    contacts: tuple[tuple[Contact, str], ...] = (),
                    claims: tuple[tuple[str, str], ...] = ()) -> Comment:
            row = Comment(site_id=page.site_id, page_id=page.id, external_id=key,
                          author=author, permalink=permalink or f"{page.url}#{key}",
                          text=text, text_hash=_hash(text), first_text_hash=_hash(text),
                          first_seen_at=first, last_seen_at=removed or _at(29),
                          removed_at=removed, posted_at=first - timedelta(hours=2))
            s.add(row)
            s.flush()
            sample.ids[key] = row.id
            for found, raw in contacts:
                start = text.index(raw)
                s.add(CommentContact(comment_id=row.id, contact_id=found.id, start=start,
                                     end=start + len(raw), raw=raw, obfuscated=False,
                                     channels="whatsapp" if found.kind == "phone" else None))
            for disease, phrase in claims:
                start = text.index(phrase)
                s.add(Claim(comment_id=row.id, disease=disease, remedy="herbal",
                            kind="cure_testimonial", start=start, end=start + len(phrase)))
            s.add(Verdict(comment_id=row.id, verdict=verdict, score=score,
                          ruleset_version="test-1",
                          reasons=[{"rule": "CURE_TESTIMONIAL", "weight": 30,
                                    "evidence": text[:40]},
                                   {"rule": "CONTACT_ROUTE", "weight": 25,
                                    "evidence": "dr.ade@herbal-cure.example"}]
                          if verdict != "ok" else []))
            return row

        text1 = (f"Dr Ade cured my HIV with his herbal medicine {SCRIPT} email "
                 "dr.ade@herbal-cure.example or WhatsApp +234 800 000 0001 today")
        comment("c1", page1, text1, author=IMG, first=_at(24), verdict="scam", score=90,
                permalink="javascript:alert(document.domain)",
                contacts=((email, "dr.ade@herbal-cure.example"),
                          (phone, "+234 800 000 0001")),
                claims=(("HIV", "cured my HIV"),))
        text2 = (f"My mother's breast cancer was cured {STYLE_BREAK} order from "
                 f"https://cure-herbs.example/order {JS_LINK}")
        comment("c2", page2, text2, author=FORMULA, first=_at(10), verdict="scam", score=80,
                contacts=((url, "https://cure-herbs.example/order"),),
                claims=(("breast cancer", "breast cancer was cured"),))
        text3 = "Herbal cure for diabetes, mail dr.ade@herbal-cure.example now"
        comment("c3", page1, text3, author="Removed Poster", first=_at(20), verdict="scam",
                score=70, removed=_at(26), contacts=((email, "dr.ade@herbal-cure.example"),),
                claims=(("diabetes", "Herbal cure for diabetes"),))
        text4 = f"Cheap pills at http://pills.example/ {IMG} {JS_LINK} -1+1 @everyone"
        comment("c4", page2, text4, author="@spammer", first=_at(25), verdict="spam",
                score=40, contacts=((pills, "http://pills.example/"),))
        comment("c5", page1, f"Has anyone tried the herbal route? {STYLE_BREAK} Ask my dad.",
                author="Curious", first=_at(26), verdict="suspicious", score=20)
        comment("c6", page1, "Thank you for this clear article.", author="Reader",
                first=_at(27), verdict="ok", score=0)
        for i, extra in enumerate(extra_texts):
            comment(f"x{i}", page1, extra, author=f"{IMG}{i}", first=_at(27, 13),
                    verdict="scam", score=95)

        s.add(Campaign(id="cmp-ade", label=f"Dr Ade {SCRIPT}", first_seen_at=_at(10),
                       last_seen_at=_at(25)))
        s.flush()
        for key in ("c1", "c2", "c3"):
            s.add(CampaignMember(comment_id=sample.ids[key], campaign_id="cmp-ade"))
        s.add(CrawlRun(kind="crawl", sites="goodhealth,wellness,brokensite",
                       started_at=_at(25, 2), finished_at=_at(25, 3), status="ok", pages=14,
                       requests=20, comments_seen=6, comments_new=5, comments_updated=0,
                       comments_removed=1, errors=0, workers=1,
                       stats={"sites": {"goodhealth": {"pages": 6, "comments": 5, "errors": 0},
                                        "wellness": {"pages": 4, "comments": 2, "errors": 0},
                                        "brokensite": {"pages": 4, "comments": 0,
                                                       "errors": 0}}}))
        s.add(CrawlRun(kind="crawl", sites="goodhealth", started_at=_at(1, 2),
                       finished_at=_at(1, 3), status="ok", pages=3, requests=3,
                       comments_seen=1, comments_new=1, comments_updated=0,
                       comments_removed=0, errors=0, workers=1, stats={}))
    return sample
