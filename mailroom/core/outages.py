"""The one place that says which errors of kombu and SQLAlchemy mean "a server is away",
and turns them into mailroom's transient errors.

A transient error leaves the document where it is, to be taken up again (the worker
gives its message back to the broker, the daemon retries, the CLI says which server
is unreachable); it is never the document's fault.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kombu import Connection
from kombu.exceptions import KombuError
from kombu.exceptions import OperationalError as KombuOperationalError
from sqlalchemy.exc import DisconnectionError, InterfaceError
from sqlalchemy.exc import OperationalError as DatabaseOperationalError

from mailroom.core.errors import BrokerUnavailable, DatabaseUnavailable

#: What kombu and the socket layer raise when the broker cannot be reached or went away.
BROKER_ERRORS: tuple[type[BaseException], ...] = (KombuError, KombuOperationalError, OSError)
#: What SQLAlchemy raises when the database cannot be reached, went away or is locked.
DATABASE_ERRORS: tuple[type[BaseException], ...] = (
    DatabaseOperationalError,
    InterfaceError,
    DisconnectionError,
)


@contextmanager
def broker_outage(url: str) -> Iterator[None]:
    """Raise :class:`BrokerUnavailable` (naming the broker, password hidden) for a broker
    that cannot be reached inside the block."""
    try:
        yield
    except BROKER_ERRORS as e:
        safe_url = Connection(url).as_uri()  # hides the password
        raise BrokerUnavailable(f"message broker {safe_url} is unreachable: {e}") from e


@contextmanager
def database_outage() -> Iterator[None]:
    """Raise :class:`DatabaseUnavailable` for a database that cannot be reached (or is
    locked) inside the block. The message is the driver's own, never SQLAlchemy's with
    the statement and its parameters (personal data)."""
    try:
        yield
    except DATABASE_ERRORS as e:
        cause = getattr(e, "orig", None) or type(e).__name__
        raise DatabaseUnavailable(f"the database is unreachable: {cause}") from e
