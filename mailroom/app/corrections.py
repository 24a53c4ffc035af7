"""Employees correcting what mailroom got wrong: another case type, another case, a new case.

A correction updates the document and its case, sends the document to the
right team's queue, records the old and new values in the audit trail, and
keeps the corrected label with the text as a training example for
``mailroom model train --with-corrections``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailroom.app import acknowledgements, deadlines
from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.app.filing import file_step
from mailroom.app.pipeline import DocumentResult, publish
from mailroom.cases.matching import CaseDecision
from mailroom.cases.register import open_case
from mailroom.classifiers.examples import keep_example
from mailroom.core.db.models import Case, DocState, Document
from mailroom.core.db.session import transaction
from mailroom.core.errors import ConfigError, MailroomError, NotFound
from mailroom.routing.route import Route, RoutedMessage

#: States in which a document has a case type and a queue, so it can be corrected.
CORRECTABLE = frozenset({DocState.routed.value, DocState.needs_review.value})


log = logging.getLogger(__name__)


class NotCorrectable(MailroomError):
    """The document is not (yet) in a state that can be corrected."""


@dataclass(frozen=True)
class CorrectionResult:
    """The document after the correction, and what changed."""

    document: DocumentResult
    old: dict[str, Any]
    new: dict[str, Any]


def correct(
    mr: Mailroom,
    document_id: int,
    by: str,
    case_type: str | None = None,
    case_number: str | None = None,
    new_case: bool = False,
    reason: str | None = None,
) -> CorrectionResult:
    """Correct a document's case type and/or case, and move it to the right team's queue.

    With only a case type, the document's own case changes type when the
    document is its only one; otherwise (it was matched into a case of someone
    else's type) a new case of the corrected type is opened for it.
    """
    if case_number and new_case:
        raise ConfigError("give either a case number or --new-case, not both")
    if not (case_type or case_number or new_case):
        raise ConfigError("nothing to correct: give --case-type, --case or --new-case")
    if case_type is not None:
        mr.catalogue.case_type(case_type)
    with transaction(mr.sessions) as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise NotFound(f"no document {document_id}")
        if doc.state not in CORRECTABLE:
            raise NotCorrectable(
                f"document {document_id} is {doc.state}; only routed documents and documents "
                "in review can be corrected"
            )
        old = {"case_type": doc.case_type, "case_number": _number(doc), "team": doc.team}
        case = _target_case(mr, session, doc, case_type, case_number, new_case)
        doc.case = case
        doc.case_type = case.case_type
        doc.case_match = "corrected"
        doc.case_score = 1.0
        doc.team = mr.catalogue.team_for(case.case_type).code
        doc.state = DocState.routed.value
        doc.published_at = None  # publish again, to the new team's queue
        if doc.filed_at is not None and case.number != old["case_number"]:
            doc.filed_at = None  # filed again: moved to the zaak of the new case
        # A new team's work list: nobody there has taken it yet.
        doc.claimed_by = doc.claimed_at = doc.done_by = doc.done_at = None
        note = f"corrected by {by}" + (f": {reason}" if reason else "")
        doc.reasons = [note]
        new = {"case_type": doc.case_type, "case_number": case.number, "team": doc.team}
        record(
            session,
            mr,
            "corrected",
            actor=by,
            document=doc,
            case=case,
            old=old,
            new={**new, "reason": reason},
        )
        if doc.case_type != old["case_type"] or case_type is not None:
            keep_example(session, doc, doc.case_type, doc.text or "", by)
        acknowledgements.owe(mr, session, doc)
        message = RoutedMessage(
            doc.id, case.number, doc.case_type, doc.confidence or 0.0, doc.team, (note,)
        )
    # After the commit: the old team's view is the database, which no longer lists it;
    # a stale message in the old queue is recognised by its document's team.
    publish(mr, Route(message.team or "", message.team or "", ()), message)
    if mr.settings.case_register == "zgw":
        _file_again(mr, document_id, by)
    acknowledgements.acknowledge_document(mr, document_id)
    with mr.sessions() as session:
        result = DocumentResult.of(session.get_one(Document, document_id))
    return CorrectionResult(result, old, new)


def _file_again(mr: Mailroom, document_id: int, by: str) -> None:
    """File a corrected letter at once; a zaaksysteem that is away takes it later (the
    document stays unfiled, and the workers pick it up), the correction stands."""
    with mr.sessions() as session:
        doc = session.get_one(Document, document_id)
        if doc.filed_at is not None or doc.state != DocState.routed:
            return
        session.expunge(doc)
    try:
        file_step(mr, doc, acting=by)
    except MailroomError as e:
        if not e.transient:
            raise
        log.warning("document %s: not filed again yet: %s", document_id, e.message)


def _number(doc: Document) -> str | None:
    return doc.case.number if doc.case is not None else None


def _target_case(
    mr: Mailroom,
    session: Session,
    doc: Document,
    case_type: str | None,
    case_number: str | None,
    new_case: bool,
) -> Case:
    if case_number is not None:
        case = session.scalars(select(Case).where(Case.number == case_number.upper())).first()
        if case is None:
            raise NotFound(f"no case {case_number}; see `mailroom cases list`")
        if case_type is not None and case_type != case.case_type:
            raise ConfigError(
                f"case {case.number} is of type {case.case_type}, not {case_type}; "
                "leave out --case-type or use --new-case"
            )
        return case
    wanted = case_type or doc.case_type
    if wanted is None:
        raise ConfigError(
            f"document {doc.id} has no case type yet (no readable text); give --case-type"
        )
    current = doc.case
    if not new_case and current is not None:
        if current.case_type == wanted:
            return current
        others = session.scalar(
            select(func.count(Document.id)).where(
                Document.case_id == current.id, Document.id != doc.id
            )
        )
        # A zaak's zaaktype cannot change in the zaaksysteem: a filed case gets a new one.
        if not others and current.zaak_url is None:
            old_type, current.case_type = current.case_type, wanted
            old_due = current.due_date
            deadlines.set_due_date(mr, current, deadlines.receipt_date(doc.received_at))
            record(
                session,
                mr,
                "case_type_changed",
                case=current,
                old={"case_type": old_type, "due_date": _iso(old_due)},
                new={"case_type": wanted, "due_date": _iso(current.due_date)},
            )
            return current
    decision = CaseDecision("new", wanted, None, ("opened by a correction",))
    subject = next((ln.strip() for ln in (doc.text or "").splitlines() if ln.strip()), None)
    case = open_case(session, decision, mr.settings.case_number_format, mr.clock(), subject)
    if current is not None:
        case.related_to = current.number
    deadlines.set_due_date(mr, case, deadlines.receipt_date(doc.received_at))
    new = {"number": case.number, "case_type": wanted, "due_date": _iso(case.due_date)}
    record(session, mr, "case_opened", case=case, new=new)
    return case


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
