"""The audit trail: every state change and human action, with who and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from mailroom.context import Mailroom
from mailroom.db.models import Case, Document, Event

#: The actor of what mailroom does by itself.
SYSTEM = "mailroom"


def record(
    session: Session,
    mr: Mailroom,
    action: str,
    *,
    actor: str = SYSTEM,
    document: Document | None = None,
    case: Case | None = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> None:
    """Add an event to the trail, in the caller's transaction, stamped with mailroom's clock."""
    session.add(
        Event(
            at=mr.clock(),
            actor=actor,
            action=action,
            document=document,
            case=case,
            old=old,
            new=new,
        )
    )
