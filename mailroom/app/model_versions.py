"""Model versions: train a candidate, compare it with the active model, promote, roll back.

Each trained model is a directory under ``<home>/models/<version>`` with its
manifest (who trained it, when, on which corpora, with what threshold and
figures) and a row in ``model_versions``; exactly one row is active. The
audit trail records every training, promotion and rollback, and rollback
follows it: it undoes the promotion that made the current model active.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailroom.app.audit import record
from mailroom.app.context import Mailroom, review_threshold
from mailroom.classifiers.corpus import (
    Example,
    corpus_hash,
    packaged_corpus,
    read_corpora,
    read_corpus,
)
from mailroom.classifiers.evaluate import Evaluation, as_scans, evaluate
from mailroom.classifiers.examples import corrected_examples
from mailroom.classifiers.model import (
    CorpusPart,
    ProgressFn,
    SpacyClassifier,
    load_model,
    save_model,
    train_model,
)
from mailroom.core.db.models import Event, ModelVersion, as_utc
from mailroom.core.db.session import transaction
from mailroom.core.errors import ModelError, NotFound

PROMOTED = "model_activated"
ROLLED_BACK = "model_rolled_back"
TRAINED = "model_trained"


@dataclass(frozen=True)
class VersionInfo:
    """One trained model, as ``model list`` shows it."""

    version: str
    created_at: datetime
    trained_by: str
    active: bool
    threshold: float
    corpus_size: int
    macro_f1: float | None
    path: str

    @classmethod
    def of(cls, row: ModelVersion) -> VersionInfo:
        """From a ``model_versions`` row."""
        metrics = row.metrics or {}
        return cls(
            version=row.version,
            created_at=as_utc(row.created_at),
            trained_by=row.trained_by,
            active=row.active,
            threshold=row.threshold,
            corpus_size=int(metrics.get("corpus_size", 0)),
            macro_f1=(metrics.get("evaluation") or {}).get("macro_f1"),
            path=row.path,
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = dataclasses.asdict(self)
        data["created_at"] = self.created_at.isoformat()
        return data


@dataclass(frozen=True)
class TrainReport:
    """A trained candidate and how it compares with the active model on the same corpus."""

    candidate: VersionInfo
    evaluation: Evaluation
    active: Evaluation | None
    sources: list[CorpusPart]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "candidate": self.candidate.to_json(),
            "trained_on": [dataclasses.asdict(s) for s in self.sources],
            "evaluation": self.evaluation.to_json(),
            "active": self.active.to_json() if self.active else None,
        }


def _active_row(session: Session) -> ModelVersion | None:
    return session.scalars(select(ModelVersion).where(ModelVersion.active.is_(True))).first()


def _row(session: Session, version: str) -> ModelVersion:
    row = session.scalars(select(ModelVersion).where(ModelVersion.version == version)).first()
    if row is None:
        raise NotFound(f"no model version {version!r}; see `mailroom model list`")
    return row


def list_versions(mr: Mailroom) -> list[VersionInfo]:
    """Every trained model, oldest first."""
    with mr.sessions() as session:
        rows = session.scalars(select(ModelVersion).order_by(ModelVersion.id))
        return [VersionInfo.of(row) for row in rows]


def _next_version(mr: Mailroom) -> str:
    """``v<N>``: one more than the highest number in use (rows or directories)."""
    with mr.sessions() as session:
        names = list(session.scalars(select(ModelVersion.version)))
    if mr.settings.models_dir.is_dir():
        names += [p.name.lstrip(".").split("-")[0] for p in mr.settings.models_dir.iterdir()]
    numbers = [int(n[1:]) for n in names if n.startswith("v") and n[1:].isdigit()]
    return f"v{max(numbers, default=0) + 1}"


def training_examples(
    mr: Mailroom, corpus: Sequence[Path] = (), with_corrections: bool = False
) -> tuple[list[Example], list[CorpusPart]]:
    """The training documents (corpus files, default the packaged training corpus, plus the
    employees' corrections if asked) and what the manifest records of each source."""
    labels = mr.catalogue.labels
    files = list(corpus) or packaged_corpus("train")
    examples: list[Example] = []
    sources: list[CorpusPart] = []
    for path in files:
        part = read_corpus(path, labels)
        examples += part
        sources.append(CorpusPart(path.name, corpus_hash(part), len(part)))
    if with_corrections:
        with mr.sessions() as session:
            corrected = corrected_examples(session, labels)
        examples += corrected
        sources.append(CorpusPart("corrections", corpus_hash(corrected), len(corrected)))
    return examples, sources


def train_candidate(
    mr: Mailroom,
    by: str,
    corpus: Sequence[Path] = (),
    with_corrections: bool = False,
    eval_corpus: Sequence[Path] = (),
    progress: ProgressFn | None = None,
) -> TrainReport:
    """Train a new model version, evaluate it beside the active one, keep it inactive.

    The evaluation corpus defaults to the packaged one, which no model is
    trained on; training on it anyway is refused, since its figures would lie.
    """
    labels = mr.catalogue.labels
    examples, sources = training_examples(mr, corpus, with_corrections)
    eval_files = list(eval_corpus) or packaged_corpus("eval")
    held_out = read_corpora(eval_files, labels)
    overlap = {ex.text for ex in examples} & {ex.text for ex in held_out}
    if overlap:
        raise ModelError(
            f"{len(overlap)} evaluation documents are also in the training data; "
            "the comparison would flatter the candidate"
        )
    version = _next_version(mr)
    model = train_model(
        examples,
        labels,
        version,
        by,
        mr.settings.review_threshold,  # None: derived by cross-validation
        seed=mr.settings.train_seed,
        progress=progress,
        sources=sources,
        precision=mr.settings.review_precision,
    )
    if progress:
        progress(f"evaluating {version} on {len(held_out)} documents")
    evaluation = evaluate(model, held_out, review_threshold(mr.settings, model))
    manifest = dataclasses.replace(
        model.manifest, metrics={**model.manifest.metrics, "evaluation": _summary(evaluation)}
    )
    model = SpacyClassifier(model.nlp, manifest)
    path = save_model(model, mr.settings.models_dir / version)
    row = register_model(mr, path, by, activate=False)
    active = _active_model(mr)
    return TrainReport(
        candidate=row,
        evaluation=evaluation,
        active=(
            evaluate(active, held_out, review_threshold(mr.settings, active))
            if active is not None
            else None
        ),
        sources=sources,
    )


def _summary(evaluation: Evaluation) -> dict[str, Any]:
    """The headline figures kept with a model (the full evaluation is reproducible)."""
    return {
        "corpus_size": evaluation.size,
        "macro_f1": evaluation.macro_f1,
        "accuracy": evaluation.accuracy,
        "threshold": evaluation.threshold,
        "coverage": evaluation.coverage,
        "precision_above": evaluation.precision_above,
    }


def _active_model(mr: Mailroom) -> SpacyClassifier | None:
    with mr.sessions() as session:
        row = _active_row(session)
        path = row.path if row is not None else None
    return load_model(Path(path), mr.catalogue.labels) if path else None


def register_model(mr: Mailroom, directory: Path, by: str, activate: bool = True) -> VersionInfo:
    """Record a saved model as a version; make it the active one if ``activate``."""
    model = load_model(directory, mr.catalogue.labels)
    manifest = model.manifest
    with transaction(mr.sessions) as session:
        row = ModelVersion(
            version=manifest.version,
            created_at=mr.clock(),
            trained_by=manifest.trained_by,
            path=str(directory),
            threshold=manifest.threshold,
            active=False,
            metrics={"corpus_size": manifest.corpus_size, **manifest.metrics},
        )
        session.add(row)
        record(
            session,
            mr,
            TRAINED,
            actor=by,
            new={
                "version": manifest.version,
                "corpus_sha256": manifest.corpus_sha256,
                "corpus_size": manifest.corpus_size,
            },
        )
        if activate:
            _activate(session, mr, row, by, PROMOTED)
        info = VersionInfo.of(row)
    if activate:
        mr.use_model(model)
    return info


def _activate(session: Session, mr: Mailroom, row: ModelVersion, by: str, action: str) -> None:
    current = _active_row(session)
    if current is not None:
        current.active = False
    row.active = True
    record(
        session,
        mr,
        action,
        actor=by,
        old={"version": current.version} if current is not None else None,
        new={"version": row.version},
    )


def promote(mr: Mailroom, version: str, by: str) -> VersionInfo:
    """Make ``version`` the active model; running daemons pick it up at their next document."""
    with transaction(mr.sessions) as session:
        row = _row(session, version)
        if row.active:
            raise ModelError(f"model {version} is already the active one")
        load_model(Path(row.path), mr.catalogue.labels)  # refuse a broken model before it is live
        _activate(session, mr, row, by, PROMOTED)
        return VersionInfo.of(row)


def rollback(mr: Mailroom, by: str) -> VersionInfo:
    """Undo the promotion that made the current model active: its predecessor is active again.

    Repeated rollbacks walk further back through the promotions.
    """
    with transaction(mr.sessions) as session:
        current = _active_row(session)
        if current is None:
            raise NotFound("no model is active")
        promotions = session.scalars(
            select(Event).where(Event.action == PROMOTED).order_by(Event.id.desc())
        )
        previous = next(
            (
                (e.old or {}).get("version")
                for e in promotions
                if (e.new or {}).get("version") == current.version
            ),
            None,
        )
        if previous is None:
            raise NotFound(f"model {current.version} was not promoted over another one")
        row = _row(session, previous)
        _activate(session, mr, row, by, ROLLED_BACK)
        return VersionInfo.of(row)


def train_and_activate(mr: Mailroom, by: str, progress: ProgressFn | None = None) -> VersionInfo:
    """Train the first model on the packaged corpus and make it active (``mailroom init``)."""
    report = train_candidate(mr, by, progress=progress)
    return promote(mr, report.candidate.version, by)


def evaluate_version(
    mr: Mailroom, version: str | None = None, corpus: Sequence[Path] = (), scans: bool = False
) -> Evaluation:
    """Evaluate a model version (default: the active one) on corpus files (default: the
    packaged evaluation corpus, which no model is trained on), at the review threshold
    routing uses; with ``scans``, on the texts as a poor scan would read them."""
    labels = mr.catalogue.labels
    examples = read_corpora(list(corpus) or packaged_corpus("eval"), labels)
    with mr.sessions() as session:
        row = _active_row(session) if version is None else _row(session, version)
        if row is None:
            raise NotFound("no model is active; train one with `mailroom model train`")
        path = row.path
    model = load_model(Path(path), labels)
    if scans:
        examples = as_scans(examples)
    threshold = review_threshold(mr.settings, model)
    return evaluate(model, examples, threshold, read_as="scan" if scans else "text")
