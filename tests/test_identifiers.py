"""Identifier extraction on snippets shaped like the letters the postroom receives."""

from __future__ import annotations

import pytest

from mailroom.cases.identifiers import (
    Found,
    extract,
    find_case_numbers,
    is_valid_bsn,
    is_valid_iban,
    mask_bsn,
)

BSN = "111222333"  # passes the elfproef: 9+8+7+12+10+8+9+6-3 = 66
IBAN = "NL91ABNA0417164300"


def make_bsn(first_eight: str) -> str:
    """A valid BSN from eight digits, or fail when no check digit fits."""
    total = sum(int(d) * w for d, w in zip(first_eight, range(9, 1, -1), strict=True))
    check = total % 11
    assert check < 10, f"{first_eight} has no valid check digit"
    return first_eight + str(check)


def make_iban(country: str, bban: str) -> str:
    """An IBAN with correct check digits, computed as the standard describes."""
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def values(found: list[Found] | tuple[Found, ...]) -> list[str]:
    return [f.value for f in found]


# --- case numbers -------------------------------------------------------------------


def test_clean_case_number_in_reference_line() -> None:
    text = "Uw kenmerk: ZAAK-2026-0000000042\nOns kenmerk: JV/2026/17\n\nGeachte heer Bakker,"
    [found] = find_case_numbers(text)
    assert found.value == "ZAAK-2026-0000000042"
    assert found.confidence == 1.0
    assert text[found.start : found.end] == "ZAAK-2026-0000000042"


def test_case_numbers_are_upper_cased_and_short_forms_ignored() -> None:
    text = "Uw kenmerk zaak-2026-0000000042, eerder ZAAK-2025-0000001234; niet ZAAK-26-12."
    found = find_case_numbers(text)
    assert values(found) == ["ZAAK-2026-0000000042", "ZAAK-2025-0000001234"]
    assert text[found[0].start : found[0].end].upper() == found[0].value


def test_ocr_letters_in_digit_positions_are_read_as_digits() -> None:
    text = "Betreft: bezwaar tegen besluit in ZAAK-2O26-OOOOOOl4S5 van 3 maart"
    [found] = find_case_numbers(text)
    assert found.value == "ZAAK-2026-0000001455"
    assert found.confidence == 0.8


@pytest.mark.parametrize(
    "text",
    [
        "Uw kenmerk: ZAAK-2026-00000 00042",
        "In uw brief met nummer ZAAK 2026 0000000042 schrijft u",
        "Uw kenmerk: ZAAK–2026–0000000042",
        "onder kenmerk ZAAK-2026-00000\n00042 heeft u mij",
        "Kenmerk: ZAAK-2026-00.000.000.42",
    ],
)
def test_split_or_oddly_dashed_case_numbers_are_repaired(text: str) -> None:
    [found] = find_case_numbers(text)
    assert found.value == "ZAAK-2026-0000000042"
    assert 0.8 < found.confidence < 1.0


@pytest.mark.parametrize(
    "text",
    ["Zaaknummer: 2026-0000000042", "zaaknr. 2026-0000000042", "Uw zaak nummer 2026-0000000042"],
)
def test_labelled_case_number_without_prefix(text: str) -> None:
    [found] = find_case_numbers(text)
    assert found.value == "ZAAK-2026-0000000042"
    assert text[found.start : found.end] == "2026-0000000042"


def test_case_numbers_are_deduplicated_in_order_of_first_appearance() -> None:
    text = (
        "Uw kenmerk: ZAAK-2O26-0000000042\n"
        "Ik verwijs ook naar ZAAK-2025-0000000007 en nogmaals naar ZAAK-2026-0000000042."
    )
    found = find_case_numbers(text)
    assert values(found) == ["ZAAK-2026-0000000042", "ZAAK-2025-0000000007"]
    assert found[0].confidence == 1.0  # the clean second reading stands for the value


def test_digits_do_not_borrow_a_letter_from_the_next_word() -> None:
    assert find_case_numbers("ZAAK-2026-000000004 Subsidie aangevraagd") == []
    assert find_case_numbers("zaak 1234 heeft geen jaartal") == []


def test_extra_patterns_for_an_older_numbering() -> None:
    text = "Uw kenmerk Z/2019/ 01234, dossier D12.4567 en ZAAK-2026-0000000042"
    patterns = [r"Z/\d{4}/\s?\d{5}", r"(?i)dossier (?P<number>d\d{2}\.\d{4})"]
    found = find_case_numbers(text, patterns)
    assert values(found) == ["Z/2019/01234", "D12.4567", "ZAAK-2026-0000000042"]
    assert text[found[1].start : found[1].end] == "D12.4567"


# --- BSN ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "BSN: 111222333",
        "Mijn burgerservicenummer is 1112.22.333.",
        "sofinummer 111 222 333",
        "BSN-nummer aanvrager: 111.222.333\nGeboortedatum: 12-03-1961",
        "Burgerservicenummer (BSN)\n111222333",
    ],
)
def test_bsn_next_to_its_label_in_the_usual_formats(text: str) -> None:
    [found] = extract(text).bsns
    assert found.value == BSN
    assert found.confidence == 1.0


def test_valid_nine_digit_number_without_label_is_not_a_bsn() -> None:
    phone = make_bsn("61234567")  # a valid elfproef, but written as a phone number
    text = f"U kunt mij bellen op {phone} of mailen. Mijn rekeningnummer eindigt op {BSN}."
    assert is_valid_bsn(phone)
    assert extract(text).bsns == ()


def test_label_takes_only_the_first_number_after_it() -> None:
    other = make_bsn("12345678")
    text = f"BSN: {BSN}, telefoon {other}"
    assert values(extract(text).bsns) == [BSN]


def test_invalid_elfproef_is_rejected() -> None:
    assert not is_valid_bsn("111222334")
    assert not is_valid_bsn("000000000")
    assert not is_valid_bsn("11122233")
    assert not is_valid_bsn("111 222 333")  # the caller takes out separators
    assert not is_valid_bsn("１１１２２２３３３")  # fullwidth digits, which int() reads
    assert extract("BSN: 111222334").bsns == ()


def test_bsn_with_dropped_leading_zero_only_straight_after_label() -> None:
    bsn = make_bsn("01234567")
    [found] = extract(f"BSN: {bsn[1:]}").bsns
    assert found.value == bsn
    assert found.confidence < 1.0
    assert extract(f"BSN van mijn vader is {bsn[1:]}").bsns == ()


def test_repr_never_shows_a_bsn_in_full() -> None:
    result = extract(f"Naam: Jan Jansen\nBSN: {BSN}")
    [found] = result.bsns
    assert found.value == BSN  # the record itself keeps it, for matching
    for shown in (repr(found), str(found), f"{found}", repr(result), repr(result.all())):
        assert BSN not in shown
        assert "*****2333" in shown
    assert "ZAAK-2026-0000000042" in repr(find_case_numbers("ZAAK-2026-0000000042")[0])


def test_mask_bsn_shows_only_the_last_four() -> None:
    assert mask_bsn("111222333") == "*****2333"
    assert mask_bsn("1112.22.333") == "*****2333"


# --- KvK ----------------------------------------------------------------------------


def test_kvk_number_after_its_label() -> None:
    text = (
        "Bakkerij De Korenschoof V.O.F.\nMarkt 3, 7411 GN Deventer\nKvK-nummer: 12345678\n"
        "Ingeschreven bij de Kamer van Koophandel onder nummer 8765 4321.\n"
        "Bel ons: 06-12345678. Ordernummer 55554444."
    )
    assert values(extract(text).kvks) == ["12345678", "87654321"]


# --- IBAN ---------------------------------------------------------------------------


def test_iban_with_spaces_is_normalised() -> None:
    text = "Graag het bedrag terugstorten op NL91 ABNA 0417 1643 00 t.n.v. J. Jansen."
    [found] = extract(text).ibans
    assert found.value == IBAN
    assert text[found.start : found.end] == "NL91 ABNA 0417 1643 00"


def test_iban_followed_by_a_capitalised_word_is_trimmed() -> None:
    [found] = extract("IBAN: NL91ABNA0417164300 EUR 125,00").ibans
    assert found.value == IBAN


def test_iban_with_wrong_checksum_is_rejected() -> None:
    assert not is_valid_iban("NL91ABNA0417164301")
    assert extract("rekening NL91 ABNA 0417 1643 01").ibans == ()


def test_foreign_and_generated_ibans() -> None:
    belgian, german = make_iban("BE", "539007547034"), make_iban("DE", "370400440532013000")
    assert is_valid_iban(belgian) and is_valid_iban(german)
    assert is_valid_iban(make_iban("NL", "RABO0123456789"))
    assert not is_valid_iban(make_iban("NL", "RABO012345678"))  # one digit short for NL
    text = f"Betaald van {belgian}, terug naar DE{german[2:4]} 3704 0044 0532 0130 00."
    assert values(extract(text).ibans) == [belgian, german]


def test_iban_is_checked_against_its_country_and_written_freely() -> None:
    assert is_valid_iban("nl91 abna 0417 1643 00")
    assert not is_valid_iban(make_iban("XX", "WEST12345698765432"))  # no such country
    assert not is_valid_iban(make_iban("NL", "0417ABNA164300"))  # NL: bank letters first
    assert not is_valid_iban("NL91-ABNA-0417-1643-00")


# --- addresses ----------------------------------------------------------------------


def test_street_and_postcode_on_one_line() -> None:
    text = "Ik woon sinds 2019 op Dorpsstraat 12a, 1234 AB Westerveld."
    [found] = extract(text).addresses
    assert (found.value, found.house_number) == ("1234AB", "12A")


@pytest.mark.parametrize(
    ("block", "house_number"),
    [
        ("Kerkweg 4-2\n1234AB  Ommen", "4-2"),
        ("Laan 10 bis\n1234 AB Ommen", "10BIS"),
        ("Van Heemstraweg 8 A,\n1234 AB Ommen", "8A"),
        ("Straat en huisnummer: Molenstraat 3\nPostcode en woonplaats: 1234 AB Ommen", "3"),
    ],
)
def test_street_line_above_the_postcode(block: str, house_number: str) -> None:
    [found] = extract(f"Fam. de Wit\n{block}\n\nGeachte heer, mevrouw,").addresses
    assert (found.value, found.house_number) == ("1234AB", house_number)


def test_postcode_and_house_number_form_fields() -> None:
    form = "Postcode: 1234 ab\nPostcode: 2345 CD   Huisnummer: 12 Toevoeging: b\n"
    form += "Huisnummer: 7\nPostcode: 3456EF"
    found = extract(form).addresses
    assert [(f.value, f.house_number) for f in found] == [("2345CD", "12B"), ("3456EF", "7")]


def test_postbus_lone_postcode_and_unissued_letters_are_not_addresses() -> None:
    text = (
        "Gemeente Ommen\nPostbus 100, 7730 AC Ommen\n"
        "Antwoordnummer 12\n7730 VB Ommen\n"
        "Dorpsstraat 1, 1234 SA Ommen\n"
        "Ik verhuis naar 8011 AB Zwolle."
    )
    assert extract(text).addresses == ()


# --- invoice numbers ----------------------------------------------------------------


def test_invoice_numbers_in_a_payment_reminder() -> None:
    text = (
        "HERINNERING\n\nVolgens onze administratie is factuurnummer: F-2026/00123 van "
        "12 februari nog niet voldaan. Ook factuur nr. 2026-0456 staat open.\n"
        "Invoice no. INV-77 is paid."
    )
    assert values(extract(text).invoice_numbers) == ["F-2026/00123", "2026-0456", "INV-77"]


def test_invoice_number_in_a_credit_note() -> None:
    text = "CREDITNOTA CN-2026-004\nCreditnota bij factuur 2026/0456 d.d. 3 maart 2026"
    [found] = extract(text).invoice_numbers
    assert found.value == "2026/0456"
    assert text[found.start : found.end] == "2026/0456"


def test_betreft_factuur_without_number_takes_nothing() -> None:
    text = "Betreft: factuur van 3 maart\nBetreft factuur nr. f2026-17."
    assert values(extract(text).invoice_numbers) == ["F2026-17"]


# --- emails and names ---------------------------------------------------------------


def test_sender_header_comes_first_and_is_lower_cased() -> None:
    text = "Stuur de beschikking a.u.b. ook naar Mijn.Dochter@Voorbeeld.nl en jan@example.nl."
    result = extract(text, sender='"Jan  Jansen" <Jan@Example.NL>')
    assert values(result.emails) == ["jan@example.nl", "mijn.dochter@voorbeeld.nl"]
    assert (result.emails[0].start, result.emails[0].confidence) == (-1, 1.0)
    assert values(result.names) == ["Jan Jansen"]


def test_encoded_sender_name_and_bare_address() -> None:
    result = extract("", sender="=?utf-8?q?Jos=C3=A9_Mart=C3=ADnez?= <jose@example.es>")
    assert values(result.names) == ["José Martínez"]
    bare = extract("", sender="info@bakkerij-dekorenschoof.nl")
    assert (values(bare.emails), bare.names) == (["info@bakkerij-dekorenschoof.nl"], ())
    [spelt] = extract("", sender="jan.de.vries85@example.nl").names
    assert (spelt.value, spelt.confidence) == ("Jan de Vries", 0.5)
    assert values(extract("", sender="j.de.vries@example.nl").names) == ["J. de Vries"]


def test_signature_name_has_lower_confidence() -> None:
    text = "Ik hoor graag van u.\n\nMet vriendelijke groet,\n\n\nA.M. van der  Berg\n"
    [found] = extract(text).names
    assert found.value == "A.M. van der Berg"
    assert found.confidence == 0.7


def test_signature_after_a_namens_line_and_lines_that_are_not_names() -> None:
    daughter = "Met vriendelijke groeten,\nnamens mijn moeder,\nPetra de Vries-Hoekstra\n"
    assert values(extract(daughter).names) == ["Petra de Vries-Hoekstra"]
    assert extract("Hoogachtend,\n(handtekening)\n").names == ()
    assert extract("Met vriendelijke groet,\nTeam 2 Parkeren").names == ()


def test_form_name_and_undersigned() -> None:
    form = "Naam: J.  Bakker\nAdres: Kerkweg 4\n"
    letter = "Ondergetekende, Hendrik Jan de Boer, wonende te Ommen, verklaart"
    assert values(extract(form + letter).names) == ["J. Bakker", "Hendrik Jan de Boer"]
    assert extract("Ondergetekende verklaart hierbij dat").names == ()
    event = "Naam evenement: Buurtfeest\nContactpersoon: Maartje Koopman\nAdres: Meerweg 12"
    assert values(extract(event).names) == ["Maartje Koopman"]


# --- writing on someone's behalf ----------------------------------------------------


def test_on_behalf_lawyer_letterhead_and_client() -> None:
    text = (
        "Advocatenkantoor Smit & De Boer\nHerengracht 120\n1015 BS Amsterdam\n\n"
        "Geachte heer, mevrouw,\n\nHierbij maak ik bezwaar tegen het besluit van 2 maart "
        "inzake de heer Yilmaz, mijn cliënt. Cliënt woont sinds 2010 in uw gemeente."
    )
    assert extract(text).on_behalf


def test_on_behalf_bewindvoerder() -> None:
    text = (
        "Geachte heer, mevrouw,\n\nIn mijn hoedanigheid van bewindvoerder van mevrouw "
        f"A. Peters (BSN {BSN}) verzoek ik u de bijzondere bijstand over te maken op "
        "de beheerrekening NL91 ABNA 0417 1643 00."
    )
    result = extract(text)
    assert result.on_behalf
    assert values(result.bsns) == [BSN]
    assert values(result.ibans) == [IBAN]


@pytest.mark.parametrize(
    "text",
    [
        "Ik schrijf voor mijn moeder, die sinds haar beroerte niet meer kan schrijven.",
        "Namens mijn vader, de heer K. Jansen, dien ik dit bezwaar in.",
        "Mede namens mijn man vraag ik om uitstel.",
        "Als curator in het faillissement van Bouwbedrijf Hoek B.V. meld ik u",
        "I am writing on behalf of my client, Mr. Müller.",
        "Namens cliënte verzoek ik u om een termijn van vier weken.",
        "Namens mijn opdrachtgever, de familie Kamphuis, stuur ik de tekeningen.",
        "Als vrijwillig thuisadministrateur help ik de heer Celik met zijn post.",
        "Ik help als vrijwilliger op ons sociaal spreekuur mevrouw Yıldız met haar papieren.",
        "Ik ben als wijkverpleegkundige betrokken bij mevrouw Van der Sande, 84 jaar.",
        "Onze medewerker heeft ons gevraagd u te schrijven over zijn bezwaar.",
        "Betreft: mevrouw W.M. van der Sande (Mien), Vlasakker 19 - trap\n\nGeachte consulent,",
        "Betreft: Kees van Gils, Schoenmakersstraat 33\n\nGeachte heer, mevrouw,",
        "Ik ben vrijwilliger bij Welkom en begeleid de familie Al-Hassan sinds december.",
        "Hij vroeg mij te mailen omdat hij de brief niet begreep.",
        "Op verzoek van de heer Rovers en zijn huisarts heb ik een huisbezoek afgelegd.",
    ],
)
def test_on_behalf_phrases(text: str) -> None:
    assert extract(text).on_behalf


@pytest.mark.parametrize(
    "text",
    [
        "Betreft: Aanvraag dakkapel, Lindelaan 4\n\nHierbij stuur ik de tekening.",
        "Ik help graag mee met de buurtschoonmaak.",
        "Ik verzoek u mij te informeren over de stand van het verzoek om openbaarmaking.",
    ],
)
def test_phrases_that_are_not_on_behalf(text: str) -> None:
    result = extract(text)
    assert not result.on_behalf and not result.made_now


def test_own_letter_is_not_on_behalf() -> None:
    text = (
        "Geachte heer, mevrouw,\n\nIk maak bezwaar tegen de aanslag. Mijn advocaat heeft "
        "mij geadviseerd eerst zelf te schrijven. Mijn moeder woont bij mij in.\n\n"
        "Met vriendelijke groet,\nJan Jansen"
    )
    assert not extract(text).on_behalf


# --- everything together ------------------------------------------------------------


def test_extract_a_whole_letter_in_text_order() -> None:
    text = (
        "J. de Vries\nKerkweg 4-2\n1234 AB Ommen\n\n"
        "Uw kenmerk: ZAAK-2026-0000000042\nBetreft: factuur 2026-0456\n\n"
        f"Geachte heer, mevrouw,\n\nMijn BSN is {BSN}. Mijn rekening: {IBAN}.\n\n"
        "Met vriendelijke groet,\nJoke de Vries\n"
    )
    result = extract(text, sender="Joke de Vries <joke@example.nl>")
    kinds = [f.kind for f in result.all()]
    assert kinds == [
        "email",
        "name",
        "name",  # the letterhead's, over the street line
        "address",
        "case_number",
        "invoice_number",
        "bsn",
        "iban",
    ]
    assert result.names[0].value == "Joke de Vries"  # the signature repeats the sender
    assert not result.on_behalf


def test_invoice_number_under_a_table_header_and_after_the_bare_word() -> None:
    table = (
        "BETALINGSHERINNERING\n\n"
        "Factuurnummer   Factuurdatum   Vervaldatum   Bedrag\n"
        "2026-0412       16-02-2026     17-03-2026    € 14.627,55\n"
    )
    assert [f.value for f in extract(table).invoice_numbers] == ["2026-0412"]
    bare = "Onderwerp: 2e herinnering factuur 2026/00871\nDe factuur van 15 januari is open."
    assert [f.value for f in extract(bare).invoice_numbers] == ["2026/00871"]
    assert extract("De factuur 12-03-2026 klopt niet.").invoice_numbers == ()


# --- the parts of an email: header, the writer's own words, quotes ------------------


def where(result_found: tuple[Found, ...]) -> list[tuple[str, str]]:
    return [(f.value, f.where) for f in result_found]


def test_case_number_in_the_subject_only_comes_from_the_header() -> None:
    result = extract(
        "Hierbij de stukken die nog ontbraken.\n\nGroet, Sophie",
        sender="sophie.vwijngaarden@gmail.com",
        subject="RE: de ontbrekende stukken ZAAK-2026-0000000572",
    )
    assert where(result.case_numbers) == [("ZAAK-2026-0000000572", "header")]
    assert (result.case_numbers[0].start, result.case_numbers[0].end) == (-1, -1)
    assert extract("", subject="Re: Re: AW: zaaknr 2026-0000000608 foto's").case_numbers


MUNICIPALITY_LETTER = (
    "Geachte mevrouw Haddou,\n\nWij hebben nog uw loonstroken nodig.\n\n"
    "Ons kenmerk: ZAAK-2026-0000000563\n\nMet vriendelijke groet,\n\nMarco Bosch\n"
    "Klantmanager Werk en Inkomen\nGemeente Amersfoort\nStadhuisplein 1\n3811 LM Amersfoort\n"
    "KvK 12345678\nwerkeninkomen@amersfoort.nl"
)


@pytest.mark.parametrize(
    "marker",
    [
        "Op di 24 mrt 2026 om 09:41 schreef Werk en Inkomen <werkeninkomen@amersfoort.nl>:\n",
        "Op 25 mrt. 2026 om 11:03 heeft Werk en Inkomen <werkeninkomen@amersfoort.nl> het "
        "volgende geschreven:\n",
        "On Tue, Mar 24, 2026 at 9:41 AM Werk en Inkomen <werkeninkomen@amersfoort.nl>\nwrote:\n",
        "-----Oorspronkelijk bericht-----\nVan: Werk en Inkomen <werkeninkomen@amersfoort.nl>\n"
        "Verzonden: dinsdag 24 maart 2026 09:41\nAan: nhaddou@live.nl\nOnderwerp: stukken\n",
        "________________________________\nVan: Werk en Inkomen <werkeninkomen@amersfoort.nl>\n"
        "Verzonden: dinsdag 24 maart 2026 09:41\n",
        "From: Werk en Inkomen <werkeninkomen@amersfoort.nl>\nSent: Tuesday, March 24\n",
    ],
)
def test_a_quoted_municipality_letter_is_not_the_writer(marker: str) -> None:
    text = (
        "Goedemiddag,\n\nIn de bijlage de loonstroken.\n\nGroet,\nNadia Haddou\n"
        "Lindelaan 4\n\n" + marker + "\n" + MUNICIPALITY_LETTER
    )
    result = extract(text, sender="nhaddou@live.nl")
    assert where(result.case_numbers) == [("ZAAK-2026-0000000563", "quoted")]
    assert ("Nadia Haddou", "body") in where(result.names)
    assert {f.where for f in result.names if f.value == "Marco Bosch"} <= {"quoted"}
    assert [f.where for f in result.addresses] == ["quoted"]  # the town hall's
    assert [f.where for f in result.kvks] == ["quoted"]
    assert ("Lindelaan", "body") in where(result.streets)
    own_emails = [f.value for f in result.emails if f.where != "quoted"]
    assert own_emails == ["nhaddou@live.nl"]


def test_quoted_lines_with_answers_between_and_below_them() -> None:
    text = (
        "Op di 3 mrt 2026 om 10:00 schreef Parkeren <parkeren@amersfoort.nl>:\n"
        "> Geachte heer Arends,\n> Ons kenmerk ZAAK-2026-0000000551\n\n"
        "Hierbij het kentekenbewijs.\n\n> Heeft u vragen? Bel 14 033.\n\nNee, dank u.\n\n"
        "Groet,\nThijs Arends\nMuurhuizen 9"
    )
    result = extract(text)
    assert where(result.case_numbers) == [("ZAAK-2026-0000000551", "quoted")]
    assert where(result.emails) == [("parkeren@amersfoort.nl", "quoted")]  # the marker line
    assert ("Thijs Arends", "body") in where(result.names)
    assert where(result.streets) == [("Muurhuizen", "body")]


def test_header_lines_above_an_email_body_and_its_recipients() -> None:
    text = (
        "Van: Bart Wolff <b.wolff@xs4all.nl>\nAan: klachten@amersfoort.nl\n"
        "Onderwerp: RE: ZAAK-2026-0000000590\nDatum: 1 april 2026\n\nIk hoor niets.\n"
    )
    result = extract(text, sender="Bart Wolff <b.wolff@xs4all.nl>")
    assert where(result.case_numbers) == [("ZAAK-2026-0000000590", "header")]
    assert values(result.emails) == ["b.wolff@xs4all.nl"]  # not the municipality's To


def test_a_forward_is_flagged_and_one_without_a_word_is_the_writers_own() -> None:
    forward = "Zie hieronder.\n\n---------- Doorgestuurd bericht ---------\nVan: Ruben Stam\n"
    assert extract(forward + "\nBSN 111222333").forwarded
    assert extract(forward + "\nBSN 111222333").bsns[0].where == "quoted"
    assert extract("Dag,", subject="Fwd: Besluit ZAAK-2026-0000000572").forwarded
    assert not extract("Dag,", subject="RE: Besluit ZAAK-2026-0000000572").forwarded
    bare = "---------- Forwarded message ---------\nVan: mij\n\nMijn BSN is 111222333."
    assert [f.where for f in extract(bare).bsns] == ["body"]


# --- signatures and addresses without a postcode ------------------------------------


@pytest.mark.parametrize(
    "signature",
    [
        "Groet,\nAnouk Verbeek\nLindelaan 4",
        "Groetjes,\n\nAnouk Verbeek\nLindelaan 4",
        "Mvg,\nAnouk Verbeek\n06-12345678\nLindelaan 4 in Zeist",
        "Dank je!\nAnouk Verbeek, Lindelaan 4",
        "Met vriendelijke groet,\nAnouk Verbeek | Lindelaan 4 | Zeist",
        "Mvg Anouk Verbeek (Lindelaan 4)",
        "groetjes,\nanouk verbeek\nlindelaan 4",
        "Hartelijke groet,\nmevrouw A. Verbeek\nLindelaan 4",
        "Fijne dag nog,\n\nAnouk Verbeek\nLindelaan 4, Zeist",
        "Anouk Verbeek\nLindelaan 4",  # no closing: a name over a street line
    ],
)
def test_signature_name_and_street_without_postcode(signature: str) -> None:
    result = extract(f"Hoi,\n\nHoe staat het met de aanvraag?\n\n{signature}\n")
    assert [n.value.lower().split()[-1] for n in result.names] == ["verbeek"]
    assert [(f.value.lower(), f.house_number) for f in result.streets] == [("lindelaan", "4")]
    assert result.addresses == ()


def test_signature_with_postcode_and_a_couple_signing() -> None:
    result = extract("Groet,\nLars en Eline Mulder\nBisschopsweg 11 A\n3818 CD Amersfoort")
    assert values(result.names) == ["Lars Mulder", "Eline Mulder"]
    assert [(f.value, f.house_number) for f in result.addresses] == [("3818CD", "11A")]
    assert result.streets == ()  # the same house as the address


@pytest.mark.parametrize(
    ("sentence", "postcode", "house_number"),
    [
        ("voor ons huis (Stortemelk 112, 3825 JW) staat een hek", "3825JW", "112"),
        ("ons huis aan de Leusderweg nr. 19 (3817 PV) krijgt", "3817PV", "19"),
        ("Mijn gegevens: postcode 3813 ER, huisnummer 8 b.", "3813ER", "8B"),
        ("Wij wonen op Soesterweg 33 A, 3812 EH Amersfoort.", "3812EH", "33A"),
        ("Adres: Kamp 9, 3811 ar Amersfoort", "3811AR", "9"),  # "ar": right after a street
        ("Anouk Verbeek · Lindelaan 4 · 1234 AB Zeist", "1234AB", "4"),
    ],
)
def test_inline_addresses(sentence: str, postcode: str, house_number: str) -> None:
    [found] = extract(sentence).addresses
    assert (found.value, found.house_number) == (postcode, house_number)


@pytest.mark.parametrize(
    ("sentence", "street", "house_number"),
    [
        ("We willen een springkussen voor ons huis op de Valkhof 10 neerzetten.", "Valkhof", "10"),
        ("Ik woon in de Lindelaan, huisnummer 4a, sinds mei.", "Lindelaan", "4A"),
        ("Mijn adres is Van Campenstraat 7.", "Van Campenstraat", "7"),
        # A mail wrapped after "aan de".
        ("de linden voor ons woonhuis aan de\nHeereweg 88 (dus privé)", "Heereweg", "88"),
        # OCR read the 1 of the house number as an l.
        ("Ik woon aan de Kolenbergweg l8, sinds oktober.", "Kolenbergweg", "18"),
        # The flat above the shop, and a number alone in brackets.
        (
            "voor mijn bovenwoning (Lange Nieuwstraat 16A, boven de winkel)",
            "Lange Nieuwstraat",
            "16A",
        ),
        ("Ik woon in een wisselwoning op de Noorderkamp (18) sinds maart.", "Noorderkamp", "18"),
    ],
)
def test_own_street_in_a_sentence(sentence: str, street: str, house_number: str) -> None:
    [found] = extract(sentence).streets
    assert (found.value, found.house_number) == (street, house_number)


@pytest.mark.parametrize(
    "text",
    [
        "Zie bijlage 2 en artikel 4 van de verordening.",
        "Ik woon al 30 jaar in Amersfoort en de lantaarnpaal aan de Dorpsstraat 12 is kapot.",
        "Groet,\nTeam Parkeren\nPostbus 4000\nTelefoon 14 033",
        "Sinds 2019 op dit adres; de boom staat bij nummer 14.",
        "Met vriendelijke groet,\n\nVerzonden vanaf mijn iPhone",
        "Bedankt voor uw snelle reactie, ik woon hier 12 jaar.",
    ],
)
def test_no_street_or_name_where_there_is_none(text: str) -> None:
    result = extract(text)
    assert (result.streets, result.addresses, result.names) == ((), (), ())


def test_letterhead_name_over_the_address_and_organisations_are_no_names() -> None:
    text = (
        "E. Yıldız\nRubensstraat 3\n3817 XP Amersfoort\n\n"
        "Gemeente Amersfoort\nStadhuisplein 1\n3811 LM Amersfoort\n\nBeste,\n\nIk vraag"
    )
    result = extract(text)
    assert values(result.names) == ["E. Yıldız"]
    assert [f.value for f in result.addresses] == ["3817XP", "3811LM"]


def test_the_writers_own_earlier_email_quoted_below_is_theirs() -> None:
    text = (
        "Op 3 maart stuurde ik onderstaande mail, maar ik hoorde niets.\n\nAnouk\n\n"
        "-----Oorspronkelijk bericht-----\nVan: Anouk Verbeek <anouk1985@hotmail.com>\n"
        "Verzonden: dinsdag 3 maart 2026 10:12\nAan: info@amersfoort.nl\n\n"
        "Mag de schuur hoger?\n\nGroet,\nAnouk Verbeek\nDahliastraat 16\n3814 TG Amersfoort\n"
    )
    own = extract(text, sender="Anouk Verbeek <anouk1985@hotmail.com>")
    assert [f.where for f in own.addresses] == ["body"]
    assert where(own.emails) == [
        ("anouk1985@hotmail.com", "header"),
        ("info@amersfoort.nl", "quoted"),
    ]
    someone_else = extract(text, sender="Tom Hendriks <tom@example.nl>")
    assert [f.where for f in someone_else.addresses] == ["quoted"]
    # A reply names the writer on its "Aan:" line; that does not make the quote theirs.
    reply = text.replace("Van: Anouk Verbeek <anouk1985@hotmail.com>", "Van: info@amersfoort.nl")
    reply = reply.replace("Aan: info@amersfoort.nl", "Aan: anouk1985@hotmail.com")
    replied = extract(reply, sender="Anouk Verbeek <anouk1985@hotmail.com>")
    assert [f.where for f in replied.addresses] == ["quoted"]


@pytest.mark.parametrize(
    ("signature", "house_number"),
    [
        ("Tom Verbeek\nSteigerkade 300-1104", "300-1104"),  # flat 4 on the eleventh floor
        ("C. Schoenmakers, voorzitter VvE\nLeemkuil 100-146", "100"),  # a block's numbers
        ("Lotte\nPedelstraat 33 (1-hoog)", "33-1"),  # the floor in brackets
    ],
)
def test_a_tower_flat_a_blocks_range_and_a_floor_in_brackets(
    signature: str, house_number: str
) -> None:
    streets = extract(f"Hoe staat het ermee?\n\nGroet,\n{signature}\n").streets
    assert house_number in [f.house_number for f in streets]
    assert not any("-" in (f.house_number or "") for f in streets if house_number == "100")


@pytest.mark.parametrize(
    "text",
    [
        "I reported the big hole in the cycle path some weeks ago.",
        "Two weeks ago we applied online to change the number plate.",
        "Mein Mann hat im Januar die Genehmigung beantragt.",
        "Die Lampe ist noch immer kaputt.",
    ],
)
def test_a_request_made_before_in_english_or_german(text: str) -> None:
    assert extract(text).earlier


def test_a_new_request_with_the_verb_first_and_the_request_a_compound() -> None:
    text = (
        "Naast onze lopende aanvraag voor de programmering dienen wij hierbij een aparte, "
        "nieuwe subsidieaanvraag in voor het jongerenproject."
    )
    assert extract(text).new_request
    assert not extract("De aanvraag staat op mijn eigen naam.").for_self
    # The other matter is a separate one, not this letter.
    applied = "Hierbij vragen we daarvoor een evenementenvergunning aan."
    assert extract(applied).new_request
    aside = "(Het gaat hier niet om de stoeptegels, dat is een aparte melding.)"
    assert not extract(aside).new_request
    assert extract("Dit is een aparte melding, over de bankjes.").new_request
    # Another's request that runs: "Zijn vrouw heeft een aparte aanvraag ... lopen".
    running = "Zijn vrouw heeft een aparte aanvraag bij Werk en Inkomen lopen."
    assert not extract(running).new_request
    # Another matter than the writer's own, in a mail wrapped mid-sentence.
    assert extract("er ligt afval bij de glasbak. dit is iets\nanders dan mijn stoep.").new_request
    # Asking for the form: the request is still to be made.
    assert extract("Kunnen jullie ons het aanvraagformulier sturen?").new_request
    assert extract("Graag ontvangen wij het aanvraagformulier.").new_request
    # Besides the one that runs.
    beside = "Naast de aanbouw waar al een aanvraag voor loopt, wil ik een uitrit laten maken."
    assert extract(beside).new_request


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        (
            "Dit gaat niet over de bestelbus van de zaak, daar hebben we de ontheffing voor "
            "laden en lossen voor aangevraagd.",
            "ontheffing",
        ),
        (
            "We mogen het postadres gebruiken; de subsidie van het wijkcentrum zelf staat hier "
            "los van.",
            "wijkcentrum",
        ),
        # The writer's own request, apart from another's: not set aside.
        ("Een buurman heeft ook een verzoek gedaan. Mijn verzoek staat daar los van.", None),
        ("Dit gaat niet over de hoogte van de aanslag, maar over de betaling.", "hoogte"),
        ("Dit gaat dus niet over de bestelbus van de zaak.", "bestelbus"),
    ],
)
def test_what_a_letter_says_it_is_not_about(text: str, aside: str | None) -> None:
    words = " ".join(extract(text).set_aside)
    assert (aside in words) if aside else not words
    assert "betaling" not in words
    assert extract("Dit is voor mijn eigen scootmobiel.").for_self


def test_a_name_before_a_preposition_is_no_street() -> None:
    text = "Ik woon direct naast de familie Peeters op nummer 18.\n\nGerda\nSchuttersgracht 16"
    assert [(f.value, f.house_number) for f in extract(text).streets] == [("Schuttersgracht", "16")]


def test_a_request_made_before_by_the_partner_and_a_contractor_for_an_organisation() -> None:
    assert extract("Mijn vrouw heeft al twee keer gemaild over de linde.").earlier
    assert extract("mijn man heeft begin februari al gemeld dat het hek kapot is").earlier
    firm = extract("In opdracht van De Strokartonfabriek verzorgen wij de productie.")
    assert [f.value for f in firm.about] == ["Strokartonfabriek"] and firm.on_behalf
    # Not the municipality a contractor works for.
    assert not extract("Werk uitgevoerd in opdracht van Gemeente Veenhaven.").about


def test_van_before_a_street_and_number_is_where_someone_lives() -> None:
    text = "Ik schrijf namens mijn buurvrouw, mevrouw Bos van Eerste Wijk 3. Zij heeft geen pc."
    assert [(f.value, f.house_number) for f in extract(text).mentioned] == [("Bos", "3")]


def test_a_first_event_beside_one_running_and_a_dotted_invoice_number() -> None:
    text = (
        "Naast onze iftar op straat in maart willen wij dit jaar voor het eerst een Open "
        "Moskeedag organiseren."
    )
    assert extract(text).new_request
    assert extract("Deze zomer willen we voor het eerst een Zomerpodium houden.").new_request
    assert extract("Ik wil graag weten hoe het staat met de vergunning.").earlier
    found = extract("U vroeg welke werkbon bij onze factuur 26.0311 hoort.").invoice_numbers
    assert [f.value for f in found] == ["26.0311"]


def test_another_request_than_the_open_one_and_a_new_event() -> None:
    assert extract("Dit is een andere aanvraag dan de dakkapel.").new_request
    text = "Los van onze aanvraag voor Koningsnacht willen we een vergunning aanvragen voor een "
    assert extract(text + "nieuw buitenevenement: Summer Sounds.").new_request


def test_a_case_number_in_an_attachments_name() -> None:
    text = "Zie bijlage.\n\nBijlage: tekening_luchtwasser_ZAAK-2026-0000084103.pdf"
    assert [f.value for f in find_case_numbers(text)] == ["ZAAK-2026-0000084103"]


def test_more_of_the_same_request_is_not_a_new_one() -> None:
    # "naast ... ook ... plaatsen" asks for something besides, unless the letter says it
    # changes or adds to its running request.
    besides = "Naast de 20 kramen willen we ook een tent plaatsen op het parkeerterrein."
    assert extract(besides).new_request
    form = f"Webformulier evenementen - wijziging of aanvulling\nToelichting: {besides}"
    assert not extract(form).new_request


def test_asking_which_permit_is_needed_asks_for_a_new_one() -> None:
    text = "Wij organiseren een ouderenmiddag. Welke vergunning hebben wij hiervoor nodig?"
    assert extract(text).asks_now


def test_a_complaint_put_in_writing_was_made_before() -> None:
    text = (
        "Op 12 februari heb ik u gebeld over de balie. Hierbij dien ik de klacht daarom "
        "ook schriftelijk in."
    )
    assert "klacht" in extract(text).made_before


def test_invoice_number_in_brackets_later_in_the_sentence() -> None:
    text = (
        "Onze factuur daarvoor (nummer 4471, € 1.116,50) is nog niet betaald. Onze rekening "
        "voor de glasbewassing van februari (nr. 260102) klopt niet."
    )
    assert {"4471", "260102"} <= set(values(extract(text).invoice_numbers))


@pytest.mark.parametrize(
    ("text", "kin"),
    [
        ("Mijn moeder, mevrouw F. Bouzid, heeft een brief gekregen over haar hulp.", ["F. Bouzid"]),
        ("Mijn moeder, Tiny Coenen, woont sinds de zomer in het zorgcentrum.", ["Tiny Coenen"]),
        # What the relative already has, beside the writer's own matter.
        ("Mijn vader, A.H. Oude Nijeweme, heeft al iets lopen voor begeleiding.", []),
        ("Mijn zus Sanne Wisse heeft ook al een melding lopen over de tegels.", []),
        # A neighbour is a witness, not whom the letter is about.
        ("Mijn buurvrouw, mevrouw J. Bakker, zag het ook gebeuren.", []),
    ],
)
def test_relatives_named_in_full(text: str, kin: list[str]) -> None:
    assert [f.value for f in extract(text).kin] == kin
