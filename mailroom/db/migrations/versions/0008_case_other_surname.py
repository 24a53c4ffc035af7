"""cases: the other part of a double surname, indexed with the case type and status

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 19:00:00

People sign with either part of a double surname: "Ingrid Claessens" for Ingrid
Rutten-Claessens, "Lotte van Dijk" for Lotte Janssen-van Dijk. The second part is kept
beside the first so that a follow-up signed with it finds the case; it is filled in for
the cases there are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailroom.cases.names import other_surname_key

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("other_surname", sa.String(100), nullable=True))
        batch.create_index(
            "ix_cases_other_surname_type", ["other_surname", "case_type", "status"], unique=False
        )
    conn = op.get_bind()
    cases = sa.table("cases", sa.column("id"), sa.column("name"), sa.column("other_surname"))
    update = (
        cases.update()
        .where(cases.c.id == sa.bindparam("case_id"))
        .values(other_surname=sa.bindparam("key"))
    )
    last = 0
    while rows := conn.execute(
        sa.select(cases.c.id, cases.c.name)
        .where(cases.c.id > last, cases.c.name.is_not(None))
        .order_by(cases.c.id)
        .limit(_BATCH)
    ).all():
        keys = [{"case_id": i, "key": k} for i, name in rows if (k := other_surname_key(name))]
        if keys:
            conn.execute(update, keys)
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_other_surname_type")
        batch.drop_column("other_surname")
