"""The pipeline: intake → OCR → classify → match → route, one document at a time.

Each stage is a function from a typed record to a typed record (see the stage
packages); this module is the composition and the edges: it loads a document's
facts from the database, runs the next stage, and commits the new state in one
transaction. A stage run twice on the same document does no harm, so a crash
anywhere is repaired by running :func:`process` again.

Every commit starts with a compare-and-set of the state (``UPDATE ... WHERE
state = <expected>``). Two processes working on the same document — a worker
and a restarted daemon, say — may both do the work, but only one commits its
effects: the other's transaction (and the case it would have opened) is rolled
back. Publishing happens after the commit (an outbox: ``published_at`` stays
empty until the broker took the message), so a crash or a broker outage never
loses a routed document.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mailroom.app import acknowledgements, deadlines, sync
from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.app.filing import file_step as filing_step
from mailroom.app.receive import copy_to_quarantine
from mailroom.cases.default_notice import DefaultNotice
from mailroom.cases.identifiers import find_case_numbers
from mailroom.cases.matching import CaseDecision, match_case
from mailroom.cases.register import DbCaseLookup, open_case
from mailroom.core.config.catalogue import REVIEW_QUEUE
from mailroom.core.db.models import FINAL_STATES, Case, DocState, Document, IntakeItem, Page
from mailroom.core.db.session import transaction
from mailroom.core.errors import InputRejected, MailroomError
from mailroom.core.logs import new_error_id
from mailroom.core.outages import database_outage
from mailroom.core.records import Channel, Classification
from mailroom.ocr.stage import OcrInput, run_ocr
from mailroom.routing.route import Route, RoutedMessage, decide_route

log = logging.getLogger(__name__)

#: Reason given to a document with a page OCR could hardly read; it goes to review.
POOR_SCAN = "poor scan"
#: A document let out of quarantine by a person: someone looks at it in review first.
RELEASED = "released from quarantine"
#: Reason given to a document without readable text (a blank page): it opens no case.
NO_TEXT = "no text"
#: Reason given to a text that does not read as post to the municipality (a recipe, a page
#: of a novel, a manual, spam): a person looks at it in review.
NOT_POST = "not post to the municipality"
#: An ingebrekestelling that opened a new case: a person finds the case it is about.
NO_KNOWN_CASE = f"{deadlines.DEFAULT_NOTICE} without a known case"
#: Fewer words of three or more letters than this is no letter anybody wrote.
MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{3,}")


def has_readable_text(text: str) -> bool:
    """Whether ``text`` holds words, not just the specks OCR finds on a blank page."""
    return len(_WORD.findall(text, 0, 10_000)) >= MIN_WORDS


@dataclass(frozen=True)
class DocumentResult:
    """What became of one document; what ``ingest`` prints."""

    id: int
    file: str
    part: str | None
    pages: int | None
    case_type: str | None
    confidence: float | None
    case_number: str | None
    case_match: str | None
    team: str | None
    queue: str | None
    state: str
    reasons: tuple[str, ...]
    error: str | None
    duplicate_of: int | None = None
    #: The case's due date (ISO) and the day a penalty runs from after an
    #: ingebrekestelling (urgent), when the case has them.
    due_date: str | None = None
    penalty_from: str | None = None

    @classmethod
    def of(cls, doc: Document) -> DocumentResult:
        """The result view of a document row."""
        reasons = tuple(doc.reasons or ())
        queue = None
        if doc.state == DocState.routed:
            queue = doc.team
        elif doc.state == DocState.needs_review:
            queue = "review"
        return cls(
            id=doc.id,
            file=doc.source_file,
            part=doc.part,
            pages=doc.page_count,
            case_type=doc.case_type,
            confidence=round(doc.confidence, 4) if doc.confidence is not None else None,
            case_number=doc.case.number if doc.case else None,
            case_match=doc.case_match,
            team=doc.team,
            queue=queue,
            state=doc.state,
            reasons=reasons,
            error=doc.error,
            duplicate_of=doc.duplicate_of,
            due_date=_iso(doc.case.due_date) if doc.case else None,
            penalty_from=_iso(doc.case.penalty_from) if doc.case else None,
        )

    @property
    def needs_attention(self) -> bool:
        """Whether a person has to look at it (review, quarantine, failure)."""
        return self.state in ("needs_review", "quarantined", "failed", "duplicate")

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = dict(self.__dict__)
        data["reasons"] = list(self.reasons)
        return data


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- stages -------------------------------------------------------------------------------


class LostRace(Exception):
    """Another process moved the document on first; this step's effects are dropped."""


def _advance(session: Session, document_id: int, expected: DocState, new: DocState) -> Document:
    """Compare-and-set the state as the first statement of the transaction."""
    moved = session.scalar(
        update(Document)
        .where(Document.id == document_id, Document.state == expected.value)
        .values(state=new.value)
        .returning(Document.id)
        .execution_options(synchronize_session=False)
    )
    if moved is None:
        raise LostRace(document_id)
    row = session.get_one(Document, document_id)
    session.refresh(row)
    return row


def _ocr_step(mr: Mailroom, doc: Document) -> None:
    item = OcrInput(doc.id, Path(doc.original_path), doc.media_type)
    mr.store.archive.mkdir(parents=True, exist_ok=True)
    result = run_ocr(item, mr.ocr_engine, mr.store.archive)
    poor = result.poor_pages(mr.settings.ocr_min_confidence)
    with transaction(mr.sessions) as session:
        row = _advance(session, doc.id, DocState.received, DocState.ocr_done)
        row.text = result.text
        row.page_count = result.page_count
        row.ocr_confidence = result.confidence
        row.archive_path = str(result.archive) if result.archive else None
        row.archive_format = result.archive_format
        row.pages = [
            Page(number=p.number, text=p.text, confidence=p.confidence) for p in result.page_texts
        ]
        if poor:
            pages = ", ".join(f"{p.number} ({p.how_read})" for p in poor)
            row.reasons = [*(row.reasons or ()), f"{POOR_SCAN}: page {pages}"]
        new: dict[str, object] = {
            "pages": result.page_count,
            "archive_format": result.archive_format,
            "ocr_confidence": round(result.confidence, 3) if result.confidence else None,
        }
        if result.notes:  # "signed by Mr. A.B. de Advocaat": a fact, not a review flag
            row.reasons = [*(row.reasons or ()), *result.notes]
        if result.signatures:
            new["signed_by"] = [s.signer for s in result.signatures]
        record(session, mr, "ocr_done", document=row, new=new)


def _cache_cited(mr: Mailroom, doc: Document, text: str) -> None:
    """Case numbers the letter (or its email's subject) cites that the register does not
    know yet are looked up in the zaaksysteem first, so matching finds their zaak."""
    with mr.sessions() as session:
        intake = session.get(IntakeItem, doc.intake_id) if doc.intake_id else None
        subject = intake.subject if intake is not None else None
    cited = find_case_numbers(f"{subject or ''}\n{text}", mr.settings.case_number_patterns)
    if cited:
        sync.cache_cited(mr, [found.value for found in cited])


def _classify_step(mr: Mailroom, doc: Document) -> None:
    text = doc.text or ""
    if not has_readable_text(text):
        # Nothing to classify or match on: a person decides, and no case is opened.
        with transaction(mr.sessions) as session:
            row = _advance(session, doc.id, DocState.ocr_done, DocState.classified)
            row.reasons = [*(row.reasons or ()), NO_TEXT]
            record(session, mr, "classified", document=row, new={"reasons": [NO_TEXT]})
        return
    classification = mr.classifier().classify(text)
    if mr.settings.case_register == "zgw":
        _cache_cited(mr, doc, text)
    with transaction(mr.sessions) as session:
        row = _advance(session, doc.id, DocState.ocr_done, DocState.classified)
        intake = row.intake
        decision = match_case(
            text,
            classification,
            DbCaseLookup(session),
            sender=intake.sender if intake is not None else None,
            subject=intake.subject if intake is not None else None,
            patterns=mr.settings.case_number_patterns,
        )
        decision = _with_email_siblings(session, row, decision)
        notice = deadlines.default_notice(text)
        if notice is not None:
            decision = _on_the_case_in_default(session, decision)
        received = deadlines.receipt_date(row.received_at)
        case = _case_for(mr, session, decision, text, received)
        flags = _default_notice(mr, session, row, case, decision, notice, received)
        row.case_type = decision.case_type
        row.confidence = classification.confidence
        row.scores = {k: round(v, 4) for k, v in classification.scores.items()}
        row.case_id = case.id
        row.case_match = decision.match
        row.case_score = decision.score
        not_post = [NOT_POST] if classification.not_post else []
        row.reasons = [*(row.reasons or ()), *not_post, *flags, *decision.reasons]
        new = {
            "case_type": decision.case_type,
            "confidence": round(classification.confidence, 4),
            "case_number": case.number,
            "case_match": decision.match,
            "case_score": decision.score,
        }
        record(session, mr, "classified", document=row, new=new)


#: Why a document joined the case of another document of the same email.
SAME_EMAIL = "same email as a document in case"


def _with_email_siblings(session: Session, row: Document, decision: CaseDecision) -> CaseDecision:
    """One email is one matter: a document of an email that would open a new case joins the
    case another document of that email is in (its letter, its enclosures, its body), so
    they are filed to one zaak. A document that matched a case of its own keeps it.

    The intake item is locked first, so siblings classified at the same time by two
    workers see each other's case (on SQLite the write lock does the same)."""
    intake = row.intake
    if decision.match != "new" or intake is None or intake.channel != Channel.email.value:
        return decision
    session.execute(select(IntakeItem.id).where(IntakeItem.id == intake.id).with_for_update())
    sibling = session.scalars(
        select(Case)
        .join(Document, Document.case_id == Case.id)
        .where(Document.intake_id == intake.id, Document.id != row.id)
        .order_by(Document.id)
        .limit(1)
    ).first()
    if sibling is None:
        return decision
    reason = f"{SAME_EMAIL} {sibling.number}"
    return CaseDecision("matched", sibling.case_type, sibling.number, (reason,), decision.score)


def _case_for(
    mr: Mailroom, session: Session, decision: CaseDecision, text: str, received: date
) -> Case:
    if decision.case_number is not None:
        return session.scalars(select(Case).where(Case.number == decision.case_number)).one()
    subject = next((line.strip() for line in text.splitlines() if line.strip()), None)
    case = open_case(session, decision, mr.settings.case_number_format, mr.clock(), subject)
    deadlines.set_due_date(mr, case, received)
    new = {
        "number": case.number,
        "case_type": case.case_type,
        "related_to": case.related_to,
        "due_date": case.due_date.isoformat() if case.due_date else None,
    }
    record(session, mr, "case_opened", case=case, new=new)
    return case


def _on_the_case_in_default(session: Session, decision: CaseDecision) -> CaseDecision:
    """An ingebrekestelling belongs to the case it declares late: one that cites a case
    (which matching would take for a new request about it) joins that case."""
    if decision.match != "new" or decision.related_to is None:
        return decision
    cited = session.scalars(select(Case).where(Case.number == decision.related_to)).first()
    if cited is None:
        return decision
    reason = f"{deadlines.DEFAULT_NOTICE} on case {cited.number}"
    return CaseDecision("matched", cited.case_type, cited.number, (reason,), decision.score)


def _default_notice(
    mr: Mailroom,
    session: Session,
    row: Document,
    case: Case,
    decision: CaseDecision,
    notice: DefaultNotice | None,
    received: date,
) -> list[str]:
    """An ingebrekestelling marks its case urgent, from the day the penalty runs. One that
    found no case of its own (it opened a new one) waits in review: a person finds the
    case it is about."""
    if notice is None:
        return []
    penalty = deadlines.mark_default(case, received)
    new = {"phrase": notice.phrase, "penalty_from": penalty.isoformat()}
    record(session, mr, "default_notice", document=row, case=case, new=new)
    reason = f"{deadlines.DEFAULT_NOTICE}: penalty from {penalty.isoformat()}"
    if decision.match == "new":
        return [reason, NO_KNOWN_CASE]
    return [reason]


def _route_of(mr: Mailroom, doc: Document) -> Route:
    if doc.case_type is None:
        return Route(None, REVIEW_QUEUE, tuple(doc.reasons or (NO_TEXT,)))
    scores = doc.scores or {}
    classification = Classification(
        case_type=max(scores, key=scores.__getitem__) if scores else (doc.case_type or ""),
        confidence=doc.confidence or 0.0,
        scores=scores,
    )
    flags = tuple(
        r
        for r in (doc.reasons or ())
        if r in ("closed_case", NOT_POST, NO_KNOWN_CASE) or r.startswith((POOR_SCAN, RELEASED))
    )
    return decide_route(doc.case_type, classification, mr.review_threshold(), mr.catalogue, flags)


def _route_step(mr: Mailroom, doc: Document) -> None:
    route = _route_of(mr, doc)
    state = DocState.needs_review if route.needs_review else DocState.routed
    with transaction(mr.sessions) as session:
        row = _advance(session, doc.id, DocState.classified, state)
        row.team = route.team
        kept = row.reasons or []
        row.reasons = [*(doc.reasons or ()), *(r for r in route.reasons if r not in kept)]
        record(
            session, mr, state.value, document=row, new={"queue": route.queue, "team": route.team}
        )
        if state == DocState.routed:
            acknowledgements.owe(mr, session, row)
    _publish_step(mr, doc)


def _publish_step(mr: Mailroom, doc: Document) -> None:
    with mr.sessions() as session:
        row = session.get_one(Document, doc.id)
        if row.published_at is not None:
            return
        route = _route_of(mr, row)
        case_number = row.case.number if row.case else ""
        message = RoutedMessage(
            row.id,
            case_number,
            row.case_type or "",
            row.confidence or 0.0,
            route.team,
            tuple(row.reasons or ()),
        )
    publish(mr, route, message)


def publish(mr: Mailroom, route: Route, message: RoutedMessage) -> None:
    """Send a placed document's message to its queue, then record that it was sent.

    The outbox: the placement committed first, ``published_at`` stays empty until the
    broker took the message, and an unsent one is sent again later. A crash between
    publishing and recording it publishes again on retry: at least once, never lost;
    consumers key on ``document_id``.
    """
    mr.publisher.publish(route, message)
    with transaction(mr.sessions) as session:
        session.get_one(Document, message.document_id).published_at = mr.clock()


_STEPS = {
    DocState.received: ("ocr", _ocr_step),
    DocState.ocr_done: ("classify", _classify_step),
    DocState.classified: ("route", _route_step),
}


def _next_step(doc: Document, filing: bool) -> tuple[str, Any] | None:
    step = _STEPS.get(DocState(doc.state))
    routed = doc.state in (DocState.routed, DocState.needs_review)
    if step is None and routed and doc.published_at is None:
        return ("route", _publish_step)
    unfiled = doc.state == DocState.routed and doc.filed_at is None and doc.case_id is not None
    if step is None and filing and unfiled:
        return ("file", filing_step)
    return step


def process(mr: Mailroom, document_id: int) -> DocumentResult:
    """Run the remaining stages of one document; bad input ends in quarantine.

    A transient error (the broker or the database away) leaves the document in its state, to be
    taken up again later; it is re-raised for the caller to report.
    """
    while True:
        with mr.sessions() as session:
            doc = session.get(Document, document_id)
            if doc is None:
                raise LookupError(document_id)
            step = _next_step(doc, mr.settings.case_register == "zgw")
            if step is None:
                result = DocumentResult.of(doc)
                break
            doc.case  # noqa: B018 - loaded before the session closes
            session.expunge_all()
        stage, run = step
        try:
            with database_outage():
                run(mr, doc)
        except LostRace:
            log.info("document %s: another process got there first", document_id)
            continue
        except InputRejected as e:
            failed = fail(mr, document_id, DocState.quarantined, stage, e.message)
        except MailroomError as e:
            if e.transient:
                raise
            failed = fail(mr, document_id, DocState.failed, stage, e.message)
        except Exception:
            # The exception's text may quote personal data (a library's message
            # with the values it was given): it goes to the log, masked; the
            # document and the person get an id to find it there.
            error_id = new_error_id()
            log.exception(
                "document %s failed in stage %s (error id %s)", document_id, stage, error_id
            )
            reason = f"internal error in {stage} (error id {error_id}); the details are in the log"
            failed = fail(mr, document_id, DocState.failed, stage, reason)
        else:
            continue
        if not failed:
            # A placed document's outbox step (publish, file) that failed for good: it
            # keeps its place, the step is tried again later; never in a loop here.
            log.error(
                "document %s: %s did not complete; it is tried again later", document_id, stage
            )
            with mr.sessions() as session:
                return DocumentResult.of(session.get_one(Document, document_id))
    # Its work done: the acknowledgement its case is owed goes out now (one that cannot
    # be sent now waits for the next round of sending; the document is done either way).
    acknowledgements.acknowledge_document(mr, document_id)
    return result


def fail(mr: Mailroom, document_id: int, state: DocState, stage: str, reason: str) -> bool:
    """Put a document in quarantine (its input is bad) or failed (mailroom could not cope);
    False when it is already in a final state and stays there."""
    with transaction(mr.sessions) as session:
        row = session.get_one(Document, document_id)
        if DocState(row.state) in FINAL_STATES:
            return False  # another process finished it meanwhile
        old = row.state
        row.state, row.error, row.failed_stage = state.value, reason, stage
        original = Path(row.original_path)
        new = {"state": state.value, "stage": stage, "reason": reason}
        record(session, mr, state.value, document=row, old={"state": old}, new=new)
    if state == DocState.quarantined:
        copy_to_quarantine(mr, document_id, original, reason)
    return True
