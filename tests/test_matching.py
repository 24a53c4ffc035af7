"""Case matching rules, on the real case register (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from mailroom.cases.importer import import_rows, read_case_rows
from mailroom.cases.matching import CaseDecision, match_case, same_name
from mailroom.cases.register import DbCaseLookup
from mailroom.classifiers.model import Classification
from mailroom.context import Mailroom
from mailroom.db.session import transaction

# BSNs that pass the elfproef: 111222333, 123456782, 999999990 (invalid: 123456789).
REGISTER = (
    "number,case_type,status,bsn,kvk,postcode,"
    "house_number,name,subject,opened_at\n"
    "ZAAK-2026-0000000101,wmo,open,111222333,,7412AR,"
    "214,J.H. Brinkman,Traplift,2026-02-03\n"
    "ZAAK-2026-0000000102,parkeervergunning,open,111222333,,7412AR,"
    "214,J.H. Brinkman,Bewonersvergunning,2026-03-01\n"
    "ZAAK-2025-0000000088,omgevingsvergunning,closed,123456782,,3511AB,"
    "8,Fatima El Idrissi,Dakkapel,2025-05-10\n"
    "ZAAK-2026-0000000120,factuur,open,,12345678,,"
    ",Lichtservice Noord BV,Factuur 2026-0412 Lichtservice Noord BV,2026-04-02\n"
    "ZAAK-2026-0000000130,subsidie,open,,87654321,9711AA,"
    "3,Stichting De Brug,Subsidie 2026,2026-01-15\n"
    "ZAAK-2026-0000000140,bijstand,open,,,1011AB,"
    "5-2,Youssef El Idrissi,Bijstandsaanvraag,2026-06-01\n"
)


@pytest.fixture
def lookup(mr: Mailroom):
    rows = read_case_rows(REGISTER, mr.catalogue)
    with transaction(mr.sessions) as session:
        import_rows(session, rows, mr.clock())
    with mr.sessions() as session:
        yield DbCaseLookup(session)


def decide(
    lookup: DbCaseLookup,
    text: str,
    case_type: str,
    sender: str | None = None,
    subject: str | None = None,
) -> CaseDecision:
    verdict = Classification(case_type, 0.9, {case_type: 0.9})
    return match_case(text, verdict, lookup, sender=sender, subject=subject)


def test_cited_case_wins_even_closed_and_ocr_damaged(lookup: DbCaseLookup) -> None:
    d = decide(lookup, "Betreft uw kenmerk ZAAK-2O26-00000 00101, de traplift.", "wmo")
    assert (d.match, d.case_number) == ("matched", "ZAAK-2026-0000000101")
    d = decide(lookup, "Over zaaknummer ZAAK-2025-0000000088: de dakkapel is klaar.", "overig")
    assert d.case_number == "ZAAK-2025-0000000088" and "closed_case" in d.reasons
    assert d.case_type == "omgevingsvergunning"  # the cited case's type is used


def test_objection_about_another_case_opens_a_related_case(lookup: DbCaseLookup) -> None:
    text = "Ik maak bezwaar tegen het besluit in zaak ZAAK-2026-0000000102 over mijn vergunning."
    d = decide(lookup, text, "bezwaar")
    assert d.match == "new" and d.case_type == "bezwaar"
    assert d.related_to == "ZAAK-2026-0000000102"


def test_follow_up_by_bsn_finds_the_open_case_of_that_type(lookup: DbCaseLookup) -> None:
    text = "Mijn BSN is 111222333. Wanneer komt de monteur voor de traplift?"
    d = decide(lookup, text, "wmo")
    assert (d.match, d.case_number) == ("matched", "ZAAK-2026-0000000101")
    assert "*****2333" in d.reasons[0] and "111222333" not in " ".join(d.reasons)


def test_known_party_with_a_case_of_another_type_gets_a_new_case(lookup: DbCaseLookup) -> None:
    d = decide(
        lookup, "BSN: 111222333. Ik vraag bijzondere bijstand aan voor een bril.", "bijstand"
    )
    assert d.match == "new" and d.case_type == "bijstand"


def test_closed_case_is_not_joined_without_its_number(lookup: DbCaseLookup) -> None:
    d = decide(
        lookup, "Burgerservicenummer 123456782. Ik wil een nieuwe aanbouw.", "omgevingsvergunning"
    )
    assert d.match == "new"


def test_invoices_match_by_invoice_number_never_by_supplier(lookup: DbCaseLookup) -> None:
    reminder = (
        "Herinnering\nFactuurnummer: 2026-0412\nKvK 12345678\nWij ontvingen uw betaling niet."
    )
    d = decide(lookup, reminder, "factuur")
    assert (d.match, d.case_number) == ("matched", "ZAAK-2026-0000000120")
    new_invoice = "Factuur\nFactuurnummer: 2026-0533\nKvK 12345678\nReparatie lantaarnpalen."
    d = decide(lookup, new_invoice, "factuur")
    assert d.match == "new" and d.invoice_number == "2026-0533"


def test_same_address_another_person_is_never_their_case(lookup: DbCaseLookup) -> None:
    text = (
        "Fatima El Idrissi\nKerkstraat 5-2\n1011 AB Amsterdam\n\n"
        "Ik vraag een bijstandsuitkering aan.\n\nMet vriendelijke groet,\nFatima El Idrissi"
    )
    d = decide(lookup, text, "bijstand")
    assert d.match == "new", d.reasons


def test_same_address_and_name_is_the_same_person(lookup: DbCaseLookup) -> None:
    text = (
        "Y. El Idrissi\nKerkstraat 5-2\n1011 AB Amsterdam\n\n"
        "Hierbij stuur ik de bankafschriften die u vroeg.\n\nMet vriendelijke groet,\n"
        "Youssef El Idrissi"
    )
    d = decide(lookup, text, "bijstand")
    assert (d.match, d.case_number) == ("matched", "ZAAK-2026-0000000140"), d.reasons


def test_a_different_bsn_rules_out_the_address(lookup: DbCaseLookup) -> None:
    text = (
        "J.H. Brinkman\nZwolseweg 214\n7412 AR Deventer\nBSN 999999990\n\n"
        "Graag hulp bij het huishouden."
    )
    assert decide(lookup, text, "wmo").match == "new"


def test_organisation_by_kvk_and_on_behalf_letter_by_the_person(lookup: DbCaseLookup) -> None:
    d = decide(lookup, "Stichting De Brug, KvK 87654321: hierbij de begroting.", "subsidie")
    assert d.case_number == "ZAAK-2026-0000000130"
    on_behalf = (
        "Namens mijn cliënt, de heer J.H. Brinkman (BSN 111222333), vraag ik naar de "
        "stand van zaken van de traplift.\n\nMr. P. de Wit, advocaat\nKvK 87654321\n"
        "IBAN NL91ABNA0417164300"
    )
    d = decide(lookup, on_behalf, "wmo")
    assert d.case_number == "ZAAK-2026-0000000101"


def test_names_compare_surname_and_first_initial() -> None:
    assert same_name("J.H. Brinkman", ["Jan Brinkman"])
    assert same_name("J.H. Brinkman", ["dhr. Brinkman"])
    assert not same_name("J.H. Brinkman", ["A. Brinkman-Oosterhof"])
    assert not same_name("Fatima El Idrissi", ["Youssef El Idrissi"])
    assert same_name("M. van den Berg", ["Marieke van den Berg"])
    assert not same_name("M. van den Berg", ["M. van Dijk"])


def test_a_shared_email_address_does_not_make_spouses_one_party() -> None:
    from mailroom.cases.matching import CaseRef, Party, same_party

    case = CaseRef("ZAAK-2026-0000000001", "wmo", "open", email="fam@example.nl", name="Jan Smit")
    assert same_party(case, Party(emails=("fam@example.nl",), names=("Jan Smit",)))
    assert same_party(case, Party(emails=("fam@example.nl",)))  # no name to compare
    assert not same_party(case, Party(emails=("fam@example.nl",), names=("Ria Smit",)))
