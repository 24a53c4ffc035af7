"""The database: models, sessions and Alembic migrations."""

from mailroom.core.db.models import (
    Base,
    Case,
    CaseStatus,
    Counter,
    DocState,
    Document,
    Event,
    ModelVersion,
)
from mailroom.core.db.session import (
    check_schema,
    make_engine,
    session_factory,
    transaction,
    upgrade,
)

__all__ = [
    "Base",
    "Case",
    "CaseStatus",
    "Counter",
    "DocState",
    "Document",
    "Event",
    "ModelVersion",
    "check_schema",
    "make_engine",
    "session_factory",
    "transaction",
    "upgrade",
]
