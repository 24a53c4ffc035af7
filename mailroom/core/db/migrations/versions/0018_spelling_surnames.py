"""cases: surname keys as spellings meet: "Sijtsma" finds Sytsma, "Alhasan" Al-Hassan

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 01:00:00

Dutch writes one family name with "ij" or "y" ("Sijtsma" and "Sytsma", "de Bruijn" and
"de Bruyn"), transliterations differ in doubled letters ("Al-Hassan", "Alhasan") and in
an Arabic article written onto the name or apart ("Elamrani", "El Amrani"); a letter
spelling it another way than the register found nothing. Keys now write "ij" as "y",
doubled letters once and leave a glued article off; the keys of all named cases are
computed again (only changed rows are written).
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import other_surname_key, surname_key
from mailroom.core.db.backfill import fill_from_name

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    fill_from_name(conn, "surname", surname_key)
    fill_from_name(conn, "other_surname", other_surname_key)


def downgrade() -> None:
    pass  # the old keys only missed other spellings; they need no restoring
