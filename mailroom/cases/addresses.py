"""Addresses in a letter: postcode with house number, and a street with its number.

The register knows a party's postcode and house number, so an address with a
postcode is a key. A street and number without a postcode ("Lindelaan 4" under a
name) can only be compared by house number, so it is taken only where the text
says it is the writer's own: in an address block or signature, or after "ons
huis", "ik woon", "mijn adres".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from mailroom.cases.found import Found

__all__ = [
    "STREET_CELL_RE",
    "STREET_SUFFIXES",
    "address_lines",
    "former_streets",
    "house_forms",
    "house_parts",
    "own_streets",
    "postcode_addresses",
    "postcodes",
    "prose_streets",
    "same_house",
    "their_streets",
    "units_at",
    "without_units",
]

# SA, SD and SS are never issued as postcode letters.
_POSTCODE = r"[1-9][0-9]{3}[ \xa0]?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z0-9])"
_NUMBER = r"(?P<number>[1-9][0-9]{0,4})"
# The rest of a word of a street name, as one character class so that the regexes do not
# backtrack inside a word.
_WORD_TAIL = r"[^\s\d,;:!?()\[\]|·•/\"<>@=+*&#%]*"
_ADDITION = (
    # "4-2", "4 -2", "12 - 2" (a dash with spaces around it), "112/2", "4 bis", "4A", "4 a".
    r"(?P<addition>[ \t]?[-/][ \t]?[A-Za-z0-9]{1,4}|[ \t]+(?i:bis|hs|huis)\b"
    # "14 kamer 7", "14 room 7": a room of a shared house; "2 app. 402": a flat.
    r"|[ \t]+(?i:kamer|room|app\.?|appartement|unit)[ \t]*[0-9]{1,4}(?![\w-])"
    # "(nr 22, kamer 4)", "(Saturnusstraat 100, flat 14)": the room or flat in the brackets
    # of the number; not "Moutstraat 14, kamer 3" under a signature, a room the address
    # register may not hold.
    r"|[ \t]*,[ \t]*(?i:kamer|room|flat|appartement|app\.?|unit)[ \t]*[0-9]{1,3}(?=[ \t]*\))"
    # "112 3-hoog", "7 3 hoog", "27, 3 hoog": the floor as people say it.
    r"|[ \t]*,?[ \t]+[1-9][ \t]*-?[ \t]*(?i:hoog)\b"
    # "33 (1-hoog)": the floor in brackets.
    r"|[ \t]*\([ \t]*[1-9][ \t]*-?[ \t]*(?i:hoog)[ \t]*\)"
    # "12 zwart", "8 rood": the colours some cities tell the doors of a house apart by.
    r"|[ \t]+(?i:zwart|rood|wit|groen|blauw|geel)\b"
    # "45A-1": a letter and a floor.
    r"|[A-Za-z]-[1-9](?![\w-])"
    # "88 1": a floor written after a space, as non-native writers do (not "4 1234 AB").
    # "14 II", "12-III": the floor in Roman numerals (before the single letter: "12 I").
    r"|[ \t]?-?(?:III|II|IV|I)(?![A-Za-z])"
    r"|[ \t]?[A-Za-z](?![A-Za-z])|[ \t][1-9](?=[ \t]*(?:[.,;)]|\r?$)))?"
)
_EXTRA = r"(?:[ \t,;]*(?i:toevoeging|toev\.?)[ \t]*:?[ \t]*(?P<extra>[A-Za-z0-9]{1,4})\b)?"
_HOUSE = rf"(?i:huisnummer)[^:\n\d]{{0,20}}:?[ \t]*{_NUMBER}{_ADDITION}{_EXTRA}"
# Between street and number: a space, or the word people put there ("Lindelaan nr. 4",
# "Lindelaan, huisnummer 4a").
_NR = (
    r"(?:[ \t]*,?[ \t]*(?i:(?:huis)?nr\.?|no\.|(?:huis)?nummer)[ \t]*:?[ \t]*"
    # "de Kassenweg (nr 22, kamer 4)": the number in brackets, as a phone note writes it.
    r"|[ \t]+\((?i:(?:huis)?nr\.?|no\.|(?:huis)?nummer)[ \t]*"
    # "een wisselwoning op de Noorderkamp (18)": the number alone in brackets.
    r"|[ \t]+\((?=[1-9][0-9]{0,4}\))"
    r"|[ \t]+)"
)

_POSTCODE_RE = re.compile(rf"(?<![0-9A-Za-z])(?P<postcode>{_POSTCODE})")
# Informal email writes "1234 ab"; read as a postcode only right after a street and number.
# Two letters that are a word ("2026 at 9:41", "2019 en") are not, nor are letters not
# followed by a town or the end of the address.
_LOWER_POSTCODE_RE = re.compile(
    r"(?<![0-9A-Za-z])(?P<postcode>[1-9][0-9]{3}[ \xa0]?"
    r"(?!(?i:sa|sd|ss|at|en|op|in|te|de|om|is|af|al|of|on|to|ca|uw|nu|zo|ja|na|er|ik|je)\b)"
    r"[a-z][A-Za-z])(?=[ \t]*(?:[A-Z]|[),;]|\r?\n|$))"
)
# What may stand between a house number and the postcode after it.
# "Vlierstraat 22 te 5860 MV Maasdal": "te" (in) before the postcode, as formal letters put it.
_BEFORE_POSTCODE = r"(?:[,(|·•–-][ \t]*|(?i:te)[ \t]+)?"
# Street and house number closing a line segment: "Dorpsstraat 12a, " or "nr. 19 (" before
# a postcode.
_HOUSE_AT_END_RE = re.compile(
    rf"(?P<street>[^\W\d_]{_WORD_TAIL}){_NR}{_NUMBER}{_ADDITION}[ \t]*{_BEFORE_POSTCODE}\r?$"
)
# The number before the street, as English and French write it: "56 Kroostweg". Only as
# the whole line before the postcode (or the line above it), where it cannot be a sum.
_NUMBER_FIRST_RE = re.compile(
    rf"[ \t]*(?![1-9][0-9]{{3}}[ \xa0]?[A-Za-z]{{2}}(?![A-Za-z])){_NUMBER}{_ADDITION}[ \t]+"
    rf"(?P<street>[A-Z]{_WORD_TAIL}(?:[ \t]+[A-Za-z]{_WORD_TAIL}){{0,3}}?)"
    rf"[ \t]*{_BEFORE_POSTCODE}\r?"
)
# Forms: "Postcode: 1234 AB  Huisnummer: 12", in either order, with no other field of
# the two between them (a second applicant's postcode must not take the first's number).
_FIELD_GAP = r"(?:(?!(?i:postcode|huisnummer))[\s\S]){0,60}?"
_POSTCODE_FIELD = rf"(?i:postcode)(?:[ \t]+is)?[ \t]*:?[ \t]*(?P<postcode>{_POSTCODE})"
_FORM_ADDRESS_RES = (
    re.compile(_POSTCODE_FIELD + _FIELD_GAP + _HOUSE),
    re.compile(_HOUSE + _FIELD_GAP + _POSTCODE_FIELD),
    # "3813 ER, huisnummer 8b", "1234AB nr. 4" without the word postcode.
    re.compile(
        rf"(?<![0-9A-Za-z])(?P<postcode>{_POSTCODE})[ \t]*,?[ \t]*"
        rf"(?i:huisnummer|huisnr\.?|nr\.?|nummer)[ \t]*:?[ \t]*{_NUMBER}{_ADDITION}{_EXTRA}"
        r"(?![\w-])"
    ),
    # "3813 ER 8b" closing an address: the key the register itself uses.
    re.compile(
        rf"(?<![0-9A-Za-z])(?P<postcode>{_POSTCODE})[ \t]*,?[ \t]*{_NUMBER}{_ADDITION}"
        r"(?=[ \t]*(?:[,;)]|\r?\n|$))"
    ),
)
_STREET_REACH = 120  # characters of a line searched for the street and number
_NOT_STREETS = frozenset({"postbus", "antwoordnummer"})  # no house there to match on


def postcode_addresses(text: str) -> list[Found]:
    """Addresses with a postcode: the street line before it, or a form's fields."""
    found = [_street_address(text, m) for m in _POSTCODE_RE.finditer(text)]
    found += [_street_address(text, m, same_line=True) for m in _LOWER_POSTCODE_RE.finditer(text)]
    for regex in _FORM_ADDRESS_RES:
        found += [_address(m, m["postcode"], m.start(), m.end()) for m in regex.finditer(text)]
    return [f for f in found if f is not None]


def address_lines(
    text: str, postcode: str | None = None, house_number: str | None = None
) -> tuple[str, ...]:
    """The postal address a letter gives as the lines of an envelope: the name line above
    the street when there is one, street and number, postcode and place. For ``postcode``
    (and ``house_number``) when given, else the first street address in the letter (the
    sender's block; a Postbus, the municipality's, is never taken). Empty when the letter
    gives no street and place (a form's fields, say)."""
    wanted = re.sub(r"\s", "", postcode).upper() if postcode else None
    for found in postcode_addresses(text):
        if wanted and (
            found.value != wanted or (house_number and found.house_number != house_number)
        ):
            continue
        lines = _envelope_lines(text, found)
        if lines:
            return lines
        if wanted:
            return ()
    return ()


def _envelope_lines(text: str, found: Found) -> tuple[str, ...]:
    line_end = text.find("\n", found.end)
    block = text[found.start : line_end if line_end >= 0 else len(text)]
    lines = [" ".join(line.split()) for line in block.splitlines() if line.strip()]
    if len(lines) == 1:  # "Dorpsstraat 4, 1234 AB Ergens": split before the postcode
        at = _POSTCODE_RE.search(lines[0])
        if at is None or at.start() == 0:
            return ()
        lines = [lines[0][: at.start()].rstrip(" ,"), lines[0][at.start() :]]
    street, place = lines[0], lines[-1]
    if len(place.split()) < 3 or ":" in street + place:
        return ()  # no place, or a form's labelled fields: no lines for an envelope
    line_start = text.rfind("\n", 0, found.start)
    above = text[text.rfind("\n", 0, max(line_start, 0)) + 1 : max(line_start, 0)].strip()
    name = " ".join(above.split())
    if line_start > 0 and name and not any(c.isdigit() for c in name) and len(name.split()) <= 6:
        return (name, street, place)
    return (street, place)


def _street_address(text: str, postcode: re.Match[str], same_line: bool = False) -> Found | None:
    """The postcode paired with the street and number before it on its line, or above it
    (not when ``same_line``)."""
    # A street line is short; the bound keeps one huge OCR "line" from being rescanned.
    pos = postcode.start()
    newline = text.rfind("\n", max(pos - _STREET_REACH, 0), pos)
    segments = [(max(newline + 1, pos - _STREET_REACH, 0), pos)]
    if newline >= 0 and not same_line:
        above = text.rfind("\n", max(newline - _STREET_REACH, 0), newline) + 1
        segments.append((max(above, newline - _STREET_REACH, 0), newline))
    for start, end in segments:
        house = _HOUSE_AT_END_RE.search(text[start:end])
        if house is None and (start == 0 or text[start - 1] == "\n"):
            house = _NUMBER_FIRST_RE.fullmatch(text[start:end])
            if house is not None and not _is_street(house["street"]):
                house = None
        if house is not None:
            if house["street"].lower() in _NOT_STREETS:
                return None
            number = _house_number(house)
            code = re.sub(r"\s", "", postcode["postcode"]).upper()
            return Found(
                "address", code, start + house.start(), postcode.end(), house_number=number
            )
    return None


def _address(house: re.Match[str], postcode: str, start: int, end: int) -> Found:
    return Found(
        "address", re.sub(r"\s", "", postcode), start, end, house_number=_house_number(house)
    )


def _house_number(m: re.Match[str]) -> str:
    extra = m.groupdict().get("extra") or ""
    addition = m["addition"] or ""
    if addition[:1] in " \t" and addition.strip().isdigit():
        addition = "-" + addition.strip()  # "88 1" is 88-1, not 881
    elif _is_range(m["number"], addition):
        addition = ""  # "Leemkuil 100-146": the numbers of a block, the first its address
    elif "hoog" in addition.lower() or re.match(
        r"(?i)[ \t]*,?[ \t]*(?:kamer|room|flat|app|unit)", addition
    ):
        addition = "-" + re.sub(r"\D", "", addition)  # "112 3-hoog" is 112-3, "14 kamer 7" 14-7
    return re.sub(r"\s", "", m["number"] + addition + extra).upper()


def _is_range(number: str, addition: str) -> bool:
    """Whether "<number><addition>" is a range of house numbers ("100-146", "12-14": the
    same side of the street, higher, within a block), not a floor or flat ("4-2", "1-3",
    "300-1104": flat 4 on the eleventh floor of a tower)."""
    last = addition.lstrip(" \t-")
    if not (addition.lstrip(" \t")[:1] == "-" and last.isdigit()):
        return False
    first, end = int(number), int(last)
    return first >= 10 and first < end <= first + RANGE and (end - first) % 2 == 0


#: The most numbers a block's range spans ("Suikerrietstraat 60-120").
RANGE = 300


# --- streets without a postcode -----------------------------------------------------

# A street name: up to five words, the first (after "van", "de", ...) capitalised, no
# digits: "Van Campenstraat", "Dr. Schaepmanlaan", "Hooglandseweg-Noord", "Kleine Koppel";
# not ending in a preposition ("de familie Peeters op nummer 18" names no street).
_STREET = (
    r"(?P<street>(?:(?i:van|de|den|der|het|'t|ter|ten|sint|st\.)[ \t]+){0,3}"
    rf"[A-Z]{_WORD_TAIL}(?:[ \t]+[A-Za-z]{_WORD_TAIL}){{0,4}}?"
    r"(?<![ \t]op)(?<![ \t]in)(?<![ \t]aan)(?<![ \t]bij)(?<![ \t]naar)(?<![ \t]met))"
)
#: A street and number filling a cell of a signature or address line, optionally with the
#: town after it: "Lindelaan 4", "Westsingel 2 A", "Pelikaanweg 15, Amersfoort".
STREET_CELL_RE = re.compile(
    # "Adres: Lindelaan 4": a label before it.
    r"[ \t]*(?:(?i:adres|address|woonadres|straat)[ \t]*:[ \t]*)?"
    rf"{_STREET}{_NR}{_NUMBER}{_ADDITION}"
    # "Lindelaan 4 1234 AB Zeist": the postcode on the street's line.
    rf"(?:[ \t]*,?[ \t]+(?:(?i:te)[ \t]+)?{_POSTCODE}(?=[ \t]|\r?$))?"
    r"(?:[ \t]*,?[ \t]+(?:(?i:in|te)[ \t]+)?[A-Z][^\W\d_'’-]*(?:[ \t-]+[A-Za-z][^\W\d_]*){0,2})?"
    r"[ \t]*\r?"
)
# The number first, as English and French write it: "56 Kroostweg", "56 Kroostweg, Zeist".
_NUMBER_FIRST_CELL_RE = re.compile(
    rf"[ \t]*(?![1-9][0-9]{{3}}[ \xa0]?[A-Za-z]{{2}}(?![A-Za-z]))"  # a postcode and town
    rf"{_NUMBER}{_ADDITION}[ \t]+{_STREET}"
    r"(?:[ \t]*,[ \t]*[A-Z][^\W\d_'’-]*(?:[ \t-]+[A-Za-z][^\W\d_]*){0,2})?[ \t]*\r?"
)
# Under a closing, informal email also writes the street in lower case: "muurhuizen 9".
# "slotlaan 77 driebergen": with the town after it, also in lower case.
_LOWER_STREET_CELL_RE = re.compile(
    rf"[ \t]*(?P<street>[^\W\d_]{_WORD_TAIL}(?:[ \t]+[^\W\d_]{_WORD_TAIL}){{0,2}}?){_NR}{_NUMBER}"
    rf"{_ADDITION}(?:[ \t]+[^\W\d_]{{2,}}(?:[ \t-]+[^\W\d_]+)?)?[ \t]*\r?"
)
# Words that stand before a number like a street but are none.
_NOT_STREET_WORDS = frozenset(
    {"postbus", "antwoordnummer", "bijlage", "pagina", "blad", "artikel", "week", "groep"}
    | {"kamer", "team", "telefoon", "tel", "tel.", "mobiel", "fax", "kvk", "bsn", "iban"}
    # "flat 14" under a name: the flat's number, not a street called Flat.
    | {"flat", "appartement", "app", "app.", "unit", "chalet"}
    | {"route", "lijn", "bus", "versie", "kenmerk", "zaak", "factuur", "nummer", "nr."}
    | {"huisnummer", "postcode", "januari", "februari", "maart", "april", "mei", "juni"}
    | {"juli", "augustus", "september", "oktober", "november", "december"}
    | {"offerte", "nota", "polis", "polisnummer", "dossier", "dossiernummer", "referentie"}
    | {"ref", "ref.", "order", "ordernummer", "klantnummer", "contract", "project", "rekening"}
    | {"debiteur", "debiteurnummer", "relatienummer", "kenteken", "pasnummer", "versie"}
    # "v.v. Leusderbroek – opgericht 1931": a year in a club's footer.
    | {"opgericht", "sinds", "anno", "est", "est.", "founded", "jaargang", "editie", "seizoen"}
)
# "voor ons huis aan de Valkhof 10", "ik woon op de Bergstraat 14", "mijn adres: Kamp 9".
_OWN_LEAD = (
    r"(?i:\b(?:mijn|ons|onze)[ \t]+(?:huis|woning|woonhuis|adres|woonadres|huisadres|pand|tuin"
    # "voor mijn bovenwoning (Lange Nieuwstraat 16A, boven de boekwinkel)".
    r"|oprit|bovenwoning|benedenwoning|bovenhuis|benedenhuis"
    r"|voordeur|flat|appartement|erf|boerderij|perceel|kavel)\b|\b(?:ik|wij|we)[ \t]+wo(?:on|nen)\b"
    r"|\bwonende\b|\bwoonachtig\b|\badres[ \t]*(?:is|:)|\b(?:het|op|naar)[ \t]+adres\b"
    # English: "I live at", "our house at", "my address is".
    r"|\b(?:i|we)[ \t]+live\b|\b(?:my|our)[ \t]+(?:house|home|flat|apartment|address)\b)"
    # A mail wrapped after "aan de": "ons woonhuis aan de\nHeereweg 88".
    r"[^\n.!?:;]{0,30}?(?:[ \t](?i:aan|op|in|te|at)(?:[ \t]+|[ \t]*\n[ \t]*)"
    r"(?:(?i:de|het)(?:[ \t]+|[ \t]*\n[ \t]*))?|[ \t(:]+)"
)
_NOT_AMOUNT = r"(?![\w-]|[ \t]*(?i:%|euro|jaar|meter|m\b|cm\b|uur|minuten|dagen|weken|maanden))"
_OWN_STREET_RE = re.compile(rf"{_OWN_LEAD}{_STREET}{_NR}{_NUMBER}{_ADDITION}{_NOT_AMOUNT}")


# "in haar huis aan de Rozenhof 8", "zijn woning op de Molenwiek 3": in a letter written for
# someone, the home of the person it is about.
_THEIR_STREET_RE = re.compile(
    r"(?i:\b(?:haar|zijn|hun)[ \t]+(?:huis|woning|woonhuis|adres|woonadres|huisadres|flat"
    r"|appartement)\b"
    # "Mijn zoon Thijs woont sinds januari op zichzelf aan de Graafschap 31".
    r"|\bwoont\b)"
    r"[^\n.!?:;]{0,30}?(?:[ \t](?i:aan|op|in|te)(?:[ \t]+|[ \t]*\n[ \t]*)"
    r"(?:(?i:de|het)(?:[ \t]+|[ \t]*\n[ \t]*))?|[ \t(:]+)"
    rf"{_STREET}{_NR}{_NUMBER}{_ADDITION}{_NOT_AMOUNT}"
)


# "Ik woonde op de Merwedestraat 30", "mijn oude adres: Oranjeplein 22-B": a home the
# writer left, which the register may still hold for them.
_FORMER_STREET_RE = re.compile(
    r"(?i:\b(?:ik|wij|we)[ \t]+woonden?\b|\b(?:mijn|ons|onze)[ \t]+(?:oude|vorige|vroegere)"
    r"[ \t]+(?:adres|woonadres|huis|woning|flat|appartement)\b|\b(?:i|we)[ \t]+used[ \t]+to"
    r"[ \t]+live\b|\b(?:my|our)[ \t]+(?:old|previous|former)[ \t]+(?:address|house|flat)\b)"
    r"[^\n.!?:;]{0,30}?(?:[ \t](?i:aan|op|in|te|at)(?:[ \t]+|[ \t]*\n[ \t]*)"
    r"(?:(?i:de|het)(?:[ \t]+|[ \t]*\n[ \t]*))?|[ \t(:]+)"
    rf"{_STREET}{_NR}{_NUMBER}{_ADDITION}{_NOT_AMOUNT}"
)


def former_streets(text: str) -> Iterator[Found]:
    """Streets the text calls the writer's former home ("ik woonde op de Merwedestraat
    30"): theirs in the register until it hears of the move, whatever postcode the letter
    gives for the new one."""
    return _streets(_FORMER_STREET_RE.finditer(text))


def street_cell(cell: str, start: int, lower_case: bool = False) -> Found | None:
    """``cell`` as a street and number (the whole cell), or None. ``lower_case``: also
    a street written in lower case (where a signature is certain)."""
    m = STREET_CELL_RE.fullmatch(cell) or _NUMBER_FIRST_CELL_RE.fullmatch(cell)
    if m is None and lower_case:
        m = _LOWER_STREET_CELL_RE.fullmatch(cell)
    if m is None or not _is_street(m["street"]):
        return None
    return Found(
        "street", " ".join(m["street"].split()), start, start + len(cell.rstrip()), 0.8,
        house_number=_house_number(m),
    )  # fmt: skip


#: How Dutch street names end; a street in running prose is only taken with one of these.
STREET_SUFFIXES = (
    "straat", "laan", "weg", "pad", "dijk", "plein", "kade", "hof", "singel", "gracht",
    "steeg", "dreef", "erf", "veld", "land", "landen", "akker", "kamp", "hoek", "markt",
    "park", "baan", "berg", "dal", "bos", "zoom", "oord", "wal", "haven", "ring", "burg",
    "horst", "brink", "gaarde", "gaard", "wei", "weide", "es", "hage", "rade", "donk",
    "heuvel", "tuin", "wijk", "mate", "maten", "stede", "poort", "allee", "vaart", "rij",
    "hoven", "dam", "eind", "einde", "straatje", "laantje", "pleintje", "street", "road",
    "lane", "avenue", "heide",
    # Frisian: "Tsjerkepaad", "Haadstrjitte", "Leane", "Mûnewei", "Lange Reed", "Buorren".
    "paad", "strjitte", "leane", "loane", "dyk", "reed", "buorren",
)  # fmt: skip
# A street and number anywhere in running text, "behalve Kerkpad 11", "(Eikenlaan 3)",
# "Schoolstr. 33" (straat shortened, as notes write it).
_PROSE_STREET_RE = re.compile(
    r"(?<![\w-])(?P<street>(?:(?i:van|de|den|der|het|'t|ter|ten|sint|st\.)[ \t]+){0,3}"
    rf"(?:[A-Z]{_WORD_TAIL}[ \t]+){{0,2}}(?=[A-Z])[^\W\d_]*(?i:{'|'.join(STREET_SUFFIXES)}|str\.?))"
    rf"{_NR}{_NUMBER}{_ADDITION}"
    r"(?![\w-]|[ \t]*(?i:%|euro|jaar|meter|m\b|cm\b|uur|minuten|dagen|weken|maanden))"
)


# "achter ons erf (hoevelterweg 6)": informal mail writes its own street small; then only a
# word ending as streets do counts.
_OWN_SMALL_STREET_RE = re.compile(
    rf"{_OWN_LEAD}(?P<street>[a-zà-ÿ]{{2,}}(?:{'|'.join(STREET_SUFFIXES)}))"
    rf"{_NR}{_NUMBER}{_ADDITION}{_NOT_AMOUNT}"
)


# "(schoolstraat 19, recht voor mijn deur)": a writer who writes nothing with a capital.
_SMALL_PROSE_STREET_RE = re.compile(
    rf"(?<![\w-])(?P<street>[a-zà-ÿ]{{2,}}(?:{'|'.join(STREET_SUFFIXES)}))"
    rf"{_NR}{_NUMBER}{_ADDITION}{_NOT_AMOUNT}"
)


def prose_streets(text: str, lower_case: bool = False) -> Iterator[Found]:
    """Every street with a number in running text whose name ends as Dutch streets do;
    whose it is the text does not say. ``lower_case``: also written small (for a text
    with no capital at all)."""
    if lower_case:
        return _streets(_SMALL_PROSE_STREET_RE.finditer(text))
    return _streets(_PROSE_STREET_RE.finditer(text))


def own_streets(text: str) -> Iterator[Found]:
    """Streets the text calls the writer's own ("ons huis aan de Valkhof 10")."""
    return _streets(chain(_OWN_STREET_RE.finditer(text), _OWN_SMALL_STREET_RE.finditer(text)))


def their_streets(text: str) -> Iterator[Found]:
    """Streets the text calls a third person's home ("haar huis aan de Rozenhof 8"); only
    meaningful in a letter written on that person's behalf."""
    if not re.search(r"(?i)\b(?:haar|zijn|hun|woont)\b", text):
        return iter(())
    return _streets(_THEIR_STREET_RE.finditer(text))


def _streets(matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    """The street and number of each match whose street is one."""
    for m in matches:
        if _is_street(m["street"]):
            yield Found(
                "street", " ".join(m["street"].split()), m.start("street"), m.end(), 0.8,
                house_number=_house_number(m),
            )  # fmt: skip


def _is_street(street: str) -> bool:
    return not any(w.lower().rstrip(".:") in _NOT_STREET_WORDS for w in street.split())


@dataclass(frozen=True)
class UnitAt:
    """A home numbered inside a place a letter names ("aanleunwoning 14 bij Het Woudhuis",
    "een van de aanleunwoningen bij Het Woudhuis, nummer 9"): the place's name and the
    home's number, an addition to the place's own address."""

    place: str
    unit: str


# The homes a place holds, as people name them: "aanleunwoning 14 bij Het Woudhuis",
# "chalet 118 op Vakantiepark De Bosrand", "appartement 4 in De Hofstede, nummer 9", a
# seasonal worker's "unit 5 op het erf van Kodde".
_UNIT_AT_RE = re.compile(
    r"""(?x)
    \b(?i:(?:aanleun|service|zorg)?(?:woning|flat|appartement|studio|chalet|bungalow|kamer
        |stacaravan|caravan)(?:en|s)?|(?:woon)?units?)
    (?:[ \t]+(?i:nummer[ \t]+|nr\.?[ \t]*|no\.?[ \t]*)?(?P<unit>[1-9][0-9]{0,3})(?![\w.,-]\d))?
    [ \t]+(?i:bij|van|in|op|at|on)[ \t]+(?:(?:het|de)[ \t]+)?
    # "unit 5 op het erf van Kodde": the farm of the Kodde partnership.
    (?:(?i:erf|terrein|boerderij|bedrijf)[ \t]+(?i:van|bij)[ \t]+(?:(?:het|de)[ \t]+)?)?
    (?P<place>(?:['’]t|[A-Z])[^\s,.;:()]*
        (?:[ \t]+(?:(?:['’]t|[A-Z]|de\b|het\b|van\b)[^\s,.;:()]*)){0,4})
    (?:[ \t]*,?[ \t]*(?i:nummer|nr\.?|no\.?)[ \t]*(?P<then>[1-9][0-9]{0,3})(?![\w-]))?
    """
)


def units_at(text: str) -> list[UnitAt]:
    """The homes ``text`` places inside a named place, with their numbers: a care home's
    sheltered flats, a holiday park's chalets. The place is found in the trade register
    and the home is the number added to its address (see matching's ``housed``)."""
    found = []
    for m in _UNIT_AT_RE.finditer(text):
        unit = m["unit"] or m["then"]
        if unit and not (m["unit"] and m["then"]):
            found.append(UnitAt(m["place"], unit))
    return found


def without_units(line: str) -> str:
    """``line`` without the homes it places inside named places: "mevr. G. van 't Hul
    (aanleunwoning 14 bij Het Woudhuis)" is not signed by the care home."""
    return _UNIT_AT_RE.sub(" ", line)


# --- comparing house numbers --------------------------------------------------------


# A floor in Roman numerals is the floor's number: "14 II" is 14-2.
_ROMAN_FLOORS = {"I": "1", "II": "2", "III": "3", "IV": "4"}


@lru_cache(maxsize=8192)  # every candidate case's number is compared with the letter's
def house_parts(house_number: str) -> tuple[str, str]:
    """(number, addition) of a house number: "4-2" → ("4", "2"), "19 a" → ("19", "A"),
    "14 II" → ("14", "2")."""
    m = re.match(r"\s*(\d+)\s*[-/]?\s*(.*)", house_number)
    if m is None:
        return house_number.upper(), ""
    addition = re.sub(r"[\s-]", "", m[2]).upper()
    addition = _SAME_ADDITIONS.get(addition, addition)
    return m[1], _ROMAN_FLOORS.get(addition, addition)


# Additions written in several ways: "huis" (the ground floor) is "hs", and "H" as the
# address register writes it (Merwedestraat 8-H); "3hoog" is "3".
# A berth "tegenover" (opposite) the number: "22 t/o", "22 t.o.", "22-TO".
_SAME_ADDITIONS = {
    "HUIS": "HS",
    "H": "HS",
    "T/O": "TO",
    "T.O.": "TO",
    "T.O": "TO",
    **{f"{n}HOOG": str(n) for n in range(1, 10)},
}


# The additions a house number written without one may have lost: "4" for "4-2", "4A".
_COMMON_ADDITIONS = (
    *(f"-{n}" for n in range(1, 10)),
    *(c for letter in "ABCDEFGH" for c in (letter, f"-{letter}")),
    *("I", "II", "III", "-I", "-II", "-III", "BIS", "-BIS", "HS", "-HS", "H", "-H", "ZW", "RD"),
    # A houseboat "tegenover" (opposite) the number: "22 t/o", "22 t.o.".
    *("T/O", "TO", "T.O.", "-T/O"),
)


def house_forms(house_number: str, with_additions: bool = False) -> tuple[str, ...]:
    """The ways a register may store this house number ("4A" or "4-A"). ``with_additions``:
    for a number without an addition also the common additions ("4-2", "4B", "4HS"),
    and the bare number for one with an addition (the register may lack it)."""
    number, addition = house_parts(house_number)
    if not addition:
        return (number, *(number + a for a in _COMMON_ADDITIONS)) if with_additions else (number,)
    # A floor as the register may keep it: "33-1", or "33-1HOOG" as the resident wrote it.
    forms: tuple[str, ...] = (
        (f"{number}-{addition}", f"{number}-{addition}HOOG")
        if addition.isdigit()
        else (f"{number}{addition}", f"{number}-{addition}")
    )
    # "8 hs" where the register keeps "8-H": the other ways the same addition is written.
    same = (raw for raw, to in _SAME_ADDITIONS.items() if to == addition and raw[:1].isalpha())
    forms = (*forms, *(f"{number}{sep}{raw}" for raw in same for sep in ("", "-")))
    roman = next((r for r, digit in _ROMAN_FLOORS.items() if digit == addition), None)
    if roman:  # a register may keep the floor as the letter's writer did: "14II", "14-II"
        forms = (*forms, f"{number}{roman}", f"{number}-{roman}")
    return (*forms, number) if with_additions else forms


def postcodes(lines: Sequence[str]) -> set[str]:
    """The postcodes written in ``lines`` ("6272 CB Sjinveld" → "6272CB"), with or without a
    house number beside them."""
    return {re.sub(r"\s", "", m["postcode"]) for line in lines for m in _POSTCODE_RE.finditer(line)}


@lru_cache(maxsize=8192)
def same_house(case_number: str | None, letter_number: str, lenient: bool) -> bool:
    """Whether two house numbers are one house. ``lenient``: an addition that one side
    leaves out ("4" for "4-2") does not count against it."""
    if not case_number:
        return False
    case, letter = house_parts(case_number), house_parts(letter_number)
    if case[0] != letter[0]:
        return False
    return case[1] == letter[1] or (lenient and not (case[1] and letter[1]))
