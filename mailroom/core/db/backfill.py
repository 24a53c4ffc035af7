"""Filling in a column computed from a case's name, for the cases a migration finds."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
    last = 0
    while rows := conn.execute(
        sa.select(cases.c.id, cases.c.name, cases.c[column])
        .where(cases.c.id > last, named)
        .order_by(cases.c.id)
        .limit(BATCH)
    ).all():
        changed = [
            {"case_id": id_, "key": new}
            for id_, name, old in rows
            if (new := key(str(name))) != old
        ]
        if changed:
            conn.execute(update, changed)
        last = rows[-1][0]
