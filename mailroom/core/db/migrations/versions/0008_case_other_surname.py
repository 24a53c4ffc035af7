"""cases: the other part of a double surname, indexed like the first part

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
from mailroom.core.db.backfill import fill_from_name

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("other_surname", sa.String(100), nullable=True))
        batch.create_index(
            "ix_cases_other_surname_type", ["other_surname", "case_type", "status"], unique=False
        )
        batch.create_index(
            "ix_cases_other_surname_house", ["other_surname", "house_number"], unique=False
        )
    fill_from_name(op.get_bind(), "other_surname", other_surname_key)


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_other_surname_house")
        batch.drop_index("ix_cases_other_surname_type")
        batch.drop_column("other_surname")
