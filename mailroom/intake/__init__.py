"""Intake: input files, type by content, checks, batch splitting, email (also Outlook),
Office documents made PDF, the store of originals."""

from mailroom.intake.limits import IntakeLimits
from mailroom.intake.records import Channel, EmailMeta, InputContents, IntakePart
from mailroom.intake.sources import expand_paths, read_input
from mailroom.intake.store import ContentStore, Stored

__all__ = [
    "Channel",
    "ContentStore",
    "EmailMeta",
    "InputContents",
    "IntakeLimits",
    "IntakePart",
    "Stored",
    "expand_paths",
    "read_input",
]
