"""Cases: identifiers in text, matching a document to a case, the case register."""

from mailroom.cases.identifiers import find_case_numbers
from mailroom.cases.matching import CaseDecision, CaseLookup, CaseRef, match_case

__all__ = ["CaseDecision", "CaseLookup", "CaseRef", "find_case_numbers", "match_case"]
