"""Labelled corpora: JSON Lines with ``text`` and ``label`` (a case-type code), optional ``id``
and ``not_post`` (``true``: the text is not post to the municipality at all, e.g. a recipe or a
page of a novel; such texts teach the classifier what to send to review, labelled ``overig``)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mailroom.core.errors import ConfigError
from mailroom.core.jsonl import read_jsonl


@dataclass(frozen=True)
class Example:
    """One labelled document."""

    text: str
    label: str
    id: str | None = None
    #: Not post to the municipality (a recipe, a novel, spam...): teaches the post model.
    not_post: bool = False
    #: The corpus file it was read from (one writer's or one writing round's letters).
    source: str | None = None


def read_corpus(path: Path, labels: Iterable[str] | None = None) -> list[Example]:
    """Read one JSONL corpus; a bad line or an unknown label fails with its line number."""
    known = set(labels) if labels is not None else None
    examples: list[Example] = []
    for number, obj in read_jsonl(path):
        try:
            text, label = obj["text"], obj["label"]
        except KeyError as e:
            raise ConfigError(
                f"{path}:{number}: not a corpus line with text and label ({e})"
            ) from e
        if known is not None and label not in known:
            raise ConfigError(f"{path}:{number}: unknown case type {label!r}")
        examples.append(
            Example(str(text), str(label), obj.get("id"), bool(obj.get("not_post")), path.name)
        )
    return examples


def packaged_corpus(name: str = "train") -> list[Path]:
    """The JSONL files of a corpus shipped with mailroom (``train``, ``eval``, ``eval-b``...)."""
    folder = resources.files("mailroom.classifiers") / "corpus" / name
    return sorted(Path(str(f)) for f in folder.iterdir() if f.name.endswith(".jsonl"))


def read_corpora(paths: Sequence[Path], labels: Iterable[str] | None = None) -> list[Example]:
    """Read several corpus files into one list, in order."""
    label_set = list(labels) if labels is not None else None
    return [ex for path in paths for ex in read_corpus(path, label_set)]


def corpus_hash(examples: Sequence[Example]) -> str:
    """A sha256 over texts and labels, to tell which data a model was trained on."""
    h = hashlib.sha256()
    for ex in examples:
        h.update(ex.label.encode())
        h.update(b"\0")
        h.update(ex.text.encode())
        h.update(b"\0")
        if ex.not_post:
            h.update(b"not_post\0")
    return h.hexdigest()
