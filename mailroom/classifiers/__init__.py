"""The spaCy case-type classifier: corpora, training, versions, prediction."""

from mailroom.classifiers.corpus import Example, packaged_corpus, read_corpora, read_corpus
from mailroom.classifiers.model import (
    Classification,
    Classifier,
    Manifest,
    SpacyClassifier,
    load_model,
    save_model,
    train_model,
)

__all__ = [
    "Classification",
    "Classifier",
    "Example",
    "Manifest",
    "SpacyClassifier",
    "load_model",
    "packaged_corpus",
    "read_corpora",
    "read_corpus",
    "save_model",
    "train_model",
]
