"""Filling in what is computed from a case's name, for the cases a migration finds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

#: Cases read and written per round trip: a register of a million cases in bounded memory.
BATCH = 5000


def fill_from_name(
    conn: Connection,
    column: str,
    key: Callable[[str], str | None],
    name_like: Sequence[str] = (),
) -> None:
    """Set ``cases.<column>`` to ``key(name)`` for every case with a name (or, given
    ``name_like``, a name matching one of those LIKE patterns), in batches; rows whose
    value would not change are not written."""
    cases = sa.table("cases", sa.column("id"), sa.column("name"), sa.column(column))
    named: sa.ColumnElement[bool] = cases.c.name.is_not(None)
    if name_like:
        named = sa.and_(named, sa.or_(*(cases.c.name.like(p) for p in name_like)))
    update = (
        cases.update()
        .where(cases.c.id == sa.bindparam("case_id"))
        .values({column: sa.bindparam("key")})
    )
    for rows in _named_cases(conn, cases, column, named):
        changed = [
            {"case_id": id_, "key": new}
            for id_, name, old in rows
            if (new := key(str(name))) != old
        ]
        if changed:
            conn.execute(update, changed)


def rewrite_words(
    conn: Connection,
    words_of: Callable[[str, str | None, str | None, str | None], Iterable[str]],
) -> None:
    """Write ``case_words`` again for every named case (see :func:`fill_words`): what a
    migration does when the words a case is kept under change."""
    conn.execute(sa.text("DELETE FROM case_words"))
    fill_words(conn, words_of)


def fill_words(
    conn: Connection,
    words_of: Callable[[str, str | None, str | None, str | None], Iterable[str]],
) -> None:
    """Write ``case_words`` for every named case: ``words_of(name, kvk, subject,
    house_number)`` (see :func:`mailroom.cases.names.indexed_words`), in batches."""
    cases = sa.table(
        "cases",
        sa.column("id"),
        sa.column("name"),
        sa.column("kvk"),
        sa.column("subject"),
        sa.column("house_number"),
    )
    words = sa.table("case_words", sa.column("case_id"), sa.column("word"))
    last = 0
    while rows := conn.execute(
        sa.select(cases.c.id, cases.c.name, cases.c.kvk, cases.c.subject, cases.c.house_number)
        .where(cases.c.id > last, cases.c.name.is_not(None))
        .order_by(cases.c.id)
        .limit(BATCH)
    ).all():
        values = [
            {"case_id": id_, "word": word}
            for id_, name, kvk, subject, house in rows
            for word in words_of(
                str(name),
                str(kvk) if kvk else None,
                str(subject or "") or None,
                str(house) if house else None,
            )
        ]
        if values:
            conn.execute(words.insert(), values)
        last = rows[-1][0]


def _named_cases(
    conn: Connection, cases: sa.TableClause, column: str, where: sa.ColumnElement[bool]
) -> Iterator[list[tuple[Any, Any, Any]]]:
    """(id, name, ``column``) of the cases ``where`` selects, BATCH at a time in id order."""
    last = 0
    while rows := conn.execute(
        sa.select(cases.c.id, cases.c.name, cases.c[column])
        .where(cases.c.id > last, where)
        .order_by(cases.c.id)
        .limit(BATCH)
    ).all():
        yield [(r[0], r[1], r[2]) for r in rows]
        last = rows[-1][0]
