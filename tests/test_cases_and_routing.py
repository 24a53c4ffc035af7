"""Pure logic of the match and route stages."""

from __future__ import annotations

from collections.abc import Sequence

from mailroom.cases.identifiers import find_case_numbers
from mailroom.cases.matching import CaseRef, Party, match_case
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.records import Classification
from mailroom.routing.route import RoutedMessage, decide_route

CATALOGUE = load_catalogue()


class Register:
    """A case register in a dict: the CaseLookup protocol, no database needed."""

    def __init__(self, *cases: CaseRef) -> None:
        self.cases = {c.number: c for c in cases}

    def by_invoice_numbers(self, numbers: Sequence[str]) -> list[CaseRef]:
        return [c for n in numbers for c in self.cases.values() if c.invoice_number == n]

    def by_party(self, party: Party) -> list[CaseRef]:
        return [c for c in self.cases.values() if c.bsn and c.bsn in party.bsns]

    def by_number(self, number: str) -> CaseRef | None:
        return self.cases.get(number)

    def open_by_surname(
        self, surnames: Sequence[str], case_type: str, words: Sequence[str] = ()
    ) -> list[CaseRef]:
        return []

    def open_at_subject_house(
        self, houses: Sequence[tuple[str, str]], case_type: str
    ) -> list[CaseRef]:
        return []


def verdict(case_type: str, confidence: float, second: str = "overig") -> Classification:
    return Classification(
        case_type, confidence, {case_type: confidence, second: (1 - confidence) * 0.6}
    )


def test_case_numbers_are_found_in_order_and_normalised() -> None:
    text = "Uw kenmerk zaak-2026-0000000042, eerder ZAAK-2025-0000001234; niet ZAAK-26-12."
    found = find_case_numbers(text)
    assert [f.value for f in found] == ["ZAAK-2026-0000000042", "ZAAK-2025-0000001234"]
    assert text[found[0].start : found[0].end].upper() == found[0].value


def test_cited_existing_case_wins_and_takes_its_type() -> None:
    register = Register(CaseRef("ZAAK-2026-0000000042", "omgevingsvergunning", "open"))
    decision = match_case("Aanvulling op ZAAK-2026-0000000042", verdict("overig", 0.4), register)
    assert decision.match == "matched"
    assert decision.case_number == "ZAAK-2026-0000000042"
    assert decision.case_type == "omgevingsvergunning"
    assert "closed_case" not in decision.reasons


def test_closed_case_is_attached_and_flagged() -> None:
    register = Register(CaseRef("ZAAK-2024-0000000007", "wmo", "closed"))
    decision = match_case("over ZAAK-2024-0000000007", verdict("wmo", 0.9), register)
    assert decision.match == "matched" and "closed_case" in decision.reasons


def test_unknown_or_absent_case_number_opens_a_new_case() -> None:
    decision = match_case("ZAAK-2026-0000009999", verdict("klacht", 0.8), Register())
    assert decision.match == "new" and decision.case_number is None
    assert decision.case_type == "klacht"


def test_confident_document_goes_to_its_team() -> None:
    route = decide_route(
        "melding_openbare_ruimte", verdict("melding_openbare_ruimte", 0.9), 0.5, CATALOGUE
    )
    assert (route.team, route.queue, route.reasons) == (
        "beheer_openbare_ruimte",
        "beheer_openbare_ruimte",
        (),
    )
    assert not route.needs_review


def test_unsure_document_goes_to_review_with_the_two_candidates() -> None:
    route = decide_route("bezwaar", verdict("bezwaar", 0.41, "belastingen"), 0.5, CATALOGUE)
    assert route.queue == "review" and route.team == "juridische_zaken"
    assert route.reasons == ("unsure: bezwaar or belastingen",)


def test_flags_send_a_confident_document_to_review() -> None:
    route = decide_route("wmo", verdict("wmo", 0.99), 0.5, CATALOGUE, ("closed_case",))
    assert route.queue == "review" and route.reasons == ("closed_case",)


def test_cited_case_type_is_not_second_guessed_by_an_unsure_classifier() -> None:
    route = decide_route("omgevingsvergunning", verdict("overig", 0.3), 0.5, CATALOGUE)
    assert route.queue == "vergunningen"


def test_message_is_a_small_versioned_envelope() -> None:
    msg = RoutedMessage(7, "ZAAK-2026-0000000001", "wmo", 0.912345, "zorg", ("x",))
    assert msg.to_json() == {
        "v": 1,
        "document_id": 7,
        "case_number": "ZAAK-2026-0000000001",
        "case_type": "wmo",
        "confidence": 0.9123,
        "team": "zorg",
        "reasons": ["x"],
    }
