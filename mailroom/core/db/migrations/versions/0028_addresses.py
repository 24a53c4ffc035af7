"""addresses: the municipality's BAG extract, street and number to postcode

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-07 10:00:00

A letter often gives the writer's street and number without a postcode; the case
register knows parties by postcode and number. ``mailroom addresses import`` fills this
table from the BAG, and matching reads the postcode from it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("street", sa.String(200), nullable=False),
        sa.Column("street_key", sa.String(100), nullable=False),
        sa.Column("end_key", sa.String(100), nullable=False),
        sa.Column("house_number", sa.String(20), nullable=False),
        sa.Column("postcode", sa.String(6), nullable=False),
        sa.Column("place", sa.String(100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_addresses")),
    )
    op.create_index("ix_addresses_street_house", "addresses", ["street_key", "house_number"])
    op.create_index("ix_addresses_end_house", "addresses", ["end_key", "house_number"])


def downgrade() -> None:
    op.drop_index("ix_addresses_end_house", table_name="addresses")
    op.drop_index("ix_addresses_street_house", table_name="addresses")
    op.drop_table("addresses")
