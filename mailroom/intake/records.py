"""Typed records of the intake stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mailroom.db.models import Channel


@dataclass(frozen=True)
class IntakePart:
    """One document-to-be, taken from an input file (a scan, an attachment, a body)."""

    source_file: Path
    channel: Channel
    media_type: str
    data: bytes
    #: Which part of the input file: an attachment name, ``body``, or None for the whole file.
    part: str | None = None


__all__ = ["Channel", "IntakePart"]
