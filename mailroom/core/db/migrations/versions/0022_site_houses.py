"""case_words: an organisation under the street its subject names, with its own number

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 13:00:00

An organisation's subject may name the street of its site without a number
("Overhangende takken toegangspad Barbarahof" of a care home at number 1): its case is now
also kept under that street with its own house number ("@barbarahof 1"), so a letter
from "Barbarahof 1" under the site's name finds it as a letter from a house its subject
names does. (A person's subject street is not kept: a resident may report a street they
do not live on.) The words of all named cases are written again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import indexed_words
from mailroom.core.db.backfill import rewrite_words

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    rewrite_words(conn, indexed_words)


def downgrade() -> None:
    pass  # the words only find more cases
