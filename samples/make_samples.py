"""Regenerate the demo's sample post: four scanned letters and one email.

The scans are rendered with :mod:`mailroom.testing.scans` (image-only, no text
layer, one of them upside down and one slightly skewed), so the demo really
runs them through OCR. Run from the repository root:

    .venv/bin/python samples/make_samples.py
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from mailroom.testing.scans import Degradation, render_page, save_pdf

HERE = Path(__file__).parent / "post"

LANTAARNPAAL = """J. Bakker
Kerkstraat 17
8011 RK Zwolle

Aan het college van burgemeester en wethouders
van de gemeente Zwolle
Postbus 10007
8000 GA Zwolle

Zwolle, 9 november 2026

Betreft: lantaarnpaal kapot bij Kerkstraat 17

Geachte heer, mevrouw,

Sinds ruim een week brandt de lantaarnpaal voor ons huis niet meer. De paal
staat op de hoek van de Kerkstraat en het Bagijnesteegje en heeft nummer
ZW-0412. Het is 's avonds aardedonker op de stoep en mijn buurvrouw is vorige
week bijna gevallen over de losliggende tegels die daar ook nog liggen.

Wilt u de straatverlichting laten repareren en meteen naar de stoeptegels
kijken? Ik ben overdag bereikbaar op 06-12345678.

Met vriendelijke groet,

J. Bakker"""

PARKEREN = """Fam. Yilmaz
Lange Nieuwstraat 88-A
3512 PN Utrecht

Gemeente Utrecht
Afdeling Parkeren
Postbus 16200
3500 CE Utrecht

Utrecht, 4 november 2026

Onderwerp: wijziging kenteken bewonersvergunning

Geachte medewerker,

Wij hebben een bewonersvergunning voor de zone Binnenstad voor onze auto met
kenteken 12-ABC-3. Deze auto hebben wij vorige maand verkocht. Onze nieuwe auto
heeft kenteken R-456-TK. Wij verzoeken u de vergunning op het nieuwe kenteken
te zetten. Een kopie van het kentekenbewijs deel 1A sturen wij mee.

Kunt u ook laten weten of wij voor de overgangsperiode een tijdelijke
bezoekersregeling kunnen krijgen?

Met vriendelijke groet,

A. Yilmaz"""

FACTUUR = """Groenwerk Oost B.V.
Industrieweg 12, 7418 CK Deventer
KvK 51234567  -  BTW NL851234567B01
IBAN NL91 ABNA 0417 1643 00

Gemeente Deventer
t.a.v. crediteurenadministratie
Postbus 5000
7400 GC Deventer

FACTUUR

Factuurnummer:  GO-2026-1187
Factuurdatum:   31 oktober 2026
Vervaldatum:    30 november 2026
Uw referentie:  inkoopnummer 4500123987

Omschrijving                            Aantal   Prijs      Bedrag
Snoeien laanbomen Brinkgreverweg          32    45,00    1.440,00
Afvoeren snoeihout (ton)                   3    85,00      255,00
Inzet hoogwerker (uur)                     6    95,00      570,00

Subtotaal                                                 2.265,00
BTW 21%                                                     475,65
Totaal te betalen                                         2.740,65

Wij verzoeken u het bedrag voor de vervaldatum over te maken onder
vermelding van het factuurnummer."""

BEZWAAR = """M. el Amrani
Vondellaan 31
2332 AA Leiden

Gemeente Leiden
t.a.v. de bezwaarschriftencommissie
Postbus 9100
2300 PC Leiden

Leiden, 23 november 2026

Betreft: bezwaar tegen besluit bijzondere bijstand

Geachte heer, mevrouw,

Hierbij maak ik bezwaar tegen uw besluit van 12 november 2026, kenmerk
BB-2026-3381, waarin u mijn aanvraag voor bijzondere bijstand voor een nieuwe
wasmachine afwijst. U schrijft dat ik de kosten had kunnen reserveren, maar
mijn inkomen ligt al maanden op het sociaal minimum en mijn oude machine is
onverwacht kapotgegaan.

Ik verzoek u het besluit te herroepen. Graag licht ik mijn bezwaar toe op een
hoorzitting.

Met vriendelijke groet,

M. el Amrani"""

EMAIL_BODY = """Beste mensen van de gemeente,

Wij willen op zaterdag 13 juni 2027 met de buurt een straatfeest houden in de
Merelstraat in Heerenveen, van 14.00 tot 23.00 uur. We willen de straat tussen
nummer 1 en 40 afsluiten voor auto's, er komt een springkussen voor de kinderen,
een barbecue en 's avonds een klein bandje met versterkte muziek tot 22.30 uur.
We verwachten ongeveer 120 bezoekers, allemaal buurtbewoners.

Moeten we hiervoor een evenementenvergunning aanvragen of is een melding genoeg?
En hebben we een ontheffing nodig voor de muziek? Ik hoor graag wat we moeten
invullen en hoe lang dat duurt.

Groetjes,
Sanne de Jong
Merelstraat 22
8442 BK Heerenveen
06-87654321"""


def main() -> None:
    """Write the sample files next to this script."""
    save_pdf(
        [render_page(LANTAARNPAAL, 300, Degradation(skew=1.5))],
        HERE / "scan-lantaarnpaal.pdf",
    )
    render_page(PARKEREN, 300, Degradation(rotate=2, blur=0.6)).save(
        HERE / "scan-parkeervergunning.png", dpi=(300, 300), optimize=True
    )
    save_pdf([render_page(FACTUUR, 300, Degradation(jpeg_quality=60))], HERE / "scan-factuur.pdf")
    save_pdf([render_page(BEZWAAR, 300, Degradation(skew=-0.8))], HERE / "scan-bezwaar.pdf")
    msg = EmailMessage()
    msg["From"] = "Sanne de Jong <sanne.dejong@example.nl>"
    msg["To"] = "info@gemeente.example.nl"
    msg["Subject"] = "straatfeest merelstraat 13 juni"
    msg["Date"] = format_datetime(datetime(2026, 11, 10, 9, 41, tzinfo=UTC))
    msg["Message-ID"] = "<straatfeest-merelstraat@example.nl>"
    msg.set_content(EMAIL_BODY)
    (HERE / "email-straatfeest.eml").write_bytes(bytes(msg))


if __name__ == "__main__":
    main()
