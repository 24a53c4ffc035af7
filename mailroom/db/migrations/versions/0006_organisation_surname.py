"""cases: an organisation's surname key without its legal form

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 16:00:00

"Café De Veerpont V.O.F." is now keyed as letters write it, "Café De Veerpont"
("veerpont"), so a follow-up giving the organisation's name with a street and number
finds it. The keys of the cases there are are computed again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailroom.cases.names import surname_key

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    conn = op.get_bind()
    cases = sa.table("cases", sa.column("id"), sa.column("name"), sa.column("surname"))
    update = (
        cases.update()
        .where(cases.c.id == sa.bindparam("case_id"))
        .values(surname=sa.bindparam("key"))
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(cases.c.id, cases.c.name, cases.c.surname)
            .where(cases.c.id > last, cases.c.name.is_not(None))
            .order_by(cases.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        keys = [
            {"case_id": id_, "key": key}
            for id_, name, old in rows
            if (key := surname_key(name)) != old
        ]
        if keys:
            conn.execute(update, keys)
        last = rows[-1][0]


def downgrade() -> None:
    pass  # the old keys only missed organisations; they need no restoring
