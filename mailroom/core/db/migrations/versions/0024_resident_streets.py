"""case_words: a person under the street their subject names, with their own number

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 15:30:00

A person's subject may name a street without a number ("Straatfeest Mosselstraat" of a
resident at number 29): the case is now also kept under that street with the person's
house number, apart from the houses subjects name ("~mosselstraat 29"), so that a
resident signing with a first name only, from "nr 29" in the Mosselstraat, finds it.
Subjects naming a "-kamp", "-brink", "-markt" or "-gang" are read as streets too. The words of
all named cases are written again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import indexed_words
from mailroom.core.db.backfill import rewrite_words

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    rewrite_words(conn, indexed_words)


def downgrade() -> None:
    pass  # the words only find more cases
