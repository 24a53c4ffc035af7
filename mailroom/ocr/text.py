"""Reading text out of PDFs, and telling a text layer worth keeping from one that is not.

A born-digital PDF usually carries its text; but a font without a Unicode
mapping (no ``/ToUnicode``, an Identity-H subset) gives back control
characters or mojibake, and a text layer can be there and hold nothing but
spaces. Such a page is read by OCR instead (:func:`text_layer_quality`).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from mailroom.core.errors import CorruptInput

#: Fewer visible characters than this is no text layer worth the name (a page number, a dot).
MIN_LAYER_CHARS = 20
#: More than this share of characters that are no text (control, private use, unassigned,
#: U+FFFD) is a font without a Unicode mapping.
MAX_JUNK_SHARE = 0.1
#: Latin text in which fewer than this share of the tokens look like words (letters with a
#: vowel among them) is mojibake: a font's own codes taken for letters.
MIN_WORD_SHARE = 0.35
#: Fewer letters and digits than this share of the characters is symbols, not text.
MIN_ALNUM_SHARE = 0.5
_JUNK_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs"})
_TOKEN = re.compile(r"\S+")
# A word: letters with an (unaccented) vowel among them, punctuation around. Mojibake is
# mostly accented capitals and signs; a European language's words mostly have a plain vowel.
_WORDLIKE = re.compile(r"^[\W\d_]*[^\W\d_]*[aeiouyAEIOUY][^\W\d_]*[\W\d_]*$")


class TextLayer(enum.StrEnum):
    """What a page's text layer is worth."""

    good = "good"
    empty = "empty"
    garbage = "garbage"


def text_layer_quality(text: str) -> TextLayer:
    """Whether ``text`` (a page's extracted text layer) reads as text, is empty, or is garbage.

    Two simple measures: the share of characters that are no text at all, and,
    for text in Latin script, the share of tokens that look like words. Text in
    another script is judged by the first measure only, so a letter in Arabic
    or Cyrillic keeps its own text layer.
    """
    visible = [c for c in text if not c.isspace()]
    junk = sum(unicodedata.category(c) in _JUNK_CATEGORIES or c == "\ufffd" for c in visible)
    if len(visible) - junk < MIN_LAYER_CHARS:
        return TextLayer.empty if junk < MIN_LAYER_CHARS else TextLayer.garbage
    if junk > MAX_JUNK_SHARE * len(visible):
        return TextLayer.garbage
    if sum(c.isalnum() for c in visible) < MIN_ALNUM_SHARE * len(visible):
        return TextLayer.garbage
    letters = [c for c in visible if c.isalpha()]
    latin = sum("LATIN" in unicodedata.name(c, "") for c in letters)
    if letters and latin >= 0.5 * len(letters):
        tokens = [t for t in _TOKEN.findall(text) if any(c.isalpha() for c in t)]
        words = sum(bool(_WORDLIKE.match(t)) for t in tokens)
        if tokens and words < MIN_WORD_SHARE * len(tokens):
            return TextLayer.garbage
    return TextLayer.good


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page of a PDF, in page order."""
    try:
        reader = PdfReader(path)
        return [(page.extract_text() or "").strip() for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as e:
        raise CorruptInput(f"the PDF cannot be read: {e}") from e
