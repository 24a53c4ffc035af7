"""Dutch dates for the letters (one definition, in :mod:`mailroom.core.dates`)."""

from __future__ import annotations

from mailroom.core.dates import MONTHS, dutch_date

__all__ = ["MONTHS", "dutch_date"]
