"""The audit trail: every state change and human action, with who and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from mailroom.app.context import Mailroom
from mailroom.core.db.models import Case, Document, Event, as_utc
from mailroom.core.errors import NotFound

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


@dataclass(frozen=True)
class AuditEntry:
    """One event of the trail."""

    at: datetime
    actor: str
    action: str
    document_id: int | None
    case_number: str | None
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {**self.__dict__, "at": self.at.isoformat()}


def trail(
    mr: Mailroom, document_id: int | None = None, case_number: str | None = None, limit: int = 500
) -> list[AuditEntry]:
    """The events of a document, of a case (and its documents), or the latest ones, oldest first."""
    with mr.sessions() as session:
        stmt = select(Event).options(selectinload(Event.case))
        if document_id is not None:
            stmt = stmt.where(Event.document_id == document_id)
        if case_number is not None:
            case = session.scalars(select(Case).where(Case.number == case_number.upper())).first()
            if case is None:
                raise NotFound(f"no case {case_number}; see `mailroom cases list`")
            documents = select(Document.id).where(Document.case_id == case.id)
            stmt = stmt.where(or_(Event.case_id == case.id, Event.document_id.in_(documents)))
        events = list(session.scalars(stmt.order_by(Event.id.desc()).limit(limit)))
        return [
            AuditEntry(
                at=as_utc(e.at),
                actor=e.actor,
                action=e.action,
                document_id=e.document_id,
                case_number=e.case.number if e.case else None,
                old=e.old,
                new=e.new,
            )
            for e in reversed(events)
        ]
