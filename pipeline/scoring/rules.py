"""The scoring rules: names, weights, families, and what each one means.

SpamAssassin-style: every rule that fires adds its weight to the comment's score and is
reported with the text that made it fire, so a verdict explains itself. The table is data a
reviewer can read top to bottom; the code that fires the rules is in ``scorer.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["CONTACT", "HEALTH", "PROMOTION", "RULES", "RULES_BY_NAME", "SIGNAL", "Rule"]

HEALTH: Final = "health"
"""Family of rules that are cure claims (a ``scam`` verdict needs one)."""
CONTACT: Final = "contact"
"""Family of rules that are a way to reach the poster (a ``scam`` verdict needs one)."""
PROMOTION: Final = "promotion"
"""Family of rules that are non-health promotion (what makes ``spam``)."""
SIGNAL: Final = "signal"
"""Supporting evidence that never decides a verdict alone."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One named, weighted rule."""

    name: str
    """Upper-case rule name reported in ``Reason.rule`` (``CURE_TESTIMONIAL``)."""
    weight: int
    """Points added to the score when the rule fires."""
    family: str
    """``health``, ``contact``, ``promotion`` or ``signal``."""
    description: str
    """One sentence for reviewers: what the rule looks for."""


RULES: Final[tuple[Rule, ...]] = (
    # Cure claims (from pipeline.claims).
    Rule(
        "CURE_TESTIMONIAL",
        35,
        HEALTH,
        "A testimonial credits an unproven remedy or healer with curing a named condition.",
    ),
    Rule(
        "CURE_OFFER",
        35,
        HEALTH,
        "An unproven remedy or healer is offered as a cure for a named condition.",
    ),
    Rule(
        "ANY_DISEASE",
        35,
        HEALTH,
        "A remedy or healer is offered for any or every disease (FDA: one product cures many diseases).",
    ),
    Rule(
        "SPELL_HEALING",
        35,
        HEALTH,
        "A spell, ritual or magic object is offered to heal or to end infertility.",
    ),
    Rule(
        "MIRACLE_PRODUCT",
        30,
        HEALTH,
        "A 'natural' or 'miracle' product is marketed against a named condition.",
    ),
    Rule(
        "MULTI_DISEASE",
        10,
        SIGNAL,
        "One remedy is credited with curing three or more different conditions.",
    ),
    Rule(
        "HEALER_PERSONA",
        10,
        SIGNAL,
        "A healer persona ('Dr NAME', 'Baba NAME') or a herbal storefront ('X Herbal Clinic') is promoted.",
    ),
    Rule(
        "CURE_ADDRESS",
        10,
        SIGNAL,
        "A contact address advertises cures or herbs itself (drnameherbs@…, naturecure….com).",
    ),
    Rule(
        "TESTIMONIAL_NARRATIVE",
        10,
        SIGNAL,
        "The text follows the scam testimony script (diagnosed, contacted him, he sent me, all thanks to).",
    ),
    Rule(
        "FRAUD_SIGNAL",
        10,
        SIGNAL,
        "FDA health-fraud wording: miracle, secret, guaranteed, no side effects, cure in days.",
    ),
    Rule(
        "SCAM_WARNING",
        -15,
        SIGNAL,
        "The writer warns against scams or fakes; without contact details it is never a scam.",
    ),
    Rule(
        "PATIENT_CHAT",
        -10,
        SIGNAL,
        "The writer offers to talk about their own experience ('email me if you want to chat') "
        "and nothing sends the reader to a healer: their address is no seller's route.",
    ),
    Rule(
        "PERSONA_ONLY",
        -10,
        SIGNAL,
        "A cure is credited only to a named doctor who is not promoted: never a scam alone.",
    ),
    # Ways to get in touch (from pipeline.contacts and the solicitation lexicon).
    Rule("CONTACT_EMAIL", 10, CONTACT, "The comment carries an e-mail address."),
    Rule("CONTACT_PHONE", 10, CONTACT, "The comment carries a phone number."),
    Rule(
        "WHATSAPP_NUMBER", 20, CONTACT, "A phone number is offered on WhatsApp, Viber or Telegram."
    ),
    Rule("CONTACT_URL", 5, CONTACT, "The comment carries a link or a bare domain."),
    Rule("CONTACT_HANDLE", 10, CONTACT, "The comment carries a messenger or social-media handle."),
    Rule(
        "SHOP_LINK",
        10,
        SIGNAL,
        "A link into a storefront (order, buy, shop, checkout or official-site pages).",
    ),
    Rule(
        "OBFUSCATED_CONTACT",
        10,
        SIGNAL,
        "A contact is disguised (name at gmail dot com, spaced digits, hxxp).",
    ),
    Rule(
        "SOLICITATION",
        20,
        CONTACT,
        "An explicit instruction to get in touch ('contact him', 'reach him on', 'if you are suffering').",
    ),
    # Other promotion (spam).
    Rule(
        "PROMOTED_HEALER",
        30,
        PROMOTION,
        "A testimony promotes a named healer with 'contact him' and contact details, no cure.",
    ),
    Rule("LOVE_SPELL", 30, PROMOTION, "Love, marriage or 'bring your ex back' spells."),
    Rule("MONEY_SPELL", 30, PROMOTION, "Lottery, money or luck spells and charms."),
    Rule("LOAN_OFFER", 30, PROMOTION, "Loan or financing offers."),
    Rule("HACKER_FOR_HIRE", 30, PROMOTION, "Hacking, spying or credit-repair services."),
    Rule("CRYPTO_RECOVERY", 30, PROMOTION, "Crypto recovery or investment schemes."),
    Rule("ATM_CARD", 30, PROMOTION, "Blank or programmed ATM cards."),
    Rule("ILLUMINATI", 30, PROMOTION, "Illuminati or secret-society membership offers."),
    Rule("BETTING", 30, PROMOTION, "Betting and casino promotion."),
    Rule(
        "ONLINE_PHARMACY", 30, PROMOTION, "Prescription drugs sold online or without prescription."
    ),
    Rule(
        "CHANNEL_PROMO",
        30,
        PROMOTION,
        "'Check out my channel', 'subscribe to me' and similar plugs.",
    ),
    Rule("MONEY_MAKING", 30, PROMOTION, "Make-money-online, free gift cards, 'sign up'."),
    Rule(
        "CALL_TO_ACTION",
        30,
        PROMOTION,
        "A shop's call to action ('click here', 'special offer', 'get 80% off'); with a cure "
        "claim it makes a lone link the seller's route.",
    ),
    Rule(
        "LOCAL_SEO",
        30,
        PROMOTION,
        "Clinic-directory copy next to a link ('best X doctor in CITY', 'near me', 'book your consultation').",
    ),
    Rule("ACCOUNT_SELLER", 30, PROMOTION, "Bulk accounts, followers or likes for sale."),
    Rule("ESSAY_MILL", 30, PROMOTION, "Essays, theses or coursework written for hire."),
    Rule(
        "SEO_LINK",
        30,
        PROMOTION,
        "Generic praise ('great article, thanks for sharing') carrying a link.",
    ),
    Rule(
        "KEYWORD_LINK",
        15,
        PROMOTION,
        "A link hidden behind keyword anchor text ('keyword (https://…)').",
    ),
    Rule(
        "MARKETING_COPY",
        15,
        PROMOTION,
        "Advertising copy ('high-quality', 'we offer') next to a link.",
    ),
    Rule("LINK_LIST", 15, PROMOTION, "Three or more links in one comment."),
    Rule("LINK_DROP", 30, PROMOTION, "The comment is little more than a link."),
    Rule(
        "SELF_PROMO", 15, PROMOTION, "'Visit my website', 'watch my video' and similar weak plugs."
    ),
)

RULES_BY_NAME: Final = {rule.name: rule for rule in RULES}
