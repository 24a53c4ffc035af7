"""What an admin does in the workspace: people and model versions.

Every function checks, on the server, that the person acting is an admin; for anyone
else the admin pages do not exist (:class:`~mailroom.core.errors.NotFound`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from mailroom.app import model_versions, people
from mailroom.app.context import Mailroom
from mailroom.app.people import Person, Role, UserInfo
from mailroom.core.db.models import ModelVersion, TrainingExample
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
class ModelRow(model_versions.VersionInfo):
    """A model version (as ``model list`` shows it) with its figures, for comparing versions
    side by side."""

    #: On the evaluation corpus, when it was evaluated.
    coverage: float | None = None
    precision_routed: float | None = None
    #: Cross-validation on the training corpus.
    cv_coverage: float | None = None
    cv_precision: float | None = None


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
        **vars(model_versions.VersionInfo.of(row)),
        coverage=evaluation.get("coverage"),
        precision_routed=evaluation.get("precision_above"),
        cv_coverage=cv.get("coverage"),
        cv_precision=cv.get("precision_routed"),
    )


def promote(mr: Mailroom, person: Person, version: str) -> None:
    """Make ``version`` the active model."""
    _check(person)
    model_versions.promote(mr, version, by=person.name)


def rollback(mr: Mailroom, person: Person) -> None:
    """Make the model that was active before the last promotion active again."""
    _check(person)
    model_versions.rollback(mr, by=person.name)
