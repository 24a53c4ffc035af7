"""The watch daemon (``mailroom watch``): folders in, worker processes doing the pipeline,
one log line per document.

The main process watches and hands over; N worker processes take each file
(store, commit, move it out of the folder) and run its documents through the
pipeline. Everything a worker does is resumable, so the daemon needs no
bookkeeping of its own to survive a crash: on start (and after a worker died)
it re-submits every document the database says is unfinished, and the rescan
finds every file still in the folders. An IMAP mailbox, when one is set, is read
by a thread of the main process (:class:`~mailroom.app.mailbox.MailboxPoller`):
it takes each message in (in a child process of its own), moves it, and hands
the documents to the workers.
SIGTERM and SIGINT stop it cleanly: no new work is started and the work in
flight is finished.

It is part of the library, not of the command line, so that ``mailroom watch``
is one call (:func:`watch`) and anything else can run the daemon the same way.
"""

from __future__ import annotations

import logging
import queue
import signal
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.app.mailbox import IntakeProcess, MailboxPoller
from mailroom.app.pipeline import DocumentResult
from mailroom.app.processes import (
    Opener,
    new_pool,
    send_acknowledgements,
    work_on_document,
    work_on_file,
)
from mailroom.app.receive import Taken
from mailroom.app.work import unfinished_documents
from mailroom.core.config.settings import Settings
from mailroom.core.errors import MailroomError
from mailroom.intake.imap import MailboxConfig
from mailroom.intake.watcher import FolderWatcher, StableFiles

log = logging.getLogger("mailroom.watch")

#: Seconds between looks at the folders and at finished work.
TICK = 0.2
#: The daemon's in-flight key of a round of acknowledgements.
ACKNOWLEDGEMENTS = "acknowledgements"


# --- the daemon ---------------------------------------------------------------------------


@dataclass
class Daemon:
    """Watches folders and keeps N worker processes busy with what arrives."""

    settings: Settings
    mailroom: Mailroom
    folders: list[Path]
    workers: int
    #: How worker processes open their installation (``mailroom.app.api.open_mailroom``).
    opener: Opener
    clock: Callable[[], float] = time.monotonic
    on_result: Callable[[DocumentResult], None] | None = None
    _stopping: bool = False
    _in_flight: dict[Future[list[DocumentResult]], str] = field(default_factory=dict)
    _pool: ProcessPoolExecutor | None = None
    _rescan_now: bool = False
    #: The IMAP mailbox read beside the folders (a thread of its own); None: none.
    mailbox: MailboxConfig | None = None
    #: Documents the mailbox thread took in, for the workers.
    _from_mailbox: queue.SimpleQueue[int] = field(default_factory=queue.SimpleQueue)

    def stop(self, *_: object) -> None:
        """Ask the daemon to stop after the work in flight (signal-handler compatible)."""
        if not self._stopping:
            log.info("stopping: finishing %d item(s) in progress", len(self._in_flight))
        self._stopping = True

    def _new_pool(self) -> ProcessPoolExecutor:
        return new_pool(self.opener, self.settings, self.workers)

    def _submit_unfinished(self) -> None:
        assert self._pool is not None
        busy = set(self._in_flight.values())
        for doc_id in unfinished_documents(self.mailroom):
            key = f"document {doc_id}"
            if key not in busy:
                self._in_flight[self._pool.submit(work_on_document, doc_id)] = key

    def run(self) -> None:
        """Watch until stopped."""
        watcher = FolderWatcher(self.folders, polling=self.settings.watch_polling)
        stable = StableFiles(self.settings.watch_stable_seconds, self.clock)
        watcher.start()
        self._pool = self._new_pool()
        log.info("watching %s with %d worker(s)", ", ".join(map(str, self.folders)), self.workers)
        poller = intake = None
        if self.mailbox is not None:
            intake = IntakeProcess(self.opener, self.settings)
            poller = MailboxPoller(self.mailroom, self.mailbox, self._mail_taken, intake)
            poller.start()
        try:
            self._submit_unfinished()
            watcher.rescan()
            next_rescan = self.clock() + self.settings.watch_rescan_seconds
            while not self._stopping:
                if self._rescan_now or self.clock() >= next_rescan:
                    self._rescan_now = False
                    watcher.rescan()
                    self._send_acknowledgements()
                    next_rescan = self.clock() + self.settings.watch_rescan_seconds
                self._look(watcher, stable)
                self._hand_over_mail()
                self._collect()
                time.sleep(TICK)
            if poller is not None:
                poller.stop()
                self._hand_over_mail()
            self._pool.shutdown(wait=True)
            self._collect()
        finally:
            watcher.stop()
            if poller is not None:
                poller.stop(timeout=0)
            if intake is not None:
                intake.close()
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
            log.info("stopped")

    def _mail_taken(self, taken: Taken) -> None:
        # Called in the mailbox thread: the pool belongs to this one.
        for doc_id in taken.document_ids:
            self._from_mailbox.put(doc_id)

    def _hand_over_mail(self) -> None:
        assert self._pool is not None
        busy = set(self._in_flight.values())
        while not self._from_mailbox.empty():
            doc_id = self._from_mailbox.get()
            key = f"document {doc_id}"
            if key not in busy:
                self._in_flight[self._pool.submit(work_on_document, doc_id)] = key
                busy.add(key)

    def _send_acknowledgements(self) -> None:
        """A round of acknowledgements that wait (their mail server was away), in a worker."""
        assert self._pool is not None
        if ACKNOWLEDGEMENTS not in self._in_flight.values():
            self._in_flight[self._pool.submit(send_acknowledgements)] = ACKNOWLEDGEMENTS

    def _look(self, watcher: FolderWatcher, stable: StableFiles) -> None:
        assert self._pool is not None
        busy = set(self._in_flight.values())
        for path in watcher.drain():
            try:
                st = path.stat()
            except OSError:
                stable.forget(path)  # gone: taken, or deleted by someone
                continue
            stable.observe(path, st.st_size, st.st_mtime_ns)
        for path in stable.ready():
            stable.forget(path)
            if str(path) in busy or not path.exists():
                continue
            self._in_flight[self._pool.submit(work_on_file, str(path))] = str(path)

    def _collect(self) -> None:
        for future in [f for f in self._in_flight if f.done()]:
            what = self._in_flight.pop(future)
            try:
                results = future.result()
            except BrokenProcessPool:
                log.error("a worker process died while working on %s; restarting workers", what)
                self._restart_pool()
                return
            except MailroomError as e:
                log.warning("%s: %s (will be retried)", what, e.message)
                continue
            except OSError as e:
                log.warning("%s: %s", what, e)
                continue
            except Exception:
                log.exception("%s: unexpected error", what)
                continue
            for result in results:
                log.info(describe(result))
                if self.on_result:
                    self.on_result(result)

    def _restart_pool(self) -> None:
        assert self._pool is not None
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._in_flight.clear()
        self._pool = self._new_pool()
        if not self._stopping:
            self._submit_unfinished()
        self._rescan_now = True  # files whose worker died are still in the folders


def describe(r: DocumentResult) -> str:
    """One log line for a document's outcome."""
    name = Path(r.file).name + (f" [{r.part}]" if r.part else "")
    if r.state in ("quarantined", "failed", "duplicate"):
        return f"document {r.id} {name}: {r.state}: {r.error}"
    return (
        f"document {r.id} {name}: {r.state} -> {r.queue} "
        f"({r.case_type} {r.confidence or 0:.2f}, {r.case_number} {r.case_match})"
    )


def install_signal_handlers(daemon: Daemon) -> None:
    """SIGTERM and SIGINT stop the daemon cleanly."""
    signal.signal(signal.SIGTERM, daemon.stop)
    signal.signal(signal.SIGINT, daemon.stop)


def watch(
    settings: Settings,
    scanner: Path | None = None,
    email: Path | None = None,
    workers: int | None = None,
    mailbox: bool = True,
) -> None:
    """Watch the scanner and email folders with ``workers`` processes until SIGTERM or SIGINT,
    and, when ``imap_host`` is set and ``mailbox`` is true, the IMAP mailbox too.

    The folders default to the data directory's inboxes and the workers to the
    setting ``watch_workers``, else one per core (see :func:`api.share_cores`).
    """
    imap = MailboxConfig.from_settings(settings) if mailbox else None
    count, settings = api.share_cores(settings, workers)
    mr = api.open_mailroom(settings)
    try:
        daemon = Daemon(
            settings,
            mr,
            [scanner or settings.scanner_inbox, email or settings.email_inbox],
            count,
            opener=api.open_mailroom,
            mailbox=imap,
        )
        install_signal_handlers(daemon)
        daemon.run()
    finally:
        mr.close()
