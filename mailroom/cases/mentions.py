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

from mailroom.cases.addresses import STREET_SUFFIXES, prose_streets, street_cell
from mailroom.cases.found import Found
from mailroom.cases.names import is_full_name, split_names

__all__ = ["house_numbers", "mentioned_people"]

_TITLE = r"(?i:(?:de[ \t]+)?heer|mevrouw|mevr\.?|mw\.?|dhr\.?|meneer|mr\.|mrs\.?|ms\.)"
# A label a form, a phone note or a letter's reference line puts before a person.
_LABEL = (
    r"(?im:^[ \t]*(?:beller|over|betreft|belanghebbende|aanvrager|cli[eë]nte?|bewoner"
    r"|melder|namens|inwoner|burger)[ \t]*:?[ \t]*)"
)
# Initials as letters write them ("P.C.", "B.Th.", "M.E."), first names, tussenvoegsels and
# a (double) surname, on one line. A tussenvoegsel never stands before a street ("van
# Weverstraat 88"): that is where the person lives.
_STREET_AHEAD = rf"(?![ \t]+[A-Z][^\s\d]*(?:{'|'.join(STREET_SUFFIXES)})\b)"
_NAME = (
    r"(?P<name>(?:(?:[A-Z][a-z]?\.)+|[A-Z][\w'’-]*)"
    r"(?:[ \t]*(?:(?:[A-Z][a-z]?\.)+|(?<=[ \t])[A-Z][\w'’-]*"
    rf"|(?<=[ \t])(?:van|de|der|den|het|ter|ten|te|'t|el|al|vd){_STREET_AHEAD}(?=[ \t])))"
    r"{0,5})"
)
# What may stand between the name and the person's street: "Theo Ros, Beukenlaan 21",
# "H. Jongbloed (Holtdijk 15)", "Amrani van Weverstraat 88 1", "wonende aan de ...".
_AT = (
    r"(?:[ \t]*(?:,|\(|[ \t](?i:van|aan|op|uit|in)[ \t])[ \t]*"
    r"(?:(?i:wonende|woonachtig)[ \t]+(?:(?i:aan|op|in|te)[ \t]+)?)?(?:(?i:de|het)[ \t]+)?"
    r"(?P<street>[^,.;:!?()\n]{3,60}?[0-9][^,.;:!?()\n]{0,12}?)(?=[ \t]*(?:[,.;:!?()\n]|$)))?"
)
_TITLED_RE = re.compile(rf"(?:(?<![\w.]){_TITLE}[ \t]+|{_LABEL}(?:{_TITLE}[ \t]+)?)" + _NAME + _AT)
# "ik ben Mohamed Amrani van Weverstraat 88 1", "Gerda Hulsbos, Weidelanden 27, Brummelo":
# no title, so only a full name with a street and number right after it.
_NAME_AT_RE = re.compile(r"(?<![\w.])" + _NAME + _AT)
# Who the writer names as someone else than the person the letter is about.
# Not "ik ben de buurvrouw van mevrouw Schouten": the writer is hers, the letter about her.
_NOT_THE_PARTY_RE = re.compile(
    r"(?i)(?:(?:buurman|buurvrouw|buren|buurtbewoner|neighbou?r)(?![ \t]+van\b)"
    r"|opgenomen[ \t]+door|aangenomen[ \t]+door|medewerker|behandelaar|contactpersoon"
    r"|wethouder|burgemeester|aan[ \t]*:|cc[ \t]*:)[^\n]{0,25}$"
)
# A closing on the name's line: "Groet Wim Verbeek, Dorpsstraat 23", "gr Frits".
_CLOSING_WORD_RE = re.compile(
    r"(?i)^(?:(?:met[ \t]+)?(?:vriendelijke[ \t]+)?groet(?:en|jes)?|gr|mvg|liefs|doei|thanks"
    r"|regards|cheers|dank(?:[ \t]+je)?)[ \t,.!]+"
)


def mentioned_people(text: str) -> Iterator[Found]:
    """Every person named with a title or label, or as a full name with a street and
    number right after it; ``house_number`` is set where the street came with the name.
    Not the people the writer names as a neighbour or an employee."""
    seen: set[tuple[int, str]] = set()
    for regex, titled in ((_TITLED_RE, True), (_NAME_AT_RE, False)):
        for m in regex.finditer(text):
            if _NOT_THE_PARTY_RE.search(text, max(0, m.start() - 40), m.start()):
                continue
            street = street_cell(m["street"], m.start("street")) if m["street"] else None
            if not titled and street is None:
                continue
            for name in split_names(_CLOSING_WORD_RE.sub("", m["name"]), 1 if titled else 2):
                if not titled and not is_full_name(name):
                    continue
                if (m.start("name"), name) in seen:
                    continue
                seen.add((m.start("name"), name))
                # "person": named with a title ("mevrouw Schouten"), so one person is meant
                # even without an initial; "name": a full name with a street.
                yield Found(
                    "person" if titled else "name", name, m.start("name"), m.end("name"), 0.7,
                    house_number=street.house_number if street else None,
                )  # fmt: skip


# "mijn huis op nummer 2", "wij wonen op nr. 14": the writer's number without the street.
_OWN_NUMBER_RE = re.compile(
    r"(?i)\b(?:mijn|ons|onze)[ \t]+(?:huis|woning|deur|tuin|pand|adres)\b[^\n.!?]{0,20}?"
    r"\b(?:op|aan)?[ \t]*(?:nummer|nr\.?|no\.?|huisnummer)[ \t]*(?P<number>[1-9][0-9]{0,4}"
    r"(?:[ \t]?[-/][ \t]?[A-Za-z0-9]{1,3}|[ \t]?[A-Za-z](?![A-Za-z]))?)"
)


def house_numbers(text: str) -> Iterator[Found]:
    """Every street with a number in the text, and a number the writer calls their
    house's: evidence beside a name, never a party on its own (a melding gives the place
    of the broken lamp, not always the writer's home)."""
    yield from prose_streets(text)
    for m in _OWN_NUMBER_RE.finditer(text):
        number = re.sub(r"[ \t]+", "", m["number"])
        yield Found("street", "", m.start(), m.end(), 0.6, house_number=number)
