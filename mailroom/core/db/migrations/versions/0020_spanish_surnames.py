"""cases: two Spanish surnames without a join are keyed by the first

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 08:00:00

"María del Carmen García López" signs "Carmen Garcia": of two Spanish surnames people
go by the first, and a register writes both without a join ("y") between them. The name
was keyed "lopez" only; now "garcia", with "lopez" as the other key. Such names are
told by an accent in one of the two surnames, so only the keys of names with a Spanish
accent are computed again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import other_surname_key, surname_key
from mailroom.core.db.backfill import fill_from_name

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

#: Names whose keys this revision may change (LIKE is case-sensitive on PostgreSQL).
SHAPES = tuple(f"%{letter}%" for letter in "áéíóúñÁÉÍÓÚÑ")


def upgrade() -> None:
    conn = op.get_bind()
    fill_from_name(conn, "surname", surname_key, SHAPES)
    fill_from_name(conn, "other_surname", other_surname_key, SHAPES)


def downgrade() -> None:
    pass  # the old keys only missed the first of two Spanish surnames
