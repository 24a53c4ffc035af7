"""Routing: kombu topology, the routing decision, publishing to team queues."""

from mailroom.routing.broker import Broker, Publisher
from mailroom.routing.route import Route, RoutedMessage, decide_route
from mailroom.routing.topology import Topology, build_topology

__all__ = [
    "Broker",
    "Publisher",
    "Route",
    "RoutedMessage",
    "Topology",
    "build_topology",
    "decide_route",
]
