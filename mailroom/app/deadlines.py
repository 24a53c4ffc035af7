"""The legal clock of a case: its due date, an ingebrekestelling, and what is due when.

A case gets its due date when it is opened: the term of its case type's rule (the
catalogue) counted from the receipt date by the Algemene termijnenwet
(:mod:`mailroom.cases.deadlines`). A correction of the case type computes it again.
With a zaaksysteem connected, the zaak's ``uiterlijkeEinddatumAfdoening`` is the due
date: mailroom sends its own when it makes the zaak and takes the zaak's when it
syncs or files.

A letter that declares the municipality in default (an ingebrekestelling, Awb 4:17)
marks its case urgent with the day from which the penalty runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from mailroom.app.context import Mailroom
from mailroom.cases.deadlines import days_left, due_date, penalty_start
from mailroom.cases.default_notice import DefaultNotice, find_default_notice
from mailroom.core.db.models import Case, CaseStatus, as_utc
from mailroom.core.errors import ConfigError

#: The municipality's clock: a letter received at 00:30 on the 4th counts from the 4th.
LOCAL = ZoneInfo("Europe/Amsterdam")
#: The reason a document carrying an ingebrekestelling is given.
DEFAULT_NOTICE = "ingebrekestelling"


def receipt_date(received_at: datetime) -> date:
    """The day a letter was received, in the Netherlands (times are stored in UTC)."""
    return as_utc(received_at).astimezone(LOCAL).date()


def set_due_date(mr: Mailroom, case: Case, received: date) -> None:
    """Give ``case`` the due date of its case type's rule counted from ``received`` (no
    rule: no due date). A case whose zaak carries the zaaksysteem's date keeps that."""
    rule = mr.catalogue.case_type(case.case_type).deadline
    if rule is None:
        case.due_date = case.extended_due_date = case.due_rule = None
        return
    due = due_date(rule, received)
    case.due_date, case.extended_due_date = due.date, due.extended_date
    # The column holds 64 characters; a municipality's own article text may be longer.
    case.due_rule = rule.article[:64]


def default_notice(text: str) -> DefaultNotice | None:
    """The ingebrekestelling in a letter's text, if it declares one."""
    return find_default_notice(text)


def mark_default(case: Case, received: date) -> date:
    """Mark ``case`` urgent: an ingebrekestelling was received on ``received``. Returns the
    day the penalty runs from (the earliest, when one came before)."""
    start = penalty_start(received)
    if case.penalty_from is None or start < case.penalty_from:
        case.penalty_from = start
    return case.penalty_from


@dataclass(frozen=True)
class Deadline:
    """One open case and its clock."""

    case_number: str
    case_type: str
    team: str
    due_date: date
    extended_due_date: date | None
    rule: str | None
    days_left: int
    penalty_from: date | None

    @property
    def overdue(self) -> bool:
        """Past its due date."""
        return self.days_left < 0

    @property
    def urgent(self) -> bool:
        """An ingebrekestelling was received: a penalty runs or is about to."""
        return self.penalty_from is not None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "case_number": self.case_number,
            "case_type": self.case_type,
            "team": self.team,
            "due_date": self.due_date.isoformat(),
            "extended_due_date": (
                self.extended_due_date.isoformat() if self.extended_due_date else None
            ),
            "rule": self.rule,
            "days_left": self.days_left,
            "overdue": self.overdue,
            "urgent": self.urgent,
            "penalty_from": self.penalty_from.isoformat() if self.penalty_from else None,
        }


def today(mr: Mailroom) -> date:
    """Today in the Netherlands, by the installation's clock."""
    return receipt_date(mr.clock())


def deadlines(
    mr: Mailroom,
    team: str | None = None,
    overdue: bool = False,
    within: int | None = None,
) -> list[Deadline]:
    """Open cases with a due date, urgent ones first, then the soonest due: all, one
    team's, only the overdue ones, or those due within ``within`` days (overdue included)."""
    types = _types_of(mr, team)
    now = today(mr)
    stmt = select(Case).where(Case.status == CaseStatus.open.value, Case.due_date.is_not(None))
    if types is not None:
        stmt = stmt.where(Case.case_type.in_(types))
    if overdue:
        stmt = stmt.where(Case.due_date < now)
    elif within is not None:
        stmt = stmt.where(Case.due_date <= date.fromordinal(now.toordinal() + within))
    stmt = stmt.order_by(Case.penalty_from.is_(None), Case.due_date, Case.number)
    with mr.sessions() as session:
        return [_deadline(mr, case, now) for case in session.scalars(stmt)]


def _types_of(mr: Mailroom, team: str | None) -> list[str] | None:
    if team is None:
        return None
    if team not in mr.catalogue.teams:
        known = ", ".join(sorted(mr.catalogue.teams))
        raise ConfigError(f"unknown team {team!r}; known: {known}")
    return [code for code, t in mr.catalogue.case_types.items() if t.team == team]


def _deadline(mr: Mailroom, case: Case, now: date) -> Deadline:
    assert case.due_date is not None
    known = case.case_type in mr.catalogue.case_types
    return Deadline(
        case_number=case.number,
        case_type=case.case_type,
        team=mr.catalogue.team_for(case.case_type).code if known else "",
        due_date=case.due_date,
        extended_due_date=case.extended_due_date,
        rule=case.due_rule,
        days_left=days_left(case.due_date, now),
        penalty_from=case.penalty_from,
    )
