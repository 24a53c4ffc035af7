"""Identifiers in a letter's text: the keys that tie a document to a case or a person.

``extract`` finds them all at once; every finder is a pure function on text, so the
match stage runs them on OCR output and on email bodies alike. Two rules keep false
hits down. OCR damage is repaired only where the shape leaves no doubt (a digit
position inside a case number). Numbers that look like any other number (BSN, KvK)
are taken only right after the word that names them, because a bare nine-digit
number in a letter is as often a phone or account number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.utils import parseaddr
from itertools import chain

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from mailroom.cases.addresses import (
    former_streets,
    own_streets,
    postcode_addresses,
    street_cell,
    their_streets,
)
from mailroom.cases.found import Found, mask_bsn
from mailroom.cases.mentions import (
    house_numbers,
    mentioned_organisations,
    mentioned_people,
    relatives,
)
from mailroom.cases.message import Layout, layout
from mailroom.cases.names import is_full_name, split_names
from mailroom.cases.signatures import signatures, signed_from

__all__ = [
    "CASE_NUMBER_RE",
    "Found",
    "Identifiers",
    "extract",
    "find_case_numbers",
    "is_valid_bsn",
    "is_valid_iban",
    "mask_bsn",
    "to_municipality",
]


@dataclass(frozen=True)
class Identifiers:
    """Everything ``extract`` found in one document, one record per distinct value.

    Each record says where it stands (``Found.where``): the writer's own words, the
    email's header (sender, subject) or a quoted message.
    """

    case_numbers: tuple[Found, ...]
    bsns: tuple[Found, ...]
    kvks: tuple[Found, ...]
    ibans: tuple[Found, ...]
    addresses: tuple[Found, ...]
    invoice_numbers: tuple[Found, ...]
    emails: tuple[Found, ...]
    names: tuple[Found, ...]
    #: The writer writes for someone else (lawyer, notary, guardian, relative, social worker).
    on_behalf: bool
    #: Streets with a house number but no postcode, where the text says they are the
    #: writer's own (a signature, an address block, "ons huis aan de ...").
    streets: tuple[Found, ...] = ()
    #: An email forwarding a message ("Fwd:"): its quoted case numbers may be anyone's.
    forwarded: bool = False
    #: The person a letter written on someone's behalf is about ("namens mijn moeder,
    #: mevrouw A. Jansen-Kok", "Cliënt: de heer W. Bakker").
    about: tuple[Found, ...] = ()
    #: That person's street and number, given with their name ("de heer A. Bouzid,
    #: Ganzenwei 21 in Angeren") or as their home ("haar huis aan de Rozenhof 8"): the
    #: writer's own address, elsewhere in the letter, does not make it the writer's.
    about_streets: tuple[Found, ...] = ()
    #: Names under the writer's in a signature that may be their organisation's.
    organisations: tuple[Found, ...] = ()
    #: A first name alone signing the letter ("Groet,\nJohan").
    first_names: tuple[Found, ...] = ()
    #: People named with a title or label, or a full name with their street, anywhere in
    #: the writer's words, the subject or a forwarded message (see :mod:`.mentions`);
    #: ``house_number`` where the street came with the name.
    mentioned: tuple[Found, ...] = ()
    #: Every house number the writer's words give with a street, or as their house's.
    house_numbers: tuple[Found, ...] = ()
    #: Relatives named by first name only ("mijn vrouw Riek"), and a partner not named
    #: ("mijn man heeft gebeld": an empty value).
    relatives: tuple[Found, ...] = ()
    #: Relatives named in full right after the word for them ("Mijn moeder, mevrouw F.
    #: Bouzid, heeft een brief gekregen", "mijn moeder, Tiny Coenen, woont ..."): whom a
    #: letter from the family is most often about, whether or not it says "namens".
    kin: tuple[Found, ...] = ()
    #: The writer asks for themselves, apart from someone else ("voor mezelf", "mijn eigen
    #: auto", "Nu ben ik zelf aan de beurt").
    for_self: bool = False
    #: Organisations named with a legal form or kind anywhere ("cliënt Bakkerij Tuin V.O.F.").
    named_organisations: tuple[Found, ...] = ()
    #: The writer says this is a new request, apart from one they have running ("los van
    #: mijn lopende verzoek", "Hierbij dien ik een nieuw verzoek in", "Nieuw Woo-verzoek").
    new_request: bool = False
    #: What "Dit staat los van de procedure die onze advocaat voert" sets apart, where it is
    #: all that calls the letter a new request: another matter, or the open case itself.
    apart_from: tuple[str, ...] = ()
    #: The writer asks whether something needs a request of its own ("Moet dat apart?"):
    #: a new one, unless they speak of the open case it would go with.
    asks_apart: bool = False
    #: What the writer makes now — "bezwaar", "klacht", "verzoek" ("Ik maak bezwaar
    #: tegen", "dien ik een klacht in"): a new one, whatever was made before.
    made_now: frozenset[str] = frozenset()
    #: What the writer speaks of as made before — "bezwaar", "klacht", "verzoek",
    #: "aanvraag", "melding" ("heb ik bezwaar gemaakt", "aanvulling van de gronden").
    made_before: frozenset[str] = frozenset()
    #: The writer speaks of a request made before or of a matter still going on ("mijn
    #: melding", "heb ik gemeld", "nog steeds").
    earlier: bool = False
    #: Requests the writer sets this letter apart from ("Los van mijn melding over de
    #: takken": "melding"): one of the letter's own type makes it a new one.
    set_aside: frozenset[str] = frozenset()
    #: The writer asks for something or reports something with this letter ("we willen
    #: een burendag houden", "hierbij meld ik", "I would like to apply"), without
    #: speaking of a request they made before: weighed against the party's open case.
    asks_now: bool = False
    #: The last lines of the writer's own words (signature, organisation, address), and
    #: the sender's name as the email header gives it: where a writer says who they are.
    closing: tuple[str, ...] = field(default=(), repr=False)
    #: The letter's text and the email's subject: what it is about, when a party has
    #: several open cases of a type. Not in the repr: the text carries personal data.
    text: str = field(default="", repr=False)
    subject: str = field(default="", repr=False)

    def all(self) -> list[Found]:
        """All identifiers in text order; those from the email header come first."""
        kinds = (self.case_numbers, self.bsns, self.kvks, self.ibans, self.addresses)
        rest = (self.streets, self.invoice_numbers, self.emails, self.names)
        return sorted(chain(*kinds, *rest), key=lambda f: f.start)


# "Kolenbergweg l8": OCR reads a 1 as l or I in a house number after a street (one letter
# for one, so every position found stays the text's).
# A houseboat's berth, "Prinsengracht t/o 263" or "ligplaats bij Prinsengracht 271": the
# address register writes it as the number with the addition TO (tegenover).
_BERTH_RE = re.compile(
    r"(?i)\b(?:ligplaats[ \t]+(?:bij|voor|tegenover|t/o)[ \t]+(?P<s1>(?-i:[A-Z])[^\W\d_]+(?:[ \t]"
    r"[^\W\d_]+){0,2})[ \t]+(?P<n1>[1-9][0-9]{0,4})"
    r"|(?P<s2>(?-i:[A-Z])[^\W\d_]+)[ \t]+(?:t/o|tegenover)[ \t]+(?P<n2>[1-9][0-9]{0,4}))\b(?![-/])"
)


def _berth(m: re.Match[str]) -> str:
    return f"{m['s1'] or m['s2']} {m['n1'] or m['n2']}-TO"


_OCR_HOUSE_RE = re.compile(
    r"((?:straat|weg|laan|plein|hof|kade|pad|dijk|singel|gracht|steeg|dreef|park|ring|markt"
    r"|gang|plaats)[ \t]+)[lI]([0-9]{1,3}[a-zA-Z]?\b)"
)


def extract(
    text: str,
    sender: str | None = None,
    case_patterns: Sequence[str] = (),
    subject: str | None = None,
) -> Identifiers:
    """Every identifier in ``text``; ``sender`` and ``subject`` are the email's From and
    Subject headers, if any (the subject is read for case and invoice numbers).

    ``case_patterns`` are extra case-number regexes (see :func:`find_case_numbers`).
    """
    text = _OCR_HOUSE_RE.sub(r"\g<1>1\2", text)
    text = _BERTH_RE.sub(_berth, text)
    name, address = _parse_sender(sender)
    lay = layout(text, writer=(name, address))
    bsns, kvks = _labelled_numbers(text)
    header_email = [Found("email", address, -1, -1, where="header")] if address else []
    header_name = [Found("name", name, -1, -1, where="header")] if name else []
    if not name and (shown := _name_beside_address(text, address)):
        # The sender's name as a mail client showed it in a quoted message's header lines.
        header_name = [Found("name", shown, -1, -1, where="header")]
    elif not name and (guessed := _names_in_address(address)):
        header_name = [Found("name", g, -1, -1, 0.5, where="header") for g in guessed]
    if (greeted := _greeted_surname(text, address)) and (
        not name or len(name.split()) == 1 or _CUT_NAME_RE.match(name)
    ):
        # "kim <kimmiebos@…>" quoting "> Beste mevrouw Bos,": the municipality wrote to
        # her, and her address spells the surname it greets her by.
        first = name.split()[0] if name else ""
        full = f"{first} {greeted}".strip()
        header_name = [*header_name, Found("name", full, -1, -1, 0.8, where="header")]
    signed = signatures(text, lay.where)
    forwarded = lay.forwarded or bool(_FORWARD_SUBJECT_RE.match(subject or ""))

    def passed_on(found: Iterable[Found]) -> Iterator[Found]:
        # A forward passes on the person's own message: who it names counts, unlike a
        # reply's quote of the municipality's letter (its employees, its address).
        return (f for f in _placed(found, lay) if f.where != "quoted" or forwarded)

    about = tuple(f for f in _placed(_about_names(text), lay) if f.where != "quoted")
    # A home the writer moved from counts as the home of whom a letter is for does.
    about_streets = (*(_about_streets(text) if about else ()), *former_streets(text))
    addresses = _unique(_placed(postcode_addresses(text), lay), _address_key)
    own = {f.house_number for f in addresses if f.where != "quoted"}
    streets = (
        f
        for f in chain(
            own_streets(text),
            signed.streets,
            _introduced_streets(text),
            _top_street(text),
            _form_streets(text),
        )
        if f.house_number not in own and not _abroad(text, f)
    )
    return Identifiers(
        case_numbers=_unique(
            chain(
                _placed(find_case_numbers(text, case_patterns), lay),
                _from_header(find_case_numbers(subject or "", case_patterns)),
            ),
            _by_value,
        ),
        bsns=_unique(_placed(bsns, lay), _by_value),
        kvks=_unique(_placed(kvks, lay), _by_value),
        ibans=_unique(_placed((_iban(m) for m in _IBAN_RE.finditer(text)), lay), _by_value),
        addresses=addresses,
        streets=_unique(_placed(streets, lay), lambda f: (f.value.casefold(), f.house_number)),
        invoice_numbers=_unique(
            chain(
                _placed(_invoice_numbers(text), lay),
                _from_header(_invoice_numbers(subject) if subject else ()),
            ),
            _by_value,
        ),
        emails=_unique(chain(header_email, _placed(_emails(text), lay)), _by_value),
        names=_unique(
            chain(header_name, _placed(chain(_names(text), signed.names), lay)),
            # A name guessed from the address never stands in for the same name written.
            lambda f: (f.value.casefold(), f.where == "header" and f.confidence < 1),
        ),
        organisations=_unique(_placed(signed.organisations, lay), lambda f: f.value.casefold()),
        first_names=_unique(_placed(signed.first_names, lay), lambda f: f.value.casefold()),
        on_behalf=bool(about) or _writes_on_behalf(text),
        about=about,
        # "Mijn vader Roelof Hadders is bezig met een aanbouw. Ik wil zelf een dakkapel":
        # a relative beside what the writer asks now is not whom the letter is about.
        kin=()
        if _asks_now(text, lay)
        else tuple(f for f in _placed(_kin_names(text), lay) if f.where != "quoted"),
        about_streets=_unique(
            (f for f in _placed(about_streets, lay) if f.where != "quoted"),
            lambda f: (f.value.casefold(), f.house_number),
        ),
        new_request=_says_new_request(text, subject or "", lay),
        apart_from=_apart_from(text, subject or "", lay),
        asks_apart=_asks_apart(text, lay),
        asks_now=_asks_now(text, lay),
        earlier=_speaks_of_earlier(text, lay),
        set_aside=frozenset(
            (
                m["request"]
                or m["thing"]
                or m["topic"]
                or m["before"]
                or m["aside"]
                or m["other"]
                or m["prior"]
                or _GENERIC_REQUEST_WORDS_RE.sub(
                    " ", m["apart"] or m["before_apart"] or m["own_apart"] or ""
                )
            )
            .strip()
            .lower()
            .removeprefix("woo-")
            .removesuffix("schrift")
            for m in _SET_ASIDE_RE.finditer(text)
            if lay.where(m.start()) == "body"
        ),
        made_before=_requests(_MADE_BEFORE_RE, _MADE_BEFORE_WORDS, text, lay),
        made_now=_requests(_MADE_NOW_RE, _MADE_NOW_WORDS, text, lay),
        closing=(*((name,) if name else ()), *_closing_lines(text, lay)),
        text=text,
        subject=subject or "",
        forwarded=forwarded,
        mentioned=_unique(
            chain(passed_on(mentioned_people(text)), _from_header(mentioned_people(subject or ""))),
            lambda f: (f.value.casefold(), f.house_number),
        ),
        house_numbers=_unique(
            chain(
                passed_on(chain(house_numbers(text), signed.streets, _introduced_streets(text))),
                # "Re: WOZ-waarde Bleekweg 14": the house the mail is about.
                _from_header(house_numbers(subject or "")),
            ),
            lambda f: f.house_number,
        ),
        relatives=_unique(passed_on(relatives(text)), _by_value),
        for_self=any(lay.where(m.start()) == "body" for m in _FOR_SELF_RE.finditer(text)),
        named_organisations=_unique(passed_on(mentioned_organisations(text)), _by_value),
    )


# "voor mijzelf", "mijn eigen auto", "ik zelf", "voor mij": the writer's own matter; not
# where they live ("Ik woon zelf op nummer 19").
_FOR_SELF_RE = re.compile(
    # "voor mijn eigen scootmobiel"; not "De aanvraag staat op mijn eigen naam".
    r"(?i)\b(?:mijzelf|mezelf|m(?:ij|e)[ \t]+zelf|myself|voor[ \t]+mijn[ \t]+eigen"
    # "Kan ik zelf bijstand aanvragen?", "Nu ben ik zelf ook aan de beurt"; not "of ik
    # zelf iets moet bijbetalen".
    r"|ik[ \t]+(?:(?!woon\b|woonde\b)\w+[ \t]+)?zelf\b(?=[ \t]+ook\b|[^.!?\n]{0,40}?"
    r"\b(?:aan(?:vragen|vraag)|vragen|krijgen|indienen|melden|aan[ \t]+de[ \t]+beurt)\b)"
    # "Nu vraag ik voor mij een scootmobiel"; not "Mijn dochter typt dit voor mij".
    r"|(?:vraag|vragen|aanvra\w*)\b[^.!?\n]{0,30}?\bvoor[ \t]+mij)\b"
)


#: How many of the writer's last lines may say who they are (closing, name, role, address).
CLOSING_LINES = 8


def _closing_lines(text: str, lay: Layout) -> list[str]:
    """The last CLOSING_LINES non-blank lines of the writer's own words; not the
    municipality's address, which a short letter's last lines may hold."""
    lines = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip() and lay.where(pos) == "body" and not _ADDRESSEE_LINE_RE.match(line):
            lines.append(line.strip())
        pos += len(line)
    return lines[-CLOSING_LINES:]


# "Aan de gemeente Hogeland-Oost, afdeling vergunningen", "Postbus 3", "t.a.v. team Wmo",
# "An die Gemeinde West-Kreek".
_ADDRESSEE_LINE_RE = re.compile(
    r"(?i)[ \t]*(?:aan[ \t]+(?:de|het)\b|aan[ \t]*:|an[ \t]+(?:die|den)\b"
    r"|t\.[ \t]?a\.[ \t]?v\."
    r"|ter[ \t]+attentie|gemeente\b|gemeinde\b|postbus\b)"
)


def to_municipality(text: str, found: Found) -> bool:
    """Whether an address is the block a letter is addressed to ("Gemeente Grensveen / team
    Parkeren / Markt 1 / 7791 AA Grensveen"): the municipality's, not the writer's."""
    block = text[: max(found.start, 0)].rsplit("\n\n", 1)[-1]
    lines = [line for line in block.splitlines() if line.strip()][-3:]
    return any(_MUNICIPALITY_LINE_RE.match(line) for line in lines)


_MUNICIPALITY_LINE_RE = re.compile(
    r"(?i)[ \t]*(?:aan[ \t]+(?:de[ \t]+|het[ \t]+)?)?(?:gemeente|gemeinde|gemeentehuis"
    r"|college[ \t]+van[ \t]+(?:burgemeester|b[ \t]*(?:&|en)[ \t]*w))\b"
)


# "Fwd:", "FW:", "Doorst:", "WG:" (Weitergeleitet), also after "RE:" ("RE: Fwd: ...").
_FORWARD_SUBJECT_RE = re.compile(r"(?i)\s*(?:(?:re|antw|aw)\s*:\s*)*(?:fwd?|doorst|wg)\s*:")


# "Kapelstraat 8 / 2389 Donkerbeek / België", "Grensweg 12 / 2389 Donkerbeek (B)",
# "Hauptstraße 4, 47533 Kleve": the lines after a street and number that put it abroad.
_ABROAD_RE = re.compile(
    r"[ \t,]*(?:\r?\n[ \t]*)?(?:(?:B|D|NL)-)?(?:[1-9][0-9]{3}|[0-9]{5})[ \t]+[^\W\d_][^\n]{0,40}"
    r"(?:\r?\n[ \t]*[^\n]{0,30})?"
)
_COUNTRY_RE = re.compile(
    r"(?i)\b(?:belgi[eë]|belgium|belgique|duitsland|deutschland|germany|frankrijk|france)\b"
    r"|\((?:B|D|F)\)|(?<![\w-])(?:B|D)-[0-9]{4,5}\b|(?<![0-9])[0-9]{5}[ \t]+[^\W\d_]"
)


# The words every request uses, left out of a sentence said to be apart ("Het bezwaar van
# mijn vader tegen de WOZ-waarde is een andere zaak"): they say nothing of which matter.
_GENERIC_REQUEST_WORDS_RE = re.compile(
    r"(?i)\b(?:aanvraag|aanvragen|melding|verzoek|klacht|bezwaar(?:schrift)?|vergunning"
    r"|subsidie|uitkering|zaak|kwestie|vraag|woning|gemeente|besluit)\b"
)


def _abroad(text: str, found: Found) -> bool:
    """Whether the street and number ``found`` is followed, on its line or the next two, by
    a foreign postcode or country: an address no Dutch register holds."""
    if found.end < 0:
        return False
    after = _ABROAD_RE.match(text, found.end)
    return after is not None and _COUNTRY_RE.search(after[0]) is not None


def _placed(found: Iterable[Found | None], lay: Layout) -> Iterator[Found]:
    """The records with the part of the message they stand in; none from To or Cc lines
    (the municipality's own addresses)."""
    for f in found:
        if f is None:
            continue
        where = lay.where(f.start)
        if where != "recipient":
            yield replace(f, where=where) if where != f.where else f


def _from_header(found: Iterable[Found]) -> Iterator[Found]:
    for f in found:
        yield replace(f, start=-1, end=-1, where="header")


def _by_value(found: Found) -> object:
    return found.value


def _address_key(found: Found) -> object:
    return (found.value, found.house_number)


def _unique(found: Iterable[Found | None], key: Callable[[Found], object]) -> tuple[Found, ...]:
    """One record per key, in order of first appearance, quoted ones last; the most
    confident reading in the same part of the message wins."""
    best: dict[object, Found] = {}
    present = (f for f in found if f is not None)
    for f in sorted(present, key=lambda f: (f.where == "quoted", f.start)):
        k = key(f)
        if k not in best or (f.confidence > best[k].confidence and f.where == best[k].where):
            best[k] = f  # replacing keeps the key's place, so the order stays first-seen
    return tuple(best.values())


# --- case numbers -------------------------------------------------------------------

# Letters OCR reads instead of digits. Applied only inside a number, never to prose.
_OCR_DIGITS = str.maketrans("OoIl|SB", "0011158")
_D = "[0-9OoIl|SB]"
# Between the parts: any dash, spaces or a line break; OCR sometimes drops the dash.
_SEP = r"[ \t]*[-‐‑–—.]?[ \t]*(?:\r?\n[ \t]*)?"
# Inside the ten digits: a gap or dot from typing or OCR, or a line break.
_GAP = r"(?:[ .]{1,2}|[ \t]*\r?\n[ \t]*)?"
# The lookahead stops a nine-digit number borrowing the first letter of the next word.
_CASE_TAIL = (
    rf"(?P<year>{_D}{{4}})(?P<sep>{_SEP})(?P<number>{_D}(?:{_GAP}{_D}){{9}})(?![0-9A-Za-z|])"
)

#: The default case-number format, ZAAK-<year>-<10 digits>, tolerant of OCR damage.
# "Z A A K - 2026 - 0000014022": spaced out, as a reference line in a lawyer's letter.
# "tekening_luchtwasser_ZAAK-2026-0000084103.pdf": an attachment's name, the number after
# an underscore.
CASE_NUMBER_RE = re.compile(
    rf"(?P<prefix>(?i:(?:\b|(?<=_))z[ \t]?a[ \t]?a[ \t]?k))(?P<lead>{_SEP}){_CASE_TAIL}"
)
# "zaaknummer 2026-0000000042": the label stands in for the ZAAK prefix.
# "Uw kenmerk: 2026-0000000042", "referentie 2026-0000000042" too: a year and ten digits
# after the label are this format, whatever the label.
_CASE_LABEL_RE = re.compile(
    r"(?i:\bzaak(?:nummer|nr\b\.?|[ \t]+(?:nummer|nr\b\.?))|\bkenmerk|\breferentie"
    r"|\bdossiernummer)"
    rf"[ \t]*:?[ \t]*{_CASE_TAIL}"
)


_TEN_DIGITS_LABEL_RE = re.compile(
    r"(?i:\bzaak(?:nummer|nr\b\.?|[ \t]+(?:nummer|nr\b\.?))?|\bkenmerk|\breferentie"
    r"|\bdossiernummer)[ \t]*:?[ \t]*(?P<digits>0[0-9]{9})(?![\w-])"
)


def find_case_numbers(text: str, patterns: Sequence[str] = ()) -> list[Found]:
    """Case numbers cited in ``text``, in order of first appearance, one per value.

    The default format is normalised to ``ZAAK-2026-0000000042``; confidence is 1.0
    for a clean match, 0.9 when the layout was odd (split digits, another dash) and
    0.8 when letters had to be read as digits, or for the ten digits alone after a label
    ("kenmerk 0000000042"), read as this year's and last year's number. ``patterns``
    are extra regexes (an older numbering): the group named ``number``, or else the
    whole match, is the value, upper-cased without whitespace.
    """
    found = [_case_number(m, m.start()) for m in CASE_NUMBER_RE.finditer(text)]
    found += [_case_number(m, m.start("year")) for m in _CASE_LABEL_RE.finditer(text)]
    # "Uw kenmerk 0000022010": the year left out is this year's or last year's.
    year = datetime.now(UTC).year
    found += [
        Found("case_number", f"ZAAK-{y}-{m['digits']}", m.start("digits"), m.end("digits"), 0.8)
        for m in _TEN_DIGITS_LABEL_RE.finditer(text)
        for y in (year, year - 1)
    ]
    for pattern in patterns:
        regex = re.compile(pattern)
        group = "number" if "number" in regex.groupindex else 0
        for m in regex.finditer(text):
            value = re.sub(r"\s+", "", m[group] or "").upper()
            if value:
                found.append(Found("case_number", value, m.start(group), m.end(group)))
    return list(_unique(found, _by_value))


def _case_number(m: re.Match[str], start: int) -> Found | None:
    typed = re.sub(r"[\s.]", "", m["number"])
    year, number = m["year"].translate(_OCR_DIGITS), typed.translate(_OCR_DIGITS)
    if not year.startswith(("19", "20")):
        return None  # not a year, so not our format, however well the rest fits
    if year != m["year"] or number != typed:
        confidence = 0.8
    elif (
        m.groupdict().get("lead", "-").strip() == m["sep"].strip() == "-"
        and typed == m["number"]
        and len(m.groupdict().get("prefix") or "zaak") == len("zaak")
    ):
        confidence = 1.0
    else:
        confidence = 0.9
    return Found("case_number", f"ZAAK-{year}-{number}", start, m.end(), confidence)


# --- BSN and KvK --------------------------------------------------------------------

_NUMBER_LABEL_RE = re.compile(
    r"(?i)\b(?:(?P<bsn>burgerservicenummer|bsn(?:-nummer)?|sofi[- ]?nummer)"
    r"|(?P<kvk>kvk(?:-nummer)?|kamer\s+van\s+koophandel|handelsregister))"
)
# The ways people write them: 123456789, 1234.56.789, 123 456 789, 1234 5678. The
# look-arounds keep out digits inside phone numbers (06-12345678), IBANs and dates.
_LABELLED_NUMBER_RE = re.compile(
    r"(?<![\w+/-])(?:\d{4}[ .]\d{2}[ .]\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4} \d{4}|\d{9}|\d{8})"
    r"(?![\w-]|[.,]\d)",
    re.ASCII,  # a BSN is written in ASCII digits; int() would accept others too
)
_LABEL_REACH = 40  # characters from the end of the label to the number


def is_valid_bsn(digits: str) -> bool:
    """Whether ``digits`` is nine digits passing the elfproef (and not all zeros)."""
    # Exactly nine ASCII digits first: stdnum also takes separators, other scripts' digits
    # and eight digits (it pads a zero), which the caller decides about, not this check.
    return re.fullmatch(r"[0-9]{9}", digits) is not None and stdnum_bsn.is_valid(digits)


def _labelled_numbers(text: str) -> tuple[tuple[Found, ...], tuple[Found, ...]]:
    """BSNs and KvK numbers: numbers that the nearest label before them names."""
    labels = list(_NUMBER_LABEL_RE.finditer(text))
    bsns: list[Found] = []
    kvks: list[Found] = []
    for m in _LABELLED_NUMBER_RE.finditer(text):
        label = _label_before(labels, text, m.start())
        if label is None:
            continue
        digits = re.sub(r"\D", "", m[0])
        if label.lastgroup == "kvk":
            if len(digits) == 8:
                kvks.append(Found("kvk", digits, m.start(), m.end()))
            continue
        confidence = 1.0
        if len(digits) == 8:
            # A dropped leading zero is a guess; only believe it straight after the label.
            if not re.fullmatch(r"[\s:.()-]*", text[label.end() : m.start()]):
                continue
            digits, confidence = "0" + digits, 0.8
        if is_valid_bsn(digits):
            bsns.append(Found("bsn", digits, m.start(), m.end(), confidence))
    return _unique(bsns, _by_value), _unique(kvks, _by_value)


def _label_before(labels: list[re.Match[str]], text: str, pos: int) -> re.Match[str] | None:
    # The nearest label wins, and only if no other number stands between it and ``pos``.
    for label in reversed(labels):
        if label.end() <= pos:
            between = text[label.end() : pos]
            ok = len(between) <= _LABEL_REACH and not any(c.isdigit() for c in between)
            return label if ok else None
    return None


# --- IBAN ---------------------------------------------------------------------------

# Generous on purpose (groups of up to four, spaces optional); _iban trims to a valid one.
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ \xa0]?[A-Z0-9]{1,4}){3,8}")


def is_valid_iban(iban: str) -> bool:
    """Whether ``iban`` (spaces allowed) is a valid IBAN: check digits (mod-97) and the
    country's length and account format."""
    compact = re.sub(r"\s", "", iban).upper()
    # ASCII letters and digits only: stdnum would also drop dashes and dots, and a number
    # written with those is not one _IBAN_RE finds either.
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", compact):
        return False
    # check_country=False: stdnum's national checks include lists of bank codes (for BE
    # one without the 539 of the standard's own example), and a list that is out of date
    # must not hide a citizen's account at a newer bank; mod-97 already stops typos.
    return stdnum_iban.is_valid(compact, check_country=False)


def _iban(m: re.Match[str]) -> Found | None:
    # The match may have swallowed a following word ("... 1643 00 EUR"): try shorter.
    compact = re.sub(r"\s", "", m[0])
    for n in range(len(compact), 14, -1):
        if is_valid_iban(compact[:n]):
            end = [i for i, c in enumerate(m[0]) if not c.isspace()][n - 1] + 1
            return Found("iban", compact[:n], m.start(), m.start() + end)
    return None


# --- invoice numbers and emails -----------------------------------------------------

_INVOICE_RE = re.compile(
    # "Notanummer: WZ-2026-031": a care home's or a practice's word for its invoice.
    r"(?i:\b(?:factuurnummer|factuurnr\b\.?|factuur[ \t]+nr\b\.?|notanummer|notanr\b\.?"
    r"|nota[ \t]+nr\b\.?"
    r"|invoice[ \t]+(?:number|no\b\.?|nr\b\.?)"
    r"|(?:creditnota[ \t]+bij|betreft[ \t]*:?)[ \t]+(?:de[ \t]+)?factuur"
    r"(?:[ \t]*(?:nummer|nr\b\.?|no\b\.?))?))"
    r"[ \t]*[:#]?[ \t]*(?P<value>[A-Za-z0-9][A-Za-z0-9/-]{0,39})"
)
# "factuur 2026/00871", "herinnering factuur F-2026-118", "fact. 7735": the number right
# after the word.
# "factuur 2026-0412", "Factuur: TL26-0217", and a reminder's "2e herinnering
# LN-2026-00318", "Betalingsherinnering TL26-0217", a tradesman's "nota F26-0088".
_BARE_INVOICE_RE = re.compile(
    r"(?i:\bfactuur|\bfact\.|\bfactuurnr|\b(?:betalings)?herinnering|\baanmaning|\bnota)"
    r"(?:[ \t]*:)?[ \t]+"
    # "onze factuur 26.0311": a stop inside a number too, not after it.
    r"(?P<value>(?=[A-Za-z/-]*\d)[A-Za-z0-9](?:[A-Za-z0-9/-]|\.(?=[A-Za-z0-9])){3,39})"
)
# "onze factuur daarvoor (nummer 4471, € 1.116,50)", "onze rekening voor de glasbewassing
# van februari (nr. 260102)": the number in brackets or after a comma, later in the sentence.
_NAMED_INVOICE_RE = re.compile(
    r"(?i:\b(?:factuur|rekening|nota)\b[^.\n?!]{0,80}?[(,][ \t]*(?:nummer|nr\b\.?|no\b\.?)"
    r"[ \t]*:?[ \t]*)"
    r"(?P<value>(?=[A-Za-z/-]*\d)[A-Za-z0-9](?:[A-Za-z0-9/-]|\.(?=[A-Za-z0-9])){2,39})"
)
_DATE_RE = re.compile(r"^\d{1,2}-\d{1,2}-\d{2,4}$")
_CELL_SPLIT_RE = re.compile(r"[ \t]{2,}|\t|[ \t]*\|[ \t]*")
_INVOICE_COLUMN_RE = re.compile(r"(?i)factuurn|notan|invoice")
_INVOICE_HEADER_RE = re.compile(
    r"(?i)^(?:factuurnummer|factuurnr\.?|notanummer|notanr\.?|invoice (?:number|no\.?))$"
)
_EMAIL_RE = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


def _invoice_numbers(text: str) -> tuple[Found, ...]:
    found = []
    for m in _INVOICE_RE.finditer(text):
        value = m["value"].rstrip("/-")
        if any(c.isdigit() for c in value):  # "betreft factuur van 3 maart" names none
            found.append(Found("invoice_number", value.upper(), m.start("value"), m.end("value")))
    found += _invoice_numbers_in_tables(text)
    for m in (*_BARE_INVOICE_RE.finditer(text), *_NAMED_INVOICE_RE.finditer(text)):
        value = m["value"].rstrip("/-")
        # "Ons rekeningnummer staat op de factuur: NL63 RABO 0371 8820 14": an account.
        if not _DATE_RE.match(value) and not _IBAN_RE.match(text, m.start("value")):
            found.append(
                Found("invoice_number", value.upper(), m.start("value"), m.end("value"), 0.8)
            )
    return _unique(found, _by_value)


def _invoice_numbers_in_tables(text: str) -> list[Found]:
    """Invoices laid out as tables: the cell under a "Factuurnummer" column header."""
    found: list[Found] = []
    if not _INVOICE_COLUMN_RE.search(text):
        return found  # most letters: no need to cut every line into cells
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    for i, line in enumerate(lines[:-1]):
        cells = [c.strip() for c in _CELL_SPLIT_RE.split(line.strip())]
        column = next((j for j, c in enumerate(cells) if _INVOICE_HEADER_RE.match(c)), None)
        if column is None or len(cells) < 2:
            continue
        below = next((ln for ln in lines[i + 1 : i + 3] if ln.strip()), "")
        values = [c.strip() for c in _CELL_SPLIT_RE.split(below.strip())]
        if len(values) == len(cells) and any(ch.isdigit() for ch in values[column]):
            start = offsets[lines.index(below, i + 1)] + below.find(values[column])
            found.append(
                Found("invoice_number", values[column].upper(), start, start + len(values[column]))
            )
    return found


def _emails(text: str) -> list[Found]:
    return [Found("email", m[0].lower(), m.start(), m.end()) for m in _EMAIL_RE.finditer(text)]


def _parse_sender(sender: str | None) -> tuple[str, str]:
    """(display name, address) from a From header; an empty string for what is missing."""
    if not sender:
        return "", ""
    name, address = parseaddr(sender)
    with suppress(HeaderParseError, LookupError, ValueError):  # undecodable: keep it raw
        name = str(make_header(decode_header(name)))  # "=?utf-8?q?...?=" as mail clients send
    name = "" if "@" in name else " ".join(name.split())
    return name, address.lower() if "@" in address else ""


def _name_beside_address(text: str, address: str) -> str | None:
    """The name shown with the sender's address in the text ("Aan: Lotte Schouten
    <lotteschouten@gmail.com>" in a forwarded message's header), for a sender without a
    display name: a mail client wrote it, so it is the address owner's name."""
    if not address or address not in text.lower():
        return None
    pattern = rf"(?P<name>[^\n<>:;,\"]{{2,60}}?)[\" \t]*<{re.escape(address)}>"
    for m in re.finditer(pattern, text, re.IGNORECASE):
        candidate = m["name"].strip(" \t\"'")
        if is_full_name(candidate):
            return " ".join(candidate.split())
    return None


# "anouk.verbeek85@...", "jan.de.vries@...": a name people put in their address.
_ADDRESS_NAME_RE = re.compile(r"(?P<first>[a-z]+)(?P<rest>(?:[._-][a-z]+){1,3})[0-9]*")
_ADDRESS_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "het", "el"})


# "tom.dewit", "j.vandenberg": a surname written with its tussenvoegsel joined on.
_JOINED_PARTICLE_RE = re.compile(r"(van(?:de[nr]?)?|de|ter|ten|el|al)(?P<surname>[a-z]{3,})")


# The greeting of a quoted letter to the writer: "> Beste mevrouw Bos,".
_QUOTED_GREETING_RE = re.compile(
    r"(?im)^[ \t]*>[ \t>]*(?:geachte|beste|dear)[ \t]+(?:heer|mevrouw|mr\.?|mrs\.?|ms\.?)"
    r"[ \t]+((?:(?:van|de|der|den|ten|ter)[ \t]+)*[A-Z][\w'’-]{1,40}),?[ \t]*$"
)
# "Priya R.": a first name with the surname cut to its letter.
_CUT_NAME_RE = re.compile(r"^[ \t]*[A-Z][a-zà-ÿ]{2,}[ \t]+[A-Z]\.?[ \t]*$")


def _greeted_surname(text: str, address: str) -> str | None:
    """The surname a quoted message greets the writer by, where the sender's address
    spells it ("kimmiebos@" greeted "Beste mevrouw Bos"; "priya.lr@" greeted "mevrouw
    Ramanathan" does not, and is left to the signature)."""
    local = re.sub(r"[^a-z]", "", address.partition("@")[0].lower())
    for m in _QUOTED_GREETING_RE.finditer(text):
        surname = m[1].strip()
        last = re.sub(r"[^a-z]", "", surname.split()[-1].lower())
        if len(last) >= 3 and last in local:
            return surname
    return None


def _names_in_address(address: str) -> list[str]:
    """The name an email address spells as first.last, for a sender without a display
    name; matching only uses it as the writer's name where a name must also agree. A
    surname that may carry its tussenvoegsel ("dewit") is read both ways ("Dewit",
    "de Wit"): only the one a case's name has can agree with it."""
    m = _ADDRESS_NAME_RE.fullmatch(address.split("@")[0])
    if m is None:
        return []
    words = [m["first"], *re.split(r"[._-]", m["rest"][1:])]
    if len(words[-1]) < 2 or words[-1] in _ADDRESS_PARTICLES:
        return []
    first = f"{words[0].upper()}." if len(words[0]) == 1 else words[0].capitalize()
    rest = [w if w in _ADDRESS_PARTICLES else w.capitalize() for w in words[1:]]
    names = [" ".join((first, *rest))]
    if len(words) == 2 and (joined := _JOINED_PARTICLE_RE.fullmatch(words[1])):
        particle = joined[1].replace("vande", "van de")  # "van den", "van der" too
        names.append(f"{first} {particle} {joined['surname'].capitalize()}")
    return names


# --- names ------------------------------------------------------------------------

# "Naam: Anouk Verbeek", "Afzender: Tom de Wit, Rozenstraat 3, 6687 DL Angeren".
_FORM_NAME_RE = re.compile(
    # "Beller: mw. Ank Kuipers, Kerkpad 7": a phone note taken by the contact centre.
    r"(?im)^[ \t]*(?:naam(?:[ \t]+(?:melder|aanvrager|indiener|bewoner|contactpersoon))?"
    r"|name|afzender|aanvrager|indiener|sender|beller|contactpersoon|melder)[ \t]*:[ \t]*"
    r"(?P<name>[^\n]*?)[ \t]*\r?$"
)
_UNDERSIGNED_RE = re.compile(
    r"(?i)\bondergetekende\b[ \t]*,?[ \t]*(?P<name>[^,\n]{2,80}?)"
    r"(?=[ \t]*(?:,|\r?\n|$)|[ \t]+(?:wonende|geboren|woonachtig|verklaart)\b)"
)


# "Voornaam: Mariska / Tussenvoegsel: van / Achternaam: Lubbers": a web form's fields.
_FORM_PART_RE = re.compile(
    r"(?im)^[ \t]*(?P<field>voornaam|voornamen|voorletters|tussenvoegsels?|achternaam"
    r"|familienaam)[ \t]*:[ \t]*(?P<value>[^\n:]{1,40}?)[ \t]*\r?$"
)


def _form_name(text: str) -> Iterator[Found]:
    """The name a web form gives in separate fields, put together."""
    if "naam" not in text.lower():
        return
    parts = {m["field"].lower()[:4]: m for m in _FORM_PART_RE.finditer(text)}
    last = parts.get("acht") or parts.get("fami")
    if last is None:
        return
    words = [parts[k]["value"] for k in ("voor", "tuss") if k in parts] + [last["value"]]
    for name in split_names(" ".join(words), min_words=2):
        yield Found("name", name, last.start("value"), last.end("value"))


def _form_streets(text: str) -> Iterator[Found]:
    """The street and number after the name in a form's or phone note's field ("Beller:
    dhr. H. Mol, Lindelaan 4, Zaanhorn"; "Beller: mevr. Gryt Visser, De Loodsen (Dorpsstraat
    30-11), Easterwâld", in brackets after the building's name): the writer's, or the
    caller's."""
    for m in _FORM_NAME_RE.finditer(text):
        start = m.start("name")
        for cell in m["name"].split(",")[1:]:
            start = text.index(cell, start)
            inner = _BRACKETED_RE.search(cell)
            # "Feartwei 21 in Oosterwoud. (Zegt zelf: …)": the field's first sentence.
            first = _SENTENCE_END_RE.split(cell, 1)[0]
            lead = start + len(cell) - len(cell.lstrip())
            if (
                (street := street_cell(cell.strip(), lead)) is not None
                or (first != cell and (street := street_cell(first.strip(), lead)))
                or (inner and (street := street_cell(inner[1].strip(), start + inner.start(1))))
            ):
                yield street
                break


_BRACKETED_RE = re.compile(r"\(([^()\n]{3,60})\)[ \t]*$")
_SENTENCE_END_RE = re.compile(r"\.[ \t]")


def _names(text: str) -> Iterator[Found]:
    """Names in a form's "Naam:" field (or its first name and surname fields) and after
    "ondergetekende" (signatures: see :mod:`.signatures`)."""
    yield from _form_name(text)
    for m in chain(_FORM_NAME_RE.finditer(text), _UNDERSIGNED_RE.finditer(text)):
        # "Naam: maria janssen": a form's field is a name however it is typed.
        names = split_names(m["name"], min_words=1, lower_case=m.re is _FORM_NAME_RE)
        # The address after the name on the same line: "Tom de Wit, Rozenstraat 3", "mevr.
        # G. van 't Hul (Emmalaan, aanleunwoning 14 bij Het Woudhuis)".
        # "mevrouw Janny Lubbers uit Zandeschot (Kerkstraat)": where she lives, after.
        for mark in (",", "(", " uit ", " te "):
            if not names and mark in m["name"]:
                names = split_names(m["name"].split(mark)[0], min_words=2)
        for name in names:
            yield Found("name", _called_by(name, m["name"]), m.start("name"), m.end("name"))
    for m in _INTRODUCED_RE.finditer(text):
        group = "name" if m["name"] else "name2"
        for name in split_names(m[group]):
            if is_full_name(name):
                yield Found("name", name, m.start(group), m.end(group), 0.8)


# --- a new request from a known party ---------------------------------------------

_REQUEST = r"(?:woo-?|wob-?)?(?:verzoek|aanvraag|melding|klacht|bezwaar(?:schrift)?)"
_NEW_REQUEST_RE = re.compile(
    rf"""(?ix)
      \blos[ \t]+van[ \t]+(?:mijn|ons|onze|het|de)[ \t]+
        (?:lopende|eerdere|vorige|andere|openstaande|eerste)[ \t]+{_REQUEST}
    | \b(?:hierbij|bij[ \t]+deze)\b[^.!?\n]{{0,40}}?\b(?:een[ \t]+)?
        (?:nieuwe?|tweede|aparte?|afzonderlijke?)[ \t]+(?:vergunning|{_REQUEST})
        [ \t]+aan(?:[ \t]+te)?[ \t]*vragen
    | \b(?:hierbij|bij[ \t]+deze)[ \t]+(?:dien|doe|stuur|maak|teken)(?:en)?[ \t]+(?:ik|wij|we)\b
        [^.!?\n]{{0,80}}?\b(?:een[ \t]+)?(?:nieuwe?|tweede|aparte?|afzonderlijke?)[ \t]+{_REQUEST}
    | \b(?:ik|wij|we)[ \t]+(?:dien|doe|stuur)(?:en)?[ \t]+(?:u[ \t]+)?(?:hierbij|bij[ \t]+deze)\b
        [^.!?\n]{{0,80}}?\b(?:een[ \t]+)?(?:nieuwe?|tweede|aparte?|afzonderlijke?)[ \t]+{_REQUEST}
    # "Naast onze lopende aanvraag dienen wij hierbij een aparte, nieuwe subsidieaanvraag
    # in": the verb first, and the request a compound.
    | \b(?:dien|doe|stuur)(?:en)?[ \t]+(?:ik|wij|we)[ \t]+(?:u[ \t]+)?(?:hierbij|bij[ \t]+deze)\b
        [^.!?\n]{{0,80}}?\b(?:nieuwe?|tweede|aparte?|afzonderlijke?)[ \t]+\w*{_REQUEST}
    # "Dit is een tweede melding, over iets anders", "Moet daar een aparte vergunning voor
    # komen? Dan vraag ik die bij deze aan": a second or separate one is never the first.
    # Not "Ik heb dus een tweede vergunning aangevraagd": that one was asked before.
    # Not "(het gaat niet om de stoeptegels, dat is een aparte melding)": that one is.
    # Not "Zijn vrouw heeft een aparte aanvraag bij Werk en Inkomen lopen": it runs.
    # Nor "Voor het nieuwe toiletgebouw loopt nog een aparte aanvraag": another, running.
    # Nor "Ons zomerconcert is een afzonderlijke aanvraag", "De eiken zijn een aparte
    # aanvraag": another matter, said to be apart (but "Dit is een aparte vraag", below).
    | (?<!\bis[ \t])(?<!\bzijn[ \t])(?<!\bwas[ \t])(?<!loopt[ \t])
        (?<!loopt[ \t]nog[ \t])(?<!loopt[ \t]al[ \t])(?<!lopen[ \t])(?<!lopen[ \t]nog[ \t])
        \b(?:een|de)[ \t]+(?:tweede|aparte|afzonderlijke)[ \t]+(?:vergunning|{_REQUEST})
        (?![^.!?\n]{{0,40}}?\b(?:aangevraagd|ingediend|gedaan|gemeld|aangeschreven
            |lopen|loopt|lopende)\b)
        # Nor "Uitgelegd dat de eigen plaats een aparte aanvraag is": one to make later.
        (?![ \t]+(?:is|zijn|was|nodig|vereist)\b)
    # "Los daarvan loopt onze aanvraag voor de wedstrijd nog; dit is een nieuw evenement".
    | \b(?:dit|het)[ \t]+is[ \t]+(?:dus[ \t]+|echt[ \t]+)?een[ \t]+
        (?:nieuw|ander|apart|tweede)[ \t]+
        (?:evenement|project|initiatief|plan|feest|verzoek)\b
    # "De aanvraag voor de traplift loopt al; dit is een aparte vraag": this letter.
    | \b(?:dit|deze[ \t]+\w+)[ \t]+is[ \t]+(?:dus[ \t]+|echt[ \t]+)?een[ \t]+
        (?:nieuwe|tweede|aparte|afzonderlijke|andere)[ \t]+
        (?:vraag|hulpvraag|vergunning|{_REQUEST})\b
    # "Hierbij vraagt de Oranjevereniging een vergunning aan voor de Sinterklaasintocht":
    # an application made with this letter.
    | \b(?:hierbij|bij[ \t]+deze)\b[^.!?\n]{{0,60}}?\bvraa?g(?:t|en)?\b[^.!?\n]{{0,60}}?
        \b\w*(?:vergunning|ontheffing|subsidie)\b[^.!?\n]{{0,30}}?\baan\b
    # "Ik wil daarom een NIEUWE aanvraag doen", "Dit staat los van mijn uitkering".
    | \b(?:wil|wilt|willen|ga|gaan|doe|doen)\b[^.!?\n]{{0,30}}?\b(?:een[ \t]+)?
        (?:nieuwe|tweede|aparte)[ \t]+{_REQUEST}
    | \b(?:dit|deze[ \t]+\w+)[ \t]+staat[ \t]+los[ \t]+van\b
    # "De aanvraag voor hulp in huis loopt al; dit komt daar bovenop".
    | \bdit[ \t]+komt[ \t]+(?:daar|er|hier)[ \t]+(?:nog[ \t]+)?bovenop\b
    # "Los van mijn lantaarnpaal: in het speeltuintje ...", opening a sentence.
    # Not "Los van mijn klacht: (about the Woo request)": a request named is another case.
    | (?:^|(?<=[.!?][ \t])|(?<=\n))(?-i:Los)[ \t]+van[ \t]+(?:mijn|ons|onze)\b
        (?![ \t]+(?:woo-?)?(?:klacht|bezwaar\w*|verzoek|aanvraag|melding|uitkering|vergunning)\b)
    # "Hierbij de aanvraag; het formulier volgt": the application itself.
    | \bhierbij[ \t]+(?:de|het|mijn|onze|ons)[ \t]+(?:aanvraag|melding|verzoek)\b
        (?![ \t]+(?:van|voor|om|over)\b)
    # English: "Besides our dormer application, we would also like ...", "Is this a
    # separate permit? Please treat this as an application", "a new request".
    | \bbesides[ \t]+(?:our|my|the)\b[^.!?\n]{{0,60}}?\balso\b
    | \b(?:a|this)[ \t]+(?:separate|new|second)[ \t]+(?:permit|application|request|report|complaint)
    | \btreat[ \t]+this[ \t]+as[ \t]+(?:a[ \t]+new|an|a[ \t]+separate)[ \t]+(?:application|request)
    # "Los van de carport willen we ook de kastanje laten kappen", "Naast het zomerfeest
    # willen wij dit jaar ook een intocht organiseren": something besides it.
    | (?P<besides>\b(?:los[ \t]+van|naast)[ \t]+(?:de|het|mijn|ons|onze)\b[^.!?\n]{{0,60}}?\book\b
        # ... to ask for something (not "Naast de concerten spelen we dit jaar ook op de
        # dodenherdenking": what the club does, in its plan).
        (?=[^.!?\n]{{0,80}}?\b(?:organiseren|aanvragen|aan[ \t]+(?:te[ \t]+)?vragen|houden
            |kappen|bouwen|plaatsen|melden|aanleggen|verbouwen|vergunning|subsidie)\b))
    # "Naast Leusderbroek Live organiseren wij dit jaar ook het Winterfeest".
    | \bnaast\b[^.!?\n]{{0,40}}?\b(?:organiseren|organiseert|houden|houdt|vragen)[ \t]+
        (?:we|wij|ze|zij)\b[^.!?\n]{{0,30}}?\book\b
    # "Naast Koningsdag organiseren wij dit jaar voor het eerst een optocht", "Dat is iets
    # anders dan mijn melding over de weg".
    | \bnaast\b[^.!?\n]{{0,60}}?\bvoor[ \t]+het[ \t]+eerst\b
    # "Dit jaar organiseren we voor het eerst een avondvierdaagse": an event never held.
    | \b(?:organiseren|organiseert|houden|houdt)[ \t]+(?:we|wij|ze|zij)?[ \t]*
        (?:dit[ \t]+jaar[ \t]+)?voor[ \t]+het[ \t]+eerst\b
    # "Wij willen dit jaar voor het eerst ook een braderie organiseren".
    | \b(?:we|wij|ze|zij)[ \t]+(?:willen|gaan)[ \t]+(?:dit[ \t]+jaar[ \t]+)?
        voor[ \t]+het[ \t]+eerst[ \t]+(?:ook[ \t]+)?(?:een|het)\b
    # "Deze zomer willen we voor het eerst een Zomerpodium organiseren".
    | \b(?:willen|gaan)[ \t]+(?:we|wij)[ \t]+(?:[^\W\d_]+[ \t]+){{0,3}}?
        voor[ \t]+het[ \t]+eerst[ \t]+(?:ook[ \t]+)?(?:een|het)\b
    | \biets[ \t]+anders[ \t]+dan[ \t]+(?:mijn|onze|ons|de)[ \t]+
        (?:melding|aanvraag|verzoek|klacht|bezwaar)
    # "dit is iets anders dan mijn stoep, die ligt er ook nog": another matter than theirs.
    | \b(?:dit|het|dat)\s+is\s+iets\s+anders\s+dan\s+(?:mijn|onze|ons)\b
    # "Kunnen jullie ons het aanvraagformulier sturen?": asked for before it is made.
    | \b(?:stuur|sturen|toesturen|opsturen|mailen|toezenden)\b[^.!?\n]{0, 30}?\baanvraagformulier
    | \baanvraagformulier\b[^.!?\n]{0, 30}?\b(?:sturen|toesturen|opsturen|mailen|toezenden)\b
    # "Graag ontvangen wij het aanvraagformulier".
    | \bontvangen\s+(?:wij|we|ik)\s+(?:graag\s+)?(?:het|een)\s+aanvraagformulier
    # "Dit is een nieuwe aanvraag, los van het jeugdzeilen".
    | \b(?:dit|het)[ \t]+is[ \t]+een[ \t]+(?:nieuwe?|aparte?|tweede)[ \t]+{_REQUEST}
    # "Los van de kapvergunning die nog loopt, willen we ook een uitrit": that one is open,
    # this is another.
    # "Los van de kas waar we al een aanvraag voor hebben lopen, willen we ...".
    | \blos[ \t]+van[ \t]+(?:de|het|mijn|ons|onze)[ \t]+[^.!?\n]{{0,40}}?\b(?:die|dat)[ \t]+
        (?:nog[ \t]+)?(?:loopt|lopende|in[ \t]+behandeling)\b
    | \b(?:los[ \t]+van|naast)[ \t]+(?:de|het|mijn|ons|onze)[ \t]+[^.!?\n]{{0,40}}?\bwaar[ \t]+
        (?:we|wij|ik)[ \t]+(?:al|nog)[ \t]+[^.!?\n]{{0,30}}?\b(?:heb|hebben)[ \t]+lopen\b
    # "Naast de aanbouw waar al een aanvraag voor loopt, wil ik een uitrit laten maken".
    | \bnaast[ \t]+(?:de|het|mijn|ons|onze)[ \t]+[^.!?\n]{{0,40}}?\b(?:waar|die|dat)[ \t]+
        (?:al|nog)[ \t]+[^.!?\n]{{0,30}}?\b(?:loopt|lopende|in[ \t]+behandeling)\b
    # "Ik wil iets anders melden dan die takken", "ander punt dan dat gat in de weg", "op
    # een andere plek dan mijn vorige melding".
    | \biets[ \t]+anders[ \t]+(?:melden|aanvragen|vragen)[ \t]+dan\b
    | \bandere?[ \t]+(?:punt|probleem|plek|plaats|locatie|kwestie|ding|melding|klacht|zaak
        |aanvraag|verzoek|vergunning)[ \t]+dan\b
    # "willen we een vergunning aanvragen voor een nieuw buitenevenement": another event.
    | \bvoor[ \t]+een[ \t]+nieuwe?[ \t]+\w*(?:evenement|feest|festival|activiteit|project)\b
    # "Naast onze jaarsubsidie willen wij een eenmalige subsidie aanvragen" (not "naast
    # mijn huis": next to it).
    | \bnaast[ \t]+(?:de|het|mijn|ons|onze)[ \t]+\w*(?:subsidie|aanvraag|vergunning|melding
        |verzoek|klacht|bezwaar|uitkering|feest|evenement)\b
    """
)
_NEW_REQUEST_SUBJECT_RE = re.compile(rf"(?i)[ \t]*(?:nieuwe?|tweede|aparte?)[ \t]+{_REQUEST}")


# "heb ik op 5 januari pro forma bezwaar gemaakt", "wij hebben een klacht ingediend",
# "aanvulling van de gronden": the request the letter is about was made before.
_MADE_BEFORE_RE = re.compile(
    r"""(?ix)
      \b(?:(?:heb|hebben)[ \t]+(?:ik|wij|we)|(?:ik|wij|we)[ \t]+(?:heb|hebben))\b
        [^.!?\n]{0,80}?\b(?:woo-?|wob-?)?(?P<request>verzoek|aanvraag|melding|klacht|bezwaar)
        (?:schrift)?\b[^.!?\n]{0,40}?\b(?:gemaakt|ingediend|aangetekend|gedaan|ingesteld)\b
    | \baanvulling[ \t]+(?:van[ \t]+)?(?:de[ \t]+)?gronden\b
    # "Onlangs heeft mevrouw N. Chaouch pro forma bezwaar gemaakt": someone else made it.
    | \bheeft[ \t]+(?:mevrouw|mevr\.|mw\.|meneer|de[ \t]+heer|dhr\.|mijn|onze|zij|hij)\b
        (?:[^.!?\n]|(?<=\b[A-Z])\.){0,80}?\b(?:woo-?|wob-?)?(?P<request2>verzoek|aanvraag|melding|klacht|bezwaar)
        (?:schrift)?\b[^.!?\n]{0,40}?\b(?:gemaakt|ingediend|aangetekend|gedaan|ingesteld)\b
    # "Hierbij dien ik de klacht daarom ook schriftelijk in": the one made by phone.
    | \b(?P<request3>verzoek|aanvraag|melding|klacht|bezwaar)\b[^.!?\n]{0,40}?
        \b(?:ook|alsnog|nu)[ \t]+schriftelijk\b
    """
)


# Words each phrase rule needs: most letters have none, and a substring test is much
# cheaper than running the rule's regex over the whole text.
_ABOUT_WORDS: tuple[str, ...] = (
    "namens",
    *("boekhouder", "accountant", "administrateur", "adviseur"),
    "opdracht",
    "behoeve",
    "behalf",
    "bewindvoerder",
    "curator",
)
_ABOUT_WORDS += ("mentor", "gemachtigde", "voogd", "client", "cliënt", "begeleid", "wijlen")
_ABOUT_WORDS += ("ondersteun", "gevraagd", "belanghebbende", "betrokkene", "nalatenschap")
_ABOUT_WORDS += ("boekhouding", "administratie", "aangifte", "gaat om", "schrijf")
_MADE_BEFORE_WORDS: tuple[str, ...] = ("gemaakt", "ingediend", "aangetekend", "gedaan")
_MADE_BEFORE_WORDS += ("ingesteld", "gronden", "schriftelijk")
_NEW_REQUEST_WORDS = (
    *("los van", "hierbij", "bij deze", "tweede", "apart", "afzonderlijke", "nieuw", "naast"),
    "iets anders",
    "ander",
    "voor het eerst",
    "aanvraagformulier",
    "bovenop",
    *("besides", "separate", "new", "second", "treat this"),
)


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    low = " ".join(text.lower().split())  # a mail wrapped mid-sentence ("iets\nanders")
    return any(w in low for w in words)


# "Ik maak bezwaar tegen", "maak ik hierbij bezwaar", "teken ik bezwaar aan", "dien ik
# een klacht in", "wil ik een klacht indienen": the request is made with this letter.
_MADE_NOW_RE = re.compile(
    r"""(?ix)
      \b(?:(?:maak|maken|teken|tekenen|dien|dienen)[ \t]+(?:ik|wij|we)
        |(?:ik|wij|we)[ \t]+(?:maak|maken|teken|tekenen|dien|dienen))\b
        # Not "dienen wij de gronden van het bezwaar in": the grounds of one made before.
        (?:(?!gronden)[^.!?\n]){0,40}?\b(?:een[ \t]+)?(?:woo-?|wob-?)?
        (?P<request>verzoek|klacht|bezwaar)
        (?:schrift)?\b(?![^.!?\n]{0,40}?\b(?:gemaakt|ingediend|aangetekend|gedaan)\b)
    | \b(?:ik|wij|we)[ \t]+(?:wil|willen)[ \t]+[^.!?\n]{0,30}?\b(?P<wish>klacht|bezwaar)\w*
        [ \t]+(?:indienen|maken|aantekenen)\b
    # "Op grond van de Wet open overheid verzoek ik u om openbaarmaking van", "verzoek ik u
    # op grond van de Wet open overheid om openbaarmaking": a Woo request.
    # Not "verzoek ik u mij te informeren over de stand van het verzoek om openbaarmaking":
    # that one was made before.
    | \b(?P<woo>verzoek(?:en)?)[ \t]+(?:ik|wij|we)[ \t]+(?:(?:(?!verzoek)[^.!?\n]){0,60}?[ \t])?
        (?:om|tot)[ \t]+(?:de[ \t]+)?openbaarmaking\b
    """
)
_MADE_NOW_WORDS = ("maak", "maken", "teken", "dien", "indienen", "aantekenen", "openbaarmaking")


def _requests(
    regex: re.Pattern[str], words: tuple[str, ...], text: str, lay: Layout
) -> frozenset[str]:
    """The kinds of request ``regex`` finds in the writer's own words ("bezwaar" for the
    gronden of one)."""
    if not _mentions(text, words):
        return frozenset()
    return frozenset(
        (
            m.groupdict().get("request")
            or m.groupdict().get("request2")
            or m.groupdict().get("request3")
            or m.groupdict().get("wish")
            or ("verzoek" if m.groupdict().get("woo") else "bezwaar")
        ).lower()
        for m in regex.finditer(text)
        if lay.where(m.start()) == "body"
    )


# "We willen op 19 september een burendag houden", "ik wil graag een uitrit aanvragen",
# "Hierbij meld ik", "I would like to apply for", "we want to organise".
_ASKS_NOW_RE = re.compile(
    r"""(?ix)
      # "Mevrouw wil bijzondere bijstand aanvragen": a phone note's caller; "Hij wil een
      # uitkering aanvragen": a caseworker's client; "Onze club wil ook dit jaar subsidie
      # aanvragen": the writer's organisation.
      \b(?:ik|wij|we|mevrouw|meneer|beller|belster|hij|zij|onze[ \t]+(?:club|vereniging
        |stichting|school|kerk|organisatie))[ \t]+(?:wil|willen|zou|zouden|moet|moeten)[ \t]+
        (?:graag[ \t]+)?(?:ook[ \t]+)?
        [^.!?\n]{0,80}?\b(?:aanvragen|aan[ \t]+vragen|melden|organiseren|houden|laten[ \t]+kappen
        |kappen|omzagen|rooien|bouwen|plaatsen|aanleggen|verbouwen
        |(?:aanvraag|verzoek)[ \t]+(?:doen|indienen))\b
    # "willen wij op het terrein aan de Zuidweg 101 in Lierhoven tijdelijke woonunits
    # plaatsen": what and where between.
    | \b(?:wil|willen)[ \t]+(?:ik|wij|we)[ \t]+[^.!?\n]{0,80}?\b(?:aanvragen|melden|organiseren
        |houden|kappen|bouwen|plaatsen|aanleggen|(?:aanvraag|verzoek)[ \t]+(?:doen|indienen))\b
    | \bhierbij[ \t]+meld(?:t|en)?\b
    # "De vereniging vraagt een eenmalige subsidie aan voor", "vragen wij hierbij subsidie aan".
    # "Naast onze jaarlijkse bijdrage vragen wij dit jaar een eenmalige subsidie aan".
    | \b(?:vraagt|vragen|vraag)[ \t]+(?:(?:ik|wij|we)[ \t]+)?(?:hierbij[ \t]+)?
        (?:(?:dit|volgend)[ \t]+jaar[ \t]+)?(?:een[ \t]+)?
        (?:(?:eenmalige|incidentele|nieuwe|aparte|bijzondere)[ \t]+)?
        (?:subsidie|vergunning|ontheffing
        |uitkering|bijstand)[ \t]+aan\b
    # "Ook dit jaar vragen wij een bijdrage voor onze jeugdtrainers", "We vragen hiervoor een
    # bijdrage van € 2.400".
    | \b(?:vraagt|vragen|vraag)[ \t]+(?:ik|wij|we)[ \t]+(?:hierbij[ \t]+)?(?:opnieuw[ \t]+)?
        een[ \t]+(?:bijdrage|tegemoetkoming)[ \t]+(?:voor|in)\b
    | \b(?:ik|wij|we)[ \t]+(?:vragen|vraag)[ \t]+(?:hiervoor|daarvoor|hierbij)[ \t]+
        (?:opnieuw[ \t]+)?een[ \t]+(?:bijdrage|tegemoetkoming)[ \t]+(?:voor|in|van)\b
    # "Kan ik daarvoor bijzondere bijstand krijgen?": for what the letter just described.
    | \b(?:kan|mag|kunnen|mogen)[ \t]+(?:ik|wij|we)[ \t]+(?:daarvoor|hiervoor|daar[ \t]+ook|ook)\b
        [^.!?\n]{0,60}?\b(?:krijgen|aanvragen)\b
    # "Welke vergunning hebben wij hiervoor nodig?" after describing an event: asked for
    # the first time.
    | \b(?:welke|wat[ \t]+voor(?:[ \t]+een)?)[ \t]+(?:vergunning|ontheffing)\w*[ \t]+
        (?:hebben|moeten|heb|moet)[ \t]+(?:wij|we|ik)[ \t]+(?:hier|daar)?(?:voor[ \t]+)?
        (?:nodig|aanvragen)\b
    # "Graag ontvangen wij hiervoor een evenementenvergunning": the permit asked for now.
    | \bgraag\s+ontvang(?:en|t)?\s+(?:ik|wij|we)\s+(?:(?:hier|daar)voor\s+)?(?:een\s+)?
        [^\W\d_]*(?:vergunning|ontheffing|subsidie)\b
    # "Wat moeten we hiervoor aanvragen?" after describing what is planned.
    | \bwat[ \t]+(?:moeten|moet)[ \t]+(?:wij|we|ik)[ \t]+(?:hier|daar)voor[ \t]+aanvragen\b
    # "Ik wil graag vragen of ik geld kan krijgen voor een nieuwe wasmachine".
    | \b(?:ik|wij|we)[ \t]+(?:wil|willen|zou|zouden)[ \t]+graag[ \t]+(?:vragen|weten)[ \t]+of[ \t]+
        (?:ik|wij|we)\b[^.!?\n]{0,40}?\b(?:kan|kunnen|mag|mogen)[ \t]+krijgen\b
    | (?:^|\n)[ \t]*(?:even[ \t]+)?(?:een[ \t]+)?(?:nieuwe[ \t]+)?melding[ \t]*:
    | \b(?:i|we)[ \t]+(?:would[ \t]+like|want|wish)[ \t]+to[ \t]+(?:apply|report|request
        |organi[sz]e|hold|cut|fell|build|put)\b
    """
)
# "mijn aanvraag", "onze melding", "the application", "heb ik gemeld": a request made before.
_EARLIER_REQUEST_RE = re.compile(
    # Not "een erkend bedrijf (dat doet zelf de melding bij de provincie)": one being made.
    r"(?i)(?<!\bdoet[ \t])(?<!\bdoen[ \t])(?<!\bdoe[ \t])(?<!\bzelf[ \t])"
    r"\b(?:mijn|onze|ons|de|uw|my|our|the)[ \t]+(?:eerdere[ \t]+|lopende[ \t]+)?"
    r"(?:aanvraag|melding|verzoek|vergunningaanvraag|application|request|report)\b"
    # "willen wij op tijd de aanvraag doen": one being made; "De aanvraag staat vandaag in
    # het Omgevingsloket": one made today, with this letter.
    r"(?![ \t]+(?:doen|indienen|in[ \t]+te[ \t]+dienen|te[ \t]+doen)\b)"
    r"(?![ \t]+(?:staat|is|wordt|gaat)[ \t]+(?:vandaag|vanochtend|vanmorgen)\b)"
    r"|\b(?:heb|hebben|had)[ \t]+(?:ik|wij|we)\b[^.!?\n]{0,60}?\b(?:aangevraagd|gemeld|gevraagd)\b"
    # Not "Ik meld me weer, nu voor Henk Smit": the writer is back, not the request.
    r"|\b(?:nog[ \t]+(?:steeds|altijd)|nog[ \t]+ni(?:ets|ks)|al[ \t]+eerder|opnieuw"
    # Nor "Wij willen dit jaar weer met lichtjes door de wijk lopen": a yearly event.
    # Nor "Ik moet weer wat melden": something else, again.
    r"|(?<!\bmeld[ \t]me[ \t])(?<!\bmeld[ \t]mij[ \t])(?<!\bjaar[ \t])weer"
    r"(?![ \t]+(?:iets|wat)[ \t]+(?:nieuws[ \t]+)?(?:te[ \t]+)?(?:melden|aanvragen)\b))\b"
    # "Ik wil graag weten hoe het staat met de vergunning": a request made before.
    r"|\bhoe[ \t]+(?:het[ \t]+)?staat[ \t]+(?:het[ \t]+)?(?:er[ \t]+)?me[et]\b"
    # "Mijn vrouw heeft al twee keer gemaild", "mijn man heeft begin februari al gemeld",
    # "Er is begin februari al gemeld dat ze los liggen".
    r"|\b(?:heeft|hebben|heb|is|zijn|werd)\b[^.!?\n]{0,40}?\bal\b[^.!?\n]{0,30}?"
    r"\b(?:gemeld|gemaild|gebeld|geschreven|aangevraagd|doorgegeven)\b"
    # "Het gat in de weg wordt steeds groter": a known matter getting worse.
    r"|\bwordt[ \t]+steeds[ \t]+(?:groter|erger|slechter|dieper|breder)\b"
    # Residents writing in English or German: "I reported the hole some weeks ago", "mein
    # Mann hat die Genehmigung beantragt", "noch immer nichts gehört".
    r"|\b(?:i|we)[ \t]+(?:(?:have|had|already)[ \t]+)*"
    r"(?:reported|applied|submitted|requested)\b"
    r"|\bstill[ \t]+(?:there|not|no|broken|waiting)\b"
    r"|\b(?:habe|haben|hat)\b[^.!?\n]{0,60}?\b(?:beantragt|gemeldet)\b"
    r"|\bnoch[ \t]+(?:immer|nicht)\b"
)


# "(Los van mijn melding over de takken, die is nog niet opgelost.)", "los van ons
# lopende verzoek": the request this letter is not about.
# "Los van de dakkapel waar jullie nog mee bezig zijn": the thing, which matching
# compares with the open case's subject.
# Not "(de woning) kan niet los van het bedrijf worden verkocht": tied to it, not apart.
_SET_ASIDE_RE = re.compile(
    r"(?i)(?<!niet[ \t])\blos[ \t]+van[ \t]+(?:mijn|ons|onze)[ \t]+"
    r"(?:eerdere[ \t]+|lopende[ \t]+|vorige[ \t]+)?"
    r"(?P<request>melding|klacht|bezwaar(?:schrift)?|aanvraag|(?:woo-)?verzoek)\b"
    # Not "die heeft een aparte aanvraag lopen, dat staat los van onze reeks": what stands
    # apart is the other's, and "onze reeks" the letter's own.
    r"|(?<!niet[ \t])(?<!dat[ \t]staat[ \t])(?<!die[ \t]staat[ \t])(?<!dat[ \t]staan[ \t])"
    r"\blos[ \t]+van[ \t]+(?:de|het|mijn|ons|onze)[ \t]+(?P<thing>[^\W\d_]{4,})\b"
    # "Dit gaat niet over de bestelbus van de zaak, daar hebben we de ontheffing voor laden
    # en lossen voor aangevraagd": what the sentence names is another matter (up to "maar",
    # which says what it is about).
    r"|\b(?:dit|het|deze[ \t]+\w+|mijn[ \t]+\w+)[ \t]+gaat[ \t]+"
    r"(?:dus[ \t]+|hier[ \t]+|echt[ \t]+)?niet[ \t]+over[ \t]+"
    r"(?P<topic>(?:(?![ \t,]maar\b)[^.!?\n]){4,120})"
    # "de subsidie van het wijkcentrum zelf staat hier los van": what stands apart, before
    # (not "Mijn verzoek staat daar los van", the writer's own, apart from another's).
    r"|(?:^|(?<=[.;:!?])|(?<=\n))[ \t]*(?P<before>(?i:de|het)[ \t][^.;:!?\n]{2,78}?)"
    r"[ \t]+staat[ \t]+(?:hier[ \t]+|daar[ \t]+)?los[ \t]+van\b"
    # "Het gaat dus om mijn eigen huis aan de Dijkweg, niet om het tuincentrum": what it is
    # about, then what it is not.
    r"|\bgaat[ \t]+(?:het[ \t]+)?(?:dus[ \t]+|hier[ \t]+|echt[ \t]+)?(?:om|over)[ \t]+"
    r"[^.!?\n]{3,80}?[,;][ \t]*(?:en[ \t]+)?niet[ \t]+(?:om|over)[ \t]+(?P<aside>[^.!?\n,;]{3,60})"
    # "Dit is een andere activiteit dan de iftar op het Pelaplein": what it is not.
    # "Dit is iets anders dan de klinkers bij het museum".
    r"|\b(?i:dit|het)[ \t]+is[ \t]+(?:dus[ \t]+|echt[ \t]+)?(?:een[ \t]+andere?[ \t]+[^\W\d_]+"
    r"|iets[ \t]+anders)[ \t]+dan[ \t]+(?P<other>[^.!?\n,;(]{3,80})"
    # "Mijn moeder heeft al een aanvraag lopen voor een scootmobiel, maar dit staat daar los
    # van": the request spoken of just before.
    r"|(?P<prior>[^.!?\n]{3,120}?)(?:,[ \t]*maar|[.;][ \t]*(?i:maar[ \t]+)?)[ \t]*"
    r"(?i:dit|deze[ \t]+aanvraag|dit[ \t]+verzoek)[ \t]+(?:staat[ \t]+(?:daar|hier)[ \t]+"
    r"(?:helemaal[ \t]+)?los[ \t]+van\b"
    # "Het zomerfeest van de winkeliers is een paar dagen eerder, maar dit is apart".
    r"|is[ \t]+(?:echt[ \t]+|helemaal[ \t]+)?(?:apart|iets[ \t]+anders(?![ \t]+dan\b))\b)"
    # "Ons zomerconcert op de Markt is een afzonderlijke aanvraag", "De eiken op het
    # parkeerterrein zijn een aparte aanvraag": what the sentence says is apart (not "Dit is
    # een aparte aanvraag": this letter).
    r"|(?:^|(?<=[.;:!?])|(?<=\n))[ \t]*(?!(?i:dit|deze|dat|die|het|this)[ \t]+(?:is|zijn)\b)"
    r"(?P<apart>[^.;:!?\n]{3,80}?)[ \t]+(?:is|zijn)[ \t]+(?:echt[ \t]+|dus[ \t]+)?een[ \t]+"
    r"(?:aparte|afzonderlijke|andere)[ \t]+(?:aanvraag|melding|vraag|zaak|kwestie|vergunning)\b"
    # "Mijn eigen aanvraag voor nieuwe kozijnen staat hier los van", "Onze aanvraag voor het
    # clubhuis staat hier los van": the writer's other request, named by what it is for.
    # "De aanvraag voor de speeltuin en het feest in augustus lopen apart".
    r"|(?P<own_apart>(?i:mijn|onze|ons|de)[ \t]+(?:eigen[ \t]+)?(?:aanvraag|verzoek|melding"
    r"|bezwaar|klacht)[ \t]+(?:voor|over|om|van)[ \t](?:[^.;:!?\n]|\n(?!\n)){2,78}?)[ \t]+"
    r"(?:staat[ \t]+(?:hier|daar)[ \t]+(?:helemaal[ \t]+)?los[ \t]+van"
    # "De aanvraag voor de lampen op het hoofdveld loopt nog en is iets anders".
    r"|(?:loopt|lopen)[ \t]+(?:apart|los|afzonderlijk"
    r"|(?:nog[ \t]+)?(?:en[ \t]+)?(?:is|zijn)[ \t]+(?:echt[ \t]+)?iets[ \t]+anders))\b"
    # "Hij vroeg ook naar de omgewaaide boom. Uitgelegd dat dat een aparte melding is", "De
    # aanvraag voor de traplift loopt al; dit is een aparte vraag": the sentence before.
    r"|(?P<before_apart>[^.!?\n;]{3,120}?)[.;][ \t]*"
    r"(?:(?i:uitgelegd|gezegd|aangegeven|verteld)[ \t]+dat[ \t]+)?(?i:dat|die|dit)[ \t]+"
    r"(?:is[ \t]+)?(?:echt[ \t]+|dus[ \t]+)?een[ \t]+(?:aparte|afzonderlijke|andere)[ \t]+"
    r"(?:aanvraag|melding|vraag|zaak|kwestie)\b"
)


def _asks_now(text: str, lay: Layout) -> bool:
    """Whether the writer's own words ask for or report something now and nowhere speak
    of a request made before."""
    asks = any(lay.where(m.start()) == "body" for m in _ASKS_NOW_RE.finditer(text))
    # Blanked to the same length, so that the layout's positions still hold.
    rest = _RUNNING_OTHER_RE.sub(lambda m: " " * len(m[0]), text)
    rest = _ASIDE_RE.sub(lambda m: " " * len(m[0]), rest)
    return asks and not _speaks_of_earlier(rest, lay)


# "Over de loods hebben we nog niks gehoord trouwens": a word in passing about another
# request, beside the one asked for now; "Vorig jaar is de aanvraag netjes afgerond": last
# year's, done.
_ASIDE_RE = re.compile(
    r"(?i)[^.!?\n]*\b(?:trouwens|overigens|tussen[ \t]+haakjes)\b[^.!?\n]*"
    r"|[^.!?\n]*\b(?:vorig|verleden)[ \t]+jaar\b[^.!?\n]*\b(?:afgerond|afgehandeld|verantwoord)\b"
    r"[^.!?\n]*"
    # "Over de walkant heb ik al geschreven, daar hoor ik nog graag van".
    r"|(?:^|(?<=[.!?][ \t])|(?<=\n))[ \t]*over[ \t]+(?:de|het|mijn|onze|ons)[ \t][^.!?\n]{1,40}?"
    r"[ \t](?:heb|hebben)[ \t]+(?:ik|wij|we)[ \t]+al\b[^.!?\n]*"
)


# "Mijn aanvraag voor de uitkering loopt nog bij u" beside "Ik vraag bijzondere bijstand aan
# voor een nieuwe bril": another request, running, not the one this letter is about.
_RUNNING_OTHER_RE = re.compile(
    r"(?i)\b(?:mijn|onze|de)[ \t]+aanvraag[ \t]+(?:voor|van)[ \t]+(?:de|het|mijn|onze)[ \t]+"
    r"[^.!?\n]{1,60}?[ \t]+(?:loopt|lopen)[ \t]+(?:nog|al)\b"
)


def _speaks_of_earlier(text: str, lay: Layout) -> bool:
    """Whether the writer's own words speak of a request made before ("mijn aanvraag",
    "heb ik gemeld", "nog steeds")."""
    return any(lay.where(m.start()) == "body" for m in _EARLIER_REQUEST_RE.finditer(text))


# "Moet dat apart?", "Moet daar een aparte vergunning voor komen?": a question whether
# something needs its own request — a new one, unless the letter speaks of the open case
# ("voor het straatfeest ... een springkussen, moet dat apart aangevraagd?").
_ASKS_APART_RE = re.compile(
    r"""(?ix)
    \b(?:moet|kan|mag|moeten)[ \t]+(?:dat|die|het|daar|dit|deze|dat[ \t]+ook)\b
        [^.!?\n]{0,40}?\bapart
        # Not "Moet dat nog apart bij de aanvraag?", "Moet daar een aparte ontheffing bij,
        # of kan dat mee in de aanvraag die al loopt?", "moet dat er nog apart bij?": with
        # the request there is.
        (?!e?[ \t]+bij\b)
        (?![^.!?\n]{0,80}?\b(?:bij|in|met)[ \t]+(?:de|mijn|onze|ons|het)[ \t]+
            (?:lopende[ \t]+)?(?:aanvraag|vergunning|melding|verzoek)\b)
    """
)


def _asks_apart(text: str, lay: Layout) -> bool:
    """Whether the writer asks if something needs a request of its own; not where the
    question offers the running one first ("Kan dat nog mee in de vergunning, of moet daar
    een aparte ontheffing voor?")."""
    return any(
        lay.where(m.start()) == "body"
        and not _WITH_RUNNING_RE.search(text, max(text.rfind(".", 0, m.start()), 0), m.start())
        for m in _ASKS_APART_RE.finditer(text)
    )


_WITH_RUNNING_RE = re.compile(
    r"(?i)\b(?:mee|bij|in|met)[ \t]+(?:de|mijn|onze|ons|het)[ \t]+(?:lopende[ \t]+)?"
    r"(?:aanvraag|vergunning|melding|verzoek)\b"
)


def _says_new_request(text: str, subject: str, lay: Layout) -> bool:
    """Whether the writer's own words or the email's subject call this a new request,
    apart from the one they have running (a second Woo request of a journalist)."""
    if _NEW_REQUEST_SUBJECT_RE.match(subject):
        return True
    if not _mentions(text, _NEW_REQUEST_WORDS):
        return False
    # "Wijziging of aanvulling … naast de 20 kramen ook een tent plaatsen": more of the
    # same request, not another.
    amends = _AMENDS_RE.search(text) is not None
    return any(
        lay.where(m.start()) == "body" and not (amends and m["besides"])
        for m in _NEW_REQUEST_RE.finditer(text)
    )


_AMENDS_RE = re.compile(r"(?i)\b(?:wijziging|aanvulling|wijzigen|aanvullen)\b")


# "Dit staat los van de procedure die onze advocaat voert": what the letter is apart from.
_STANDS_APART_RE = re.compile(
    r"(?i)\b(?:dit|deze[ \t]+\w+)[ \t]+staat[ \t]+los[ \t]+van[ \t]+(?P<other>[^.!?\n]{3,160})"
)


def _apart_from(text: str, subject: str, lay: Layout) -> tuple[str, ...]:
    """What "Dit staat los van …" sets apart, where nothing else in the letter calls it a
    new request: matching then asks whether that is the open case or another matter."""
    others = tuple(
        m["other"] for m in _STANDS_APART_RE.finditer(text) if lay.where(m.start()) == "body"
    )
    if not others:
        return ()
    # Blanked to the same length, so that the layout's positions still hold.
    rest = _STANDS_APART_RE.sub(lambda m: " " * len(m[0]), text)
    return () if _says_new_request(rest, subject, lay) else others


# --- writing on someone's behalf ----------------------------------------------------

_TITLE = r"(?i:(?:de[ \t]+)?heer|mevrouw|mevr\.|mw\.|dhr\.|mr\.|mrs\.|ms\.)"
# A name as letters write it: initials, capitalised words and tussenvoegsels, on one line.
# "K. Öztürk", "Ł. Nowak": capitals with accents too.
_CAPITAL = "[A-ZÀ-ÖØ-ÞĀ-Ž]"
_NAME_TOKENS = (
    # "M.Th. Verhoeven": an initial written with two letters after the first.
    rf"(?P<name>(?:{_CAPITAL}\.(?:{_CAPITAL}[a-z]{{0,2}}\.)*|{_CAPITAL}[\w'’-]*)"
    # "mevrouw W. (Mien) de Graaf": the name she goes by in brackets.
    rf"(?:[ \t]+(?:{_CAPITAL}\.(?:{_CAPITAL}[a-z]{{0,2}}\.)*|{_CAPITAL}[\w'’-]*|\([A-Z][a-zà-ÿ]+\)"
    r"|(?:van|de|der|den|het|ter|ten|te|'t|el|al)(?=[ \t])))"
    r"{0,5})"
)
# Who an architect, accountant or lawyer writes for, by their role.
_CLIENT_ROLE = (
    r"(?i:aanvrager|aanvraagster|eigenaar|eigenaresse|eigenaren|bewoner|bewoonster|bewoners"
    r"|huurder|huurster|opdrachtgever|opdrachtgeefster|cli[eë]nte?|klant)"
)
# "namens mijn moeder, mevrouw A. Jansen-Kok", "in opdracht van de heer J. van der Linden",
# "bewindvoerder van de heer Ronald de Kok", "Cliënte: mevrouw E.M. Groot".
_ABOUT_RE = re.compile(
    r"(?:\b(?i:namens|in[ \t]+opdracht[ \t]+van|ten[ \t]+behoeve[ \t]+van|on[ \t]+behalf[ \t]+of"
    r"|wijlen|nalatenschap(?:[ \t]+van)?(?:[ \t]+wijlen)?"
    # "beschermingsbewindvoerder van": the full title, in one word.
    r"|(?:(?:beschermings)?bewindvoerder|curator|mentor|gemachtigde|voogd)[ \t]+(?:van|voor))"
    r"[ \t]+"
    # A relative or client, or a title: "namens Stichting X" is the organisation's own letter.
    rf"(?:(?i:mijn|onze|ons|my|our)[ \t]+[^\W\d_]+[ \t]*,?[ \t]*(?:{_TITLE}[ \t]+)?"
    # "namens de aanvrager, mevrouw P. Ramdin": the client by their role.
    rf"|(?i:de|het)[ \t]+{_CLIENT_ROLE}[ \t]*,?[ \t]*(?:{_TITLE}[ \t]+)?"
    # "Namens de familie Bakker, Woudseweg 17": a household, by its house.
    r"|(?i:de[ \t]+)?(?i:familie|fam\.)[ \t]+"
    rf"|{_TITLE}[ \t]+)"
    # "In opdracht van De Strokartonfabriek verzorgen wij de productie": a contractor for
    # an organisation it names (not for the municipality it works for).
    # "Als boekhouder van de Stichting Sanatan Dharm Sabha zend ik u": its bookkeeper.
    # "Wij verzorgen de administratie van Camping 't Vlierbos": by what it does for it.
    r"|(?P<firm>\b(?i:in[ \t]+opdracht[ \t]+van|als[ \t]+(?:boekhouder|accountant|administrateur"
    r"|(?:belasting)?adviseur)[ \t]+van"
    r"|(?:wij|we|ik)[ \t]+(?:verzorgen|verzorg|voeren|voer|doen|doe)[ \t]+(?:ook[ \t]+)?de[ \t]+"
    r"(?:boekhouding|administratie|salarisadministratie|(?:belasting)?aangiften?)[ \t]+van)"
    r"[ \t]+(?:(?i:de|het)[ \t]+)?)"
    r"(?=[A-Z])(?!(?i:gemeente|provincie|rijkswaterstaat|waterschap|college)\b)"
    # "ik begeleid Rudy Smit, die bij ons een briefadres heeft": a caseworker's client.
    r"|\b(?i:(?:ik|wij|we|en)[ \t]+(?:begeleid|ondersteun)(?:en)?)[ \t]+"
    rf"(?:{_TITLE}[ \t]+)?(?=[A-Z])"
    r"|(?im:^[ \t]*(?:naam[ \t]+)?(?:cli[eë]nte?|opdrachtgever|belanghebbende|betrokkene)"
    r"[ \t]*:[ \t]*)(?:"
    + _TITLE
    + r"[ \t]+)?)"
    + _NAME_TOKENS
    # "de heer A. Bouzid, Ganzenwei 21 in Angeren", "M. Yildiz, wonende aan het
    # Sluiswachterspad 6 te Haalderen": that person's address, right after the name.
    # "de heer W.H. Zeeman (geboren 14-06-1968, Kievitstraat 5-8, Zaanhorn)": after the
    # date of birth.
    + r"(?:(?:[ \t]*,[ \t]*|[ \t]*\((?i:geboren|geb\.)[ \t]+[0-9][0-9./-]{5,9}[ \t]*,[ \t]*)"
    r"(?i:(?:wonende|woonachtig)[ \t]+(?:(?:aan|op|in|te)[ \t]+)?"
    r"(?:(?:de|het)[ \t]+)?)?(?P<street>[^,.;:!?()\n]{3,60}))?"
)


# "Mijn naam is Sevda Aydin, ik woon ...", "Ik, Joke Hendriks, woonachtig ...", "Dit is
# Joke Hendriks van Appelgaard 27": writers who introduce themselves.
_INTRODUCED_RE = re.compile(
    r"(?i:\bmijn[ \t]+naam[ \t]+is|\bik[ \t]+heet|\bik[ \t]+ben|\bmy[ \t]+name[ \t]+is"
    r"|\bi[ \t]+am|\bhier[ \t]+(?:is|schrijft)|\bdit[ \t]+is)[ \t]+"
    + _NAME_TOKENS
    # "My name is Ahmed Benali, Vinkenlaan 5A.": the address right after the name.
    + r"(?:(?:[ \t]*,[ \t]*|[ \t]+(?i:van|aan|op|uit)[ \t]+(?:(?i:de|het)[ \t]+)?)"
    r"(?:(?i:wonende|woonachtig)[ \t]+(?:(?i:aan|op|in|te)[ \t]+)?(?:(?i:de|het)[ \t]+)?)?"
    r"(?P<street>[^,.;:!?\n]{3,60}))?"
    # "Ik, Joke Hendriks, woonachtig Appelgaard 27 te Angeren": the name between commas.
    r"|(?i:\bik)[ \t]*,[ \t]*"
    + _NAME_TOKENS.replace("?P<name>", "?P<name2>")
    + r"[ \t]*,[ \t]*(?:(?i:wonende|woonachtig)[ \t]+(?:(?i:aan|op|in|te)[ \t]+)?"
    r"(?:(?i:de|het)[ \t]+)?)?(?P<street2>[^,.;:!?\n]{3,60})?"
)


def _top_street(text: str) -> Iterator[Found]:
    """A street and number opening the letter: the writer's address above it, as a letter
    by hand puts it ("Van Heeswijkstraat 71\nLindeveld\n\nBeste afdeling, ...")."""
    first = text.lstrip()
    line = first.split("\n", 1)[0]
    if (street := street_cell(line, len(text) - len(first))) is not None:
        yield street


def _introduced_streets(text: str) -> Iterator[Found]:
    """The street and number a writer gives right after introducing themselves."""
    for m in _INTRODUCED_RE.finditer(text):
        group = "street" if m["name"] else "street2"
        if m[group] and (street := street_cell(m[group], m.start(group))) is not None:
            yield street


# "Mijn moeder, mevrouw Maria Gonçalves (...) ... Ik schrijf namens haar": in a letter
# written on someone's behalf, the relative or client it names.
_RELATIVE_RE = re.compile(
    r"(?:\b(?i:mijn|onze)[ \t]+(?i:moeder|vader|zoon|dochter|man|vrouw|echtgeno\w*|partner"
    r"|opa|oma|schoon\w+|broer|zus|buurman|buurvrouw|vriend|vriendin|cli[eë]nte?)[ \t]*,?[ \t]*"
    # "Het gaat om Radu Ionescu, die woont in onze woning": whom, in a letter for someone.
    r"|\b(?i:het[ \t]+gaat[ \t]+om)[ \t]+)"
    rf"(?:{_TITLE}[ \t]+)?" + _NAME_TOKENS
)


# "Mijn vader, Gerrit van den Boom, Molenweg 3 in Graswijk, wacht op ...": a relative or
# client named with their address between commas is the person the letter is about, even
# where it never says "namens". Not a neighbour or friend: they are named as witnesses.
_RELATIVE_AT_RE = re.compile(
    r"\b(?i:mijn|onze|mien|myn|m['’]n)[ \t]+"
    r"(?i:moeder|vader|zoon|dochter|man|vrouw|echtgeno\w*|partner|opa"
    r"|oma|schoon\w+|broer|zus|cli[eë]nte?)[ \t]*,?[ \t]*"
    rf"(?:{_TITLE}[ \t]+)?(?P<name>[A-Z](?:[^,(\n]|\([^()\n]{{1,20}}\)){{1,60}}?)"
    # "mevr. T. van Leeuwen van de Heidelaan 2": the street after "van de" too.
    r"(?:[ \t]*[,(][ \t]*|[ \t]+van[ \t]+(?:de|het)[ \t]+)"
    r"(?:(?i:wonende|woonachtig)[ \t]+(?:(?i:aan|op|in|te)[ \t]+)?(?:(?i:de|het)[ \t]+)?)?"
    r"(?P<street>[^,.;:!?()\n]{2,60}?[0-9][^,.;:!?()\n]{0,20})"
)


def _relatives_at(text: str) -> Iterator[tuple[re.Match[str], Found]]:
    """Relatives named with their street and number (``_RELATIVE_AT_RE``)."""
    for m in _RELATIVE_AT_RE.finditer(text):
        if (street := street_cell(m["street"], m.start("street"))) is not None:
            yield m, street


def _about_streets(text: str) -> tuple[Found, ...]:
    """The street and number of the person a letter is written for: right after their
    name, or called their home."""
    matches = list(_ABOUT_RE.finditer(text)) or _titled(text)
    found = [
        street
        for m in matches
        if m["street"] and (street := street_cell(m["street"], m.start("street")))
    ]
    return (*found, *(street for _, street in _relatives_at(text)), *their_streets(text))


def _about_names(text: str) -> Iterator[Found]:
    """The names of the person a letter written on someone's behalf is about; a relative
    named with their street is not where the writer asks for themselves ("Mijn moeder,
    mevrouw De Vries van de Kerkstraat 12, krijgt al hulp. Nu vraag ik voor mezelf ...")."""
    for m, _street in () if _FOR_SELF_RE.search(text) else _relatives_at(text):
        for name in split_names(m["name"]):
            if is_full_name(name):
                yield Found("name", name, m.start("name"), m.end("name"))
    if not _mentions(text, _ABOUT_WORDS):
        return
    matches = list(_ABOUT_RE.finditer(text))
    if not matches and _writes_on_behalf(text):
        # For an owners' association: the board members it names are not whom it is for.
        titled = [] if _FOR_OWNERS_RE.search(text) else _titled(text)
        matches = list(_RELATIVE_RE.finditer(text)) or titled
    for m in matches:
        # "namens de familie Bakker": the household by its surname alone.
        household = _HOUSEHOLD_RE.search(m[0]) is not None
        # "in opdracht van De Strokartonfabriek": an organisation by one word of its name.
        one_word = household or bool(m.groupdict().get("firm"))
        # "mevrouw A. Lubbers (Toos)": the name she goes by, kept where names read it.
        for name in split_names(m["name"], min_words=1 if one_word else 2):
            if is_full_name(name) or one_word:
                yield Found("name", _called_by(name, m["name"]), m.start("name"), m.end("name"))


def _called_by(name: str, written: str) -> str:
    """``name`` with the first name its person goes by, where ``written`` gives it in
    brackets after initials ("mevrouw A. Lubbers (Toos)", "dhr. T. Heikens (Tjeerd),
    Kerkpad 11"): "A. (Toos) Lubbers", as names reads it."""
    called = _CALLED_END_RE.search(written.split(",")[0])
    if called and (first := _INITIALS_FIRST_RE.fullmatch(name)):
        return f"{first['title'] or ''}{first['initials']} ({called['called']}) {first['rest']}"
    return name


_CALLED_END_RE = re.compile(r"[ \t]+\((?P<called>[A-Z][a-zà-ÿ]{2,})\)[ \t]*$")
_INITIALS_FIRST_RE = re.compile(
    r"(?P<title>(?i:dhr|mevr|mw|mevrouw|meneer|de[ \t]+heer)\.?[ \t]+)?"
    r"(?P<initials>(?:[A-Z][a-z]?\.)+)[ \t]+(?P<rest>.+)"
)


_HOUSEHOLD_RE = re.compile(r"(?i)\bfam(?:ilie\b|\.)")
_FOR_OWNERS_RE = re.compile(r"(?i)\bnamens\s+de\s+(?:vereniging\s+van\s+eigena(?:ars|ren)|vve)\b")


# "Mijn moeder, mevrouw F. Bouzid", "Mijn vader, de heer A. Kodde": family only; a
# neighbour or friend named so is a witness, not whom the letter is about.
_KIN_RE = re.compile(
    r"\b(?i:mijn|onze|mien|myn|m['’]n)[ \t]+"
    r"(?i:moeder|vader|zoon|dochter|man|vrouw|echtgeno\w*|partner|opa"
    r"|oma|schoon\w+|broer|zus)[ \t]*,?[ \t]*"
    rf"(?:{_TITLE}[ \t]+)?" + _NAME_TOKENS
)


_SENTENCE_RE = re.compile(r"[^.!?\n]*(?:\n(?!\n)[^.!?\n]*){0,2}")
_ALREADY_RE = re.compile(r"(?i)\b(?:al|ook|eveneens)\b")


def _kin_names(text: str) -> Iterator[Found]:
    """Relatives named with a surname (see ``Identifiers.kin``); none where the writer asks
    for themselves."""
    if _FOR_SELF_RE.search(text):
        return
    for m in _KIN_RE.finditer(text):
        # "Mijn vader, A.H. Oude Nijeweme, heeft al iets lopen", "mijn zus heeft ook al een
        # melding": what the relative already has, beside the writer's own request.
        sentence = _SENTENCE_RE.match(text, m.end())
        if sentence is not None and _ALREADY_RE.search(sentence[0]):
            continue
        for name in split_names(m["name"], min_words=2):
            yield Found("name", name, m.start("name"), m.end("name"))


# A keyword rule, deliberately: each phrase below is how Dutch letters say "I write for
# someone else". A miss only means the letter is treated as the resident's own.
_ON_BEHALF_RE = re.compile(
    r"""(?ix)
      \bnamens\s+(?:mijn\s+|onze\s+)?cli[eë]nt
    | \bmede\s+namens\b
    # "Namens de Vereniging van Eigenaars van het complex": its manager for the owners.
    # Not "ik schrijf als bewoner, niet meer namens de VvE".
    | (?<!niet\s)(?<!meer\s)\bnamens\s+de\s+(?:vereniging\s+van\s+eigena(?:ars|ren)|vve)\b
    # "Meneer belt namens zijn vrouw": a phone note's third person too.
    | \bnamens\s+(?:mijn|onze|ons|zijn|haar)\s+(?:moeder|vader|ouders|zoon|dochter|kind|man|vrouw
        |echtgeno\w*|partner|broer|zus|zuster|oom|tante|opa|oma|schoon\w+)\b
    | \bnamens\s+(?:mevrouw|mevr\.|meneer|de\s+heer|dhr\.|haar\b|hem\b|de\s+familie\b)
    | \b(?:als|in\s+(?:mijn|haar|zijn|de)\s+hoedanigheid\s+(?:van|als))\s+(?:wettelijke?\s+)?
        (?:(?:beschermings)?bewindvoerder|curator|mentor|gemachtigde|vertegenwoordiger|voogd
        |executeur)
    | \b(?:(?:beschermings)?bewindvoerder|mentor|gemachtigde|voogd)\s+(?:van|voor)\s
    | \bik\s+schrijf\s+(?:u\s+)?(?:deze\s+(?:brief|mail|e-?mail)\s+|dit\s+)?(?:voor|namens)\s+
        (?:mijn|onze)\s+\w+
    | \bon\s+behalf\s+of\b
    | \bnamens\s+(?:mijn\s+|onze\s+|de\s+)?(?:opdrachtgever|klant)\w*
    | \bnamens\s+de\s+(?:aanvrager|aanvraagster|eigena(?:ar|resse|ren)|bewone?r|bewoonster
        |huurder|huurster)\b
    # "In opdracht van de eigenaar van de rotizaak aan de Kerkstraat 23 verzorgen wij ...":
    # a contractor for its client, by the client's role.
    | \bin\s+opdracht\s+van\s+(?:de|onze|mijn)\s+(?:opdrachtgever|klant|aanvrager|aanvraagster
        |eigena(?:ar|resse|ren)|bewone?r|bewoonster|huurder|huurster)\b
    # A care home for a resident: "Namens onze bewoonster mevrouw ...", "Dhr. C. Brouwer
    # heeft ons gevraagd hem te helpen".
    | \bnamens\s+(?:onze?|mijn)\s+(?:bewone?r\w*|bewoonster|pati[eë]nt\w*|huurder\w*)
    | \b(?:heeft|hebben)\s+(?:ons|mij|me)\s+gevraagd\s+(?:hem|haar|hen)\b
    # "Als vrijwillig thuisadministrateur help ik de heer Celik met zijn post", "Ik help als
    # vrijwilliger op ons spreekuur mevrouw Yıldız", "ik ben als wijkverpleegkundige
    # betrokken bij mevrouw Van der Sande": a volunteer or carer for the person.
    | \b(?:(?:help|ondersteun|begeleid)(?:en)?\s+(?:ik|wij|we)
        |(?:ik|wij|we)\s+(?:help|ondersteun|begeleid)(?:en)?)\b[^.!?\n]{0,60}?
        \s(?:mevrouw|mevr\.|mw\.|meneer|de\s+heer|dhr\.|het\s+gezin|de\s+familie|familie)\s
    | \bbetrokken\s+bij\s+(?:mevrouw|mevr\.|mw\.|meneer|de\s+heer|dhr\.|het\s+gezin)\s
    # "Op verzoek van de heer Rovers en zijn huisarts heb ik een huisbezoek afgelegd".
    | \bop\s+verzoek\s+van\s+(?:mevrouw|mevr\.|mw\.|meneer|de\s+heer|dhr\.|de\s+familie)\s
    # "Ik ben vrijwilliger bij Welkom en begeleid de familie Al-Hassan", "Hij vroeg mij te
    # mailen": the verb after the writer's role, and the person's own request to write.
    | \ben\s+(?:help|ondersteun|begeleid)\s+(?:mevrouw|mevr\.|mw\.|meneer|de\s+heer|dhr\.
        |het\s+gezin|de\s+familie|familie)\s
    | \b(?:hij|zij|ze)\s+(?:vroeg|heeft)\s+(?:mij|me|ons)\s+(?:gevraagd\s+)?(?:om\s+)?(?:u\s+)?
        (?:hierover\s+)?te\s+(?:schrijven|mailen|bellen)\b
    # "Onze medewerker … heeft ons gevraagd u te schrijven over zijn bezwaar".
    | \b(?:heeft|hebben)\s+(?:ons|mij|me)\s+gevraagd\s+(?:om\s+)?(?:u\s+)?(?:hierover\s+)?
        te\s+(?:schrijven|mailen)\b
    # "Betreft: mevrouw W.M. van der Sande (Mien), Vlasakker 19", "Betreft: Kees van Gils,
    # Schoenmakersstraat 33": a letter about a person, on someone else's letterhead.
    | (?m:^)[ \t]*(?:betreft|inzake|onderwerp)[ \t]*:[ \t]*
        (?:(?:de\s+heer|mevrouw|mevr\.|mw\.|dhr\.|meneer)\s
        |(?-i:[A-Z][a-z]+)(?:[ \t]+(?:van|de|der|den|ter|ten|el|al))*[ \t]+(?-i:[A-Z][\w'-]+)
            [ \t]*,[ \t]*(?-i:[A-Z])[^\W\d_]+[ \t]+[0-9])
    | \bin\s+opdracht\s+van\s+(?:mijn|onze|de)\s+(?:opdrachtgever|klant|cli[eë]nt)
    # "In opdracht van het bestuur van Stichting Buurtkamer", "namens het bestuur van":
    # an accountant or secretary writing for an organisation.
    | \b(?:in\s+opdracht\s+van|namens)\s+het\s+bestuur\s+van\s+(?!ons\b|onze\b)
    # "Bij cliënte hierboven vermeld": a care worker's client.
    | \bbij\s+(?:onze\s+)?cli[eë]nte?\b
    # "sturen wij als aannemer de berekening van de uitbouw bij mevr. Kuypers": a
    # contractor or architect for the owner.
    | \b(?:wij|we|ik)\s+(?:\w+\s+){0,2}als\s+(?:aannemer|architect|constructeur|tekenaar
        |bouwkundige|uitvoerder|installateur)\b
    # "Cliënt heeft zijn werk per 1 februari verloren": a bewindvoerder's client.
    | (?-i:\bCli[eë]nte?)\s+(?:heeft|had|is|was|krijgt|ontvangt|woont|kan|wil|verzoekt)\b
    # "Betreft: nalatenschap wijlen de heer K. Venema": a notary for the heirs.
    | \bwijlen\s+(?:de\s+heer|mevrouw|mevr\.|dhr\.|mw\.)
    # "Betreft: nalatenschap mevrouw P. Visser", "afwikkeling van de nalatenschap".
    | \bnalatenschap\s+(?:van\s+)?(?:de\s+heer|mevrouw|mevr\.|dhr\.|mw\.)
    | \bafwikkeling\s+van\s+de\s+nalatenschap\b
    # "Ik help een van onze uitzendkrachten met zijn aanvraag": an employer or agency for
    # one of its people.
    | \b(?:help|helpen|ondersteun|ondersteunen|begeleid|begeleiden)\s+(?:hierbij\s+)?
        (?:een\s+van\s+)?onze\s+(?:uitzendkracht|medewerker|werknemer|arbeidsmigrant
        |seizoenwerker|bewone?r|bewoonster|huurder|leerling|cli[eë]nt)\w*\b
    # "Als maatschappelijk werker begeleid ik mevrouw H. Bakker": a social worker's client.
    | \b(?:(?:begeleid|ondersteun)(?:t|en)?\s+(?:ik|wij|we)
        |(?:ik|wij|we)\s+(?:begeleid|ondersteun)(?:t|en)?)\s+
        (?:mevrouw|mevr\.|mw\.|meneer|de\s+heer|dhr\.)
    """
)
# "Onlangs heeft mevrouw N. Chaouch, Merelhof 5, bezwaar gemaakt. Hierbij dienen wij namens
# haar de gronden in": on someone's behalf, the person the letter names with a title.
_TITLED_RE = re.compile(
    rf"\b{_TITLE}[ \t]+"
    + _NAME_TOKENS
    + r"(?:[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?,[ \t]*(?i:(?:wonende|woonachtig)[ \t]+"
    r"(?:(?:aan|op|in|te)[ \t]+)?(?:(?:de|het)[ \t]+)?)?(?P<street>[^,.;:!?\n]{3,60}))?"
)


def _titled(text: str) -> list[re.Match[str]]:
    """The people named with a title above the writer's closing: under it is the writer
    ("Hoogachtend,\nmr. S. Brandsma")."""
    end = signed_from(text)
    return [m for m in _TITLED_RE.finditer(text) if m.start() < end]


# A lawyer's or notary's letterhead, in a letter that speaks of a client.
_LEGAL_LETTERHEAD_RE = re.compile(r"(?i)\b(?:advoca\w*|notari\w*)")
_CLIENT_RE = re.compile(r"(?i)\bcli[eë]nt")
_SALUTATION_RE = re.compile(r"(?im)^[ \t]*(?:geachte|beste|dear|hallo)\b")
_LETTERHEAD_CHARS = 600  # where a letter has no salutation


def _writes_on_behalf(text: str) -> bool:
    if _ON_BEHALF_RE.search(text):
        return True
    salutation = _SALUTATION_RE.search(text)
    letterhead = text[: salutation.start()] if salutation else text[:_LETTERHEAD_CHARS]
    return bool(_LEGAL_LETTERHEAD_RE.search(letterhead) and _CLIENT_RE.search(text))
