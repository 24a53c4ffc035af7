"""case_words: subjects naming a "-kant", "-eind", "-akker", "-oever" or "-haven"

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06 18:00:00

A subject like "Gat in het wegdek / verzakte berm Heikant t.h.v. nr. 31" names its
street without a number as the Kempen and the Peel name theirs; those endings are now
read as streets in subjects too, as they already were in letters, so that the resident
at number 31 signing "theo" finds the case ("~heikant 31"). The words of all named cases
are written again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import indexed_words
from mailroom.core.db.backfill import rewrite_words

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    rewrite_words(conn, indexed_words)


def downgrade() -> None:
    pass  # the words only find more cases
