"""The case register in the database: look-ups for matching and opening new cases."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mailroom.cases.addresses import house_forms
from mailroom.cases.bag import street_end_key, street_key
from mailroom.cases.matching import NAMESAKES, PARTY_LIMIT, CaseDecision, CaseRef, Party
from mailroom.cases.names import (
    indexed_words,
    other_surname_key,
    subject_house_key,
    surname_key,
    surname_keys,
)
from mailroom.core.db.models import Case, CaseStatus, CaseWord, Counter
from mailroom.core.errors import CaseNumberUnavailable

# PARTY_LIMIT and NAMESAKES (matching): how many cases of one party's identifiers, of one
# surname and type, make a shared address or a common name rather than a person.
#: Tries to find a free number before giving up (each after jumping past the register).
NUMBER_ATTEMPTS = 5


#: The columns matching sees of a case, in the order of CaseRef's fields: a look-up may
#: return dozens of cases, read as plain rows (ORM objects would cost more than the query).
_COLUMNS = ", ".join(f.name for f in fields(CaseRef))
_OPEN = CaseStatus.open.value


class _Query:
    """One look-up's SQL text and parameters, run as it is on the session's connection.

    The look-ups are a few fixed statements run for every letter, so they are written
    as SQL rather than built and compiled by the ORM each time (that cost more than the
    query itself). The same shape of look-up gives the same text, so the driver reuses
    it: SQLite's statement cache, and on PostgreSQL a prepared statement (psycopg
    prepares a text after a few executions), planned once rather than per letter.
    Limits and the status are literals, not parameters: a prepared statement's plan
    with ``LIMIT $1`` expects a tenth of the table and is never reused.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.params: dict[str, str] = {}

    def value(self, value: str) -> str:
        """A placeholder for ``value``."""
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s" if self.postgres else f":{name}"

    def values(self, values: Iterable[str]) -> str:
        """Placeholders for ``values``, for ``IN (...)``."""
        return ", ".join(self.value(v) for v in values)

    def refs(self, sql: str) -> list[CaseRef]:
        """The cases the statement reads (``_COLUMNS``, in that order)."""
        if self.session.autoflush:  # as an ORM query would: pending changes count
            self.session.flush()
        rows = self.session.connection().exec_driver_sql(sql, self.params)
        return [CaseRef(*row) for row in cast(Iterable[tuple[Any, ...]], rows)]

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """The rows the statement reads, as tuples."""
        return [tuple(row) for row in self.session.connection().exec_driver_sql(sql, self.params)]


class DbCaseLookup:
    """:class:`~mailroom.cases.matching.CaseLookup` over a database session.

    Every query is an equality on an indexed column, so matching stays fast in
    a register of millions of cases (see benchmarks/matching.py), and each look-up is
    one statement: on PostgreSQL every statement is a round trip to the server.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_number(self, number: str) -> CaseRef | None:
        """The case with this number, if it exists."""
        q = _Query(self.session)
        found = q.refs(f"SELECT {_COLUMNS} FROM cases WHERE number = {q.value(number)}")
        return found[0] if found else None

    def by_invoice_numbers(self, numbers: Sequence[str]) -> list[CaseRef]:
        """Invoice cases whose invoice number is one of ``numbers``, in that order; all of
        them when suppliers share a number."""
        if not numbers:
            return []
        q = _Query(self.session)
        rows = q.refs(
            f"SELECT {_COLUMNS} FROM cases WHERE invoice_number IN ({q.values(numbers)}) "
            f"ORDER BY id LIMIT {PARTY_LIMIT}"
        )
        found: dict[str | None, list[CaseRef]] = {}
        for case in rows:
            found.setdefault(case.invoice_number, []).append(case)
        return [c for n in dict.fromkeys(numbers) for c in found.get(n, ())]

    def open_by_surname(
        self, surnames: Sequence[str], case_type: str, words: Sequence[str] = ()
    ) -> list[CaseRef]:
        """Open cases of ``case_type`` with one of ``surnames`` as either part of their
        surname, or (organisations) one of ``words`` as a word of their name; a key with
        NAMESAKES or more such cases (a common name, which decides nothing) finds none."""
        keys = [("surname", k) for k in _padded(list(dict.fromkeys(surnames)))]
        keys += [("word", k) for k in _padded(list(dict.fromkeys(words)))]
        if not keys:
            return []
        q = _Query(self.session)
        type_ = q.value(case_type)
        # Per key at most NAMESAKES ids from each index: a common surname has thousands of
        # such cases, and only their count matters then. All keys in one statement. A
        # word's organisations are read from case_words first, at most WORD_CASES (a word in
        # hundreds of names, the town's, decides nothing), then their cases: a plan
        # starting from the cases of the type would scan them all for a word no
        # organisation has.
        selects = {
            "surname": (
                "SELECT id FROM cases WHERE surname = {key} AND case_type = {type_} "
                "AND status = '{open_}' LIMIT {limit}",
                "SELECT id FROM cases WHERE other_surname = {key} AND case_type = {type_} "
                "AND status = '{open_}' LIMIT {limit}",
            ),
            "word": (
                "SELECT c.id FROM (SELECT case_id FROM case_words WHERE word = {key} "
                "LIMIT {words}) AS w JOIN cases c ON c.id = w.case_id "
                "WHERE c.case_type = {type_} AND c.status = '{open_}' LIMIT {limit}",
            ),
        }
        found = " UNION ALL ".join(
            f"SELECT {i} AS k, id FROM ("
            + select.format(key=key, type_=type_, open_=_OPEN, limit=NAMESAKES, words=WORD_CASES)
            + f") AS s{i}_{j}"
            for i, (kind, key) in enumerate((kind, q.value(k)) for kind, k in keys)
            for j, select in enumerate(selects[kind])
        )
        return q.refs(
            f"WITH found AS ({found}) "
            f"SELECT {_COLUMNS} FROM cases WHERE id IN (SELECT id FROM found WHERE k IN "
            f"(SELECT k FROM found GROUP BY k HAVING count(DISTINCT id) < {NAMESAKES})) "
            "ORDER BY id DESC"
        )

    def open_at_subject_house(
        self, houses: Sequence[tuple[str, str]], case_type: str
    ) -> list[CaseRef]:
        """Open cases of ``case_type`` of organisations whose subject names one of
        ``houses`` (street, number); none for a house in WORD_CASES subjects or more."""
        keys = _padded(list(dict.fromkeys(subject_house_key(s, n) for s, n in houses if s and n)))
        if not keys:
            return []
        q = _Query(self.session)
        type_ = q.value(case_type)
        found = " UNION ALL ".join(
            f"SELECT {i} AS k, id FROM (SELECT c.id FROM (SELECT case_id FROM case_words "
            f"WHERE word = {q.value(key)} LIMIT {WORD_CASES}) AS w JOIN cases c ON "
            f"c.id = w.case_id WHERE c.case_type = {type_} AND c.status = '{_OPEN}' "
            f"LIMIT {NAMESAKES}) AS s{i}"
            for i, key in enumerate(keys)
        )
        return q.refs(
            f"WITH found AS ({found}) "
            f"SELECT {_COLUMNS} FROM cases WHERE id IN (SELECT id FROM found WHERE k IN "
            f"(SELECT k FROM found GROUP BY k HAVING count(DISTINCT id) < {NAMESAKES})) "
            "ORDER BY id DESC"
        )

    def postcodes_at(
        self, houses: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[str, ...]]:
        """The postcodes the address register (BAG) gives each (street, number) written
        without one: by the street's full name, else by its last word ("Burg. de
        Withstraat" for Burgemeester de Withstraat). Two or more where villages of the
        municipality share a street name; none for a house the register lacks."""
        wanted = list(dict.fromkeys((s, n) for s, n in houses if s and n))
        if not wanted:
            return {}
        q = _Query(self.session)
        probes = []
        for i, (street, number) in enumerate(wanted):
            forms = q.values(house_forms(number))
            for by_end, column, key in (
                (0, "street_key", street_key),
                (1, "end_key", street_end_key),
            ):
                probes.append(
                    f"SELECT {i} AS k, {by_end} AS by_end, postcode FROM (SELECT postcode "
                    f"FROM addresses WHERE {column} = {q.value(key(street))} AND house_number "
                    f"IN ({forms}) LIMIT {NAMESAKES}) AS a{i}_{by_end}"
                )
        found: dict[int, dict[int, list[str]]] = {}
        for k, by_end, postcode in q.rows(" UNION ALL ".join(probes)):
            found.setdefault(int(k), {}).setdefault(int(by_end), []).append(str(postcode))
        placed: dict[tuple[str, str], tuple[str, ...]] = {}
        for i, house in enumerate(wanted):
            by_key = found.get(i, {})
            codes = by_key.get(0) or by_key.get(1) or []
            if codes:
                placed[house] = tuple(sorted(set(codes)))
        return placed

    def firm_trading_as(self, keys: Sequence[str]) -> dict[str, tuple[str, str] | None]:
        """The (KvK number, trade name) of the firm the trade register (Handelsregister)
        has under each key (see :func:`mailroom.cases.kvk.name_keys`), None where several
        firms share it; a key it does not hold is left out."""
        wanted = _padded(list(dict.fromkeys(k for k in keys if k)))
        if not wanted:
            return {}
        q = _Query(self.session)
        # One row per key, however many firms share it ("De Zwaan"): only one counts.
        rows = q.rows(
            "SELECT key, count(DISTINCT kvk), min(kvk), min(name) FROM trade_names "
            f"WHERE key IN ({q.values(wanted)}) GROUP BY key"
        )
        return {
            str(key): (str(kvk), str(name)) if firms == 1 else None
            for key, firms, kvk, name in rows
        }

    def houses_trading_as(self, key: str) -> tuple[tuple[str, str], ...]:
        """The (postcode, house number) of the establishments the trade register has under
        ``key``, sorted."""
        q = _Query(self.session)
        rows = q.rows(
            "SELECT DISTINCT postcode, house_number FROM trade_names "
            f"WHERE key = {q.value(key)} AND postcode IS NOT NULL AND house_number IS NOT NULL"
        )
        return tuple(sorted((str(p), str(n)) for p, n in rows))

    def by_party(self, party: Party) -> list[CaseRef]:
        """Cases carrying one of the party's BSNs, KvK numbers, emails or addresses, or
        (for a street without postcode) one of its surnames with the house number."""
        q = _Query(self.session)
        where = []
        if party.bsns:
            where.append(f"bsn IN ({q.values(party.bsns)})")
        if party.kvks:
            where.append(f"kvk IN ({q.values(party.kvks)})")
        if party.emails:
            where.append(f"email IN ({q.values(party.emails)})")
        for postcode, house_number in party.addresses:
            # "4" also finds "4-2" and "4A": an addition the letter may have left out
            # (matching then wants the name to agree). Exact values, so the index serves.
            forms = house_forms(house_number, with_additions=True)
            where.append(f"postcode = {q.value(postcode)} AND house_number IN ({q.values(forms)})")
        names = (*party.names, *party.organisations)
        surnames = sorted({key for name in names for key in surname_keys(name)})
        streets = dict.fromkeys((*party.streets, *party.about_streets)) if surnames else {}
        for _street, house_number in streets:
            numbers = q.values(house_forms(house_number))
            for column in ("surname", "other_surname"):
                where.append(f"{column} IN ({q.values(surnames)}) AND house_number IN ({numbers})")
        if not where:
            return []
        # One index look-up per identifier, united: an OR would scan the table. The newest
        # PARTY_LIMIT ids are taken before the cases are read, so that no plan reads the
        # table backwards by id looking for them.
        found = " UNION ".join(f"SELECT id FROM cases WHERE {w}" for w in where)
        return q.refs(
            f"SELECT {_COLUMNS} FROM cases WHERE id IN (SELECT id FROM ({found}) AS found "
            f"ORDER BY id DESC LIMIT {PARTY_LIMIT}) ORDER BY id DESC"
        )


def _padded(keys: list[str]) -> list[str]:
    """``keys`` padded with :data:`_NO_KEY` to a power of two: a look-up of any number of
    keys then has one of a few SQL texts, which PostgreSQL prepares and plans once (a
    union of a dozen index scans takes about 1 ms to plan, more than it takes to run)."""
    if not keys:
        return keys
    size = 1 << (len(keys) - 1).bit_length()
    return keys + [_NO_KEY] * (size - len(keys))


#: A key no surname, word or house is kept under (those are letters, digits and "@"):
#: its index probe finds nothing at once.
_NO_KEY = "#"


#: Organisations read per word of a letter (see :meth:`DbCaseLookup.open_by_surname`).
WORD_CASES = 50


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
    if value is None:
        raise RuntimeError(f"counter {name} could not be created")
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
                write_case_words(session, [case])
        except IntegrityError:
            raise_counter(session, counter, highest_sequence(session, number_format, now.year))
            continue
        return case
    raise CaseNumberUnavailable(
        f"no free case number after {NUMBER_ATTEMPTS} tries (last {number}); "
        "check the setting case_number_format"
    )


def write_case_words(session: Session, cases: Sequence[Case]) -> None:
    """Keep the words each case's organisation is found by (see
    :func:`~mailroom.cases.names.indexed_words`) in step with its name; the cases are
    flushed."""
    ids = [c.id for c in cases]
    if not ids:
        return
    session.execute(delete(CaseWord).where(CaseWord.case_id.in_(ids)))
    rows = [
        {"case_id": c.id, "word": w}
        for c in cases
        for w in indexed_words(c.name, c.kvk, c.subject, c.house_number)
    ]
    if rows:
        session.execute(insert(CaseWord), rows)


def number_prefix(number_format: str, year: int) -> str:
    """The literal start of this year's case numbers (``ZAAK-2026-``)."""
    return _number_regex(number_format, year)[0]


def sequence_of(number: str, number_format: str, year: int) -> int:
    """The sequence in one of this year's case numbers; 0 for a number of another form."""
    found = _number_regex(number_format, year)[1].fullmatch(number)
    return int(found["seq"]) if found else 0


def renumber_case(
    session: Session, case: Case, number_format: str, now: datetime, taken_up_to: int
) -> str:
    """Give ``case`` the next free number above ``taken_up_to`` (the highest sequence of
    this year another system has given out) and the register's own numbers."""
    counter = f"case_number:{now.year}"
    raise_counter(
        session, counter, max(taken_up_to, highest_sequence(session, number_format, now.year))
    )
    for _ in range(NUMBER_ATTEMPTS):
        number = number_format.format(year=now.year, seq=next_sequence(session, counter))
        try:
            with session.begin_nested():
                case.number = number
                session.flush()
        except IntegrityError:
            continue
        return number
    raise CaseNumberUnavailable(
        f"no free case number after {NUMBER_ATTEMPTS} tries; check the setting case_number_format"
    )


def _new_case(number: str, decision: CaseDecision, now: datetime, subject: str | None) -> Case:
    party = decision.party
    address: tuple[str | None, str | None] = (None, None)
    if party.names and party.addresses:
        address = party.addresses[0]
    elif party.names and party.placed:
        address = party.placed[0]  # the postcode the address register gives the street
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
        kvk=_kvk_of(party),
        email=party.emails[0] if party.emails else None,
        postcode=address[0],
        house_number=address[1],
        name=party.names[0] if party.names else None,
        surname=surname_key(party.names[0]) if party.names else None,
        other_surname=other_surname_key(party.names[0]) if party.names else None,
        invoice_number=decision.invoice_number,
        related_to=decision.related_to,
    )


def _kvk_of(party: Party) -> str | None:
    """The one KvK number a new case keeps: written, or else the trade register's for the
    one trade name a firm signed with (so that its next letter, with the number or without,
    finds the case)."""
    if party.kvks:
        return party.kvks[0] if len(party.kvks) == 1 else None
    if len(party.traded) == 1 and not party.on_behalf:
        return party.traded[0][0]
    return None
