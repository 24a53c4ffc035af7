"""How well text was read: the character error rate the OCR benchmarks report."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

#: Typography that is not a reading error: curly quotes and dashes count as plain ones.
_PLAIN = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)


def normalise(text: str) -> str:
    """Compare characters, not typography: NFKC, plain quotes and dashes, one space."""
    text = unicodedata.normalize("NFKC", text).translate(_PLAIN)
    return re.sub(r"\s+", " ", text).strip()


def cer(found: str, truth: str) -> float:
    """Character error rate of ``found`` against the printed ``truth``."""
    t = normalise(truth)
    return float(Levenshtein.distance(normalise(found), t)) / max(1, len(t))
