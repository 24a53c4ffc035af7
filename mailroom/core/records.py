"""Records the stages hand each other, kept below them so that no stage imports another.

A stage's own records live in the stage; these are the ones more than one stage
reads: how a document arrived (intake writes it, the database stores it) and the
classifier's verdict (matching and routing decide by it).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

# Media types, recognised by content at intake, read by OCR and the archive.
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
EML = "message/rfc822"
TEXT = "text/plain"
IMAGE_TYPES = frozenset({PNG, JPEG, TIFF})
DOCUMENT_TYPES = IMAGE_TYPES | {PDF}
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg", TIFF: ".tif", EML: ".eml", TEXT: ".txt"}

#: Below this probability of being post to the municipality a document goes to review.
POST_GATE = 0.5


class Channel(enum.StrEnum):
    """How a document reached the municipality."""

    paper = "paper"
    email = "email"


@dataclass(frozen=True)
class Classification:
    """The classifier's verdict on one text."""

    case_type: str
    confidence: float
    scores: dict[str, float]
    #: Probability that the text is post to the municipality at all (not a recipe,
    #: a page of a novel, a manual, spam...).
    post: float = 1.0

    @property
    def not_post(self) -> bool:
        """Whether the text does not read as post to the municipality (it goes to review)."""
        return self.post < POST_GATE

    def runner_up(self) -> tuple[str, float]:
        """The best case type after the chosen one, and its score."""
        others = {k: v for k, v in self.scores.items() if k != self.case_type}
        if not others:
            return self.case_type, self.confidence
        best = max(others, key=others.__getitem__)
        return best, others[best]
