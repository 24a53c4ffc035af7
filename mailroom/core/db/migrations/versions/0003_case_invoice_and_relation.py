"""cases: invoice number and related case; documents: case match score

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("case_score", sa.Double(), nullable=True))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("invoice_number", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("related_to", sa.String(length=64), nullable=True))
        batch.create_index(op.f("ix_cases_invoice_number"), ["invoice_number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("case_score")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index(op.f("ix_cases_invoice_number"))
        batch.drop_column("related_to")
        batch.drop_column("invoice_number")
