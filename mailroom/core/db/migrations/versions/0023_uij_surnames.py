"""cases: "Kuijpers", "Kuypers" and "Kuipers" one surname key

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 13:30:00

Dutch writes "uij", "uy" and "ui" in one family name ("Kuijpers", "Kuypers" and
"Kuipers", "Pluijmaekers" and "Pluymaekers", "de Bruijn" and "de Bruin"); a resident
spelling her own name another way than the register found nothing. Keys now write "uij"
and "uy" (before a consonant: not "Nguyen") as "ui": the keys of the named cases with
"uij" or "uy" in their name are computed again. Organisations' words are folded the
same way; migration 0022, run just before, writes them all with this folding.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import other_surname_key, surname_key
from mailroom.core.db.backfill import fill_from_name

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

_UIJ = ("%uij%", "%Uij%", "%UIJ%", "%uy%", "%Uy%", "%UY%")


def upgrade() -> None:
    conn = op.get_bind()
    fill_from_name(conn, "surname", surname_key, _UIJ)
    fill_from_name(conn, "other_surname", other_surname_key, _UIJ)


def downgrade() -> None:
    pass  # the old keys only missed the other spelling
