"""``mailroom worker``: processes that take stage work (OCR, classify, match, route) from the
broker, on any number of machines, against one database.

A message is acknowledged only after the document's stages have committed, so
a worker that dies loses nothing: the broker hands the message to another
worker, and the stages, each a compare-and-set on the document's state, do no
work twice. Every start on a document is counted in the database; a document
whose work was started ``work_max_attempts`` times without finishing (a
worker killed by it each time) fails and its message goes to the dead-letter
queue instead of killing workers forever. On transports that lose unacknowledged
messages with a killed process (the embedded SQLAlchemy one), a starting worker
queues again the documents nobody has touched for ``stale_after`` seconds.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from kombu import Connection, Message
from kombu.exceptions import KombuError, OperationalError
from sqlalchemy import and_, or_, select, update

from mailroom import pipeline
from mailroom.children import die_with_parent
from mailroom.config.settings import Settings
from mailroom.context import Mailroom
from mailroom.db.models import FINAL_STATES, DocState, Document
from mailroom.db.session import transaction
from mailroom.errors import MailroomError
from mailroom.logs import configure_logging

log = logging.getLogger(__name__)


def queue_documents(mr: Mailroom, document_ids: list[int]) -> None:
    """Hand documents to the workers instead of processing them here."""
    if document_ids:
        mr.broker.publish_work(document_ids)


def requeue_stale(mr: Mailroom) -> list[int]:
    """Queue again unfinished documents that nobody has worked on for ``work_stale_seconds``,
    and routed ones whose message could not be sent."""
    cutoff = mr.clock() - timedelta(seconds=mr.settings.work_stale_seconds)
    unfinished = [s.value for s in DocState if s not in FINAL_STATES]
    placed = [DocState.routed.value, DocState.needs_review.value]
    with mr.sessions() as session:
        ids = list(
            session.scalars(
                select(Document.id)
                .where(
                    or_(
                        Document.state.in_(unfinished),
                        # Routed while the broker was away: its message is still to be sent.
                        and_(Document.state.in_(placed), Document.published_at.is_(None)),
                    ),
                    Document.updated_at < cutoff,
                )
                .order_by(Document.id)
            )
        )
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


class Worker:
    """One worker process's consumer of the work queue."""

    def __init__(self, mr: Mailroom, name: str | None = None) -> None:
        self.mr = mr
        self.name = name or f"{socket.gethostname()}:{id(self):x}"
        self.stopping = False
        self.handled = 0

    def stop(self, *_: object) -> None:
        """Finish the document in hand, then stop."""
        self.stopping = True

    def handle(self, body: dict[str, Any], message: Message) -> None:
        """Process one work message; acknowledge it once the work is committed."""
        document_id = int(body["document_id"])
        attempts = _count_attempt(self.mr, document_id)
        if attempts is None:
            log.warning("work for unknown document %s dropped", document_id)
            message.ack()
            return
        limit = self.mr.settings.work_max_attempts
        if attempts > limit:
            reason = f"gave up after {limit} attempts that did not finish"
            pipeline.fail(self.mr, document_id, DocState.failed, "worker", reason)
            self.mr.broker.publish_work([document_id], dead=True, reason=reason)
            message.ack()
            log.error("document %s: %s; moved to the dead-letter queue", document_id, reason)
            return
        try:
            result = pipeline.process(self.mr, document_id)
        except MailroomError as e:  # transient: the broker or a program is away
            log.warning("document %s: %s (will be retried)", document_id, e.message)
            _count_attempt(self.mr, document_id, -1)  # not the document's fault
            time.sleep(2)
            message.requeue()
            return
        message.ack()
        self.handled += 1
        log.info("document %s: %s", document_id, result.state)

    def run(self, idle_exit: float | None = None) -> int:
        """Consume until stopped (or, with ``idle_exit``, until the queue has been empty that
        many seconds). Returns the number of documents handled. A lost broker connection
        is waited for and resumed."""
        before = self.handled
        while not self.stopping:
            try:
                if self._consume(idle_exit):
                    break
            except (KombuError, OSError, OperationalError) as e:
                log.warning("broker connection lost (%s); reconnecting in 2 s", e)
                time.sleep(2)
        return self.handled - before

    def _consume(self, idle_exit: float | None) -> bool:
        """One connection's consuming; True when idle long enough to exit."""
        last_message = time.monotonic()
        with Connection(self.mr.broker.url, connect_timeout=5) as conn:
            queue = self.mr.broker.topology.work(conn.channel())
            queue.declare()
            # One message at a time: a second one would wait behind a long OCR job.
            consumer = conn.Consumer(
                queue, callbacks=[self.handle], accept=["json"], prefetch_count=1
            )
            with consumer:
                while not self.stopping:
                    try:
                        conn.drain_events(timeout=1)
                        last_message = time.monotonic()
                    except TimeoutError:
                        if idle_exit is not None and time.monotonic() - last_message >= idle_exit:
                            return True
        return False


# --- worker processes -------------------------------------------------------------------


def _worker_process(
    opener: Callable[[Settings], Mailroom], settings: Settings, idle_exit: float | None, number: int
) -> None:
    die_with_parent()
    configure_logging(
        logging.INFO, settings.log_path, fmt=f"%(asctime)s worker {number}: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    mr = opener(settings)
    worker = Worker(mr, f"{socket.gethostname()}:{number}")
    signal.signal(signal.SIGTERM, worker.stop)
    signal.signal(signal.SIGINT, worker.stop)
    try:
        worker.run(idle_exit)
    finally:
        mr.close()


def run_workers(
    opener: Callable[[Settings], Mailroom],
    settings: Settings,
    concurrency: int,
    idle_exit: float | None = None,
) -> None:
    """Run ``concurrency`` worker processes until SIGTERM/SIGINT (or until idle); each
    finishes the document in hand before it stops. ``opener`` (``mailroom.api.open_mailroom``)
    opens the installation in each process: passed in, because the api module queues
    documents through this one."""
    mr = opener(settings)
    try:
        requeued = requeue_stale(mr)
        if requeued:
            log.info("queued %d unfinished document(s) again", len(requeued))
    finally:
        mr.close()
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_worker_process, args=(opener, settings, idle_exit, n), daemon=False)
        for n in range(1, concurrency + 1)
    ]
    for process in processes:
        process.start()

    def stop(*_: object) -> None:
        for process in processes:
            if process.is_alive() and process.pid:
                os.kill(process.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for process in processes:
        process.join()
