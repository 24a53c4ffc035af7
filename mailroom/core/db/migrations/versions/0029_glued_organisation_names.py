"""case_words: an organisation's name run together ("woonbotenhavenvlotkade")

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-07 10:05:00

A mail domain is often the organisation's name run together
(havenmeester@woonbotenhavenvlotkade.nl for Coöperatie Woonbotenhaven Vlotkade U.A.);
the name's words are now also kept as one word, so that the domain finds the case. The
words of all named cases are written again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import indexed_words
from mailroom.core.db.backfill import rewrite_words

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    rewrite_words(conn, indexed_words)


def downgrade() -> None:
    pass  # the words only find more cases
