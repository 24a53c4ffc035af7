"""cases: the zaak they are in the zaaksysteem; documents: when and as what they were filed

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 17:50:00

Plain ADD COLUMN, also on SQLite (the table is not recreated, so the search
triggers of 0010 stay).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("zaak_url", sa.Text(), nullable=True))
    op.add_column("documents", sa.Column("filed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("documents", sa.Column("zaak_document_url", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("documents", "zaak_document_url")
    op.drop_column("documents", "filed_at")
    op.drop_column("cases", "zaak_url")
