"""The spaCy case-type classifier: train, save, load, predict.

Models are artefacts: a versioned directory holding the spaCy pipeline and a
``manifest.json`` (labels, corpora with hashes and sizes, threshold, metrics,
spaCy version),
written to a temporary directory and renamed into place, loaded without side
effects, and refused with a clear error when they do not fit.
"""

from __future__ import annotations

import functools
import json
import os
import random
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import spacy
from joblib import Parallel, delayed
from sklearn.model_selection import StratifiedGroupKFold
from spacy.language import Language
from spacy.tokens import Doc

from mailroom.classifiers.augment import ocr_noise
from mailroom.classifiers.corpus import Example, corpus_hash
from mailroom.classifiers.linear import (
    FACTORY,
    Calibration,
    LinearTextCat,
    fit_decision_temperature,
    fit_parts,
    fit_platt,
    margin,
    sigmoid,
    threshold_for_precision,
)
from mailroom.core.errors import ModelError
from mailroom.core.records import POST_GATE, Classification

MANIFEST = "manifest.json"
PIPELINE_DIR = "pipeline"
FORMAT_VERSION = 5

#: Share of the documents routed without review that must have the right case type;
#: the default of the ``review_precision`` setting.
TARGET_PRECISION = 0.99
#: Regularisation of the linear models (smaller: smoother).
C = 1.0


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
        component = self.nlp.get_pipe(FACTORY) if FACTORY in self.nlp.pipe_names else None
        if isinstance(component, LinearTextCat):
            # The component reads raw text: no need to tokenise thousands of documents.
            probabilities, confidence, post = component.predict(list(texts))
            labels = component.labels
            return [
                self._verdict(dict(zip(labels, map(float, row), strict=True)), float(c), float(p))
                for row, c, p in zip(probabilities, confidence, post, strict=True)
            ]
        return [self._verdict_of(doc) for doc in self.nlp.pipe(texts)]

    @staticmethod
    def _verdict(cats: dict[str, float], confidence: float, post: float) -> Classification:
        best = max(cats, key=cats.__getitem__)
        return Classification(best, confidence, cats, post)

    def _verdict_of(self, doc: Doc) -> Classification:
        cats = {k: float(v) for k, v in doc.cats.items()}
        confidence = float(doc.user_data.get("confidence", max(cats.values(), default=0.0)))
        return self._verdict(cats, confidence, float(doc.user_data.get("post", 1.0)))

    def classify(self, text: str) -> Classification:
        """Score every case type for ``text``."""
        return self._verdict_of(self.nlp(text))

    def threshold_for(self, precision: float) -> float:
        """The review threshold at which cross-validation found ``precision`` of the
        routed documents right; the manifest's threshold for a model trained without."""
        component = self.nlp.get_pipe(FACTORY)
        found = component.threshold_for(precision) if isinstance(component, LinearTextCat) else None
        return self.manifest.threshold if found is None else found


ProgressFn = Callable[[str], None]

#: OCR-noise rate of the copies of held-out documents read as poor scans in
#: cross-validation (about 7 % character errors, as benchmarks/classify.py reads
#: the evaluation corpus).
CV_NOISE = 0.06
#: Corpora this large are cross-validated one fold per core.
PARALLEL_FROM = 600


@dataclass(frozen=True)
class HeldOut:
    """Cross-validated decision values: each document scored by a model that did not
    see it (post documents clean and read as a poor scan; not-post texts likewise)."""

    labels: list[str]
    truth: np.ndarray
    cases: np.ndarray
    post: np.ndarray
    not_post_cases: np.ndarray
    not_post: np.ndarray


def _fold_of(examples: Sequence[Example], folds: int, seed: int) -> np.ndarray:
    """The fold of each example: stratified by case type (the not-post texts one more
    stratum), holding out whole corpus files where a stratum comes from ``folds`` files
    or more. A file is one writer's (or one writing round's) letters, and the post to be
    routed comes from writers the model never saw: held out among the other letters of
    the same writers, verdicts look surer than they are, and the threshold drawn from
    them routes too much."""
    strata = [("" if ex.not_post else "post:") + ex.label for ex in examples]
    files: dict[str, set[str | None]] = defaultdict(set)
    for stratum, ex in zip(strata, examples, strict=True):
        files[stratum].add(ex.source)
    groups = [
        f"file:{ex.source}" if ex.source and len(files[stratum]) >= folds else f"doc:{i}"
        for i, (stratum, ex) in enumerate(zip(strata, examples, strict=True))
    ]
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    fold = np.zeros(len(examples), dtype=int)
    for k, (_, held_out) in enumerate(splitter.split(np.zeros(len(examples)), strata, groups)):
        fold[held_out] = k
    return fold


def _score_fold(
    examples: Sequence[Example], fold: np.ndarray, k: int, noisy: Sequence[str], seed: int
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    parts = fit_parts([ex for ex, f in zip(examples, fold, strict=True) if f != k], C, seed)
    held_out = np.nonzero(fold == k)[0]
    texts = [examples[int(i)].text for i in held_out] + [noisy[int(i)] for i in held_out]
    cases, post = parts.decisions(texts)
    return [str(c) for c in parts.cases.classes_], held_out, cases, post


def cross_validate(
    examples: Sequence[Example],
    labels: Sequence[str],
    seed: int,
    folds: int = 4,
    progress: ProgressFn | None = None,
) -> HeldOut:
    """Score every training document with a model trained, as the final one is, on the
    other folds; also each document read as a poor scan (:data:`CV_NOISE`)."""
    rng = random.Random(seed + 1)
    noisy = [ocr_noise(ex.text, rng, CV_NOISE) for ex in examples]
    fold = _fold_of(examples, folds, seed)
    if progress:
        progress(f"calibrating on {folds}-fold cross-validation (clean and as poor scans)")
    # The folds are independent: one per core (2 cores halve the training time) — for a
    # small corpus starting the worker processes costs more than it saves.
    jobs = min(folds, os.cpu_count() or 1) if len(examples) >= PARALLEL_FROM else 1
    results = Parallel(n_jobs=jobs)(
        delayed(_score_fold)(examples, fold, k, noisy, seed) for k in range(folds)
    )
    n = len(examples)
    cases = np.full((2 * n, len(labels)), -1e3)  # a label a fold never saw scores lowest
    post = np.zeros(2 * n)
    for fold_labels, held_out, fold_cases, fold_post in results:
        rows = np.concatenate([held_out, held_out + n])
        for j, label in enumerate(fold_labels):
            cases[rows, labels.index(label)] = fold_cases[:, j]
        post[rows] = fold_post
    is_post = np.array([not ex.not_post for ex in examples] * 2)
    truth = np.array([labels.index(ex.label) for ex in examples] * 2)
    return HeldOut(
        labels=list(labels),
        truth=truth[is_post],
        cases=cases[is_post],
        post=post[is_post],
        not_post_cases=cases[~is_post],
        not_post=post[~is_post],
    )


def calibrate(held_out: HeldOut, precision: float = TARGET_PRECISION) -> tuple[Calibration, dict]:
    """Fit the temperature, the confidence, the post model's Platt scaling and the review
    threshold on held-out predictions, so nothing is tuned on the evaluation corpus; with
    the cross-validation figures at that threshold.

    The confidence that a verdict is right is read from the margin between the two best
    decision values, Platt-scaled on whether the held-out verdicts were right: at 99 %
    precision it routes more documents than the temperature-scaled top score, whose
    wrong verdicts (a hard pair, both types scoring high) look as sure as right ones.
    """
    temperature = fit_decision_temperature(held_out.cases, held_out.truth)
    post_a, post_b = 1.0, 0.0
    if len(held_out.not_post):
        decisions = np.concatenate([held_out.post, held_out.not_post])
        positive = np.concatenate([np.ones(len(held_out.post)), np.zeros(len(held_out.not_post))])
        post_a, post_b = fit_platt(decisions, positive)
    correct = held_out.cases.argmax(axis=1) == held_out.truth
    margin_a, margin_b = fit_platt(margin(held_out.cases), correct)
    confidence = sigmoid(margin_a * margin(held_out.cases) + margin_b)
    flagged = (
        sigmoid(post_a * held_out.post + post_b) < POST_GATE
        if len(held_out.not_post)
        else (np.zeros(len(confidence), dtype=bool))
    )
    # Documents flagged as not post go to review whatever their score: the threshold is
    # about the others.
    routable = ~flagged
    threshold = threshold_for_precision(confidence[routable], correct[routable], precision)
    routed = routable & (confidence >= threshold)
    calibration = Calibration(
        temperature=temperature,
        margin_a=margin_a,
        margin_b=margin_b,
        post_a=post_a,
        post_b=post_b,
        confidences=tuple(round(float(c), 6) for c in confidence[routable]),
        correct=tuple(bool(c) for c in correct[routable]),
    )
    figures = {
        "temperature": temperature,
        "threshold": threshold,
        "precision": precision,
        "accuracy": float(correct.mean()),
        "coverage": float(routed.mean()),
        "precision_routed": float(correct[routed].mean()) if routed.any() else 1.0,
        "post_flagged": float(flagged.mean()),
    }
    if len(held_out.not_post):
        overig = held_out.labels.index("overig") if "overig" in held_out.labels else -1
        np_confidence = sigmoid(margin_a * margin(held_out.not_post_cases) + margin_b)
        caught = (
            (sigmoid(post_a * held_out.not_post + post_b) < POST_GATE)
            | (held_out.not_post_cases.argmax(axis=1) == overig)
            | (np_confidence < threshold)
        )
        figures["not_post_caught"] = float(caught.mean())
    return calibration, figures


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
    precision: float = TARGET_PRECISION,
) -> SpacyClassifier:
    """Train a model from ``spacy.blank("nl")`` and describe it in a manifest (not yet saved).

    The scores are calibrated and, without an explicit ``threshold``, the review
    threshold derived by cross-validation for ``precision`` (:func:`calibrate`);
    other precisions can be asked of the saved model later. Deterministic for a
    seed: the augmentation and the folds are seeded, the solver is exact.
    ``calibrate_scores=False`` (with a threshold) skips the cross-validation, for tests.
    Examples marked ``not_post`` teach the post model and no case type.
    """
    post = [ex for ex in examples if not ex.not_post]
    if not post:
        raise ModelError("the training corpus is empty")
    missing = sorted(set(labels) - {ex.label for ex in post})
    if missing:
        raise ModelError(f"the training corpus has no examples of {', '.join(missing)}")
    unknown = sorted({ex.label for ex in post} - set(labels))
    if unknown:
        raise ModelError(f"the training corpus has unknown case types {', '.join(unknown)}")
    labels = sorted(labels)
    figures: dict[str, Any] = {}
    if calibrate_scores:
        held_out = cross_validate(examples, labels, seed, progress=progress)
        calibration, figures = calibrate(held_out, precision)
    elif threshold is None:
        raise ModelError("a model trained without calibration needs an explicit threshold")
    else:
        calibration = Calibration()
    if progress:
        progress(f"fitting on {len(examples)} documents and their copies as scans would read")
    nlp = spacy.blank("nl")
    component = nlp.add_pipe(FACTORY, config={"c": C})
    assert isinstance(component, LinearTextCat)
    component.fit(examples, seed, calibration)
    if threshold is None:
        threshold = float(figures["threshold"])
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
        metrics={"cross_validation": figures} if figures else {},
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
        stamp = (directory / MANIFEST).stat()
        nlp = _pipeline((directory / PIPELINE_DIR).resolve(), stamp.st_ino, stamp.st_mtime_ns)
    except (OSError, ValueError) as e:
        raise ModelError(f"model {manifest.version} cannot be loaded: {e}") from e
    return SpacyClassifier(nlp, manifest)


@functools.lru_cache(maxsize=3)
def _pipeline(path: Path, inode: int, mtime_ns: int) -> Language:
    """The spaCy pipeline saved at ``path``, loaded once per process.

    A saved model is never changed (:func:`save_model` writes it whole and renames it
    into place; a model saved again at the same path is a new file, another key), and
    classifying only reads the pipeline: a promotion that checks a model and the
    process that then uses it, or a web process showing several versions, need not
    load the same 60 MB again (two to four seconds). The tokenizer is not read from
    disk: the model's is spaCy's Dutch default, which the blank pipeline already
    builds, and the classifier reads the raw text.
    """
    del inode, mtime_ns  # part of the cache key only
    return spacy.load(path, exclude=["tokenizer"])
