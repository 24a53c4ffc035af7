"""Matching what a household, a misspelling or a form says about a party, against a real
register (SQLite, and PostgreSQL where CI gives one): cases of someone else at the
writer's house, a person's case kept under the house its subject names, a surname one
letter off at the case's own address, diminutives, a form's fields, a tradesman's nota,
a quoted reply greeting the writer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mailroom.cases.matching import match_case
from mailroom.cases.names import (
    first_names_agree,
    goes_by,
    misspelled_name,
    subject_houses,
    subject_names,
)
from mailroom.cases.register import DbCaseLookup
from mailroom.core.records import Classification

# Written for these tests: a fictional Hoenderveld. BSNs 4200000xx pass the elfproef.
REGISTER = (
    "number,case_type,status,bsn,kvk,postcode,house_number,name,subject,opened_at\n"
    # A husband's tax case and his wife's Wmo case (her maiden name) at one house.
    "ZAAK-2026-0000000801,belastingen,open,420000008,,9231 HN,6,Jelle Dijkstra,"
    "Bezwaar WOZ-waarde 2026,2026-01-10\n"
    "ZAAK-2026-0000000802,wmo,open,420000021,,9231 HN,6,Wietske Grietje Kuipers,"
    "Wmo-aanvraag scootmobiel,2026-01-12\n"
    # A husband's own permit, his wife's stair lift (her maiden name) at their house.
    "ZAAK-2026-0000000803,omgevingsvergunning,open,420000033,,9231 BK,7,Sjoerd Hoekstra,"
    "Schuur achter de woning,2026-01-14\n"
    "ZAAK-2026-0000000804,wmo,open,420000045,,9231 BK,7,Hiltje Geertruida de Vries,"
    "Wmo-aanvraag traplift,2026-01-20\n"
    # A dormer at her own house, registered under her maiden name.
    "ZAAK-2026-0000000805,omgevingsvergunning,open,420000057,,3861 AK,18,Jannigje Bos,"
    "Dakkapel voorzijde Brinkstraat 18,2026-02-03\n"
    "ZAAK-2026-0000000806,belastingen,open,420000069,,3861 AH,5-1,Dirk Dijkhuizen,"
    "Kwijtschelding gemeentelijke belastingen 2026,2026-01-27\n"
    "ZAAK-2026-0000000807,belastingen,open,420000070,,3866 KM,2,Everdina Bouwman,"
    "Bezwaar aanslag hondenbelasting 2026,2026-01-28\n"
    "ZAAK-2026-0000000808,factuur,open,,42100001,3864 GM,12,Installatiebedrijf Van 't Hul V.O.F.,"
    "Factuur F26-0088 lekkage sportkantine,2026-02-02\n"
    "ZAAK-2026-0000000809,wmo,open,420000082,,6291 KM,8,Wilhelmus Petrus Moonen,"
    "Rolstoel en begeleiding,2026-02-04\n"
    "ZAAK-2026-0000000810,omgevingsvergunning,open,,42100002,3866 KR,20,"
    "Houtzagerij Gebroeders Mulderij B.V.,Bouw opslagloods Zandkuilweg 20,2026-02-05\n"
    "ZAAK-2026-0000000811,bezwaar,open,,42100003,1037 CE,6,Demirtaş Food Group B.V.,"
    "Bezwaar tegen last onder dwangsom geluid afzuiginstallatie,2026-02-06\n"
    "ZAAK-2026-0000000812,parkeervergunning,open,420000094,,1038 DK,41-1,"
    "Mohamed Ilias El Amrani,Bewonersvergunning: eerste aanvraag,2026-02-07\n"
    "ZAAK-2026-0000000813,belastingen,open,420000100,,1038 HB,9-2,Priya Lakshmi Ramanathan,"
    "Bezwaar WOZ-waarde 2026,2026-02-08\n"
    "ZAAK-2026-0000000814,evenementenvergunning,open,,42100004,1036 ZK,88,"
    "Stichting Buurtfestival Ankerpoort,Poortpop 13 juni 2026,2026-02-09\n"
    "ZAAK-2026-0000000815,omgevingsvergunning,open,420000112,,6292 BK,14,"
    "Hubertus Johannes Maria Crombach,Dakkapel voorzijde Schachtstraat 14,2026-02-10\n"
    "ZAAK-2026-0000000816,belastingen,open,420000124,,3438 HK,5,Thomas Bram Hendriks,"
    "Bezwaar WOZ-beschikking 2026,2026-02-11\n"
    "ZAAK-2026-0000000817,melding_openbare_ruimte,open,420000136,,3437 MH,9,Kimberley Anne Bos,"
    "Defecte lantaarnpaal voor Mispelhof 9,2026-02-12\n"
    "ZAAK-2026-0000000818,belastingen,open,420000148,,2682 EL,14-7,Agnieszka Maria Kowalska,"
    "Kwijtschelding gemeentelijke belastingen 2026,2026-02-13\n"
    "ZAAK-2026-0000000819,omgevingsvergunning,open,420000161,,9968 AC,5,"
    "Margaretha Johanna Kremer,Dakkapel en versterking dakconstructie,2026-02-14\n"
    # A student on the first floor; the register keeps the floor as "1HOOG".
    "ZAAK-2026-0000000820,evenementenvergunning,open,420000173,,9737 PD,33-1HOOG,"
    "Charlotte Annemarie van den Berg,Straatfeest Pedelstraat Koningsdag 2026,2026-02-15\n"
    # An event known by its festival's name; a factory known by its trade name.
    "ZAAK-2026-0000000821,evenementenvergunning,open,,42100005,1036 ZM,2,"
    "Stichting Straatkunst Zuidkade,Zuidkade Muurfestival 2026 (Loodskade 12-14 juni),"
    "2026-02-16\n"
    "ZAAK-2026-0000000822,omgevingsvergunning,open,,42100006,7589 KC,18,"
    "Rijwielfabriek Hesselink & Zonen B.V.,Uitbreiding productiehal Industrieweg 18,"
    "2026-02-17\n"
    # Subjects naming the applicant's street without a number.
    "ZAAK-2026-0000000823,melding_openbare_ruimte,open,,42100007,9745 KL,1,"
    "Stichting Warmtezorg Noord,Overhangende takken toegangspad Lindehof,2026-02-18\n"
    "ZAAK-2026-0000000824,evenementenvergunning,open,420000197,,7585 PJ,70,"
    "Dieter Wilhelm Hölscher,Buurtbarbecue Grenslaan met muziek mei 2026,2026-02-19\n"
    # A husband's parking case and his wife's benefit case under her own surname.
    "ZAAK-2026-0000000825,parkeervergunning,open,420000203,,1034 ZM,57,Kwame Osei Mensah,"
    "Bewonersvergunning: wijziging kenteken,2026-02-20\n"
    "ZAAK-2026-0000000826,bijstand,open,420000215,,1034 ZM,57,Ama Serwaa Boateng,"
    "Bijzondere bijstand koelkast,2026-02-21\n"
    "ZAAK-2026-0000000827,omgevingsvergunning,open,420000227,,5212 SG,18,"
    "Hendrikus Antonius Peeters,Dakkapel voorzijde Schuttersgracht 18,2026-02-22\n"
    "ZAAK-2026-0000000828,klacht,open,,42100008,7589 KE,40,Transportbedrijf Brinkhuis B.V.,"
    "Klacht optreden handhaver laden en lossen Marktstraat,2026-02-23\n"
    "ZAAK-2026-0000000829,woo_verzoek,open,,42100009,2171 AC,14,"
    "Coöperatie Bollenexport Bloemendijk U.A.,Woo-verzoek beleidsstukken huisvesting "
    "arbeidsmigranten,2026-02-24\n"
    "ZAAK-2026-0000000830,subsidie,open,,42100010,9979 PH,12,Stichting Havenfeest Kwelderhaven,"
    "Subsidie Havenfeest 2026,2026-02-25\n"
    "ZAAK-2026-0000000831,omgevingsvergunning,open,420000239,,1567 HM,31,Gerrit Jan Schouten,"
    "Aanbouw keuken achterzijde,2026-02-02\n"
    "ZAAK-2025-0000000832,omgevingsvergunning,closed,420000240,,1567 HM,29,"
    "Marianne Dekker-Ooms,Tuinhuis achtertuin,2025-11-12\n"
    "ZAAK-2026-0000000833,belastingen,open,420000252,,1567 NP,8,Frederik Hendrik Jansen,"
    "Hondenbelasting: afmelding overleden hond,2026-02-03\n"
    "ZAAK-2026-0000000834,omgevingsvergunning,open,420000264,,1271 JS,9,"
    "Frederique Adriana Bosch van Drakestein,Kapvergunning twee douglassparren voortuin,"
    "2026-02-04\n"
)


@pytest.fixture
def lookup(register: Callable[[str], DbCaseLookup]) -> DbCaseLookup:
    return register(REGISTER)


def decided(
    lookup: DbCaseLookup,
    text: str,
    case_type: str,
    sender: str | None = None,
    subject: str | None = None,
) -> str:
    verdict = Classification(case_type, 0.9, {case_type: 0.9})
    decision = match_case(text, verdict, lookup, sender=sender, subject=subject)
    return (decision.case_number or "new").removeprefix("ZAAK-2026-0000000")


@pytest.mark.parametrize(
    ("text", "case_type", "sender", "expected"),
    [
        # A wife signs with her married name from the house of her husband's case.
        (
            "Goedemorgen,\n\nHoe staat het met mijn aanvraag voor een scootmobiel? Het is nu "
            "al vijf weken.\n\nGroeten,\nWietske Dijkstra\nLeechlân 6",
            "wmo",
            "Wietske Dijkstra <wietske.dijkstra@example.nl>",
            "802",
        ),
        # Her husband for her, by the name she goes by; he has a permit case of his own.
        (
            "Goedemiddag,\n\nIk mail namens mijn vrouw, Hiltsje. Zij heeft in januari een "
            "traplift aangevraagd. Kunt u zeggen waar het op wacht?\n\nWij wonen op het "
            "Tsjerkepaad 7.\n\nMet vriendelijke groet,\nSjoerd Hoekstra",
            "wmo",
            "Sjoerd Hoekstra <sjoerd.hoekstra@example.nl>",
            "804",
        ),
        # Her married name, from the house her case's subject names.
        (
            "Goedemorgen,\n\nWij hebben een vergunning aangevraagd voor een dakkapel aan de "
            "voorkant van ons huis aan de Brinkstraat 18. Mag het kozijn antraciet worden?\n\n"
            "Vriendelijke groet,\nJanny Roos",
            "omgevingsvergunning",
            "Janny Roos <jannyroos@example.nl>",
            "805",
        ),
        # His surname one letter off, at the case's own postcode and house.
        (
            "Webformulier Belastingen\n\nNaam: D. Dijkhuisen\nStraat en huisnummer: "
            "Schoolstraat 5 - 1\nPostcode: 3861AH\n\nToelichting:\nhierbij mijn "
            "uitkeringsspecificatie voor de kwijtschelding.",
            "belastingen",
            None,
            "806",
        ),
        # A form's name field: a diminutive of Everdina, her house without postcode.
        (
            "Contactformulier\nOnderwerp: Belastingen\n\nNaam: Dineke Bouwman\n"
            "Adres: Heideweg 2, Plaggenhorst\n\nBericht:\nIn mijn bezwaar tegen de "
            "hondenbelasting schreef ik twee honden; het is er nog maar één.",
            "belastingen",
            None,
            "807",
        ),
        # A tradesman's "nota" is his invoice.
        (
            "Goedemiddag,\n\nOnze nota F26-0088 voor de lekkage staat nog open.\n\nGroet,\n"
            "Wim van 't Hul",
            "factuur",
            "Wim van 't Hul <wim@example.nl>",
            "808",
        ),
        # An engineer names his client by every word of its name.
        (
            "Goedemiddag,\n\nNamens onze opdrachtgever, de gebroeders Mulderij van de "
            "houtzagerij, stuur ik u de constructieberekening van de nieuwe opslagloods.\n\n"
            "Met vriendelijke groet,\n\nir. H. Stevens\nIngenieursbureau Stevens",
            "omgevingsvergunning",
            "ir. H. Stevens <h.stevens@example.nl>",
            "810",
        ),
        # A restaurant under its trade name, signed by the owner its BV is named after.
        (
            "ANATOLIA GRILL\nAnkerpoortplein 6 - 1037 CE Amsterdam\n\nBetreft: aanvulling "
            "bezwaar last onder dwangsom\n\nHierbij het rapport van de geluidsmeting.\n\n"
            "Met vriendelijke groet,\n\nMehmet Demirtas\neigenaar",
            "bezwaar",
            None,
            "811",
        ),
        # He goes by his second given name, at the case's own address.
        (
            "Naam: Ilias El Amrani\nStraat en huisnummer: Dukdalfweg 41-1\nPostcode: 1038 DK\n"
            "Uw vraag:\nIk heb in januari een bewonersvergunning aangevraagd. Hoe staat het?",
            "parkeervergunning",
            None,
            "812",
        ),
        # Her first name and her surname's letter, at the case's own address.
        (
            "Dear Sir/Madam,\n\nAttached are the sale prices of three comparable apartments."
            "\n\nKind regards,\nPriya R.\nKolibrieplein 9-2\n1038 HB Amsterdam",
            "belastingen",
            "Priya R. <priya.lr@example.com>",
            "813",
        ),
        # A festival mails under its own name; the permit is its foundation's.
        (
            "Hoi,\n\nVoor Poortpop op 13 juni hierbij de geluidsberekening en het "
            "veiligheidsplan.\n\nGroet,\nJoëlle van Rooij\nproductie Poortpop",
            "evenementenvergunning",
            "Poortpop productie <productie@poortpop.example>",
            "814",
        ),
        # A neighbour's view on the permit next door belongs where it is decided on.
        (
            "Betreft: zienswijze dakkapel buren\n\nIn het gemeenteblad las ik dat mijn "
            "buurman op nummer 14 een dakkapel aan de voorkant wil plaatsen. Ik maak mij "
            "zorgen over de gemeenschappelijke dakgoot.\n\nHoogachtend,\n\nRia Nijsten\n"
            "Schachtstraat 16\n6292 BK Mergelrode",
            "omgevingsvergunning",
            None,
            "815",
        ),
        # The wife writes for the household; the objection is her husband's.
        (
            "E. Hendriks-Wouters\nHazelaarkade 5\n3438 HK Lekstede\n\nMijn man heeft "
            "bezwaar gemaakt tegen de WOZ-waarde. Hierbij het rapport van de taxateur.\n\n"
            "Met vriendelijke groet,\n\nEline Hendriks",
            "belastingen",
            None,
            "816",
        ),
        # Her surname only in the quoted reply's greeting, which her address spells.
        (
            "top dank je! hij brandt weer maar nu knippert ie de hele avond\n\n> Op 4 mrt. "
            "2026 heeft Gemeente <meldingen@example.nl> geschreven:\n>\n> Beste mevrouw Bos,"
            "\n>\n> Bedankt voor uw melding over de lantaarnpaal op de Mispelhof.\n",
            "melding_openbare_ruimte",
            "kim <kimmiebos@example.com>",
            "817",
        ),
        # A room of a shared house.
        (
            "Agnieszka Kowalska\nVeilingstraat 14 kamer 7\n2682 EL Honselveen\n\nDear Sir/"
            "Madam,\n\nI send you again the form for kwijtschelding, now signed.\n\nA. "
            "Kowalska",
            "belastingen",
            None,
            "818",
        ),
        # Her married name at her own address, about the dormer of her case.
        (
            "Goedemiddag,\n\nIn januari hebben wij de aanvraag gedaan voor de dakkapel. De "
            "aannemer vraagt of de vergunning er al is.\n\nVriendelijke groet,\nGreet "
            "Boersma\nWierdeweg 5\n9968 AC Eppenwier",
            "omgevingsvergunning",
            "Greet Boersma <greetboersma@example.nl>",
            "819",
        ),
        # Only her initial, at the postcode and number of her husband's case, about the
        # scootmobiel of hers; "ik zelf" and "voor mij" are no request of her own.
        (
            "Mevr. W. Dijkstra\nLeechlân 6\n9231 HN Hoenderveld\n\nGeachte heer, mevrouw,\n\n"
            "De man van de scootmobiel is geweest. Ik weet niet of ik zelf iets moet "
            "bijbetalen. Mijn dochter typt dit voor mij.\n\nHoogachtend,\nW. Dijkstra",
            "wmo",
            None,
            "802",
        ),
        # A nickname and the floor in brackets.
        (
            "Hallo!\n\nMag er bij ons straatfeest nog een klein podium komen?\n\nGroetjes,\n"
            "Lotte\nPedelstraat 33 (1-hoog)",
            "evenementenvergunning",
            "Lotte vd Berg <lottevdberg@example.nl>",
            "820",
        ),
        # The festival's name as the sender, its domain spelling it with a doubled letter.
        (
            "Hi there,\n\nKunnen we op zaterdag een kleine dj-stage aan de Loodskade kwijt, "
            "tot 23:00?\n\nThanks!\nJesse Kortland\nMuurfestival Zuidkade",
            "evenementenvergunning",
            "Muurfestival Zuidkade <info@muurfestival.nl>",
            "821",
        ),
        # A care home under its site's name, at the number of its case on the street its
        # subject names.
        (
            "Goedemorgen,\n\nDe takken bij het toegangspad hangen nog steeds over het pad. "
            "Wanneer wordt dat gesnoeid?\n\nMet vriendelijke groet,\nPetra Smit\nfacilitair "
            "medewerker, locatie De Linde\nLindehof 1",
            "melding_openbare_ruimte",
            None,
            "823",
        ),
        # His wife, in German, naming him by first name.
        (
            "Guten Tag,\n\nmein Mann Dieter hat im Januar die Genehmigung für unser "
            "Nachbarschaftsfest beantragt. Wir möchten das Fest auf den 6. Juni verschieben."
            "\n\nViele Grüße\nMonika Hölscher\nGrenslaan 70",
            "evenementenvergunning",
            "Monika Hölscher <monika.hoelscher@example.de>",
            "824",
        ),
        # The wife by her husband's name and house; "mijn eigen naam" asks nothing new.
        (
            "Goedemiddag,\n\nZoals u vroeg stuur ik de offerte voor de koelkast.\n\nIk ben Ama, "
            "de vrouw van Kwame Mensah, Zeilmakerstraat 57. De aanvraag staat op mijn eigen "
            "naam.\n\nDank u wel,\nAma",
            "bijstand",
            "Ama Mensah <ama.serwaa77@example.nl>",
            "826",
        ),
        # A view on the dormer next door, "naast de familie Peeters", with the postcode.
        (
            "Goedemiddag,\n\nIk woon op Schuttersgracht 16, direct naast de familie Peeters op "
            "nummer 18. Ik wil mijn zienswijze geven op hun aanvraag voor de dakkapel.\n\nMet "
            "vriendelijke groet,\n"
            "Gerda Lambregts\nSchuttersgracht 16\n5212 SG Hoenderveld",
            "omgevingsvergunning",
            None,
            "827",
        ),
        # A neighbour who has a closed permit of her own (the register knows her postcode)
        # asks to see the plans next door.
        (
            "Goedemiddag,\n\nWij wonen op Plasoever 29, naast de familie Schouten op nummer 31. We "
            "hebben er niks op tegen maar we willen wel graag de tekeningen van de aanbouw "
            "inzien.\n\nGroet,\nMarianne Dekker\nPlasoever 29",
            "omgevingsvergunning",
            "Fam. Dekker <fam.dekker.plasoever@example.nl>",
            "831",
        ),
        # A neighbour in favour of the felling next door.
        (
            "A.M. Terpstra\nJachtslotweg 11\n1271 JS  Lindenrade\n\nGeachte heer, mevrouw,\n\n"
            "Mijn buurvrouw, mevrouw Bosch van Drakestein van nummer 9, heeft vergunning "
            "gevraagd om de twee douglassparren in haar voortuin te kappen. Ik wil u laten "
            "weten dat ik daar van harte mee instem.\n\nHoogachtend,\n\nA.M. Terpstra",
            "omgevingsvergunning",
            None,
            "834",
        ),
        # "Freek" for Frederik, with his street and number.
        (
            "hallo\n\nonze hond boris is in januari overleden maar ik krijg toch een aanslag "
            "hondenbelasting. kan die eraf?\n\ngroet freek\nschuitenmakerstraat 8",
            "belastingen",
            "freek jansen <freekjansen8@example.com>",
            "833",
        ),
        # A firm known only by its mail domain, its trade written onto its name.
        (
            "Goedemorgen,\n\nOp 28 januari hebben wij een klacht ingediend over hoe uw "
            "handhaver onze chauffeur in de Marktstraat aansprak. Nog steeds geen reactie."
            "\n\nMet vriendelijke groet,\nPlanning / kantoor",
            "klacht",
            "planning@brinkhuistransport.nl",
            "828",
        ),
        # An adviser for a client whose name doubles letters ("Bollenexport").
        (
            "Geachte Woo-coördinator,\n\nNamens mijn cliënte, Coöperatie Bollenexport "
            "Bloemendijk, gevestigd aan de Veilingweg 14, wil ik haar verzoek om openbaarmaking "
            "over de huisvesting van arbeidsmigranten preciseren.\n\nMet vriendelijke groet,"
            "\n\nmr. L.M. Kroon\nKroon Bestuursrecht Advies",
            "woo_verzoek",
            "lm.kroon@kroonbestuursrecht.nl",
            "829",
        ),
        # An architect for a client it names by trade name, with the site of the case.
        (
            "Goedemorgen,\n\nNamens onze opdrachtgever Twentevelo (Industrieweg 18) stuur ik "
            "u de gewijzigde gevelaanzichten van de uitbreiding van de productiehal.\n\nMet "
            "vriendelijke groet,\n\nMarieke Stokkers\nStokkers Architecten",
            "omgevingsvergunning",
            "m.stokkers@stokkers-architecten.nl",
            "822",
        ),
    ],
)
def test_household_spelling_and_form_find_the_case(
    lookup: DbCaseLookup, text: str, case_type: str, sender: str | None, expected: str
) -> None:
    assert decided(lookup, text, case_type, sender) == expected


@pytest.mark.parametrize(
    ("text", "case_type", "sender"),
    [
        # At the house of an open Wmo case, another first name asks: not hers.
        (
            "Goedemorgen,\n\nIk wacht nog op bericht over mijn aanvraag voor een rolstoel."
            "\n\nGroeten,\nAnke Dijkstra\nLeechlân 6",
            "wmo",
            "Anke Dijkstra <anke.dijkstra@example.nl>",
        ),
        # The neighbour wants a dormer too: a request of her own.
        (
            "hallo, wij willen ook een dakkapel net als de buren op nummer 14, die zijn daar "
            "al mee bezig. Graag op de hoogte houden.\n\nRia Nijsten\nSchachtstraat 16\n"
            "6292 BK Mergelrode",
            "omgevingsvergunning",
            None,
        ),
        # The name one letter off at another address: another family.
        (
            "Naam: D. Dijkhuisen\nAdres: Kerkweg 9, 3861 AB\n\nIk vraag kwijtschelding aan.",
            "belastingen",
            None,
        ),
        # At another number of that street: a resident's report of their own.
        (
            "Goedemorgen,\n\nDe takken hangen nog steeds over het pad. Wanneer wordt dat "
            "gesnoeid?\n\nMet vriendelijke groet,\nPetra Smit\nLindehof 9",
            "melding_openbare_ruimte",
            None,
        ),
        # Another organisation of the town, whose name ends in the town's too.
        (
            "Beste mevrouw,\n\nZoals gevraagd een aangepaste begroting voor ons "
            "educatieprogramma. De gevraagde bijdrage blijft EUR 7.500.\n\nHartelijke groet,"
            "\nNoor Verbeek\ncoördinator educatie",
            "subsidie",
            "Zeehondencentrum Kwelderhaven <educatie@zeehondencentrum-kwelderhaven.nl>",
        ),
        # The same architect for a client next door: another site.
        (
            "Goedemorgen,\n\nNamens onze opdrachtgever Textielweverij Ten Cate (Industrieweg "
            "20) stuur ik u de tekeningen van de uitbreiding van de productiehal.\n\nMet "
            "vriendelijke groet,\n\nMarieke Stokkers\nStokkers Architecten",
            "omgevingsvergunning",
            "m.stokkers@stokkers-architecten.nl",
        ),
        # Another initial at that house.
        (
            "Mevr. A. Dijkstra\nLeechlân 6\n9231 HN Hoenderveld\n\nHoe staat het met de "
            "scootmobiel?\n\nA. Dijkstra",
            "wmo",
            None,
        ),
        # At that house, the husband asks for himself.
        (
            "Mijn vrouw heeft al een scootmobiel aangevraagd. Nu ben ik zelf ook aan de beurt "
            "voor een scootmobiel.\n\nJ. Dijkstra\nLeechlân 6\n9231 HN Hoenderveld",
            "wmo",
            None,
        ),
    ],
)
def test_another_of_the_house_or_another_address_stays_new(
    lookup: DbCaseLookup, text: str, case_type: str, sender: str | None
) -> None:
    assert decided(lookup, text, case_type, sender) == "new"


def test_a_quoted_reply_greeting_the_writer_is_their_case(lookup: DbCaseLookup) -> None:
    # A son-in-law answers the municipality's mail to him about his father-in-law's case.
    text = (
        "Beste mevrouw Pluijmen,\n\nMijn schoonvader kan op maandag thuis zijn.\n\nGroet,\n"
        "Rob Senden\n\nOn Wed, 25 Feb 2026 at 14:02, Wmo-loket <wmo@example.nl> wrote:\n"
        "> Geachte heer Senden,\n>\n> Betreft: ZAAK-2026-0000000809, rolstoel W.P. Moonen\n"
        ">\n> Kunt u een datum voorstellen?\n"
    )
    assert decided(lookup, text, "wmo", "Rob Senden <robsenden@example.com>") == "809"
    # Greeting someone else, the quote is another person's.
    other = text.replace("Geachte heer Senden", "Geachte heer Moonen")
    assert decided(lookup, other, "wmo", "Rob Senden <robsenden@example.com>") != "809"


def test_first_names_people_go_by() -> None:
    assert first_names_agree("Everdina Bouwman", "Dineke Bouwman")
    assert first_names_agree("Willemina Jansje Hendriksen", "Mineke Hendriksen")
    assert goes_by("Hiltje Geertruida de Vries", "Hiltsje")
    assert goes_by("Pieter Bos", "Pietje")
    assert goes_by("Frederik Hendrik Jansen", "Freek")
    assert goes_by("Catharina Elisabeth Smits", "Karin")
    assert goes_by("Thomas Edward Whitfield", "Tom")
    assert goes_by("Giuseppe Antonio Russo", "Peppino")
    assert goes_by("Rachid El Amrani", "Rashid")
    assert goes_by("Jacob Hendrik Vlastuin", "Koos")
    assert goes_by("Albertje Bakker", "Alie")
    assert goes_by("Maria Antonia van Dongen-Maas", "Toos")
    assert goes_by("Pieternella Adriana Geluk-Sinke", "Nel")
    assert goes_by("Jozef Leonardus Houben", "Jos")
    assert goes_by("Oliver James Whitfield", "Olly")
    assert not first_names_agree("Willem Bos", "Mineke Bos")
    assert not first_names_agree("Cornelis Bos", "Lieke Bos")
    assert misspelled_name("Dirk Dijkhuizen", ["D. Dijkhuisen"])
    assert not misspelled_name("Dirk Dijkhuizen", ["P. Dijkhuisen"])
    assert not misspelled_name("Dirk Bosch", ["D. Busch"])  # five letters: too short to tell


def test_a_subjects_houses_and_names() -> None:
    # A range of numbers is a house; a date is none; an event is named by its words.
    assert subject_houses("Gevelrenovatie Suikerrietstraat 60-120") == [
        ("Suikerrietstraat", "60-120")
    ]
    assert subject_houses("Poortpop 13 juni 2026") == []
    assert subject_names("Poortpop 13 juni 2026") == {"portpop"}
    assert subject_names("Subsidie jeugdzeilen 2026") == frozenset()


def test_an_invoice_in_the_subject_is_the_mails_own(lookup: DbCaseLookup) -> None:
    # A new invoice in the subject; the one the body names in passing is paid.
    text = "In de bijlage factuur F26-0099. Factuur F26-0088 is al voldaan, dank.\n\nWim"
    assert decided(lookup, text, "factuur", "wim@example.nl", "Factuur F26-0099") == "new"
    reminder = "Onze nota F26-0088 staat nog open.\n\nWim"
    assert decided(lookup, reminder, "factuur", "wim@example.nl", "Herinnering") == "808"
