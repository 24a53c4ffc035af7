"""How good a model is on a labelled corpus: the figures admins compare before promoting."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from mailroom.classifiers.augment import ocr_noise
from mailroom.classifiers.corpus import Example
from mailroom.classifiers.model import SpacyClassifier

#: The catch-all case type: a text that is not post to the municipality belongs here or
#: in review.
OVERIG = "overig"
#: OCR-noise rate of "read as scans" (about 7 % character errors: a poor scan).
SCAN_NOISE = 0.06


@dataclass(frozen=True)
class Evaluation:
    """Per-class precision, recall and F1, macro-F1, accuracy, the confusion matrix, and
    what routing does at the review threshold: how many documents go straight to a team
    (``coverage``) and how many of those have the right case type (``precision_above``)."""

    version: str
    size: int
    macro_f1: float
    accuracy: float
    per_class: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    threshold: float
    #: Share of the documents routed straight to a team, without review.
    coverage: float
    #: Share of the routed documents whose case type is right.
    precision_above: float
    #: Share of the documents that did not read as post to the municipality (to review).
    not_post: float
    #: Of the documents labelled ``overig``, the share that went to ``overig`` or to review
    #: (``None`` without such documents): for a corpus of texts that are not post at all.
    overig_or_review: float | None
    #: ``text`` as written, or ``scan``: read with OCR errors (:data:`SCAN_NOISE`).
    read_as: str = "text"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


def as_scans(examples: Sequence[Example], seed: int = 5) -> list[Example]:
    """The examples as a poor scan would read them (seeded OCR noise, about 7 % character
    errors), to measure what routing does on scanned post."""
    rng = random.Random(seed)
    return [
        Example(ocr_noise(ex.text, rng, SCAN_NOISE), ex.label, ex.id, ex.not_post)
        for ex in examples
    ]


def evaluate(
    model: SpacyClassifier,
    examples: Sequence[Example],
    threshold: float | None = None,
    read_as: str = "text",
) -> Evaluation:
    """Score ``model`` on ``examples`` (batch-classified). A document is routed straight to
    a team when its confidence reaches ``threshold`` (default: the model's) and it reads
    as post to the municipality; otherwise it goes to review."""
    labels = list(model.manifest.labels)
    threshold = model.manifest.threshold if threshold is None else threshold
    truth = [ex.label for ex in examples]
    verdicts = model.classify_many([ex.text for ex in examples])
    predicted = [v.case_type for v in verdicts]
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    matrix = confusion_matrix(truth, predicted, labels=labels)
    routed = [v.confidence >= threshold and not v.not_post for v in verdicts]
    right_routed = sum(r and t == p for r, t, p in zip(routed, truth, predicted, strict=True))
    overig = [
        not r or p == OVERIG
        for r, t, p in zip(routed, truth, predicted, strict=True)
        if t == OVERIG
    ]
    return Evaluation(
        version=model.manifest.version,
        size=len(examples),
        macro_f1=float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)),
        accuracy=float(accuracy_score(truth, predicted)),
        per_class={
            label: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        confusion={
            label: {other: int(matrix[i][j]) for j, other in enumerate(labels) if matrix[i][j]}
            for i, label in enumerate(labels)
        },
        threshold=threshold,
        coverage=sum(routed) / max(1, len(routed)),
        precision_above=right_routed / max(1, sum(routed)),
        not_post=sum(v.not_post for v in verdicts) / max(1, len(verdicts)),
        overig_or_review=sum(overig) / len(overig) if overig else None,
        read_as=read_as,
    )
