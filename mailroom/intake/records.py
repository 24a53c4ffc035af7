"""Typed records of the intake stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mailroom.core.records import Channel


@dataclass(frozen=True)
class IntakePart:
    """One document-to-be, taken from an input file (a letter, an attachment, a body)."""

    source_file: Path
    channel: Channel
    media_type: str
    data: bytes
    #: Which part of the input: an attachment name, ``body``, ``pages 1-3``; None for all of it.
    part: str | None = None
    #: Why this part cannot be processed (it is kept, in quarantine); None when it can.
    problem: str | None = None


@dataclass(frozen=True)
class EmailMeta:
    """The envelope of an email, stored with its intake item."""

    sender: str | None
    recipient: str | None
    subject: str | None
    sent_at: datetime | None
    message_id: str | None


@dataclass(frozen=True)
class InputContents:
    """What one input file holds: its documents and, for email, the envelope."""

    channel: Channel
    parts: list[IntakePart] = field(default_factory=list)
    email: EmailMeta | None = None


__all__ = ["Channel", "EmailMeta", "InputContents", "IntakePart"]
