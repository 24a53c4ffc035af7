"""cases: surname key indexed with the case type and status

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 16:10:00

A follow-up known only by the sender's full name and a place the case is about
("Ria Mulder" about the glasbak on the Koeienpad) looks up the open cases of that
surname and type.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.create_index(
            "ix_cases_surname_type", ["surname", "case_type", "status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_surname_type")
