"""documents: indexes for work lists (a team's queue, the review queue)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 17:40:00

With 100,000 documents a team's queue read every one of the team's documents
(most of them done) to find the few waiting; these indexes hold the list.
Plain CREATE INDEX, also on SQLite: the table is not recreated, so the search
triggers of 0010 stay.
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_documents_work_list", "documents", ["team", "state", "done_at", "received_at"]
    )
    op.create_index("ix_documents_state_list", "documents", ["state", "done_at", "received_at"])


def downgrade() -> None:
    op.drop_index("ix_documents_state_list", table_name="documents")
    op.drop_index("ix_documents_work_list", table_name="documents")
