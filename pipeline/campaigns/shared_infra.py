"""What is *not* a link between two comments: infrastructure that unrelated people share.

Two scam comments that both give a ``@gmail.com`` address, both link to ``blogspot.com``
itself, or both cite ``who.int`` say nothing about being one actor; two comments that give
the same mailbox, the same number or the same blog (``drx.blogspot.com``) do. This module
is the data that tells the two apart, kept apart from the linking code so that it can be
reviewed (and extended) without reading any algorithm.

Every set holds registered domains (``example.co.uk``), lower-case, without ``www.``.
"""

from __future__ import annotations

from pipeline.reference_sites import HEALTH_ORG_DOMAINS

__all__ = [
    "FREE_MAIL_DOMAINS",
    "HEALTH_ORG_DOMAINS",
    "HOSTING_DOMAINS",
    "PATH_IDENTITY_DOMAINS",
    "PUBLIC_DOMAINS",
    "SHORTENER_DOMAINS",
    "is_shared_domain",
]

#: Mailbox providers: the address links, the provider never does.
FREE_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.co.in", "yahoo.fr",
    "yahoo.ca", "yahoo.com.au", "ymail.com", "rocketmail.com", "hotmail.com", "hotmail.co.uk",
    "hotmail.fr", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com",
    "mac.com", "protonmail.com", "proton.me", "pm.me", "gmx.com", "gmx.de", "gmx.net",
    "web.de", "mail.com", "mail.ru", "yandex.com", "yandex.ru", "zoho.com", "zohomail.com",
    "tutanota.com", "qq.com", "163.com", "126.com", "rediffmail.com", "usa.com", "email.com",
    "inbox.com", "fastmail.com", "hushmail.com", "consultant.com", "post.com", "europe.com",
})

#: Hosts that give every customer a subdomain: ``drx.blogspot.com`` links, the bare
#: platform does not.
HOSTING_DOMAINS = frozenset({
    "blogspot.com", "blogger.com", "wordpress.com", "wixsite.com", "weebly.com",
    "webs.com", "website2.me", "tumblr.com", "medium.com", "substack.com", "github.io",
    "netlify.app", "vercel.app", "herokuapp.com", "godaddysites.com", "jimdo.com",
    "jimdofree.com", "site123.me", "mystrikingly.com", "strikingly.com", "squarespace.com",
    "webnode.com", "yolasite.com", "simplesite.com", "over-blog.com", "livejournal.com",
    "noblogs.org", "tripod.com", "angelfire.com", "carrd.co",
    "webflow.io", "glitch.me", "pages.dev", "firebaseapp.com", "web.app", "ucoz.com",
})

#: Platforms where the first path segment names the account (``facebook.com/drx``): the
#: account links, the platform does not. ``wa.me/<number>`` is a phone number.
PATH_IDENTITY_DOMAINS = frozenset({
    "facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "t.me",
    "telegram.me", "tiktok.com", "youtube.com", "linkedin.com", "pinterest.com",
    "github.com", "gitlab.com", "reddit.com", "linktr.ee", "wa.me", "whatsapp.com",
    "snapchat.com", "threads.net", "vk.com", "ok.ru", "quora.com", "sites.google.com",
    "about.me", "flickr.com", "soundcloud.com", "patreon.com", "paypal.me", "disqus.com",
})

#: URL shorteners: the domain never links (the exact short link may; see keys.py).
SHORTENER_DOMAINS = frozenset({
    "bit.ly", "bitly.com", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly",
    "rb.gy", "cutt.ly", "shorturl.at", "tiny.cc", "rebrand.ly", "lnkd.in", "bit.do",
    "v.gd", "t.ly", "shorte.st", "adf.ly", "tr.im", "x.co", "qr.ae", "s.id", "wa.link",
    "youtu.be", "fb.me", "amzn.to", "trib.al", "dlvr.it", "ift.tt", "linkin.bio",
})


#: Big public sites that anybody links to (search, shops, news, app stores).
PUBLIC_DOMAINS = frozenset({
    "google.com", "google.co.uk", "goo.gl", "apple.com", "microsoft.com", "amazon.com",
    "amazon.co.uk", "ebay.com", "wikimedia.org", "archive.org", "bbc.co.uk", "bbc.com",
    "cnn.com", "nytimes.com", "theguardian.com", "forbes.com", "reuters.com",
    "play.google.com", "apps.apple.com", "whatsapp.net", "telegram.org", "skype.com",
    "zoom.us", "dropbox.com", "drive.google.com", "docs.google.com", "imgur.com",
    "example.com", "example.org", "example.net", "localhost",
    "gravatar.com", "wp.com", "yelp.com", "trustpilot.com",
})

_SHARED = (FREE_MAIL_DOMAINS | HOSTING_DOMAINS | PATH_IDENTITY_DOMAINS | SHORTENER_DOMAINS
           | HEALTH_ORG_DOMAINS | PUBLIC_DOMAINS)


def is_shared_domain(domain: str | None) -> bool:
    """Return True when a registered domain (or host) is infrastructure, never a link."""
    if not domain:
        return True
    domain = domain.lower().removeprefix("www.")
    if domain in _SHARED:
        return True
    # Government and international-organisation hosts: cdc.gov, *.nhs.uk, who.int.
    return domain.endswith((".gov", ".int", ".nhs.uk", ".gov.uk", ".mil"))
