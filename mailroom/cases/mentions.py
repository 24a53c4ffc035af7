"""People a letter names anywhere in its text, with the house they are named with, and
every house number the writer's words give.

The finders in :mod:`.identifiers` and :mod:`.signatures` read identity where letters
usually put it (a signature, an address block, "namens ..."). Writers put it in many
more places — a phone note's "Over: dhr. Theo Ros, Beukenlaan 21", a social worker's
"help de heer H. Jongbloed (Holtdijk 15) met zijn post", a consultant's "belanghebbende
de heer B.Th. Nijhuis", a forwarded message ending "Gerda Hulsbos, Weidelanden 27", "ik
ben Mohamed Amrani van Weverstraat 88 1". A person named with a title or a label, or a
full name with a street and number right after it, is a *mention*; matching weighs a
mention against the register as an employee would (see ``matching._mentioned_case``),
so no mention is trusted alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from mailroom.cases.addresses import STREET_SUFFIXES, prose_streets, street_cell
from mailroom.cases.found import Found
from mailroom.cases.names import is_full_name, split_names, surname_keys
from mailroom.cases.signatures import after_closing
from mailroom.core.dates import MONTHS

__all__ = [
    "capitalised_words",
    "house_numbers",
    "mentioned_organisations",
    "mentioned_people",
    "named_around",
    "relatives",
]

_TITLE = r"(?i:(?:de[ \t]+)?heer|mevrouw|mevr\.?|mw\.?|dhr\.?|meneer|mr\.|mrs\.?|ms\.)"
# A label a form, a phone note or a letter's reference line puts before a person.
_LABEL = (
    r"(?im:^[ \t]*(?:beller|over|betreft|belanghebbende|aanvrager|cli[eë]nte?|bewoner"
    r"|melder|namens|inwoner|burger)[ \t]*:?[ \t]*)"
)
# Initials as letters write them ("P.C.", "B.Th.", "M.E."), first names, tussenvoegsels and
# a (double) surname, on one line. A tussenvoegsel never stands before a street ("van
# Weverstraat 88"): that is where the person lives.
_STREET_AHEAD = (
    rf"(?![ \t]+(?:(?:de|het|der|den)[ \t]+)?[A-Z][^\s\d]*(?:{'|'.join(STREET_SUFFIXES)})\b)"
)
# "mevrouw Bos van Eerste Wijk 3": "van" before a street and its number says where she
# lives, it is no part of her name.
_NAME = (
    r"(?P<name>(?:(?:[A-Z][a-z]?\.)+|[A-Z][\w'’-]*)"
    r"(?:[ \t]*(?:(?:[A-Z][a-z]?\.)+|(?<=[ \t])[A-Z][\w'’-]*"
    rf"|(?<=[ \t])(?:van(?![ \t]+(?:(?:de|het)[ \t]+)?(?:[A-Z][\w'’-]*[ \t]+){{1,2}}[0-9])"
    rf"|de|der|den|het|ter|ten|te"
    rf"|'t|el|al|vd){_STREET_AHEAD}(?=[ \t])))"
    r"{0,5})"
)
# What may stand between the name and the person's street: "Theo Ros, Beukenlaan 21",
# "H. Jongbloed (Holtdijk 15)", "Amrani van Weverstraat 88 1", "wonende aan de ...".
_AT = (
    # "mevr. Yilmaz (Fatma)": the first name in brackets after the surname.
    r"(?:[ \t]*\((?P<first>[A-Z][a-zà-ÿ]+)\))?"
    r"(?:[ \t]*(?:,|\(|[ \t](?i:van|aan|op|uit|in)[ \t]"
    # "Lenie Schout woont aan de Wilhelminastraat 23".
    r"|[ \t]+(?i:woont|wonend|wonende|woonachtig)(?:[ \t]+(?i:aan|op|in|te))?[ \t])[ \t]*"
    r"(?:(?i:wonende|woonachtig)[ \t]+(?:(?i:aan|op|in|te)[ \t]+)?)?(?:(?i:de|het)[ \t]+)?"
    r"(?P<street>[^,.;:!?()\n]{3,60}?[0-9][^,.;:!?()\n]{0,12}?)"
    # "Zorgvlied 101 in Bommelsdorp": the place after the number.
    r"(?:[ \t]+(?i:in|te)[ \t]+[A-Z][^\s,.;:!?()]*(?:[ \t]+[A-Z][^\s,.;:!?()]*)?)?"
    # "de heer H. Celik, Kolenbergplein 12-1 - afvalstoffenheffing": a dash ends it too.
    r"(?=[ \t]*(?:[,.;:!?()\n]|[-–][ \t]|$)))?"
)
# After a title the surname may open with its tussenvoegsel: "mevrouw de Visser".
_TITLED_NAME = _NAME.replace(
    "(?P<name>", r"(?P<name>(?:(?:van|de|der|den|ter|ten|het|'t)[ \t]+){0,3}", 1
)
# "de familie Al-Masri aan de Schapendrift 9": a household, by its surname and house.
_FAMILY = r"(?P<family>(?i:familie|fam\.))"
_TITLED_RE = re.compile(
    rf"(?:(?<![\w.])(?:{_TITLE}|{_FAMILY})[ \t]+|{_LABEL}(?:{_TITLE}[ \t]+)?)" + _TITLED_NAME + _AT
)
# "ik ben Mohamed Amrani van Weverstraat 88 1", "Gerda Hulsbos, Weidelanden 27, Brummelo":
# no title, so only a full name with a street and number right after it.
_NAME_AT_RE = re.compile(r"(?<![\w.])" + _NAME + _AT)
# Who the writer names as someone else than the person the letter is about.
# Not "ik ben de buurvrouw van mevrouw Schouten": the writer is hers, the letter about her.
_NOT_THE_PARTY_RE = re.compile(
    r"(?i)(?:(?:buurman|buurvrouw|buren|buurtbewoner|neighbou?r)(?![ \t]+van\b)"
    r"|opgenomen[ \t]+door|aangenomen[ \t]+door|medewerker|behandelaar|contactpersoon"
    r"|wethouder|burgemeester|aan[ \t]*:|cc[ \t]*:"
    # "Ik woon samen met Oksana Kovalenko": a housemate.
    r"|wo(?:on|ont|nen)[ \t]+samen[ \t]+met"
    # "Henk is geen familie van Rudy Smit", "niet te verwarren met J. Smit": set apart.
    r"|\bgeen[ \t]+familie\b|\bniet[ \t]+te[ \t]+verwarren[ \t]+met"
    # "Ik ben Karim Bouzid, de broer van Mohammed Bouzid": the writer gives their own name
    # and is the named person's relative (not "Ik ben de broer van Bertus Eleveld", who
    # writes about him).
    r"|\b(?:ik|wij|we)[ \t]+(?:ben|zijn)[ \t]+(?-i:[A-Z])[^\n]{0,40}\b(?:de|zijn|haar)[ \t]+"
    r"(?:broer|zus"
    r"|zuster|zwager|schoonzus|neef|nicht|oom|tante)(?:[ \t]+van)?)[^\n]{0,25}\Z"
)


# "Ik schrijf dit voor mijn buurvrouw Hendrikje Postma": written for the neighbour, who is
# the party.
_FOR_THE_NEIGHBOUR_RE = re.compile(
    r"(?i)\b(?:voor|namens)[ \t]+(?:mijn|onze|ons|de)[ \t]+(?:buurman|buurvrouw|buren)\b"
    r"[^\n]{0,25}\Z"
)


def _not_the_party(before: str) -> bool:
    """Whether the words before a name make it someone else than the letter's party."""
    return bool(_NOT_THE_PARTY_RE.search(before)) and not _FOR_THE_NEIGHBOUR_RE.search(before)


def mentioned_people(text: str) -> Iterator[Found]:
    """Every person named with a title or label, or as a full name with a street and
    number right after it; ``house_number`` is set where the street came with the name.
    Not the people the writer names as a neighbour or an employee."""
    seen: set[tuple[int, str]] = set()
    yield from _here(text)
    for regex, titled in ((_TITLED_RE, True), (_NAME_AT_RE, False)):
        for m in regex.finditer(text):
            # What stands before the name on its line says whose name it is.
            line = text.rfind("\n", 0, m.start("name")) + 1
            if _not_the_party(text[max(line, m.start("name") - 40) : m.start("name")]):
                continue
            street = street_cell(m["street"], m.start("street")) if m["street"] else None
            # "Fam. Koster" alone is any of the family; with its house, the household's.
            if (not titled or m.groupdict().get("family")) and street is None:
                continue
            written = after_closing(m["name"])
            if m["first"] and len(written.split()) == 1:
                written = f"{m['first']} {written}"
            for name in split_names(written, 1 if titled else 2):
                if not titled and not is_full_name(name):
                    continue
                if (m.start("name"), name) in seen:
                    continue
                seen.add((m.start("name"), name))
                # "person": named with a title ("mevrouw Schouten"), so one person is meant
                # even without an initial; "name": a full name with a street.
                yield _named("person" if titled else "name", name, m, street, 0.7)


def _named(
    kind: str, name: str, m: re.Match[str], street: Found | None, confidence: float
) -> Found:
    """A person found by ``m``'s ``name`` group, with the house of the street given with
    the name, if any."""
    return Found(
        kind, name, m.start("name"), m.end("name"), confidence,
        house_number=street.house_number if street else None,
    )  # fmt: skip


# "sem de wit hier van kanaalstraat 3a", "Met Jan Bos hier": how a chat or a phone-typed
# email opens, often in lower case.
_HERE_RE = re.compile(
    r"(?im)(?:^|[.!?][ \t]+)(?:(?:hoi|hallo|hey|hee|goedemorgen|goedemiddag|goedenavond|dag)"
    r"[ \t]*[!,.]*[ \t]+)?(?:met[ \t]+)?"
    r"(?P<name>[^\W\d_]{2,}(?:[ \t]+(?:van|de|der|den|ter|ten|el|al|vd))*[ \t]+[^\W\d_]{2,})"
    r"[ \t]+hier\b(?:[ \t]+(?:van|uit|aan|op)[ \t]+(?:de[ \t]+)?"
    r"(?P<street>[^,.;:!?()\n]{3,40}?[0-9][^,.;:!?()\n]{0,6}?)(?=[ \t]*(?:[,.;:!?()\n]|$)))?"
    # "ben kevin ter braak van de eikenlaan 88": introduced with the street, in lower case.
    r"|(?:^|[.!?,][ \t]+)(?:ik[ \t]+)?ben[ \t]+"
    r"(?!(?:de|het|een|die|dat|er|nu|al|ook|zo|niet|wel|geen|hier|daar)\b)"
    r"(?P<name2>[^\W\d_]{2,}(?:[ \t]+(?:van|de|der|den|ter|ten|el|al|vd))*[ \t]+[^\W\d_]{2,})"
    r"[ \t]+(?:van|uit|aan|op)[ \t]+(?:de[ \t]+)?"
    r"(?P<street2>[^,.;:!?()\n]{3,40}?[0-9][^,.;:!?()\n]{0,6}?)(?=[ \t]*(?:[,.;:!?()\n]|$))"
)


def _here(text: str) -> Iterator[Found]:
    for m in _HERE_RE.finditer(text):
        group, where = ("name", "street") if m["name"] else ("name2", "street2")
        name = " ".join(
            w if w.lower() in _PARTICLE_WORDS else w.capitalize() for w in m[group].split()
        )
        if not is_full_name(name):
            continue
        street = street_cell(m[where], m.start(where), True) if m[where] else None
        if group == "name2" and street is None:
            continue  # "ben blij met de 2 ...": only a name with a street
        yield Found(
            "name", name, m.start(group), m.end(group), 0.6,
            house_number=street.house_number if street else None,
        )  # fmt: skip


_PARTICLE_WORDS = frozenset({"van", "de", "der", "den", "ter", "ten", "el", "al", "vd"})

# "mijn" (also as dialects and speech write it: "mien man", Frisian "myn", "m'n"), and the
# German and English of residents writing in their own language ("mein Mann Dieter", "my
# wife Anna").
_MY = r"(?i:mijn|onze|mien|myn|m['’]n|mein|meine|unser|unsere|my|our)"
_PARTNERS = r"mann|frau|ehemann|ehefrau|husband|wife"
_KIN = rf"{_PARTNERS}|sohn|tochter|mutter|vater|son|daughter|mother|father"

# "Mijn vrouw Riek", "onze dochter Femke": a relative by first name, who shares the
# writer's surname more often than not (matching adds it and still wants the house).
_RELATIVE_RE = re.compile(
    rf"\b{_MY}[ \t]+(?i:vrouw|man|echtgeno(?:te|ot)|partner|zoon|dochter|moeder|vader|{_KIN})"
    r"[ \t]*,?[ \t]+(?P<first>[A-Z][a-zà-ÿ]{1,15})(?![\w-]|[ \t]+[A-Z])"
)


# "mijn man heeft gebeld over ...": a partner, not named, whose case at the writer's house
# the letter may follow up.
# A phone note's third person: "Meneer belt namens zijn vrouw".
_PARTNER_RE = re.compile(
    rf"(?:\b{_MY}|\b(?i:namens|voor)[ \t]+(?i:zijn|haar))[ \t]+"
    rf"(?i:vrouw|man|echtgeno(?:te|ot)|partner|{_PARTNERS})\b"
    r"(?![ \t]*,?[ \t]*[A-Z])"
)


def relatives(text: str) -> Iterator[Found]:
    """Relatives the writer names by first name only ("mijn vrouw Riek"), and a partner
    not named ("mijn man heeft gebeld"; the value is empty)."""
    for m in _RELATIVE_RE.finditer(text):
        yield Found("first_name", m["first"], m.start("first"), m.end("first"), 0.6)
    for m in _PARTNER_RE.finditer(text):
        yield Found("first_name", "", m.start(), m.end(), 0.5)


# "Bakkerij Tuin V.O.F.", "Stichting Het Anker": an organisation by its legal form or kind.
_ORGANISATION_NAME_RE = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][\w&'’.-]*[ \t]+"
    r"(?:(?:[A-Z][\w&'’.-]*|van|de|het|der|den|en|op|aan|&)[ \t]+){0,5}"
    r"(?:B\.?V\.?|V\.?O\.?F\.?|N\.?V\.?)"
    r"(?![\w])|(?:Stichting|Vereniging|Coöperatie)(?:[ \t]+(?:[A-Z][\w'’-]*|de|het|van|voor)){1,4})"
)


# "ons zangkoor Laus Deo", "Wij van vrouwenvereniging Cicek", "Namens St.-Cecilia",
# "namens RKVVS": the writer's own club, by what people call it.
_OWN_ORGANISATION_RE = re.compile(
    r"(?i:\b(?:ons|onze|wij[ \t]+van|namens(?:[ \t]+het[ \t]+bestuur[ \t]+van)?)[ \t]+"
    r"(?:de[ \t]+|het[ \t]+)?)"
    r"(?P<name>(?:(?i:\w*(?:koor|vereniging|stichting|club)|harmonie|fanfare|schutterij|moskee"
    r"|kerk|parochie|hoeve|caf[eé]|grillroom|snackbar|zaal)[ \t]+)?"
    r"(?:St\.?[ \t-]?|Sint-)?[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|de|het|van|al|el)){0,3})"
)


# "100 jaar Muziekvereniging Eendracht", "de Scouting Servaas": a kind and a name.
_KIND_NAME_RE = re.compile(
    r"(?<![\w-])(?P<name>(?:[A-Z]\w*(?:vereniging|stichting|club|koor)|Harmonie|Fanfare"
    r"|Schutterij|Scouting|Moskee|Zangkoor"
    # "de coöperatie De Wâlden", "zuivelfabriek De Wâlden", "het bouwbedrijf Sytsma": the
    # kind in lower case, the name capitalised.
    r"|[a-z]\w*(?:vereniging|stichting|fabriek|bedrijf)|co[oö]peratie|stichting|vereniging)"
    r"[ \t]+(?:(?:St\.?[ \t-]?|Sint-)?[A-Z][\w'’.-]*"
    r"(?:[ \t]+(?:[A-Z][\w'’.-]*|de|het|van)){0,3}))"
)


def mentioned_organisations(text: str) -> Iterator[Found]:
    """Organisations the text names with a legal form or kind, anywhere, and the writer's
    own club or firm as people call it ("ons zangkoor Laus Deo", "namens RKVVS")."""
    for m in _ORGANISATION_NAME_RE.finditer(text):
        yield Found("organisation", m["name"].strip(), m.start("name"), m.end("name"), 0.6)
    for m in chain(_OWN_ORGANISATION_RE.finditer(text), _KIND_NAME_RE.finditer(text)):
        name = m["name"].strip(" .")
        yield Found("organisation", name, m.start("name"), m.start("name") + len(name), 0.5)


# "mijn huis op nummer 2", "wij wonen op nr. 14": the writer's number without the street.
_OWN_NUMBER_RE = re.compile(
    r"(?i)\b(?:mijn|ons|onze)[ \t]+(?:huis|woning|deur|tuin|pand|adres)\b[^\n.!?]{0,20}?"
    r"\b(?:op|aan)?[ \t]*(?:nummer|nr\.?|no\.?|huisnummer)[ \t]*(?P<number>[1-9][0-9]{0,4}"
    r"(?:[ \t]?[-/][ \t]?[A-Za-z0-9]{1,3}|[ \t]?[A-Za-z](?![A-Za-z]))?)"
)


# "Bij nr 9", "op nummer 12": a house number on its own; not an invoice's, a phone's.
_NUMBER_RE = re.compile(
    r"(?i)(?<!factuur[ \t])(?<!zaak[ \t])(?<!klant[ \t])(?<!order[ \t])(?<!artikel[ \t])"
    r"(?<!bijlage[ \t])(?<!kamer[ \t])(?<!lijn[ \t])(?<!bus[ \t])"
    r"\b(?:nr\.?|nummer|huisnummer)[ \t]*(?P<number>[1-9][0-9]{0,4}"
    r"(?:[ \t]?[-/][ \t]?[A-Za-z0-9]{1,3}|[A-Za-z](?![A-Za-z]))?)(?![0-9])"
)


# "de flat (Leijen 101)": a street of any name with its number, alone in brackets.
_BRACKETED_STREET_RE = re.compile(
    r"\((?P<street>[A-Z][a-zà-ÿ]+(?:[ \t][A-Z][a-zà-ÿ]+)?)[ \t]+"
    r"(?P<number>[1-9][0-9]{0,4}(?:[ \t]?[-/][ \t]?[A-Za-z0-9]{1,3}|[A-Za-z])?)\)"
)


def house_numbers(text: str) -> Iterator[Found]:
    """Every street with a number in the text, and a number the writer calls their
    house's or gives as a number ("bij nr 9"): evidence beside a name, never a party on
    its own (a melding gives the place of the broken lamp, not always the writer's
    home)."""
    yield from prose_streets(text, lower_case=not any(c.isupper() for c in text))
    for m in _BRACKETED_STREET_RE.finditer(text):
        if street_cell(f"{m['street']} {m['number']}", m.start("street")) is not None:
            number = re.sub(r"[ \t/-]+", "-", m["number"]).upper()
            yield Found("street", m["street"], m.start(), m.end(), 0.6, house_number=number)
    for regex in (_OWN_NUMBER_RE, _NUMBER_RE):
        for m in regex.finditer(text):
            number = re.sub(r"[ \t]+", "", m["number"])
            yield Found("street", "", m.start(), m.end(), 0.6, house_number=number)


# Capitalised words that open sentences or greet, never surnames worth a look-up.
_NOT_SURNAMES = frozenset(
    {"ik", "wij", "we", "u", "jij", "je", "hij", "zij", "ze", "het", "de", "een", "dit", "dat"}
    | {"deze", "die", "er", "hier", "daar", "mijn", "ons", "onze", "uw", "graag", "geachte"}
    | {"beste", "hallo", "hoi", "dag", "goedemorgen", "goedemiddag", "goedenavond", "met"}
    | {"vriendelijke", "groet", "groeten", "hartelijke", "hoogachtend", "bedankt", "dank"}
    | {"alvast", "sinds", "toen", "nu", "ook", "maar", "want", "omdat", "als", "wanneer"}
    | {"waarom", "hoe", "wat", "wie", "welke", "kunt", "kan", "wilt", "wil", "zou", "moet"}
    | {"mag", "is", "zijn", "was", "hierbij", "bijgaand", "namens", "betreft", "onderwerp"}
    | {"datum", "aan", "van", "voor", "naar", "bij", "op", "in", "over", "onder", "gemeente"}
    | {"college", "burgemeester", "wethouders", "afdeling", "team", "postbus", "telefoon"}
    | {"tel", "email", "mail", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"}
    | {"zaterdag", "zondag", "dear", "sir", "madam", "kind", "regards", "the", "and", "for"}
    | {"with", "from", "this", "that", "please", "thank", "thanks", "yours", "sincerely"}
    | set(MONTHS)
)
#: Capitalised words that are no one's name: greetings, pronouns, question words.
NOT_SURNAMES = _NOT_SURNAMES

_CAPITALISED_RE = re.compile(r"(?<![\w@.-])[A-Z][a-zà-ÿı'’]{2,}(?:-[A-Z][a-zà-ÿı'’]{2,})?")


def capitalised_words(text: str, limit: int = 40) -> list[str]:
    """The capitalised words of ``text`` that may be surnames, as surname keys, first seen
    first: the register looks them up, so a person named in any phrasing is found."""
    keys: dict[str, None] = {}
    for m in _CAPITALISED_RE.finditer(text):
        if m[0].lower() in _NOT_SURNAMES:
            continue
        for key in surname_keys(m[0]):
            keys.setdefault(key, None)
        if len(keys) >= limit:
            break
    return list(keys)


# A name's first part as letters write it before a surname: initials, first names,
# tussenvoegsels ("K. Smeenk", "Lenie Schout", "P.J. van 't Westeinde").
_BEFORE_SURNAME_RE = re.compile(
    r"(?<![\w.'’])(?:(?:[A-Z][a-z]?\.[ \t]*)+|(?:[A-Z][a-zà-ÿ]+|[A-Z])[ \t]+"
    # "J.Th. (Hans) Kramer": the name he goes by in brackets.
    r"|\([A-Z][a-zà-ÿ]+\)[ \t]+"
    r"|(?:van|de|der|den|ter|ten|het|'t|’t|vd|v\.d\.|el|al)[ \t]+){1,5}\Z"
)
# A house number after the name on its line: "(Holtdijk 15)", ", Kerkring 3a Walinge",
# "woont aan de Wilhelminastraat 23", "van kanaalstraat 3a". Not an age, a date, an amount.
_HOUSE_AFTER_RE = re.compile(
    r"\A[^\n0-9]{0,60}?(?<=[A-Za-zà-ÿ.][ \t])(?:nr\.?[ \t]*|nummer[ \t]+)?"
    r"(?P<number>[1-9][0-9]{0,4}(?:[ \t]?[-/][ \t]?[A-Za-z0-9]{1,3}|[ \t]?(?:III|II|IV|I)\b"
    r"|[ \t]?[A-Za-z](?![A-Za-z]))?)"
    # Not a date: "geb. 12-03-1938".
    r"(?![0-9]|[-/.][0-9]|[ \t]*(?i:%|euro|jaar|jr|meter|m\b|cm\b|uur|minuten|dagen|weken"
    r"|maanden|kramen|personen|bezoekers|januari|februari|maart|april|mei|juni|juli|augustus|september"
    r"|oktober|november|december|[.:]\d))"
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def named_around(text: str, keys: set[str]) -> Iterator[Found]:
    """Every place ``text`` writes one of the surname ``keys``, as the name written there
    (with the first names or initials before it on its line) and the house number after
    it on its line, if any. Not where the writer calls the person a neighbour or an
    employee. Matching weighs these as mentions."""
    for m in _WORD_RE.finditer(text):
        if not keys.intersection(surname_keys(m[0])):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        # The whole surname: "Bakker-Oosting", "Schout-Bosselaar".
        end = m.end()
        while (more := re.match(r"-[^\W\d_]+", text[end:line_end])) is not None:
            end += more.end()
        before = _BEFORE_SURNAME_RE.search(text[max(line_start, m.start() - 40) : m.start()])
        if before is None:
            continue  # a surname alone names no one person
        start = m.start() - len(before[0])
        if _not_the_party(text[max(line_start, start - 40) : start]):
            continue
        name = after_closing(f"{before[0]}{text[m.start() : end]}").strip()
        house = _HOUSE_AFTER_RE.match(text[end : min(line_end, end + 80)])
        number = re.sub(r"[ \t]+", "", house["number"]).upper() if house else None
        yield Found("name", " ".join(name.split()), start, end, 0.5, house_number=number)
