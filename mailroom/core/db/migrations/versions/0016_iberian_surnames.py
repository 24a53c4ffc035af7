"""cases: surname keys of Iberian and Vietnamese names, firms "& Zn. B.V.", clubs "'58"

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 01:30:00

"Tomás Ferreira da Silva" signs "Tomás Ferreira": the first of two surnames joined by
"da", "dos", "y" is now a key beside the last. "Bouwbedrijf Van Strien & Zn. B.V." was
keyed "zn" (only the last legal form went); now "strien". "SV Hesselerveld '58" had no
key (the year was taken for the surname); now "hesselerveld". "Nguyen Van Minh" puts
the family name first; it is now a key beside the last word. The keys of the cases whose
names have these shapes are computed again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import FAMILY_NAMES_FIRST, other_surname_key, surname_key
from mailroom.core.db.backfill import fill_from_name

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

#: Names whose keys this revision changes (LIKE is case-sensitive on PostgreSQL: both).
JOINS = ("da", "das", "do", "dos", "del", "y", "e")
SHAPES = (
    *(f"% {word} %" for join in JOINS for word in (join, join.capitalize())),
    *("%Zn%", "%zn%", "%ZN%"),
    *(f"%{digit}%" for digit in "0123456789"),
    *(f"{name.capitalize()} %" for name in sorted(FAMILY_NAMES_FIRST)),
    *(f"{name.upper()} %" for name in sorted(FAMILY_NAMES_FIRST)),
)


def upgrade() -> None:
    conn = op.get_bind()
    fill_from_name(conn, "surname", surname_key, SHAPES)
    fill_from_name(conn, "other_surname", other_surname_key, SHAPES)


def downgrade() -> None:
    pass  # the old keys only missed these names; they need no restoring
