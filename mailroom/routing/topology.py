"""The broker topology, declared in this one module.

A topic exchange; one durable queue per team in the catalogue, bound with the
routing key ``team.<code>``; and the ``review`` queue for what a person must
look at first. Beside them, on a direct exchange of their own, the stage work
queue that ``mailroom worker`` processes consume (``work``) and the dead-letter
queue for work that failed too often (``dead``). Names carry a prefix (setting
``queue_prefix``) so several installations, or test runs, can share one broker.
"""

from __future__ import annotations

from dataclasses import dataclass

from kombu import Exchange, Queue

from mailroom.core.config.catalogue import REVIEW_QUEUE, Catalogue


@dataclass(frozen=True)
class Topology:
    """The exchange and queues of one installation."""

    exchange: Exchange
    queues: dict[str, Queue]  # by team code, plus "review"
    work_exchange: Exchange
    work: Queue
    dead: Queue

    def all_queues(self) -> list[Queue]:
        """Every queue, to declare."""
        return [*self.queues.values(), self.work, self.dead]

    def queue(self, name: str) -> Queue:
        """The queue of a team code, or of ``review``."""
        return self.queues[name]


def routing_key(name: str) -> str:
    """Routing key of a team's (or the review) queue."""
    return REVIEW_QUEUE if name == REVIEW_QUEUE else f"team.{name}"


def build_topology(catalogue: Catalogue, prefix: str) -> Topology:
    """Exchange and queues for the teams of ``catalogue``."""
    exchange = Exchange(f"{prefix}documents", type="topic", durable=True)
    names = [*sorted(catalogue.teams), REVIEW_QUEUE]
    queues = {
        name: Queue(f"{prefix}{name}", exchange, routing_key=routing_key(name), durable=True)
        for name in names
    }
    work_exchange = Exchange(f"{prefix}work", type="direct", durable=True)
    work = Queue(f"{prefix}work", work_exchange, routing_key="work", durable=True)
    dead = Queue(f"{prefix}dead", work_exchange, routing_key="dead", durable=True)
    return Topology(exchange, queues, work_exchange, work, dead)
