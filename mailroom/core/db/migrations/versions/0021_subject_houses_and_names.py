"""case_words: a person's case under its subject's houses; an event by its name

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 10:00:00

An organisation's case was already kept under the houses its subject names
("@kruisveld 40"); now a person's case is as well: "Dakkapel voorzijde Brinkstraat 18",
registered under a woman's maiden name, is found by a letter she signs with her married
name from "ons huis aan de Brinkstraat 18". A subject's house may be a range
("Suikerrietstraat 60-120"), and a date is none ("Poortpop 13 juni"). An organisation's
case is also kept under the capitalised words of its subject, the name of the event or
project it is about ("Poortpop 13 juni 2026"), which its organiser mails under. The
words of all named cases are written again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import indexed_words
from mailroom.core.db.backfill import rewrite_words

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    rewrite_words(conn, indexed_words)


def downgrade() -> None:
    pass  # the words only find more cases
