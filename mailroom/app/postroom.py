"""The postroom's view: today's intake, and the quarantine with what can be done about it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from time import sleep
from typing import Any

from sqlalchemy import func, or_, select

from mailroom.app import acknowledgements, pipeline
from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.app.mailbox import mailbox_status
from mailroom.app.pipeline import DocumentResult
from mailroom.app.receive import add_document
from mailroom.core.db.models import (
    AckState,
    DocState,
    Document,
    IntakeItem,
    as_utc,
    awaiting_publish,
)
from mailroom.core.db.session import transaction
from mailroom.core.errors import NotFound
from mailroom.intake.detect import EXTENSIONS, PDF
from mailroom.intake.inspect import to_safe_pdf
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.sources import read_input

NEEDS_A_PERSON = (DocState.quarantined.value, DocState.failed.value)
IN_PROGRESS = (DocState.received.value, DocState.ocr_done.value, DocState.classified.value)
#: The state a document returns to when the stage that failed is tried again.
RESTART_STATE = {
    "ocr": DocState.received,
    "classify": DocState.ocr_done,
    "route": DocState.classified,
}


@dataclass(frozen=True)
class QuarantineEntry:
    """A document that waits for a person: why, and where it came from."""

    id: int
    file: str
    part: str | None
    state: str
    stage: str | None
    reason: str
    received_at: datetime

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        received = as_utc(self.received_at)
        return {**self.__dict__, "received_at": received.isoformat() if received else None}


def _entry(doc: Document) -> QuarantineEntry:
    return QuarantineEntry(
        doc.id,
        doc.source_file,
        doc.part,
        doc.state,
        doc.failed_stage,
        doc.error or "",
        doc.received_at,
    )


def quarantine_list(mr: Mailroom) -> list[QuarantineEntry]:
    """Quarantined and failed documents, oldest first."""
    with mr.sessions() as session:
        docs = session.scalars(
            select(Document).where(Document.state.in_(NEEDS_A_PERSON)).order_by(Document.id)
        )
        return [_entry(d) for d in docs]


def _quarantined(mr: Mailroom, document_id: int) -> Document:
    with mr.sessions() as session:
        doc = session.get(Document, document_id)
        if doc is None or doc.state not in NEEDS_A_PERSON:
            raise NotFound(f"document {document_id} is not in quarantine")
        doc.intake  # noqa: B018 - loaded before the session closes
        return doc


def quarantine_show(mr: Mailroom, document_id: int) -> QuarantineEntry:
    """One quarantined document."""
    return _entry(_quarantined(mr, document_id))


def quarantine_retry(
    mr: Mailroom, document_id: int, by: str, password: str | None = None
) -> list[DocumentResult]:
    """Try a quarantined document again, after a fix (a password, a program installed).

    A file that could not be read at all is read again from its stored original
    and gives new documents; a part that was refused is checked again; a
    document that failed later resumes at the stage that failed.
    """
    doc = _quarantined(mr, document_id)
    intake = doc.intake
    limits = IntakeLimits.from_settings(mr.settings)
    whole_input = intake is not None and doc.failed_stage == "intake" and doc.part is None
    if whole_input:
        assert intake is not None
        path = Path(intake.stored_path)
        contents = read_input(Path(doc.source_file), path.read_bytes(), limits, password)
        with transaction(mr.sessions) as session:
            item = session.get_one(IntakeItem, intake.id)
            new_docs = [add_document(mr, session, item, part) for part in contents.parts]
            for doc_row in new_docs:
                doc_row.reasons = [f"{pipeline.RELEASED} by {by}"]
                record(
                    session,
                    mr,
                    "quarantine_retried",
                    actor=by,
                    document=doc_row,
                    new={"retry_of": document_id},
                )
            session.flush()
            ids = [d.id for d in new_docs]
            old = session.get_one(Document, document_id)
            old.state = DocState.discarded.value
            record(
                session, mr, "quarantine_retried", actor=by, document=old, new={"replaced_by": ids}
            )
        _remove_quarantine_copy(mr, document_id)
        return [pipeline.process(mr, i) for i in ids]
    if doc.failed_stage == "intake":
        data = Path(doc.original_path).read_bytes()
        safe = to_safe_pdf(data, doc.media_type, limits, password)
        stored = mr.store.put_bytes(safe, EXTENSIONS[PDF])
        restart, changes = DocState.received, {"original_path": str(stored.path), "media_type": PDF}
    else:
        restart, changes = RESTART_STATE.get(doc.failed_stage or "", DocState.received), {}
    with transaction(mr.sessions) as session:
        row = session.get_one(Document, document_id)
        old_state = row.state
        for key, value in changes.items():
            setattr(row, key, value)
        row.state, row.error, row.failed_stage = restart.value, None, None
        row.reasons = [*(row.reasons or ()), f"{pipeline.RELEASED} by {by}"]
        record(
            session,
            mr,
            "quarantine_retried",
            actor=by,
            document=row,
            old={"state": old_state},
            new={"state": restart.value},
        )
    _remove_quarantine_copy(mr, document_id)
    return [pipeline.process(mr, document_id)]


def quarantine_discard(mr: Mailroom, document_id: int, by: str, reason: str | None) -> None:
    """Take a document out of quarantine on purpose; the original stays in the store."""
    _quarantined(mr, document_id)
    with transaction(mr.sessions) as session:
        row = session.get_one(Document, document_id)
        old = row.state
        row.state = DocState.discarded.value
        record(
            session,
            mr,
            "quarantine_discarded",
            actor=by,
            document=row,
            old={"state": old},
            new={"state": "discarded", "reason": reason},
        )
    _remove_quarantine_copy(mr, document_id)


def _remove_quarantine_copy(mr: Mailroom, document_id: int) -> None:
    for path in mr.settings.quarantine_dir.glob(f"{document_id}.*"):
        path.unlink(missing_ok=True)


@dataclass(frozen=True)
class ChannelStatus:
    """Today's numbers for one channel (paper or email)."""

    channel: str
    inputs: int = 0
    documents: int = 0
    processed: int = 0
    in_progress: int = 0
    in_review: int = 0
    quarantined: int = 0
    failed: int = 0
    duplicates: int = 0
    discarded: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    #: Routed but not yet filed in the zaaksysteem (it was away): filed when it is back.
    unfiled: int = 0
    #: Acknowledgements of receipt not sent yet (waiting for a try, or for settings), those
    #: that failed for good (a person sends them), and what stops them, when settings do.
    acks_waiting: int = 0
    acks_failed: int = 0
    acks_blocked: str | None = None
    #: The IMAP mailboxes this channel reads, as ``mailroom watch`` last found them (email).
    mailboxes: list[str] = field(default_factory=list)


def start_of_today(now: datetime) -> datetime:
    """Local midnight of ``now``'s day, as an aware datetime."""
    local = now.astimezone()
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)


def status(mr: Mailroom, since: datetime | None = None) -> list[ChannelStatus]:
    """Today's intake per channel: received, processed, in progress, review, quarantine."""
    since = since or start_of_today(mr.clock())
    with mr.sessions() as session:
        inputs = dict(
            session.execute(
                select(IntakeItem.channel, func.count())
                .where(IntakeItem.received_at >= since)
                .group_by(IntakeItem.channel)
            ).all()
        )
        docs = session.execute(
            select(
                Document.channel,
                Document.state,
                Document.published_at,
                Document.error,
                Document.filed_at,
                Document.case_id,
            ).where(or_(Document.received_at >= since, Document.state.in_(IN_PROGRESS)))
        ).all()
    result = []
    filing = mr.settings.case_register == "zgw"
    acks = acknowledgements.unsent_by_channel(mr)
    now = mr.clock()
    boxes = [box.line(now) for box in mailbox_status(mr)]
    for channel in ("paper", "email"):
        counts: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        rows = [r for r in docs if r.channel == channel]
        for row in rows:
            unpublished = awaiting_publish(row.state, row.published_at)
            counts["in_progress" if unpublished else row.state] += 1
            if row.state in NEEDS_A_PERSON:
                reasons[row.error or "?"] += 1
            if filing and row.state == "routed" and row.filed_at is None and row.case_id:
                counts["unfiled"] += 1
        result.append(
            ChannelStatus(
                channel=channel,
                inputs=inputs.get(channel, 0),
                documents=len(rows),
                processed=counts["routed"],
                in_progress=counts["in_progress"] + sum(counts[s] for s in IN_PROGRESS),
                in_review=counts["needs_review"],
                quarantined=counts["quarantined"],
                failed=counts["failed"],
                duplicates=counts["duplicate"],
                discarded=counts["discarded"],
                reasons=dict(reasons.most_common()),
                unfiled=counts["unfiled"],
                acks_waiting=acks.get((channel, AckState.pending.value), 0)
                + acks.get((channel, AckState.sending.value), 0),
                acks_failed=acks.get((channel, AckState.failed.value), 0),
                acks_blocked=acknowledgements.not_ready(mr, channel),
                mailboxes=boxes if channel == "email" else [],
            )
        )
    return result


def status_updates(
    mr: Mailroom, follow: bool = False, interval: float = 2.0
) -> Iterator[list[ChannelStatus]]:
    """Today's :func:`status`; with ``follow``, again every ``interval`` seconds for as
    long as documents are in progress (the last one yielded has none)."""
    while True:
        rows = status(mr)
        yield rows
        if not follow or not any(r.in_progress for r in rows):
            return
        sleep(interval)


def needs_a_person(rows: list[ChannelStatus]) -> list[tuple[str, int]]:
    """The reasons documents wait for a person over all channels, the most frequent first."""
    reasons = Counter[str]()
    for r in rows:
        reasons.update(r.reasons)
    return reasons.most_common()
