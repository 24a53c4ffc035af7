"""The case register in the database: look-ups for matching and opening new cases."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, union, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mailroom.cases.addresses import house_forms
from mailroom.cases.matching import NAMESAKES, PARTY_LIMIT, CaseDecision, CaseRef, Party
from mailroom.cases.names import other_surname_key, surname_key, surname_keys
from mailroom.db.models import Case, Counter
from mailroom.errors import CaseNumberUnavailable

# PARTY_LIMIT and NAMESAKES (matching): how many cases of one party's identifiers, of one
# surname and type, make a shared address or a common name rather than a person.
#: Tries to find a free number before giving up (each after jumping past the register).
NUMBER_ATTEMPTS = 5


def case_ref(case: Case) -> CaseRef:
    """What matching sees of a case row."""
    return CaseRef(
        number=case.number,
        case_type=case.case_type,
        status=case.status,
        bsn=case.bsn,
        kvk=case.kvk,
        email=case.email,
        postcode=case.postcode,
        house_number=case.house_number,
        name=case.name,
        invoice_number=case.invoice_number,
        subject=case.subject,
        related_to=case.related_to,
    )


class DbCaseLookup:
    """:class:`~mailroom.cases.matching.CaseLookup` over a database session.

    Every query is an equality on an indexed column, so matching stays fast in
    a register of millions of cases (see benchmarks/matching.py).
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_number(self, number: str) -> CaseRef | None:
        """The case with this number, if it exists."""
        case = self.session.scalars(select(Case).where(Case.number == number)).first()
        return case_ref(case) if case else None

    def by_invoice_numbers(self, numbers: Sequence[str]) -> list[CaseRef]:
        """Invoice cases whose invoice number is one of ``numbers``, in that order; all of
        them when suppliers share a number."""
        rows = self.session.scalars(
            select(Case)
            .where(Case.invoice_number.in_(list(numbers)))
            .order_by(Case.id)
            .limit(PARTY_LIMIT)
        )
        found: dict[str | None, list[Case]] = {}
        for case in rows:
            found.setdefault(case.invoice_number, []).append(case)
        return [case_ref(c) for n in dict.fromkeys(numbers) for c in found.get(n, ())]

    def open_by_surname(self, surnames: Sequence[str], case_type: str) -> list[CaseRef]:
        """Open cases of ``case_type`` with one of ``surnames`` as either part of their
        surname; a surname with NAMESAKES or more such cases (a common name, which decides
        nothing) finds none."""
        keys = list(dict.fromkeys(surnames))
        if not keys:
            return []
        open_of_type = (Case.case_type == case_type, Case.status == "open")
        # Keys only, on the two indexes: a common surname has hundreds of such cases.
        found = self.session.execute(
            union(
                select(Case.id, Case.surname.label("key")).where(
                    Case.surname.in_(keys), *open_of_type
                ),
                select(Case.id, Case.other_surname.label("key")).where(
                    Case.other_surname.in_(keys), *open_of_type
                ),
            ).limit(NAMESAKES * len(keys))
        ).all()
        per_key: dict[str, set[int]] = {}
        for case_id, key in found:
            per_key.setdefault(key, set()).add(case_id)
        ids = {i for group in per_key.values() if len(group) < NAMESAKES for i in group}
        if not ids:
            return []
        rows = self.session.scalars(select(Case).where(Case.id.in_(ids)).order_by(Case.id.desc()))
        return [case_ref(c) for c in rows]

    def by_party(self, party: Party) -> list[CaseRef]:
        """Cases carrying one of the party's BSNs, KvK numbers, emails or addresses, or
        (for a street without postcode) one of its surnames with the house number."""
        selects = []
        if party.bsns:
            selects.append(select(Case.id).where(Case.bsn.in_(party.bsns)))
        if party.kvks:
            selects.append(select(Case.id).where(Case.kvk.in_(party.kvks)))
        if party.emails:
            selects.append(select(Case.id).where(Case.email.in_(party.emails)))
        for postcode, house_number in party.addresses:
            # "4" also finds "4-2" and "4A": an addition the letter may have left out
            # (matching then wants the name to agree). Exact values, so the index serves.
            forms = house_forms(house_number, with_additions=True)
            selects.append(
                select(Case.id).where(Case.postcode == postcode, Case.house_number.in_(forms))
            )
        names = (*party.names, *party.organisations)
        surnames = sorted({key for name in names for key in surname_keys(name)})
        streets = dict.fromkeys((*party.streets, *party.about_streets)) if surnames else {}
        for _street, house_number in streets:
            forms = house_forms(house_number)
            for column in (Case.surname, Case.other_surname):
                selects.append(
                    select(Case.id).where(column.in_(surnames), Case.house_number.in_(forms))
                )
        if not selects:
            return []
        # One index look-up per identifier, united: an OR would scan the table.
        ids = union(*selects).subquery()
        rows = self.session.scalars(
            select(Case)
            .where(Case.id.in_(select(ids.c.id)))
            .order_by(Case.id.desc())
            .limit(PARTY_LIMIT)
        )
        return [case_ref(c) for c in rows]


def next_sequence(session: Session, name: str, step: int = 1) -> int:
    """Increment counter ``name`` by ``step`` and return its new value.

    One ``UPDATE ... RETURNING`` statement, so two workers can never get the same
    value: the row lock (PostgreSQL) or the write lock (SQLite) serialises them.
    """
    stmt = update(Counter).where(Counter.name == name).values(value=Counter.value + step)
    value = session.scalar(stmt.returning(Counter.value))
    if value is None:
        try:
            with session.begin_nested():
                session.add(Counter(name=name, value=0))
        except IntegrityError:
            pass  # another worker created the counter first; increment theirs
        value = session.scalar(stmt.returning(Counter.value))
    return int(value)


def raise_counter(session: Session, name: str, value: int) -> None:
    """Set counter ``name`` to at least ``value`` (it never goes down)."""
    next_sequence(session, name, step=0)  # creates the counter when it does not exist
    session.execute(
        update(Counter).where(Counter.name == name, Counter.value < value).values(value=value)
    )


def _number_regex(number_format: str, year: int) -> tuple[str, re.Pattern[str]]:
    """The literal start of this year's numbers and a pattern reading their sequence."""
    prefix, pattern, seen_seq = "", "", False
    for literal, field, spec, _ in string.Formatter().parse(number_format):
        pattern += re.escape(literal)
        prefix += "" if seen_seq else literal
        if field == "year":
            value = format(year, spec or "")
            pattern += re.escape(value)
            prefix += "" if seen_seq else value
        elif field == "seq":
            pattern += r"(?P<seq>\d+)"
            seen_seq = True
    return prefix, re.compile(pattern)


def highest_sequence(session: Session, number_format: str, year: int) -> int:
    """The highest sequence number of this year's numbers in the register, whoever made them."""
    prefix, pattern = _number_regex(number_format, year)
    numbers = session.scalars(select(Case.number).where(Case.number.startswith(prefix)))
    return max((int(m["seq"]) for n in numbers if (m := pattern.fullmatch(n))), default=0)


def open_case(
    session: Session,
    decision: CaseDecision,
    number_format: str,
    now: datetime,
    subject: str | None,
) -> Case:
    """Open a new case with the next free number of this year, carrying the letter's
    identifiers so that follow-ups without a case number find it.

    The register also holds numbers mailroom did not give out (imported, or made
    by the zaaksysteem in the same format). A number that is taken makes the
    counter jump past the highest number of the year in the register; the insert
    runs in a savepoint, so a collision never spoils the caller's transaction.
    """
    counter = f"case_number:{now.year}"
    for _ in range(NUMBER_ATTEMPTS):
        number = number_format.format(year=now.year, seq=next_sequence(session, counter))
        case = _new_case(number, decision, now, subject)
        try:
            with session.begin_nested():
                session.add(case)
                session.flush()
        except IntegrityError:
            raise_counter(session, counter, highest_sequence(session, number_format, now.year))
            continue
        return case
    raise CaseNumberUnavailable(
        f"no free case number after {NUMBER_ATTEMPTS} tries (last {number}); "
        "check the setting case_number_format"
    )


def _new_case(number: str, decision: CaseDecision, now: datetime, subject: str | None) -> Case:
    party = decision.party
    address: tuple[str | None, str | None] = (None, None)
    if party.names and party.addresses:
        address = party.addresses[0]
    elif party.names and party.streets:
        address = (None, party.streets[0][1])  # no postcode: the name and number find it
    return Case(
        number=number,
        case_type=decision.case_type,
        status="open",
        subject=subject,
        opened_at=now,
        # Only unambiguous identifiers: one BSN, one KvK, one email address.
        bsn=party.bsns[0] if len(party.bsns) == 1 else None,
        kvk=party.kvks[0] if len(party.kvks) == 1 else None,
        email=party.emails[0] if party.emails else None,
        postcode=address[0],
        house_number=address[1],
        name=party.names[0] if party.names else None,
        surname=surname_key(party.names[0]) if party.names else None,
        other_surname=other_surname_key(party.names[0]) if party.names else None,
        invoice_number=decision.invoice_number,
        related_to=decision.related_to,
    )
