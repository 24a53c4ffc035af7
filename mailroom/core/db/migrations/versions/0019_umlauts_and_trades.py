"""cases: "Mueller" finds Müller; trades are kinds; organisations by their subject's house

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 04:00:00

A German umlaut is written out ("Mueller", "Schaefer") by people whose keyboard has
none, and the register holds "Müller", "Schäfer": surname keys now read "ue" as "u" and
"ae" as "a". A trade or a place a business is run in ("Strandpaviljoen", "Theater",
"Horeca", "Camping", "Bewindvoering", "Huisartsenpraktijk") is an organisation's kind,
not a word that says which one it is: the words kept for organisations' names change
with it. An organisation's case is now also kept under the houses its subject names
("@kruisveld 40" of "Plaatsing 12 recreatiechalets zuidveld Kruisveld 40"), so that a
letter from that site under a trade name finds it. The keys of all named cases are
computed again (only changed rows are written) and the words written again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import indexed_words, other_surname_key, surname_key
from mailroom.core.db.backfill import fill_from_name, rewrite_words

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    fill_from_name(conn, "surname", surname_key)
    fill_from_name(conn, "other_surname", other_surname_key)
    rewrite_words(conn, indexed_words)


def downgrade() -> None:
    pass  # the old keys and words only missed other spellings and names
