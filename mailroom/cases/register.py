"""The case register in the database: look-ups for matching and opening new cases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mailroom.cases.matching import CaseRef
from mailroom.db.models import Case, Counter


class DbCaseLookup:
    """:class:`~mailroom.cases.matching.CaseLookup` over a database session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_number(self, number: str) -> CaseRef | None:
        """The case with this number, if it exists."""
        case = self.session.scalars(select(Case).where(Case.number == number)).first()
        return CaseRef(case.number, case.case_type, case.status) if case else None


def next_sequence(session: Session, name: str) -> int:
    """Increment counter ``name`` and return its new value.

    One ``UPDATE ... RETURNING`` statement, so two workers can never get the same
    value: the row lock (PostgreSQL) or the write lock (SQLite) serialises them.
    """
    stmt = update(Counter).where(Counter.name == name).values(value=Counter.value + 1)
    value = session.scalar(stmt.returning(Counter.value))
    if value is None:
        try:
            with session.begin_nested():
                session.add(Counter(name=name, value=0))
        except IntegrityError:
            pass  # another worker created the counter first; increment theirs
        value = session.scalar(stmt.returning(Counter.value))
    return int(value)


def open_case(
    session: Session, case_type: str, number_format: str, now: datetime, subject: str | None
) -> Case:
    """Open a new case with the next number of this year."""
    seq = next_sequence(session, f"case_number:{now.year}")
    case = Case(
        number=number_format.format(year=now.year, seq=seq),
        case_type=case_type,
        status="open",
        subject=subject,
        opened_at=now,
    )
    session.add(case)
    session.flush()
    return case
