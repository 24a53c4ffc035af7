"""case_words: a person's case is kept under the houses its subject names too

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 10:00:00

An organisation's case was already kept under the houses its subject names
("@kruisveld 40"); now a person's case is as well: "Dakkapel voorzijde Brinkstraat 18",
registered under a woman's maiden name, is found by a letter she signs with her married
name from "ons huis aan de Brinkstraat 18". Only people's cases are read; their words
are new, so they are added, not written again.
"""

from __future__ import annotations

from alembic import op

from mailroom.cases.names import indexed_words, is_organisation
from mailroom.core.db.backfill import fill_words

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def _people_houses(name: str, kvk: str | None, subject: str | None) -> frozenset[str]:
    return frozenset() if is_organisation(name, kvk) else indexed_words(name, kvk, subject)


def upgrade() -> None:
    fill_words(op.get_bind(), _people_houses)


def downgrade() -> None:
    pass  # the words only find more cases
