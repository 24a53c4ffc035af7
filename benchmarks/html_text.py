"""HTML-to-text benchmark: how well each converter keeps the text of Dutch HTML mail.

Run: .venv/bin/python benchmarks/html_text.py [--repeat 200] [--show NAME]

html2text is not a mailroom dependency (it lost, and it is GPL-3.0); for its rows
install it first: .venv/bin/pip install html2text.

Compares the hand-written HTMLParser extractor mailroom used before, inscriptis and
html2text (and whatever ``mailroom.intake.email.html_to_text`` is now) on the HTML
mail bodies in the fixtures and on bodies written here the way Dutch mail clients
write them: Outlook (Word HTML, ``MsoNormal``, ``<o:p>``, conditional comments, a
signature in nested tables, a "Van:/Verzonden:" reply header), Gmail and Thunderbird
replies (``blockquote``), Apple Mail from an iPhone, a municipal web form (a table),
an objection with lists, entities and links, and a company's invoice mail (layout
tables, a hidden preheader), and one with a mail gateway's disclaimer after ``</html>``.

Per converter it prints, over all bodies:

- word recall: share of the words a reader sees that come out (as a multiset);
- word precision: share of the words that come out that a reader sees (alt texts,
  URLs, hidden text and markup lower it);
- line recall: share of the lines a reader sees that come out as a line of their
  own (table rows as "label value"; leading ">", bullets and numbers ignored);
- hidden: pieces of text a reader does not see (CSS, Word XML, a hidden preheader,
  the title) that come out;
- noise: markup left in the text (``**``, ``[..](..)``, ``#`` headings, ``|---|``,
  backslash escapes, entities, invisible characters);
- quotes: bodies with a quoted reply where ``mailroom.cases.message.layout`` puts the
  writer's words in the body and the quoted message in the quote, as matching needs;
- speed: microseconds per body (median of the repeats), a 390 KB body, and a body of
  100,000 nested ``<div>`` (a hostile one).

Every library's output is tidied the same way (spaces collapsed per line, at most one
blank line), as html_to_text does.
"""

# The sample mail bodies are HTML as mail clients write it: long lines.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path

import inscriptis
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.model.config import ParserConfig

from mailroom.cases.message import layout
from mailroom.intake.email import html_to_text

try:
    import html2text
except ImportError:  # only needed for its rows
    html2text = None

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@dataclass(frozen=True)
class Sample:
    """One HTML body and what a reader sees in it."""

    name: str
    html: str
    #: The lines a reader sees, in order (table rows as "label value").
    lines: tuple[str, ...]
    #: Text in the HTML that a reader does not see.
    hidden: tuple[str, ...] = ()
    #: Phrases of the writer's own words and of the quoted message, for the layout check.
    own: tuple[str, ...] = ()
    quoted: tuple[str, ...] = ()
    words: Counter[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", Counter(tokens("\n".join(self.lines))))


OUTLOOK = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15 (filtered medium)">
<!--[if !mso]><style>v\\:* {behavior:url(#default#VML);}
o\\:* {behavior:url(#default#VML);}
</style><![endif]--><style><!--
/* Font Definitions */
@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face {font-family:Calibri; panose-1:2 15 5 2 2 2 4 3 2 4;}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif; mso-fareast-language:EN-US;}
a:link, span.MsoHyperlink {mso-style-priority:99; color:#0563C1; text-decoration:underline;}
span.E-mailStijl18 {mso-style-type:personal-reply; font-family:"Calibri",sans-serif; color:windowtext;}
@page WordSection1 {size:612.0pt 792.0pt; margin:70.85pt 70.85pt 70.85pt 70.85pt;}
div.WordSection1 {page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang=NL link="#0563C1" vlink="#954F72" style='word-wrap:break-word'>
<div class=WordSection1>
<p class=MsoNormal>Beste heer Jansen,<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Dank voor uw reactie. Zoals gevraagd stuur ik hierbij de ontbrekende gegevens
voor de aanvraag van de omgevingsvergunning voor de dakkapel aan de Beukenlaan&nbsp;14.<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>De aannemer begint na goedkeuring op maandag 3&nbsp;maart; het gaat om een
dakkapel van 3,20&nbsp;meter breed aan de achterzijde.<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Met vriendelijke groet,<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>
<tr><td width=120 valign=top style='padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal><img width=96 height=96 src="cid:image001.png@01DA1B2C.3D4E5F60" alt="Logo Bouwbedrijf"><o:p></o:p></p></td>
<td valign=top style='padding:0cm 5.4pt 0cm 5.4pt'>
<table border=0 cellspacing=0 cellpadding=0>
<tr><td><p class=MsoNormal><b><span style='color:#1F3864'>Ingrid de Vries-Bakker</span></b><o:p></o:p></p></td></tr>
<tr><td><p class=MsoNormal><span style='font-size:9.0pt'>Projectleider | Bouwbedrijf Hoekstra B.V.</span><o:p></o:p></p></td></tr>
<tr><td><p class=MsoNormal><span style='font-size:9.0pt'>T 06-12345678 | <a href="mailto:i.devries@hoekstrabouw.nl">i.devries@hoekstrabouw.nl</a></span><o:p></o:p></p></td></tr>
<tr><td><p class=MsoNormal><span style='font-size:9.0pt'>Industrieweg 7, 8011&nbsp;AB Zwolle</span><o:p></o:p></p></td></tr>
</table></td></tr></table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>
<p class=MsoNormal><b>Van:</b> Gemeente Westerveld &lt;info@westerveld.nl&gt; <br><b>Verzonden:</b> dinsdag 11 februari 2025 14:02<br><b>Aan:</b> Ingrid de Vries-Bakker &lt;i.devries@hoekstrabouw.nl&gt;<br><b>Onderwerp:</b> Aanvulling aanvraag ZAAK-2025-0000001234<o:p></o:p></p>
</div>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Geachte mevrouw De Vries,<o:p></o:p></p>
<p class=MsoNormal>Voor de behandeling van uw aanvraag ontvangen wij graag nog een bouwtekening met de maatvoering van de dakkapel.<o:p></o:p></p>
<p class=MsoNormal>Met vriendelijke groet,<br>Peter Jansen<br>Team Vergunningen<o:p></o:p></p>
</div>
</body>
</html>"""

GMAIL = """<div dir="ltr"><div>Goedemiddag,</div><div><br></div><div>Vorige week heb ik gemeld dat onze buurman een container voor de deur heeft staan die de hele stoep blokkeert. Er is nog niets gebeurd. Kinderen moeten over de rijbaan lopen om erlangs te komen.</div><div><br></div><div>Het gaat om de container bij <b>Kerkstraat 23</b> in Havelte.</div><div><br></div><div>Groet,</div><div>Sanne Mulder</div><div>Kerkstraat 21</div><div>7971 CD Havelte</div></div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">Op ma 10 feb 2025 om 09:12 schreef Gemeente Westerveld &lt;<a href="mailto:info@westerveld.nl">info@westerveld.nl</a>&gt;:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div>Geachte mevrouw Mulder,<br><br>Uw melding is geregistreerd onder nummer <b>ZAAK-2025-0000000877</b>. Wij nemen binnen vijf werkdagen contact met u op.<br><br>Met vriendelijke groet,<br>Klantcontactcentrum gemeente Westerveld</div></blockquote></div>
"""

IPHONE = """<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">Hallo,<div><br></div><div>Hierbij stuur ik de foto\u2019s van de scheve lantaarnpaal op de hoek Dorpsstraat / Molenweg. Hij hangt inmiddels zo&nbsp;schuin dat hij bij harde wind op een auto kan vallen.</div><div><br></div><div>Mvg,</div><div>Joost</div><div><br><div dir="ltr">Verstuurd vanaf mijn iPhone</div><div dir="ltr"><br><blockquote type="cite">Op 8 feb. 2025 om 16:40 heeft Joost Kramer &lt;joost.kramer@ziggo.nl&gt; het volgende geschreven:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">\ufeff<div dir="ltr">Lantaarnpaal Dorpsstraat hangt scheef, zie de foto\u2019s.</div></div></blockquote></div></body></html>"""

WEBFORM = """<html><body style="font-family:Arial"><h2>Melding openbare ruimte</h2><p>Er is een nieuw formulier ingediend via www.westerveld.nl.</p>
<table border="1" cellpadding="4" cellspacing="0">
<tr><th align="left">Veld</th><th align="left">Waarde</th></tr>
<tr><td>Naam</td><td>R. (Ronald) Smit</td></tr>
<tr><td>E-mailadres</td><td><a href="mailto:r.smit@kpnmail.nl">r.smit@kpnmail.nl</a></td></tr>
<tr><td>Telefoonnummer</td><td>0521-123456</td></tr>
<tr><td>Adres</td><td>Molenweg 4a<br>7991 AB Dwingeloo</td></tr>
<tr><td>Soort melding</td><td>Losliggende stoeptegels</td></tr>
<tr><td>Omschrijving</td><td>Voor het pand van de bakker liggen drie stoeptegels los. Een oudere dame is er gisteren bijna over gestruikeld.</td></tr>
<tr><td>Locatie</td><td>Hoofdstraat 12, Dwingeloo</td></tr>
</table>
<p style="color:#888;font-size:11px">Dit bericht is automatisch verzonden. U kunt niet op dit bericht reageren.</p></body></html>"""

OBJECTION = """<html><head><title>Bezwaarschrift bomenkap</title><style>body{font-family:Georgia} ol li{margin-bottom:6px}</style></head><body>
<p>Aan het college van burgemeester en wethouders van de gemeente Westerveld,</p>
<p><strong>Betreft:</strong> bezwaar tegen de beschikking van 14&nbsp;januari&nbsp;2025, kenmerk ZAAK-2025-0000000412</p>
<p>Geacht college,</p>
<p>Hierbij maak ik bezwaar tegen het besluit om de omgevingsvergunning voor het kappen van twee eiken aan de Brink te verlenen. Mijn bezwaar rust op de volgende gronden:</p>
<ol>
<li>De bomen zijn ruim 120&nbsp;jaar oud en beeldbepalend voor het dorp; de <em>Bomenverordening</em> noemt ze monumentaal.</li>
<li>Er is geen onderzoek gedaan naar vleermuizen, hoewel de co&ouml;rdinator van de Vogelwerkgroep die er vorig jaar heeft waargenomen.</li>
<li>De herplantplicht (&eacute;&eacute;n boom per gekapte boom) compenseert de leeftijd niet.</li>
</ol>
<p>Zie ook het <a href="https://www.westerveld.nl/bomen">bomenbeleid op de website</a> &amp; de kaart in de bijlage.</p>
<p>Ik verzoek u het besluit te herroepen. Het griffierecht van &euro;&nbsp;48,50 heb ik al betaald.</p>
<ul><li>Bijlage 1: foto&#8217;s van de bomen</li><li>Bijlage 2: brief van de Vogelwerkgroep</li></ul>
<p>Hoogachtend,</p>
<p>Mr. drs. Ang&eacute;lique Hendriks-Zo&euml;tmulder<br>Brink 3<br>7991&nbsp;AA Dwingeloo</p>
</body></html>"""

INVOICE = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Uw factuur</title><style type="text/css">@media only screen and (max-width:600px){.container{width:100%!important}} .btn{background:#005ea5}</style></head>
<body style="margin:0;padding:0;background:#f2f2f2">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">Uw nota van februari staat klaar &#8199;&#847; &#8199;&#847; &#8199;&#847;</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff">
<tr><td style="padding:24px"><img src="https://cdn.example.nl/logo.png" alt="Afvalbedrijf Noord logo" width="160"></td></tr>
<tr><td style="padding:0 24px"><h1 style="font-size:20px">Factuur 2025-00318</h1>
<p>Geachte heer/mevrouw,</p>
<p>Hierbij ontvangt u de factuur voor het legen van de ondergrondse containers in februari 2025.</p>
<table role="presentation" cellpadding="4"><tr><td>Factuurnummer:</td><td><b>2025-00318</b></td></tr><tr><td>Bedrag:</td><td>&euro;&nbsp;1.245,60</td></tr><tr><td>Vervaldatum:</td><td>15-03-2025</td></tr></table>
<p style="text-align:center"><a class="btn" href="https://mijn.afvalnoord.nl/factuur/2025-00318" style="color:#fff;padding:12px 20px">Bekijk factuur</a></p>
<p>Met vriendelijke groet,<br>Afvalbedrijf Noord<br>Debiteurenadministratie</p>
</td></tr>
<tr><td style="padding:24px;font-size:11px;color:#777">Afvalbedrijf Noord B.V. &middot; Postbus 120 &middot; 8000&nbsp;AC Zwolle &middot; KvK 12345678<br><a href="https://mijn.afvalnoord.nl/afmelden">Afmelden</a></td></tr>
</table></td></tr></table></body></html>"""

THUNDERBIRD = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body>
<p>Beste mevrouw Bos,</p>
<p>Wij hebben op 2 februari de aanvraag voor de parkeervergunning ingediend, maar nog geen bevestiging ontvangen. Ons kenteken is <span style="font-family:monospace">KX-123-B</span>.</p>
<p>Kunt u laten weten of er nog iets ontbreekt?</p>
<p>Groeten,<br>Marco &amp; Els Visser</p>
<pre class="moz-signature" cols="72">--\x20
M. Visser
Oude Veenweg 18
7981 LL Diever
tel. 0521-654321</pre>
<div class="moz-cite-prefix">Op 28-01-2025 om 11:05 schreef Team Parkeren:<br></div>
<blockquote type="cite" cite="mid:abc123@westerveld.nl">
<p>Geachte heer Visser,</p>
<p>U kunt de vergunning aanvragen via het formulier op onze website. Houd uw DigiD bij de hand.</p>
</blockquote>
<br></body></html>"""

GATEWAY_FOOTER = """<html><head><meta charset="utf-8"></head><body><p>Geachte heer, mevrouw,</p>
<p>Graag ontvang ik een afschrift van de akte van geboorte van mijn dochter Lotte, geboren op 4&nbsp;juni 2019 in Meppel.</p>
<p>Met vriendelijke groet,<br>Hanneke de Boer</p></body></html>
<br><hr><p style="font-size:8pt">Disclaimer: de informatie in dit bericht is uitsluitend bestemd voor de geadresseerde.</p>"""

TEST_INTAKE = (
    "<html><head><style>p{color:red}</style></head><body><p>Beste&nbsp;gemeente,</p>"
    "<p>De <b>stoeptegel</b> ligt los.</p><script>alert(1)</script></body></html>"
)

SAMPLES: list[Sample] = [
    Sample(
        "outlook-reply",
        OUTLOOK,
        (
            "Beste heer Jansen,",
            "Dank voor uw reactie. Zoals gevraagd stuur ik hierbij de ontbrekende gegevens "
            "voor de aanvraag van de omgevingsvergunning voor de dakkapel aan de Beukenlaan 14.",
            "De aannemer begint na goedkeuring op maandag 3 maart; het gaat om een dakkapel "
            "van 3,20 meter breed aan de achterzijde.",
            "Met vriendelijke groet,",
            "Ingrid de Vries-Bakker",
            "Projectleider | Bouwbedrijf Hoekstra B.V.",
            "T 06-12345678 | i.devries@hoekstrabouw.nl",
            "Industrieweg 7, 8011 AB Zwolle",
            "Van: Gemeente Westerveld <info@westerveld.nl>",
            "Verzonden: dinsdag 11 februari 2025 14:02",
            "Aan: Ingrid de Vries-Bakker <i.devries@hoekstrabouw.nl>",
            "Onderwerp: Aanvulling aanvraag ZAAK-2025-0000001234",
            "Geachte mevrouw De Vries,",
            "Voor de behandeling van uw aanvraag ontvangen wij graag nog een bouwtekening "
            "met de maatvoering van de dakkapel.",
            "Met vriendelijke groet,",
            "Peter Jansen",
            "Team Vergunningen",
        ),
        hidden=("panose", "MsoNormal", "mso-", "shapedefaults", "VML", "WordSection", "Logo"),
        own=("De aannemer begint", "Industrieweg 7"),
        quoted=("bouwtekening", "ZAAK-2025-0000001234"),
    ),
    Sample(
        "gmail-reply",
        GMAIL,
        (
            "Goedemiddag,",
            "Vorige week heb ik gemeld dat onze buurman een container voor de deur heeft staan "
            "die de hele stoep blokkeert. Er is nog niets gebeurd. Kinderen moeten over de "
            "rijbaan lopen om erlangs te komen.",
            "Het gaat om de container bij Kerkstraat 23 in Havelte.",
            "Groet,",
            "Sanne Mulder",
            "Kerkstraat 21",
            "7971 CD Havelte",
            "Op ma 10 feb 2025 om 09:12 schreef Gemeente Westerveld <info@westerveld.nl>:",
            "Geachte mevrouw Mulder,",
            "Uw melding is geregistreerd onder nummer ZAAK-2025-0000000877. Wij nemen binnen "
            "vijf werkdagen contact met u op.",
            "Met vriendelijke groet,",
            "Klantcontactcentrum gemeente Westerveld",
        ),
        own=("Er is nog niets gebeurd", "Kerkstraat 21"),
        quoted=("ZAAK-2025-0000000877", "vijf werkdagen"),
    ),
    Sample(
        "iphone-forward-to-self",
        IPHONE,
        (
            "Hallo,",
            "Hierbij stuur ik de foto\u2019s van de scheve lantaarnpaal op de hoek Dorpsstraat / "
            "Molenweg. Hij hangt inmiddels zo schuin dat hij bij harde wind op een auto kan "
            "vallen.",
            "Mvg,",
            "Joost",
            "Verstuurd vanaf mijn iPhone",
            "Op 8 feb. 2025 om 16:40 heeft Joost Kramer <joost.kramer@ziggo.nl> het volgende "
            "geschreven:",
            "Lantaarnpaal Dorpsstraat hangt scheef, zie de foto\u2019s.",
        ),
        own=("harde wind",),
        quoted=("hangt scheef",),
    ),
    Sample(
        "web-form",
        WEBFORM,
        (
            "Melding openbare ruimte",
            "Er is een nieuw formulier ingediend via www.westerveld.nl.",
            "Veld Waarde",
            "Naam R. (Ronald) Smit",
            "E-mailadres r.smit@kpnmail.nl",
            "Telefoonnummer 0521-123456",
            "Adres Molenweg 4a",
            "7991 AB Dwingeloo",
            "Soort melding Losliggende stoeptegels",
            "Omschrijving Voor het pand van de bakker liggen drie stoeptegels los. Een oudere "
            "dame is er gisteren bijna over gestruikeld.",
            "Locatie Hoofdstraat 12, Dwingeloo",
            "Dit bericht is automatisch verzonden. U kunt niet op dit bericht reageren.",
        ),
    ),
    Sample(
        "objection-lists-entities",
        OBJECTION,
        (
            "Aan het college van burgemeester en wethouders van de gemeente Westerveld,",
            "Betreft: bezwaar tegen de beschikking van 14 januari 2025, kenmerk "
            "ZAAK-2025-0000000412",
            "Geacht college,",
            "Hierbij maak ik bezwaar tegen het besluit om de omgevingsvergunning voor het kappen "
            "van twee eiken aan de Brink te verlenen. Mijn bezwaar rust op de volgende gronden:",
            "De bomen zijn ruim 120 jaar oud en beeldbepalend voor het dorp; de "
            "Bomenverordening noemt ze monumentaal.",
            "Er is geen onderzoek gedaan naar vleermuizen, hoewel de coördinator van de "
            "Vogelwerkgroep die er vorig jaar heeft waargenomen.",
            "De herplantplicht (één boom per gekapte boom) compenseert de leeftijd niet.",
            "Zie ook het bomenbeleid op de website & de kaart in de bijlage.",
            "Ik verzoek u het besluit te herroepen. Het griffierecht van € 48,50 heb ik al "
            "betaald.",
            "Bijlage 1: foto\u2019s van de bomen",
            "Bijlage 2: brief van de Vogelwerkgroep",
            "Hoogachtend,",
            "Mr. drs. Angélique Hendriks-Zoëtmulder",
            "Brink 3",
            "7991 AA Dwingeloo",
        ),
        hidden=("Georgia", "margin-bottom", "Bezwaarschrift bomenkap", "https://"),
    ),
    Sample(
        "invoice-layout-tables",
        INVOICE,
        (
            "Factuur 2025-00318",
            "Geachte heer/mevrouw,",
            "Hierbij ontvangt u de factuur voor het legen van de ondergrondse containers in "
            "februari 2025.",
            "Factuurnummer: 2025-00318",
            "Bedrag: € 1.245,60",
            "Vervaldatum: 15-03-2025",
            "Bekijk factuur",
            "Met vriendelijke groet,",
            "Afvalbedrijf Noord",
            "Debiteurenadministratie",
            "Afvalbedrijf Noord B.V. · Postbus 120 · 8000 AC Zwolle · KvK 12345678",
            "Afmelden",
        ),
        hidden=("staat klaar", "max-width", "Uw factuur", "logo", "https://"),
    ),
    Sample(
        "thunderbird-reply",
        THUNDERBIRD,
        (
            "Beste mevrouw Bos,",
            "Wij hebben op 2 februari de aanvraag voor de parkeervergunning ingediend, maar nog "
            "geen bevestiging ontvangen. Ons kenteken is KX-123-B.",
            "Kunt u laten weten of er nog iets ontbreekt?",
            "Groeten,",
            "Marco & Els Visser",
            "--",
            "M. Visser",
            "Oude Veenweg 18",
            "7981 LL Diever",
            "tel. 0521-654321",
            "Op 28-01-2025 om 11:05 schreef Team Parkeren:",
            "Geachte heer Visser,",
            "U kunt de vergunning aanvragen via het formulier op onze website. Houd uw DigiD "
            "bij de hand.",
        ),
        own=("nog iets ontbreekt", "Oude Veenweg"),
        quoted=("DigiD",),
    ),
    Sample(
        "gateway-footer-after-html",
        GATEWAY_FOOTER,
        (
            "Geachte heer, mevrouw,",
            "Graag ontvang ik een afschrift van de akte van geboorte van mijn dochter Lotte, "
            "geboren op 4 juni 2019 in Meppel.",
            "Met vriendelijke groet,",
            "Hanneke de Boer",
            "Disclaimer: de informatie in dit bericht is uitsluitend bestemd voor de "
            "geadresseerde.",
        ),
    ),
    Sample(
        "tests-intake",
        TEST_INTAKE,
        ("Beste gemeente,", "De stoeptegel ligt los."),
        hidden=("color", "alert"),
    ),
]


def fixture_samples() -> list[Sample]:
    """HTML bodies of the .eml fixtures (paperless-ngx's html.eml), when present."""
    found = []
    html_eml = FIXTURES / "paperless-ngx" / "mail" / "html.eml"
    if html_eml.is_file():
        msg = BytesParser(policy=policy.default).parsebytes(html_eml.read_bytes())
        for part in msg.walk():
            if part.get_content_type() == "text/html":
                found.append(
                    Sample(
                        "fixture-paperless-html",
                        part.get_content(),
                        ("Some Text", "and an embedded image.", "Paragraph unchanged."),
                        hidden=("getElementById", "This image should not be shown", "rewritten"),
                    )
                )
    return found


# --- the converters -------------------------------------------------------------------


class _Handwritten(HTMLParser):
    """mailroom's extractor before this benchmark (mailroom/intake/email.py at 521d868)."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table", "ul"})
    _HIDDEN = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.chunks.append(data)


def tidy(text: str) -> str:
    """The whitespace tidying html_to_text applies to whatever the converter gives."""
    lines = (re.sub(r"[ \t\r\xa0]+", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def handwritten(html: str) -> str:
    parser = _Handwritten()
    parser.feed(html)
    parser.close()
    return tidy("".join(parser.chunks))


def inscriptis_with(profile: str) -> Callable[[str], str]:
    config = ParserConfig(css=CSS_PROFILES[profile], display_links=False, display_images=False)
    return lambda html: tidy(inscriptis.get_text(html, config))


def html2text_with(ignore_tables: bool) -> Callable[[str], str]:
    def convert(html: str) -> str:
        h = html2text.HTML2Text()
        h.body_width = 0  # no hard wrapping: lines are the writer's
        h.ignore_links = True
        h.ignore_images = True
        h.ignore_emphasis = True
        h.ignore_tables = ignore_tables
        h.unicode_snob = True  # é stays é rather than e
        return tidy(h.handle(html))

    return convert


CONVERTERS: dict[str, Callable[[str], str]] = {
    "hand-written (HTMLParser)": handwritten,
    "inscriptis, strict CSS": inscriptis_with("strict"),
    "inscriptis, relaxed CSS": inscriptis_with("relaxed"),
}
if html2text is not None:
    CONVERTERS["html2text, tables as markdown"] = html2text_with(ignore_tables=False)
    CONVERTERS["html2text, ignore_tables"] = html2text_with(ignore_tables=True)
CONVERTERS["mailroom html_to_text (now)"] = html_to_text


# --- scoring --------------------------------------------------------------------------

_NOISE_RE = re.compile(
    r"\*\*|__|\]\(|!\[|^#{1,6} |^\s*\|?\s*:?-{3,}|\\[\\`*_{}\[\]()#+.!<>|-]"
    r"|&[a-zA-Z]+;|&#\d+;|[\ufeff\u200b\u034f\u2007]",
    re.MULTILINE,
)
_LEADER_RE = re.compile(r"^(?:>\s*)*(?:[*+•-]\s+|\d+[.)]\s+)?")


def norm(line: str) -> str:
    """A line as compared: quote marks, bullets and table bars do not count."""
    line = _LEADER_RE.sub("", line.strip())
    return " ".join(line.replace("|", " ").split())


@dataclass
class Score:
    """Sums over the samples for one converter."""

    words: int = 0
    words_found: int = 0
    words_out: int = 0
    lines: int = 0
    lines_found: int = 0
    hidden: int = 0
    noise: int = 0
    quote_bodies: int = 0
    quotes_right: int = 0
    micros: float = 0.0

    def add(self, sample: Sample, text: str) -> list[str]:
        """Score one output; return what went wrong, for --show."""
        problems = []
        out = Counter(tokens(text))
        self.words += sum(sample.words.values())
        self.words_found += sum((sample.words & out).values())
        self.words_out += sum(out.values())
        out_lines = {norm(line) for line in text.splitlines()}
        for line in sample.lines:
            self.lines += 1
            if norm(line) in out_lines:
                self.lines_found += 1
            else:
                problems.append(f"line missing: {line!r}")
        for piece in sample.hidden:
            if piece in text:
                self.hidden += 1
                problems.append(f"hidden text shown: {piece!r}")
        noise = _NOISE_RE.findall(text)
        self.noise += len(noise)
        if noise:
            problems.append(f"noise: {noise[:8]}")
        if sample.own or sample.quoted:
            self.quote_bodies += 1
            where = layout(text)
            right = all(
                text.find(p) >= 0 and where.where(text.find(p)) == "body" for p in sample.own
            ) and all(
                text.find(p) >= 0 and where.where(text.find(p)) == "quoted" for p in sample.quoted
            )
            self.quotes_right += right
            if not right:
                problems.append("quote layout wrong")
        return problems


def timed(convert: Callable[[str], str], html: str, repeat: int) -> float:
    """Median microseconds of one conversion."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        convert(html)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def stress(convert: Callable[[str], str], html: str) -> str:
    start = time.perf_counter()
    try:
        text = convert(html)
    except Exception as e:  # a converter that fails on hostile input is a finding
        return f"{type(e).__name__}"
    return f"{(time.perf_counter() - start) * 1000:.0f} ms, {len(text)} chars"


def main() -> None:
    """Print the figures per converter (and, with --show, one converter's outputs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="timings per body")
    parser.add_argument("--show", help="print this converter's output and problems")
    args = parser.parse_args()

    samples = SAMPLES + fixture_samples()
    # One long document (an objection with its grounds pasted 300 times), not 300 documents.
    inner = OBJECTION.split("<body>", 1)[1].split("</body>", 1)[0]
    big = f"<html><body>{inner * 300}</body></html>"
    deep = "<div>" * 100_000 + "diep" + "</div>" * 100_000
    print(f"{len(samples)} HTML bodies ({len(samples) - len(SAMPLES)} from fixtures)\n")
    header = (
        f"{'converter':31} {'word rec':>8} {'word prec':>9} {'line rec':>8} {'hidden':>6} "
        f"{'noise':>5} {'quotes':>6} {'µs/body':>8}  {len(big) // 1024} KB body / 100k nested"
    )
    print(header)
    print("-" * len(header))
    for name, convert in CONVERTERS.items():
        score = Score()
        shown = []
        for sample in samples:
            text = convert(sample.html)
            problems = score.add(sample, text)
            score.micros += timed(convert, sample.html, args.repeat) / len(samples)
            if args.show and args.show in name:
                shown.append(f"=== {sample.name}\n{text}\n--- " + "\n--- ".join(problems))
        print(
            f"{name:31} {score.words_found / score.words:8.1%} "
            f"{score.words_found / score.words_out:9.1%} "
            f"{score.lines_found / score.lines:8.1%} {score.hidden:6d} {score.noise:5d} "
            f"{score.quotes_right:>3d}/{score.quote_bodies:<2d} {score.micros:8.0f}  "
            f"{stress(convert, big)} / {stress(convert, deep)}"
        )
        for block in shown:
            print(block)


if __name__ == "__main__":
    main()
