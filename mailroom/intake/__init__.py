"""Intake: sources (files, folders, email), content detection and the store of originals."""

from mailroom.intake.records import Channel, IntakePart
from mailroom.intake.sources import expand_paths, read_parts
from mailroom.intake.store import ContentStore, Stored

__all__ = ["Channel", "ContentStore", "IntakePart", "Stored", "expand_paths", "read_parts"]
