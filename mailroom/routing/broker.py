"""Publishing to and reading from the broker with kombu.

The embedded default is kombu's SQLAlchemy transport on SQLite; RabbitMQ (or
any kombu transport) is chosen with ``MAILROOM_BROKER_URL``. Virtual transports
keep exchange bindings per connection, so every connection declares the whole
topology before it publishes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from kombu import Connection
from kombu.exceptions import KombuError, OperationalError

from mailroom.core.errors import BrokerUnavailable
from mailroom.routing.route import Route, RoutedMessage
from mailroom.routing.topology import Topology, routing_key

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

    def _connect(self) -> Connection:
        return Connection(self.url, connect_timeout=5, transport_options={"max_retries": 2})

    def _fail(self, e: Exception) -> BrokerUnavailable:
        safe_url = Connection(self.url).as_uri()  # hides the password
        return BrokerUnavailable(f"message broker {safe_url} is unreachable: {e}")

    def declare(self) -> None:
        """Declare the exchange and every queue (idempotent)."""
        try:
            with self._connect() as conn:
                channel = conn.channel()
                for queue in self.topology.all_queues():
                    queue(channel).declare()
        except (KombuError, OSError, OperationalError) as e:
            raise self._fail(e) from e

    def publish(self, route: Route, message: RoutedMessage) -> None:
        """Publish a persistent JSON message, retrying with kombu's retry policy."""
        try:
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
        except (KombuError, OSError, OperationalError) as e:
            raise self._fail(e) from e

    def publish_work(self, document_ids: Sequence[int], dead: bool = False, **extra: Any) -> None:
        """Queue stage work for documents (or, with ``dead``, put it in the dead-letter queue)."""
        queue = self.topology.dead if dead else self.topology.work
        try:
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
        except (KombuError, OSError, OperationalError) as e:
            raise self._fail(e) from e

    def work_counts(self) -> dict[str, int]:
        """Messages waiting in the work and dead-letter queues."""
        try:
            with self._connect() as conn:
                channel = conn.channel()
                counts = {}
                for name, queue in (("work", self.topology.work), ("dead", self.topology.dead)):
                    bound = queue(channel)
                    bound.declare()
                    counts[name] = bound.queue_declare(passive=True).message_count
                return counts
        except (KombuError, OSError, OperationalError) as e:
            raise self._fail(e) from e

    def message_counts(self) -> dict[str, int]:
        """Messages waiting in each queue, by team code (and ``review``)."""
        counts: dict[str, int] = {}
        try:
            with self._connect() as conn:
                channel = conn.channel()
                for name, queue in self.topology.queues.items():
                    bound = queue(channel)
                    bound.declare()
                    counts[name] = bound.queue_declare(passive=True).message_count
        except (KombuError, OSError, OperationalError) as e:
            raise self._fail(e) from e
        return counts

    def get(self, name: str) -> dict[str, Any] | None:
        """Take one message from queue ``name`` (a team, ``review``, ``work`` or ``dead``;
        acknowledged), or None when empty."""
        extra = {"work": self.topology.work, "dead": self.topology.dead}
        try:
            with self._connect() as conn:
                queue = (extra.get(name) or self.topology.queue(name))(conn.channel())
                queue.declare()
                message = queue.get(no_ack=False)
                if message is None:
                    return None
                payload = message.decode()
                message.ack()
                return payload
        except (KombuError, OSError, OperationalError) as e:
            raise self._fail(e) from e
