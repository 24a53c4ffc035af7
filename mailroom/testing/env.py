"""The environment that points a ``mailroom`` command (CliRunner or subprocess) at an
installation that a test or benchmark set up through the library."""

from __future__ import annotations

from mailroom.app.context import Mailroom


def mailroom_env(mr: Mailroom, **extra: str) -> dict[str, str]:
    """``MAILROOM_*`` variables for ``mr``'s data directory, database, broker and queue prefix."""
    s = mr.settings
    env = {
        "MAILROOM_HOME": str(s.home),
        "MAILROOM_DATABASE_URL": s.db_url,
        "MAILROOM_BROKER_URL": s.broker,
        "MAILROOM_QUEUE_PREFIX": s.queue_prefix,
    }
    env.update({f"MAILROOM_{key.upper()}": value for key, value in extra.items()})
    return env
