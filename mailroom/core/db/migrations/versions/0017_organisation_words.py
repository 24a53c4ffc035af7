"""case_words: the words of organisations' names, so a letter naming a club by any of
them finds its cases; surname keys of family names written first in capitals

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 22:00:00

"Sebastianus Sjinveld" signs for Schutterij Sint-Sebastianus Sjinveld, "St.-Cecilia"
for Harmonie Sint-Cecilia Geulvelde, "RKVVS" for the Rooms-Katholieke Voetbalvereniging
Sjinveld: an organisation's cases were found by the last word of its name only. The
words that say which organisation it is, and its abbreviation, are now kept for every
case of an organisation. "GEBREMARIAM Tesfay" (the family name in capitals, first) was
keyed "tesfay"; the keys of all named cases are computed again (only changed rows are
written).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailroom.cases.names import indexed_words, other_surname_key, surname_key
from mailroom.core.db.backfill import fill_from_name, fill_words

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_words",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_words_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", "word", name=op.f("pk_case_words")),
    )
    op.create_index(op.f("ix_case_words_word"), "case_words", ["word"])
    conn = op.get_bind()
    fill_words(conn, indexed_words)
    fill_from_name(conn, "surname", surname_key)
    fill_from_name(conn, "other_surname", other_surname_key)


def downgrade() -> None:
    op.drop_index(op.f("ix_case_words_word"), table_name="case_words")
    op.drop_table("case_words")
