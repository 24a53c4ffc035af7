"""OCR-noise augmentation: the training text as a poor scan would read it.

Deterministic for a seed, so training is reproducible.
"""

from __future__ import annotations

import random

#: Confusions Tesseract makes on degraded Dutch scans.
CONFUSIONS = {
    "rn": "m",
    "m": "rn",
    "l": "1",
    "1": "l",
    "i": "l",
    "O": "0",
    "0": "O",
    "e": "c",
    "c": "e",
    "ij": "y",
    "h": "b",
    "n": "u",
    "u": "n",
    "é": "e",
    "ë": "e",
}


def ocr_noise(text: str, rng: random.Random, rate: float = 0.04) -> str:
    """``text`` with OCR-like errors: confused letters, dropped and split characters."""
    out: list[str] = []
    i = 0
    while i < len(text):
        two, one = text[i : i + 2], text[i]
        roll = rng.random()
        if roll < rate and two in CONFUSIONS:
            out.append(CONFUSIONS[two])
            i += 2
            continue
        if roll < rate and one in CONFUSIONS:
            out.append(CONFUSIONS[one])
        elif roll < rate * 1.3 and one.isalpha():
            pass  # a faint letter is lost
        elif roll < rate * 1.5 and one.isalpha():
            out.append(one + " ")  # a word broken in two
        else:
            out.append(one)
        i += 1
    return "".join(out)
