"""Work handed to worker processes through the broker: what to queue, and what one work
message does.

A message is acknowledged only after the document's stages have committed, so
a worker that dies loses nothing: the broker hands the message to another
worker, and the stages, each a compare-and-set on the document's state, do no
work twice. Every start on a document is counted in the database; a document
whose work was started ``work_max_attempts`` times without finishing (a
worker killed by it each time) fails and its message goes to the dead-letter
queue instead of killing workers forever. On transports that lose unacknowledged
messages with a killed process (the embedded SQLAlchemy one), a starting worker
queues again the documents nobody has touched for ``work_stale_seconds``.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from mailroom.app import pipeline
from mailroom.app.context import Mailroom
from mailroom.app.pipeline import DocumentResult
from mailroom.core.db.models import DocState, Document, unfinished
from mailroom.core.db.session import transaction
from mailroom.core.errors import MailroomError
from mailroom.core.outages import database_outage

log = logging.getLogger(__name__)


def queue_documents(mr: Mailroom, document_ids: list[int]) -> None:
    """Hand documents to the workers instead of processing them here."""
    if document_ids:
        mr.broker.publish_work(document_ids)


def unfinished_documents(mr: Mailroom, idle_for: timedelta | None = None) -> list[int]:
    """Documents the database says are not done (a stage to run, or routed with the
    message still to send), oldest first; with ``idle_for`` only those nobody has
    touched for that long."""
    filing = mr.settings.case_register == "zgw"
    query = select(Document.id).where(unfinished(filing)).order_by(Document.id)
    if idle_for is not None:
        query = query.where(Document.updated_at < mr.clock() - idle_for)
    with mr.sessions() as session:
        return list(session.scalars(query))


def requeue_stale(mr: Mailroom) -> list[int]:
    """Queue again unfinished documents that nobody has worked on for ``work_stale_seconds``,
    and routed ones whose message could not be sent."""
    ids = unfinished_documents(mr, timedelta(seconds=mr.settings.work_stale_seconds))
    queue_documents(mr, ids)
    return ids


def _count_attempt(mr: Mailroom, document_id: int, step: int = 1) -> int | None:
    """Count a start on the document (or take one back); None when it does not exist."""
    with transaction(mr.sessions) as session:
        return session.scalar(
            update(Document)
            .where(Document.id == document_id)
            .values(attempts=Document.attempts + step)
            .returning(Document.attempts)
        )


class Outcome(enum.Enum):
    """What became of one work message: acknowledge it, or give it back to the broker."""

    done = "done"
    unknown = "unknown"
    dead = "dead"
    retry = "retry"

    @property
    def acknowledge(self) -> bool:
        """Whether the message is finished with (everything but a retry)."""
        return self is not Outcome.retry


@dataclass(frozen=True)
class WorkResult:
    """The outcome of one work message, with the document's result when it ran."""

    outcome: Outcome
    result: DocumentResult | None = None
    note: str = ""


def do_work(mr: Mailroom, document_id: int) -> WorkResult:
    """Run a document's remaining stages for a work message: count the attempt, give up
    on a document that has killed its workers too often (dead-letter queue), and leave
    a transient error (the broker, the database or a program away) to be retried."""
    try:
        with database_outage():
            return _work(mr, document_id)
    except MailroomError as e:
        if not e.transient:
            raise
        log.warning("document %s: %s (will be retried)", document_id, e.message)
        return WorkResult(Outcome.retry, note=e.message)


def _work(mr: Mailroom, document_id: int) -> WorkResult:
    attempts = _count_attempt(mr, document_id)
    if attempts is None:
        log.warning("work for unknown document %s dropped", document_id)
        return WorkResult(Outcome.unknown)
    limit = mr.settings.work_max_attempts
    if attempts > limit:
        reason = f"gave up after {limit} attempts that did not finish"
        pipeline.fail(mr, document_id, DocState.failed, "worker", reason)
        mr.broker.publish_work([document_id], dead=True, reason=reason)
        log.error("document %s: %s; moved to the dead-letter queue", document_id, reason)
        return WorkResult(Outcome.dead, note=reason)
    try:
        result = pipeline.process(mr, document_id)
    except MailroomError as e:
        if e.transient:
            _count_attempt(mr, document_id, -1)  # not the document's fault
        raise
    log.info("document %s: %s", document_id, result.state)
    return WorkResult(Outcome.done, result)
