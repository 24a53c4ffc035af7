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
from mailroom.core.db.backfill import fill_from_name

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("surname", sa.String(length=100), nullable=True))
        batch.create_index("ix_cases_surname_house", ["surname", "house_number"], unique=False)
    fill_from_name(op.get_bind(), "surname", surname_key)


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_surname_house")
        batch.drop_column("surname")
