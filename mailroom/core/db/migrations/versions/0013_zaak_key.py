"""cases: the idempotency key of the zaak made for them (the zaak's kenmerk)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("zaak_key", sa.String(40), nullable=True))


def downgrade() -> None:
    op.drop_column("cases", "zaak_key")
