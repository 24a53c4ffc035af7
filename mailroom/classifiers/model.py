"""The spaCy case-type classifier: train, save, load, predict.

Models are artefacts: a versioned directory holding the spaCy pipeline and a
``manifest.json`` (labels, corpus hash and size, threshold, spaCy version),
written to a temporary directory and renamed into place, loaded without side
effects, and refused with a clear error when they do not fit.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import spacy
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from spacy.language import Language

from mailroom.classifiers.augment import ocr_noise
from mailroom.classifiers.corpus import Example, corpus_hash
from mailroom.classifiers.linear import FACTORY, make_estimator
from mailroom.errors import ModelError

MANIFEST = "manifest.json"
PIPELINE_DIR = "pipeline"
FORMAT_VERSION = 2

#: Precision the review threshold keeps for documents above it.
TARGET_PRECISION = 0.95


@dataclass(frozen=True)
class Classification:
    """The classifier's verdict on one text."""

    case_type: str
    confidence: float
    scores: dict[str, float]

    def runner_up(self) -> tuple[str, float]:
        """The best case type after the chosen one, and its score."""
        others = {k: v for k, v in self.scores.items() if k != self.case_type}
        if not others:
            return self.case_type, self.confidence
        best = max(others, key=others.__getitem__)
        return best, others[best]


class Classifier(Protocol):
    """Anything that can tell the case type of a text."""

    def classify(self, text: str) -> Classification:
        """Score every case type for ``text``."""
        ...


@dataclass(frozen=True)
class Manifest:
    """What is known about a trained model; stored beside it."""

    version: str
    labels: list[str]
    threshold: float
    trained_by: str
    created_at: str
    corpus_sha256: str
    corpus_size: int
    seed: int
    spacy_version: str = spacy.__version__
    format_version: int = FORMAT_VERSION
    metrics: dict[str, Any] = field(default_factory=dict)


class SpacyClassifier:
    """A loaded model: the spaCy pipeline and its manifest."""

    def __init__(self, nlp: Language, manifest: Manifest) -> None:
        self.nlp = nlp
        self.manifest = manifest

    def classify_many(self, texts: Sequence[str]) -> list[Classification]:
        """Score many texts at once (batched: much faster than one by one)."""
        return [self._verdict(doc.cats) for doc in self.nlp.pipe(texts)]

    @staticmethod
    def _verdict(cats: dict[str, float]) -> Classification:
        best = max(cats, key=cats.__getitem__)
        return Classification(best, float(cats[best]), {k: float(v) for k, v in cats.items()})

    def classify(self, text: str) -> Classification:
        """Score every case type for ``text``."""
        return self._verdict(self.nlp(text).cats)


ProgressFn = Callable[[str], None]


def augmented(examples: Sequence[Example], seed: int) -> list[Example]:
    """The examples plus an OCR-noised copy of each, so scanned text does not throw the model."""
    rng = random.Random(seed)
    noisy = [Example(ocr_noise(ex.text, rng), ex.label, ex.id) for ex in examples]
    return [*examples, *noisy]


def train_pipeline(
    examples: Sequence[Example], seed: int = 1, progress: ProgressFn | None = None
) -> Language:
    """Train a pipeline from ``spacy.blank("nl")`` whose classifier sets ``doc.cats``.

    Deterministic for a seed: the augmentation is seeded and the solver is exact.
    """
    nlp = spacy.blank("nl")
    component = nlp.add_pipe(FACTORY)
    data = augmented(examples, seed)
    if progress:
        progress(
            f"fitting on {len(examples)} documents and {len(data) - len(examples)} noisy copies"
        )
    component.fit([ex.text for ex in data], [ex.label for ex in data])
    return nlp


def derive_threshold(
    examples: Sequence[Example], seed: int, precision: float = TARGET_PRECISION, folds: int = 4
) -> tuple[float, dict[str, float]]:
    """The lowest confidence at which held-out predictions stay ``precision`` right.

    Scores come from cross-validation on the training corpus (each document scored
    by a model that did not see it), so the threshold is not tuned on the
    evaluation corpus.
    """
    texts = [ex.text for ex in examples]
    labels = np.array([ex.label for ex in examples])
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    scores = cross_val_predict(make_estimator(20.0), texts, labels, cv=cv, method="predict_proba")
    classes = np.array(sorted(set(labels)))
    predicted = classes[scores.argmax(axis=1)]
    confidence = scores.max(axis=1)
    order = np.argsort(-confidence)
    correct = (predicted == labels)[order]
    running = np.cumsum(correct) / np.arange(1, len(correct) + 1)
    ok = np.nonzero(running >= precision)[0]
    cut = int(ok.max()) if len(ok) else 0
    threshold = float(confidence[order][cut])
    stats = {
        "cv_accuracy": float(correct.mean()),
        "cv_coverage": float((confidence >= threshold).mean()),
        "cv_precision_above": float(running[cut]),
    }
    return threshold, stats


def train_model(
    examples: Sequence[Example],
    labels: Sequence[str],
    version: str,
    trained_by: str,
    threshold: float | None = None,
    seed: int = 1,
    progress: ProgressFn | None = None,
) -> SpacyClassifier:
    """Train a model and describe it in a manifest (not yet saved).

    Without an explicit ``threshold`` the review threshold is derived by
    cross-validation (:func:`derive_threshold`).
    """
    if not examples:
        raise ModelError("the training corpus is empty")
    missing = sorted(set(labels) - {ex.label for ex in examples})
    if missing:
        raise ModelError(f"the training corpus has no examples of {', '.join(missing)}")
    metrics: dict[str, Any] = {}
    if threshold is None:
        if progress:
            progress("deriving the review threshold by cross-validation")
        threshold, metrics = derive_threshold(examples, seed)
    nlp = train_pipeline(examples, seed=seed, progress=progress)
    manifest = Manifest(
        version=version,
        labels=list(labels),
        threshold=threshold,
        trained_by=trained_by,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        corpus_sha256=corpus_hash(examples),
        corpus_size=len(examples),
        seed=seed,
        metrics=metrics,
    )
    return SpacyClassifier(nlp, manifest)


def save_model(model: SpacyClassifier, directory: Path) -> Path:
    """Write the model to ``directory`` atomically (temporary name, then rename)."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=directory.parent, prefix=f".{directory.name}-"))
    try:
        model.nlp.to_disk(tmp / PIPELINE_DIR)
        (tmp / MANIFEST).write_text(json.dumps(asdict(model.manifest), indent=2), "utf-8")
        tmp.rename(directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return directory


def read_manifest(directory: Path) -> Manifest:
    """Read a model's manifest; :class:`ModelError` when it is missing or damaged."""
    try:
        data = json.loads((directory / MANIFEST).read_text("utf-8"))
        return Manifest(**data)
    except (OSError, json.JSONDecodeError, TypeError) as e:
        raise ModelError(f"model at {directory} is missing or damaged: {e}") from e


def load_model(directory: Path, labels: Sequence[str] | None = None) -> SpacyClassifier:
    """Load a saved model; refuse one whose format or labels do not fit."""
    manifest = read_manifest(directory)
    if manifest.format_version != FORMAT_VERSION:
        raise ModelError(
            f"model {manifest.version} has format {manifest.format_version}, this mailroom "
            f"reads {FORMAT_VERSION}; retrain with `mailroom model train`"
        )
    if labels is not None and sorted(labels) != sorted(manifest.labels):
        raise ModelError(
            f"model {manifest.version} was trained for other case types than the catalogue's; "
            "retrain with `mailroom model train`"
        )
    try:
        nlp = spacy.load(directory / PIPELINE_DIR)
    except (OSError, ValueError) as e:
        raise ModelError(f"model {manifest.version} cannot be loaded: {e}") from e
    return SpacyClassifier(nlp, manifest)
