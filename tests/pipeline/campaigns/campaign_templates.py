"""Invented testimonial templates (no corpus text) with controlled word changes."""

from __future__ import annotations

BASE = (
    "Hello everyone my name is {victim} and I want to share how {healer} helped me after "
    "years of suffering from genital herpes that my hospital could not treat at all. "
    "A friend at church told me about his roots and herbs, so I wrote to him and he "
    "prepared the medicine and sent it by courier within four days. I took it for "
    "fourteen days as he instructed and when I went back for a test the result came out "
    "negative and my doctor was amazed. Please reach him today on {number} for any "
    "sickness such as diabetes, cancer, fibroids or weak erection."
)

#: Word swaps that make a text only moderately similar (Jaccard about 0.5-0.6).
MODERATE_SWAPS = (
    ("suffering", "pain"),
    ("church", "work"),
    ("courier", "post"),
    ("fourteen", "twenty"),
    ("amazed", "shocked"),
    ("fibroids", "asthma"),
    ("roots", "leaves"),
    ("negative", "clear"),
)

OTHER = (
    "Good evening all, I lost my job last spring and could not pay rent until I met "
    "{healer} who gave me a lucky charm for business, contact {number} for the charm and "
    "watch your shop fill with customers every morning like mine did this year."
)


def fake_testimonial(victim: str, healer: str, number: str, *, moderate: bool = False) -> str:
    text = BASE.format(victim=victim, healer=healer, number=number)
    if moderate:
        for old, new in MODERATE_SWAPS:
            text = text.replace(old, new)
    return text


def fake_other(healer: str, number: str) -> str:
    return OTHER.format(healer=healer, number=number)
