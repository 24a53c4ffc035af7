"""The running installation: settings and the collaborators every stage is handed.

Built once at the entry point (:func:`mailroom.app.api.open_mailroom`). Tests hand
in their own collaborators (a crashing OCR engine, a fixed clock) through the
constructor instead of patching.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from mailroom.classifiers.model import Classifier, SpacyClassifier, load_model
from mailroom.core.config.catalogue import Catalogue
from mailroom.core.config.settings import Settings
from mailroom.core.db.models import ModelVersion
from mailroom.core.errors import NotInitialised
from mailroom.intake.store import ContentStore
from mailroom.ocr.engine import OcrEngine
from mailroom.routing.broker import Broker, Publisher

#: Review threshold of a classifier that does not carry its own.
DEFAULT_THRESHOLD = 0.5


def review_threshold(settings: Settings, classifier: Classifier) -> float:
    """The confidence below which ``classifier``'s verdicts go to review: the
    ``review_threshold`` setting, else where the model's cross-validation reached
    ``review_precision`` (a stand-in classifier without one: 0.5)."""
    if settings.review_threshold is not None:
        return settings.review_threshold
    threshold_for = getattr(classifier, "threshold_for", None)
    return float(threshold_for(settings.review_precision)) if threshold_for else DEFAULT_THRESHOLD


def utc_now() -> datetime:
    """The default clock."""
    return datetime.now(UTC)


@dataclass
class Mailroom:
    """Settings, catalogue, database, store, OCR engine, classifier and broker."""

    settings: Settings
    catalogue: Catalogue
    engine: Engine
    sessions: sessionmaker[Session]
    store: ContentStore
    ocr_engine: OcrEngine
    broker: Broker
    publisher: Publisher
    clock: Callable[[], datetime] = utc_now
    _model: SpacyClassifier | None = field(default=None, repr=False)
    #: What application modules keep per process (the zaaksysteem connection, say).
    extensions: dict[str, object] = field(default_factory=dict, repr=False)
    #: Called by :meth:`close` (connections those modules opened).
    on_close: list[Callable[[], None]] = field(default_factory=list, repr=False)
    _classifier: Classifier | None = field(default=None, repr=False)

    def classifier(self) -> Classifier:
        """The active classifier model.

        Which version is active is looked up on every call (one small query), so
        a promotion or rollback reaches running daemons at their next document.
        """
        if self._classifier is not None:
            return self._classifier
        with self.sessions() as session:
            active = session.execute(
                select(ModelVersion.version, ModelVersion.path).where(ModelVersion.active.is_(True))
            ).first()
        if active is None:
            raise NotInitialised("no classifier model is active")
        if self._model is None or self._model.manifest.version != active.version:
            self._model = load_model(Path(active.path), self.catalogue.labels)
        return self._model

    def review_threshold(self) -> float:
        """The confidence below which a document goes to review: the ``review_threshold``
        setting, else where the active model reaches ``review_precision``."""
        return review_threshold(self.settings, self.classifier())

    def use_classifier(self, classifier: Classifier) -> None:
        """Use this classifier instead of the active model (a test's stand-in)."""
        self._classifier = classifier

    def use_model(self, model: SpacyClassifier) -> None:
        """Keep an already loaded model, saving a reload when it is the active one."""
        self._model = model

    def close(self) -> None:
        """Release the OCR child process, broker and database connections."""
        close = getattr(self.ocr_engine, "close", None)
        if close:
            close()
        for release in self.on_close:
            release()
        self.on_close.clear()
        self.extensions.clear()
        self.broker.close()
        self.engine.dispose()
