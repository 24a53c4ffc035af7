"""cases: an invoice number with a stop inside it ("Factuur 26.0311 onderhoud")

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 15:50:00

The register's invoice subjects were read up to the first stop, so "Factuur 26.0311
onderhoud cv-installatie" was kept as invoice "26" and a supplier's letter about
"onze factuur 26.0311" opened a new case. The invoice numbers of the invoice cases
whose subject has a stop are read again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailroom.cases.importer import subject_invoice_number

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, subject FROM cases WHERE case_type = 'factuur' AND subject LIKE '%.%'")
    ).all()
    for case_id, subject in rows:
        conn.execute(
            sa.text("UPDATE cases SET invoice_number = :n WHERE id = :id"),
            {"n": subject_invoice_number("factuur", str(subject or "")), "id": case_id},
        )


def downgrade() -> None:
    pass  # the old numbers were cut off at the stop
