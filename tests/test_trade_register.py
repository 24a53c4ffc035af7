"""The trade register (a Handelsregister extract): reading it, importing, looking a trade name
up, and matching a letter signed with a name the case register does not hold."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mailroom.app import trade_register
from mailroom.app.context import Mailroom
from mailroom.cases.evaluate import evaluate_matching
from mailroom.cases.kvk import (
    TradeNameImportError,
    longest,
    name_keys,
    read_trade_names,
    written_names,
)
from mailroom.cases.matching import match_case
from mailroom.cases.register import DbCaseLookup, open_case
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.db.session import transaction
from mailroom.core.records import Classification
from mailroom.faces.cli import cli
from mailroom.testing.cli import run_cli

# One row per trade name of an establishment; the statutory name is one of them. Two
# firms trade as "De Zwaan" (a café and a bakery): that name finds neither.
EXTRACT = (
    "kvknummer;vestigingsnummer;handelsnaam;straatnaam;huisnummer;huisletter;"
    "huisnummertoevoeging;postcode;plaats\n"
    "61234567;000012345671;Horeca Exploitatie Linge B.V.;Markt;3;;;4001AB;Lingedorp\n"
    "61234567;000012345671;Hotel-restaurant De Gouden Appel;Markt;3;;;4001AB;Lingedorp\n"
    "61234567;000012345671;De Gouden Appel;Markt;3;;;4001AB;Lingedorp\n"
    "72345678;000023456782;Coöperatieve Energievereniging Havenzicht U.A.;Haven;1;a;;"
    "4001CD;Lingedorp\n"
    "72345678;000023456782;HavenStroom;Haven;1;a;;4001CD;Lingedorp\n"
    "83456789;000034567893;Horeca De Kaai V.O.F.;Havenstraat;2;;;4001CE;Lingedorp\n"
    "83456789;000034567893;Café 't Veerhuis;Havenstraat;2;;;4001CE;Lingedorp\n"
    "94567890;000045678904;Café De Zwaan;Kerkstraat;1;;;4001EF;Lingedorp\n"
    "95678901;000056789015;Bakkerij De Zwaan;Dorpsstraat;8;;2;4001EG;Lingedorp\n"
    "96789012;000067890126;Advocatenkantoor Lingewaard;Markt;9;;;4001AB;Lingedorp\n"
    "41029867;000023561147;Stichting Islamitisch Cultureel Centrum Lingedorp;Ververstraat;30;;;"
    "4001AV;Lingedorp\n"
    "41029867;000023561147;Mevlana Moskee Lingedorp;Ververstraat;30;;;4001AV;Lingedorp\n"
    "47764625;000076642511;Ruitersportvereniging Lingedorp;Bosweg;3;;;4001BB;Lingedorp\n"
    "58765432;000087654329;Garage Jansen;Industrieweg;7;;;4001KL;Lingedorp\n"
    "59876543;000098765430;Buurtvereniging Kerkstraat;Kerkstraat;20;;;4001EF;Lingedorp\n"
    "40479215;000092577634;Voetbalvereniging Lindehof '31;Sportlaan;1;;;4001SP;Lingedorp\n"
    "40479215;000092577634;VV Lindehof '31;Sportlaan;1;;;4001SP;Lingedorp\n"
    "30660678;000017499359;Stichting Islamitisch Centrum Al-Nour;Molenlaan;3;;;4001ML;Lingedorp\n"
    "30660678;000017499359;Moskee Al-Nour;Molenlaan;3;;;4001ML;Lingedorp\n"
    "71181080;000017499360;Kapsalon Bouzid;Molenlaan;5;;;4001ML;Lingedorp\n"
    "71181081;000017499361;Molenlaan Apotheek;Molenlaan;7;;;4001ML;Lingedorp\n"
    "99664107;000099664107;Vakantiepark De Zandverstuiving;Duinweg;40;;;4001DW;Lingedorp\n"
    # Three firms named De Mar, told apart by their kind.
    "71955304;000071955304;Recreatiebedrijf De Mar B.V.;Meerweg;50;;;4001MW;Lingedorp\n"
    "71955304;000071955304;Camping De Mar;Meerweg;50;;;4001MW;Lingedorp\n"
    "37710854;000037710854;Paviljoen De Mar;Strandweg;2;;;4001SW;Lingedorp\n"
    "41120689;000041120689;Jachthaven De Mar;Haven;5;;;4001CD;Lingedorp\n"
    "58302146;000058302146;Van Dalen Vastgoed en Kamerverhuur B.V.;Burgwal;4;;;4001BW;"
    "Lingedorp\n"
    "58302146;000058302146;Kamers aan de Singel;Burgwal;4;;;4001BW;Lingedorp\n"
    "38886497;000038886497;VV Oosterwoud;Sportweg;1;;;4001SO;Lingedorp\n"
    "12398765;000012398765;Zon B.V.;Markt;11;;;4001AB;Lingedorp\n"
    "04071293;000004071293;Koninklijke Harmonie Sint-Cecilia Lingedorp;Kapelstraat;12;;;4001KP;"
    "Lingedorp\n"
    "04071293;000004071293;Harmonie St. Cecilia;Kapelstraat;12;;;4001KP;Lingedorp\n"
    "71834520;000071834520;Tuincentrum De Grenshoeve B.V.;Heikant;2;;;4001HK;Lingedorp\n"
    "71834520;000071834520;Tuincentrum De Grenshoeve;Heikant;2;;;4001HK;Lingedorp\n"
    "15053717;000015053717;Stichting Centrummanagement De Veenpoort;Veenpoortplein;1;;;4001VP;"
    "Lingedorp\n"
    "15053717;000015053717;Winkelcentrum De Veenpoort;Veenpoortplein;1;;;4001VP;Lingedorp\n"
    "34218867;000034218867;Taxi Lubbers B.V.;Gruttostraat;45;;;4001GS;Lingedorp\n"
    "34218867;000034218867;Taxi Lubbers;Gruttostraat;45;;;4001GS;Lingedorp\n"
    "41210884;000041210884;Stichting Zorgcentrum De Lindehoeve;Emmalaan;30;;;4001EM;Lingedorp\n"
    "41210884;000041210884;De Lindehoeve;Emmalaan;30;;;4001EM;Lingedorp\n"
    "30946405;000030946405;Stichting Basisonderwijs Lingeland;Schoolweg;30;;;4001SC;Lingedorp\n"
    "30946405;000030946405;Basisschool De Esdoorn;Schoolweg;30;;;4001SC;Lingedorp\n"
    "22871649;000022871649;Maatschap Kodde;Polderweg;8;;;4001PW;Lingedorp\n"
    "09184453;000009184453;Gilde Sint-Sebastiaan Lingedorp;Broekdijk;60;;;4001BD;Lingedorp\n"
    "09184453;000009184453;Sint-Sebastiaansgilde;Broekdijk;60;;;4001BD;Lingedorp\n"
    "36111113;000036111113;Slagerij Van Gerwen;Dorpsstraat;11;;;4001DS;Lingedorp\n"
    "76102955;000076102955;R.-K. Parochie Heilige Willibrordus Lingedorp;Kerkstraat;1;;;"
    "4001EF;Lingedorp\n"
    "76102955;000076102955;Parochie Heilige Willibrordus;Kerkstraat;1;;;4001EF;Lingedorp\n"
    "76204419;000076204419;Hervormde Gemeente Lingedorp;Kerkpad;1;;;4001KE;Lingedorp\n"
    "76204419;000076204419;Kerkvoogdij Lingedorp;Kerkpad;1;;;4001KE;Lingedorp\n"
    "02019526;000002019526;Maatschap Hilbrands;Veenweg;4;;;4001VW;Lingedorp\n"
    "52318806;000052318806;Boekhandel Meijer V.O.F.;Lange Nieuwstraat;16;;;4001LN;Lingedorp\n"
)

HEADER = "number,case_type,status,bsn,kvk,postcode,house_number,name,subject,opened_at\n"
REGISTER = HEADER + (
    "ZAAK-2026-0000000801,klacht,open,,61234567,4001 AB,3,Horeca Exploitatie Linge B.V.,"
    "Klacht over controle terras,2026-01-05\n"
    "ZAAK-2026-0000000802,omgevingsvergunning,open,,72345678,4001 CD,1A,"
    "Coöperatieve Energievereniging Havenzicht U.A.,Zonnepanelen op loods,2026-01-06\n"
    "ZAAK-2026-0000000803,evenementenvergunning,open,,83456789,4001 CE,2,"
    "Horeca De Kaai V.O.F.,Zomerfeest aan de kade,2026-01-07\n"
    "ZAAK-2026-0000000804,klacht,open,,,4001 GH,12,Anna de Wit,Klacht over stank,2026-01-08\n"
    "ZAAK-2026-0000000805,parkeervergunning,open,,,4001 GK,14,Pieter Jansen,"
    "Bewonersvergunning tweede auto,2026-01-09\n"
    "ZAAK-2026-0000000806,evenementenvergunning,open,,41029867,4001 AV,30,"
    "Stichting Islamitisch Cultureel Centrum Lingedorp,Gezamenlijke iftar Pelaplein,2026-02-10\n"
    "ZAAK-2026-0000000807,evenementenvergunning,open,,55512345,4001 CD,3,"
    "Stichting Havenfeest Lingedorp,Havenfeest op de Haven,2026-02-11\n"
    "ZAAK-2026-0000000808,factuur,open,,58765432,4001 KL,7,Jansen Auto's B.V.,"
    "Factuur G-2026-014 onderhoud dienstauto's januari,2026-02-03\n"
    "ZAAK-2026-0000000810,melding_openbare_ruimte,open,,59876543,4001 EF,20,"
    "Buurtvereniging Kerkstraat,Lantaarnpaal bij speelplein kapot,2026-02-01\n"
    "ZAAK-2026-0000000811,evenementenvergunning,open,,40479215,4001 SP,1,"
    "Voetbalvereniging Lindehof '31,Jeugdtoernooi Pinksteren,2026-02-02\n"
    "ZAAK-2026-0000000812,subsidie,open,,40477091,4001 SP,1B,Sportvereniging Lindehof,"
    "Subsidie aangepast sporten (G-sport) 2026,2026-02-04\n"
    "ZAAK-2026-0000000813,evenementenvergunning,open,,30660678,4001 ML,3,"
    "Stichting Islamitisch Centrum Al-Nour,Iftarmaaltijd op het Marktplein,2026-01-28\n"
    "ZAAK-2026-0000000814,evenementenvergunning,open,,71181080,4001 ML,5,Kapsalon Bouzid,"
    "Opening kapsalon met muziek,2026-01-29\n"
    "ZAAK-2026-0000000815,evenementenvergunning,open,,71181081,4001 ML,7,Molenlaan Apotheek,"
    "Gezondheidsmarkt voor de apotheek,2026-01-30\n"
    "ZAAK-2026-0000000816,belastingen,open,,99664107,4001 DW,40,"
    "Recreatiepark De Zandverstuiving B.V.,Aanslag toeristenbelasting 2025,2026-02-03\n"
    "ZAAK-2026-0000000817,belastingen,open,955569928,,4001 DW,22,E.M. Brouwer-Smit,"
    "Bezwaar aanslag toeristenbelasting verhuur vakantiewoning,2026-01-28\n"
    "ZAAK-2026-0000000809,parkeervergunning,open,,58765432,4001 KL,7,Jansen Auto's B.V.,"
    "Ontheffing laden en lossen bestelbus,2026-01-19\n"
    "ZAAK-2026-0000000818,evenementenvergunning,open,,71955304,4001 MW,50,"
    "Recreatiebedrijf De Mar B.V.,Openluchtbioscoop op het kampeerveld,2026-01-26\n"
    "ZAAK-2026-0000000819,omgevingsvergunning,open,,58302146,4001 BW,4,"
    "Van Dalen Vastgoed en Kamerverhuur B.V.,Omzetting Burgwal 44 naar kamers,2026-01-06\n"
    "ZAAK-2026-0000000820,omgevingsvergunning,open,,,4001 VW,8,B.J. van Dalen,"
    "Dakkapel en carport woning Veerweg 8,2026-01-22\n"
    "ZAAK-2026-0000000821,parkeervergunning,open,,38886497,4001 SO,1,VV Oosterwoud,"
    "Parkeren bezoekers sportpark,2026-01-20\n"
    "ZAAK-2026-0000000822,parkeervergunning,open,,,4001 FW,21,Jildou Hoekstra,"
    "Gehandicaptenparkeerkaart als bestuurder,2026-02-02\n"
    "ZAAK-2026-0000000823,subsidie,open,,04071293,4001 KP,12,"
    "Koninklijke Harmonie Sint-Cecilia Lingedorp,Subsidie instrumenten en uniformen,2026-01-28\n"
    "ZAAK-2026-0000000824,omgevingsvergunning,open,,71834520,4001 HK,2,"
    "Tuincentrum De Grenshoeve B.V.,Uitbreiding verkoopkas tuincentrum,2026-01-06\n"
    "ZAAK-2026-0000000825,omgevingsvergunning,open,,71834520,4001 HK,2,"
    "Tuincentrum De Grenshoeve B.V.,Kappen zes eiken parkeerterrein,2026-02-02\n"
    "ZAAK-2026-0000000826,evenementenvergunning,open,,15053717,4001 VP,1,"
    "Stichting Centrummanagement De Veenpoort,Paasmarkt op het Veenpoortplein,2026-01-12\n"
    "ZAAK-2026-0000000827,evenementenvergunning,open,,15053717,4001 VP,1,"
    "Stichting Centrummanagement De Veenpoort,Reeks zomeravondconcerten juli augustus,"
    "2026-02-02\n"
    "ZAAK-2026-0000000828,bijstand,open,,34218867,4001 GS,45,Taxi Lubbers B.V.,"
    "Bijstand zelfstandigen overbrugging,2026-01-17\n"
    "ZAAK-2026-0000000829,bijstand,open,,,4001 GH,12-8,Antonia Lubbers,"
    "Bijzondere bijstand kosten mentorschap,2026-01-29\n"
    "ZAAK-2026-0000000830,parkeervergunning,open,,41210884,4001 EM,30,"
    "Stichting Zorgcentrum De Lindehoeve,Parkeerontheffing thuiszorgauto's Emmalaan,2026-01-12\n"
    "ZAAK-2026-0000000831,parkeervergunning,open,,,4001 EM,30-14,Gerritje van Hal,"
    "Aanvraag gehandicaptenparkeerkaart als passagier,2026-01-27\n"
    "ZAAK-2026-0000000832,wmo,open,,,4001 EM,30-9,W. de Bruin-Kok,"
    "Aanvraag huishoudelijke hulp Wmo,2026-01-15\n"
    "ZAAK-2026-0000000833,melding_openbare_ruimte,open,,30946405,4001 SC,30,"
    "Stichting Basisonderwijs Lingeland,Onveilige oversteek voor schoolingang,2026-01-29\n"
    "ZAAK-2026-0000000834,melding_openbare_ruimte,open,,22871649,4001 PW,8,Maatschap Kodde,"
    "Dichtgegroeide bermsloot langs Polderweg,2026-01-11\n"
    "ZAAK-2026-0000000835,melding_openbare_ruimte,open,,,4001 PW,8-5,Krzysztof Zieliński,"
    "Straatverlichting bij bushalte Polderweg werkt niet,2026-01-29\n"
    "ZAAK-2026-0000000836,omgevingsvergunning,open,,09184453,4001 BD,60,"
    "Gilde Sint-Sebastiaan Lingedorp,Vervanging schietboom en kogelvanger,2026-01-19\n"
    "ZAAK-2026-0000000837,omgevingsvergunning,open,,36111113,4001 DS,11,Slagerij Van Gerwen,"
    "Nieuwe koelcel achter de winkel,2026-01-22\n"
    "ZAAK-2026-0000000838,melding_openbare_ruimte,open,,76102955,4001 EF,1,"
    "R.-K. Parochie Heilige Willibrordus Lingedorp,Boomwortels drukken trottoir omhoog bij "
    "kerkpad,2026-02-09\n"
    "ZAAK-2026-0000000839,subsidie,open,,76204419,4001 KE,1,Hervormde Gemeente Lingedorp,"
    "Bijdrage herstel kerkorgel,2026-02-19\n"
    "ZAAK-2026-0000000840,klacht,open,,02019526,4001 VW,4,Maatschap Hilbrands,"
    "Klacht over stankoverlast mestopslag buren,2026-02-01\n"
    "ZAAK-2026-0000000841,parkeervergunning,open,,,4001 LN,16A,Anton Meijer,"
    "Bewonersvergunning binnenstad met tweede kenteken,2026-02-10\n"
    "ZAAK-2026-0000000842,omgevingsvergunning,open,,52318806,4001 LN,16,"
    "Boekhandel Meijer V.O.F.,Reclamebord en luifel voor de boekwinkel,2026-02-03\n"
)
# The hotel chases its complaint, signed with its trade name only.
APPEL = (
    "Goedemiddag,\n\nWij hebben nog steeds niets gehoord over onze klacht over de controle "
    "van vorige maand. Wanneer krijgen we antwoord?\n\nMet vriendelijke groet,\n\n"
    "Sandra Kok\nHotel-restaurant De Gouden Appel"
)
# The cooperative by its brand in the mail domain.
STROOM = "Beste,\n\nHierbij het constructierapport van het dak, zoals gevraagd.\n\nGroet,\nPieter"
# A lawyer writes for the café, named by its trade name in the body.
LAWYER = (
    "Geachte heer, mevrouw,\n\nNamens mijn cliënt, Café 't Veerhuis, stuur ik u de "
    "ontbrekende tekening van de tent voor het feest.\n\nHoogachtend,\n\nmr. J. Vos\n"
    "Advocatenkantoor Lingewaard"
)
STROOM_FROM = "Pieter Jansen <pieter@havenstroom.nl>"
# A neighbour complains about the hotel: the hotel is spoken of, not the writer.
NEIGHBOUR = (
    "Geachte heer, mevrouw,\n\nIk heb al eerder geklaagd over de herrie van De Gouden "
    "Appel, en het is nog steeds elke avond raak.\n\nMet vriendelijke groet,\n\nAnna de Wit\n"
    "Markt 12, 4001 GH Lingedorp"
)


def _rows(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (r.kvk, r.name, r.postcode, r.house_number)
        for r in read_trade_names(io.StringIO(text), "handelsregister.csv")
    ]


def test_the_extract_is_read_by_its_column_names() -> None:
    rows = _rows(EXTRACT)
    assert rows[0] == ("61234567", "Horeca Exploitatie Linge B.V.", "4001AB", "3")
    assert ("72345678", "HavenStroom", "4001CD", "1A") in rows
    assert ("95678901", "Bakkerij De Zwaan", "4001EG", "8-2") in rows
    # Commas, other columns, and no address at all.
    assert _rows("kvk,naam,sbi\n61234567,De Gouden Appel,5610\n") == [
        ("61234567", "De Gouden Appel", None, None)
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("naam;plaats\nDe Zwaan;Lingedorp\n", "line 1: no kvknummer column"),
        ("kvknummer;handelsnaam\n1234567;De Zwaan\n", "line 2: the KvK number '1234567'"),
        ("kvknummer;handelsnaam\n12345678;\n", "line 2: the trade name is empty"),
        (
            "kvknummer;handelsnaam;postcode\n12345678;De Zwaan;4001AB\n12345678;Zwaan;40AB\n",
            "line 3: the postcode '40AB' is not a Dutch postcode",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_line(text: str, message: str) -> None:
    with pytest.raises(TradeNameImportError, match=message):
        _rows(text)


def test_a_trade_name_is_found_with_or_without_its_kind_and_article() -> None:
    # Last, the name with its kind: "Camping De Mar" beside "Paviljoen De Mar".
    assert name_keys("Hotel-restaurant De Gouden Appel") == (
        "degoudenappel",
        "goudenappel",
        "hotelrestaurantdegoudenappel",
    )
    assert name_keys("Café 't Veerhuis") == ("tveerhuis", "veerhuis", "cafetveerhuis")
    # Too short without its article to say which firm it is.
    assert name_keys("Horeca De Kaai V.O.F.") == ("dekaai", "horecadekaai")
    assert name_keys("B.V.") == ()
    # A letter from the town leaves the town out of the name; a club named after the town
    # is not found by the town's name, only by its whole name.
    assert name_keys("Mevlana Moskee Esbeek", "Esbeek") == ("mevlanamoskeeesbeek", "mevlanamoskee")
    assert name_keys("Ruitersportvereniging Esbeek", "Esbeek") == ("ruitersportverenigingesbeek",)
    # Of overlapping runs of a letter's words the longest is the name, with its kind first
    # (matching falls back on the name without where that finds no one firm); a plain word
    # alone ("groen licht") is none.
    names = written_names(["Café De Gouden Appel", "wij kregen groen licht"])
    assert [n.key for n in longest(names)] == ["cafedegoudenappel"]
    assert [n.key for n in longest(n for n in names if not n.whole)] == ["degoudenappel"]
    # "Feartwei 21 in Oosterwoud": a place, not a club named after it.
    assert "oosterwoud" not in [n.key for n in written_names(["Feartwei 21 in Oosterwoud"])]


def test_import_replaces_the_register_and_find_reads_it_as_matching_does(
    mr: Mailroom, tmp_path: Path
) -> None:
    extract = tmp_path / "handelsregister.csv"
    extract.write_text(EXTRACT, "utf-8")
    code, out, err = run_cli(mr, "trade-names", "import", str(extract))
    assert code == 0, err
    assert (
        out.strip() == "52 trade names of 34 firms imported from handelsregister.csv "
        "(1 too plain to find a firm by)"
    )
    # "Zon B.V." is not kept: it is not among those replaced.
    code, out, _ = run_cli(mr, "trade-names", "import", str(extract), "--json")
    assert json.loads(out) == {
        "file": "handelsregister.csv",
        "names": 52,
        "firms": 34,
        "unusable": 1,
        "replaced": 51,
    }
    code, out, _ = run_cli(mr, "trade-names", "find", "'t Veerhuis")
    assert (code, out.strip()) == (0, "83456789  Café 't Veerhuis  4001 CE 2  Lingedorp")
    code, out, _ = run_cli(mr, "trade-names", "find", "De Zwaan", "--json")
    assert [f["kvk"] for f in json.loads(out)] == ["94567890", "95678901"]
    code, out, _ = run_cli(mr, "trade-names", "find", "De Blauwe Reiger")
    assert (code, out.strip()) == (0, "De Blauwe Reiger: not in the trade register")

    # One bad row: nothing changes, and the register keeps what it had.
    bad = tmp_path / "bad.csv"
    bad.write_text(EXTRACT.replace("72345678;000023456782;HavenStroom", "7234;0;HavenStroom"))
    code, _, err = run_cli(mr, "trade-names", "import", str(bad))
    assert code == 3 and "bad.csv: line 6: the KvK number '7234'" in err
    assert [f.kvk for f in trade_register.find_firm(mr, "HavenStroom")] == ["72345678"]


def _decide(lookup: DbCaseLookup, text: str, case_type: str, sender: str | None = None) -> tuple:
    verdict = Classification(case_type, 1.0, {case_type: 1.0})
    decision = match_case(text, verdict, lookup, sender=sender)
    return decision.match, decision.case_number, decision.reasons[0]


def test_a_trade_name_finds_the_firms_cases(
    mr: Mailroom, register: Callable[[str], DbCaseLookup], tmp_path: Path
) -> None:
    lookup = register(REGISTER)
    # Without the trade register the names share no word with the register's.
    assert _decide(lookup, APPEL, "klacht")[:2] == ("new", None)
    assert _decide(lookup, STROOM, "omgevingsvergunning", STROOM_FROM)[:2] == ("new", None)
    extract = tmp_path / "handelsregister.csv"
    extract.write_text(EXTRACT, "utf-8")
    trade_register.import_trade_name_file(mr, extract, "pytest")
    lookup.session.rollback()  # a new transaction sees the import (PostgreSQL)

    match, number, reason = _decide(lookup, APPEL, "klacht")
    assert (match, number) == ("matched", "ZAAK-2026-0000000801")
    assert "trade name Hotel-restaurant De Gouden Appel of KvK 61234567 in the trade" in reason
    stroom = _decide(lookup, STROOM, "omgevingsvergunning", STROOM_FROM)
    assert stroom[:2] == ("matched", "ZAAK-2026-0000000802")

    # A firm's new request opens a case under the KvK number of the name it signs with, so
    # that its next letter finds the case.
    first = (
        "Beste,\n\nWij willen in juni een open dag houden op het terrein. Welke vergunning "
        "hebben we nodig?\n\nGroet,\nPieter\nHavenStroom"
    )
    verdict = Classification("evenementenvergunning", 1.0, {"evenementenvergunning": 1.0})
    with transaction(mr.sessions) as session:
        decision = match_case(first, verdict, DbCaseLookup(session))
        assert decision.match == "new"
        case = open_case(session, decision, "ZAAK-{year}-{seq:010d}", mr.clock(), "Open dag")
        assert case.kvk == "72345678"
    lookup.session.rollback()
    again = "Beste,\n\nHierbij de plattegrond voor de open dag.\n\nGroet,\nPieter\nHavenStroom"
    assert _decide(lookup, again, "evenementenvergunning")[:2] == ("matched", case.number)


# Letters matched against REGISTER with EXTRACT imported: (text, case type, sender, the case
# expected or None for a new one).
WRITERS = [
    # A lawyer for the café, named by its trade name after "Namens mijn cliënt".
    pytest.param(LAWYER, "evenementenvergunning", None, "ZAAK-2026-0000000803", id="lawyer"),
    # The neighbour's complaint is her own, not the hotel's, though both are complaints.
    pytest.param(NEIGHBOUR, "klacht", None, "ZAAK-2026-0000000804", id="neighbour"),
    # The cooperative's secretary writes from its mailbox about his own parking permit: the
    # firm's cases, found by its name, are not his.
    pytest.param(
        (
            "Beste,\n\nIk heb vorige week een bewonersvergunning voor mijn eigen auto "
            "aangevraagd. Hierbij het kentekenbewijs.\n\nGroet,\nPieter Jansen\nHavenStroom"
        ),
        "parkeervergunning",
        STROOM_FROM,
        "ZAAK-2026-0000000805",
        id="private",
    ),
    # The café asks for a permit for another feast than the one it has open: a new case.
    pytest.param(
        (
            "Geachte heer, mevrouw,\n\nOp 30 augustus houden wij een nazomerborrel op het "
            "terras aan de kade. Graag ontvangen wij hiervoor een\nevenementenvergunning.\n\n"
            "Met vriendelijke groet,\n\nCafé 't Veerhuis"
        ),
        "evenementenvergunning",
        None,
        None,
        id="another-feast",
    ),
    # A phone note's caller, by the firm she runs.
    pytest.param(
        (
            "Telefoonnotitie KCC\n4 maart 2026, 13:05\nBeller: mevr. Derya Ay, eigenaar van "
            "Hotel-restaurant De Gouden Appel\n\nMevrouw vraagt of er al antwoord is op haar "
            "klacht over de controle.\n\nKCC, S. Wevers"
        ),
        "klacht",
        None,
        "ZAAK-2026-0000000801",
        id="caller",
    ),
    # A mosque by its name without the town.
    pytest.param(
        (
            "Telefoonnotitie KCC\nBeller: dhr. Osman Kaya, namens de Mevlana moskee aan de "
            "Ververstraat\n\nDe moskee heeft een vergunning aangevraagd voor de iftar. Hij wil "
            "weten of de partytent akkoord is.\n\nAfspraak: terugbellen."
        ),
        "evenementenvergunning",
        None,
        "ZAAK-2026-0000000806",
        id="without-town",
    ),
    # A firm the register names applies on a form for a new event: the next house's
    # foundation, with an event on the same quay, is not the writer.
    pytest.param(
        (
            "Aanvraagformulier evenement (webformulier)\n\nNaam evenement: Open dag\n"
            "Organisator: HavenStroom\nContactpersoon: Pieter Jansen\nAdres organisator: Haven 1a, "
            "4001 CD Lingedorp\nLocatie: de Haven, bij de loods\nVerwacht aantal bezoekers: 300"
        ),
        "evenementenvergunning",
        None,
        None,
        id="not-next-door",
    ),
    # The owner signs with his name and his garage's, which is his surname: the garage's.
    pytest.param(
        (
            "Goedemiddag,\n\nOnze factuur voor het onderhoud van de dienstauto's in januari staat "
            "nog open. Wilt u kijken of hij goed is aangekomen?\n\nGroet,\nPieter Jansen\n"
            "Garage Jansen"
        ),
        "factuur",
        None,
        "ZAAK-2026-0000000808",
        id="named-after-owner",
    ),
    # ... and sets the garage's own permit aside: his private one is meant.
    pytest.param(
        (
            "Dag,\n\nIk heb mijn privéauto ingeruild. De bewonersvergunning voor ons huis "
            "(Havenweg 14) moet over op het nieuwe kenteken.\n\nDit gaat niet over de bestelbus "
            "van de zaak, daar hebben we de ontheffing voor laden en lossen voor aangevraagd.\n\n"
            "Groet,\nPieter Jansen\n"
            "Garage Jansen"
        ),
        "parkeervergunning",
        None,
        "ZAAK-2026-0000000805",
        id="firm-set-aside",
    ),
    # The street a resident gives as her address is no firm named after it.
    pytest.param(
        (
            "Beste,\n\nDe lantaarnpaal voor mijn deur is kapot.\n\nMijn adres is "
            "Kerkstraat 7.\n\nGroet,\nGreet"
        ),
        "melding_openbare_ruimte",
        None,
        None,
        id="street",
    ),
    # The football club, by its trade name with its year, asks for a subsidy: it has cases
    # of its own, so the other Lindehof club's open subsidy, named in part, is not its.
    pytest.param(
        (
            "Geachte heer/mevrouw,\n\nDe vaststelling van onze subsidie over 2025 hebben we "
            "vorige maand ontvangen, dank daarvoor. Hierbij dienen wij onze aanvraag in voor "
            "het jeugdvoetbal in 2026: 14 jeugdteams, 196 jeugdleden.\n\nMet sportieve "
            "groet,\n\nErik Schouten\npenningmeester VV Lindehof '31"
        ),
        "subsidie",
        "Penningmeester VV Lindehof <penningmeester@vvlindehof.nl>",
        None,
        id="club-year",
    ),
    # A phone note: the mosque by its own name without its kind, not the KCC employee's
    # namesake's salon nor the pharmacy named after the mosque's street.
    pytest.param(
        (
            "Telefoonnotitie KCC\nAangenomen door: Linda Bouzid (KCC)\nBeller: dhr. Abdelkader "
            "Ouazzani, secretaris van de moskee aan de Molenlaan (Al-Nour)\n\nMeneer belt over "
            "de vergunning voor de gezamenlijke iftar op het plein bij de markt. Hij heeft nog "
            "geen besluit ontvangen."
        ),
        "evenementenvergunning",
        None,
        "ZAAK-2026-0000000813",
        id="mosque-call",
    ),
    # A rental agency for the owner of a holiday home says the house is not on the park's
    # grounds: the park, named in that sentence, is not the client.
    pytest.param(
        (
            "Geachte heer/mevrouw,\n\nNamens onze opdrachtgever, mevrouw E. Brouwer uit "
            "Utrecht, eigenaar van vakantiehuis De Heidebloem aan de Duinweg 22, sturen wij u "
            "het nachtregister over 2025 voor haar bezwaar tegen de toeristenbelasting.\n\n"
            "Het huis ligt overigens niet op het terrein van vakantiepark De Zandverstuiving "
            "maar ernaast.\n\nMet vriendelijke groet,\n\nMarieke Lubbers\n"
            "Zandgoed Vakantiehuizen"
        ),
        "belastingen",
        "Zandgoed Vakantiehuizen <verhuur@zandgoed-vakantiehuizen.nl>",
        "ZAAK-2026-0000000817",
        id="agency-for-owner",
    ),
    # "Camping De Mar" among three firms named De Mar: the kind tells which.
    pytest.param(
        (
            "Goedemiddag,\n\nVoor onze filmavonden op het veld aan het water sturen we hierbij "
            "de plattegrond en het geluidsplan.\n\nMet vriendelijke groet,\nMarten Feenstra\n"
            "bedrijfsleider Camping De Mar\nMeerweg 50, Lingedorp"
        ),
        "evenementenvergunning",
        "Camping De Mar <info@campingdemar.nl>",
        "ZAAK-2026-0000000818",
        id="kind-tells",
    ),
    # The owner of a room agency about his own house, from the agency's mailbox.
    pytest.param(
        (
            "Goedemorgen,\n\nEven een privékwestie via mijn zakelijke mail.\n\nVoor mijn eigen "
            "woning aan de Veerweg 8 heb ik in januari een aanvraag gedaan. Hierbij een "
            "aangepaste tekening van de dakkapel.\n\nMet vriendelijke groet,\n\nBen van Dalen"
        ),
        "omgevingsvergunning",
        "B.J. van Dalen | Kamers aan de Singel <ben@kamersaandesingel.nl>",
        "ZAAK-2026-0000000820",
        id="private-matter",
    ),
    # A phone note's caller "in Oosterwoud" lives there: no club named after the village.
    # Her field's address ends with its first sentence, and the separate request the
    # employee explains is one to make later.
    pytest.param(
        (
            "KCC – telefoonnotitie\nAangenomen door: R. Tolsma\n\nBeller: mevr. J. Hoekstra, "
            "Feartwei 21 in Oosterwoud. (Zegt zelf: geen familie van de boerderij.)\n\n"
            "Mevrouw heeft begin februari de blauwe kaart aangevraagd en vraagt hoe lang het nog "
            "duurt. Uitgelegd dat een eigen parkeerplaats een aparte aanvraag is; formulier per "
            "post toegezegd."
        ),
        "parkeervergunning",
        None,
        "ZAAK-2026-0000000822",
        id="caller-in-village",
    ),
    # "Ons zomerconcert is een afzonderlijke aanvraag": another matter said to be apart,
    # not a new request by this letter.
    pytest.param(
        (
            "Harmonie St. Cecilia\nKapelstraat 12\n\nGeachte college,\n\nHierbij de offertes "
            "voor de nieuwe instrumenten en uniformen.\n\nOns zomerconcert op de Markt is een "
            "afzonderlijke aanvraag; daar hoeft u nu niets mee te doen.\n\nMet muzikale groet,\n"
            "Hanneke Willems, secretaris"
        ),
        "subsidie",
        None,
        "ZAAK-2026-0000000823",
        id="other-is-apart",
    ),
    # "De eiken op het parkeerterrein zijn een aparte aanvraag": of the garden centre's two
    # open permits, the felling is set aside.
    pytest.param(
        (
            "Geachte heer Van Hal,\n\nZoals besproken stuur ik u de nieuwe situatietekening voor "
            "de glazen winkelhal aan de achterzijde.\n\nDe eiken op het parkeerterrein zijn een "
            "aparte aanvraag, die hoeft u bij deze tekening niet mee te nemen.\n\nMet vriendelijke "
            "groet,\n\nErik van Gils\nBedrijfsleider\nTuincentrum De Grenshoeve"
        ),
        "omgevingsvergunning",
        "Erik van Gils <erik@grenshoeve.nl>",
        "ZAAK-2026-0000000824",
        id="felling-apart",
    ),
    # "die heeft een aparte aanvraag lopen, dat staat los van onze reeks": the series is
    # the letter's own, not set aside.
    pytest.param(
        (
            "Beste vergunningverlener,\n\nDank voor uw vragen over de donderdagavonden in juli "
            "en augustus. Het podium komt voor de apotheek. Op 9 juli speelt de harmonie; die "
            "heeft voor haar eigen concert een aparte aanvraag lopen, dat staat los van onze "
            "reeks.\n\nMet vriendelijke groet,\n\nBart Zijlstra\nsecretaris bestuur\n"
            "Stichting Centrummanagement De Veenpoort"
        ),
        "evenementenvergunning",
        "Winkelcentrum De Veenpoort <info@deveenpoort.nl>",
        "ZAAK-2026-0000000827",
        id="ours-not-apart",
    ),
    # A mentor for "mevrouw A. Lubbers (Toos)": Toos is Antonia; "cliënte is geen familie
    # van Taxi Lubbers" names no client.
    pytest.param(
        (
            "Geachte heer, mevrouw,\n\nIn januari heb ik namens mijn cliënte, mevrouw A. Lubbers "
            "(Toos), een aanvraag ingediend voor vergoeding van mijn beloning als mentor. U vroeg "
            "om de beschikking van de kantonrechter; die stuur ik hierbij mee.\n\nTer voorkoming "
            "van misverstanden: cliënte is geen familie van Taxi Lubbers.\n\nMet vriendelijke "
            "groet,\n\nR. Haverkamp\nMentorschap Haverkamp\nStadswal 8, Lingedorp"
        ),
        "bijstand",
        "Mentorschap Haverkamp <info@mentorschaphaverkamp.nl>",
        "ZAAK-2026-0000000829",
        id="mentor-for-toos",
    ),
    # A caller in a care home's sheltered flat: "aanleunwoning 14 bij De Lindehoeve" is
    # Emmalaan 30-14, hers; the care home is where she lives, not who calls.
    pytest.param(
        (
            "Telefoonnotitie\nBeller: mevr. G. van Hal (Emmalaan, aanleunwoning 14 bij "
            "De Lindehoeve)\n\nMevrouw belt over de kaart voor de auto waarmee haar neef haar "
            "naar het ziekenhuis brengt. Uitgelegd dat de aanvraag in behandeling is.\n"
            "KCC, M. Hop"
        ),
        "parkeervergunning",
        None,
        "ZAAK-2026-0000000831",
        id="sheltered-flat-caller",
    ),
    # A daughter for her mother "in een van de aanleunwoningen bij De Lindehoeve, nummer 9".
    pytest.param(
        (
            "Goedemiddag,\n\nIk schrijf namens mijn moeder, mevrouw W. de Bruin (Willemijn), ze "
            "woont in een van de aanleunwoningen bij De Lindehoeve, nummer 9. In januari is er "
            "hulp bij het huishouden aangevraagd. Kunt u laten weten hoe het ervoor staat?\n\n"
            "Met vriendelijke groet,\nAnja Hop-de Bruin\nMarkt 12, Lingedorp"
        ),
        "wmo",
        "Anja Hop <anja.hop@gmail.com>",
        "ZAAK-2026-0000000832",
        id="sheltered-flat-mother",
    ),
    # A school's letterhead, a trade name of the foundation that runs it.
    pytest.param(
        (
            "Basisschool De Esdoorn\nSchoolweg 30\nLingedorp\n\nAan de gemeente Lingedorp, "
            "afdeling openbare ruimte\n\nLingedorp, 5 februari 2026\n\nBeste mensen,\n\nEind "
            "januari hebben wij u laten weten hoe gevaarlijk het oversteken voor onze school is "
            "geworden.\nVorige week is een leerling van groep 3 bijna aangereden door een "
            "bestelbus die hard door de straat\nkwam. De ouders en de medezeggenschapsraad vragen "
            "dringend om een zebrapad of drempels.\n\nMet vriendelijke groet,\nMarjo Hendrix, "
            "directeur"
        ),
        "melding_openbare_ruimte",
        None,
        "ZAAK-2026-0000000833",
        id="school-letterhead",
    ),
    # A seasonal worker in "unit 5 op het erf van Kodde": Polderweg 8-5, his; the farm's
    # own report is not his.
    pytest.param(
        (
            "Dzien dobry, goede dag\n\nIk heb gemeld in januari dat de lamp bij de bus stop op "
            "Polderweg is kapot. Nog steeds donker.\n\nPlease repair. Dank u wel.\n\n"
            "Krzysiek Zielinski\nunit 5 op het erf van Kodde, Polderweg"
        ),
        "melding_openbare_ruimte",
        "krzysiek z <krzysiek.zielinski@wp.pl>",
        "ZAAK-2026-0000000835",
        id="unit-on-the-farm",
    ),
    # "Met gildegroet, / A. van Gerwen, hoofdman Sint-Sebastiaansgilde": the guild, not the
    # butcher who shares his surname.
    pytest.param(
        (
            "Goedendag,\n\nVoor de nieuwe schietboom op ons terrein stuur ik u de berekening "
            "van de constructeur.\n\nMet gildegroet,\nA. van Gerwen, hoofdman "
            "Sint-Sebastiaansgilde"
        ),
        "omgevingsvergunning",
        "Toon van Gerwen <a.vangerwen@hetnet.nl>",
        "ZAAK-2026-0000000836",
        id="guild-greeting",
    ),
    # A web form's "Naam melder:" field names the parish.
    pytest.param(
        (
            "Webformulier: Melding openbare ruimte\n\nWat wilt u melden? Losliggende "
            "stoeptegels\nLocatie: het pad langs de kerk\nNaam melder: Parochie Heilige "
            "Willibrordus, C. Habraken (koster)\n\nOmschrijving:\nSinds mijn vorige melding is "
            "het erger geworden."
        ),
        "melding_openbare_ruimte",
        None,
        "ZAAK-2026-0000000838",
        id="form-reporter-field",
    ),
    # The name the sender's address spells: "kerkvoogdij.lingedorp@…".
    pytest.param(
        (
            "Geachte heer, mevrouw,\n\nZoals toegezegd sturen wij de offerte van de orgelmaker "
            "en de begroting voor het orgel.\n\nMet vriendelijke groet,\nnamens de "
            "kerkvoogdij,\nA. Eefting-Hemmes"
        ),
        "subsidie",
        "kerkvoogdij.lingedorp@kerkpost.nl",
        "ZAAK-2026-0000000839",
        id="address-spells-the-name",
    ),
    # "voor mijn bovenwoning (Lange Nieuwstraat 16A, boven de boekwinkel)" from the shop's
    # mailbox: his home's permit, not the shop's.
    pytest.param(
        (
            "Goedemorgen,\n\nEnkele weken geleden heb ik voor mijn bovenwoning (Lange "
            "Nieuwstraat 16A, boven de boekwinkel) een vergunning gevraagd voor een tweede auto. "
            "Hierbij de werkgeversverklaring.\n\nMet vriendelijke groet,\nAnton Meijer"
        ),
        "parkeervergunning",
        "Boekhandel Meijer <info@boekhandelmeijer.nl>",
        "ZAAK-2026-0000000841",
        id="home-above-the-shop",
    ),
    # "KCC / P. Hilbrands": the contact centre's employee, not the Hilbrands partnership.
    pytest.param(
        (
            "Telefoonnotitie KCC, 23-02-2026\nBeller: mevrouw Janny Lubbers uit Zandeschot "
            "(Kerkstraat)\nMevrouw belt nogmaals over haar klacht over de medewerker bij de "
            "balie.\nDoorgezet naar klachtenbehandeling.\nKCC / P. Hilbrands"
        ),
        "klacht",
        None,
        None,
        id="contact-centre-employee",
    ),
    # A name two firms trade under finds neither.
    pytest.param(
        APPEL.replace("Hotel-restaurant De Gouden Appel", "De Zwaan"),
        "klacht",
        None,
        None,
        id="shared-name",
    ),
]


@pytest.fixture
def traded(mr: Mailroom, register: Callable[[str], DbCaseLookup], tmp_path: Path) -> DbCaseLookup:
    """REGISTER's look-up, with EXTRACT imported as the trade register."""
    lookup = register(REGISTER)
    extract = tmp_path / "handelsregister.csv"
    extract.write_text(EXTRACT, "utf-8")
    trade_register.import_trade_name_file(mr, extract, "pytest")
    lookup.session.rollback()  # a new transaction sees the import (PostgreSQL)
    return lookup


def test_a_club_is_found_by_its_name_with_its_year(traded: DbCaseLookup) -> None:
    """ "VV Lindehof '31" is the club, whose open case is of another type: a new request,
    not the other Lindehof club's subsidy."""
    club = next(p for p in WRITERS if p.id == "club-year")
    text, case_type, sender, _ = club.values
    match, number, reason = _decide(traded, text, case_type, sender)
    assert (match, number) == ("new", None)
    assert "ZAAK-2026-0000000811 (evenementenvergunning, open)" in reason


@pytest.mark.parametrize(("text", "case_type", "sender", "expected"), WRITERS)
def test_who_a_trade_name_finds(
    traded: DbCaseLookup, text: str, case_type: str, sender: str | None, expected: str | None
) -> None:
    assert _decide(traded, text, case_type, sender)[1] == expected


def test_evaluate_reads_a_trade_register(tmp_path: Path) -> None:
    cases, letters = tmp_path / "cases.csv", tmp_path / "letters.jsonl"
    extract = tmp_path / "handelsregister.csv"
    cases.write_text(REGISTER, "utf-8")
    extract.write_text(EXTRACT, "utf-8")
    line = {"id": "appel", "label": "klacht", "expect_case": "ZAAK-2026-0000000801", "text": APPEL}
    letters.write_text(json.dumps(line) + "\n", "utf-8")
    catalogue = load_catalogue()
    without = evaluate_matching(cases, letters, catalogue)
    with_names = evaluate_matching(cases, letters, catalogue, trade_names=extract)
    assert (without.implicit.correct, with_names.implicit.correct) == (0, 1)
    args = ["cases", "evaluate", "--cases", str(cases), "--letters", str(letters)]
    result = CliRunner().invoke(
        cli,
        [*args, "--trade-names", str(extract), "--json"],
        env={"MAILROOM_HOME": str(tmp_path / "no-home")},
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["implicit"]["correct"] == 1
