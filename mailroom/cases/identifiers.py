"""Identifiers found in a document's text."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The default case-number format, ZAAK-<year>-<10 digits>.
CASE_NUMBER_RE = re.compile(r"\bZAAK-(\d{4})-(\d{10})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """An identifier and where it stands in the text."""

    kind: str
    value: str
    start: int
    end: int


def find_case_numbers(text: str) -> list[Found]:
    """Case numbers cited in ``text``, in order of appearance, normalised to upper case."""
    return [
        Found("case_number", f"ZAAK-{m.group(1)}-{m.group(2)}", m.start(), m.end())
        for m in CASE_NUMBER_RE.finditer(text)
    ]
