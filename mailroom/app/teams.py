"""The team side: what waits in each queue, taking the next document, marking it done.

The database is the source of truth for a team's work list: a document is
waiting in its team's queue while it is routed there and nobody has taken it,
claimed while someone works on it, and off the list once done (or moved away
by a correction). The broker's queues carry the same documents as messages
for other systems.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, update
from sqlalchemy.orm import selectinload

from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.app.pipeline import DocumentResult
from mailroom.core.config.catalogue import REVIEW_QUEUE
from mailroom.core.db.models import Case, DocState, Document, as_utc
from mailroom.core.db.session import transaction
from mailroom.core.errors import MailroomError, NotFound


class NothingWaiting(NotFound):
    """The queue has no unclaimed documents."""


class NotClaimed(MailroomError):
    """``queue done`` on a document that nobody took."""


def in_queue(name: str) -> ColumnElement[bool]:
    """Documents on the work list of queue ``name`` (a team, or review), not yet done."""
    if name == REVIEW_QUEUE:
        placed = Document.state == DocState.needs_review.value
    else:
        placed = and_(Document.state == DocState.routed.value, Document.team == name)
    return and_(placed, Document.done_at.is_(None))


def _check(mr: Mailroom, name: str) -> None:
    if name not in mr.broker.topology.queues:
        known = ", ".join(mr.broker.topology.queues)
        raise NotFound(f"no queue {name!r}; queues: {known}")


@dataclass(frozen=True)
class QueueRow:
    """One queue: documents waiting and claimed, the oldest waiting, messages in the broker."""

    name: str
    title: str
    waiting: int
    claimed: int
    oldest_received_at: datetime | None
    messages: int | None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        oldest = self.oldest_received_at
        return {**self.__dict__, "oldest_received_at": oldest.isoformat() if oldest else None}


def overview(mr: Mailroom, with_broker: bool = True) -> list[QueueRow]:
    """Every queue with its waiting and claimed documents and the oldest waiting one."""
    titles = {code: team.name for code, team in mr.catalogue.teams.items()}
    titles[REVIEW_QUEUE] = "Review (low confidence, flagged)"
    messages = mr.broker.message_counts() if with_broker else {}
    rows = []
    with mr.sessions() as session:
        for name in mr.broker.topology.queues:
            claimed = Document.claimed_by.is_not(None)
            waiting, taken, oldest = session.execute(
                select(
                    func.count().filter(~claimed),
                    func.count().filter(claimed),
                    func.min(Document.received_at).filter(~claimed),
                ).where(in_queue(name))
            ).one()
            rows.append(
                QueueRow(name, titles[name], waiting, taken, as_utc(oldest), messages.get(name))
            )
    return rows


#: A work list's order: cases in default (an ingebrekestelling) first, then by due date
#: (the soonest first; no due date last), then the oldest letter.
MOST_PRESSING = (
    Case.penalty_from.is_(None),
    Case.due_date.is_(None),
    Case.due_date,
    Document.received_at,
    Document.id,
)


#: The review queue's order: urgent ones first, then the oldest (its case types, and so
#: their due dates, are what review decides).
REVIEW_ORDER = (Case.penalty_from.is_(None), Document.received_at, Document.id)


def work_order(name: str) -> tuple[Any, ...]:
    """The order of queue ``name``'s work list."""
    return REVIEW_ORDER if name == REVIEW_QUEUE else MOST_PRESSING


def documents(mr: Mailroom, name: str) -> list[DocumentResult]:
    """The documents on a queue's work list (waiting and claimed), most pressing first:
    urgent cases, then by due date, then the oldest."""
    _check(mr, name)
    with mr.sessions() as session:
        stmt = (
            select(Document)
            .options(selectinload(Document.case))
            .outerjoin(Case, Document.case_id == Case.id)
            .where(in_queue(name))
            .order_by(*work_order(name))
        )
        return [DocumentResult.of(doc) for doc in session.scalars(stmt)]


@dataclass(frozen=True)
class Taken:
    """A document someone took from a queue: what to work on and where its PDF is."""

    document: DocumentResult
    claimed_by: str
    pdf: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {**self.document.to_json(), "claimed_by": self.claimed_by, "pdf": self.pdf}


def take(mr: Mailroom, name: str, by: str) -> Taken:
    """Claim the most pressing unclaimed document of a queue for ``by`` (the order of
    :func:`documents`).

    The claim is a compare-and-set (``UPDATE ... WHERE claimed_by IS NULL``), so
    two employees taking at once never get the same document.
    """
    _check(mr, name)
    while True:
        with transaction(mr.sessions) as session:
            candidate = session.scalar(
                select(Document.id)
                .outerjoin(Case, Document.case_id == Case.id)
                .where(in_queue(name), Document.claimed_by.is_(None))
                .order_by(*work_order(name))
                .limit(1)
            )
            if candidate is None:
                raise NothingWaiting(f"nothing waiting in {name}")
            claimed = session.scalar(
                update(Document)
                .where(Document.id == candidate, Document.claimed_by.is_(None))
                .values(claimed_by=by, claimed_at=mr.clock())
                .returning(Document.id)
            )
            if claimed is None:
                continue  # someone else was quicker: take the next one
            doc = session.get_one(Document, candidate)
            record(session, mr, "claimed", actor=by, document=doc, new={"queue": name})
            result = DocumentResult.of(doc)
            pdf = doc.archive_path or doc.original_path
        return Taken(result, by, Path(pdf).resolve().as_uri())


def done(mr: Mailroom, document_id: int, by: str) -> DocumentResult:
    """Mark a taken document as done: it leaves its queue's work list."""
    with transaction(mr.sessions) as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise NotFound(f"no document {document_id}")
        if doc.done_at is not None:
            raise NotClaimed(f"document {document_id} was already done by {doc.done_by}")
        if doc.claimed_by is None:
            raise NotClaimed(
                f"document {document_id} was not taken; take it with `mailroom queue take`"
            )
        doc.done_by, doc.done_at = by, mr.clock()
        record(session, mr, "done", actor=by, document=doc, old={"claimed_by": doc.claimed_by})
        return DocumentResult.of(doc)
