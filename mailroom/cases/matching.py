"""Deciding which case a document belongs to: a cited existing case, or a new one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from mailroom.cases.identifiers import find_case_numbers
from mailroom.classifiers.model import Classification


@dataclass(frozen=True)
class CaseRef:
    """What matching needs to know about an existing case."""

    number: str
    case_type: str
    status: str


class CaseLookup(Protocol):
    """Read-only access to the case register."""

    def by_number(self, number: str) -> CaseRef | None:
        """The case with this number, if it exists."""
        ...


@dataclass(frozen=True)
class CaseDecision:
    """The outcome of matching: an existing case, or a new one of ``case_type``."""

    match: Literal["matched", "new"]
    case_type: str
    case_number: str | None
    reasons: tuple[str, ...]


def match_case(text: str, classification: Classification, lookup: CaseLookup) -> CaseDecision:
    """Attach to the first cited case number that exists; else decide on a new case."""
    for found in find_case_numbers(text):
        case = lookup.by_number(found.value)
        if case is not None:
            reasons = [f"cites case {case.number}"]
            if case.status == "closed":
                reasons.append("closed_case")
            return CaseDecision("matched", case.case_type, case.number, tuple(reasons))
    return CaseDecision("new", classification.case_type, None, ("no existing case cited",))
