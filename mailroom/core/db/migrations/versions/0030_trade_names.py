"""trade_names: the municipality's Handelsregister extract, trade name to KvK number

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-07 12:00:00

An organisation signs its letters with the name it trades under, which may share no word
with the name the case register holds. ``mailroom trade-names import`` fills this table
from the Handelsregister, and matching reads the KvK number from it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trade_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kvk", sa.String(8), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("postcode", sa.String(6), nullable=True),
        sa.Column("house_number", sa.String(20), nullable=True),
        sa.Column("place", sa.String(100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trade_names")),
    )
    op.create_index("ix_trade_names_key", "trade_names", ["key"])


def downgrade() -> None:
    op.drop_index("ix_trade_names_key", table_name="trade_names")
    op.drop_table("trade_names")
