"""The case register as employees see it: import, list, show. BSNs are always masked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.cases.evaluate import MatchEvaluation, evaluate_matching
from mailroom.cases.identifiers import mask_bsn
from mailroom.cases.importer import ImportReport, import_rows, read_case_file, read_case_rows
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.config.settings import Settings
from mailroom.core.db.models import Case, Document, Event, as_utc
from mailroom.core.db.session import transaction
from mailroom.core.errors import NotFound


def import_cases(mr: Mailroom, path: Path, by: str) -> ImportReport:
    """Import a case CSV: every row valid or nothing imported; known numbers are updated."""
    rows = read_case_rows(read_case_file(path), mr.catalogue)
    with transaction(mr.sessions) as session:
        report = import_rows(session, rows, mr.clock())
        record(session, mr, "cases_imported", actor=by, new={"file": path.name, **asdict(report)})
    return report


@dataclass(frozen=True)
class CaseSummary:
    """One line of ``cases list``."""

    number: str
    case_type: str
    status: str
    name: str | None
    bsn: str | None  # masked
    kvk: str | None
    postcode: str | None
    house_number: str | None
    subject: str | None
    opened_at: datetime
    documents: int

    @classmethod
    def of(cls, case: Case, documents: int) -> CaseSummary:
        """From a case row."""
        return cls(
            number=case.number,
            case_type=case.case_type,
            status=case.status,
            name=case.name,
            bsn=mask_bsn(case.bsn) if case.bsn else None,
            kvk=case.kvk,
            postcode=case.postcode,
            house_number=case.house_number,
            subject=case.subject,
            opened_at=as_utc(case.opened_at),
            documents=documents,
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {**asdict(self), "opened_at": self.opened_at.isoformat()}


def list_cases(
    mr: Mailroom,
    status: str | None = None,
    case_type: str | None = None,
    limit: int = 200,
) -> list[CaseSummary]:
    """The most recently opened cases, optionally of one status and type."""
    if case_type is not None:
        mr.catalogue.case_type(case_type)  # an unknown code is an error, not an empty list
    with mr.sessions() as session:
        stmt = select(Case).order_by(Case.opened_at.desc(), Case.id.desc()).limit(limit)
        if status:
            stmt = stmt.where(Case.status == status)
        if case_type:
            stmt = stmt.where(Case.case_type == case_type)
        cases = list(session.scalars(stmt))
        counts = _document_counts(session, [c.id for c in cases])
        return [CaseSummary.of(c, counts.get(c.id, 0)) for c in cases]


def _document_counts(session: Session, ids: Sequence[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = session.execute(
        select(Document.case_id, func.count())
        .where(Document.case_id.in_(ids))
        .group_by(Document.case_id)
    )
    return {case_id: n for case_id, n in rows if case_id is not None}


@dataclass(frozen=True)
class CaseDetail:
    """A case with its documents and its timeline (``cases show``)."""

    case: CaseSummary
    related_to: str | None
    documents: list[dict[str, Any]]
    timeline: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            **self.case.to_json(),
            "related_to": self.related_to,
            "documents": self.documents,
            "timeline": self.timeline,
        }


def show_case(mr: Mailroom, number: str) -> CaseDetail:
    """One case: what it is, its documents, and every event on it or its documents."""
    with mr.sessions() as session:
        case = session.scalars(select(Case).where(Case.number == number.upper())).first()
        if case is None:
            raise NotFound(f"no case {number}; see `mailroom cases list`")
        documents = list(
            session.scalars(
                select(Document).where(Document.case_id == case.id).order_by(Document.id)
            )
        )
        events = session.scalars(
            select(Event)
            .where(or_(Event.case_id == case.id, Event.document_id.in_([d.id for d in documents])))
            .order_by(Event.at, Event.id)
        )
        return CaseDetail(
            case=CaseSummary.of(case, len(documents)),
            related_to=case.related_to,
            documents=[
                {
                    "id": d.id,
                    "received_at": as_utc(d.received_at).isoformat(),
                    "source": Path(d.source_file).name,
                    "part": d.part,
                    "state": d.state,
                    "case_match": d.case_match,
                    "reasons": d.reasons or [],
                }
                for d in documents
            ],
            timeline=[
                {
                    "at": as_utc(e.at).isoformat(),
                    "actor": e.actor,
                    "action": e.action,
                    "document_id": e.document_id,
                }
                for e in events
            ],
        )


def case_facts(detail: CaseDetail) -> list[tuple[str, str]]:
    """What is known of a case's subject and party, labelled, leaving out what is not known."""
    c = detail.case
    facts = (
        ("subject", c.subject),
        ("name", c.name),
        ("BSN", c.bsn),
        ("KvK", c.kvk),
        ("address", " ".join(x for x in (c.postcode, c.house_number) if x)),
        ("related to", detail.related_to),
    )
    return [(label, value) for label, value in facts if value]


def evaluate_register(
    settings: Settings,
    cases_csv: Path,
    letters: Path,
    addresses: Path | None = None,
    trade_names: Path | None = None,
) -> MatchEvaluation:
    """Match labelled letters against a case register CSV (and an address register, a BAG
    extract, and a trade register, a Handelsregister extract, where given) in a scratch
    database (no data directory needed), with the installation's catalogue and case-number
    patterns."""
    return evaluate_matching(
        cases_csv,
        letters,
        load_catalogue(settings.catalogue_file),
        settings.case_number_patterns,
        addresses,
        trade_names,
    )
