"""cases: surname keys with "ij" written "y", so "Sijtsma" finds "Grietje Sytsma"

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 01:00:00

Dutch writes one family name with "ij" or "y" ("Sijtsma" and "Sytsma", "de Bruijn" and
"de Bruyn", "Meijer" and "Meyer"); a letter spelling it the other way than the register
found nothing. The keys of the cases whose names hold an "ij" are computed again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import other_surname_key, surname_key
from mailroom.core.db.backfill import fill_from_name

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

#: Names whose keys this revision changes (LIKE is case-sensitive on PostgreSQL: each).
SHAPES = ("%ij%", "%IJ%", "%Ij%", "%iJ%")


def upgrade() -> None:
    conn = op.get_bind()
    fill_from_name(conn, "surname", surname_key, SHAPES)
    fill_from_name(conn, "other_surname", other_surname_key, SHAPES)


def downgrade() -> None:
    pass  # the old keys only missed the other spelling; they need no restoring
