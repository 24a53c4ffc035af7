"""Taking an input file in: the edge of the intake stage.

The order is what makes "nothing lost" true: the input's bytes are stored
(content-addressed) and its intake item and documents are committed in one
transaction; only then may the input file leave the watch folder. A crash
before the commit leaves the file where it was, to be taken again; a crash
after it is recognised on restart (same content, same path, not yet moved
away) and the intake is resumed instead of recorded twice.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.core.db.models import DocState, Document, IntakeItem
from mailroom.core.db.session import transaction
from mailroom.core.errors import InputRejected
from mailroom.core.records import Channel
from mailroom.intake.detect import EXTENSIONS
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.office import OFFICE_TYPES
from mailroom.intake.records import InputContents, IntakePart
from mailroom.intake.sources import read_input, stored_as

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Taken:
    """What became of one input file at intake."""

    intake_id: int
    document_ids: tuple[int, ...]
    #: True when this input had been taken before a crash and was only finished now.
    resumed: bool = False


def take_file(mr: Mailroom, path: Path, dispose: bool = False) -> Taken:
    """Store an input file, commit its intake item and documents, then (optionally) dispose of it.

    ``dispose`` moves the file to the processed area or deletes it (setting
    ``after_intake``); the watch daemon does that, ``mailroom ingest`` does not.
    """
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    with mr.sessions() as session:
        earlier = session.scalars(
            select(IntakeItem).where(IntakeItem.sha256 == sha256).order_by(IntakeItem.id)
        ).all()
        unfinished = next(
            (i for i in earlier if i.input_path == str(path) and i.disposed_at is None), None
        )
        if unfinished is not None:
            taken = Taken(unfinished.id, tuple(d.id for d in unfinished.documents), resumed=True)
        else:
            taken = None
    if taken is None:
        taken = _take_new(mr, path, data, sha256, earlier[0].id if earlier else None)
    if dispose:
        dispose_input(mr, taken.intake_id, path)
    return taken


def _take_new(mr: Mailroom, path: Path, data: bytes, sha256: str, first: int | None) -> Taken:
    kept = stored_as(data)
    channel = kept.channel
    stored = mr.store.put_bytes(data, kept.suffix)
    contents: InputContents | None = None
    problem = None
    if first is None:
        try:
            contents = read_input(path, data, IntakeLimits.from_settings(mr.settings))
        except InputRejected as e:
            problem = e.message
        except Exception as e:  # a library crashing on hostile input must not stop intake
            log.exception("reading %s failed", path.name)
            problem = f"the file cannot be read ({type(e).__name__})"
    with transaction(mr.sessions) as session:
        item = IntakeItem(
            input_path=str(path),
            channel=(contents.channel if contents else channel).value,
            sha256=sha256,
            size=len(data),
            stored_path=str(stored.path),
            received_at=mr.clock(),
            error=problem,
        )
        if contents and contents.email:
            meta = contents.email
            item.sender, item.recipient, item.subject = meta.sender, meta.recipient, meta.subject
            item.sent_at, item.message_id = meta.sent_at, meta.message_id
        session.add(item)
        session.flush()
        same_mail = _earlier_message(session, item)
        if first is not None or same_mail is not None:
            item.duplicate_of = first if first is not None else same_mail
            docs = [_duplicate_of_input(mr, session, item, path, channel, stored.sha256)]
        elif contents is None:
            part = IntakePart(path, channel, kept.media_type, data, None, problem)
            docs = [add_document(mr, session, item, part)]
        else:
            docs = [add_document(mr, session, item, part) for part in contents.parts]
        session.flush()
        doc_ids = tuple(d.id for d in docs)
        quarantined = [
            (d.id, d.original_path, d.error or "") for d in docs if d.state == DocState.quarantined
        ]
    for doc_id, original, reason in quarantined:
        copy_to_quarantine(mr, doc_id, Path(original), reason)
    return Taken(item.id, doc_ids)


def _earlier_message(session: Session, item: IntakeItem) -> int | None:
    if not item.message_id:
        return None
    return session.scalars(
        select(IntakeItem.id)
        .where(
            IntakeItem.message_id == item.message_id,
            IntakeItem.id != item.id,
            IntakeItem.duplicate_of.is_(None),
        )
        .order_by(IntakeItem.id)
    ).first()


def _duplicate_of_input(
    mr: Mailroom, session: Session, item: IntakeItem, path: Path, channel: Channel, sha256: str
) -> Document:
    first_doc = session.scalars(
        select(Document.id).where(Document.intake_id == item.duplicate_of).order_by(Document.id)
    ).first()
    doc = Document(
        intake=item,
        source_file=str(path),
        channel=channel.value,
        sha256=sha256,
        media_type="application/octet-stream",
        original_path=item.stored_path,
        received_at=item.received_at,
        state=DocState.duplicate.value,
        duplicate_of=first_doc,
        error=f"already received as intake #{item.duplicate_of}",
    )
    session.add(doc)
    record(session, mr, "duplicate", document=doc, new={"duplicate_of_intake": item.duplicate_of})
    return doc


def add_document(mr: Mailroom, session: Session, item: IntakeItem, part: IntakePart) -> Document:
    """Store a part and add its document row (quarantined or duplicate when it must be)."""
    stored = mr.store.put_bytes(
        part.data, EXTENSIONS.get(part.media_type) or OFFICE_TYPES.get(part.media_type, ".bin")
    )
    earlier = session.scalars(
        select(Document.id)
        .where(Document.sha256 == stored.sha256, Document.state != DocState.duplicate.value)
        .order_by(Document.id)
    ).first()
    doc = Document(
        intake=item,
        source_file=str(part.source_file),
        part=part.part,
        channel=part.channel.value,
        sha256=stored.sha256,
        media_type=part.media_type,
        original_path=str(stored.path),
        received_at=item.received_at,
        state=DocState.received.value,
    )
    if part.problem:
        doc.state, doc.error, doc.failed_stage = DocState.quarantined.value, part.problem, "intake"
    elif earlier is not None:
        doc.state, doc.duplicate_of = DocState.duplicate.value, earlier
        doc.error = f"same content as document #{earlier}"
    session.add(doc)
    record(
        session,
        mr,
        doc.state,
        document=doc,
        new={"state": doc.state, "part": part.part, "reason": doc.error},
    )
    return doc


def copy_to_quarantine(mr: Mailroom, document_id: int, original: Path, reason: str) -> None:
    """Put a copy of a quarantined document, and its reason, where postroom staff look.

    Named by document id: names from emails never decide where files are written.
    """
    folder = mr.settings.quarantine_dir
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(original, folder / f"{document_id}{original.suffix}")
    (folder / f"{document_id}.txt").write_text(f"{reason}\n", encoding="utf-8")


def dispose_input(mr: Mailroom, intake_id: int, path: Path) -> None:
    """Move the input file to the processed area (or delete it), then record that."""
    if path.exists():
        if mr.settings.after_intake == "delete":
            path.unlink()
        else:
            day = mr.clock().strftime("%Y-%m-%d")
            target = mr.settings.processed_dir / day / f"{intake_id}{path.suffix.lower()[:10]}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
    with transaction(mr.sessions) as session:
        session.get_one(IntakeItem, intake_id).disposed_at = mr.clock()
