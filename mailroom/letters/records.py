"""The records the letters stage takes: what to say, who says it, and where to send it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal


@dataclass(frozen=True)
class Acknowledgement:
    """What an acknowledgement of receipt says about one case."""

    case_number: str
    #: The case-type code of the catalogue (``bezwaar``): it picks the template.
    case_type: str
    #: The Dutch name of the case type ("Bezwaarschrift tegen een besluit").
    case_type_name: str
    received: date
    due_date: date | None
    extended_due_date: date | None
    #: The legal source of the term, e.g. "Awb 7:10".
    article: str | None
    team_name: str
    team_email: str | None
    team_phone: str | None
    recipient_name: str | None
    #: Address lines for the envelope window; empty when only the email is sent.
    recipient_address: tuple[str, ...]
    #: The sender's own subject ("Bezwaar tegen aanslag 2026"), untrusted text.
    subject: str | None
    sent_on: date


@dataclass(frozen=True)
class Municipality:
    """The sender: letterhead, and the address acknowledgements are emailed from."""

    name: str
    address: tuple[str, ...]
    phone: str
    website: str
    email_from: str


@dataclass(frozen=True)
class EmailReply:
    """The email being acknowledged, as intake parsed it (every field is untrusted)."""

    message_id: str | None
    references: str | None
    from_address: str
    subject: str | None


SmtpSecurity = Literal["none", "starttls", "tls"]


@dataclass(frozen=True)
class SmtpConfig:
    """How to reach the municipality's mail server."""

    host: str
    port: int = 587
    #: ``none``: plain SMTP (a relay on localhost); ``starttls``: upgrade on the
    #: submission port 587; ``tls``: implicit TLS on port 465.
    security: SmtpSecurity = "starttls"
    username: str | None = None
    # Not in repr: a config printed in a log or a traceback must not leak it.
    password: str | None = field(default=None, repr=False)
    #: Seconds per connect or command before the server counts as unreachable.
    timeout: float = 30.0
    #: A CA bundle to trust instead of the system's (an internal mail server).
    cafile: str | None = None
