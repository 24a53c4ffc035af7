"""cases: due dates and ingebrekestellingen; acknowledgements of receipt

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 19:30:00

Plain ADD COLUMN on cases, also on SQLite; a new table for the acknowledgements
(one per case at most: the unique case_id is what makes "never twice" hold).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("due_date", sa.Date(), nullable=True))
    op.add_column("cases", sa.Column("extended_due_date", sa.Date(), nullable=True))
    op.add_column("cases", sa.Column("due_rule", sa.String(64), nullable=True))
    op.add_column("cases", sa.Column("penalty_from", sa.Date(), nullable=True))
    op.create_index("ix_cases_due_date", "cases", ["due_date"])
    op.create_table(
        "acknowledgements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.String(998), nullable=True),
        sa.Column("recipient", sa.Text(), nullable=True),
        sa.Column("address", sa.JSON(), nullable=True),
        sa.Column("copy_path", sa.Text(), nullable=True),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("zaak_document_url", sa.Text(), nullable=True),
        sa.UniqueConstraint("case_id", name="uq_acknowledgements_case_id"),
    )
    op.create_index("ix_acknowledgements_document_id", "acknowledgements", ["document_id"])
    op.create_index("ix_acknowledgements_state", "acknowledgements", ["state"])


def downgrade() -> None:
    op.drop_table("acknowledgements")
    op.drop_index("ix_cases_due_date", "cases")
    for column in ("penalty_from", "due_rule", "extended_due_date", "due_date"):
        op.drop_column("cases", column)
