"""cases: an organisation's surname key without its legal form

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 16:00:00

"Café De Veerpont V.O.F." is now keyed as letters write it, "Café De Veerpont"
("veerpont"), so a follow-up giving the organisation's name with a street and number
finds it. The keys of the cases there are are computed again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import surname_key
from mailroom.core.db.backfill import fill_from_name

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    fill_from_name(op.get_bind(), "surname", surname_key)


def downgrade() -> None:
    pass  # the old keys only missed organisations; they need no restoring
