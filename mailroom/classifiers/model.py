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

import spacy
from spacy.language import Language
from spacy.training import Example as SpacyExample
from spacy.util import fix_random_seed, minibatch

from mailroom.classifiers.corpus import Example, corpus_hash
from mailroom.errors import ModelError

MANIFEST = "manifest.json"
PIPELINE_DIR = "pipeline"
FORMAT_VERSION = 1

#: Stock bag-of-words textcat over word uni- and bigrams: fast, and a sound start.
TEXTCAT_CONFIG: dict[str, Any] = {
    "threshold": 0.0,
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 262144,
    },
}


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

    def classify(self, text: str) -> Classification:
        """Score every case type for ``text``."""
        # Trained on lower-cased text, so a letter typed in capitals reads the same.
        cats = self.nlp(text.lower()).cats
        best = max(cats, key=cats.__getitem__)
        return Classification(best, float(cats[best]), {k: float(v) for k, v in cats.items()})


ProgressFn = Callable[[int, int, float], None]


def train_pipeline(
    examples: Sequence[Example],
    labels: Sequence[str],
    seed: int = 1,
    epochs: int = 12,
    progress: ProgressFn | None = None,
) -> Language:
    """Train a textcat pipeline from ``spacy.blank("nl")``; deterministic for a seed.

    ``progress(epoch, epochs, loss)`` is called after each epoch.
    """
    fix_random_seed(seed)
    nlp = spacy.blank("nl")
    textcat = nlp.add_pipe("textcat", config=TEXTCAT_CONFIG)
    for label in labels:
        textcat.add_label(label)
    data = [
        SpacyExample.from_dict(nlp.make_doc(ex.text.lower()), {"cats": _cats(ex.label, labels)})
        for ex in examples
    ]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for epoch in range(1, epochs + 1):
        rng.shuffle(data)
        losses: dict[str, float] = {}
        for batch in minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.1)
        if progress:
            progress(epoch, epochs, losses.get("textcat", 0.0))
    return nlp


def _cats(label: str, labels: Sequence[str]) -> dict[str, float]:
    return {name: 1.0 if name == label else 0.0 for name in labels}


def train_model(
    examples: Sequence[Example],
    labels: Sequence[str],
    version: str,
    trained_by: str,
    threshold: float,
    seed: int = 1,
    progress: ProgressFn | None = None,
) -> SpacyClassifier:
    """Train a model and describe it in a manifest (not yet saved)."""
    if not examples:
        raise ModelError("the training corpus is empty")
    missing = sorted(set(labels) - {ex.label for ex in examples})
    if missing:
        raise ModelError(f"the training corpus has no examples of {', '.join(missing)}")
    nlp = train_pipeline(examples, labels, seed=seed, progress=progress)
    manifest = Manifest(
        version=version,
        labels=list(labels),
        threshold=threshold,
        trained_by=trained_by,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        corpus_sha256=corpus_hash(examples),
        corpus_size=len(examples),
        seed=seed,
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
