"""Contact-stage throughput against Presidio and against a naive all-regions phone matcher.

``python -m bench contacts`` generates a synthetic corpus (mostly ordinary comments, some
long ones, a share of scam comments with plain and disguised contacts; nothing copied from
the labelled corpus) and runs, side by side on the same comments:

- ours: :func:`pipeline.contacts.extract_contacts`;
- Presidio's analyzer recognizers for e-mail, phone (its 8 default regions) and URL, in a
  pattern-only configuration (the recognizers are called directly: no spaCy model);
- a naive ``phonenumbers.PhoneNumberMatcher`` loop over every region our region inference
  can name, over the whole text: the cost our candidate-first design avoids.

It prints comments/s for each and the ratios. With ``../shared/corpus`` present it also
scores Presidio with the same rules as ``commentwatch eval`` (:mod:`pipeline.evaluation.contacts`).
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from pipeline.contacts import extract_contacts
from pipeline.contacts.regions import COUNTRY_NAMES, FALLBACK_REGION
from pipeline.contacts.urls import normalise_url
from pipeline.findings import Contact

COMMENTS = 20_000
NAIVE_EVERY = 10
"""The naive matcher runs on every 10th comment only (it is that slow); its rate is per
comment, compared with ours on the same subset."""
PRESIDIO_REGIONS = ("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR")
NAIVE_REGIONS = tuple(sorted({*COUNTRY_NAMES.values(), FALLBACK_REGION}))
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

_WORDS = ["the", "my", "doctor", "said", "pain", "back", "neck", "after", "weeks", "of", "physio", "and", "ibuprofen", "it", "got", "better", "I", "also", "tried", "stretching", "yoga", "swimming", "sleep", "diet", "but", "nothing", "helped", "until", "a", "new", "chair", "keyboard", "desk", "mouse", "wrist", "shoulder", "posture", "cancer", "treatment", "chemo", "radiation", "surgery", "scan", "results", "came", "back", "clear", "thanks", "everyone", "for", "the", "support", "this", "article", "helped", "me", "understand", "HER2", "trastuzumab", "tamoxifen", "side", "effects", "fatigue", "nausea", "appointment", "nurse", "hospital", "clinic", "insurance", "months", "years", "dose", "mg", "twice", "daily", "morning", "evening"]
_FIRST = ("Ade", "Oso", "Ben", "Zaku", "Ituma", "Ogun", "Mary", "Kelly", "Sam", "Lucy")
_PROVIDERS = ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com")
_SCAM_TEMPLATES = (
    ("I was cured of {disease} by DR {name} herbal medicine. Contact him {email} or "
    "WhatsApp {phone} for help."),
    "All thanks to Dr {name}, my {disease} is gone!!! email: {obf_email} call/whatsapp {phone}",
    "Dr {name} cured my {disease} with herbs, visit {url} or text {phone_spaced}.",
    ("If you need help with {disease} contact the great herbalist on {email} / {phone}. "
    "His website {defanged} "),
)
_DISEASES = ("herpes", "HIV", "breast cancer", "diabetes", "HPV", "hepatitis B")


def _ordinary(rng: random.Random, words: int) -> str:
    parts = [rng.choice(_WORDS) for _ in range(words)]
    if rng.random() < 0.3:
        parts.insert(rng.randrange(len(parts) + 1), f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/20{rng.randint(10, 24)}")
    if rng.random() < 0.3:
        parts.insert(rng.randrange(len(parts) + 1), f"{rng.randint(5, 900)} mg")
    if rng.random() < 0.1:
        parts.insert(rng.randrange(len(parts) + 1), f"https://www.example{rng.randint(1, 99)}.org/page")
    if rng.random() < 0.05:
        parts.insert(rng.randrange(len(parts) + 1), f"ref {rng.randint(10**9, 10**10)}")
    return " ".join(parts) + "."


def _scam(rng: random.Random) -> str:
    name = rng.choice(_FIRST)
    local = f"dr{name.lower()}{rng.choice(('herbal', 'spell', 'cure'))}{rng.randint(1, 999)}"
    provider = rng.choice(_PROVIDERS)
    digits = f"80{rng.randint(3, 9)}{rng.randint(1000000, 9999999)}"
    phone = rng.choice((f"+234{digits}", f"+234 {digits[:3]} {digits[3:6]} {digits[6:]}",
                        f"+1 (212) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"))
    site = f"{local}.blogspot.com"
    return rng.choice(_SCAM_TEMPLATES).format(
        disease=rng.choice(_DISEASES), name=name, email=f"{local}@{provider}",
        obf_email=f"{local} at {provider.replace('.', ' dot ')}",
        phone=phone, phone_spaced=" ".join(f"+234{digits}"),
        url=f"https://{site}", defanged=f"hxxps://{site.replace('.', '[.]')}",
    )


def generate(count: int = COMMENTS, seed: int = 4) -> list[str]:
    """Return ``count`` synthetic comments: ~85% ordinary, ~5% long, ~10% scam."""
    rng = random.Random(seed)
    comments: list[str] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.10:
            comments.append(_scam(rng) + " " + _ordinary(rng, rng.randint(5, 40)))
        elif roll < 0.15:
            comments.append("\n\n".join(_ordinary(rng, rng.randint(80, 200)) for _ in range(10)))
        else:
            comments.append(_ordinary(rng, rng.randint(8, 80)))
    return comments


def presidio_extractor() -> Callable[[str], list[Contact]]:
    """Return Presidio's e-mail, phone and URL recognizers as an extraction function."""
    import tldextract.tldextract
    from presidio_analyzer import EntityRecognizer
    from presidio_analyzer.predefined_recognizers import (
        EmailRecognizer,
        PhoneRecognizer,
        UrlRecognizer,
    )

    # Presidio validates e-mail domains with tldextract's default extractor, which fetches
    # the public-suffix list over the network: give it the bundled snapshot instead.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True
    )
    email, phone, url = EmailRecognizer(), PhoneRecognizer(), UrlRecognizer()

    def extract(text: str) -> list[Contact]:
        results = EntityRecognizer.remove_duplicates([
            *email.analyze(text, ["EMAIL_ADDRESS"]),
            *phone.analyze(text, ["PHONE_NUMBER"]),
            *url.analyze(text, ["URL"]),
        ])
        # Like Presidio's anonymizer, drop a result contained in a longer one of another
        # type (the "gmail.com" URL inside every address).
        results = [r for r in results
                   if not any(o is not r and r.contained_in(o) and (o.end - o.start) >
                              (r.end - r.start) for o in results)]
        contacts: list[Contact] = []
        for result in results:
            contact = _presidio_contact(text, result)
            if contact is not None:
                contacts.append(contact)
        return contacts

    return extract


def _presidio_contact(text: str, result: Any) -> Contact | None:
    start, end = result.start, result.end
    raw = text[start:end]
    entity = result.entity_type
    if entity == "EMAIL_ADDRESS":
        return Contact(kind="email", value=raw.lower(), raw=raw, start=start, end=end)
    if entity == "PHONE_NUMBER":
        # The explanation names the region whose matcher found the number.
        explanation = result.analysis_explanation.textual_explanation or ""
        region = explanation.removeprefix("Recognized as ").split(" ", 1)[0]
        try:
            number = phonenumbers.parse(raw, region if len(region) == 2 else "US")
        except NumberParseException:
            return None
        value = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        return Contact(kind="phone", value=value, raw=raw, start=start, end=end)
    if entity == "URL":
        scheme, sep, rest = raw.partition("://")
        if not sep:
            scheme, rest = "http", raw
        host, slash, path = rest.partition("/")
        value = normalise_url(scheme.lower(), host, "", slash + path)
        return Contact(kind="url", value=value, raw=raw, start=start, end=end)
    return None


def naive_phones(text: str) -> int:
    """Count numbers found by ``PhoneNumberMatcher`` over every region, whole text each time."""
    found = 0
    for region in NAIVE_REGIONS:
        found += sum(1 for _ in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.VALID))
    return found


def _race(
    funcs: dict[str, Callable[[str], object]], comments: Sequence[str], chunk: int = 200
) -> dict[str, float]:
    """Time each function on the same comments, interleaved chunk by chunk.

    Interleaving spreads any background load on the machine evenly over the contenders,
    so the ratios stay meaningful even when the absolute rates wobble.
    """
    for func in funcs.values():  # warm up: lazy tables (public-suffix trie, metadata)
        for text in comments[:50]:
            func(text)
    elapsed = dict.fromkeys(funcs, 0.0)
    for begin in range(0, len(comments), chunk):
        part = comments[begin : begin + chunk]
        for name, func in funcs.items():
            # Collect the previous contender's garbage outside the clock, so that nobody
            # pays for another's allocations.
            gc.collect()
            started = time.perf_counter()
            for text in part:
                func(text)
            elapsed[name] += time.perf_counter() - started
    for name, seconds in elapsed.items():
        rate = len(comments) / seconds if seconds else float("inf")
        print(f"{name:<44} {len(comments):>6} comments {seconds:>8.2f} s "
              f"{rate:>10.0f} comments/s")
    return elapsed


def _ours(text: str) -> list[Contact]:
    return extract_contacts(text, region="US")


def _score_presidio(presidio: Callable[[str], list[Contact]]) -> None:
    path = CORPUS / "dev" / "comments.jsonl"
    if not path.exists():
        print(f"({path} absent: accuracy comparison skipped)")
        return
    from pipeline.evaluation.contacts import evaluate_contacts
    from pipeline.evaluation.labelled import read_labelled

    records = read_labelled(path)
    ours = evaluate_contacts(records)
    theirs = evaluate_contacts(records, extract=presidio)
    print(f"\nF1 on {path.name} ({len(records)} records)   ours   presidio")
    for kind in ("email", "phone", "url"):
        print(f"  {kind:<8} {ours.kind(kind).f1:>32.3f} {theirs.kind(kind).f1:>9.3f}")


def run() -> None:
    """Generate the corpus, time the three extractors, print rates and ratios."""
    comments = generate()
    chars = sum(len(c) for c in comments)
    print(f"{len(comments)} synthetic comments, {chars / 1e6:.1f} M characters")
    try:
        presidio = presidio_extractor()
    except ImportError:
        presidio = None
        print("presidio-analyzer is not installed (pip install 'commentwatch[bench]'): "
              "Presidio comparison skipped")
    if presidio is not None:
        ours, theirs = _race({"ours (extract_contacts)": _ours,
                              "presidio (email+phone+url recognizers)": presidio},
                             comments).values()
        print(f"ours / presidio: {theirs / ours:.1f}x")
    subset = comments[::NAIVE_EVERY]
    print(f"\non every {NAIVE_EVERY}th comment:")
    ours_subset, naive = _race(
        {"ours (extract_contacts)": _ours,
         f"naive PhoneNumberMatcher x {len(NAIVE_REGIONS)} regions": naive_phones},
        subset,
    ).values()
    print(f"ours / naive all-regions phone matcher: {naive / ours_subset:.1f}x")
    found = sum(len(_ours(c)) for c in comments[:2000])
    print(f"(contacts found in the first 2000 comments: {found})")
    if presidio is not None:
        _score_presidio(presidio)


if __name__ == "__main__":
    run()
