"""People a letter names anywhere (mentions), weighed against the real case register."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from mailroom.app.context import Mailroom
from mailroom.cases.addresses import house_forms, same_house
from mailroom.cases.identifiers import extract, find_case_numbers
from mailroom.cases.importer import import_rows, read_case_rows
from mailroom.cases.matching import match_case, same_name
from mailroom.cases.names import names_organisation, names_organisation_by_words
from mailroom.cases.register import DbCaseLookup
from mailroom.core.db.session import transaction
from mailroom.core.records import Classification

# Written for these tests: a fictional Heidestein. BSNs 4000000xx pass the elfproef.
REGISTER = (
    "number,case_type,status,bsn,kvk,postcode,house_number,name,subject,opened_at\n"
    "ZAAK-2026-0000000401,wmo,open,400000003,,6871AB,8,Abraham Koster,Aanvraag traplift,"
    "2026-02-01\n"
    "ZAAK-2026-0000000402,bijstand,open,400000015,,6871AB,8,Geertje Koster-Bos,"
    "Bijzondere bijstand koelkast,2026-02-02\n"
    "ZAAK-2026-0000000403,wmo,open,400000027,,6872CD,21,Klaziena Smeenk,"
    "Huishoudelijke hulp,2026-02-03\n"
    "ZAAK-2026-0000000404,wmo,open,400000039,,6873EF,4,Klaas Smeenk,Rolstoel,2026-02-04\n"
    "ZAAK-2026-0000000405,melding_openbare_ruimte,open,400000040,,6871AC,10,Pieter Dijkstra,"
    "Losse stoeptegels Heideweg,2026-02-05\n"
    "ZAAK-2026-0000000406,parkeervergunning,open,400000052,,6874GH,3-2,Noor Bakker,"
    "Bewonersvergunning,2026-02-06\n"
    "ZAAK-2026-0000000407,parkeervergunning,open,400000064,,6874GH,3-1,Sem Bakker,"
    "Bewonersvergunning,2026-02-07\n"
    "ZAAK-2026-0000000408,evenementenvergunning,open,,41234567,6871AD,1,"
    "Eetcafé Het Wapen van Heidestein V.O.F.,Terras kermis Brink,2026-02-08\n"
    "ZAAK-2026-0000000409,bijstand,open,400000076,,6875JK,33-1,Karim Benali,"
    "Levensonderhoud,2026-02-09\n"
    "ZAAK-2026-0000000410,wmo,open,400000088,,6876LM,14,Berendina Geziena Timmer-Koops,"
    "Douchestoel en wandbeugels,2026-02-10\n"
    "ZAAK-2026-0000000411,belastingen,open,400000106,,6876NP,12-1,Hüseyin Çelik,"
    "Bezwaar aanslag afvalstoffenheffing 2026,2026-02-11\n"
    "ZAAK-2026-0000000412,bijstand,open,400000118,,6876RS,9,Mohammed Khaled Al-Masri,"
    "Aanvraag algemene bijstand levensonderhoud,2026-02-12\n"
    "ZAAK-2026-0000000413,melding_openbare_ruimte,open,400000131,,6876TV,5,Ricardo Manuel Fortes,"
    "Melding zwerfvuil bij ondergrondse containers Zeemanshof,2026-02-13\n"
    "ZAAK-2026-0000000414,belastingen,open,400000143,,6876TV,5,Maria Goretti Andrade Silva,"
    "Kwijtschelding afvalstoffenheffing 2026,2026-02-14\n"
)


@pytest.fixture
def lookup(register: Callable[[str], DbCaseLookup]) -> DbCaseLookup:
    return register(REGISTER)


def case_of(lookup: DbCaseLookup, text: str, case_type: str, sender: str | None = None) -> str:
    verdict = Classification(case_type, 0.9, {case_type: 0.9})
    decision = match_case(text, verdict, lookup, sender=sender)
    return (decision.case_number or "new").removeprefix("ZAAK-2026-0000000")


@pytest.mark.parametrize(
    ("text", "case_type", "expected"),
    [
        # A phone note about someone, by the name he goes by and his house.
        ("Telefoonnotitie\nBeller: dochter\nOver: dhr. Bram Koster, Heideweg 8\nVraagt wanneer "
         "de monteur komt.", "wmo", "401"),
        # A care worker helping her, with the house in brackets; a namesake elsewhere.
        ("Ik ben wijkverpleegkundige en help mevrouw K. Smeenk (Lijsterbeslaan 21) met haar "
         "post. Wanneer komt de hulp?\n\nGroet,\nEls Mulder", "wmo", "403"),
        ("Ik help de heer K. Smeenk (Eikenlaan 4) met zijn post. Is de rolstoel besteld?",
         "wmo", "404"),
        # Named with another house: neither Smeenk.
        ("Ik help mevrouw K. Smeenk (Eikenlaan 9) met haar post. Hoe staat het ervoor?",
         "wmo", "new"),
        # A neighbour named as such is not the party: the writer has no case.
        ("De tegels liggen nog los. Mijn buurman dhr. P. Dijkstra (Heideweg 10) belde ook al."
         "\n\nGroet,\nLotte Wever", "melding_openbare_ruimte", "new"),
        # The writer introduces herself as the neighbour *of* someone: about that person.
        ("Ik ben de buurvrouw van mevrouw Koster, Heideweg 8. Ze vraagt naar de traplift."
         "\n\nAnne Wever\nHeideweg 6", "wmo", "401"),
        # "Fam. Koster": which of the family, no initial tells.
        ("Hoe staat het met de traplift?\n\nGroet,\nFam. Koster\nHeideweg 8", "wmo", "new"),
        # A floor in Roman numerals, and "33 1" for 33-1.
        ("Mijn vergunning is nog niet binnen.\n\nNoor Bakker\nHavenstraat 3 II",
         "parkeervergunning", "406"),
        ("Mijn vergunning is nog niet binnen.\n\nSem Bakker\nHavenstraat 3 I",
         "parkeervergunning", "407"),
        ("goedemiddag ik ben Karim Benali van Vlasakker 33 1. hier de loonstrook.",
         "bijstand", "409"),
        # The writer's own postcode is another house than the namesake's case.
        ("Hoe staat het met mijn aanvraag?\n\nK. Smeenk\nEikenlaan 4\n6879 ZZ Heidestein",
         "wmo", "new"),
        # A relative by first name: the writer's surname and house, the name she goes by.
        ("Mijn vrouw Klazien kan de trap niet meer op. Hoe staat het met de traplift?\n\n"
         "P. Koster\nHeideweg 8", "wmo", "new"),
        ("Mijn vrouw Geertje heeft nog geen bericht over de koelkast.\n\nA. Koster\n"
         "Heideweg 8", "bijstand", "402"),
        # A chat-like opening in lower case.
        ("hoi karim benali hier van vlasakker 33-1. loonstrook komt morgen", "bijstand", "409"),
        # An organisation a letter is written for, with its house.
        ("Namens onze cliënt Eetcafé Het Wapen van Heidestein V.O.F., Brink 1, sturen wij de "
         "plattegrond van het terras.\n\nR. Smit, adviseur", "evenementenvergunning", "408"),
        # The first name in brackets after the surname; a register's "Yılmaz".
        ("Beller: mevr. Benali (Karim), Vlasakker 33-1\nVraagt naar zijn uitkering.",
         "bijstand", "409"),
        # A relative with her full name and where she lives.
        ("Mijn moeder Geertje Koster woont aan de Heideweg 8. Is de koelkast al goedgekeurd?"
         "\n\nAnnelies Wever", "bijstand", "402"),
        ("Gebeld door de bewindvoerder over cliënte mw. Smeenk, Lijsterbeslaan 21 in "
         "Heidestein: loopt de huishoudelijke hulp door?", "wmo", "403"),
        # "van de Zuideresch 14" after her name says where she lives.
        ("Ik schrijf namens mijn buurvrouw, mevrouw Timmer van de Zuideresch 14. Zij wacht "
         "nog steeds op de douchestoel.\n\nJoyce Hulshof\nZuideresch 16", "wmo", "410"),
        # A volunteer helping him with his post; a dash after his house in the reference.
        ("Stichting Thuisadministratie\nKerkplein 4\n6877 CA Heidestein\n\nBetreft: de heer "
         "H. Celik, Kolenbergplein 12-1 - afvalstoffenheffing 2026\n\nAls vrijwillig "
         "thuisadministrateur help ik de heer Celik met zijn post. Hij heeft bezwaar gemaakt "
         "tegen de aanslag. Wij verzoeken u de invordering op te schorten.\n\nW. Brouwer",
         "belastingen", "411"),
        # A household by its surname and house.
        ("Ik ben taalmaatje van de familie Al-Masri aan de Schapendrift 9. Mohammed heeft "
         "mij gevraagd te helpen met de stukken voor de aanvraag levensonderhoud.\n\n"
         "Joke Eleveld", "bijstand", "412"),
        # His wife, under her own surnames, about the report her husband made.
        ("mijn man heeft al twee keer gemeld over het afval naast de containers bij ons in de "
         "Zeemanshof maar het ligt er nog steeds.\n\nGoretti Andrade Silva\nZeemanshof 5",
         "melding_openbare_ruimte", "413"),
        # A second one is never the first.
        ("Dit is een tweede melding, over iets anders: de bank bij de vijver is kapot.\n\n"
         "P. Dijkstra\nHeideweg 10\n6871 AC Heidestein", "melding_openbare_ruimte", "new"),
    ],
)  # fmt: skip
def test_people_named_anywhere(
    lookup: DbCaseLookup, text: str, case_type: str, expected: str
) -> None:
    assert case_of(lookup, text, case_type) == expected


def test_a_house_number_and_an_address_spelling_the_name(lookup: DbCaseLookup) -> None:
    text = "De tegels bij nr 10 liggen er nog.\nP Dijkstra"
    assert case_of(lookup, text, "melding_openbare_ruimte", "pieterdijkstra@kpn.nl") == "405"
    # The surname alone is a family's address; another number is another house.
    assert case_of(lookup, "De tegels bij nr 10 liggen er nog.", "melding_openbare_ruimte",
                   "dijkstra@kpn.nl") == "new"  # fmt: skip
    assert case_of(lookup, "De tegels bij nr 12 liggen er nog.", "melding_openbare_ruimte",
                   "pieterdijkstra@kpn.nl") == "new"  # fmt: skip


def test_a_question_whether_it_needs_its_own_permit_is_a_new_request() -> None:
    # A question whether it needs its own request: new, unless the open case is spoken
    # of (see test_asking_whether_an_addition_needs_its_own_permit).
    assert extract("We willen ook een braderie houden. Moet dat apart?").asks_apart
    assert extract("Ik wil daarom een NIEUWE aanvraag doen.").new_request
    assert extract("Los van mijn lantaarnpaal: de schommel is kapot.").new_request
    assert extract("Na Koningsdag willen we een burendag houden. Hierbij de aanvraag.").new_request
    assert extract("Besides our dormer application, we would also like to fell a tree.").new_request
    assert not extract("Hierbij de aanvraag van mijn buurman, zoals gevraagd.").new_request
    # The request set aside is another case; this letter follows up the one it is about.
    assert not extract("Los van mijn klacht: in document 31 is alles zwartgelakt.").new_request
    assert not extract("Is de vergunning al verleend? Ik hoor het graag.").new_request


def test_an_organisation_named_as_people_name_it(lookup: DbCaseLookup) -> None:
    # Without kind and place, with the case's subject: "Het Wapen" for Eetcafé Het Wapen
    # van Heidestein V.O.F. and its terrace at the fair.
    text = "Mag het terras tijdens de kermis langer open?\n\nGroet,\nJoop\nHet Wapen van Heidestein"
    assert case_of(lookup, text, "evenementenvergunning") == "408"
    assert (
        case_of(lookup, "Mag de muziek langer aan?\n\nJoop\nHet Wapen", "evenementenvergunning")
        == "new"
    )


def test_an_organisation_spelled_by_its_mail_address(lookup: DbCaseLookup) -> None:
    text = "hoi, mag het terras tijdens de kermis tot 1 uur open? gr Joop"
    sender = "hetwapenvanheidestein@hotmail.com"
    assert case_of(lookup, text, "evenementenvergunning", sender) == "408"
    assert case_of(lookup, text, "evenementenvergunning", "joop1970@hotmail.com") == "new"


def test_mentions_and_house_numbers_are_extracted() -> None:
    ids = extract(
        "Over: dhr. Theo Ros, Beukenlaan 21, Ter Aa\n"
        "Groet Wim Verbeek, Dorpsstraat 23\n"
        "Ik ben Mohamed Amrani van Weverstraat 88 1.\n"
        "Mijn buurvrouw mevrouw De Vries (Beukenlaan 19) weet ervan."
    )
    assert [(f.value, f.house_number) for f in ids.mentioned] == [
        ("Theo Ros", "21"),
        ("Wim Verbeek", "23"),
        ("Mohamed Amrani", "88-1"),
    ]
    assert {f.house_number for f in ids.house_numbers} >= {"21", "23", "88-1", "19"}


def test_names_as_registers_and_writers_spell_them() -> None:
    assert same_name("Fatma Yılmaz", ["F. Yilmaz"], strict=True)
    # "van 't Westeinde": the article, not an initial T.
    assert same_name("Petrus Johannes van 't Westeinde", ["P.J. van 't Westeinde"], strict=True)
    assert [f.value for f in extract("Hoi", sender="a.elamrani88@gmail.com").names] == [
        "A. Elamrani",
        "A. el Amrani",
    ]


def test_asking_for_something_else_beside_an_open_case_opens_a_new_one(
    lookup: DbCaseLookup,
) -> None:
    asks = "Wij willen op 5 juli ook een buurtbarbecue houden.\n\nNoor Bakker\nHavenstraat 3 II"
    assert extract(asks).asks_now
    assert case_of(lookup, asks, "parkeervergunning") == "new"
    report = "Even een melding: de lantaarnpaal knippert.\n\nNoor Bakker\nHavenstraat 3 II"
    assert extract(report).asks_now
    # Speaking of the request made before is a follow-up, whatever else it asks.
    again = asks.replace("ook een buurtbarbecue houden", "nog steeds de vergunning aanvragen")
    assert not extract(again).asks_now
    assert case_of(lookup, again, "parkeervergunning") == "406"


def test_an_application_made_with_the_letter_is_a_new_request() -> None:
    text = "Hierbij vraagt de Buurtvereniging Oost een vergunning aan voor de braderie."
    assert extract(text).new_request


def test_house_numbers_with_floors() -> None:
    assert same_house("14-2", "14 II", False)
    assert same_house("14-II", "14-2", False)
    assert not same_house("14-1", "14 II", False)
    assert "14II" in house_forms("14-2")
    # A houseboat's berth opposite the number, however written.
    assert same_house("22 t/o", "22-TO", False)
    assert not same_house("22", "22-TO", False)


def test_a_room_in_the_brackets_of_the_number_is_part_of_the_house() -> None:
    """ "de Kassenweg (nr 22, kamer 4)" is house 22-4, where the address register holds each
    room; "Moutstraat 14, kamer 3" under a signature stays 14, a room it may not hold."""
    found = extract("Ze woont aan de Kassenweg (nr 22, kamer 4).").house_numbers
    assert ("de Kassenweg", "22-4") in [(f.value, f.house_number) for f in found]
    found = extract("Ik huur een kamer.\n\nGroet,\nChi Okonkwo\nMoutstraat 14, kamer 3").streets
    assert [(f.value, f.house_number) for f in found] == [("Moutstraat", "14")]


@pytest.mark.parametrize(
    ("text", "case_type", "expected"),
    [
        # Phrasings no mention rule reads: the register's surnames are looked for in the
        # text, and the first name before and the house number after them read.
        ("Ze vroeg of Klaziena Smeenk uit Lijsterbeslaan 21 al iets kan verwachten van de "
         "hulp.", "wmo", "403"),
        ("Het gaat om Pieter Dijkstra -- Heideweg 10 -- en de tegels.",
         "melding_openbare_ruimte", "405"),
        # Not when the house or the first name disagrees, nor a surname alone.
        ("Ze vroeg of Klaziena Smeenk uit Lijsterbeslaan 23 al iets hoort.", "wmo", "new"),
        ("Ze vroeg of Klara Smeenk uit Lijsterbeslaan 21 al iets hoort.", "wmo", "new"),
        ("Ze vroeg of Smeenk uit Lijsterbeslaan 21 al iets hoort.", "wmo", "new"),
    ],
)  # fmt: skip
def test_the_register_reads_names_in_any_phrasing(
    lookup: DbCaseLookup, text: str, case_type: str, expected: str
) -> None:
    assert case_of(lookup, text, case_type) == expected


# A second register, for the ways writers name people that earlier rules missed.
MORE = (
    "number,case_type,status,bsn,kvk,postcode,house_number,name,subject,opened_at\n"
    "ZAAK-2026-0000000501,wmo,open,400000088,,6876AB,5,Albertje Hoving-Brink,Traplift,"
    "2026-02-01\n"
    "ZAAK-2026-0000000502,belastingen,open,400000106,,6876AC,29,Berendina Zwiers,"
    "Kwijtschelding gemeentelijke belastingen,2026-02-02\n"
    "ZAAK-2026-0000000503,parkeervergunning,open,400000118,,6876AD,33,Fenna Kuipers,"
    "Kentekenwijziging bewonersvergunning,2026-02-03\n"
    "ZAAK-2026-0000000504,bijstand,open,400000131,,6876AE,8A,Ahmet Yıldız,"
    "Aanvraag levensonderhoud,2026-02-04\n"
    "ZAAK-2026-0000000505,omgevingsvergunning,open,400000143,,6876AF,52,"
    "Tomás Ferreira da Silva,Uitrit aanleggen,2026-02-05\n"
    "ZAAK-2026-0000000506,omgevingsvergunning,open,,42345678,6876AG,22,"
    "Bouwbedrijf Van Strien & Zn. B.V.,Nieuwbouw loods Industrieweg,2026-02-06\n"
    "ZAAK-2026-0000000507,wmo,open,400000155,,6876AH,14,Hendrikje Postma,"
    "Huishoudelijke hulp,2026-02-07\n"
    "ZAAK-2026-0000000508,melding_openbare_ruimte,open,400000167,,6876AJ,101,"
    "Yvonne Sarah Bakker,Volle ondergrondse container,2026-02-08\n"
    "ZAAK-2026-0000000509,bezwaar,open,400000179,,6876AK,16,Lieuwe Kingma,"
    "Bezwaar afwijzing traplift (Wmo-besluit),2026-02-09\n"
    "ZAAK-2026-0000000510,woo_verzoek,open,400000180,,6876AL,7,Marten de Boer,"
    "Woo-verzoek stukken windpark,2026-02-10\n"
    "ZAAK-2026-0000000511,subsidie,open,,43456789,6876AM,15,Muziekvereniging Crescendo,"
    "Subsidieaanvraag concertseizoen,2026-02-11\n"
    "ZAAK-2026-0000000512,bijstand,open,400000192,,6876AN,22,Oksana Kovalenko,"
    "Aanvraag levensonderhoud,2026-02-12\n"
    "ZAAK-2026-0000000513,wmo,open,400000209,,6876AP,12,Johanna Cornelia de Visser,"
    "Traplift,2026-02-13\n"
    "ZAAK-2026-0000000514,bijstand,open,400000210,,6876AR,112-III,Mohamed Bouzid,"
    "Aanvraag levensonderhoud,2026-02-14\n"
    "ZAAK-2026-0000000515,wmo,open,400000222,,6876AS,9,Adrianus Johannes Verhage,"
    "Rolstoel,2026-02-15\n"
    "ZAAK-2026-0000000516,melding_openbare_ruimte,open,,44567890,6876AT,1,"
    "Vereniging van Eigenaren Esrand,Defecte lantaarnpalen parkeerterrein,2026-02-16\n"
    "ZAAK-2026-0000000517,subsidie,open,,45678901,6876AU,2,Voetbalvereniging SV Esweg '58,"
    "Subsidie jeugdvoetbal 2026,2026-02-17\n"
    "ZAAK-2026-0000000518,parkeervergunning,open,400000234,,6876AV,14,"
    "Theodorus Gerardus Maria Lammertink,Gehandicaptenparkeerkaart,2026-02-18\n"
    "ZAAK-2026-0000000519,bijstand,open,400000246,,6876AW,88,Kevin ter Braak,"
    "Re-integratietraject,2026-02-19\n"
    "ZAAK-2026-0000000520,omgevingsvergunning,open,400000258,,6876AX,5A,"
    "Margaretha Cornelia Hermans-van Rooij,Uitrit naar weiland,2026-02-20\n"
    "ZAAK-2026-0000000521,subsidie,open,,46789012,6876AY,2,"
    "Rooms-Katholieke Sportvereniging Dommelvaart,Subsidie jeugdafdeling,2026-02-21\n"
    "ZAAK-2026-0000000522,omgevingsvergunning,open,400000271,,6876AZ,14,Nguyen Van Minh,"
    "Dakkapel achterzijde,2026-02-22\n"
    "ZAAK-2026-0000000523,melding_openbare_ruimte,open,400000283,,6876BA,4,"
    "Jeroen van Dommelen,Kapotte lantaarnpaal,2026-02-23\n"
    "ZAAK-2026-0000000524,omgevingsvergunning,open,400000295,,6876BB,24 t/o,"
    "Dirk Jan Schouten,Vervangen opbouw woonboot,2026-02-24\n"
    "ZAAK-2026-0000000525,omgevingsvergunning,open,400000301,,6876BC,14,"
    "Kwabena Ofori Boateng,Dakkapel voorzijde,2026-02-25\n"
    "ZAAK-2026-0000000526,subsidie,open,,47890123,6876BD,5,Stichting Buurtkamer Heukelrade,"
    "Subsidie buurtkamer 2026,2026-02-26\n"
    "ZAAK-2026-0000000527,wmo,open,400000313,,6876BE,22,Maria Anna Hendrika Hermans,"
    "Huishoudelijke hulp,2026-02-27\n"
    "ZAAK-2026-0000000528,evenementenvergunning,open,,48901234,6876BF,1,"
    "Schutterij Sint-Sebastianus Heidestein,Schuttersfeest juni,2026-03-01\n"
    "ZAAK-2026-0000000529,subsidie,open,,49012345,6876BG,6,"
    "Gemengd Zangkoor Laus Deo Heidestein,Jubileumconcert,2026-03-02\n"
    "ZAAK-2026-0000000530,subsidie,open,,40123456,6876BH,4,"
    "Rooms-Katholieke Voetbalvereniging Heidestein,Jeugdsubsidie,2026-03-03\n"
    "ZAAK-2026-0000000531,omgevingsvergunning,open,,41234567,6876BJ,50C,"
    "Melkveebedrijf Sjilberg V.O.F.,Ligboxenstal,2026-03-04\n"
    "ZAAK-2026-0000000532,bijstand,open,400000325,,6876BK,27-3,Samira El Idrissi,"
    "Re-integratie,2026-03-05\n"
    "ZAAK-2026-0000000533,bijstand,open,400000337,,6876BL,302,Tesfay Gebremariam,"
    "Bijzondere bijstand inrichting,2026-03-06\n"
    "ZAAK-2026-0000000534,bijstand,open,400000349,,6876BM,45A-1,Mohammed Ouali,"
    "Levensonderhoud,2026-03-07\n"
    "ZAAK-2026-0000000535,klacht,open,400000350,,6876BN,5,Yvonne Wetzels,"
    "Wachttijd loket,2026-03-08\n"
    "ZAAK-2026-0000000536,bezwaar,open,400000362,,6876BP,5,Nadia Chaouch,"
    "Bezwaar besluit Wmo,2026-03-09\n"
    "ZAAK-2026-0000000537,wmo,open,400000374,,6876BR,17,Hendrika Bakker,"
    "Woningaanpassing,2026-03-10\n"
    "ZAAK-2026-0000000538,bezwaar,open,400000386,,6876BS,2,Jean Lardinois,"
    "Bezwaar vergunning varkensstal,2026-03-11\n"
    "ZAAK-2026-0000000539,melding_openbare_ruimte,open,400000398,,6876BT,118,Sevda Öztürk,"
    "Losliggende stoeptegels,2026-03-12\n"
    "ZAAK-2026-0000000540,omgevingsvergunning,open,,42345670,6876BV,21,"
    "Stichting Islamitisch Centrum Al Fath,Verbouwing gebedsruimte,2026-03-13\n"
    "ZAAK-2026-0000000541,subsidie,open,,43456780,6876BW,50,Lawn Tennis Club De Hoefslag,"
    "Verduurzaming clubhuis,2026-03-14\n"
    "ZAAK-2026-0000000542,subsidie,open,,44567801,6876BX,4,Korfbalvereniging De Kwiek,"
    "Opleiding jeugdtrainers,2026-03-15\n"
    "ZAAK-2026-0000000543,melding_openbare_ruimte,open,,45678012,6876BZ,100,"
    "Vereniging van Eigenaars Appartementencomplex De Leemkuil,Volle container,2026-03-16\n"
    "ZAAK-2026-0000000544,belastingen,open,,46780123,6876CA,30,Hairstudio Lokk B.V.,"
    "Bezwaar WOZ-waarde bedrijfspand,2026-03-17\n"
    "ZAAK-2026-0000000545,belastingen,open,400000404,,6876CB,22,Maria Mutsaers-van Gils,"
    "Kwijtschelding afvalstoffenheffing,2026-03-18\n"
    "ZAAK-2026-0000000546,belastingen,open,400000416,,6876CC,3,Klaas Venema,"
    "Aanslag gemeentelijke belastingen,2026-03-19\n"
    "ZAAK-2026-0000000547,subsidie,open,,47801234,6876CD,11,"
    "Muziekvereniging Excelsior Heidestein,Jaarsubsidie 2026,2026-03-20\n"
    "ZAAK-2026-0000000548,melding_openbare_ruimte,open,400000428,,6876CE,10,"
    "Adrianus van der Linden,Gat in het wegdek Hoefslag,2026-03-21\n"
    "ZAAK-2026-0000000549,evenementenvergunning,open,,48012345,6876CF,1,"
    "Oranjevereniging Lutjewier,Koningsdag,2026-03-22\n"
    "ZAAK-2026-0000000550,belastingen,open,,49123456,6876CG,1,Woonstichting Akkerland,"
    "Bezwaar WOZ-waarden huurwoningen,2026-03-23\n"
)


def test_more_ways_of_naming_the_party(mr: Mailroom) -> None:
    with transaction(mr.sessions) as session:
        import_rows(session, read_case_rows(MORE, mr.catalogue), mr.clock())
    letters = [
        # The end of a first name ("Bertje" for Albertje), one part of a double surname,
        # and the postcode after the place.
        ("Ik wacht nog op de traplift.\n\nBertje Hoving\nZandweg 5\nHeidestein 6876AB",
         "wmo", None, "501"),
        ("Mijn moeder Dina Zwiers (Lindelaan 29, Heidestein) stuurt hierbij de "
         "bankafschriften.\n\nK. Zwiers", "belastingen", None, "502"),
        # A title and a house ("str." for straat) beside the case's subject; a title with
        # the house in brackets; not with another house.
        ("Notitie\nMw Kuipers, Schoolstr 33 aan de balie: kentekenbewijs nieuwe auto "
         "gescand.", "parkeervergunning", None, "503"),
        ("Dhr. Yıldız (Molenstraat 8A) bracht zijn loonstroken.", "bijstand", None, "504"),
        ("Dhr. Yıldız (Molenstraat 9) bracht zijn loonstroken.", "bijstand", None, "new"),
        # The first of two Iberian surnames.
        ("I am the owner of Akkerweg 52. When is the decision about the entrance?\n\n"
         "Obrigado,\nTomás Ferreira", "omgevingsvergunning", None, "505"),
        # A firm "& Zn. B.V." named without its legal forms.
        ("Wanneer kunnen we het besluit over de loods aan de Industrieweg verwachten?\n\n"
         "Monique Verburg\nsecretariaat Bouwbedrijf Van Strien & Zn.", "omgevingsvergunning",
         "info@vanstrien-bouw.nl", "506"),
        # Written for the neighbour; a street of any name in brackets.
        ("Ik schrijf dit voor mijn buurvrouw Hendrikje Postma van Weidepad 14. Ze heeft nog "
         "geen hulp.\n\nGroet,\nSjoukje Klomp (nr. 16)", "wmo", None, "507"),
        ("De container bij de flat (Leijen 101) zit weer vol. Yvonne Bakker",
         "melding_openbare_ruimte", "yvonnebakker@live.nl", "508"),
        # New matters beside an open case of the type.
        ("Hierbij maak ik bezwaar tegen het besluit van 2 april over de mantelzorgwoning op "
         "Kerkhof 18.\n\nL. Kingma\nKerkhof 16, 6876 AK Heidestein", "bezwaar", None, "new"),
        ("Op grond van de Wet open overheid verzoek ik u om openbaarmaking van de stukken "
         "over het zwembad.\n\nMarten de Boer", "woo_verzoek", "m.deboer@krant.nl", "new"),
        ("Muziekvereniging Crescendo vraagt een eenmalige subsidie aan voor nieuwe uniformen."
         "\n\nGeesje Tuin, secretaris", "subsidie", "secretaris@crescendo.nl", "new"),
        ("Ik woon samen met Oksana Kovalenko, Beukenlaan 22. Ik wil ook een uitkering "
         "aanvragen.\n\nOlena", "bijstand", "olena.s@ukr.net", "new"),
        # A title before a tussenvoegsel; the name people go by ("Arie"); the floor as
        # people say it ("3-hoog" for 112-III).
        ("Ik mail namens mijn moeder, mevrouw de Visser van de Lindelaan 12. Is de traplift "
         "al goedgekeurd?\n\nGroet,\nMarieke Koster-de Visser", "wmo", None, "513"),
        ("hierbij mijn loonstroken.\n\nM. Bouzid\nMeerkoetlaan 112 3-hoog\nHeidestein",
         "bijstand", "m.bouzid84@hotmail.com", "514"),
        ("Mijn vader Arie Verhage heeft een rolstoel aangevraagd. Hij woont op Weelstraat 9. "
         "Hoe lang duurt het nog?\n\nPetra Verhage", "wmo", None, "515"),
        # Her mother's case named with its house, but the writer asks for herself from
        # her own address.
        ("Mijn moeder, mevrouw de Visser van de Lindelaan 12, krijgt al hulp. Nu vraag ik "
         "iets voor mezelf: kan ik een traplift krijgen?\n\nSandra Mulder-de Visser\n"
         "Lindenlaan 7\n6876 ZZ Heidestein", "wmo", None, "new"),
        # "Naast ... ook": besides the open one.
        ("Naast het concertseizoen willen wij dit jaar ook een zomerconcert organiseren.\n\n"
         "Muziekvereniging Crescendo", "subsidie", "secretaris@crescendo.nl", "new"),
        # A property manager for a "VvE" with its address; a club by its name without the
        # year; Latin initials "Th."; an introduction in lower case.
        ("Als beheerder van de VvE Esrand (Esrand 1, 6876 AT Heidestein) meld ik dat nu drie "
         "lantaarnpalen defect zijn.\n\nL. Engbers", "melding_openbare_ruimte", None, "516"),
        ("Nog een aanvulling voor de subsidie jeugdvoetbal van SV Esweg: de offerte zit in de "
         "bijlage.\n\nJos", "subsidie", "jeugd@svesweg58.nl", "517"),
        ("Hierbij de verklaring van mijn longarts.\n\nTh.G.M. Lammertink\nEsweg 14\n"
         "6876 AV Heidestein", "parkeervergunning", None, "518"),
        ("yo,\n\nben kevin ter braak van de eikenlaan 88. die re-integratie ging niet door.",
         "bijstand", "kev.tb_2003@hotmail.com", "519"),
        # "Los van mijn melding over ...": a melding, and not that one.
        ("Er zit een gat in het fietspad bij de kapel.\n\n(Los van mijn melding over de "
         "lantaarnpalen, die is nog niet opgelost.)\n\nL. Engbers\nVvE Esrand, Esrand 1, "
         "6876 AT Heidestein", "melding_openbare_ruimte", None, "new"),
        # A farm on the "Hoge Heide"; a club written short; the family name first.
        ("Telefoonnotitie\nMevrouw Hermans belt (Hermans-van Rooij, boerderij Hoge Heide 5A)."
         " Mag de sloot bij de uitrit naar het weiland gedempt?", "omgevingsvergunning", None,
         "520"),
        ("Hieronder de antwoorden over de jeugdleden.\n\nLoes Verhagen\nsecretaris RKSV "
         "Dommelvaart\nSportlaan 2, 6876 AY Heidestein", "subsidie", None, "521"),
        ("Voor de dakkapel van de woning van de heer Nguyen (Ganzenbloemstraat 14, 6876 AZ "
         "Heidestein) een gewijzigd ontwerp.\n\nTekenbureau Van Hest", "omgevingsvergunning",
         "stijn@tekenbureauvanhest.nl", "522"),
        ("Naast onze jaarsubsidie willen wij als RKSV Dommelvaart een eenmalige subsidie "
         "aanvragen voor een Repair Café.\n\nSportlaan 2, 6876 AY", "subsidie", None, "new"),
        # A report of another thing in the street than the open one; the lamp again.
        ("Melding via website\nOmschrijving: iemand heeft bouwafval en een bank gedumpt bij "
         "de glasbak, ook een stapel vuilniszakken.\nNaam: J. van Dommelen\nAdres: Kerkepad "
         "4, 6876 BA", "melding_openbare_ruimte", None, "new"),
        ("De lantaarnpaal voor mijn deur is nog steeds kapot, het is 's avonds aardedonker "
         "op de stoep.\n\nJ. van Dommelen\nKerkepad 4, 6876 BA", "melding_openbare_ruimte",
         None, "523"),
        # A houseboat opposite number 24 ("24 t/o" in the register).
        ("Hierbij de doorsnedetekening voor de opbouw.\n\nDirk Schouten\nHavenkade t.o. 24\n"
         "6876 BB Heidestein", "omgevingsvergunning", None, "524"),
        # "Los van de dakkapel": the open case's subject set aside; "Moet dat nog apart bij
        # de aanvraag?" is about the request there is.
        ("Los van de dakkapel waar jullie nog mee bezig zijn: ik wil een kapvergunning "
         "aanvragen voor de berk.\n\nKwabena Boateng\nDukdalfstraat 14\n6876 BC Heidestein",
         "omgevingsvergunning", None, "new"),
        ("Voor de dakkapel willen we ook een steiger plaatsen. Moet dat nog apart bij de "
         "aanvraag?\n\nKwabena Boateng\nDukdalfstraat 14\n6876 BC Heidestein",
         "omgevingsvergunning", None, "525"),
        ("Voor de dakkapel willen we een steiger. Moet daar een aparte ontheffing bij, of kan "
         "dat mee in de aanvraag die al loopt?\n\nKwabena Boateng\nDukdalfstraat 14\n"
         "6876 BC Heidestein", "omgevingsvergunning", None, "525"),
        # An accountant for a foundation, from the accountant's own address; a care worker
        # for a client whose birth date stands between her name and her street.
        ("ADMINISTRATIEKANTOOR VAN LIERE\nKeulerstraat 2, 6876 ZZ Heidestein\n\nIn opdracht "
         "van het bestuur van Stichting Buurtkamer Heukelrade, Raadhuisplein 5, zenden wij u "
         "de begroting bij de subsidie voor de buurtkamer.\n\nJ. van Liere AA", "subsidie",
         None, "526"),
        ("Betreft: mevr. M.A.H. Hermans, geb. 12-03-1938, Dorpsstraat 22, 6876 BE Heidestein\n\n"
         "Bij cliënte hierboven vermeld adviseren wij meer huishoudelijke hulp.\n\n"
         "S. Rademakers, wijkverpleegkundige", "wmo", None, "527"),
        # Organisations as people call them: by the words that say which (with their kind
        # or a second word), by what they are ("ons zangkoor"), by their abbreviation with
        # the house number, as a farm with the house of the register's firm, a mosque.
        ("Voor ons schuttersfeest hebben we nu ook de verzekering rond, zie de bijlage.\n\n"
         "Met vriendelijke groet,\nGer Wolfs, president\nSebastianus Heidestein",
         "evenementenvergunning", None, "528"),
        ("Ons zangkoor Laus Deo viert dit najaar het jubileum. Bij onze aanvraag sturen we nu "
         "de offertes.\n\nMet vriendelijke groet,\nTruus Crombach, secretaris\nKapelstraat 6",
         "subsidie", None, "529"),
        ("Namens RKVVH stuur ik het jaarverslag van de jeugdafdeling.\n\nSportieve groet,\n"
         "Pascal Wolfs\nsecretaris RKVVH, Heugderweg 4", "subsidie", None, "530"),
        ("Hierbij ook de natuurvergunning.\n\nMet vriendelijke groet,\n\nfam. Lemmens\n"
         "Hoeve Sjilberg\nHeerbaan 50c\n6876 BJ Heidestein", "omgevingsvergunning", None,
         "531"),
        ("De berekeningen voor de vloer zijn af, als aanvulling op de aanvraag.\n\nMet "
         "vriendelijke groet,\nnamens het bestuur van Moskee Al Fath,\nAbdelhak Tahiri",
         "omgevingsvergunning", "secretariaat@alfath-heidestein.nl", "540"),
        # The floor after a comma; the family name first in capitals; a transliterated
        # first name and a letter-and-floor addition; his brother, writing for himself.
        ("Kan het gesprek op een andere dag?\n\nMet vriendelijke groet,\nSamira El Idrissi\n"
         "Geulweg 27, 3 hoog\n6876 BK Heidestein", "bijstand", None, "532"),
        ("Hello, goedendag\n\nGEBREMARIAM Tesfay, Dreefflat 302. Ik heb nog bon van bed.",
         "bijstand", "GEBREMARIAM Tesfay <tesfay.g@yahoo.com>", "533"),
        ("Mijn uitkering is nog niet binnen.\n\nMohamed Ouali\nZuiderhavenstraat 45A-1",
         "bijstand", "mohamed.ouali@gmail.com", "534"),
        ("Ik ben Karim Ouali, de broer van Mohammed Ouali die bij u al een uitkering heeft. "
         "Ik woon bij hem op de Zuiderhavenstraat 45A-1. Kan ik zelf bijstand aanvragen?\n\n"
         "Met vriendelijke groet,\nKarim Ouali", "bijstand", None, "new"),
        # No closing: a name over the street without a number and the postcode, or over a
        # street written small; a name without its diacritics.
        ("Is mijn klacht wel aangekomen?\n\nYvonne Wetzels\nSint-Gerlachstraat\n"
         "6876 BN Heidestein", "klacht", None, "535"),
        ("de stoeptegels liggen nog altijd los. ik heb het in februari al gemeld.\n\n"
         "Sevda Ozturk\ndreefflat 118", "melding_openbare_ruimte", None, "539"),
        # For a client named earlier with a title ("namens haar"); a social worker's client.
        ("Onlangs heeft mevrouw N. Chaouch, Merelhof 5, pro forma bezwaar gemaakt. Hierbij "
         "dienen wij namens haar de gronden van het bezwaar in.\n\nMet vriendelijke groet,\n"
         "Frank Meijer\nsociaal raadsman", "bezwaar", None, "536"),
        ("Als maatschappelijk werker begeleid ik mevrouw H. Bakker (geboren 1941), wonende "
         "Lijsterbeslaan 17, 6876 BR Heidestein. Zij wacht op de woningaanpassing.\n\nMet "
         "vriendelijke groet,\nJoyce Tjon-A-Fong", "wmo", None, "537"),
        # "Sjeng" for Jean.
        ("Ik wil ook zelf gehoord worden op de hoorzitting.\n\nSjeng Lardinois\n"
         "Veldkapelweg 2, Heidestein", "bezwaar", None, "538"),
        # A club's kind written short ("LTC", "VvE" for Vereniging van Eigenaars); a bare
        # word of the name with the mail domain spelling it; a firm by its name and legal
        # form; the house of a block given as its range of numbers.
        ("In aanvulling op onze aanvraag sturen wij de offertes.\n\nSportieve groet,\n"
         "Geert Vissers\npenningmeester LTC De Hoefslag", "subsidie", None, "541"),
        ("Bij deze de begroting die jullie nog misten bij onze aanvraag.\n\nMvg,\n"
         "Linda Heesakkers\njeugdcommissie Kwiek", "subsidie", "jeugdcommissie@dekwiek.nl",
         "542"),
        ("Namens de VvE Leemkuil meld ik opnieuw dat de container vol is.\n\nMet vriendelijke "
         "groet,\nC. Schoenmakers\nvoorzitter VvE\nLeemkuil 100-146", "melding_openbare_ruimte",
         None, "543"),
        ("Namens onze cliente Lokk B.V., Klaproosstraat 30, ontvangt u hierbij het "
         "taxatierapport bij het bezwaar tegen de WOZ-waarde.\n\nMet vriendelijke groet,\n"
         "R.M. de Laat AA", "belastingen", None, "544"),
        # The initial of the name she goes by (Ria) with her whole surname, at her address;
        # a notary for the heirs of a man who died.
        ("Hierbij de bankafschriften voor mijn verzoek om kwijtschelding.\n\nMet vriendelijke "
         "groet,\nR. Mutsaers-van Gils\nMolenakker 22\n6876 CB Heidestein", "belastingen",
         None, "545"),
        ("Betreft: nalatenschap wijlen de heer K. Venema, Oude Dijk 3\n\nWij verzoeken u de "
         "aanslag voortaan aan ons kantoor te richten.\n\nHoogachtend,\nmr. S. Oosting, "
         "notaris", "belastingen", None, "546"),
        # What the club does besides ("Naast de concerten spelen we ook ...") asks for
        # nothing new; a hole "getting bigger" beside a neighbour's report of branches is
        # the writer's own report; "iets anders melden dan" is a new one.
        ("Bij deze het jaarverslag. Naast de concerten spelen we dit jaar ook op de "
         "dodenherdenking.\n\nMet vriendelijke groet,\nGerrit Luinge\npenningmeester "
         "Excelsior", "subsidie", "penningmeester@excelsior-heidestein.nl", "547"),
        ("Het gat in de weg voor Hoefslag 10 wordt steeds groter. Mijn buurvrouw heeft ook "
         "nog een melding openstaan over de takken van de eik.\n\nMet groet,\nAd van der "
         "Linden\nHoefslag 10\n6876 CE Heidestein", "melding_openbare_ruimte", None, "548"),
        ("Ik wil iets anders melden dan die takken: een lantaarnpaal is omvergereden.\n\n"
         "Ad van der Linden\nHoefslag 10\n6876 CE Heidestein", "melding_openbare_ruimte",
         None, "new"),
        # A club whose one word is the village: prose naming the village does not name it;
        # prose with the kind written short before the word does.
        ("IJsvereniging De Hoop wil een zomerfeest houden aan de IJsbaanweg in Lutjewier. "
         "Graag vragen wij een evenementenvergunning aan.\n\nMet vriendelijke groet,\n"
         "Egbert Meijering, penningmeester", "evenementenvergunning",
         "penningmeester@ijsclubdehoop.nl", "new"),
        ("WS Akkerland ontving de uitnodiging voor de hoorzitting over de WOZ-waarden. Is een "
         "andere datum mogelijk?\n\nMet vriendelijke groet,\nmr. P.J. Aarts", "belastingen",
         None, "550"),
    ]  # fmt: skip
    with mr.sessions() as session:
        lookup = DbCaseLookup(session)
        got = [case_of(lookup, t, ct, sender) for t, ct, sender, _ in letters]
    assert got == [expected for *_, expected in letters]
    assert extract("Dit jaar organiseren we voor het eerst een avondvierdaagse.").new_request
    year = datetime.now(UTC).year
    cited = find_case_numbers("RE: Uw kenmerk 0000022010 - ontbrekende bijlagen")
    assert [f.value for f in cited] == [f"ZAAK-{year}-0000022010", f"ZAAK-{year - 1}-0000022010"]
    assert not find_case_numbers("Telefoon 0612345678, rekening 0000022010")
    assert not extract("Ik heb dus een tweede vergunning aangevraagd.").new_request
    assert not extract("We willen ook een springkussen, moet dat er nog apart bij?").new_request
    assert extract("Dat is iets anders dan mijn melding over de weg.").new_request
    assert extract("Naast Koningsdag organiseren wij voor het eerst een optocht.").new_request
    assert same_name("Richard Nathaniel Tjon-A-Fong", ["R.N. Tjon-A-Fong"], strict=True)
    assert same_name("Theodora Lammers-Klein Gunnewiek", ["Door Lammers-Klein Gunnewiek"])
    cited = find_case_numbers("Betreft: uw kenmerk Z A A K - 2026 - 00 00 01 51 21 — gronden")
    assert [(f.value, f.confidence) for f in cited] == [("ZAAK-2026-0000015121", 0.9)]


# Written for these tests, beside MORE: households, a house a case is about, other spellings.
def imported(mr: Mailroom, register: str) -> None:
    """Import a case register written as CSV."""
    with transaction(mr.sessions) as session:
        import_rows(session, read_case_rows(register, mr.catalogue), mr.clock())


def cases_of(
    mr: Mailroom, letters: list[tuple[str, str, str | None, str | None, str]]
) -> list[str]:
    """The case (its last digits) or "new" each (text, case type, sender, subject, _)
    letter is matched to."""
    with mr.sessions() as session:
        lookup = DbCaseLookup(session)
        got = []
        for text, case_type, sender, subject, _ in letters:
            verdict = Classification(case_type, 0.9, {case_type: 0.9})
            decision = match_case(text, verdict, lookup, sender=sender, subject=subject)
            got.append((decision.case_number or "new").removeprefix("ZAAK-2026-0000000"))
    return got


HOUSEHOLDS = (
    "number,case_type,status,bsn,kvk,postcode,house_number,name,subject,opened_at\n"
    "ZAAK-2026-0000000560,melding_openbare_ruimte,open,400000441,,6876DA,7,Hendrik Hoogland,"
    "Losse stoeptegels Berkenweg,2026-04-01\n"
    "ZAAK-2026-0000000561,wmo,open,400000453,,6876DA,7,Truus Hoogland,Traplift,2026-04-01\n"
    "ZAAK-2026-0000000562,klacht,open,400000465,,6876DB,19,Durk Sytsma,"
    "Niet teruggebeld over afvalpas,2026-04-02\n"
    "ZAAK-2026-0000000563,belastingen,open,400000477,,6876DC,14,Gerrit Oude Nijhuis,"
    "Bezwaar WOZ-waarde 2026,2026-04-03\n"
    "ZAAK-2026-0000000564,omgevingsvergunning,open,400000489,,6876DD,9,Priya Ramdin,"
    "Aanbouw keuken,2026-04-04\n"
    "ZAAK-2026-0000000565,omgevingsvergunning,open,400000490,,6876DE,3,Jan Kamphuis,"
    "Nieuwbouw werktuigenberging,2026-04-05\n"
    "ZAAK-2026-0000000566,belastingen,open,400000507,,6876DF,1,Bernardina Morsink,"
    "Hondenbelasting 2026,2026-04-06\n"
    "ZAAK-2026-0000000567,omgevingsvergunning,open,400000519,,6876DG,15,Pieter van den Berg,"
    "Vergroten recreatiewoning Marrewei,2026-04-07\n"
    "ZAAK-2026-0000000568,melding_openbare_ruimte,open,400000520,,6876DH,3,Rienk Visser,"
    "Gat in de weg Lange Reed,2026-04-08\n"
    "ZAAK-2026-0000000569,wmo,open,400000532,,6876DJ,2,Johanna ten Brinke,Scootmobiel,"
    "2026-04-09\n"
    "ZAAK-2026-0000000570,omgevingsvergunning,open,,50123456,6876DK,7,"
    "Bouwbedrijf Sytsma & Zn. B.V.,Bouw vier starterswoningen Readwei,2026-04-10\n"
    "ZAAK-2026-0000000571,bezwaar,open,,51234567,6876DL,30,"
    "Coöperatieve Zuivelfabriek De Wâlden U.A.,Bezwaar maatwerkvoorschrift geluid,2026-04-11\n"
    "ZAAK-2026-0000000572,omgevingsvergunning,open,,51234567,6876DL,30,"
    "Coöperatieve Zuivelfabriek De Wâlden U.A.,Uitbreiding melkontvangst,2026-04-12\n"
    "ZAAK-2026-0000000573,evenementenvergunning,open,400000544,,6876DM,2,Jelmer Boersma,"
    "Buurtbarbecue Leane,2026-04-13\n"
    "ZAAK-2026-0000000574,melding_openbare_ruimte,open,400000556,,6876DN,12B-02,"
    "Aleksandra Nowak,Losliggende stoeptegels entree flat,2026-04-14\n"
    "ZAAK-2026-0000000575,bijstand,open,400000568,,6876DP,7,Mohamed El Amrani,"
    "Levensonderhoud,2026-04-15\n"
    "ZAAK-2026-0000000576,bijstand,open,400000581,,6876DR,120,Tesfaye Haile,"
    "Levensonderhoud,2026-04-16\n"
    "ZAAK-2026-0000000577,subsidie,open,,52345678,6876DS,4,"
    "Christelijke Muziekvereniging Kunst na Arbeid,Subsidie nieuwe uniformen,2026-04-17\n"
    "ZAAK-2026-0000000578,klacht,open,400000593,,6876DT,21,Kevin Tjon A Fong,"
    "Klacht bejegening loket parkeren,2026-04-18\n"
    "ZAAK-2026-0000000579,wmo,open,400000611,,6876DV,31,Thijs van Gils,"
    "Begeleiding zelfstandig wonen,2026-04-19\n"
    "ZAAK-2026-0000000580,bezwaar,open,400000623,,6876DW,212,Nour Al-Hassan,"
    "Bezwaar terugvordering bijstand,2026-04-20\n"
    "ZAAK-2026-0000000581,wmo,open,400000635,,6876DX,40,Wilhelmina de Graaf,"
    "Rolstoel op maat,2026-04-21\n"
    "ZAAK-2026-0000000582,melding_openbare_ruimte,open,400000647,,6876DY,19,Frank van Dijk,"
    "Gat in fietspad Schoolstraat,2026-04-22\n"
    "ZAAK-2026-0000000583,woo_verzoek,open,,53456789,6876DZ,40,Uitgeverij Brinkpers B.V.,"
    "Woo-verzoek kosten verbouwing gemeentehuis,2026-04-23\n"
    "ZAAK-2026-0000000584,evenementenvergunning,open,,54567890,6876EA,8,"
    "Feestfabriek Evenementen B.V.,Heidestein Live 29 augustus,2026-04-24\n"
    "ZAAK-2026-0000000585,subsidie,open,,55678901,6876EB,2,Voetbalvereniging Heidestein,"
    "Subsidie jeugdvoetbal 2026,2026-04-25\n"
    "ZAAK-2026-0000000586,bijstand,open,400000659,,6876EC,6,Ahmed Bouzid,"
    "Levensonderhoud,2026-04-26\n"
    "ZAAK-2026-0000000587,wmo,open,400000660,,6876ED,2,Tineke van Leeuwen,Scootmobiel,"
    "2026-04-27\n"
    "ZAAK-2026-0000000588,omgevingsvergunning,open,400000672,,6876EE,4,Anton Domhof,"
    "Verbouw deel tot woning,2026-04-28\n"
    "ZAAK-2026-0000000589,klacht,open,400000684,,6876EF,5,Mariska Lubbers,"
    "Wachttijd keukentafelgesprek,2026-04-29\n"
    "ZAAK-2026-0000000590,wmo,open,400000696,,6876EG,8,Ria Bleumink-te Velde,Scootmobiel,"
    "2026-04-30\n"
    "ZAAK-2026-0000000591,wmo,open,400000702,,6876EG,8,Herman Bleumink,"
    "Woningaanpassing douche,2026-04-30\n"
    "ZAAK-2026-0000000592,omgevingsvergunning,open,400000714,,6876EH,30,Lotte Hendriks,"
    "Kappen eik voortuin,2026-05-01\n"
    "ZAAK-2026-0000000593,subsidie,open,,56789012,6876EJ,5,Oranjevereniging Heidestein,"
    "Subsidie Koningsdag 2026,2026-05-02\n"
    "ZAAK-2026-0000000594,omgevingsvergunning,open,,57890123,6876EK,2,"
    "Woonstichting Heidestein,Renovatie 24 woningen,2026-05-03\n"
    "ZAAK-2026-0000000595,subsidie,open,,58901234,6876EL,2,"
    "Watersportvereniging De Zeearend,Subsidie jeugdzeilen 2026,2026-05-04\n"
)


def test_households_the_house_a_case_is_about_and_other_spellings(mr: Mailroom) -> None:
    imported(mr, HOUSEHOLDS)
    letters = [
        # A partner, not named, whose report the writer follows up from their own house
        # (written small); a partner asking for themselves beside the other's case.
        ("goedemiddag, mijn man heeft gebeld over de losse tegels voor ons huis (berkenweg "
         "7). het is alleen maar erger geworden.\ngroet truus", "melding_openbare_ruimte",
         "Truus Hoogland <hooglandberkenweg@gmail.com>", None, "560"),
        ("De traplift voor mijn vrouw loopt al bij u. Nu vraag ik voor mezelf een "
         "scootmobiel aan.\n\nH. Hoogland\nBerkenweg 7", "wmo", None, None, "new"),
        # "ij" for the register's "y"; a Frisian street.
        ("Over mijn klacht heb ik nog steeds niets gehoord.\n\nD. Sijtsma\nHaadstrjitte 19",
         "klacht", None, None, "562"),
        # The house only in the email's subject.
        ("Dank voor uw uitleg, maar ik snap het niet. Kan er iemand komen kijken?\n\n"
         "G. Oude Nijhuis", "belastingen", "g.oudenijhuis@kpnplanet.nl",
         "Re: WOZ-waarde Bleekweg 14", "563"),
        # For the applicant, named by their role, from the draughtsman's own address.
        ("Namens de aanvrager, mevrouw P. Ramdin, stuur ik de constructieberekening voor de "
         "aanbouw aan de Kruidenlaan 9.\n\nM. Stevens\nTekenbureau Stevens\nTwentepoort 12, "
         "6876 ZX Heidestein", "omgevingsvergunning", None, None, "564"),
        # A name and a street written small ending the mail; "Dinie" for Bernardina.
        ("kan de aannemer al beginnen met de berging of moet ik wachten?\n\njan kamphuis\n"
         "lutterveldseweg 3", "omgevingsvergunning", None, None, "565"),
        ("Onze hond is overleden, graag de aanslag aanpassen.\n\nDinie Morsink\nKerkpad 1\n"
         "Heidestein", "belastingen", None, None, "566"),
        # The holiday home the case's subject names, the owner writing from home.
        ("De serre wordt 3 meter diep in plaats van 4.\n\nMet vriendelijke groet,\nP. vd Berg"
         "\n(recreatiewoning Marrewei 15 — post graag naar ons huisadres: Kwartelhof 17, "
         "3824 PL Amersfoort)", "omgevingsvergunning", "Pieter van den Berg <pvdb@planet.nl>",
         None, "567"),
        # "ander punt dan": another report than the open one.
        ("ander punt dan dat gat in de lange reed: bij de bushalte hangt een tak boven het "
         "fietspad.\n\nrienk visser", "melding_openbare_ruimte",
         "Rienk Visser <rienkvisser@hotmail.com>", None, "new"),
        # A daughter answering the municipality's mail to her about her mother's case.
        ("Dinsdag om 10 uur is prima, ik ben er ook bij.\n\nGr Ellen Bosch (dochter)\n\n"
         "-----Oorspronkelijk bericht-----\nVan: Wmo-loket <wmo@heidestein.nl>\n"
         "Aan: ellenbosch@hotmail.com\nOnderwerp: Gesprek\n\nGeachte mevrouw Bosch,\n\n"
         "Over de aanvraag van mevrouw J. ten Brinke (ZAAK-2026-0000000569) plannen wij "
         "graag een gesprek.", "wmo", "Ellen Bosch <ellenbosch@hotmail.com>", None, "569"),
        # A firm by its trade ("Sytsma Bouw"), with the street of the case's subject; a
        # cooperative named in lower case ("de coöperatie De Wâlden") by its lawyer, whose
        # own title is no client's; the article written onto the name.
        ("Hierbij de ontbrekende stukken voor de starterswoningen aan de Readwei.\n\n"
         "Met vriendelijke groet,\nJorrit Sytsma\nSytsma Bouw — werkvoorbereiding",
         "omgevingsvergunning", "werkvoorbereiding@sytsmabouw.nl", None, "570"),
        ("Namens onze cliënte, de coöperatie De Wâlden, die de zuivelfabriek aan de Readwei "
         "30 exploiteert, dienen wij de gronden van het bezwaar in.\n\nHoogachtend,\n\n"
         "mr. S. Brandsma", "bezwaar", None, None, "571"),
        ("Namens DeWâlden Zuivel (Readwei 30) sturen wij de gevraagde aanvullingen op de "
         "aanvraag.\n\nir. J. Dekker\nFean Advies", "omgevingsvergunning",
         "j.dekker@feanadvies.nl", None, "572"),
        # A closing at the end of the one line a phone mail has.
        ("hey, voor de bbq willen we de straat afsluiten, moet daar een tekening bij? gr "
         "jelmer boersma, leane 2", "evenementenvergunning", "jelmer <jelmerb@gmail.com>",
         None, "573"),
        # Names as other languages write them: "Ola" for Aleksandra; "Elamrani" and
        # "Mohammed" for Mohamed El Amrani; "Haile Tesfaye" the other way round, for whom
        # a legal-aid worker writes; "Nur Alhasan" for Nour Al-Hassan.
        ("the tiles at the entrance of our flat are still loose. i reported this in "
         "february. Oostwaardse Dreef 12b-02, 6876 DN\n\nOla Nowak",
         "melding_openbare_ruimte", "Ola Nowak <ola.nowak@wp.pl>", None, "574"),
        ("ik heb nog steeds geen uitkering gekregen.\n\nMohammed Elamrani\nSloepstraat 7\n"
         "6876 DP Heidestein", "bijstand", None, None, "575"),
        ("Als sociaal raadsvrouw ondersteun ik de heer Haile Tesfaye (Roergangerpad 120, "
         "3-hoog, 6876 DR). Hierbij de bankafschriften.\n\nMarieke Gerritsen", "bijstand",
         "m.gerritsen@welzijn.nl", None, "576"),
        ("hallo\nik ben Nur Alhasan. ik heb bezwaar gemaakt over het geld. wanneer is de "
         "hoorzitting?\n\nNur\nOostwaardse Dreef 212", "bezwaar",
         "nur alhasan <nuralhasan85@gmail.com>", None, "580"),
        # A brass band written short after its kind ("K.N.A."), at its house.
        ("Bij onze aanvraag nu ook de offerte.\n\nMet muzikale groet,\nGerda Kodde\n"
         "penningmeester Chr. "
         "Muziekvereniging K.N.A. Heidestein\nKerkplein 4, 6876 DS Heidestein", "subsidie",
         None, None, "577"),
        # "Kevin Tjon A Fong": the A is part of the name, not his initial; the
        # municipality's mail he answers speaks of the case.
        ("Liever telefonisch dan op het stadskantoor.\n\nMvg,\nKevin\n\nOp 11 mrt. 2026 om "
         "09:41 schreef Klachten <klachten@heidestein.nl>:\n> Geachte heer Tjon A Fong,\n> "
         "Wij hebben uw klacht over de bejegening aan het loket Parkeren ontvangen.",
         "klacht", "Kevin Tjon-A-Fong <kevin.tjonafong@gmail.com>",
         "Re: ontvangstbevestiging klacht", "578"),
        # A mother for her son, who lives on his own in a street without a street word.
        ("Mijn zoon Thijs van Gils woont sinds januari op zichzelf aan de Graafschap 31. Ik "
         "mail namens hem: is er al nieuws over de begeleiding?\n\nAnnemiek van Gils", "wmo",
         None, None, "579"),
        # A care home for a resident called by the name she goes by, at the home's address.
        ("Namens onze bewoonster mevrouw W. (Mien) de Graaf, appartement 214, sturen wij het "
         "verslag van de fysiotherapeut.\n\nMet vriendelijke groet,\n\nIngrid Baas\n"
         "Zorgcentrum De Lindehof\nKerkweg 40\n6876 DX Heidestein\n\nStichting Zorgcentrum De "
         "Lindehof | KvK 89906910", "wmo", None, None, "581"),
        # A writer with no capital anywhere: his name and his street written small.
        ("het gat in het fietspad bij de school (schoolstraat 19, voor mijn deur) is nog "
         "steeds niet gemaakt\n\nfrank van dijk", "melding_openbare_ruimte",
         "Frank <f.v.dijk1972@gmail.com>", None, "582"),
        ("hierbij mijn loonstrook van februari\n\nahmed bouzid schoolstraat 6", "bijstand",
         None, None, "586"),
        # A newspaper under its title, from its publisher's address, about its request.
        ("Wanneer kunnen wij een besluit verwachten over de kosten van de verbouwing van het "
         "gemeentehuis?\n\nMet vriendelijke groet,\nSaskia Mol\nhoofdredacteur\n"
         "Heidesteins Nieuwsblad\nHoefslag 40, 6876 DZ Heidestein", "woo_verzoek", None, None,
         "583"),
        # An events agency without its trade word; its new event beside the open one.
        ("Het geluidsplan voor Heidestein Live is bijgewerkt.\n\nGroet,\nLisa Kroon\n"
         "De Feestfabriek", "evenementenvergunning", "Lisa Kroon <lisa@defeestfabriek.nl>",
         None, "584"),
        ("Naast Heidestein Live organiseren wij dit jaar ook het Winterfeest op de Brink. "
         "Hierbij onze aanvraag.\n\nGroet,\nJoost Hamer\nDe Feestfabriek\nIndustrieweg 8 | "
         "6876 EA Heidestein", "evenementenvergunning", "joost@defeestfabriek.nl", None,
         "new"),
        # "v.v." for voetbalvereniging; a club's founding year is no house number.
        ("Hierbij het activiteitenplan voor het jeugdvoetbal dat nog ontbrak bij onze "
         "aanvraag.\n\nSportieve groet,\nLinda de Ridder\nJeugdcoördinator v.v. Heidestein\n"
         "\n--\nv.v. Heidestein – opgericht 1931", "subsidie",
         "Jeugdcommissie VVH <jeugd@vvheidestein.nl>", None, "585"),
        # His mother "van de Heidelaan 2", the son's firm's address and KvK beside it.
        ("Mijn moeder, mevr. T. van Leeuwen van de Heidelaan 2, wacht al weken op een "
         "scootmobiel.\n\nDennis van Leeuwen\nVan Leeuwen Klussen\nBrugstraat 8, 3911 AB "
         "Rhenen\nKvK 64170353", "wmo", None, None, "587"),
        # "Opdrachtgever:", and the postcode mistyped in one digit.
        ("Betreft: verbouw deel tot woning, 't Zand 4, 6877 EE Heidestein\nOpdrachtgever: de "
         "heer A. Domhof\n\nHierbij namens onze opdrachtgever de berekening.\n\nJ. Wagenvoort",
         "omgevingsvergunning", None, None, "588"),
        # A web form's first name and surname fields.
        ("Voornaam: Mariska\nAchternaam: Lubbers\nStraat en huisnummer: Beukenlaan 5\n"
         "Postcode en woonplaats: 6876 EF Heidestein\nWaar gaat uw klacht over?: Ik heb een "
         "klacht ingediend over de wachttijd en hoor niets.", "klacht", None, None, "589"),
        # For his wife Ria, named by first name: her case, not his own at the house.
        ("Mijn vrouw Ria heeft een scootmobiel aangevraagd. Kan er een overkapping bij?\n\n"
         "Namens mijn vrouw,\n\nH. Bleumink\nLindeweg 8, Heidestein", "wmo", None, None,
         "590"),
        # "die nog loopt": the open one set apart.
        ("Los van de kapvergunning voor de eik die nog loopt, willen we ook een tweede "
         "uitrit.\n\nGroet,\nLotte Hendriks\nEikenlaan 30", "omgevingsvergunning", None, None,
         "new"),
        # The kind's first part in the domain ("oranjeheidestein"); a place in a bakery's
        # slogan names no foundation of that place.
        ("Kunnen wij de begroting voor Koningsdag nog aanpassen?\n\nNamens het bestuur,\n"
         "Gerrit Post, secretaris OVH", "subsidie",
         "Secretaris Oranjevereniging <secretaris@oranjeheidestein.nl>", None, "593"),
        ("Is de lichtreclame al vergund?\n\nGroetjes, Esra\nBakker Van Dam\n'Elke dag vers "
         "uit Heidestein'", "omgevingsvergunning", "Bakker Van Dam <filiaal@bakkervandam.nl>",
         None, "new"),
        # A club's follow-up by its name and mail domain; its new request set apart from it.
        ("Hierbij de begroting voor het jeugdzeilen.\n\nMet sportieve groet,\nBert Lammers\n"
         "penningmeester WSV De Zeearend", "subsidie",
         "Bert Lammers <penningmeester@zeearend-heidestein.nl>", None, "595"),
        ("Dit is een nieuwe aanvraag, los van het jeugdzeilen. De Zeearend bestaat 50 jaar; "
         "wij vragen een eenmalige subsidie.\n\nMet sportieve groet,\nBert Lammers\n"
         "penningmeester WSV De Zeearend", "subsidie",
         "Bert Lammers <penningmeester@zeearend-heidestein.nl>", None, "new"),
    ]  # fmt: skip
    assert cases_of(mr, letters) == [expected for *_, expected in letters]
    assert same_name("Grietje Sytsma", ["Grietje Sijtsma-Wiersma"], strict=True)
    assert extract("Ik vraag voor mezelf een scootmobiel aan.").for_self
    assert extract("Mijn vrouw heeft hulp, maar dit is voor mij zelf.").for_self
    assert not extract("Ik weet niet of ik zelf iets moet bijbetalen.").for_self
    assert not extract("Mijn dochter typt dit voor mij.").for_self
    # A one-word organisation is its place: the municipality's own domain is not it.
    assert not names_organisation("Woonstichting Heidestein", [], ["info@heidestein.nl"])
    assert names_organisation("Voetbalvereniging SV Esweg '58", [], ["jeugd@svesweg58.nl"])


TRADES = (
    "number,case_type,status,bsn,kvk,postcode,house_number,name,subject,opened_at\n"
    "ZAAK-2026-0000000600,bijstand,open,400000726,,6877AA,60,Tran Thi Mai,"
    "Bijzondere bijstand koelkast,2026-05-05\n"
    "ZAAK-2026-0000000601,wmo,open,400000738,,6877AA,60,Tran Van Hung,Traplift,2026-05-05\n"
    "ZAAK-2026-0000000602,belastingen,open,400000751,,6877AB,41,Sanne de Wit,"
    "Kwijtschelding 2026,2026-05-06\n"
    "ZAAK-2026-0000000603,belastingen,open,,59012345,6877AC,4,Vakantiepark De Heidepan B.V.,"
    "Aanslag toeristenbelasting 2025,2026-05-07\n"
    "ZAAK-2026-0000000604,belastingen,open,400000763,,6877AD,17,Günter Müller,"
    "Aanslag forensenbelasting 2026,2026-05-08\n"
    "ZAAK-2026-0000000605,evenementenvergunning,open,400000775,,6877AE,5,Lieke Brouwer,"
    "Straatfeest Bremstraat 2026,2026-05-09\n"
    "ZAAK-2026-0000000606,bezwaar,open,400000787,,6877AF,2,Johannes Hendrikus Bakker,"
    "Bezwaar tegen weigering standplaatsvergunning oliebollenkraam,2026-05-10\n"
    "ZAAK-2026-0000000607,belastingen,open,400000799,,6877AG,1,Petronella Visser,"
    "WOZ-beschikking 2026 en bezwaar,2026-05-11\n"
    "ZAAK-2026-0000000608,evenementenvergunning,open,,60123456,6877AH,3,"
    "Zilvermeeuw Horeca B.V.,Strandfeest De Zilvermeeuw,2026-05-12\n"
    "ZAAK-2026-0000000609,bijstand,open,400000805,,6877AJ,88,Roelof Smit,"
    "Levensonderhoud (onder bewind),2026-05-13\n"
    "ZAAK-2026-0000000610,evenementenvergunning,open,,61234567,6877AK,1,"
    "Stichting Openbaar Onderwijs Heidestein,Schoolfeest OBS De Klimop,2026-05-14\n"
    "ZAAK-2026-0000000611,subsidie,open,,62345678,6877AM,2,"
    "Stichting Podiumkunsten Heidestein,Exploitatiesubsidie 2026,2026-05-15\n"
    "ZAAK-2026-0000000612,evenementenvergunning,open,,63456789,6877AN,23,"
    "Heidesteinsche Studentenvereniging Minerva,Lustrumfeest mei 2026,2026-05-16\n"
    "ZAAK-2026-0000000613,subsidie,open,,64567890,6877AP,30,Korfbalclub Heidebloem,"
    "Subsidie jeugdactiviteiten 2026,2026-05-17\n"
    "ZAAK-2026-0000000614,wmo,open,400000817,,6877AQ,9,Johanna Maria Peeters-Lenaerts,"
    "Huishoudelijke hulp,2026-05-18\n"
    "ZAAK-2026-0000000615,belastingen,open,400000829,,6877AR,14,Margaret Ellen Whitfield,"
    "Bezwaar aanslag forensenbelasting 2026 Kruisweg 14,2026-05-19\n"
    "ZAAK-2026-0000000616,bijstand,open,400000830,,6877AS,51,Theodorus Hubertus Jongen,"
    "Levensonderhoud,2026-05-20\n"
    "ZAAK-2026-0000000617,melding_openbare_ruimte,open,400000842,,6877AT,23,"
    "Petrus Johannes Ortmans,Losliggend putdeksel voor Molenweg 23,2026-05-21\n"
    "ZAAK-2026-0000000618,belastingen,open,,65678901,6877AU,1,Gouden Leeuw Heidestein B.V.,"
    "Bezwaar WOZ-waarde 2026 Markt 1,2026-05-22\n"
    "ZAAK-2026-0000000619,subsidie,open,,66789012,6877AV,10,"
    "Koninklijke Harmonie Sint Caecilia Heidestein,Jaarsubsidie 2026,2026-05-23\n"
    "ZAAK-2026-0000000620,parkeervergunning,open,,67890123,6877AW,2,"
    "Huisartsenmaatschap Heidestein,Zorgverlenersvergunning huisartsen,2026-05-24\n"
    "ZAAK-2026-0000000621,omgevingsvergunning,open,,68901234,6877AX,7,"
    "Recreatiepark Heidezicht Beheer B.V.,Plaatsing 12 recreatiechalets Kruisveld 40,"
    "2026-05-25\n"
    "ZAAK-2026-0000000622,parkeervergunning,open,400000854,,6877AY,5,Lukas Theodorus Hermsen,"
    "Bewonersvergunning wijziging kenteken,2026-05-26\n"
    "ZAAK-2026-0000000623,omgevingsvergunning,open,400000866,,6877AZ,14,Marloes Kuijpers,"
    "Uitbouw Havenkade 14,2026-05-27\n"
    "ZAAK-2026-0000000624,factuur,open,,69012345,6878AA,40,Lumen Heide B.V.,"
    "Factuur LH-2026-00318 onderhoud verlichting,2026-05-28\n"
    "ZAAK-2026-0000000625,bijstand,open,400000878,,6878AB,1,Yonas Tesfaye Gebremedhin,"
    "Bijzondere bijstand inrichtingskosten,2026-05-29\n"
    "ZAAK-2026-0000000626,omgevingsvergunning,open,400000891,,6878AC,17,Pieter Willem Bakker,"
    "Aanbouw woonkeuken zijgevel,2026-05-30\n"
    "ZAAK-2026-0000000627,woo_verzoek,open,,70123456,6878AD,60,"
    "Vereniging Behoud Groene Heide Heidestein,Woo-verzoek stukken zonnepark Lutten,2026-05-31\n"
    "ZAAK-2026-0000000628,subsidie,open,,71234567,6878AE,12,"
    "Stichting Turks Cultureel Centrum Heidestein,Subsidie huiswerkbegeleiding 2026,2026-06-01\n"
    "ZAAK-2026-0000000629,melding_openbare_ruimte,open,,72345678,6878AF,2,"
    "Vereniging van Eigenaars Heidehof 2-40,Defecte lantaarnpalen fietspad Heidehof,"
    "2026-06-02\n"
)


def test_trade_names_offices_and_names_from_elsewhere(mr: Mailroom) -> None:
    imported(mr, TRADES)
    letters = [
        # A Vietnamese name the Dutch way round: Mai, not her housemate Hung.
        ("Hierbij de offerte van de koelkast.\n\nMai Tran\nPapaverlaan 60, 6877 AA", "bijstand",
         None, None, "600"),
        # A web form's name typed small.
        ("Naam: sanne de wit\nStraat en huisnummer: Wilgenlaan 41\nPostcode: 6877AB\n"
         "Uw vraag: ik heb toch kwijtschelding aangevraagd? moet ik nu betalen?",
         "belastingen", None, None, "602"),
        # The registered name with its legal form, from the firm's office elsewhere.
        ("Vakantiepark De Heidepan B.V.\nkantoor: Stationsweg 3, 3811 AA Amersfoort\n\n"
         "Betreft: aanslag toeristenbelasting 2025\n\nGeachte heer, mevrouw,\n\nTegen de "
         "aanslag toeristenbelasting 2025 hebben wij bezwaar gemaakt. Bijgaand het "
         "nachtregister.\n\nHoogachtend,\n\nR. Verhoef\ndirecteur", "belastingen", None, None,
         "603"),
        # An umlaut written out.
        ("Sehr geehrte Damen und Herren,\n\nwir waren 2025 nur an 30 Nächten in unserem "
         "Ferienhaus. Bitte prüfen Sie die Forensenbelasting.\n\nMit freundlichen Grüßen\n"
         "Guenter Mueller\nHeiderweg 17, Heidestein", "belastingen",
         "Guenter Mueller <g.mueller@t-online.de>", None, "604"),
        # Asking whether an addition to the open street party needs its own permit.
        ("hallo, voor ons straatfeest in juni komt er ook een draaimolen, moet dat apart? "
         "groetjes lieke, bremstraat 5", "evenementenvergunning",
         "Lieke <liekebrouwer@gmail.com>", None, "605"),
        # "Hans" for Johannes, a street without a number, and the case's subject.
        ("Ik heb bezwaar gemaakt tegen de weigering van de standplaats voor mijn "
         "oliebollenkraam. Kan de hoorzitting na 1 maart?\n\nHans Bakker\nMolenpad, "
         "Heidestein", "bezwaar", "Hans Bakker <oliebollenbakker@gmail.com>", None, "606"),
        # A notary for an estate: the deceased's house, not the office's.
        ("Notariskantoor Jonker\nMarkt 9, 6870 AB Heidestein\n\nBetreft: nalatenschap mevrouw "
         "P. Visser\n\nGeachte heer, mevrouw,\n\nOp 2 februari is overleden mevrouw "
         "Petronella Visser, laatst wonende Kerkstraat 1 te Heidestein. Ons kantoor is belast "
         "met de afwikkeling van de nalatenschap. De erfgenamen handhaven het bezwaar tegen "
         "de WOZ-waarde 2026.\n\nHoogachtend,\n\nmr. A. Jonker\nkandidaat-notaris",
         "belastingen", None, None, "607"),
        # A beach pavilion under its trade name, at its house number.
        ("Kleine wijziging voor ons strandfeest: de band speelt op het strand.\n\nGr. Youri\n"
         "Paviljoen De Zilvermeeuw\nStrandweg 3 Heidestein", "evenementenvergunning",
         "De Zilvermeeuw <info@paviljoendezilvermeeuw.nl>", None, "608"),
        # A bewindvoerder's reply to the municipality's mail about the client's case.
        ("In de bijlage de ontbrekende stukken. Cliënt heeft zijn werk per 1 februari "
         "verloren.\n\nMet vriendelijke groet,\n\nM. Tol\nBewindvoering De Linde",
         "bijstand", "Bewindvoering De Linde <info@bewinddelinde.nl>",
         "RE: ontbrekende stukken ZAAK-2026-0000000609", "609"),
        # The municipality addressed is not an organisation of its name.
        ("Oranjevereniging Lutten\np/a Dijkweg 3, 6877 AL Lutten\n\nAan de gemeente "
         "Heidestein, team Vergunningen\n\nBetreft: aanvraag evenementenvergunning Koningsdag"
         "\n\nOp 27 april organiseren wij weer het Koningsdagprogramma.\n\nMet vriendelijke "
         "groet,\nGerda Smit, secretaris", "evenementenvergunning", None, None, "new"),
        # A theatre writing from its foundation's address, about its subject.
        ("Hierbij de bezoekerscijfers bij onze aanvraag voor de exploitatiebijdrage.\n\n"
         "Joost Mertens\nzakelijk leider Theater Het Bolwerk\nBolwerk 2 · 6877 AM Heidestein",
         "subsidie", "Joost Mertens <j.mertens@theaterhetbolwerk.nl>", None, "611"),
        # A club's kind written short: "H.S.V. Minerva", "KC Heidebloem".
        ("het lustrumfeest verschuift een week, kan dat?\n\ngroet,\nFloor\nab-actis der H.S.V. "
         "Minerva", "evenementenvergunning",
         "Ab-actis HSV Minerva <abactis@minerva-heidestein.nl>", None, "612"),
        ("In de bijlage het activiteitenplan voor de jeugd.\n\nHinke de Jong\njeugdcommissie "
         "KC Heidebloem", "subsidie", "jeugd@kcheidebloem.nl", None, "613"),
        # Names people go by: "Hanny" for Johanna (her maiden name, a street written
        # short), "Maggie" for Margaret, "Dorus" in the address that spells his name.
        ("de hulp is nu 2 x niet gekomen zonder bericht. graag uitleg\n\ngr hanny lenaerts\n"
         "st. gerardusstr 9", "wmo", "Hanny Lenaerts <hannylenaerts@heuvelnet.nl>", None,
         "614"),
        ("Further to my objection, I enclose our rental calendar: we only use the house at "
         "Kruisweg a few weeks a year, so the forensenbelasting should not apply.\n\nKind "
         "regards,\nMaggie Whitfield", "belastingen",
         "Maggie Whitfield <maggie.whitfield@hedgerowmail.co.uk>", None, "615"),
        ("In de bijlage het inkomstenformulier over februari.\n\nGroeten", "bijstand",
         "Dorus Jongen <dorus.jongen@mosamail.nl>", None, "616"),
        # A form's "Naam melder:", for her husband's report of the house the form names.
        ("Formulier Melding openbare ruimte\nLocatie: Molenweg 23, voor de deur\n"
         "Omschrijving: Mijn man heeft al gemeld dat het putdeksel voor ons huis los ligt. "
         "Wanneer wordt dit gerepareerd?\nNaam melder: Truus Ortmans-Vankan",
         "melding_openbare_ruimte", None, None, "617"),
        # Another tax than the open WOZ objection is a new case; the objection is not.
        ("Door ons nieuwe boekingssysteem vragen wij uitstel voor de aangifte "
         "toeristenbelasting over het 4e kwartaal. Over de WOZ-waarde loopt een bezwaar, dat "
         "staat hier los van.\n\nRalph Gulpers\nIn de Gouden Leeuw\nMarkt 1, Heidestein",
         "belastingen", "Ralph Gulpers <ralph@goudenleeuw-heidestein.nl>",
         "toeristenbelasting", "new"),
        ("Hierbij het taxatierapport voor ons bezwaar tegen de WOZ-waarde.\n\nRalph Gulpers\n"
         "In de Gouden Leeuw\nMarkt 1, Heidestein", "belastingen",
         "Ralph Gulpers <ralph@goudenleeuw-heidestein.nl>", None, "618"),
        # "St. Cecilia" for Koninklijke Harmonie Sint Caecilia.
        ("Hierbij de jaarrekening bij onze aanvraag voor de jaarsubsidie.\n\nRob Ernes\n"
         "penningmeester Harmonie St. Cecilia Heidestein", "subsidie",
         "penningmeester@harmonieheidestein.nl", None, "619"),
        # A practice for the partnership, at its house.
        ("Hierbij het kenteken voor de zorgverlenersvergunning.\n\nStefanie Wirtz\nhuisarts\n"
         "Huisartsenpraktijk Heidestein, Stationsstraat 2", "parkeervergunning", None, None,
         "620"),
        # A holiday park under its trade name, from the site the case's subject names.
        ("In aanvulling op onze aanvraag voor de recreatiechalets sturen wij de "
         "stikstofberekening.\n\nBas Hanssen\nVakantiepark De Heidehoeve\nKruisveld 40, "
         "Heidestein", "omgevingsvergunning", None, None, "621"),
        # "Luuk" for Lukas, in the address that spells it.
        ("hoi, de nieuwe auto is er. kan het kenteken aangepast worden op de vergunning?\n\n"
         "Verstuurd vanaf mijn iPhone", "parkeervergunning",
         "Luuk Hermsen <luuk.hermsen99@gmail.com>", None, "622"),
        # A contractor for the owner: its own KvK says nothing about whose case it is.
        ("Zoals besproken sturen wij als aannemer de constructieberekening van de uitbouw bij "
         "mevr. Kuypers, Havenkade 14.\n\nDennis van Tuijl\nBouwbedrijf Van Tuijl B.V.\n"
         "Steeg 40, 4167 CB Hemmerden\nKvK 13684151", "omgevingsvergunning", None, None, "623"),
        # A second reminder giving the invoice's number only after "herinnering".
        ("Ondanks onze herinnering hebben wij de betaling van onderstaande factuur nog niet "
         "ontvangen.\n\nLumen Heide\ndebiteurenbeheer", "factuur",
         "Lumen Heide <facturatie@lumenheide.nl>", "2e herinnering LH-2026-00318", "624"),
        # A sender whose surname is cut to a letter answers the mail quoted to him.
        ("Hierbij het huurcontract.\n\nYonas\n\nOp do 26 feb 2026 om 10:14 schreef Werk en "
         "Inkomen <wi@heidestein.nl>:\n> Beste heer Gebremedhin,\n> Uw aanvraag is "
         "geregistreerd onder zaaknummer ZAAK-2026-0000000625.", "bijstand",
         "Yonas T <yonastesfaye98@gmail.com>", "Re: uw aanvraag", "625"),
        # "Namens de familie Bakker, Woudseweg 17": an architect for the household.
        ("Namens de familie Bakker, Woudseweg 17, sturen wij de gewijzigde tekeningen van de "
         "aanbouw van de woonkeuken.\n\nStudio Lintvelt architecten\nFemke Lintvelt\n"
         "Atelierweg 3, 2451 AA Veenhoven", "omgevingsvergunning", None, None, "626"),
        # A signature line the mail domain spells; "TCC" for Turks Cultureel Centrum.
        ("De correspondentie over het zonnepark ontbreekt nog.\n\nHarm Verkerk\nBehoud Groene "
         "Heide - werkgroep Lutten", "woo_verzoek",
         "Harm Verkerk <werkgroep@behoudgroeneheide.nl>", None, "627"),
        ("Hierbij de aanwezigheidslijsten van de huiswerkbegeleiding.\n\nZeynep Aksoy\n"
         "bestuur TCC Heidestein", "subsidie", "bestuur@tccheidestein.nl", None, "628"),
        # An owners' association named with its houses, by its manager.
        ("Namens de VvE Heidehof meld ik dat de lantaarnpalen op het fietspad nog steeds niet "
         "branden.\n\nJ. Meijerink\nVvE Beheer Heide, namens VvE Heidehof 2-40",
         "melding_openbare_ruimte", "J. Meijerink <j.meijerink@vvebeheerheide.nl>", None, "629"),
    ]  # fmt: skip
    assert cases_of(mr, letters) == [expected for *_, expected in letters]
    assert not same_name("Tran Van Hung", ["Mai Tran"])
    # Capitals before a name are a kind written short only where they abbreviate the
    # organisation's name: "J.H. Brinkman" is a person.
    assert names_organisation_by_words(
        "Dommelsche Studentenvereniging Quadrivium", "DSV Quadrivium"
    )
    assert not names_organisation_by_words("Brinkman Bouw B.V.", "J.H. Brinkman")

    # Something never held before, asked about, is a new request.
    braderie = extract("Wij willen dit jaar voor het eerst ook een braderie organiseren.")
    assert braderie.new_request


def test_the_municipality_names_no_church_of_its_place() -> None:
    church = "Protestantse Gemeente te West-Kreek"
    assert not names_organisation_by_words(church, "West-Kreek")
    assert not names_organisation_by_words(church, "Gemeente West-Kreek")
    assert not names_organisation_by_words(church, "Gemeinde West-Kreek")
    assert names_organisation_by_words(church, "Protestantse Gemeente")
