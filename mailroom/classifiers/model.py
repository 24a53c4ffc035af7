"""The spaCy case-type classifier: train, save, load, predict.

Models are artefacts: a versioned directory holding the spaCy pipeline and a
``manifest.json`` (labels, corpora with hashes and sizes, threshold, metrics,
spaCy version),
written to a temporary directory and renamed into place, loaded without side
effects, and refused with a clear error when they do not fit.
"""

from __future__ import annotations

import json
import os
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
from joblib import Parallel, delayed
from sklearn.model_selection import StratifiedKFold
from spacy.language import Language

from mailroom.classifiers.augment import ocr_noise
from mailroom.classifiers.corpus import Example, corpus_hash
from mailroom.classifiers.linear import FACTORY, calibrated, fit_temperature
from mailroom.errors import ModelError

MANIFEST = "manifest.json"
PIPELINE_DIR = "pipeline"
FORMAT_VERSION = 3

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
    #: The corpus files and other sources (corrections) it was trained on.
    corpora: list[dict[str, Any]] = field(default_factory=list)
    #: Cross-validation on the training corpus, and evaluations recorded later.
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


def _fit(examples: Sequence[Example], seed: int, temperature: float = 1.0) -> Language:
    nlp = spacy.blank("nl")
    component = nlp.add_pipe(FACTORY)
    data = augmented(examples, seed)
    component.fit([ex.text for ex in data], [ex.label for ex in data], temperature)
    return nlp


def _held_out_scores(
    examples: Sequence[Example], train: np.ndarray, held_out: np.ndarray, seed: int
) -> tuple[list[str], np.ndarray]:
    component = _fit([examples[i] for i in train], seed).get_pipe(FACTORY)
    return component.labels, component.predict_proba([examples[i].text for i in held_out])


@dataclass(frozen=True)
class Calibration:
    """What cross-validation on the training corpus says about the scores."""

    temperature: float
    threshold: float
    cv_accuracy: float
    cv_coverage: float
    cv_precision_above: float


def calibrate(
    examples: Sequence[Example],
    labels: Sequence[str],
    seed: int,
    precision: float = TARGET_PRECISION,
    folds: int = 4,
    progress: ProgressFn | None = None,
) -> Calibration:
    """Calibrate the scores and derive the review threshold on held-out predictions.

    Each training document is scored by a model trained, as the final one is,
    on the other folds, so neither the temperature nor the threshold is tuned
    on the evaluation corpus. The threshold is the lowest calibrated score at
    which the documents scoring at least that much are ``precision`` right.
    """
    truth = np.array([labels.index(ex.label) for ex in examples])
    scores = np.zeros((len(examples), len(labels)))
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    splits = list(cv.split(np.zeros(len(truth)), truth))
    if progress:
        progress(f"calibrating on {folds}-fold cross-validation")
    # The folds are independent: one per core (2 cores halve the training time).
    results = Parallel(n_jobs=min(folds, os.cpu_count() or 1))(
        delayed(_held_out_scores)(examples, train, held_out, seed) for train, held_out in splits
    )
    for (_, held_out), (fold_labels, cats) in zip(splits, results, strict=True):
        # A fold may miss a rare label: place columns by name.
        for j, label in enumerate(fold_labels):
            scores[held_out, labels.index(label)] = cats[:, j]
    temperature = fit_temperature(scores, truth)
    scores = calibrated(scores, temperature)
    confidence = scores.max(axis=1)
    order = np.argsort(-confidence)
    correct = (scores.argmax(axis=1) == truth)[order]
    running = np.cumsum(correct) / np.arange(1, len(correct) + 1)
    ok = np.nonzero(running >= precision)[0]
    cut = int(ok.max()) if len(ok) else 0
    threshold = float(confidence[order][cut])
    return Calibration(
        temperature=temperature,
        threshold=threshold,
        cv_accuracy=float(correct.mean()),
        cv_coverage=float((confidence >= threshold).mean()),
        cv_precision_above=float(running[cut]),
    )


@dataclass(frozen=True)
class CorpusPart:
    """One source of training documents, as recorded in the manifest."""

    name: str
    sha256: str
    size: int


def train_model(
    examples: Sequence[Example],
    labels: Sequence[str],
    version: str,
    trained_by: str,
    threshold: float | None = None,
    seed: int = 1,
    progress: ProgressFn | None = None,
    sources: Sequence[CorpusPart] = (),
    calibrate_scores: bool = True,
) -> SpacyClassifier:
    """Train a model from ``spacy.blank("nl")`` and describe it in a manifest (not yet saved).

    The scores are calibrated and, without an explicit ``threshold``, the review
    threshold derived by cross-validation (:func:`calibrate`). Deterministic
    for a seed: the augmentation and the folds are seeded, the solver is exact.
    ``calibrate_scores=False`` (with a threshold) skips the cross-validation, for tests.
    """
    if not examples:
        raise ModelError("the training corpus is empty")
    missing = sorted(set(labels) - {ex.label for ex in examples})
    if missing:
        raise ModelError(f"the training corpus has no examples of {', '.join(missing)}")
    unknown = sorted({ex.label for ex in examples} - set(labels))
    if unknown:
        raise ModelError(f"the training corpus has unknown case types {', '.join(unknown)}")
    labels = sorted(labels)
    if calibrate_scores:
        calibration: Calibration | None = calibrate(examples, labels, seed, progress=progress)
    elif threshold is None:
        raise ModelError("a model trained without calibration needs an explicit threshold")
    else:
        calibration = None
    if progress:
        progress(f"fitting on {len(examples)} documents and as many OCR-noised copies")
    nlp = _fit(examples, seed, calibration.temperature if calibration else 1.0)
    if threshold is None and calibration is not None:
        threshold = calibration.threshold
    assert threshold is not None
    manifest = Manifest(
        version=version,
        labels=list(labels),
        threshold=threshold,
        trained_by=trained_by,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        corpus_sha256=corpus_hash(examples),
        corpus_size=len(examples),
        seed=seed,
        corpora=[asdict(part) for part in sources],
        metrics={"cross_validation": asdict(calibration)} if calibration else {},
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
