"""A real SMTP server (aiosmtpd) on a free local port, for tests and benchmarks that send
mail: it keeps every message it received."""

from __future__ import annotations

import email
import email.policy
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Collector:
    """An aiosmtpd handler keeping what it received."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Keep the message; answer 250."""
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpServer:
    """A plain SMTP server on a port of its own, started and stopped at will (a server that
    is away is a refused connection on the same port)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.handler = Collector()
        self.controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        """What it received, in order."""
        return self.handler.messages

    def start(self) -> None:
        """Listen on :attr:`port`."""
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Stop listening."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def acknowledging(port: int) -> dict[str, Any]:
    """Settings that send acknowledgements: a municipality, and this mail server."""
    return {
        "municipality_name": "Gemeente Ergens",
        "municipality_address": ["Stadhuisplein 1", "1234 AA Ergens"],
        "municipality_phone": "14 0123",
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_security": "none",
        "smtp_timeout": 5.0,
        "acknowledgement_from": "post@ergens.nl",
    }
