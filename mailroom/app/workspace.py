"""What a person may see and do in the web workspace: the library calls behind its pages.

Every function takes the :class:`~mailroom.app.people.Person` acting and checks,
here on the server, that the document or queue is theirs to see; one that is not
is :class:`~mailroom.core.errors.NotFound`, exactly like one that does not exist,
so a URL does not tell what exists. Opening a document is recorded in the audit
trail (who looked at which personal data, when).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
from sqlalchemy import ColumnElement, and_, or_, select, update

from mailroom.app import api, corrections, mailbox, postroom, teams
from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.app.corrections import CorrectionResult
from mailroom.app.people import Person
from mailroom.app.pipeline import DocumentResult
from mailroom.core.config.catalogue import REVIEW_QUEUE
from mailroom.core.db.models import Case, DocState, Document, IntakeItem, as_utc
from mailroom.core.db.session import transaction
from mailroom.core.errors import InputRejected, MailroomError, NotFound

#: Case types a reviewer picks from by number key.
REVIEW_CHOICES = 5
#: Width in pixels of a rendered page image (sharp on a laptop screen, small to send).
PAGE_WIDTH = 1000
#: States a document has while the postroom, not a team, looks after it.
POSTROOM_STATES = frozenset(
    {
        DocState.received,
        DocState.ocr_done,
        DocState.classified,
        DocState.quarantined,
        DocState.failed,
        DocState.duplicate,
        DocState.discarded,
    }
)


class AlreadyTaken(MailroomError):
    """Someone else took the document first."""


def may_see(person: Person, state: str, team: str | None) -> bool:
    """Whether a document in ``state`` routed to ``team`` is this person's to see."""
    if person.is_admin:
        return True
    if state == DocState.needs_review:
        return person.reviews
    if DocState(state) in POSTROOM_STATES:
        return person.works_the_postroom
    return person.sees_team(team)


def _visible(person: Person) -> ColumnElement[bool]:
    """The same rule as :func:`may_see`, as a query condition."""
    if person.is_admin:
        return Document.id.is_not(None)
    allowed = [and_(Document.state == DocState.routed.value, Document.team.in_(person.teams))]
    if person.reviews:
        allowed.append(Document.state == DocState.needs_review.value)
    if person.works_the_postroom:
        allowed.append(Document.state.in_([s.value for s in POSTROOM_STATES]))
    return or_(*allowed)


def _check_document(mr: Mailroom, person: Person, document_id: int) -> Document:
    with mr.sessions() as session:
        doc = session.get(Document, document_id)
        if doc is None or not may_see(person, doc.state, doc.team):
            raise NotFound(f"no document {document_id}")
        return doc


def _check_queue(person: Person, queue: str) -> None:
    if not person.sees_queue(queue):
        raise NotFound(f"no queue {queue!r}")


@dataclass(frozen=True)
class QueueEntry:
    """One document on a work list, as the queue page shows it."""

    id: int
    case_number: str | None
    case_type: str | None
    sender: str | None
    subject: str | None
    received_at: datetime
    claimed_by: str | None
    reasons: tuple[str, ...]
    #: The case's due date, and the day a penalty runs from after an ingebrekestelling.
    due_date: date | None = None
    penalty_from: date | None = None

    def days_left(self, today: date) -> int | None:
        """Days until the due date (negative: overdue); None without one."""
        return (self.due_date - today).days if self.due_date else None

    def age(self, now: datetime) -> timedelta:
        """How long the document has been waiting."""
        return now - self.received_at


@dataclass(frozen=True)
class QueueFilter:
    """What the queue page asks for: waiting, claimed or both; received from and until."""

    state: str = "all"  # "waiting", "claimed" or "all"
    since: datetime | None = None
    until: datetime | None = None
    #: The first this many are listed (a work list is worked from the top).
    limit: int = 200


def queue(
    mr: Mailroom, person: Person, name: str, wanted: QueueFilter | None = None
) -> list[QueueEntry]:
    """The documents on queue ``name`` (a team's or review) not yet done, the most pressing
    first: urgent cases (an ingebrekestelling), then by due date, then the oldest."""
    _check_queue(person, name)
    wanted = wanted or QueueFilter()
    stmt = (
        select(
            Document,
            Case.number,
            Case.name,
            IntakeItem.sender,
            IntakeItem.subject,
            Case.due_date,
            Case.penalty_from,
        )
        .outerjoin(Case, Document.case_id == Case.id)
        .outerjoin(IntakeItem, Document.intake_id == IntakeItem.id)
        .where(teams.in_queue(name))
        .order_by(*teams.work_order(name))
    )
    if wanted.state == "waiting":
        stmt = stmt.where(Document.claimed_by.is_(None))
    elif wanted.state == "claimed":
        stmt = stmt.where(Document.claimed_by.is_not(None))
    if wanted.since is not None:
        stmt = stmt.where(Document.received_at >= wanted.since)
    if wanted.until is not None:
        stmt = stmt.where(Document.received_at < wanted.until)
    stmt = stmt.limit(wanted.limit)
    with mr.sessions() as session:
        return [
            QueueEntry(
                doc.id,
                number,
                doc.case_type,
                party or sender,
                subject,
                as_utc(doc.received_at),
                doc.claimed_by,
                tuple(doc.reasons or ()),
                due,
                penalty,
            )
            for doc, number, party, sender, subject, due, penalty in session.execute(stmt)
        ]


def open_document(mr: Mailroom, person: Person, document_id: int) -> api.DocumentView:
    """Everything known about a document, for the person opening it; recorded as read."""
    doc = _check_document(mr, person, document_id)
    with transaction(mr.sessions) as session:
        record(session, mr, "viewed", actor=person.name, document=session.get(Document, doc.id))
    return api.show_document(mr, document_id)


def document_text(mr: Mailroom, person: Person, document_id: int) -> str:
    """The document's text (its opening is recorded by :func:`open_document`)."""
    _check_document(mr, person, document_id)
    return api.document_text(mr, document_id)


def document_file(mr: Mailroom, person: Person, document_id: int, which: str) -> Path:
    """The stored original or the archive PDF/A of a document; the download is recorded."""
    doc = _check_document(mr, person, document_id)
    path = doc.original_path if which == "original" else doc.archive_path
    if path is None or not Path(path).is_file():
        raise NotFound(f"document {document_id} has no {which} file")
    with transaction(mr.sessions) as session:
        record(
            session,
            mr,
            "downloaded",
            actor=person.name,
            document=session.get(Document, doc.id),
            new={"file": which},
        )
    return Path(path)


def page_image(mr: Mailroom, person: Person, document_id: int, page: int) -> Path:
    """A PNG of one page of the archive PDF, rendered once and cached in the data directory."""
    doc = _check_document(mr, person, document_id)
    source = doc.archive_path or doc.original_path
    if not source.endswith(".pdf") and doc.media_type != "application/pdf":
        raise NotFound(f"document {document_id} has no pages to show")
    cache = mr.settings.home / "cache" / "pages" / doc.sha256
    target = cache / f"{page}-{PAGE_WIDTH}.png"
    if target.is_file():
        return target
    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as e:
        raise InputRejected(f"the PDF of document {document_id} cannot be read: {e}") from e
    try:
        if not 1 <= page <= len(pdf):
            raise NotFound(f"document {document_id} has no page {page}")
        pdf_page = pdf[page - 1]
        scale = PAGE_WIDTH / pdf_page.get_width()
        image = pdf_page.render(scale=scale).to_pil()
    finally:
        pdf.close()
    cache.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed: two requests for one page never see half a file.
    partial = target.with_suffix(f".{id(image)}.tmp")
    image.save(partial, format="PNG", optimize=True)
    partial.replace(target)
    return target


def claim(mr: Mailroom, person: Person, document_id: int) -> DocumentResult:
    """Take one document from a work list (it is then the person's to finish)."""
    doc = _check_document(mr, person, document_id)
    if doc.done_at is not None:
        raise AlreadyTaken(f"document {document_id} is already done")
    with transaction(mr.sessions) as session:
        claimed = session.scalar(
            update(Document)
            .where(Document.id == document_id, Document.claimed_by.is_(None))
            .values(claimed_by=person.name, claimed_at=mr.clock())
            .returning(Document.id)
        )
        if claimed is None:
            raise AlreadyTaken(f"document {document_id} was taken by someone else")
        row = session.get_one(Document, document_id)
        queue = REVIEW_QUEUE if row.state == DocState.needs_review else row.team
        record(session, mr, "claimed", actor=person.name, document=row, new={"queue": queue})
        return DocumentResult.of(row)


def finish(mr: Mailroom, person: Person, document_id: int) -> DocumentResult:
    """Mark a taken document as done: it leaves its queue."""
    _check_document(mr, person, document_id)
    return teams.done(mr, document_id, person.name)


def correct(
    mr: Mailroom,
    person: Person,
    document_id: int,
    case_type: str | None = None,
    case_number: str | None = None,
    new_case: bool = False,
    reason: str | None = None,
) -> CorrectionResult:
    """Correct a document's case type or case (the same call as ``mailroom correct``): it
    becomes a training example and moves to the right team's queue at once."""
    _check_document(mr, person, document_id)
    return corrections.correct(
        mr, document_id, person.name, case_type, case_number, new_case, reason
    )


class NotInReview(MailroomError):
    """The document is no longer waiting in review (someone decided it already)."""


@dataclass(frozen=True)
class ReviewItem:
    """A document waiting in review, with its neighbours in the review queue."""

    view: api.DocumentView
    #: The top case types to pick from by number: (code, name, score), best first.
    choices: list[tuple[str, str, float]]
    previous: int | None
    next: int | None
    position: int
    waiting: int


def review_item(mr: Mailroom, person: Person, document_id: int | None = None) -> ReviewItem | None:
    """A document in review (the oldest when ``document_id`` is None) for a reviewer, with
    the top case types to choose from; None when the review queue is empty. Opening it
    is recorded like any other."""
    if not person.reviews:
        raise NotFound("no review queue")
    order = [e.id for e in queue(mr, person, REVIEW_QUEUE)]
    if not order:
        return None
    if document_id is None:
        document_id = order[0]
    if document_id not in order:
        raise NotInReview(f"document {document_id} is not waiting in review")
    view = open_document(mr, person, document_id)
    at = order.index(document_id)
    return ReviewItem(
        view,
        case_types_by_score(mr, view)[:REVIEW_CHOICES],
        order[at - 1] if at > 0 else None,
        order[at + 1] if at + 1 < len(order) else None,
        at + 1,
        len(order),
    )


def decide(mr: Mailroom, person: Person, document_id: int, case_type: str) -> int | None:
    """A reviewer's decision: the document gets ``case_type`` and goes to its team (a
    correction like any other, so it becomes a training example). Returns the next
    document waiting in review, or None."""
    if not person.reviews:
        raise NotFound("no review queue")
    waiting = [e.id for e in queue(mr, person, REVIEW_QUEUE)]
    if document_id not in waiting:
        raise NotInReview(f"document {document_id} is no longer waiting in review")
    corrections.correct(mr, document_id, person.name, case_type=case_type, reason="beoordeeld")
    after = waiting[waiting.index(document_id) + 1 :] + waiting[: waiting.index(document_id)]
    return after[0] if after else None


@dataclass(frozen=True)
class CaseOption:
    """A case a document can be moved to: number, type and party."""

    number: str
    case_type: str
    name: str | None
    status: str


def find_cases(mr: Mailroom, person: Person, words: str, limit: int = 10) -> list[CaseOption]:
    """Cases by (the start of) their number or their party's name, for a correction; an
    employee finds only cases of the types their teams handle."""
    words = words.strip()
    if len(words) < 2:
        return []
    pattern = "%" + words.replace("\\", "").replace("%", "").replace("_", "") + "%"
    stmt = (
        select(Case)
        .where(or_(Case.number.ilike(pattern), Case.name.ilike(pattern)))
        .order_by(Case.status.desc(), Case.opened_at.desc())
        .limit(limit)
    )
    if not (person.is_admin or person.reviews):
        types = [c for c, t in mr.catalogue.case_types.items() if t.team in person.teams]
        stmt = stmt.where(Case.case_type.in_(types))
    with mr.sessions() as session:
        return [CaseOption(c.number, c.case_type, c.name, c.status) for c in session.scalars(stmt)]


def _check_postroom(person: Person) -> None:
    if not person.works_the_postroom:
        raise NotFound("no postroom")


def intake_today(mr: Mailroom, person: Person) -> list[postroom.ChannelStatus]:
    """Today's intake per channel (what ``mailroom status`` shows), for the postroom."""
    _check_postroom(person)
    return postroom.status(mr)


def mailboxes(mr: Mailroom, person: Person) -> list[mailbox.MailboxStatus]:
    """The IMAP mailboxes ``mailroom watch`` reads, as it last found them, for the postroom."""
    _check_postroom(person)
    return mailbox.mailbox_status(mr)


def quarantine(mr: Mailroom, person: Person) -> list[postroom.QuarantineEntry]:
    """Quarantined and failed documents with their reasons, for the postroom."""
    _check_postroom(person)
    return postroom.quarantine_list(mr)


def retry(
    mr: Mailroom, person: Person, document_id: int, password: str | None = None
) -> list[DocumentResult]:
    """Process a quarantined document again (with the password of an encrypted PDF)."""
    _check_postroom(person)
    return postroom.quarantine_retry(mr, document_id, person.name, password or None)


def discard(mr: Mailroom, person: Person, document_id: int, reason: str | None) -> None:
    """Take a document out of quarantine for good; the original stays in the store."""
    _check_postroom(person)
    postroom.quarantine_discard(mr, document_id, person.name, reason)


def case_types_by_score(mr: Mailroom, view: api.DocumentView) -> list[tuple[str, str, float]]:
    """Every case type as ``(code, name, score)``, the classifier's best first: the order a
    person picks a correction from."""
    with mr.sessions() as session:
        doc = session.get_one(Document, view.result.id)
        scores = dict(doc.scores or {})
    types = mr.catalogue.case_types
    return sorted(
        ((code, t.name, float(scores.get(code, 0.0))) for code, t in types.items()),
        key=lambda row: (-row[2], row[1]),
    )


def visible_condition(person: Person) -> ColumnElement[bool]:
    """The documents ``person`` may see, as a query condition (for search and lists)."""
    return _visible(person)
