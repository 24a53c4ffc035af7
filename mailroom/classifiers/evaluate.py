"""How good a model is on a labelled corpus: the figures admins compare before promoting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from mailroom.classifiers.corpus import Example
from mailroom.classifiers.model import SpacyClassifier


@dataclass(frozen=True)
class Evaluation:
    """Per-class precision, recall and F1, macro-F1, accuracy, the confusion matrix, and
    what the review threshold does: how many documents stay above it and how right they are."""

    version: str
    size: int
    macro_f1: float
    accuracy: float
    per_class: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    threshold: float
    coverage: float
    precision_above: float

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


def evaluate(
    model: SpacyClassifier, examples: Sequence[Example], threshold: float | None = None
) -> Evaluation:
    """Score ``model`` on ``examples`` (batch-classified)."""
    labels = list(model.manifest.labels)
    threshold = model.manifest.threshold if threshold is None else threshold
    truth = [ex.label for ex in examples]
    verdicts = model.classify_many([ex.text for ex in examples])
    predicted = [v.case_type for v in verdicts]
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    matrix = confusion_matrix(truth, predicted, labels=labels)
    above = [v.confidence >= threshold for v in verdicts]
    right_above = sum(a and t == p for a, t, p in zip(above, truth, predicted, strict=True))
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
        coverage=sum(above) / max(1, len(above)),
        precision_above=right_above / max(1, sum(above)),
    )
