"""The pipeline: intake → OCR → classify → match → route, one document at a time.

Each stage is a function from a typed record to a typed record (see the stage
packages); this module is the composition and the edges: it loads a document's
facts from the database, runs the next stage, and commits the new state in one
transaction. A stage run twice on the same document does no harm, so a crash
anywhere is repaired by running :func:`process` again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mailroom.cases.matching import CaseDecision, match_case
from mailroom.cases.register import DbCaseLookup, open_case
from mailroom.classifiers.model import Classification
from mailroom.context import Mailroom
from mailroom.db.models import Case, DocState, Document, Event
from mailroom.db.session import transaction
from mailroom.errors import InputRejected, MailroomError
from mailroom.ocr.stage import OcrInput, run_ocr
from mailroom.receive import copy_to_quarantine
from mailroom.routing.route import RoutedMessage, decide_route

log = logging.getLogger(__name__)

SYSTEM = "mailroom"


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


# --- stages -------------------------------------------------------------------------------


def _record(mr: Mailroom, doc: Document, action: str, new: dict[str, Any]) -> Event:
    return Event(at=mr.clock(), actor=SYSTEM, action=action, document=doc, new=new)


def _ocr_step(mr: Mailroom, doc: Document) -> None:
    item = OcrInput(doc.id, Path(doc.original_path), doc.media_type)
    mr.store.archive.mkdir(parents=True, exist_ok=True)
    result = run_ocr(item, mr.ocr_engine, mr.store.archive)
    with transaction(mr.sessions) as session:
        row = session.get_one(Document, doc.id)
        row.text = result.text
        row.page_count = result.page_count
        row.archive_path = str(result.archive) if result.archive else None
        row.archive_format = result.archive_format
        row.state = DocState.ocr_done.value
        session.add(
            _record(
                mr,
                row,
                "ocr_done",
                {"pages": result.page_count, "archive_format": result.archive_format},
            )
        )


def _classify_step(mr: Mailroom, doc: Document) -> None:
    text = doc.text or ""
    classification = mr.classifier().classify(text)
    with transaction(mr.sessions) as session:
        decision = match_case(text, classification, DbCaseLookup(session))
        case = _case_for(mr, session, decision, text)
        row = session.get_one(Document, doc.id)
        row.case_type = decision.case_type
        row.confidence = classification.confidence
        row.scores = {k: round(v, 4) for k, v in classification.scores.items()}
        row.case_id = case.id
        row.case_match = decision.match
        row.reasons = list(decision.reasons)
        row.state = DocState.classified.value
        session.add(
            _record(
                mr,
                row,
                "classified",
                {
                    "case_type": decision.case_type,
                    "confidence": round(classification.confidence, 4),
                    "case_number": case.number,
                    "case_match": decision.match,
                },
            )
        )


def _case_for(mr: Mailroom, session: Any, decision: CaseDecision, text: str) -> Case:
    if decision.case_number is not None:
        return session.scalars(select(Case).where(Case.number == decision.case_number)).one()
    subject = next((line.strip() for line in text.splitlines() if line.strip()), None)
    case = open_case(
        session, decision.case_type, mr.settings.case_number_format, mr.clock(), subject
    )
    session.add(
        Event(
            at=mr.clock(),
            actor=SYSTEM,
            action="case_opened",
            case=case,
            new={"number": case.number, "case_type": case.case_type},
        )
    )
    return case


def _route_step(mr: Mailroom, doc: Document) -> None:
    scores = doc.scores or {}
    classification = Classification(
        case_type=max(scores, key=scores.__getitem__) if scores else (doc.case_type or ""),
        confidence=doc.confidence or 0.0,
        scores=scores,
    )
    flags = tuple(r for r in (doc.reasons or ()) if r == "closed_case")
    assert doc.case_type is not None and doc.case is not None
    route = decide_route(
        doc.case_type, classification, mr.settings.review_threshold, mr.catalogue, flags
    )
    message = RoutedMessage(
        doc.id, doc.case.number, doc.case_type, classification.confidence, route.team, route.reasons
    )
    # Published before the commit: a crash in between publishes again on retry
    # (at least once); consumers key on document_id.
    mr.publisher.publish(route, message)
    state = DocState.needs_review if route.needs_review else DocState.routed
    with transaction(mr.sessions) as session:
        row = session.get_one(Document, doc.id)
        row.team = route.team
        row.reasons = [
            *(doc.reasons or ()),
            *[r for r in route.reasons if r not in (doc.reasons or ())],
        ]
        row.state = state.value
        session.add(_record(mr, row, state.value, {"queue": route.queue, "team": route.team}))


_STEPS = {
    DocState.received: ("ocr", _ocr_step),
    DocState.ocr_done: ("classify", _classify_step),
    DocState.classified: ("route", _route_step),
}


def process(mr: Mailroom, document_id: int) -> DocumentResult:
    """Run the remaining stages of one document; bad input ends in quarantine.

    A transient error (the broker down) leaves the document in its state, to be
    taken up again later; it is re-raised for the caller to report.
    """
    while True:
        with mr.sessions() as session:
            doc = session.get(Document, document_id)
            if doc is None:
                raise LookupError(document_id)
            step = _STEPS.get(DocState(doc.state))
            if step is None:
                return DocumentResult.of(doc)
            doc.case  # noqa: B018 - loaded before the session closes
            session.expunge_all()
        stage, run = step
        try:
            run(mr, doc)
        except InputRejected as e:
            fail(mr, document_id, DocState.quarantined, stage, e.message)
        except MailroomError as e:
            if e.transient:
                raise
            fail(mr, document_id, DocState.failed, stage, e.message)
        except Exception as e:
            log.exception("document %s failed in stage %s", document_id, stage)
            reason = f"internal error in {stage}: {type(e).__name__}: {e}"
            fail(mr, document_id, DocState.failed, stage, reason)


def fail(mr: Mailroom, document_id: int, state: DocState, stage: str, reason: str) -> None:
    """Put a document in quarantine (its input is bad) or failed (mailroom could not cope)."""
    with transaction(mr.sessions) as session:
        row = session.get_one(Document, document_id)
        old = row.state
        row.state, row.error, row.failed_stage = state.value, reason, stage
        original = Path(row.original_path)
        session.add(
            Event(
                at=mr.clock(),
                actor=SYSTEM,
                action=state.value,
                document=row,
                old={"state": old},
                new={"state": state.value, "stage": stage, "reason": reason},
            )
        )
    if state == DocState.quarantined:
        copy_to_quarantine(mr, document_id, original, reason)
