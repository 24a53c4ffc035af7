"""Dutch texts for test scans: letters to a municipality, an invoice, a neighbourhood newsletter.

Written for mailroom's tests and benchmarks; names, addresses, amounts and dates
are drawn from a seeded random generator, so a seed gives the same text again.
The names carry the diacritics real post has (Çelik, Müller, Noëlle).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from mailroom.core.dates import MONTHS

PEOPLE = (
    "Emre Çelik",
    "Jürgen Müller",
    "Noëlle van den Berg",
    "Daniël Hoekstra",
    "Chloë de Wit",
    "René Dekker",
    "Ingrid Schröder",
    "François Dubois",
    "Inês Ferreira",
    "Fatima El Amrani",
    "Kees Jansen-Bakker",
    "Zoë Verhoeven",
    "Piotr Wiśniewski",
    "Anneke de Groot",
    "Mohamed Bouzid",
    "Henriëtte Smit",
)
STREETS = (
    "Kerkstraat",
    "Burgemeester de Withstraat",
    "Van 't Hoffstraat",
    "Oude Gracht",
    "Laan van Meerdervoort",
    "Hoofdweg",
    "Scheldekade",
    "Molenweg",
    "Prinses Irenestraat",
    "Beukenhof",
    "Dorpsstraat",
    "Lindelaan",
)
TOWNS = (
    "Zwolle",
    "'s-Hertogenbosch",
    "Heerenveen",
    "Goes",
    "Venlo",
    "Amersfoort",
    "Leeuwarden",
    "Delft",
    "Zaltbommel",
    "Doetinchem",
)

#: (subject, paragraphs); placeholders are filled per letter.
LETTER_BODIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Bezwaar tegen de WOZ-beschikking {year}",
        (
            "Hierbij maak ik bezwaar tegen de WOZ-beschikking {year} voor mijn woning aan de "
            "{street} {house} te {town}. De vastgestelde waarde van {amount_big} is naar mijn "
            "mening veel te hoog.",
            "Vergelijkbare woningen in onze straat zijn het afgelopen jaar verkocht voor "
            "ongeveer {amount_big2}. Bovendien heeft mijn woning nog de oorspronkelijke keuken "
            "en badkamer uit 1978 en lekt het dak aan de achterzijde.",
            "Ik verzoek u de waarde opnieuw vast te stellen en mij de taxatiegegevens toe te "
            "sturen. Het aanslagnummer is {ref}.",
        ),
    ),
    (
        "Melding losliggende stoeptegels",
        (
            "Op het trottoir voor de {street} {house} liggen al sinds {date_short} een stuk of "
            "tien stoeptegels los. Vorige week is mijn buurvrouw, die slecht ter been is, er "
            "bijna over gevallen.",
            "Ook de kinderen die naar de basisschool op de hoek lopen struikelen er regelmatig. "
            "Bij regen staat er bovendien een grote plas water.",
            "Wilt u de tegels zo snel mogelijk laten herstellen? U kunt mij bereiken op "
            "telefoonnummer {phone}.",
        ),
    ),
    (
        "Aanvraag bewonersvergunning parkeren",
        (
            "Per {date_short} woon ik op het adres {street} {house} in {town}. Graag vraag ik "
            "een bewonersvergunning aan voor mijn auto met kenteken {plate}.",
            "Op mijn adres staan verder geen auto's ingeschreven. Een kopie van het "
            "kentekenbewijs en van mijn huurcontract stuur ik mee als bijlage.",
            "Het bedrag van {amount_small} per jaar mag u afschrijven van rekening {iban} ten "
            "name van {name}.",
        ),
    ),
    (
        "Aanvraag bijzondere bijstand",
        (
            "Mijn wasmachine is op {date_short} kapotgegaan en kan volgens de monteur niet meer "
            "worden gerepareerd. Een nieuwe machine kost {amount_mid} en dat bedrag kan ik niet "
            "zelf betalen.",
            "Ik heb een uitkering en drie kinderen van 4, 9 en 12 jaar. Zonder wasmachine moet "
            "ik elke week naar de wasserette, wat ook veel geld kost.",
            "Ik vraag u daarom om bijzondere bijstand. De offerte van de winkel en mijn "
            "bankafschriften van de laatste drie maanden zitten bij deze brief.",
        ),
    ),
    (
        "Klacht over geluidsoverlast",
        (
            "Sinds de opening van het café op de hoek van de {street} hebben wij bijna elk "
            "weekend last van harde muziek tot na drie uur 's nachts.",
            "Wij hebben de eigenaar er al twee keer op aangesproken, maar er is niets "
            "veranderd. Op {date_short} heeft de politie de muziek laten zachter zetten.",
            "Wij vragen de gemeente te controleren of het café zich aan de vergunning houdt. "
            "Ook onze buren op nummer {house2} en {house3} steunen deze klacht.",
        ),
    ),
    (
        "Verzoek om kwijtschelding gemeentelijke belastingen",
        (
            "Op {date_short} ontving ik de aanslag gemeentelijke belastingen {year} met "
            "nummer {ref}. Het totale bedrag is {amount_mid}.",
            "Mijn inkomen bestaat alleen uit een AOW-uitkering van {amount_mid2} per maand en "
            "ik heb geen spaargeld. Ik kan de aanslag daarom niet betalen.",
            "Ik verzoek u vriendelijk om kwijtschelding. Het ingevulde formulier en een "
            "overzicht van mijn vaste lasten stuur ik mee.",
        ),
    ),
    (
        "Aanvraag evenementenvergunning straatfeest",
        (
            "Namens de bewoners van de {street} vraag ik een vergunning aan voor een "
            "straatfeest op zaterdag {date_long}, van 14.00 tot 23.00 uur.",
            "Wij willen de straat tussen nummer 1 en {house} afsluiten. Er komen een "
            "springkussen, een kleine muziekinstallatie en een barbecue; wij verwachten "
            "ongeveer 120 bezoekers.",
            "Een situatietekening en de lijst met handtekeningen van de buren zitten in de "
            "bijlage. Contactpersoon is {name}, telefoon {phone}.",
        ),
    ),
    (
        "Bezwaar tegen naheffingsaanslag parkeren",
        (
            "Op {date_short} kreeg ik een naheffingsaanslag parkeerbelasting van "
            "{amount_small} met kenmerk {ref}, voor het parkeren aan de {street}.",
            "Ik had op dat moment wel betaald via de parkeerapp, van 10.12 tot 12.00 uur. De "
            "aanslag werd om 11.47 uur opgelegd. Een schermafdruk van de betaling stuur ik mee.",
            "Ik verzoek u de naheffingsaanslag in te trekken en de kosten terug te storten op "
            "rekening {iban}.",
        ),
    ),
    (
        "Aanvraag omgevingsvergunning dakkapel",
        (
            "Wij zijn van plan een dakkapel te plaatsen aan de achterzijde van onze woning aan "
            "de {street} {house} in {town}. De dakkapel wordt 3,40 meter breed en 1,60 meter "
            "hoog.",
            "De bouwtekeningen, een foto van de huidige situatie en de constructieberekening "
            "sturen wij als bijlage mee. De geschatte bouwkosten zijn {amount_mid}.",
            "Wij horen graag of er nog andere stukken nodig zijn. Ons dossiernummer bij de "
            "aannemer is {ref}.",
        ),
    ),
    (
        "Hulp bij het huishouden voor mijn moeder",
        (
            "Mijn moeder, mevrouw {name2}, is {age} jaar en woont zelfstandig aan de {street} "
            "{house}. Sinds haar heupoperatie in {month} kan zij het huishouden niet meer "
            "zelf doen.",
            "Zij heeft hulp nodig bij het schoonmaken, de was en de boodschappen. Ik woon zelf "
            "in Groningen en kan maar eens in de twee weken komen.",
            "Graag vraag ik namens haar een maatwerkvoorziening aan op grond van de Wmo. U "
            "kunt voor een afspraak contact opnemen met mij op {phone}.",
        ),
    ),
    (
        "Vervolg op zaak {case}",
        (
            "Naar aanleiding van uw brief van {date_short} over zaak {case} stuur ik u hierbij "
            "de ontbrekende stukken toe.",
            "Het gaat om de jaaropgave {year_before} van mijn werkgever en het uittreksel van "
            "de Kamer van Koophandel met nummer {kvk}.",
            "Ik ga ervan uit dat u mijn aanvraag nu verder kunt behandelen. Mocht er nog iets "
            "ontbreken, dan hoor ik dat graag.",
        ),
    ),
)

ORGANISATIONS = (
    ("Woningstichting De Vaart", "Havenplein", "huurders"),
    ("Groenvoorziening De Linde B.V.", "Industrieweg", "groen"),
    ("Advocatenkantoor Van Dijk & Özdemir", "Stationsweg", "recht"),
    ("Stichting Buurtzorg Oost", "Zorgpad", "zorg"),
    ("Bouwbedrijf Gebr. Hendriks", "Ambachtsweg", "bouw"),
)
ORGANISATION_BODIES = (
    "Namens onze cliënt, de heer {name}, wonende aan de {street} {house} te {town}, "
    "tekenen wij bezwaar aan tegen uw besluit van {date_short} met kenmerk {ref}.",
    "Uit het dossier blijkt dat de aanvraag te laat in behandeling is genomen. De wettelijke "
    "termijn van acht weken is ruimschoots overschreden, zodat de gevraagde vergoeding van "
    "{amount_mid} alsnog moet worden toegekend.",
    "Wij verzoeken u het bezwaar gegrond te verklaren en ons binnen zes weken een nieuw "
    "besluit te sturen. Een machtiging van onze cliënt treft u als bijlage aan.",
)

INVOICE_ITEMS = (
    ("Snoeien bomen {street}", "uur"),
    ("Afvoer groenafval", "m3"),
    ("Vervangen stoeptegels 30x30", "m2"),
    ("Herstel speeltoestel Beukenhof", "stuk"),
    ("Uurtarief hovenier", "uur"),
    ("Huur hoogwerker", "dag"),
    ("Levering beplanting vak {house}", "stuk"),
    ("Voorrijkosten", "keer"),
)

NEWS_ARTICLES = (
    (
        "Nieuwe speeltuin in het park",
        "Na een jaar van plannen maken is het zover: op {date_long} opent de nieuwe speeltuin "
        "aan de {street}. Kinderen uit de buurt hebben zelf meegedacht over de toestellen. Er "
        "komen een klimrek, twee schommels en een zandbak met een waterpomp.",
    ),
    (
        "Afval scheiden",
        "Vanaf {month} wordt het plastic afval om de twee weken opgehaald in plaats van elke "
        "week. Het restafval gaat naar de ondergrondse container bij de supermarkt. Vragen? "
        "Bel het afvalloket op {phone}.",
    ),
    (
        "Buurtpreventie zoekt vrijwilligers",
        "Het buurtpreventieteam loopt twee avonden per week een ronde door de wijk. Wij zoeken "
        "nog vier vrijwilligers. Aanmelden kan bij {name}, {street} {house}.",
    ),
    (
        "Koffieochtend in het buurthuis",
        "Elke dinsdag van 10.00 tot 12.00 uur is er koffie met appeltaart in het buurthuis. "
        "De bijdrage is {amount_tiny} per persoon. Nieuwe bewoners zijn van harte welkom.",
    ),
    (
        "Werkzaamheden aan de riolering",
        "Van {date_short} tot eind {month} vervangt de gemeente de riolering in de {street}. "
        "De straat is dan afgesloten voor autoverkeer. Bewoners krijgen een brief met de "
        "precieze planning.",
    ),
    (
        "Agenda",
        "Zaterdag {date_short}: rommelmarkt op het plein. Woensdag: spreekuur van de "
        "wijkagent, 19.00 uur. Vrijdag: kinderdisco in het buurthuis, entree gratis.",
    ),
)


@dataclass(frozen=True)
class Letter:
    """A letter's parts in the order they are printed."""

    sender: tuple[str, ...]
    recipient: tuple[str, ...]
    place_date: str
    reference: str | None
    subject: str
    salutation: str
    paragraphs: tuple[str, ...]
    closing: str
    signer: str


@dataclass(frozen=True)
class Organisation:
    """A sender with a letterhead."""

    name: str
    address: str
    contact: str  # telephone, email
    registration: str  # KvK, IBAN


@dataclass(frozen=True)
class Invoice:
    """An invoice: a company bills the municipality in a ruled table."""

    company: Organisation
    customer: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]  # (label, value): number, date, due date
    header: tuple[str, str, str, str]
    rows: tuple[tuple[str, str, str, str], ...]
    totals: tuple[tuple[str, str], ...]
    note: str


@dataclass(frozen=True)
class Newsletter:
    """A neighbourhood newsletter in two columns."""

    title: str
    issue: str
    articles: tuple[tuple[str, str], ...]  # (heading, text)


def euro(amount: float) -> str:
    """Dutch notation: € 1.245,50."""
    whole, cents = f"{amount:,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


def date_nl(rng: random.Random, year: int = 2026) -> str:
    """A date such as ``12 maart 2026``."""
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"


def _facts(rng: random.Random) -> dict[str, str]:
    """Values for the placeholders of one text."""
    return {
        "name": rng.choice(PEOPLE),
        "name2": rng.choice(PEOPLE),
        "street": rng.choice(STREETS),
        "house": str(rng.randint(2, 180)),
        "house2": str(rng.randint(2, 90)),
        "house3": str(rng.randint(91, 180)),
        "town": rng.choice(TOWNS),
        "year": "2026",
        "year_before": "2025",
        "month": rng.choice(MONTHS),
        "date_short": date_nl(rng),
        "date_long": date_nl(rng),
        "amount_big": euro(rng.randint(240, 690) * 1000),
        "amount_big2": euro(rng.randint(180, 480) * 1000),
        "amount_mid": euro(rng.randint(350, 4800) + rng.choice((0, 0.5, 0.95, 0.25))),
        "amount_mid2": euro(rng.randint(900, 1500) + rng.randint(0, 99) / 100),
        "amount_small": euro(rng.randint(30, 190) + rng.choice((0, 0.5, 0.4))),
        "amount_tiny": euro(rng.choice((1, 1.5, 2, 2.5))),
        "ref": f"{rng.randint(2024, 2026)}/{rng.randint(10000, 99999)}",
        "case": f"ZAAK-2026-{rng.randint(1, 9999):010d}",
        "kvk": f"{rng.randint(10000000, 99999999)}",
        "plate": f"{rng.choice('GHJKLNRSTXZ')}-{rng.randint(100, 999)}-"
        f"{rng.choice('BDFGHJKLNPRSTXZ')}{rng.choice('BDFGHJKLNPRSTXZ')}",
        "phone": f"06-{rng.randint(10000000, 99999999)}",
        "iban": f"NL{rng.randint(10, 99)} {rng.choice(('INGB', 'RABO', 'ABNA', 'SNSB'))} "
        f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(10, 99)}",
        "age": str(rng.randint(74, 93)),
    }


def _municipality(town: str, rng: random.Random) -> tuple[str, ...]:
    return (
        f"Gemeente {town}",
        rng.choice(("Afdeling Publiekszaken", "Team Vergunningen", "Postbus zaken")),
        f"Postbus {rng.randint(10, 9999)}",
        f"{rng.randint(1000, 9999)} {rng.choice(('AA', 'GA', 'HV', 'PB'))} {town.upper()}",
    )


def letter(rng: random.Random) -> Letter:
    """A resident's letter to the municipality."""
    f = _facts(rng)
    subject, paragraphs = rng.choice(LETTER_BODIES)
    postcode = (
        f"{rng.randint(1000, 9999)} {rng.choice('ABCDEHKLMNPRST')}{rng.choice('ABEGHKLNRSTX')}"
    )
    return Letter(
        sender=(f["name"], f"{f['street']} {f['house']}", f"{postcode} {f['town']}"),
        recipient=_municipality(f["town"], rng),
        place_date=f"{f['town']}, {date_nl(rng)}",
        reference=rng.choice((None, f"Uw kenmerk: {f['ref']}")),
        subject=f"Betreft: {subject.format(**f)}",
        salutation=rng.choice(("Geachte heer, mevrouw,", "Geacht college,", "Beste medewerker,")),
        paragraphs=tuple(p.format(**f) for p in paragraphs),
        closing=rng.choice(
            ("Met vriendelijke groet,", "Hoogachtend,", "Met vriendelijke groeten,")
        ),
        signer=f["name"],
    )


def organisation(rng: random.Random) -> Organisation:
    """A company or foundation with its letterhead lines."""
    name, street, domain = rng.choice(ORGANISATIONS)
    town = rng.choice(TOWNS)
    return Organisation(
        name=name,
        address=f"{street} {rng.randint(1, 80)}  |  {rng.randint(1000, 9999)} "
        f"{rng.choice(('BK', 'EA', 'RT', 'ZX'))}  {town}",
        contact=f"Telefoon 0{rng.randint(10, 79)}-{rng.randint(1000000, 9999999)}  |  "
        f"info@{domain}-{town.lower().replace(' ', '').replace(chr(39), '')}.nl",
        registration=f"KvK {rng.randint(10000000, 99999999)}  |  IBAN NL{rng.randint(10, 99)} "
        f"RABO 0{rng.randint(100, 999)} {rng.randint(1000, 9999)} {rng.randint(10, 99)}",
    )


def organisation_letter(rng: random.Random, org: Organisation) -> Letter:
    """A letter from an organisation (printed under its letterhead)."""
    f = _facts(rng)
    return Letter(
        sender=(),
        recipient=_municipality(f["town"], rng),
        place_date=f"{f['town']}, {date_nl(rng)}",
        reference=f"Ons kenmerk: {rng.choice('ABCDKLMR')}{rng.randint(100, 999)}/{f['ref']}",
        subject=f"Betreft: bezwaar namens {f['name']}",
        salutation="Geacht college,",
        paragraphs=tuple(p.format(**f) for p in ORGANISATION_BODIES),
        closing="Hoogachtend,",
        signer=f"mr. {rng.choice(PEOPLE)}",
    )


def invoice(rng: random.Random) -> Invoice:
    """An invoice with 4-7 lines, 21% VAT and payment terms."""
    f = _facts(rng)
    org = organisation(rng)
    rows = []
    subtotal = 0.0
    for description, unit in rng.sample(INVOICE_ITEMS, rng.randint(4, 7)):
        qty = rng.randint(1, 24)
        price = rng.randint(8, 140) + rng.choice((0, 0.5, 0.25, 0.95))
        subtotal += qty * price
        rows.append((description.format(**f), f"{qty} {unit}", euro(price), euro(qty * price)))
    vat = round(subtotal * 0.21, 2)
    number = f"F{rng.randint(2026000, 2026999)}"
    return Invoice(
        company=org,
        customer=_municipality(f["town"], rng),
        facts=(
            ("Factuurnummer", number),
            ("Factuurdatum", date_nl(rng)),
            ("Uw referentie", f["case"]),
        ),
        header=("Omschrijving", "Aantal", "Prijs", "Bedrag"),
        rows=tuple(rows),
        totals=(
            ("Subtotaal", euro(subtotal)),
            ("BTW 21%", euro(vat)),
            ("Totaal", euro(subtotal + vat)),
        ),
        note=f"Wij verzoeken u het totaalbedrag binnen 30 dagen over te maken onder "
        f"vermelding van {number}.",
    )


def newsletter(rng: random.Random) -> Newsletter:
    """A neighbourhood newsletter with five or six short articles."""
    f = _facts(rng)
    articles = rng.sample(NEWS_ARTICLES, rng.randint(5, 6))
    quarter = rng.choice(("Oosterpark", "De Hoven", "Bloemenbuurt", "Schildersbuurt"))
    return Newsletter(
        title=f"Wijkkrant {quarter}",
        issue=f"Jaargang {rng.randint(3, 31)}, nummer {rng.randint(1, 6)}  -  {date_nl(rng)}",
        articles=tuple((h, t.format(**f)) for h, t in articles),
    )
