"""case_words: organisations' names with letters NFKD keeps whole ("ı", "ł", "ø")

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07 03:10:00

The words of an organisation's name dropped such letters ("Yıldız Horeca V.O.F." was
indexed as "yldz"), while a person's name kept them as their base letter ("yildiz"): a
family firm was never found by its owner's surname. The words of all named cases are
written again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import indexed_words
from mailroom.core.db.backfill import rewrite_words

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    rewrite_words(conn, indexed_words)


def downgrade() -> None:
    pass  # the words only find more cases
