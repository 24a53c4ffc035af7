"""The address register (a BAG extract): reading the exports, importing, looking a house up,
and matching a letter that gives its writer's street and number without a postcode."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mailroom.app import address_register
from mailroom.app.context import Mailroom
from mailroom.cases.bag import AddressImportError, house_number, read_addresses, split_house
from mailroom.cases.evaluate import evaluate_matching
from mailroom.cases.matching import match_case
from mailroom.cases.register import DbCaseLookup
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.records import Classification
from mailroom.faces.cli import cli
from mailroom.testing.cli import run_cli

# NLExtract's and PDOK's export, semicolons; two villages of one municipality share a
# Kerkstraat, and a house of the next municipality is in the national file too.
NLEXTRACT = (
    "openbareruimte;huisnummer;huisletter;huisnummertoevoeging;postcode;woonplaats;gemeente;"
    "provincie;object_id\n"
    "Dijkweg;112;;;1541AB;Oostzaan;Zaanstad;Noord-Holland;0479010000012345\n"
    "Dijkweg;14;;;1541AD;Oostzaan;Zaanstad;Noord-Holland;0479010000012346\n"
    "Kerkstraat;5;;;1541AC;Oostzaan;Zaanstad;Noord-Holland;0479010000012347\n"
    "Kerkstraat;5;;;1542XY;Westzaan;Zaanstad;Noord-Holland;0479010000012348\n"
    "Burgemeester de Withstraat;4;a;;1543CD;Westzaan;Zaanstad;Noord-Holland;0479010000012349\n"
    "Molenweg;3;;2;1543CE;Westzaan;Zaanstad;Noord-Holland;0479010000012350\n"
    "Lindelaan;1;;;1521AA;Wormerveer;Wormerland;Noord-Holland;0880010000000001\n"
)
# bagconv's, commas and other column names.
BAGCONV = (
    "straat,huisnummer,huisletter,huistoevoeging,woonplaats,postcode,x,y\n"
    "Dijkweg,112,,,Oostzaan,1541AB,117000.1,496000.2\n"
    "Molenweg,3,,2,Westzaan,1543CE,117100.1,496100.2\n"
)

HEADER = "number,case_type,status,bsn,kvk,postcode,house_number,name,subject,opened_at\n"
REGISTER = HEADER + (
    "ZAAK-2026-0000000701,wmo,open,,,1541 AD,14,Jan Cornelis de Boer,Huishoudelijke hulp,"
    "2026-01-05\n"
    "ZAAK-2026-0000000702,melding_openbare_ruimte,open,,,1542 XY,5,Petra Bakker,"
    "Losliggende tegels,2026-01-06\n"
    "ZAAK-2026-0000000703,omgevingsvergunning,open,,12345678,1543 CD,4A,"
    "Houtbouw Zaanstreek B.V.,Werkplaats uitbreiden,2026-01-07\n"
)
JAN = (
    "Hallo,\n\nWanneer komt de hulp weer? Het is nu al twee weken niemand geweest en ik "
    "kan het zelf niet meer bijhouden.\n\nGroet,\nJan\nDijkweg 14"
)
PETRA = (
    "Beste,\n\nDe tegels liggen nog steeds los, gisteren is mijn buurvrouw er bijna over "
    "gestruikeld.\n\nGroet,\nPetra\nKerkstraat 5"
)


def _rows(text: str, municipality: str | None = None) -> list[tuple[str, str, str, str | None]]:
    return [
        (r.street, r.house_number, r.postcode, r.place)
        for r in read_addresses(io.StringIO(text), "bag.csv", municipality)
        if r is not None
    ]


def test_both_common_exports_are_read_by_their_column_names() -> None:
    rows = _rows(NLEXTRACT)
    assert rows[0] == ("Dijkweg", "112", "1541AB", "Oostzaan")
    # The BAG's letter and addition are written as the case register writes a number.
    assert ("Burgemeester de Withstraat", "4A", "1543CD", "Westzaan") in rows
    assert ("Molenweg", "3-2", "1543CE", "Westzaan") in rows
    assert _rows(BAGCONV) == [
        ("Dijkweg", "112", "1541AB", "Oostzaan"),
        ("Molenweg", "3-2", "1543CE", "Westzaan"),
    ]
    # A national extract: only the municipality's rows (the others are None).
    assert {r[3] for r in _rows(NLEXTRACT, "zaanstad")} == {"Oostzaan", "Westzaan"}
    assert house_number("41", "", "bis") == "41-BIS"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("straatnaam;nummer\nDijkweg;1\n", "line 1: no huisnummer, postcode column"),
        (
            "openbareruimte;huisnummer;postcode\nDijkweg;1;1541AB\nDijkweg;twee;1541AB\n",
            "line 3: the house number 'twee' is not a number",
        ),
        (
            "openbareruimte;huisnummer;postcode\nDijkweg;1;1541 ab\nDijkweg;2;0541AB\n",
            "line 3: the postcode '0541AB' is not a Dutch postcode",
        ),
        ("openbareruimte;huisnummer;postcode\n;1;1541AB\n", "line 2: the street is empty"),
    ],
)
def test_a_bad_file_is_refused_with_its_line(text: str, message: str) -> None:
    with pytest.raises(AddressImportError, match=message):
        _rows(text)


def test_a_municipality_needs_a_gemeente_column() -> None:
    with pytest.raises(AddressImportError, match="no gemeente column"):
        _rows(BAGCONV, "Zaanstad")


def test_a_house_is_split_from_its_street() -> None:
    assert split_house("Burg. de Withstraat 4a") == ("Burg. de Withstraat", "4A")
    assert split_house("  Molenweg 3-2 ") == ("Molenweg", "3-2")
    assert split_house("Laan 1940-1945 12") == ("Laan 1940-1945", "12")
    with pytest.raises(AddressImportError, match="not a street and house number"):
        split_house("Dijkweg")


def test_import_replaces_the_register_and_find_reads_it_as_matching_does(
    mr: Mailroom, tmp_path: Path
) -> None:
    bag = tmp_path / "bag.csv"
    bag.write_text(NLEXTRACT, "utf-8")
    code, out, err = run_cli(mr, "addresses", "import", str(bag), "--municipality", "Zaanstad")
    assert code == 0, err
    assert out.strip() == (
        "6 addresses in 5 streets and 6 postcodes imported from bag.csv "
        "(1 rows of other municipalities left out)"
    )
    code, out, _ = run_cli(mr, "addresses", "import", str(bag), "--json")
    assert code == 0
    assert json.loads(out) == {
        "file": "bag.csv",
        "addresses": 7,
        "streets": 6,
        "postcodes": 7,
        "skipped": 0,
        "replaced": 6,
    }
    # The abbreviation a letter writes meets the BAG's full name by the street's last word.
    code, out, _ = run_cli(mr, "addresses", "find", "Burg. de Withstraat 4a")
    assert (code, out.strip()) == (0, "Burgemeester de Withstraat 4A  1543 CD  Westzaan")
    code, out, _ = run_cli(mr, "addresses", "find", "Kerkstraat 5", "--json")
    assert [a["place"] for a in json.loads(out)] == ["Oostzaan", "Westzaan"]
    code, out, _ = run_cli(mr, "addresses", "find", "Dijkweg 13")
    assert (code, out.strip()) == (0, "Dijkweg 13: not in the address register")
    code, _, err = run_cli(mr, "addresses", "find", "Dijkweg")
    assert code == 3 and "not a street and house number" in err

    # One bad row: nothing changes, and the register keeps what it had.
    bad = tmp_path / "bad.csv"
    bad.write_text(NLEXTRACT.replace("1541AD", "1541-AD"), "utf-8")
    code, _, err = run_cli(mr, "addresses", "import", str(bad))
    assert code == 3 and "bad.csv: line 3: the postcode '1541-AD'" in err
    assert [a.postcode for a in address_register.find_address(mr, "Dijkweg 14")] == ["1541AD"]
    code, _, err = run_cli(mr, "addresses", "import", str(bag), "--municipality", "Zaandam")
    assert code == 3 and "no addresses of Zaandam in the file" in err


def _decide(lookup: DbCaseLookup, text: str, case_type: str) -> tuple[str, str | None, str]:
    verdict = Classification(case_type, 1.0, {case_type: 1.0})
    decision = match_case(text, verdict, lookup)
    return decision.match, decision.case_number, decision.reasons[0]


def test_a_street_and_number_without_postcode_find_the_writers_case(
    mr: Mailroom, register: Callable[[str], DbCaseLookup], tmp_path: Path
) -> None:
    lookup = register(REGISTER)
    # Without the address register "Jan" at "Dijkweg 14" is nobody the register knows.
    assert _decide(lookup, JAN, "wmo")[:2] == ("new", None)
    bag = tmp_path / "bag.csv"
    bag.write_text(NLEXTRACT, "utf-8")
    address_register.import_address_file(mr, bag, "pytest")
    lookup.session.rollback()  # a new transaction sees the import (PostgreSQL)
    assert lookup.postcodes_at([("Dijkweg", "14"), ("Kerkstraat", "5"), ("Dijkweg", "15")]) == {
        ("Dijkweg", "14"): ("1541AD",),
        ("Kerkstraat", "5"): ("1541AC", "1542XY"),
    }
    match, number, reason = _decide(lookup, JAN, "wmo")
    assert (match, number) == ("matched", "ZAAK-2026-0000000701")
    assert "address 1541AD 14 of Dijkweg 14 in the address register, and first name" in reason
    # Two villages have a Kerkstraat 5: the register cannot say which, so no postcode is
    # guessed (Petra Bakker lives in the Westzaan one).
    assert _decide(lookup, PETRA, "melding_openbare_ruimte")[:2] == ("new", None)
    # An organisation by its name at the house the register places.
    firm = (
        "Geachte heer, mevrouw,\n\nHierbij sturen wij de aangepaste tekening van de "
        "werkplaats, zoals gevraagd.\n\nMet vriendelijke groet,\n\nHoutbouw Zaanstreek\n"
        "Burg. de Withstraat 4a"
    )
    assert _decide(lookup, firm, "omgevingsvergunning")[:2] == ("matched", "ZAAK-2026-0000000703")
    # A new case keeps the postcode the register gave, so that a later letter with the
    # postcode written out finds it.
    stranger = (
        "Geachte heer, mevrouw,\n\nIk wil graag een dakkapel plaatsen op de achterkant van "
        "mijn woning. Welke stukken heeft u nodig?\n\nMet vriendelijke groet,\n\n"
        "Karin Smit\nDijkweg 112"
    )
    verdict = Classification("omgevingsvergunning", 1.0, {"omgevingsvergunning": 1.0})
    decision = match_case(stranger, verdict, lookup)
    assert decision.match == "new"
    assert decision.party.placed == (("1541AB", "112"),)


def _placed(
    mr: Mailroom, register: Callable[[str], DbCaseLookup], tmp_path: Path, rows: str
) -> DbCaseLookup:
    """A look-up of the register ``rows``, with NLEXTRACT imported as the address register."""
    lookup = register(HEADER + rows)
    bag = tmp_path / "bag.csv"
    bag.write_text(NLEXTRACT, "utf-8")
    address_register.import_address_file(mr, bag, "pytest")
    lookup.session.rollback()  # a new transaction sees the import (PostgreSQL)
    return lookup


def _case_of(lookup: DbCaseLookup, text: str, case_type: str, sender: str) -> str | None:
    """The case a letter of ``case_type`` from ``sender`` is matched to, or None for new."""
    verdict = Classification(case_type, 1.0, {case_type: 1.0})
    return match_case(text, verdict, lookup, sender=sender).case_number


def test_a_nickname_and_the_surnames_letter_at_the_placed_flat_find_its_case(
    mr: Mailroom, register: Callable[[str], DbCaseLookup], tmp_path: Path
) -> None:
    """ "Zosia" from "zosia.w88@…" at Molenweg 3-2 is Zofia Wróbel, whose flat it is; a
    first name alone at a shared address would be anyone of the household."""
    lookup = _placed(
        mr,
        register,
        tmp_path,
        "ZAAK-2026-0000000704,belastingen,open,,,1543 CE,3-2,"
        "Zofia Wróbel,Afvalstoffenheffing meerpersoonshuishouden,2026-02-13\n",
    )
    text = (
        "Goedendag,\n\nIk heb de aanslag gekregen, maar ik woon alleen sinds oktober.\n\n"
        "Mijn adres is Molenweg 3-2, Westzaan.\n\nDank u wel,\nZosia"
    )
    zosia = _case_of(lookup, text, "belastingen", "zosia.w <zosia.w88@wp.pl>")
    assert zosia == "ZAAK-2026-0000000704"
    assert _case_of(lookup, text, "belastingen", "zosia.k <zosia.k88@wp.pl>") is None


def test_a_first_name_over_a_street_all_written_small_finds_the_writers_case(
    mr: Mailroom, register: Callable[[str], DbCaseLookup], tmp_path: Path
) -> None:
    """ "sietske / dijkweg 112 / 06-…" under a mail from "sietske w": her case at the house
    the address register places."""
    lookup = _placed(
        mr,
        register,
        tmp_path,
        "ZAAK-2026-0000000705,bijstand,open,,,1541 AB,112,"
        "Sietske Wolters,Aanvraag bijstand alleenstaande ouder,2026-01-07\n",
    )
    text = (
        "hoi\n\nik heb jullie brief gekregen dat ik nog mijn loonstroken moet sturen. hierbij "
        "de foto's van januari en februari.\n\nsietske\ndijkweg 112\n06-19930418\n"
    )
    sietske = _case_of(lookup, text, "bijstand", "sietske w <sietskew@gmail.com>")
    assert sietske == "ZAAK-2026-0000000705"


def test_a_wife_for_her_husband_at_the_placed_house_finds_his_case(
    mr: Mailroom, register: Callable[[str], DbCaseLookup], tmp_path: Path
) -> None:
    """ "Ich sjrief veur mien man Thei Houben", signed by his wife over "Dijkweg 14": the
    case of M.H. Houben at the house the address register places, though her first name
    is not his. A namesake's case at another house stays apart."""
    lookup = _placed(
        mr,
        register,
        tmp_path,
        "ZAAK-2026-0000000706,belastingen,open,,,1541 AD,14,M.H. Houben,"
        "Hondenbelasting 2026 aanslag voor tweede hond,2026-01-30\n",
    )
    text = (
        "Hallo gemeinte,\n\nIch sjrief veur mien man Thei Houben, hae kan neet good mit de "
        "computer. Wir hebbe d'n aanslaag gehad mit twee hoond, mer de twiede hoond is in "
        "december gestorve. Kin dat eruut?\n\nGroete,\nTruus Houben-Ramakers\n{street}\n"
        "Oostzaan"
    )
    sender = "truus.houben@planet.nl"
    assert _case_of(lookup, text.format(street="Dijkweg 14"), "belastingen", sender) == (
        "ZAAK-2026-0000000706"
    )
    assert _case_of(lookup, text.format(street="Dijkweg 112"), "belastingen", sender) is None


def test_a_son_whose_own_case_is_of_another_type_writes_for_his_mother(
    mr: Mailroom, register: Callable[[str], DbCaseLookup], tmp_path: Path
) -> None:
    """ "Mijn moeder, mevrouw G. Huizing-Dijkstra, woont in het huisje naast ons" under
    "Dijkweg 14", where the son has a report of his own: the letter is weighed for the
    relative it names in full, not left new as the son's."""
    lookup = _placed(
        mr,
        register,
        tmp_path,
        "ZAAK-2026-0000000707,melding_openbare_ruimte,open,,,1541 AD,14,Hilko Huizing,"
        "Overhangende takken boven het fietspad,2026-02-16\n"
        "ZAAK-2026-0000000708,wmo,open,,,1541 AD,14A,Grietje Huizing-Dijkstra,"
        "Begeleiding en vervoer dagbesteding,2026-01-21\n",
    )
    text = (
        "Beste meneer/mevrouw,\n\nMijn moeder, mevrouw G. Huizing-Dijkstra, woont in het huisje "
        "naast ons op het erf. Ze heeft in januari via u gevraagd om begeleiding en vervoer naar "
        "de dagbesteding. Het vervoer is nog niet geregeld.\n\nGroeten,\nHilko Huizing\n"
        "Dijkweg 14, Oostzaan"
    )
    sender = "Hilko Huizing <hilko.huizing@live.nl>"
    assert _case_of(lookup, text, "wmo", sender) == "ZAAK-2026-0000000708"


def test_evaluate_reads_an_address_register(tmp_path: Path) -> None:
    cases, letters, bag = tmp_path / "cases.csv", tmp_path / "letters.jsonl", tmp_path / "bag.csv"
    cases.write_text(REGISTER, "utf-8")
    bag.write_text(NLEXTRACT, "utf-8")
    lines = [
        {"id": "jan", "label": "wmo", "expect_case": "ZAAK-2026-0000000701", "text": JAN},
        {
            "id": "petra",
            "label": "melding_openbare_ruimte",
            "expect_case": "ZAAK-2026-0000000702",
            "text": PETRA,
        },
    ]
    letters.write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    catalogue = load_catalogue()
    without = evaluate_matching(cases, letters, catalogue)
    with_bag = evaluate_matching(cases, letters, catalogue, addresses=bag)
    assert (without.implicit.correct, with_bag.implicit.correct) == (0, 1)
    result = CliRunner().invoke(
        cli,
        [
            "cases",
            "evaluate",
            "--cases",
            str(cases),
            "--letters",
            str(letters),
            "--addresses",
            str(bag),
            "--json",
        ],
        env={"MAILROOM_HOME": str(tmp_path / "no-home")},
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["implicit"]["correct"] == 1
