"""Due dates: when the municipality must have decided or answered, by the catalogue's rules.

A term set by law is computed under the **Algemene termijnenwet** (Atw):

* art. 1: a term that ends on a Saturday, Sunday or generally recognised holiday
  is extended to the next day that is none of those;
* art. 2: a term of at least three days is extended so that it includes at least
  two days that are not a Saturday, Sunday or holiday;
* art. 3: the holidays are Nieuwjaarsdag, Tweede Paasdag, Hemelvaartsdag, Tweede
  Pinksterdag, both Christmas days, the day the King's birthday is celebrated
  and 5 May (every year). Easter and Whit Sunday are Sundays anyway.

The holidays come from the ``holidays`` library's Dutch calendar, corrected where
it differs from the Atw: it lists Goede Vrijdag (no Atw holiday) and has 5 May
only in lustrum years (the Atw has it every year).

A service norm (a term the municipality chose) is a plain calendar term: the Atw
only extends terms set by law, and answering early is never wrong.

Counting: for ``day_after_receipt`` the term's first day is the day after
receipt, so "6 weeks" received on a Monday ends on the Monday six weeks later;
for ``receipt`` the day of receipt is the first day (one day earlier). Month
terms are calendar months: 31 January + 1 month is the last day of February.
For ``objection_term_end`` the first day is the day after the objection term
ended (Awb 7:10); when that day is unknown, the receipt date stands in, which can
only make the due date earlier (an objection is received before its term ends,
unless it is late): the safe side.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from mailroom.core.config.catalogue import DeadlineRule, Term

#: The Atw art. 3 holidays by the ``holidays`` library's English names (Queen's Day
#: was the celebrated royal birthday until 2013). Anything else it lists is dropped.
_ATW_NAMES = frozenset(
    {
        "New Year's Day",
        "Easter Monday",
        "Ascension Day",
        "Pentecost Monday",
        "Christmas Day",
        "Second Day of Christmas",
        "King's Day",
        "Queen's Day",
        "Liberation Day",
    }
)

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DueDate:
    """When a case must be decided: ``date``, and ``extended_date`` after the rule's
    extension (None when the rule has none); ``starts`` is the term's first day."""

    # dt.date: the field named ``date`` hides the type inside the class body.
    date: dt.date
    extended_date: dt.date | None
    article: str
    rule: DeadlineRule
    starts: dt.date


@functools.lru_cache(maxsize=256)
def atw_holidays(year: int) -> frozenset[date]:
    """The generally recognised holidays of the Algemene termijnenwet (art. 3) in ``year``."""
    calendar_nl = holidays.country_holidays("NL", years=year, language="en_US")
    days = {
        day
        for day, names in calendar_nl.items()
        if _ATW_NAMES.intersection(name.strip() for name in names.split(";"))
    }
    days.add(date(year, 5, 5))  # every year, not only in lustrum years as the library has it
    return frozenset(days)


def is_working_day(day: date) -> bool:
    """Not a Saturday, Sunday or Atw holiday."""
    return day.weekday() < 5 and day not in atw_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += _DAY
    return day


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, or that month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_working_days(first: date, amount: int) -> date:
    """The ``amount``-th working day counting ``first`` as a candidate for the first one."""
    day, left = first - _DAY, amount
    while left:
        day += _DAY
        if is_working_day(day):
            left -= 1
    return day


def term_end(first: date, term: Term) -> date:
    """The last day of ``term`` when ``first`` is its first day, before the Atw."""
    if term.unit == "working_days":
        return _add_working_days(first, term.amount)
    before = first - _DAY  # "n weeks after the day before the first" is the last day
    if term.unit == "months":
        return add_months(before, term.amount)
    days = term.amount * (7 if term.unit == "weeks" else 1)
    return before + timedelta(days=days)


def apply_atw(first: date, end: date) -> date:
    """The end of a statutory term from ``first`` to ``end``, extended by Atw art. 2 and 1."""
    if (end - first).days + 1 >= 3:
        # Art. 2: at least two days in the term that are not Saturday, Sunday or holiday.
        while (
            sum(is_working_day(first + timedelta(days=i)) for i in range((end - first).days + 1))
            < 2
        ):
            end += _DAY
    return next_working_day(end)  # art. 1


def _first_day(rule: DeadlineRule, received: date, objection_term_end: date | None) -> date:
    if rule.counts_from == "receipt":
        return received
    if rule.counts_from == "objection_term_end" and objection_term_end is not None:
        return objection_term_end + _DAY
    return received + _DAY


def due_date(
    rule: DeadlineRule, received: date, *, objection_term_end: date | None = None
) -> DueDate:
    """When a case under ``rule`` received on ``received`` must be decided.

    ``objection_term_end`` is the last day of the objection term (already past the
    Atw) for rules counted from it; without it the receipt date stands in.
    The extension runs on from the unextended end of the term (Awb 7:10 lid 3:
    "verdagen voor ten hoogste zes weken"); the Atw applies to each end.
    """
    first = _first_day(rule, received, objection_term_end)
    end = term_end(first, rule.term)
    extended = None if rule.extension is None else term_end(end + _DAY, rule.extension)
    if not rule.service_norm:
        end_atw = apply_atw(first, end)
        extended = None if extended is None else apply_atw(first, extended)
        end = end_atw
    return DueDate(end, extended, rule.article, rule, first)


def penalty_start(received: date) -> date:
    """The first day a penalty (dwangsom) is owed after an ingebrekestelling received on
    ``received`` (Awb 4:17 lid 3).

    The municipality has two weeks after the day of receipt to decide after all;
    the penalty runs from the day after those two weeks. The two weeks are a term
    set by law, so the Atw extends them when they end on a weekend or holiday.
    Awb 4:17 has conditions of its own (the decision term must have passed when the
    notice was sent; none is owed for an inadmissible request): the case worker's call.
    """
    first = received + _DAY
    return apply_atw(first, term_end(first, Term(2, "weeks"))) + _DAY


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is
    before ``start``): "due in N working days"."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))


def days_left(due: date, today: date) -> int:
    """Calendar days from ``today`` to ``due``: 0 on the day itself, negative when overdue."""
    return (due - today).days
