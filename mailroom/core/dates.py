"""Dutch dates without a system locale: servers rarely have ``nl_NL`` installed."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(day: date) -> str:
    """A date as Dutch letters write it: ``3 december 2026`` (no leading zero)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
