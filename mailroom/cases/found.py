"""The record every identifier finder returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

__all__ = ["Found", "mask_bsn"]


@dataclass(frozen=True, repr=False)
class Found:
    """An identifier and where it stands in the text (start = end = -1: from a header).

    ``kind`` is one of case_number, bsn, kvk, iban, address, street, invoice_number,
    email, name, organisation, first_name. For an address ``value`` is the postcode ("1234AB") and
    ``house_number`` the number with its addition ("12A", "4-2"); for a street (an
    address written without its postcode) ``value`` is the street's name.
    ``where`` is the part of the message it stands in (see :mod:`.message`).
    """

    kind: str
    value: str
    start: int
    end: int
    confidence: float = 1.0
    house_number: str | None = None
    where: str = "body"

    def __repr__(self) -> str:
        # Logs print these records, and a BSN is personal data: only its tail may show.
        shown = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.kind == "bsn":
            shown["value"] = mask_bsn(self.value)
        return f"Found({', '.join(f'{name}={value!r}' for name, value in shown.items())})"


def mask_bsn(bsn: str) -> str:
    """The BSN with all but its last four digits hidden: ``*****1234``."""
    digits = re.sub(r"\D", "", bsn)
    return "*" * (len(digits) - 4) + digits[-4:] if len(digits) > 4 else "*" * len(digits)
