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
from mailroom.db.models import Case, Channel, DocState, Document, Event
from mailroom.db.session import transaction
from mailroom.errors import InputRejected, MailroomError
from mailroom.intake.detect import EXTENSIONS
from mailroom.intake.records import IntakePart
from mailroom.intake.sources import read_parts
from mailroom.ocr.stage import OcrInput, run_ocr
from mailroom.routing.route import RoutedMessage, decide_route

log = logging.getLogger(__name__)

SYSTEM = "mailroom"
UNKNOWN_TYPE = "application/octet-stream"


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
        )

    @property
    def needs_attention(self) -> bool:
        """Whether a person has to look at it (review, quarantine, failure)."""
        return self.state in ("needs_review", "quarantined", "failed")

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = dict(self.__dict__)
        data["reasons"] = list(self.reasons)
        return data


# --- intake -------------------------------------------------------------------------------


def _record(mr: Mailroom, doc: Document, action: str, new: dict[str, Any]) -> Event:
    return Event(at=mr.clock(), actor=SYSTEM, action=action, document=doc, new=new)


def receive_part(mr: Mailroom, part: IntakePart) -> int:
    """Store a part's original and commit its document row; return the document id.

    Content already received is not processed again: the earlier document's id is
    returned, so running ``ingest`` twice on the same files does no harm.
    """
    stored = mr.store.put_bytes(part.data, EXTENSIONS.get(part.media_type, ".bin"))
    with transaction(mr.sessions) as session:
        earlier = session.scalars(
            select(Document.id).where(Document.sha256 == stored.sha256).order_by(Document.id)
        ).first()
        if earlier is not None:
            return earlier
        doc = Document(
            source_file=str(part.source_file),
            part=part.part,
            channel=part.channel.value,
            sha256=stored.sha256,
            media_type=part.media_type,
            original_path=str(stored.path),
            received_at=mr.clock(),
            state=DocState.received.value,
        )
        session.add(doc)
        session.add(_record(mr, doc, "received", {"state": "received", "file": doc.source_file}))
        session.flush()
        return doc.id


def quarantine_file(mr: Mailroom, path: Path, reason: str) -> int:
    """Keep an input that cannot be read, with the reason, as a quarantined document."""
    data = path.read_bytes()
    stored = mr.store.put_bytes(data, ".bin")
    with transaction(mr.sessions) as session:
        doc = Document(
            source_file=str(path),
            channel=Channel.paper.value,
            sha256=stored.sha256,
            media_type=UNKNOWN_TYPE,
            original_path=str(stored.path),
            received_at=mr.clock(),
            state=DocState.quarantined.value,
            error=reason,
        )
        session.add(doc)
        session.add(_record(mr, doc, "quarantined", {"state": "quarantined", "reason": reason}))
        session.flush()
        return doc.id


def receive_file(mr: Mailroom, path: Path) -> list[int]:
    """Take one input file: every document in it is stored and committed."""
    try:
        parts = read_parts(path)
    except InputRejected as e:
        return [quarantine_file(mr, path, e.message)]
    return [receive_part(mr, part) for part in parts]


# --- stages -------------------------------------------------------------------------------


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
    DocState.received: _ocr_step,
    DocState.ocr_done: _classify_step,
    DocState.classified: _route_step,
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
        try:
            step(mr, doc)
        except InputRejected as e:
            _fail(mr, document_id, DocState.quarantined, e.message)
        except MailroomError as e:
            if e.transient:
                raise
            _fail(mr, document_id, DocState.failed, e.message)
        except Exception as e:
            log.exception("document %s failed in %s", document_id, step.__name__)
            _fail(mr, document_id, DocState.failed, f"internal error: {type(e).__name__}: {e}")


def _fail(mr: Mailroom, document_id: int, state: DocState, reason: str) -> None:
    with transaction(mr.sessions) as session:
        row = session.get_one(Document, document_id)
        old = row.state
        row.state = state.value
        row.error = reason
        session.add(
            Event(
                at=mr.clock(),
                actor=SYSTEM,
                action=state.value,
                document=row,
                old={"state": old},
                new={"state": state.value, "reason": reason},
            )
        )
