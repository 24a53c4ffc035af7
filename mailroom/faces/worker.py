"""``mailroom worker``: processes that take stage work (OCR, classify, match, route) from the
broker, on any number of machines, against one database.

The face is kombu's :class:`~kombu.mixins.ConsumerMixin` (connection, reconnection
with back-off, consumers) over :func:`mailroom.app.work.do_work`, which holds what
a work message means. A message is acknowledged only after the work committed;
see :mod:`mailroom.app.work` for attempts and the dead-letter queue.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import time
from collections.abc import Callable
from typing import Any

from kombu import Connection, Consumer, Message
from kombu.mixins import ConsumerMixin
from kombu.transport.virtual import Channel

from mailroom.app import acknowledgements
from mailroom.app.context import Mailroom
from mailroom.app.processes import Opener, start_worker_process
from mailroom.app.work import do_work, requeue_stale
from mailroom.core.config.settings import Settings

log = logging.getLogger(__name__)

#: Seconds a message whose work hit a transient error waits before it goes back to the
#: queue, so an outage is not a busy loop of retries.
RETRY_PAUSE = 2.0


class Worker(ConsumerMixin):
    """One worker process's consumer of the work queue."""

    def __init__(self, mr: Mailroom, name: str | None = None) -> None:
        self.mr = mr
        self.name = name or f"{socket.gethostname()}:{id(self):x}"
        self.connection = Connection(mr.broker.url, connect_timeout=5)
        self.handled = 0
        self._idle_exit: float | None = None
        self._last_message = time.monotonic()
        self._next_round = time.monotonic()

    def stop(self, *_: object) -> None:
        """Finish the document in hand, then stop (signal-handler compatible)."""
        self.should_stop = True

    def get_consumers(self, consumer: Callable[..., Consumer], channel: Channel) -> list[Consumer]:
        """One consumer of the work queue, one message at a time: a second one would wait
        behind a long OCR job."""
        queue = self.mr.broker.topology.work(channel)
        queue.declare()
        return [
            consumer(queues=[queue], callbacks=[self.handle], accept=["json"], prefetch_count=1)
        ]

    def handle(self, body: dict[str, Any], message: Message) -> None:
        """Process one work message; acknowledge it once the work is committed."""
        self._last_message = time.monotonic()
        work = do_work(self.mr, int(body["document_id"]))
        if work.outcome.acknowledge:
            message.ack()
            self.handled += work.result is not None
        else:
            time.sleep(RETRY_PAUSE)
            message.requeue()
        self._last_message = time.monotonic()

    def on_iteration(self) -> None:
        """Send the acknowledgements that wait, every ``watch_rescan_seconds``; stop when the
        queue has been empty for ``idle_exit`` seconds (tests, batch runs)."""
        if time.monotonic() >= self._next_round:
            self._next_round = time.monotonic() + self.mr.settings.watch_rescan_seconds
            acknowledgements.send_round(self.mr)
        idle = time.monotonic() - self._last_message
        if self._idle_exit is not None and idle >= self._idle_exit:
            self.should_stop = True

    def on_connection_error(self, exc: Exception, interval: float) -> None:
        """A lost broker is waited for with kombu's back-off; say so once per try."""
        log.warning("broker connection lost (%s); reconnecting in %.0f s", exc, interval)

    def run(self, idle_exit: float | None = None, **kwargs: Any) -> int:  # type: ignore[override]
        """Consume until stopped (or, with ``idle_exit``, until the queue has been empty that
        many seconds). Returns the number of documents handled."""
        before = self.handled
        self._idle_exit = idle_exit
        self._last_message = time.monotonic()
        self.should_stop = False
        try:
            super().run(**kwargs)
        finally:
            self.connection.release()
        return self.handled - before


# --- worker processes -------------------------------------------------------------------


def _worker_process(opener: Opener, settings: Settings, idle_exit: float | None, n: int) -> None:
    mr = start_worker_process(opener, settings, fmt=f"%(asctime)s worker {n}: %(message)s")
    worker = Worker(mr, f"{socket.gethostname()}:{n}")
    signal.signal(signal.SIGTERM, worker.stop)
    signal.signal(signal.SIGINT, worker.stop)
    try:
        worker.run(idle_exit)
    finally:
        mr.close()


def run_workers(
    opener: Opener, settings: Settings, concurrency: int, idle_exit: float | None = None
) -> None:
    """Run ``concurrency`` worker processes until SIGTERM/SIGINT (or until idle); each
    finishes the document in hand before it stops. ``opener``
    (:func:`mailroom.app.api.open_mailroom`) opens the installation in each process."""
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
