"""Alembic environment: runs migrations on the engine mailroom hands in."""

from __future__ import annotations

from alembic import context

from mailroom.core.db.models import Base, described_by_models

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode recreates tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=described_by_models,
    )
    with context.begin_transaction():
        context.run_migrations()
