"""Publishing to and reading from the broker with kombu.

The embedded default is kombu's SQLAlchemy transport on SQLite; RabbitMQ (or
any kombu transport) is chosen with ``MAILROOM_BROKER_URL``. Virtual transports
keep exchange bindings per connection, so every connection declares the whole
topology before it publishes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from kombu import Connection
from kombu.connection import ConnectionPool

from mailroom.core.outages import BROKER_ERRORS, broker_outage
from mailroom.routing.route import Route, RoutedMessage
from mailroom.routing.topology import Topology, routing_key

#: Connections one process keeps open to the broker.
POOL_LIMIT = 4


class _ProcessPool(ConnectionPool):
    """kombu's connection pool, minus its closing of every connection in a forked child:
    that sends the broker a close on sockets the parent still uses, and the parent's
    next publish meets a reset connection. A child gets a pool of its own instead
    (:meth:`Broker._pool_here`)."""

    close_after_fork = False


RETRY_POLICY = {"max_retries": 3, "interval_start": 0.5, "interval_step": 1.0, "interval_max": 3.0}


class Publisher(Protocol):
    """Sends a routed document's message to its queue."""

    def publish(self, route: Route, message: RoutedMessage) -> None:
        """Publish ``message`` on ``route``; raise BrokerUnavailable when that fails."""
        ...


class Broker:
    """The broker behind a kombu URL, with mailroom's topology."""

    def __init__(self, url: str, topology: Topology) -> None:
        self.url = url
        self.topology = topology
        self._connection = Connection(url, connect_timeout=5, transport_options={"max_retries": 2})
        self._pool: _ProcessPool | None = None
        self._pool_pid = 0

    def _pool_here(self) -> _ProcessPool:
        """This process's pool: a forked child that uses the parent's broker gets its own,
        and never touches the parent's connections (their sockets are shared)."""
        if self._pool is None or self._pool_pid != os.getpid():
            self._pool = _ProcessPool(self._connection, limit=POOL_LIMIT)
            self._pool_pid = os.getpid()
        return self._pool

    def close(self) -> None:
        """Close this process's connections to the broker (a child leaves its parent's)."""
        if self._pool is not None and self._pool_pid == os.getpid():
            self._pool.force_close_all()
        self._pool = None

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        """A connection from this process's pool; a broker that cannot be reached raises
        :class:`BrokerUnavailable`."""
        with broker_outage(self.url), self._pool_here().acquire(block=True, timeout=30) as conn:
            try:
                yield conn
            except BROKER_ERRORS:
                # A connection the broker dropped must not go back to the pool as if it
                # were fine: the next user gets it reconnected.
                conn.collect()
                raise

    def declare(self) -> None:
        """Declare the exchange and every queue (idempotent)."""
        with self._connect() as conn:
            channel = conn.default_channel
            for queue in self.topology.all_queues():
                queue(channel).declare()

    def publish(self, route: Route, message: RoutedMessage) -> None:
        """Publish a persistent JSON message, retrying with kombu's retry policy."""
        with self._connect() as conn:
            producer = conn.Producer(serializer="json")
            producer.publish(
                message.to_json(),
                exchange=self.topology.exchange,
                routing_key=routing_key(route.queue),
                declare=list(self.topology.queues.values()),
                delivery_mode="persistent",
                retry=True,
                retry_policy=RETRY_POLICY,
            )

    def publish_work(self, document_ids: Sequence[int], dead: bool = False, **extra: Any) -> None:
        """Queue stage work for documents (or, with ``dead``, put it in the dead-letter queue)."""
        queue = self.topology.dead if dead else self.topology.work
        with self._connect() as conn:
            producer = conn.Producer(serializer="json")
            for document_id in document_ids:
                producer.publish(
                    {"v": 1, "document_id": document_id, **extra},
                    exchange=self.topology.work_exchange,
                    routing_key=queue.routing_key,
                    declare=[queue],
                    delivery_mode="persistent",
                    retry=True,
                    retry_policy=RETRY_POLICY,
                )

    def work_counts(self) -> dict[str, int]:
        """Messages waiting in the work and dead-letter queues."""
        with self._connect() as conn:
            channel = conn.default_channel
            counts = {}
            for name, queue in (("work", self.topology.work), ("dead", self.topology.dead)):
                bound = queue(channel)
                bound.declare()
                counts[name] = bound.queue_declare(passive=True).message_count
            return counts

    def message_counts(self) -> dict[str, int]:
        """Messages waiting in each queue, by team code (and ``review``)."""
        counts: dict[str, int] = {}
        with self._connect() as conn:
            channel = conn.default_channel
            for name, queue in self.topology.queues.items():
                bound = queue(channel)
                bound.declare()
                counts[name] = bound.queue_declare(passive=True).message_count
        return counts

    def get(self, name: str) -> dict[str, Any] | None:
        """Take one message from queue ``name`` (a team, ``review``, ``work`` or ``dead``;
        acknowledged), or None when empty."""
        extra = {"work": self.topology.work, "dead": self.topology.dead}
        with self._connect() as conn:
            queue = (extra.get(name) or self.topology.queue(name))(conn.default_channel)
            queue.declare()
            message = queue.get(no_ack=False)
            if message is None:
                return None
            payload = message.decode()
            message.ack()
            return payload
