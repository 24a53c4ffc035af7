"""What an admin does in the workspace: people and model versions.

Every function checks, on the server, that the person acting is an admin; for anyone
else the admin pages do not exist (:class:`~mailroom.core.errors.NotFound`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from mailroom.app import model_versions, people
from mailroom.app.context import Mailroom
from mailroom.app.people import Person, Role, UserInfo
from mailroom.core.db.models import ModelVersion, TrainingExample, as_utc
from mailroom.core.errors import NotFound


def _check(person: Person) -> None:
    if not person.is_admin:
        raise NotFound("no admin pages")


def users(mr: Mailroom, person: Person) -> list[UserInfo]:
    """Every user, by name."""
    _check(person)
    return people.list_users(mr)


def add_user(
    mr: Mailroom, person: Person, name: str, role: Role, teams: tuple[str, ...], password: str
) -> UserInfo:
    """Add a person (recorded as done by the admin)."""
    _check(person)
    return people.add_user(mr, name, role, teams, password, by=person.name)


def disable_user(mr: Mailroom, person: Person, name: str) -> UserInfo:
    """Stop a person from logging in."""
    _check(person)
    return people.disable_user(mr, name, by=person.name)


@dataclass(frozen=True)
class ModelRow:
    """A model version with its figures, for comparing versions side by side."""

    version: str
    created_at: datetime
    trained_by: str
    active: bool
    threshold: float
    corpus_size: int
    #: On the evaluation corpus, when it was evaluated.
    macro_f1: float | None
    coverage: float | None
    precision_routed: float | None
    #: Cross-validation on the training corpus.
    cv_coverage: float | None
    cv_precision: float | None


@dataclass(frozen=True)
class ModelsOverview:
    """Every model version, and how many corrections came in since the active one."""

    rows: list[ModelRow]
    corrections_since_active: int


def models(mr: Mailroom, person: Person) -> ModelsOverview:
    """Model versions, oldest first, with their figures side by side."""
    _check(person)
    with mr.sessions() as session:
        versions = list(session.scalars(select(ModelVersion).order_by(ModelVersion.id)))
        active = next((v for v in versions if v.active), None)
        since = select(func.count()).select_from(TrainingExample)
        if active is not None:
            since = since.where(TrainingExample.created_at > active.created_at)
        corrections = int(session.scalar(since) or 0)
    return ModelsOverview([_model_row(v) for v in versions], corrections)


def _model_row(row: ModelVersion) -> ModelRow:
    metrics = row.metrics or {}
    evaluation = metrics.get("evaluation") or {}
    cv = metrics.get("cross_validation") or {}
    return ModelRow(
        row.version,
        as_utc(row.created_at),
        row.trained_by,
        row.active,
        row.threshold,
        int(metrics.get("corpus_size", 0)),
        evaluation.get("macro_f1"),
        evaluation.get("coverage"),
        evaluation.get("precision_above"),
        cv.get("coverage"),
        cv.get("precision_routed"),
    )


def promote(mr: Mailroom, person: Person, version: str) -> None:
    """Make ``version`` the active model."""
    _check(person)
    model_versions.promote(mr, version, by=person.name)


def rollback(mr: Mailroom, person: Person) -> None:
    """Make the model that was active before the last promotion active again."""
    _check(person)
    model_versions.rollback(mr, by=person.name)
