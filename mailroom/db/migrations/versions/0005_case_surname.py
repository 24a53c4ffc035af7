"""cases: surname key, indexed with the house number

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:00:00

A follow-up that gives a street and number without a postcode finds its case by the
writer's surname and the house number; the key is filled in for the cases there are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailroom.cases.names import surname_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("surname", sa.String(length=100), nullable=True))
        batch.create_index("ix_cases_surname_house", ["surname", "house_number"], unique=False)
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
            sa.select(cases.c.id, cases.c.name)
            .where(cases.c.id > last, cases.c.name.is_not(None))
            .order_by(cases.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        keys = [{"case_id": id_, "key": surname_key(name)} for id_, name in rows]
        if keys := [k for k in keys if k["key"]]:
            conn.execute(update, keys)
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_surname_house")
        batch.drop_column("surname")
