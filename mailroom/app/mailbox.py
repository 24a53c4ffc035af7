"""Email from an IMAP mailbox: fetch, take in, commit, and only then move the message.

The order is what makes the guarantees hold, as for the watch folders
(:mod:`mailroom.app.receive`):

1. the message's exact bytes are fetched (``BODY.PEEK[]``: not marked read) and
   written to a spool file named by the folder's UIDVALIDITY and the message's
   UID (``spool/imap/<uidvalidity>-<uid>.eml`` in the data directory: nothing
   from the email decides a file name);
2. :func:`~mailroom.app.receive.take_file` stores it, commits its intake item
   and documents;
3. the message is moved to the processed folder;
4. the intake item is marked disposed and the spool file removed.

Killed before 2, the message is still in the folder and is taken next time.
Killed between 2 and 3 (or 4), the next run fetches the same bytes to the same
spool name, and ``take_file`` recognises the committed, undisposed intake item
(same sha256, same input path): it is only moved, not taken twice. The same
email arriving again by any road (a second copy, the email folder) is recorded
as a duplicate of the first, as ``take_file`` does for files (same content or
same Message-ID).

:class:`MailboxPoller` runs this in a thread of ``mailroom watch``: IDLE where
the server has it, polling otherwise, a server that is away retried with a
growing pause, and its state kept in ``mailbox_state`` for ``mailroom status``.
"""

from __future__ import annotations

import logging
import multiprocessing.util
import os
import signal
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import select

from mailroom.app.context import Mailroom
from mailroom.app.processes import Opener, start_worker_process
from mailroom.app.receive import Taken, take_file
from mailroom.core.children import process_context
from mailroom.core.config.settings import Settings
from mailroom.core.db.models import IntakeItem, MailboxState, as_utc
from mailroom.core.db.session import transaction
from mailroom.core.errors import MailroomError
from mailroom.intake.imap import (
    IDLE_RENEW_SECONDS,
    Mailbox,
    MailboxConfig,
    MailboxUnavailable,
    Message,
    describe_error,
)

log = logging.getLogger("mailroom.mailbox")

#: The first pause after the server was found away, and the longest (seconds).
RETRY_FIRST = 1.0
RETRY_MAX = 300.0
#: A message whose intake failed this often is left in the mailbox for a person.
MAX_FAILURES = 3

#: How a spooled message is taken in: :func:`take_file` here, or in a child process.
Take = Callable[[Path], Taken]


def spool_dir(mr: Mailroom) -> Path:
    """Where fetched messages wait, between fetch and move (in the data directory)."""
    return mr.settings.home / "spool" / "imap"


def spool_message(mr: Mailroom, message: Message) -> Path:
    """Write a fetched message to its spool file (atomically); the name is its place in
    the folder, so fetching it again after a crash gives the same input path."""
    folder = spool_dir(mr)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{message.uidvalidity}-{message.uid}.eml"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(message.data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def take_message(mr: Mailroom, box: Mailbox, message: Message, take: Take | None = None) -> Taken:
    """Take one fetched message in (committed), then move it to the processed folder."""
    path = spool_message(mr, message)
    taken = (take or partial(take_file, mr))(path)
    box.move(message.uid)
    with transaction(mr.sessions) as session:
        session.get_one(IntakeItem, taken.intake_id).disposed_at = mr.clock()
    path.unlink(missing_ok=True)
    return taken


#: When this process started: a spool file still being written was begun after it.
STARTED = time.time()


def remove_unfinished_spool_files(mr: Mailroom) -> int:
    """Remove the spool files a process killed while writing them left (``.part-…``, begun
    before this process started; a message is fetched again by its place in the folder).
    Returns how many were removed."""
    removed = 0
    for path in spool_dir(mr).glob(".part-*"):
        try:
            if path.stat().st_mtime < STARTED:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass  # finished or removed meanwhile
    return removed


def reconcile(mr: Mailroom, box: Mailbox) -> int:
    """Finish what a stop between the move and its record left: an intake item from this
    folder not marked disposed whose message is no longer there was moved; mark it and
    remove its spool file (and the half-written files a kill left). Returns how many
    were finished."""
    folder = spool_dir(mr)
    if folder.is_dir():
        remove_unfinished_spool_files(mr)
    present = set(box.uids())
    done = 0
    with transaction(mr.sessions) as session:
        items = session.scalars(
            select(IntakeItem).where(
                IntakeItem.input_path.startswith(f"{folder}/"), IntakeItem.disposed_at.is_(None)
            )
        ).all()
        for item in items:
            validity, _, uid = Path(item.input_path).stem.partition("-")
            if validity == str(box.uidvalidity) and uid.isdigit() and int(uid) not in present:
                item.disposed_at = mr.clock()
                Path(item.input_path).unlink(missing_ok=True)
                done += 1
    return done


def take_round(
    mr: Mailroom,
    box: Mailbox,
    on_taken: Callable[[Taken], None] | None = None,
    stopping: Callable[[], bool] = lambda: False,
    take: Take | None = None,
    failures: Counter[int] | None = None,
) -> list[Taken]:
    """Take every message now in the folder, oldest first.

    A message whose intake fails (the database away, a crash) stays in the folder for
    the next round and the others go on; counted in ``failures``, one that failed
    :data:`MAX_FAILURES` times is left alone, for a person. Losing the server raises
    :class:`MailboxUnavailable`.
    """
    failures = Counter() if failures is None else failures
    done: list[Taken] = []
    for uid in box.uids():
        if stopping():
            break
        if failures[uid] >= MAX_FAILURES:
            continue
        if _too_large(mr, box, uid):
            failures[uid] = MAX_FAILURES
            continue
        message = box.fetch(uid)
        if message is None:
            continue  # moved away by someone else meanwhile
        try:
            taken = take_message(mr, box, message, take)
        except MailboxUnavailable:
            raise
        except Exception as e:
            failures[uid] += 1
            if failures[uid] >= MAX_FAILURES:
                log.error(
                    "message %s in %s cannot be taken (%s); it is left in the mailbox for a "
                    "person to look at",
                    uid,
                    box.config.url,
                    e,
                )
            else:
                log.warning(
                    "message %s in %s: intake failed (%s); left in the folder, tried again",
                    uid,
                    box.config.url,
                    e,
                    exc_info=not isinstance(e, MailroomError),
                )
            continue
        done.append(taken)
        log.info(
            "%s: message %s taken as intake #%d%s",
            box.config.url,
            uid,
            taken.intake_id,
            " (committed before a stop; now moved)" if taken.resumed else "",
        )
        if on_taken:
            on_taken(taken)
        if mr.settings.imap_pause_seconds:
            time.sleep(mr.settings.imap_pause_seconds)
    return done


def _too_large(mr: Mailroom, box: Mailbox, uid: int) -> bool:
    """A message larger than ``max_input_mb`` is not fetched (it would be held in memory
    whole): it stays in the mailbox for a person, and ``status`` counts it."""
    size = box.size(uid)
    limit = mr.settings.max_input_mb * 2**20
    if size is None or size <= limit:
        return False
    log.error(
        "message %s in %s is %d MB, more than max_input_mb (%d MB); it is left in the "
        "mailbox for a person to look at",
        uid,
        box.config.url,
        size // 2**20,
        mr.settings.max_input_mb,
    )
    return True


def take_mailbox(mr: Mailroom, config: MailboxConfig) -> list[Taken]:
    """Connect once and take everything in the folder (``mailroom watch`` keeps doing this;
    tests and one-off runs call it)."""
    with Mailbox.open(config) as box:
        reconcile(mr, box)
        taken: list[Taken] = []
        while batch := take_round(mr, box):
            taken.extend(batch)
        return taken


# --- intake in a child process ----------------------------------------------------------


class IntakeCrashed(MailroomError):
    """The intake process died on a message (a library crashing on hostile input)."""

    transient = True


_intake_mailroom: Mailroom | None = None


def _start_intake(opener: Opener, settings: Settings) -> None:
    global _intake_mailroom
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the daemon decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _intake_mailroom = start_worker_process(opener, settings)
    multiprocessing.util.Finalize(None, _intake_mailroom.close, exitpriority=10)


def _take_there(path: str) -> Taken:
    assert _intake_mailroom is not None, "intake process not started"
    return take_file(_intake_mailroom, Path(path))


class IntakeProcess:
    """:func:`take_file` in a child process of its own (a :data:`Take`): parsing an email
    and its attachments runs libraries on hostile input, and one that crashes must cost
    the child, not the daemon. The child is started at the first message and again
    after one died."""

    def __init__(self, opener: Opener, settings: Settings) -> None:
        self.opener = opener
        self.settings = settings
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, path: Path) -> Taken:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=process_context(),
                initializer=_start_intake,
                initargs=(self.opener, self.settings),
            )
        try:
            return self._pool.submit(_take_there, str(path)).result()
        except BrokenProcessPool as e:
            self.close()
            raise IntakeCrashed("the intake process died on this message") from e

    def close(self) -> None:
        """Stop the child."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


# --- state, for `mailroom status` ----------------------------------------------------------


def record_state(
    mr: Mailroom,
    mailbox: str,
    error: str | None,
    mode: str | None = None,
    taken: bool = False,
    stuck: int | None = None,
) -> None:
    """Note that the mailbox was reachable (``error`` None) or not, now; and, when given,
    how many messages in it cannot be taken."""
    now = mr.clock()
    reachable = error is None
    with transaction(mr.sessions) as session:
        row = session.get(MailboxState, mailbox)
        if row is None:
            row = MailboxState(
                mailbox=mailbox, reachable=reachable, since=now, checked_at=now, stuck=0
            )
            session.add(row)
        elif row.reachable != reachable:
            row.reachable, row.since = reachable, now
        row.checked_at, row.error = now, error
        if mode:
            row.mode = mode
        if taken:
            row.last_taken_at = now
        if stuck is not None:
            row.stuck = stuck


@dataclass(frozen=True)
class MailboxStatus:
    """What ``mailroom status`` says of a mailbox."""

    mailbox: str
    reachable: bool
    since: datetime
    checked_at: datetime
    error: str | None
    mode: str | None
    last_taken_at: datetime | None
    stuck: int = 0
    #: A state older than this was not refreshed by a running daemon.
    stale_after: timedelta = timedelta(minutes=10)

    def line(self, now: datetime) -> str:
        """``mailbox imaps://host/INBOX: unreachable since 12:03 (connection refused),
        retrying``, or connected, and how."""
        head = f"mailbox {self.mailbox}"
        stale = now - self.checked_at > self.stale_after
        if stale:
            return (
                f"{head}: last checked {_when(self.checked_at, now)} "
                f"({'reachable' if self.reachable else self.error}); is mailroom watch running?"
            )
        if not self.reachable:
            return f"{head}: unreachable since {_when(self.since, now)} ({self.error}), retrying"
        how = "IDLE" if self.mode == "idle" else "polling"
        last = f", last mail taken {_when(self.last_taken_at, now)}" if self.last_taken_at else ""
        stuck = (
            f"; {self.stuck} message(s) cannot be taken, left in the mailbox (see the log)"
            if self.stuck
            else ""
        )
        return f"{head}: connected since {_when(self.since, now)} ({how}){last}{stuck}"


def _when(moment: datetime, now: datetime) -> str:
    local, today = moment.astimezone(), now.astimezone()
    return f"{local:%H:%M}" if local.date() == today.date() else f"{local:%Y-%m-%d %H:%M}"


def mailbox_status(mr: Mailroom) -> list[MailboxStatus]:
    """The mailboxes ``mailroom watch`` reads (or read), as it last found them."""
    # The daemon records at least every imap_poll_seconds.
    stale_after = timedelta(seconds=max(600.0, 2 * mr.settings.imap_poll_seconds + 60))
    with mr.sessions() as session:
        rows = session.scalars(select(MailboxState).order_by(MailboxState.mailbox)).all()
        return [
            MailboxStatus(
                r.mailbox,
                r.reachable,
                as_utc(r.since),
                as_utc(r.checked_at),
                r.error,
                r.mode,
                as_utc(r.last_taken_at),
                r.stuck,
                stale_after,
            )
            for r in rows
        ]


# --- the daemon's thread -------------------------------------------------------------------


class MailboxPoller:
    """A thread of ``mailroom watch`` that keeps taking mail from one mailbox.

    ``on_taken`` is called (in this thread) with each intake committed and moved; the
    daemon hands its documents to its workers.
    """

    def __init__(
        self,
        mr: Mailroom,
        config: MailboxConfig,
        on_taken: Callable[[Taken], None],
        take: Take | None = None,
    ) -> None:
        self.mr = mr
        self.config = config
        self.on_taken = on_taken
        self.take = take
        self.failures: Counter[int] = Counter()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the thread."""
        self._thread = threading.Thread(target=self.run, name="mailbox", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the message in hand (it is taken and moved, or left as it was)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run(self) -> None:
        """Connect, take, wait for news; when the server is away, retry with a growing pause."""
        delay = RETRY_FIRST
        down_since: str | None = None
        while not self._stop.is_set():
            try:
                with Mailbox.open(self.config) as box:
                    mode = "idle" if box.has_idle else "polling"
                    self._record(None, mode)
                    if down_since is not None:
                        log.info("mailbox %s is reachable again", self.config.url)
                    else:
                        log.info("reading mailbox %s (%s)", self.config.url, mode)
                    down_since, delay = None, RETRY_FIRST
                    reconcile(self.mr, box)
                    self._serve(box, mode)
            except MailboxUnavailable as e:
                reason = e.message
            except Exception as e:  # never let the thread die: log and retry
                log.exception("mailbox %s: unexpected error", self.config.url)
                reason = describe_error(e)
            else:
                continue
            if self._stop.is_set():
                break
            self._record(reason)
            if down_since != reason:
                log.warning(
                    "mailbox %s: %s; trying again, at first in %.0f s",
                    self.config.url,
                    reason,
                    delay,
                )
                down_since = reason
            self._stop.wait(delay)
            delay = min(delay * 2, RETRY_MAX)

    def _serve(self, box: Mailbox, mode: str) -> None:
        wait = self.mr.settings.imap_poll_seconds
        if box.has_idle:
            wait = min(wait, IDLE_RENEW_SECONDS)
        while not self._stop.is_set():
            # Until a round finds nothing: IDLE only tells of mail that arrives during it.
            while take_round(
                self.mr, box, self._taken, self._stop.is_set, self.take, self.failures
            ):
                pass
            stuck = sum(1 for uid in box.uids() if self.failures[uid] >= MAX_FAILURES)
            self._record(None, mode, stuck=stuck)
            box.wait(wait, self._stop.is_set)

    def _taken(self, taken: Taken) -> None:
        self._record(None, taken=True)
        self.on_taken(taken)

    def _record(
        self,
        error: str | None,
        mode: str | None = None,
        taken: bool = False,
        stuck: int | None = None,
    ) -> None:
        try:
            record_state(self.mr, self.config.url, error, mode, taken, stuck)
        except Exception as e:  # the database away: the mail itself is safe either way
            log.warning("mailbox %s: cannot record its state: %s", self.config.url, e)
