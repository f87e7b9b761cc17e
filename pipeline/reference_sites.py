"""Well-known health organisations and references: linking to them is not promotion.

Scammers cite these for credibility and patients link them to help each other, so a link
to one is neither a contact route nor an SEO drop (scoring), nor evidence that two comments
share an actor (campaigns).
"""

from __future__ import annotations

__all__ = ["HEALTH_ORG_DOMAINS", "is_reference_domain"]

#: Health organisations, public-health agencies, journals and reference sites.
HEALTH_ORG_DOMAINS = frozenset({
    "who.int", "cdc.gov", "nih.gov", "nlm.nih.gov", "ncbi.nlm.nih.gov", "fda.gov",
    "hhs.gov", "medlineplus.gov", "cancer.gov", "nhs.uk", "nice.org.uk", "cancer.org",
    "cancerresearchuk.org", "mayoclinic.org", "clevelandclinic.org", "hopkinsmedicine.org",
    "webmd.com", "healthline.com", "medicalnewstoday.com", "nccn.org", "asco.org",
    "cancer.net", "aidsmap.com", "hiv.gov", "unaids.org", "avert.org", "diabetes.org",
    "heart.org", "alz.org", "ema.europa.eu", "ecdc.europa.eu", "gov.uk", "health.gov.au",
    "canada.ca", "drugs.com", "medscape.com", "pubmed.gov", "bmj.com", "thelancet.com",
    "nejm.org", "jamanetwork.com", "nature.com", "sciencedirect.com", "wikipedia.org",
    "cochrane.org", "plannedparenthood.org", "verywellhealth.com", "everydayhealth.com",
})


def is_reference_domain(domain: str | None) -> bool:
    """Return True for a health organisation, a reference site or a government host."""
    if not domain:
        return False
    domain = domain.lower().removeprefix("www.")
    if domain in HEALTH_ORG_DOMAINS:
        return True
    return domain.endswith((".gov", ".int", ".nhs.uk", ".gov.uk", ".mil", ".edu"))
