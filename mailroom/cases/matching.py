"""Deciding which case a document belongs to: a cited case, the party's open case, or a new one.

The rules, in order (each decision records its reasons and a score):

1. A cited case number that exists wins, also a closed case (flagged
   ``closed_case``). A bezwaar, klacht or Woo request citing a case of another
   type opens a new case related to it instead, unless it also cites an open
   case of its own type (its own, once it has one) or the party has an open case
   of its own type about the cited case (recorded as related, or — imported — the
   letter speaks of its bezwaar as made before). Numbers in the writer's own
   words come first, then the email's subject, then quoted messages (a reply
   quoting the municipality's "Ons kenmerk"). A number from the subject or a
   quote is passed over when the sender is another person (another surname,
   writing for themselves), and in a forwarded message unless the letter names
   the case's person: a forward carries anyone's case number. A BSN in the
   letter that differs from the case's rules out a cited case too.
2. Invoices are matched by invoice number only: a reminder or credit note
   citing an invoice joins that invoice's case; a new invoice is a new case,
   even from a known supplier. Suppliers number independently, so a case of
   another supplier (another KvK) never takes the letter, and of several cases
   with the number only the one whose party the letter fits does.
3. The same party with an open case of the predicted type: that case. The
   same party is the same BSN, KvK or sender email, or postcode + house number
   with a matching name, or, for a letter giving no postcode at all, a street
   and house number with the full name (surname and first initial) or the
   organisation's name (without its legal form; no other KvK) matching. A
   BSN in the letter that differs from the case's BSN rules the case out, and
   a letter written on someone's behalf is matched on the person it is about,
   not on the writer's KvK or email address, and by that person's name where the
   letter gives it, with their street and number where given with the name or
   as their home ("haar huis aan de Rozenhof 8"), whatever postcode the writer
   gives for themselves. Identifiers in quoted messages never count: they are the
   municipality's, or whoever wrote the quote. Of several open cases of the type,
   the one whose subject the letter speaks of, else the latest; none when the
   writer calls the letter a new request ("los van mijn lopende verzoek").
   Without a BSN or KvK, a person or organisation the letter names joins their
   open case of the type when the name and a second detail agree (house number,
   an email address spelling the name, the first name, the case's subject) and
   nothing disagrees: see :func:`_named_case`. An organisation is named as its
   members name it too: by the words of its name that say which it is ("Moskee Al
   Fath" for Stichting Islamitisch Centrum Al Fath) or by its abbreviation
   ("RKVVS"), and the register finds it by any of them (``case_words``).
4. A letter no rule tied to a party is weighed against the open cases of its type that
   share a name, a word of the subject or a house with it (the name where the writer
   signs, the first name, the postcode, the house, the case's subject; see
   :mod:`.weighing`): a case weighing enough, and clearly more than the next, takes it;
   its name must be in the letter.
5. A person known by other cases who writes about the firm or group they run from home
   (under their surname, or signing as its officer) joins its open case of the type.
6. Anything else opens a new case.

A document must never land in another person's case, so every party rule
needs an identifier that the case itself carries; a shared address alone is
never enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, Protocol, TypeVar

from mailroom.cases.addresses import house_parts, postcodes, same_house, units_at, without_units
from mailroom.cases.found import Found
from mailroom.cases.identifiers import Identifiers, extract, mask_bsn, to_municipality
from mailroom.cases.kvk import WrittenName, longest, written_names
from mailroom.cases.mentions import capitalised_words, named_around
from mailroom.cases.names import (
    NameParts,
    abbreviated,
    as_name,
    email_spells,
    first_names_agree,
    fold_spelling,
    given_name,
    goes_by,
    goes_by_initial,
    has_legal_form,
    indexed_words,
    is_full_name,
    is_no_reply,
    is_organisation,
    key_guesses,
    misspelled_name,
    names_organisation,
    names_organisation_by_words,
    names_organisation_in_part,
    organisation_abbreviation,
    organisation_core,
    organisation_words,
    plain_words,
    resident_street_key,
    same_first_name,
    same_full_name,
    same_initials,
    same_name,
    same_organisation,
    shares_surname,
    site_houses,
    subject_house_key,
    subject_houses,
    surname_keys,
    town_at_end,
)
from mailroom.cases.weighing import (
    MAIL_PROVIDERS,
    Weight,
    lookup_words,
    organisation_domain_words,
    written_surnames,
)
from mailroom.cases.weighing import Letter as WeighedLetter
from mailroom.cases.weighing import best as best_weighed
from mailroom.cases.weighing import describe as describe_weight
from mailroom.cases.weighing import houses as weighed_houses
from mailroom.cases.weighing import weigh as weigh_case
from mailroom.core.records import Classification

__all__ = [
    "ABOUT_ANOTHER_CASE",
    "NAMESAKES",
    "PARTY_LIMIT",
    "CaseDecision",
    "CaseLookup",
    "CaseRef",
    "Party",
    "decide",
    "match_case",
    "same_name",
    "same_party",
]

#: Case types that are *about* another case: citing it opens a new, related case.
ABOUT_ANOTHER_CASE = frozenset({"bezwaar", "klacht", "woo_verzoek"})
INVOICE = "factuur"
TAXES = "belastingen"
MELDING = "melding_openbare_ruimte"
PERMIT = "omgevingsvergunning"


@dataclass(frozen=True)
class CaseRef:
    """What matching needs to know about an existing case."""

    number: str
    case_type: str
    status: str
    bsn: str | None = None
    kvk: str | None = None
    email: str | None = None
    postcode: str | None = None
    house_number: str | None = None
    name: str | None = None
    invoice_number: str | None = None
    #: What the case is about; it often names the street ("Dakkapel Lindelaan 4").
    subject: str | None = None
    #: The case this one is about (a bezwaar's decision), where the register records it.
    related_to: str | None = None


@dataclass(frozen=True)
class Party:
    """Who a letter is from or about, as far as its identifiers tell."""

    bsns: tuple[str, ...] = ()
    kvks: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    addresses: tuple[tuple[str, str], ...] = ()
    names: tuple[str, ...] = ()
    on_behalf: bool = False
    #: (street, house number) written without a postcode.
    streets: tuple[tuple[str, str], ...] = ()
    #: (street, house number) of the person a letter is written for, given with their
    #: name or as their home: theirs, whatever postcode the writer gives for themselves.
    about_streets: tuple[tuple[str, str], ...] = ()
    #: Names that may be the writer's organisation (lines of a signature); they are
    #: only compared with a case's organisation name.
    organisations: tuple[str, ...] = ()
    #: A first name alone signing the letter ("Groet,\nJohan").
    first_names: tuple[str, ...] = ()
    #: (postcode, house number) the address register gives ``streets`` (see :func:`placed`).
    #: They find the writer's cases and confirm them where the name agrees, as a written
    #: postcode would; unlike one, they rule no case out.
    placed: tuple[tuple[str, str], ...] = ()
    #: (KvK number, trade name) of firms the trade register knows by a name the letter is
    #: signed with or written for (see :func:`traded`). They find the firm's cases as a
    #: written KvK number would; unlike one, they rule no case out.
    traded: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, ids: Identifiers) -> Party:
        """The party of a letter, from the writer's own words and the email header only.
        On someone's behalf, the writer's own KvK and email address (letterhead,
        footer, sender) say nothing about the person it is about, and where the letter
        names that person ("namens mijn moeder, mevrouw A. Jansen-Kok") only their name
        counts: the writer's would find the writer's own cases."""
        return cls(
            bsns=_values(ids.bsns),
            kvks=() if ids.on_behalf else _values(ids.kvks),
            emails=() if ids.on_behalf else _values(ids.emails),
            # Not the municipality's own, in the block the letter is addressed to.
            addresses=_unique(
                (f.value, f.house_number or "")
                for f in ids.addresses
                if f.where != "quoted" and not to_municipality(ids.text, f)
            ),
            names=_values(ids.about) if ids.on_behalf and ids.about else _party_names(ids),
            on_behalf=ids.on_behalf,
            streets=_unique(
                (f.value, f.house_number or "") for f in ids.streets if f.where != "quoted"
            ),
            about_streets=_unique((f.value, f.house_number or "") for f in ids.about_streets),
            organisations=() if ids.on_behalf else _values(ids.organisations),
            first_names=() if ids.on_behalf else _values(ids.first_names),
        )


def placed(party: Party, lookup: CaseLookup) -> Party:
    """The party with the postcode of each street and number it wrote without one
    ("Groet,\nTinus\nDijkweg 112"), where the municipality's address register (the BAG)
    has that house in one postcode only: the register knows parties by postcode and
    number. A street two villages share stays a street (the surname and number still find
    the party there, see :meth:`CaseLookup.by_party`)."""
    houses = [(s, n) for s, n in party.streets if n]
    if not houses:
        return party
    found = lookup.postcodes_at(houses)
    known = {n for _, n in party.addresses}
    added = [
        (codes[0], n)
        for (s, n), codes in found.items()
        if len(codes) == 1 and (codes[0], n) not in party.addresses and n not in known
    ]
    return replace(party, placed=tuple(added)) if added else party


def traded(party: Party, ids: Identifiers, lookup: CaseLookup) -> Party:
    """The party with the KvK number of each trade name it is known by in the letter, where
    the municipality's trade register (the Handelsregister) has that name for one firm
    only: "Hotel-restaurant De Gouden Appel" under a letter of Horeca Exploitatie Linge
    B.V. The names are read where a writer says who they are (the signature, the sender's
    mail domain, an organisation the letter calls its own) and, in a letter written for
    someone, where it says for whom ("Namens mijn cliënt, Café 't Veerhuis"). A firm or
    place merely spoken of ("de herrie van De Gouden Appel", "de podia op de Vismarkt") is
    not the writer."""
    own = {f.value.strip() for f in ids.organisations} if ids.on_behalf else set()
    lines = [f.value for f in (*ids.named_organisations, *ids.about) if f.value.strip() not in own]
    if ids.on_behalf:
        # The writer's own firm signs it ("Advocatenkantoor Lingewaard"); the client is
        # named where the letter says for whom.
        # In the sentences that say for whom: not "Het huis ligt niet op het terrein van
        # vakantiepark De Zandverstuiving", a place beside the client's house.
        lines += [
            m["name"]
            for sentence in _SENTENCE_RE.findall(ids.text)
            if _FOR_WHOM_RE.search(sentence)
            for m in _CLIENT_NAMED_RE.finditer(sentence)
        ]
    else:
        # Not a phone note's "Aangenomen door: Linda Bouzid (KCC)": the municipality's own.
        closing = [line for line in ids.closing if not _STAFF_LINE_RE.match(line)]
        lines += [*(f.value for f in ids.organisations), *filter(_signature_line, closing)]
        # "kerkvoogdij.eenwierde@…": the name the sender's address spells.
        lines += [f.value for f in ids.names if f.where == "header" and f.confidence < 1.0]
        # "Basisschool De Mijnlamp / Koempelstraat 30" over a paper letter: its letterhead.
        head = len(ids.text) - len(ids.text.lstrip()) + max(ids.text.strip().find("\n\n"), 0)
        lines += [f.value for f in ids.names if f.where == "body" and 0 <= f.start < head]
    # "Beller: mevr. Derya Ay, eigenaar van lunchroom Het Spoelhuis": a phone note's or a
    # form's caller, at its top.
    lines += [m["who"] for m in _FORM_CALLER_RE.finditer(ids.text)]
    written = written_names([without_units(line) for line in lines])
    surnames = {key for name in party.names for key in surname_keys(name)}
    # "A. van Gerwen" is no "Slagerij Van Gerwen": the surname with its particles too.
    surnames |= {
        organisation_core(" ".join(words[1:]))
        for name in party.names
        if is_full_name(name)
        and len(words := name.split()) > 2
        and words[1].lower() in {"van", "de", "der", "den", "ter", "ten", "te", "'t", "op"}
    }
    # "Jan Veerman" is no trade name "De Veerman"; "Cor / Hotel Lominlisa" is one.
    # "Mijn adres is Julianastraat 30-3" is no "Buurtvereniging Julianastraat", nor "de
    # moskee aan de Molenlaan" the Molenlaan Apotheek.
    streets = {re.sub(r"[^a-z0-9]+", "", s.lower()) for s, _ in party.streets}
    written = [
        w
        for w in written
        if not (w.bare and (w.key in surnames or w.key in streets or w.key.endswith(_STREET_ENDS)))
    ]
    domains = set()
    if not ids.on_behalf:
        for f in ids.emails:
            # "info@de-gouden-appel.nl", "post@mail.terpzuivel.nl": the name is the label
            # before the top level.
            label = f.value.lower().partition("@")[2].rsplit(".", 1)[0].rsplit(".", 1)[-1]
            label = re.sub(r"[^a-z0-9]+", "", label)
            if len(label) >= 5 and label not in MAIL_PROVIDERS and not is_no_reply(f.value):
                domains.add(label)
    keys = [*(w.key for w in written), *domains]
    if not keys:
        return party
    firms = lookup.firm_trading_as(keys)
    if not firms:
        return party
    # A run's name with its kind counts where it finds one firm ("Camping De Mar"); else
    # the name without, as before ("De Mar", shared by several, finds none).
    found = [*longest(w for w in written if w.key in firms and not (w.whole and not firms[w.key]))]
    found += [WrittenName(d, -1, 0, 1) for d in sorted(domains) if d in firms]
    named = dict.fromkeys(firm for w in found if (firm := firms[w.key]) is not None)
    return replace(party, traded=tuple(named)) if named else party


def homes_in_places(party: Party, ids: Identifiers, lookup: CaseLookup) -> Party:
    """The party with each home it names inside a place the trade register knows
    ("aanleunwoning 14 bij Het Woudhuis", "de aanleunwoningen bij Het Woudhuis, nummer 9"):
    the place's address with the home's number added (Emmalaan 30-14), where the register
    has the name for one firm at one address. Like a street the address register places
    (:func:`placed`), the home finds the writer's cases and confirms them where the name
    agrees; the place itself is not the writer."""
    added = []
    for unit in units_at(ids.text):
        written = written_names([unit.place])
        firms = lookup.firm_trading_as([w.key for w in written])
        named = longest(w for w in written if firms.get(w.key) is not None)
        houses = lookup.houses_trading_as(named[0].key) if len(named) == 1 else ()
        if len(houses) == 1 and "-" not in houses[0][1]:
            postcode, number = houses[0]
            added.append((postcode, f"{number}-{unit.unit}"))
    added = [house for house in dict.fromkeys(added) if house not in party.placed]
    return replace(party, placed=(*party.placed, *added)) if added else party


# "Namens mijn cliënt, Café 't Veerhuis, ...", "in opdracht van Terpzuivel", "voor onze
# opdrachtgever Camping Het Dijkje": the few words after the words for a client.
_CLIENT_NAMED_RE = re.compile(
    # Not "cliënte is geen familie van Taxi Lubbers".
    r"(?i)(?<!familie[ \t])\b(?:namens|in[ \t]+opdracht[ \t]+van|cli[eë]nte?|opdrachtgever|klant"
    r"|voor|van)"
    r"[ \t]*[,:]?[ \t]*(?:(?:mijn|onze|ons|de|het)[ \t]+(?:cli[eë]nte?|opdrachtgever|klant)"
    # A name, capitalised: not "Cliënte woont in De Gasthuishof", where she lives.
    r"[ \t]*[,:]?[ \t]*)?(?=['’]t\b|(?-i:[A-ZÀ-ÖØ-Þ]))"
    r"(?P<name>(?:(?:['’]t|[^\W\d_][\w'’&-]*)[ \t]*){1,5})"
)


_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:\n(?!\n)[^.!?\n]+)*")
# Words of a sentence that says for whom a letter is written.
_FOR_WHOM_RE = re.compile(
    r"(?i)\b(?:namens|opdracht|cli[eë]nt|opdrachtgever|klant|administratie|boekhouding"
    r"|aangifte|gemachtigd|machtiging|eigena(?:ar|resse)|ten[ \t]+behoeve)"
)
_STAFF_LINE_RE = re.compile(
    r"(?i)[ \t]*(?:(?:aangenomen|opgenomen|genoteerd|behandeld|ingevoerd)[ \t]+door"
    # "KCC / P. Hilbrands", "KCC, M. Hop": the contact centre's employee who took the call.
    r"|(?:kcc-?)?medewerker|behandelaar|kcc[ \t]*[/,:-])"
)
# One word ending as streets end ("Molenlaan"): a street, not a firm named after it.
_STREET_ENDS = ("straat", "laan", "weg", "plein", "kade", "dijk", "singel", "gracht", "steeg")


_FORM_CALLER_RE = re.compile(
    # "Naam melder: Parochie Heilige Willibrordus, C. Habraken (koster)".
    r"(?im)^[ \t]*(?:beller|belster|naam(?:[ \t]+(?:melder|aanvrager|indiener|contactpersoon))?"
    r"|afzender|aanvrager|organisatie|bedrijf|vereniging)"
    r"[ \t]*:[ \t]*(?P<who>[^\n]{3,120})"
)


def _signature_line(line: str) -> bool:
    """Whether a closing line may be a signature's (a name, a firm, a role): short, not a
    sentence. The closing lines of a short letter hold its last paragraph too."""
    # "A. van Gerwen, hoofdman Sint-Sebastiaansgilde": an initial's stop ends no sentence.
    line = re.sub(r"\b[A-Z][a-z]?\.", "", line)
    return len(line.split()) <= 8 and not re.search(r"[.!?][ \t]+\S", line)


def _by_registers(party: Party, at_party: Sequence[CaseRef], lookup: CaseLookup) -> list[CaseRef]:
    """The cases at the houses the address register placed and of the firms the trade
    register names, beside those the letter's own identifiers found (``at_party``):
    candidates where :func:`same_party` agrees, but not counted among the party's cases
    that the later rules leave out (a shopkeeper writing from the shop's mailbox about his
    own parking permit is not the shop)."""
    if not party.placed and not party.traded:
        return []
    known = {c.number for c in at_party}
    found = lookup.by_party(
        Party(addresses=party.placed, kvks=tuple(kvk for kvk, _ in party.traded))
    )
    return [c for c in found if c.number not in known]


def _party_names(ids: Identifiers) -> tuple[str, ...]:
    """The writer's names, but for a letter written for a relative named by first name
    ("Mijn vrouw Ria heeft een scootmobiel aangevraagd … Namens mijn vrouw, H. Bleumink"):
    the writer's own name would find the writer's own case (see :func:`_mentioned_case`
    for the relative)."""
    if ids.on_behalf and any(r.value for r in ids.relatives):
        return ()
    return _values(ids.names)


def _values(found: Iterable[Found]) -> tuple[str, ...]:
    return _unique(f.value for f in found if f.where != "quoted")


def _written_names(ids: Identifiers) -> tuple[str, ...]:
    """The names the letter or the email header gives, not those guessed from an address."""
    return _values(f for f in ids.names if f.where != "header" or f.confidence == 1.0)


_DIGIT_RE = re.compile(r"[0-9]")
# Cells of a signature line: "Projectmanager | Feestwerk B.V.", "Bakkerij Jansen, KvK 1234".
_CELL_RE = re.compile(r"[,|·•]|[ \t][–—-][ \t]")
_DEVICE_LINE_RE = re.compile(r"(?i)^(?:verstuurd|verzonden|sent|get outlook|outlook voor)\b")


def _short_lines(lines: Sequence[str]) -> list[str]:
    """The last word of each short line ("Tom", "Groet Dennis") below the writer's last
    sentence: a first name signing, where the signature reader saw none."""
    words = [line.split() for line in lines if not _DEVICE_LINE_RE.match(line)]
    sentences = [i for i, w in enumerate(words) if len(w) > 3]
    below = words[sentences[-1] + 1 :] if sentences else words
    return [w[-1] for w in below if 1 <= len(w) <= 2]


_T = TypeVar("_T")


def _unique(values: Iterable[_T | None]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


class CaseLookup(Protocol):
    """Read-only access to the case register."""

    def by_number(self, number: str) -> CaseRef | None:
        """The case with this number, if it exists."""
        ...

    def by_invoice_numbers(self, numbers: Sequence[str]) -> list[CaseRef]:
        """Invoice cases whose invoice number is one of ``numbers`` (all of them where
        suppliers share a number)."""
        ...

    def by_party(self, party: Party) -> list[CaseRef]:
        """Cases carrying any of the party's BSNs, KvK numbers, emails or addresses."""
        ...

    def open_by_surname(
        self, surnames: Sequence[str], case_type: str, words: Sequence[str] = ()
    ) -> list[CaseRef]:
        """Open cases of ``case_type`` whose surname key is one of ``surnames``, or whose
        organisation's name has one of ``words``; none for a key with NAMESAKES or more
        (a common surname)."""
        ...

    def open_at_subject_house(
        self, houses: Sequence[tuple[str, str]], case_type: str
    ) -> list[CaseRef]:
        """Open cases of ``case_type`` of organisations whose subject names one of
        ``houses`` (street, number): "Plaatsing chalets Kruisveld 40"."""
        ...

    def postcodes_at(
        self, houses: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[str, ...]]:
        """The postcodes the municipality's address register gives each (street, number);
        a house it does not hold is left out."""
        ...

    def firm_trading_as(self, keys: Sequence[str]) -> dict[str, tuple[str, str] | None]:
        """The (KvK number, trade name) of the firm the municipality's trade register has
        under each key of a trade name, None where several firms share it; a key it does
        not hold is left out."""
        ...

    def houses_trading_as(self, key: str) -> tuple[tuple[str, str], ...]:
        """The (postcode, house number) of the establishments the trade register has under
        ``key`` (a key of :func:`firm_trading_as`)."""
        ...


@dataclass(frozen=True)
class CaseDecision:
    """The outcome of matching: an existing case, or a new one of ``case_type``."""

    match: Literal["matched", "new"]
    case_type: str
    case_number: str | None
    reasons: tuple[str, ...]
    score: float = 1.0
    #: For a new case: the case it is about (a bezwaar against a decision in it, say).
    related_to: str | None = None
    #: For a new case: the identifiers to keep on it, so follow-ups find it.
    party: Party = Party()
    invoice_number: str | None = None


def match_case(
    text: str,
    classification: Classification,
    lookup: CaseLookup,
    *,
    sender: str | None = None,
    subject: str | None = None,
    patterns: Sequence[str] = (),
) -> CaseDecision:
    """Decide the case of a document from its text, the email's sender and subject (when it
    came by email) and its predicted type."""
    ids = extract(text, sender=sender, case_patterns=patterns, subject=subject)
    return decide(ids, classification.case_type, lookup)


#: The order in which cited case numbers are believed: the writer's own words first.
_TRUST = {"body": 0, "header": 1, "quoted": 2}


def decide(ids: Identifiers, predicted: str, lookup: CaseLookup) -> CaseDecision:
    """The rules of the module docstring, on identifiers already extracted."""
    lookup = _Remembering(lookup)
    party = placed(Party.of(ids), lookup)
    invoice = ids.invoice_numbers[0].value if ids.invoice_numbers else None
    passed_over: list[str] = []

    def new(reason: str, related_to: str | None = None, score: float = 1.0) -> CaseDecision:
        return CaseDecision(
            "new",
            predicted,
            None,
            (reason, *passed_over),
            score,
            related_to,
            party,
            invoice if predicted == INVOICE else None,
        )

    # A bezwaar cites the decision it is about and, once it has a case of its own (a
    # reply quoting "uw bezwaar ZAAK-..."), that case too: its own open case wins.
    about: tuple[CaseRef, Found] | None = None
    for found in sorted(ids.case_numbers, key=lambda f: _TRUST.get(f.where, 0)):
        case = lookup.by_number(found.value)
        if case is None:
            continue
        if predicted in ABOUT_ANOTHER_CASE and case.case_type != predicted:
            about = about or (case, found)
            continue
        if about is not None and case.status != "open":
            continue
        if (why := _someone_elses(case, ids, party, found)) is not None:
            passed_over.append(
                f"case {case.number} cited {_PLACES[found.where]} passed over: {why}"
            )
            continue
        reasons = [
            f"cites case {case.number}"
            + ("" if found.where == "body" else f" {_PLACES[found.where]}")
        ]
        if case.status == "closed":
            reasons.append("closed_case")
        return CaseDecision(
            "matched", case.case_type, case.number, tuple(reasons), found.confidence
        )
    if about is not None:
        case, found = about
        if (own := _own_case_about(case, ids, party, predicted, lookup)) is not None:
            reason = f"{predicted} about case {case.number}: the party's open {predicted} case"
            return CaseDecision("matched", own.case_type, own.number, (reason, *passed_over), 0.8)
        return new(
            f"{predicted} about case {case.number} ({case.case_type}): new related case",
            related_to=case.number,
            score=found.confidence,
        )

    # Not before: a letter citing its case needs no trade names looked up.
    party = homes_in_places(traded(party, ids, lookup), ids, lookup)
    if predicted == INVOICE:
        numbers = [f.value for f in ids.invoice_numbers]
        # "nr. 26.0131" for the register's "26-0131": a supplier writes its separators as
        # it pleases.
        asked = list(dict.fromkeys(v for n in numbers for v in _invoice_variants(n)))
        holders = lookup.by_invoice_numbers(asked) if numbers else []
        # "Factuurnummer: F-26058" is the invoice's own number; one named in passing ("onze
        # factuur F-26031 staat nog open") does not make a new invoice a reminder.
        labelled = [f.value for f in ids.invoice_numbers if f.confidence == 1.0]
        # "Subject: Factuur DK-1203" names the mail's own invoice too; "DK-1187 is al
        # voldaan" in the body is another, paid.
        labelled += [f.value for f in ids.invoice_numbers if f.where == "header"]
        if labelled and not any(
            _invoice_key(c.invoice_number) in map(_invoice_key, labelled) for c in holders
        ):
            numbers = labelled
        for number in dict.fromkeys(numbers):
            held, passed = _invoice_case(
                [c for c in holders if _invoice_key(c.invoice_number) == _invoice_key(number)],
                party,
            )
            if held is not None:
                return CaseDecision(
                    "matched",
                    held.case_type,
                    held.number,
                    (f"cites invoice {number} of case {held.number}", *passed, *passed_over),
                    0.95,
                )
            passed_over.extend(passed)
        if not numbers:
            # "Herinnering openstaande post RWV-2026-034", "staat nog wel WP2026-031 open":
            # the supplier's number without the word "factuur" before it. Only a number
            # the register holds counts, of this supplier.
            codes = _codes(f"{ids.subject}\n{ids.text}")
            variants = list(dict.fromkeys(v for c in codes for v in _invoice_variants(c)))
            coded = lookup.by_invoice_numbers(variants) if codes else []
            on_file = {_invoice_key(c.invoice_number) for c in coded}
            # "Hierbij de rekening …, nummer 2026-031. De vorige (2026-014) is ook nog niet
            # betaald": a new invoice, with a number the register does not hold, naming an
            # open one beside it.
            sends = any(
                not on_file & {_invoice_key(v) for v in _invoice_variants(c)}
                for sentence in _sending_sentences(ids.text)
                for c in _codes(sentence)
            )
            coded = [] if sends else coded
            for code in dict.fromkeys(c.invoice_number for c in coded):
                owed, passed = _invoice_case([c for c in coded if c.invoice_number == code], party)
                if owed is not None and owed.status == "open":
                    reason = f"names invoice {code} of case {owed.number}"
                    return CaseDecision(
                        "matched", owed.case_type, owed.number, (reason, *passed), 0.9
                    )
            if not sends and (owed_case := _asked_after_invoice(ids, party, lookup)) is not None:
                case, reason = owed_case
                return CaseDecision(
                    "matched", case.case_type, case.number, (reason, *passed_over), 0.6
                )
        # Never by supplier: every new invoice is a case of its own.
        return new(f"new invoice {invoice}" if invoice else "invoice without a known number")

    at_party = lookup.by_party(party)
    by_registers = _by_registers(party, at_party, lookup)
    candidates = [(c, why) for c in (*at_party, *by_registers) if (why := same_party(c, party))]
    fitting = [(c, why) for c, why in candidates if c.status == "open" and c.case_type == predicted]
    # The firm the trade register names, set aside ("Dit gaat niet over de bestelbus van
    # de zaak" from the bakery's mailbox): not the writer's own, whose case is looked for.
    named_firms = {kvk for kvk, _ in party.traded if kvk not in party.kvks}
    fitting = [(c, why) for c, why in fitting if not (c.kvk in named_firms and _set_aside(c, ids))]
    if named_firms and _PRIVATE_RE.search(ids.text):
        # "Even een privékwestie via mijn zakelijke mail": the owner's own matter from the
        # firm's mailbox, not the firm's.
        fitting = [(c, why) for c, why in fitting if c.kvk not in named_firms]
    if (
        fitting
        and ids.new_request
        and not any(_second_already(c.subject, ids) for c, _ in fitting)
        and not _apart_from_another(fitting, ids)
    ):
        left = ", ".join(c.number for c, _ in fitting)
        return new(f"the letter says it is a new request; the party's open case left: {left}")
    if (
        fitting
        and predicted == MELDING
        and not ids.earlier
        and all(_another_object(c.subject, ids) for c, _ in fitting)
    ):
        # A report of a lamp from someone whose report of branches is open: a melding is
        # about one thing in the street, and this is another.
        left = ", ".join(c.number for c, _ in fitting)
        return new(f"the letter reports something else than the party's open report: {left}")
    if (
        fitting
        and predicted == TAXES
        and all(_another_leading(_TAXES, c.subject, ids) for c, _ in fitting)
    ):
        # Tourist tax from a hotel whose WOZ objection is open: another tax, another case.
        left = ", ".join(c.number for c, _ in fitting)
        return new(f"the letter is about another tax than the party's open case: {left}")
    set_aside = _SET_ASIDE_WORDS.get(predicted, "aanvraag") in ids.set_aside or any(
        _set_aside(c, ids) for c, _ in fitting
    )
    if fitting and set_aside:
        # "Los van mijn melding over de takken": a melding, and not that one; "Los van de
        # dakkapel" beside an open "Dakkapel voorzijde".
        left = ", ".join(c.number for c, _ in fitting)
        # "Als voorzitter van onze VvE … Mijn eigen aanvraag voor nieuwe kozijnen staat hier
        # los van": the chairman's own case set aside, the association's is looked for.
        if _FOR_BOARD_RE.search(ids.text) and (
            board := _board_case(ids, party, predicted, lookup, at_party)
        ):
            case, weight = board
            reason = f"written for the board of an organisation: {describe_weight(weight)}"
            passed_over.append(f"the letter sets aside {left}")
            return CaseDecision("matched", case.case_type, case.number, (reason, *passed_over), 0.5)
        return new(f"the letter says it is not about the party's open case: {left}")
    word = _REQUEST_WORDS.get(predicted)
    if (
        fitting
        and word in ids.made_now
        and word not in ids.made_before
        and not any(_speaks_of(c.subject, ids) for c, _ in fitting)
    ):
        # "Hierbij maak ik bezwaar tegen ..." beside an open bezwaar about something else.
        left = ", ".join(c.number for c, _ in fitting)
        return new(f"the letter makes a new {word}; the party's open case left: {left}")
    if (
        fitting
        and (ids.asks_now or ids.asks_apart)
        and not any(_speaks_of_besides(c.subject, ids, _who(c)) for c, _ in fitting)
    ):
        # "We willen een burendag houden" beside an open straatfeest: something new asked
        # for, and nothing of the open case spoken of.
        left = ", ".join(c.number for c, _ in fitting)
        return new(f"the letter asks for something new; the party's open case left: {left}")
    if (
        fitting
        and _FOR_BOARD_RE.search(ids.text)
        and not any(_speaks_of(c.subject, ids) for c, _ in fitting)
        and (board := _board_case(ids, party, predicted, lookup, at_party)) is not None
    ):
        # "Namens het bestuur van de VvE … Kees Lammers, voorzitter VvE De Hoop,
        # Spinnerijkade 2-14": the association's case, not the chairman's own permit at
        # his flat, which the letter does not speak of.
        case, weight = board
        reason = f"written for the board of an organisation: {describe_weight(weight)}"
        return CaseDecision("matched", case.case_type, case.number, (reason, *passed_over), 0.5)
    if fitting and (theirs := _named_persons_case(fitting, ids, predicted, lookup)) is not None:
        # "Mijn moeder, mevrouw Sinke-Dieleman, woont in zorgcentrum De Vlasbloem … een
        # rolstoel voor haar aangevraagd" from a son whose own scootmobiel is open.
        reason = f"about {theirs.number} of the person the letter names, not the writer's own"
        return CaseDecision("matched", theirs.case_type, theirs.number, (reason, *passed_over), 0.6)
    if fitting and (other := _other_house_case(fitting, ids, predicted, lookup)) is not None:
        # "Een vraag over mijn eigen aanvraag, dus niet voor de zaak: de dakkapel op ons
        # woonhuis aan de Lindenlaan 12" from the building firm's mailbox; "Namens onze
        # opdrachtgever, de heer H. van den Heuvel van de Achterste Hoef 7" on its letterhead.
        reason = f"about the house the subject of {other.number} names, not the writer's own case"
        return CaseDecision("matched", other.case_type, other.number, (reason, *passed_over), 0.6)
    if fitting:
        (case, why), topic = _best_fitting(fitting, ids)
        if not topic:
            (case, why), topic = _best_fitting(_exact_houses_first(fitting, party), ids)
        score = 0.9 if len(fitting) == 1 else 0.8 if topic else 0.7
        because = (f"same party ({why}), open case{topic}", *passed_over)
        return CaseDecision("matched", case.case_type, case.number, because, score)
    named = _case_by_names(ids, party, predicted, lookup)
    if named and named[0].kvk in named_firms and _set_aside(named[0], ids):
        named = None  # the firm the writer signs for, set aside: their own case is meant
    # "penningmeester VV Lindehof '31" asks for a subsidy: the club the trade register names
    # has cases of its own, so Sportvereniging Lindehof's subsidy, named in part, is not its.
    own_firms = {c.kvk for c, _ in candidates if c.kvk in named_firms}
    if named and named[0].kvk and own_firms and named[0].kvk not in own_firms:
        named = None
    if named:
        case, details = named
        if (why := _another_matter(case, ids)) is not None:
            return new(why)
        reason = f"same name, and {details}; open case"
        return CaseDecision("matched", case.case_type, case.number, (reason, *passed_over), 0.6)
    if (
        housed := _organisation_housed([*at_party, *by_registers], ids, party, predicted)
    ) is not None:
        reason = f"an organisation writes from the address of {housed.number}, about its subject"
        return CaseDecision("matched", housed.case_type, housed.number, (reason, *passed_over), 0.6)
    if (site := _subject_housed(ids, party, predicted, lookup)) is not None:
        reason = f"the letter comes from the house the subject of {site.number} names, about it"
        return CaseDecision("matched", site.case_type, site.number, (reason, *passed_over), 0.6)
    if (home := _household_case(ids, party, predicted, lookup, at_party)) is not None:
        case, who = home
        if (why := _another_matter(case, ids)) is not None:
            return new(why)
        reason = f"the letter names {who} at the household's house {case.house_number}"
        return CaseDecision("matched", case.case_type, case.number, (reason, *passed_over), 0.6)
    if (viewed := _viewed_case(ids, party, predicted, lookup, at_party)) is not None:
        reason = f"a neighbour's view on the permit {viewed.number} asks for next door"
        return CaseDecision("matched", viewed.case_type, viewed.number, (reason, *passed_over), 0.6)
    if own := _home_of_firms_writer(candidates, at_party, ids, party, predicted):
        reason = f"the writer's own case at the house they give as theirs, {own.number}"
        return CaseDecision("matched", own.case_type, own.number, (reason, *passed_over), 0.6)
    judged = frozenset(c.number for c in at_party if _judged(c, party)) | {
        c.number for c, _ in candidates if c.kvk in named_firms and _set_aside(c, ids)
    }
    # A party its identifiers found, with cases of other types, is known: its case of
    # this type would carry the same identifiers. Not the writer of a letter for a client
    # it does not name ("In opdracht van de eigenaar van de rotizaak ... verzorgen wij"):
    # the writer's own cases say nothing of the client's.
    # Nor a firm the trade register names: its owner writes from the shop's mailbox about
    # his own parking permit.
    firms = {kvk for kvk, _ in party.traded}
    writers = [c for c, _ in candidates if not (c.kvk in firms and c.kvk not in party.kvks)]
    # A firm the trade register names that is itself a party of the register writes for
    # itself (a brass band's tattoo is not the veterans' day next door); one that is not —
    # a consultant, an events agency — writes for a client, whose case weighing looks for.
    registered = {c.kvk for c, _ in candidates}
    weighing = replace(party, traded=tuple(t for t in party.traded if t[0] in registered))
    # Nor a writer whose own cases are of other types, about a relative named in full
    # ("Mijn moeder, mevrouw G. Huizing-Dijkstra, woont in het huisje naast ons").
    if (not writers or (ids.on_behalf and not ids.about) or ids.kin) and (
        weighed := _weighed_case(ids, weighing, predicted, lookup, judged, at_party)
    ):
        case, weight = weighed
        if (why := _another_matter(case, ids)) is not None:
            return new(why)
        reason = describe_weight(weight)
        return CaseDecision("matched", case.case_type, case.number, (reason, *passed_over), 0.5)
    if party.kvks and (client := _client_case(ids, party, predicted, lookup)) is not None:
        case, details = client
        reason = f"a firm writes about a person it names at their house ({details}); open case"
        return CaseDecision("matched", case.case_type, case.number, (reason, *passed_over), 0.6)
    if candidates and (firm := _firm_at_home(candidates, lookup, ids, party, predicted)):
        reason = f"the writer's own firm at their house, {firm.number}; open case"
        return CaseDecision("matched", firm.case_type, firm.number, (reason, *passed_over), 0.6)
    if candidates:
        others = ", ".join(f"{c.number} ({c.case_type}, {c.status})" for c, _ in candidates[:3])
        return new(f"party known with other cases: {others}")
    return new("no case cited and no open case of this party")


def _home_of_firms_writer(
    candidates: Sequence[tuple[CaseRef, str]],
    at_party: Sequence[CaseRef],
    ids: Identifiers,
    party: Party,
    predicted: str,
) -> CaseRef | None:
    """The open case of the predicted type of the person who writes from their firm's
    mailbox or letterhead about their own home ("bezwaar … tegen de WOZ-waarde van mijn
    woning aan de Turfstekerstraat 10", signed Erik Veldman above Veldman
    Installatietechniek, KvK …): the firm's identifiers found only the firm's cases; the
    person's case is at the house the letter gives as the writer's, under their name."""
    if not all(is_organisation(c.name, c.kvk) for c, _ in candidates):
        return None
    if not (party.kvks or party.organisations or party.addresses):
        return None  # without a firm's postcode the party's own rules have judged the house
    if ids.new_request or _REQUEST_WORDS.get(predicted) in ids.made_now or party.on_behalf:
        return None
    homes = [
        c
        for c in at_party
        if c.status == "open"
        and c.case_type == predicted
        and not is_organisation(c.name, c.kvk)
        and same_name(c.name, party.names)
        and any(same_house(c.house_number, n, False) for _, n in party.streets)
    ]
    return homes[0] if len(homes) == 1 else None


def _firm_at_home(
    candidates: Sequence[tuple[CaseRef, str]],
    lookup: CaseLookup,
    ids: Identifiers,
    party: Party,
    predicted: str,
) -> CaseRef | None:
    """The one open case of the predicted type of the writer's own firm: an organisation
    at the house of the writer's own cases, under their surname, which the letter names
    ("Henk … Wisse Oesters - Slikweg 3" for Oesterkwekerij Wisse V.O.F. at Slikweg 3, where
    Hendrik Wisse's own complaint is), or the group they sign for as its officer
    ("Namens de werkgroep, Marten Oosterhuis, voorzitter"). A person's letter of a type
    they have no open case of, about the business or group they run from home."""
    if ids.new_request or _REQUEST_WORDS.get(predicted) in ids.made_now or ids.for_self:
        return None
    people = [c for c, _ in candidates if not is_organisation(c.name, c.kvk)]
    homes = {
        ((c.postcode or "").replace(" ", ""), c.house_number) for c in people if c.house_number
    }
    if not homes:
        return None
    # The letter may give the street without the postcode: the house of the writer's cases.
    at_home = lookup.by_party(Party(addresses=tuple(sorted(homes))))
    surnames = {k for c in people for k in surname_keys(c.name)}
    letter = WeighedLetter.of(ids)
    officer = any(_OFFICER_RE.match(line) or _OFFICER_CELL_RE.search(line) for line in ids.closing)
    firms = [
        c
        for c in _open_organisations_at(at_home, predicted, homes)
        if (
            (
                surnames & {fold_spelling(w) for w in organisation_words(c.name)}
                and weigh_case(c, letter, party) is not None
            )
            # "Namens de werkgroep, Marten Oosterhuis, voorzitter, Dijkweg 5": the group's
            # officer, at whose house it is registered.
            or officer
        )
    ]
    return firms[0] if len(firms) == 1 else None


_FOR_BOARD_RE = re.compile(
    r"(?i)\bnamens[ \t]+het[ \t]+bestuur[ \t]+van\b"
    # "Als voorzitter van onze VvE (tot de ledenvergadering van maart)".
    r"|\bals[ \t]+(?:voorzitter|secretaris|penningmeester)[ \t]+van[ \t]+(?:onze|ons|de|het)[ \t]+"
    r"(?:vve|vereniging|stichting|bestuur)\b"
)


def _board_case(
    ids: Identifiers,
    party: Party,
    predicted: str,
    lookup: CaseLookup,
    at_party: Sequence[CaseRef],
) -> tuple[CaseRef, Weight] | None:
    """The open case of an organisation the letter weighs for, written for its board."""
    judged = frozenset(c.number for c in at_party)
    found = _weighed_case(ids, party, predicted, lookup, judged, at_party)
    if found is None or not is_organisation(found[0].name, found[0].kvk):
        return None
    return found


def _another_matter(case: CaseRef, ids: Identifiers) -> str | None:
    """Why a letter that names the party of ``case`` is still not about it — another
    thing reported, another tax, something new asked for, the case set aside — or None."""
    if case.case_type == MELDING and not ids.earlier and _another_object(case.subject, ids):
        return f"the letter reports something else than the party's open report: {case.number}"
    if case.case_type == TAXES and _another_leading(_TAXES, case.subject, ids):
        return f"the letter is about another tax than the party's open case: {case.number}"
    if (ids.asks_now or ids.asks_apart) and not _speaks_of_besides(case.subject, ids, _who(case)):
        return f"the letter asks for something new; the party's open case left: {case.number}"
    if _set_aside(case, ids):
        return f"the letter says it is not about the party's open case: {case.number}"
    return None


def _who(case: CaseRef) -> frozenset[str]:
    """The words of a case's subject that say whose it is, not what it is about: the town
    that ends the party's name ("Zandhoven" of "Zomerfeest Zandhoven 2026" for Stichting
    Zomerfeest Zandhoven, in a letter from Welzijn Zandhoven), and an organisation's own
    name ("dorpshuis" of "Exploitatiesubsidie dorpshuis De Brink" for Stichting Dorpshuis
    De Brink, asking for a new kitchen in the dorpshuis)."""
    who = set(town_at_end(case.name))
    if is_organisation(case.name, case.kvk):
        who |= {fold_spelling(w) for w in organisation_words(case.name)}
    return frozenset(who)


def _judged(case: CaseRef, party: Party) -> bool:
    """Whether the rules have judged a case the party's identifiers found, so that weighing
    leaves it: found by BSN, KvK, email address or a postcode and number written, or by the
    surname at a number given without postcode where a first name or initial the letter
    gives is not the case's ("M. Stam" for Ruben Stam). Not "Naam: mevr. Yılmaz,
    Kolenbergweg 62", where her husband lives too: a surname alone judges nothing, and what
    the letter is about may tell."""
    if _first_name_disagrees(case, party):
        return True
    return bool(
        (case.bsn and case.bsn in party.bsns)
        or (case.kvk and case.kvk in party.kvks)
        or (case.kvk and case.kvk in dict(party.traded))
        or (case.email and case.email.lower() in party.emails)
        or any(
            p == case.postcode and same_house(case.house_number, n, True)
            for p, n in party.addresses
        )
    )


def _first_name_disagrees(case: CaseRef, party: Party) -> bool:
    """Whether a first name or initial the letter gives for its writer is not one the
    case's person goes by."""
    if any(goes_by(case.name, f) is False for f in party.first_names):
        return True
    case_parts = NameParts.of(case.name or "")
    for name in party.names:
        if given_name(name):
            if first_names_agree(case.name, name) is False:
                return True
            continue
        parts = NameParts.of(name)
        if (
            parts is not None
            and parts.first
            and case_parts is not None
            and case_parts.first
            and parts.first != case_parts.first
            and not goes_by_initial(case.name, [name], whole_surname=False)
        ):
            return True
    return False


# "een privékwestie", "privé", "voor mijn eigen woning", "als particulier": the writer's own
# matter, whatever mailbox it comes from.
_PRIVATE_RE = re.compile(
    r"(?i)\bpriv[eé](?:[ \t-]?(?:kwestie|zaak|zaakje|aangelegenheid|matter))?\b"
    r"|\b(?:mijn|ons|onze)[ \t]+eigen[ \t]+(?:woning|huis|woonhuis)\b"
    r"|\bals[ \t]+particulier\b|\bin[ \t]+private?[ \t]+capacity\b"
)


def _set_aside(case: CaseRef, ids: Identifiers) -> bool:
    """Whether the letter sets the case aside by its subject ("los van het jeugdzeilen"
    beside an open "Subsidie jeugdzeilen 2026") or, for an organisation's case, by what
    the organisation is ("Het gaat om mijn eigen huis, niet om het tuincentrum" beside
    Kwekerij en Tuincentrum Bakkum B.V.'s case)."""
    aside = _stems(" ".join(ids.set_aside))
    if not aside:
        return False
    if aside & _stems(case.subject or ""):
        return True
    return is_organisation(case.name, case.kvk) and bool(aside & _stems(case.name or ""))


def _weighed_case(
    ids: Identifiers,
    party: Party,
    predicted: str,
    lookup: CaseLookup,
    judged: frozenset[str],
    at_party: Sequence[CaseRef] = (),
) -> tuple[CaseRef, Weight] | None:
    """The open case of the predicted type that everything the letter says weighs for
    (see :mod:`.weighing`), for a letter no rule tied to a party; not for a letter that
    calls itself a new request."""
    # "Nu vraag ik iets voor mezelf": someone at the house has a case, and this is another.
    if ids.new_request or _REQUEST_WORDS.get(predicted) in ids.made_now or ids.for_self:
        return None
    if party.bsns:
        # A person's cases carry their BSN: none has this one, and another rules a case out.
        return None
    letter = WeighedLetter.of(ids)
    words = lookup_words(ids, letter)
    # Organisations by the words where the writer says who they are (signature, sender)
    # and of the people and organisations the letter names ("namens mijn cliënt, de heer
    # T. Nowak" for Nowak Handel V.O.F.); not by every capitalised word, each of which
    # would cost PostgreSQL a look-up in case_words.
    named = (*ids.mentioned, *ids.about, *ids.named_organisations)
    named_words = {w for f in named for w in plain_words(f.value)}
    # The writer's own name is looked up as a surname (by the rules before).
    person = {
        w
        for f in ids.names
        if is_full_name(f.value) and f.value not in party.organisations
        for w in plain_words(f.value)
    }
    # Unless the mail's domain spells it: "Kade Food Market <events@kadefoodmarket.nl>"
    # is a trade name, not a person (compared as the words are, spelling folded).
    domains = [
        fold_spelling(e.value.partition("@")[2].replace("-", ""))
        for e in ids.emails
        if e.where == "header"
    ]
    person = {w for w in person if not any(w in d for d in domains)}
    # But the surname is looked up as a word of organisations' names too: "Erkan Öztürk,
    # Snackbar-Café D'r Kompel" for Öztürk Horeca V.O.F., a family firm registered under
    # the family name (weighing still wants its house or its subject besides).
    person -= {k for n in party.names for k in surname_keys(n)}
    own = [w for w in words if (w in letter.own_words and w not in person) or w in named_words]
    # Organisations' words are kept as their names write them ("bollenexport"), the
    # letter's words with spellings folded ("bolenexport"): the named ones both ways.
    unfolded = {w for f in named for w in organisation_words(f.value)}
    unfolded |= _name_words((*party.organisations, *_organisation_cells(ids.closing)))
    # And the letter's capitalised words as written, for a name its words keep unfolded
    # ("Hotel De Zoutkeet" for Zoutkeet Hospitality B.V.).
    # Only those folding changes (the folded ones are asked already), of six letters or more.
    capitalised = list(dict.fromkeys(_CAPITALISED_WORD_RE.findall(f"{ids.subject}\n{ids.text}")))
    kept = organisation_words(" ".join(capitalised))
    written = [w for w in (c.lower() for c in capitalised) if len(w) >= 6 and w in kept]
    unfolded |= set([w for w in written if fold_spelling(w) != w][:_WRITTEN_ASKED])
    own += sorted(unfolded - set(own))
    # An organisation under a trade name, or a wife under her married name, writing from
    # the site its case is about: the case is kept under the house its subject names,
    # among the same words.
    own += [subject_house_key(s, n) for s, n in (*letter.own_houses, *party.streets) if s and n]
    own += sorted(letter.domains - set(own))
    # A resident signing with first names only ("groetjes Lisa"), a house number and the
    # street of their case's subject (see weighing._first_name_at_street). Not for one who
    # gives a surname: the case of a neighbour named in passing ("mevr mulder van nr 30")
    # is not theirs.
    if (party.first_names or party.names) and not written_surnames(party):
        numbers = list(dict.fromkeys(n for _, n in letter.houses if n))[:3]
        own += [resident_street_key(s, n) for s in letter.streets[:4] for n in numbers]
    # And by what the letter is about: a case is kept under the words of its subject too
    # ("Locatie: Ridderplein" for the Kick-In festival on the Ridderplein), found here and
    # weighed like the rest — its name must still be in the letter.
    # Long words and streets only: every word asked costs PostgreSQL a look-up.
    streets = {w for s in letter.streets for w in plain_words(s)}
    own += [w for w in words if w not in own and (len(w) >= 8 or w in streets)]
    own += [subject_house_key(s, n) for s, n in letter.houses[:4] if s and n]
    cases = lookup.open_by_surname(words, predicted, own) if words or own else []
    # An organisation at the letter's postcode and house number, which the rules passed
    # over because a person signs ("VLIETKAZERNE, Kazerneplein 1 - 3944 KP … Fleur
    # Martens, projectmanager"): weighed with the rest, on the words of its name.
    # Only by its letterhead: a name in the text may be the landlord's whose postal address
    # the writer borrows ("achter wijkcentrum De Pluk … het postadres van het wijkcentrum").
    head = set(plain_words("\n".join(ids.text.strip().splitlines()[:3])))
    cases += [
        c
        for c in at_party
        if c.status == "open" and c.case_type == predicted and _heads_letter(c.name, head)
    ]
    return best_weighed(cases, letter, party, judged)


#: At most this many capitalised words are asked as written besides folded.
_WRITTEN_ASKED = 6
_CAPITALISED_WORD_RE = re.compile(r"(?<![\w@.])[A-Z][a-zà-ÿ'’]{3,}")


def _heads_letter(name: str | None, head: set[str]) -> bool:
    """Whether the words of a letterhead hold a word of the organisation's name, also
    written together with another ("StayAmstel" for Stay Amstel Apartments B.V.)."""
    words = {fold_spelling(w) for w in organisation_words(name)}
    return bool(words & head) or any(len(w) >= 5 and w in h for w in words for h in head)


class _Remembering:
    """A look-up that remembers, for one letter, the surnames and words it was asked and
    the cases they found: the later rules ask again for many of the same (on PostgreSQL
    each look-up is a round trip), and only what is new is looked up."""

    def __init__(self, lookup: CaseLookup) -> None:
        self.lookup = lookup
        self.asked: dict[tuple[str, str], set[str]] = {}
        self.found: dict[str, list[CaseRef]] = {}

    def by_number(self, number: str) -> CaseRef | None:
        return self.lookup.by_number(number)

    def by_invoice_numbers(self, numbers: Sequence[str]) -> list[CaseRef]:
        return self.lookup.by_invoice_numbers(numbers)

    def by_party(self, party: Party) -> list[CaseRef]:
        return self.lookup.by_party(party)

    def postcodes_at(
        self, houses: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[str, ...]]:
        return self.lookup.postcodes_at(houses)

    def firm_trading_as(self, keys: Sequence[str]) -> dict[str, tuple[str, str] | None]:
        return self.lookup.firm_trading_as(keys)

    def houses_trading_as(self, key: str) -> tuple[tuple[str, str], ...]:
        return self.lookup.houses_trading_as(key)

    def open_at_subject_house(
        self, houses: Sequence[tuple[str, str]], case_type: str
    ) -> list[CaseRef]:
        return self.lookup.open_at_subject_house(houses, case_type)

    def open_by_surname(
        self, surnames: Sequence[str], case_type: str, words: Sequence[str] = ()
    ) -> list[CaseRef]:
        """As the look-up's, for the surnames and words not asked before for this type; the
        cases found for those asked before are returned again (a key asked before in
        another company finds what it found then)."""
        surnames_asked = self.asked.setdefault(("surname", case_type), set())
        words_asked = self.asked.setdefault(("word", case_type), set())
        new_surnames = [k for k in surnames if k not in surnames_asked]
        new_words = [w for w in words if w not in words_asked]
        known = self.found.setdefault(case_type, [])
        if new_surnames or new_words:
            found = self.lookup.open_by_surname(new_surnames, case_type, new_words)
            surnames_asked.update(new_surnames)
            words_asked.update(new_words)
            numbers = {c.number for c in known}
            known.extend(c for c in found if c.number not in numbers)
        # The cases these keys find, as the register keys them (surname columns and
        # case_words are written by the same functions).
        keys, wanted = set(surnames), set(words)
        return [
            c
            for c in known
            if keys & set(surname_keys(c.name or "")[:1] + surname_keys(c.name or "")[-1:])
            or wanted & indexed_words(c.name, c.kvk, c.subject, c.house_number)
        ]


#: More cases than this for one party's identifiers is a shared address, not a person.
PARTY_LIMIT = 50
#: Open cases of one surname and type from which on the name is a common one, where a
#: full name and a place decide nothing (the look-up then returns none).
NAMESAKES = 20
# A capitalised word of a case's subject that may name a place ("Koeienpad"); the
# subject's first word is capitalised anyway.
_PLACE_RE = re.compile(r"(?<=[ \t(])[A-Z][a-zà-ÿ]{3,}(?![\w-])")
_WORD_CAPITALISED_RE = re.compile(r"\b[A-Z][a-zà-ÿ]{3,}(?![\w-])")
_NOT_PLACES = frozenset(
    {"Januari", "Februari", "Maart", "April", "Juni", "Juli", "Augustus", "September"}
    | {"Oktober", "November", "December", "Gemeente"}
)


def _case_by_names(
    ids: Identifiers, party: Party, predicted: str, lookup: CaseLookup
) -> tuple[CaseRef, str] | None:
    """The open case :func:`_named_case` or else :func:`_mentioned_case` finds, for a
    letter where names may decide (:func:`_names_decide`)."""
    if not _names_decide(ids, party, predicted):
        return None
    named_keys, mention_keys = _named_keys(ids, party), _mention_keys(ids, party)
    # Both rules look cases up by names: asked at once, one round trip to the database
    # rather than two (the look-up remembers what it found for each key).
    lookup.open_by_surname(
        sorted(named_keys[0] | mention_keys[1]), predicted, sorted(named_keys[1] | mention_keys[2])
    )
    return _named_case(ids, party, predicted, lookup, named_keys) or _mentioned_case(
        ids, party, predicted, lookup, mention_keys
    )


def _named_case(
    ids: Identifiers,
    party: Party,
    predicted: str,
    lookup: CaseLookup,
    looked_up: tuple[set[str], set[str]],
) -> tuple[CaseRef, str] | None:
    """The open case of the predicted type of the person or organisation the letter
    names, where the name and at least one more detail agree and nothing disagrees; with
    the details, or None.

    For a letter with no BSN or KvK (those decide alone, see :func:`same_party`).
    Registers keep no street and people write no postcode, so what a careful employee
    weighs is compared: the name (as the letter, the signature or the email header
    writes it, either part of a double surname, the first initial agreeing), and
    besides it the house number with a street, an email address spelling the name, the
    first name written out, the case's subject or place in the letter. An organisation
    named in the signature or by the email's domain counts as name and detail. Of the
    cases fitting, the one with the most details; none when two fit as well (namesakes).
    """
    keys, words = looked_up
    if not keys and not words:
        return None
    scored = []
    for case in lookup.open_by_surname(sorted(keys), predicted, sorted(words)):
        details = _details(case, ids, party)
        if details is not None and sum(_WEIGHTS[d] for d in details) >= 2:
            scored.append((sum(_WEIGHTS[d] for d in details), case, details))
    scored.sort(key=lambda t: t[0], reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    _, case, details = scored[0]
    return case, ", ".join(details)


def _client_case(
    ids: Identifiers, party: Party, predicted: str, lookup: CaseLookup
) -> tuple[CaseRef, str] | None:
    """The open case of a person a firm's letter names with a title and whose house it
    gives ("Betreft: restauratie voorgevel Bergstraat 8 - mevrouw J. Pluijmen … op
    verzoek van mevrouw Pluijmen" on a stonemason's letterhead with its KvK), where the
    firm has no case of this type: the firm writes for its client. Only by the mention
    with the house, never by the firm's own identifiers or names."""
    if _REQUEST_WORDS.get(predicted) in ids.made_now or ids.new_request:
        return None
    titled = tuple(f.value for f in ids.mentioned if f.kind == "person")
    if not titled:
        return None
    client = replace(party, kvks=(), emails=(), addresses=(), names=titled, on_behalf=True)
    found = _mentioned_case(ids, client, predicted, lookup, _mention_keys(ids, client))
    if found is None or is_organisation(found[0].name, found[0].kvk):
        return None
    return found


def _names_decide(ids: Identifiers, party: Party, predicted: str) -> bool:
    """Whether names may find the letter's case: not where a BSN or KvK number decides
    (see :func:`same_party`), nor in a letter that says it asks for something new."""
    return not (
        party.bsns or party.kvks or ids.new_request or _REQUEST_WORDS.get(predicted) in ids.made_now
    )


def _named_keys(ids: Identifiers, party: Party) -> tuple[set[str], set[str]]:
    """The surnames and organisations' words :func:`_named_case` looks cases up by."""
    names = party.names
    # Name and organisation cells; not sentences, greetings ("Met vriendelijke groet,") or
    # addresses, whose words would each cost a look-up.
    lines = [
        cell
        for line in ids.closing
        if line[-1] not in ",:;!?" and len(line.split()) <= 10
        for cell in _CELL_RE.split(line)
        if 0 < len(cell.split()) <= 6 and not _DIGIT_RE.search(cell)
    ]
    keys = {k for n in (*names, *party.organisations, *lines) for k in surname_keys(n)}
    keys.update(k for e in party.emails for k in key_guesses(e))
    # An organisation by any word of its name ("Sebastianus Sjinveld"), its abbreviation
    # ("secretaris RKVVS") or its mail domain ("voorzitter@svg-geulvelde.nl").
    cells = _organisation_cells(ids.closing)
    keys.update(k for cell in cells for k in surname_keys(cell))
    words = _name_words((*cells, *party.organisations))
    words.update(_spelled_by_domain(cells, party.emails))
    words.update(a for cell in cells for a in _abbreviations(cell))
    words.update(p for e in party.emails for p in _domain_words(e))
    return keys, words


#: What each detail weighs beside an agreeing name; a match needs two.
_WEIGHTS = {
    "organisation named": 2,
    "house number": 2,
    "house in the subject": 2,
    "house number, postcode one digit off": 2,
    # An address may be a namesake's or a family's: it needs a second detail.
    "email address spells the name": 1,
    "first name": 2,
    "initials": 1,
    "subject": 1,
    "postcode": 2,
    "KvK": 2,
    "organisation named in part": 2,
    # "Dhr. Yıldız (Molenstraat 8A)": the writer says where the titled person lives.
    "named at the house": 1,
    # "secretaris RKVVS": three to six letters may stand for more than one organisation.
    "organisation abbreviated": 1,
    "email domain abbreviates it": 1,
    "mail domain names it": 1,
}


def _mentioned_case(
    ids: Identifiers,
    party: Party,
    predicted: str,
    lookup: CaseLookup,
    looked_up: tuple[list[_Named], set[str], set[str]],
) -> tuple[CaseRef, str] | None:
    """The open case of the predicted type of a person the letter names anywhere — with a
    title or label ("Over: dhr. Theo Ros, Beukenlaan 21"), as a full name with their
    street, or as the sender or signer — where besides the name (first name or initials
    agreeing) the details weigh at least :data:`MENTION_WEIGHT` and include the house:
    the house number given with the name or anywhere in the writer's words, or the
    case's postcode; and nothing disagrees (another house given with the name, another
    first name, another known email address). Of the cases fitting, the one with the
    most weight; none when two weigh the same.

    Employees weigh a letter this way; each detail alone is common (a surname, a house
    number, a place), together they are a person. Names the writer gives as a
    neighbour's or an employee's are not mentions (see :mod:`.mentions`).
    """
    named, keys, words = looked_up
    named = list(named)
    if not keys:
        return None
    candidates = lookup.open_by_surname(sorted(keys), predicted, sorted(words))
    found = {k for c in candidates for k in surname_keys(c.name or "")}
    if party.on_behalf:  # the writer's own name, wherever written, finds the writer's cases
        found -= {k for n in _written_names(ids) for k in surname_keys(n)} - {
            k for n in party.names for k in surname_keys(n)
        }
    named += [_Named(f.value, f.house_number) for f in named_around(ids.text, found)]
    return _best_mentioned(candidates, ids, party, named)


def _mention_keys(ids: Identifiers, party: Party) -> tuple[list[_Named], set[str], set[str]]:
    """The names the letter gives (:func:`_mentioned_case`), and the surnames and words
    of organisations it looks cases up by."""
    named = [_Named(f.value, f.house_number, f.kind == "person") for f in ids.mentioned]
    # On someone's behalf the writer's own name finds the writer's cases, not theirs.
    writer = () if party.on_behalf else _written_names(ids)
    named += [_Named(n) for n in (*party.names, *writer) if n]
    # The person or household written for, named with their house ("namens de familie
    # Bakker, Woudseweg 17"): one of them, at that house.
    named += [
        _Named(f.value, s.house_number, titled=True)
        for f in ids.about
        for s in ids.about_streets
        if s.house_number
    ]
    # "Mijn vrouw Riek": by the writer's surname; the house must still agree.
    surnames = {k for n in (*party.names, *_written_names(ids)) for k in surname_keys(n)}
    named += [
        _Named(f"{r.value} {s.capitalize()}") for r in ids.relatives if r.value for s in surnames
    ]
    if any(not r.value for r in ids.relatives) and not party.on_behalf and not ids.for_self:
        # "mijn man heeft gebeld over de gaten": the partner's case, by the writer's surname
        # at the writer's own house ("De traplift van mijn vrouw loopt al; nu vraag ik voor
        # mezelf ...": not that case).
        houses = {n for _, n in (*party.streets, *party.addresses) if n}
        # A form's "Locatie: Molenweg 23" beside "voor ons huis": the house the letter gives.
        houses = houses or {f.house_number for f in ids.house_numbers if f.house_number}
        named += [_Named(s.capitalize(), h, titled=True) for s in surnames for h in houses]
    named += [_Named(f.value) for f in ids.named_organisations]
    keys = {k for n in named for k in surname_keys(n.name)}
    keys.update(k for e in party.emails for k in key_guesses(e))
    # Any capitalised word may be the surname of someone named in a way no rule reads
    # ("Mijn moeder Lenie Schout woont aan de Wilhelminastraat 23"): the register says
    # which are, and the text around them is read as a mention.
    keys.update(capitalised_words(f"{ids.subject}\n{ids.text}"))
    # Organisations by the words of the names the letter gives them and of its signature's
    # cells ("groepsbegeleider Scouting Servaas"), not by every capitalised word.
    cells = _organisation_cells(ids.closing)
    named_orgs = [*(n.value for n in ids.named_organisations), *cells]
    words = _name_words(named_orgs)
    words.update(a for n in named_orgs for a in _abbreviations(n))
    words.update(p for e in party.emails for p in _domain_words(e))
    return named, keys, words


def _best_mentioned(
    candidates: list[CaseRef], ids: Identifiers, party: Party, named: list[_Named]
) -> tuple[CaseRef, str] | None:
    """Of ``candidates``, the case whose person or organisation the letter's names and
    details weigh most for (see :func:`_mentioned_case`), or None."""
    numbers = [(f.value, f.house_number) for f in ids.house_numbers if f.house_number]
    numbers += [(s, n) for s, n in (*party.streets, *party.about_streets) if n]
    postcodes = {p: n for p, n in party.addresses}
    scored = []
    for case in candidates:
        if not case.name:
            continue
        if case.kvk or same_organisation(case.name, (case.name,)):
            weighed = _weigh_organisation(case, ids, party, named, numbers)
        else:
            weighed = _weigh_mention(case, ids, party, named, numbers, postcodes)
        if weighed is not None:
            scored.append((sum(_WEIGHTS[d] for d in weighed), case, weighed))
    scored.sort(key=lambda t: t[0], reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    _, case, details = scored[0]
    return case, ", ".join(details)


@dataclass(frozen=True)
class _Named:
    """A name in the letter, with the house number given with it, and whether a title
    ("mevrouw Schouten") makes it one person even without an initial."""

    name: str
    house_number: str | None = None
    titled: bool = False


#: What a mention's details must weigh (see :data:`_WEIGHTS`): the house and one more.
MENTION_WEIGHT = 3


def _weigh_mention(
    case: CaseRef,
    ids: Identifiers,
    party: Party,
    named: list[_Named],
    numbers: list[tuple[str, str]],
    postcodes: dict[str, str],
) -> list[str] | None:
    """The details a letter shares with ``case``'s person beyond their name, or None when
    the name does not agree, something disagrees or the details weigh too little."""
    # "Schuur Dahliastraat 16": a letter from Kerkstraat 16 is from another house.
    elsewhere = {n for s, n in numbers if s and _other_street(case.subject, s, n)}
    numbers = [(s, n) for s, n in numbers if n not in elsewhere]

    def at_the_house(number: str | None) -> bool:
        # "Kerkstraat 12" for 12-1: an addition left out is no other house.
        return (
            bool(number)
            and number not in elsewhere
            and same_house(case.house_number, number or "", True)
        )

    subject = _subject_in_letter(case.subject, ids)

    def titled_here(number: str | None) -> bool:
        # "Dhr. Yıldız (Molenstraat 8A)": a title and the house beside the name; "Mw
        # Kuipers, Schoolstr 33 aan de balie" about her kenteken: a house in the letter
        # and the case's subject.
        if number:
            return at_the_house(number)
        return subject and any(at_the_house(h) for _, h in numbers)

    agreeing = [
        n
        for n in named
        if first_names_agree(case.name, n.name) is not False
        # A first name or initial on both sides: "Fam. Verbeek" is any of the family; "de
        # buurvrouw van mevrouw Schouten, Beatrixstraat 2" about her traplift is one person.
        and (
            same_name(case.name, [n.name], strict=True)
            or (n.titled and same_name(case.name, [n.name]) and titled_here(n.house_number))
        )
    ]
    # "klaashoekstra@": an address spelling first name and surname names one person.
    if not agreeing and not _email_names_person(case.name, party.emails):
        return None
    other_email = case.email and party.emails and case.email.lower() not in party.emails
    if other_email and not party.on_behalf:
        return None  # the person's own address is known, and this is another
    given = [n.house_number for n in agreeing if n.house_number]
    if given and not any(at_the_house(h) for h in given):
        return None  # named with another house
    own = case.postcode and case.postcode.replace(" ", "") in postcodes
    if postcodes and not own and not party.on_behalf:
        # The writer's own address is another house, and they write for themselves:
        # "Mijn moeder, mevrouw De Vries van de Kerkstraat 12, krijgt al hulp; nu vraag
        # ik iets voor mezelf."
        return None
    names = [n.name for n in agreeing]
    details = []
    if given:
        details.append("house number")
        if any(n.titled and at_the_house(n.house_number) for n in agreeing):
            details.append("named at the house")
    elif case.postcode and case.postcode.replace(" ", "") in postcodes:
        if not same_house(case.house_number, postcodes[case.postcode.replace(" ", "")], False):
            return None  # another house at the postcode ("4-1" for the case's "4")
        details.append("postcode")
    elif any(same_house(case.house_number, h, False) for _, h in numbers):
        details.append("house number")
    else:
        return None  # without the house, a name and its details may be a namesake's
    if any(first_names_agree(case.name, n) for n in names):
        details.append("first name")
    elif any(same_name(case.name, [n], strict=True) for n in names):
        details.append("initials")
    if subject:
        details.append("subject")
    if email_spells(case.name, party.emails):
        details.append("email address spells the name")
    return details if sum(_WEIGHTS[d] for d in details) >= MENTION_WEIGHT else None


def _email_names_person(case_name: str | None, emails: Sequence[str]) -> bool:
    """Whether an address spells the case's person with their first name or initial
    besides the surname ("klaashoekstra@", "k.hoekstra@"; not "hoekstra@", a family's)."""
    keys = surname_keys(case_name or "")
    for email in emails:
        local = re.sub(r"[^a-z]+", "", email.split("@")[0].lower())
        rest = local
        for key in keys:
            rest = rest.replace(key, "")
        if rest != local and rest and email_spells(case_name, [email]):
            return True
    return False


def _weigh_organisation(
    case: CaseRef,
    ids: Identifiers,
    party: Party,
    named: list[_Named],
    numbers: list[tuple[str, str]],
) -> list[str] | None:
    """An organisation the letter names anywhere — whole ("Namens onze cliënt Bakkerij
    Tuin V.O.F."), or as people name it, without its kind or place ("De Zwaan" for
    Café-Restaurant De Zwaan V.O.F., also by its mail domain) — with a second detail:
    its KvK, its house number or the case's subject. Written for, so no KvK of the
    writer's says otherwise."""
    if same_organisation(case.name, [n.name for n in named]):
        details = ["organisation named"]
    elif names_organisation_in_part(
        case.name, [ids.subject, *ids.text.splitlines()], [f.value for f in ids.emails]
    ) or any(names_organisation_by_words(case.name, n.name) for n in named):
        details = ["organisation named in part"]
    elif (abbreviation := organisation_abbreviation(case.name)) and any(
        abbreviation in _abbreviations(n.name) for n in named
    ):
        details = ["organisation abbreviated"]  # "Namens RKVVS stuur ik ..."
    else:
        return None
    if names_organisation(case.name, (), party.emails):
        details.append("mail domain names it")  # "penningmeester@harmonie-cecilia.nl"
    if case.kvk and case.kvk in _values(ids.kvks):
        return [*details, "KvK"]  # "cliënt De Zeereep B.V. (KvK 28002492)"
    # The letter's own address is another house: another branch (a writer for a client
    # gives their own office's).
    # A number at another postcode is another house ("Noordstraat 10, 4391 AK" is not
    # "Fruitweg 10, 4391 PD").
    postcode = (case.postcode or "").replace(" ", "")
    own = [] if party.on_behalf else [*party.streets, *party.addresses]
    if own and not any(
        same_house(case.house_number, n, False) and (p == postcode or not _POSTCODE_LIKE.match(p))
        for p, n in own
    ):
        # "Recreatiebedrijf Duinpan B.V., kantoor: Kalmoesweg 14, Amersfoort" about the
        # camping's tourist tax: its registered name with its legal form, from its office,
        # about the case's subject.
        # (Written without it, "Eetcafé Het Anker" from another number is another branch.)
        registered = [n.name for n in named if has_legal_form(n.name)]
        if same_organisation(case.name, registered) and _subject_in_letter(case.subject, ids):
            return [*details, "subject"]
        return None
    if any(same_house(case.house_number, h, False) for _, h in numbers):
        details.append("house number")
    elif case.postcode and any(
        p == case.postcode.replace(" ", "") and same_house(case.house_number, n, False)
        for p, n in party.addresses
    ):
        details.append("postcode")  # "de VvE Esrand (Esrand 1, 7631 PX Dinkelvoorde)"
    if _subject_in_letter(case.subject, ids):
        details.append("subject")
    # A chain's other branch, a namesake firm: the name alone does not tell.
    return details if sum(_WEIGHTS[d] for d in details) >= MENTION_WEIGHT else None


_POSTCODE_LIKE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}$")


def _details(case: CaseRef, ids: Identifiers, party: Party) -> list[str] | None:
    """The details the letter and the case share, or None when the name does not agree
    or something says it is someone else (another postcode, another house number)."""
    object_house = _house_of_subject(case, ids)
    if is_organisation(case.name, case.kvk):
        details = _organisation_named(case.name, ids, party)
        if not details:
            return None
    else:
        # "Dorus Jongen <dorus.jongen@...>" for Theodorus Jongen: the address spells the
        # name the sender goes by.
        spelled = email_spells(case.name, party.emails) or any(
            email_spells(n, party.emails)
            and same_name(case.name, [n])
            and first_names_agree(case.name, n)
            for n in _written_names(ids)
        )
        if not (spelled or same_name(case.name, party.names)):
            return None
        near = _near_postcode_house(case, party)
        if party.addresses and not party.on_behalf and not object_house and not near:
            return None  # the writer's postcode is not the case's (else by_party found it)
        if case.email and party.emails and case.email.lower() not in party.emails:
            return None  # the person's own address is known, and this is another
        details = ["email address spells the name"] if spelled else []
        # Written by the writer or their mail client, not guessed from the email address.
        written = party.names if party.on_behalf else _written_names(ids)
        if (
            same_full_name(case.name, written)
            or same_first_name(case.name, (*party.first_names, *_short_lines(ids.closing)))
            # "Hans de Groot" for Johannes Hendrikus de Groot: the name he goes by.
            or any(first_names_agree(case.name, n) for n in written if same_name(case.name, [n]))
        ):
            details.append("first name")
        elif same_initials(case.name, written):
            details.append("initials")
        # "Yvonne Wetzels / Sint-Gerlachstraat / 6272 CB Sjinveld": the name and the postcode
        # of the case's address, without a house number.
        if details and not party.addresses and case.postcode in postcodes(ids.closing):
            details.append("postcode")
        if near:
            details.append("house number, postcode one digit off")
    if object_house:
        # "Vergroten recreatiewoning Marrewei" and "(recreatiewoning Marrewei 15 — post
        # graag naar ons huisadres: Kwartelhof 17, 3824 PL Amersfoort)": the house the case
        # is about, wherever the writer lives.
        return [*details, "house in the subject", *_subject_detail(case, ids)]
    # Written for someone: their street; else the writer's, where they live together. Not
    # the street under an organisation's name the writer signs for ("Huisvestingscoördinator
    # / Flexwerk Uitzendbureau / Veilingweg 12"): the office, not the client's home.
    office = party.on_behalf and bool(ids.about) and bool(ids.organisations)
    streets = party.about_streets or ((), party.streets)[not office]
    if streets and case.house_number:
        at = [
            (s, n)
            for s, n in streets
            if same_house(case.house_number, n, False) or _in_range(case.house_number, n)
        ]
        if not at or all(_other_street(case.subject, s, n) for s, n in at):
            return None  # the letter gives another house as theirs
        # "Fam. Verbeek" at the house: which of the family the initial must tell.
        if details[:1] in (["organisation named"], ["organisation named in part"]) or same_name(
            case.name, party.names, strict=True
        ):
            details.append("house number")
    return [*details, *_subject_detail(case, ids)]


def _in_range(house: str | None, number: str) -> bool:
    """Whether ``number`` is a range of houses the case's is in ("VvE Zodenhof 2-40" for
    Zodenhof 2; not "33-1", a house and its floor)."""
    m = _RANGE_RE.fullmatch(number.strip())
    base = house_parts(house)[0] if house else ""
    return (
        m is not None
        and base.isdigit()
        and int(m[2]) > int(m[1]) + 1
        and int(m[1]) <= int(base) <= int(m[2])
    )


_RANGE_RE = re.compile(r"([0-9]+)[ \t]*[-–][ \t]*([0-9]+)")


def _organisation_housed(
    cases: list[CaseRef], ids: Identifiers, party: Party, predicted: str
) -> CaseRef | None:
    """The one open case of the predicted type of an organisation at the postcode and house
    number the letter's organisation writes from, where the letter speaks of its subject:
    a newspaper under its title ("Leusderbroeks Nieuwsblad, Hoefslag 40, 3943 EA") for
    its publisher's Woo request. No BSN or KvK in the letter (those decide), and not on
    someone's behalf (the address is then the writer's office)."""
    if party.bsns or party.kvks or party.on_behalf:
        return None
    # "zakelijk leider Theater De Kiosk": a signature line naming an organisation; or an
    # officer signing ("Douwe Kramer\npenningmeester"), who writes for one.
    if (
        not party.organisations
        and not any(is_organisation(cell) for cell in _organisation_cells(ids.closing))
        and not any(_OFFICER_RE.match(line) for line in ids.closing)
    ):
        return None
    if ids.new_request or _REQUEST_WORDS.get(predicted) in ids.made_now:
        return None
    if _CARE_OF_RE.search(ids.text):
        return None  # "p/a Walnootplein 2": another's address, lent for the post
    housed = [
        c
        for c in _open_organisations_at(cases, predicted, (*party.addresses, *party.placed))
        if _subject_in_letter(c.subject, ids)
        and not ((ids.asks_now or ids.asks_apart) and not _speaks_of_besides(c.subject, ids))
    ]
    return housed[0] if len(housed) == 1 else None


_OFFICER_RE = re.compile(
    r"(?i)[ \t]*(?:penningmeester|secretaris|voorzitter|bestuurslid|ledenadministratie)[ \t]*$"
)
# "Marten Oosterhuis, voorzitter": the role in a cell of the signature line.
_OFFICER_CELL_RE = re.compile(
    r"(?i),[ \t]*(?:penningmeester|secretaris|voorzitter|bestuurslid)[ \t]*(?:,|$)"
)


def _open_organisations_at(
    cases: Iterable[CaseRef], predicted: str, addresses: Iterable[tuple[str, str]]
) -> list[CaseRef]:
    """The open cases of the predicted type of organisations at one of ``addresses``
    (postcode without space, house number)."""
    addresses = list(addresses)
    return [
        c
        for c in cases
        if c.status == "open"
        and c.case_type == predicted
        and is_organisation(c.name, c.kvk)
        and any(
            p == (c.postcode or "").replace(" ", "") and same_house(c.house_number, n, False)
            for p, n in addresses
        )
    ]


# "p/a Walnootplein 2", "c/o": the post goes to an address that is someone else's.
_CARE_OF_RE = re.compile(r"(?im)^[ \t]*(?:p/a|p\.a\.|per[ \t]+adres|c/o)\b")


def _subject_housed(
    ids: Identifiers, party: Party, predicted: str, lookup: CaseLookup
) -> CaseRef | None:
    """The one open case of the predicted type of an organisation whose subject names the
    house the letter gives as its own, without postcode, where the letter speaks of that
    subject: "Geuldal Hills, Kruisveld 40" about the chalets of "Plaatsing 12
    recreatiechalets zuidveld Kruisveld 40" (Recreatiepark Heuvelland Beheer B.V.). The
    register holds the site in the subject only; the park signs with its trade name. No
    BSN or KvK (those decide), nothing new asked for."""
    if party.bsns or party.kvks or ids.new_request or ids.asks_now or ids.asks_apart:
        return None
    if _REQUEST_WORDS.get(predicted) in ids.made_now:
        return None
    own = [(s, n) for s, n in (*party.streets, *party.about_streets) if n]
    if party.on_behalf:
        # An architect or adviser for a client it names with the site ("namens onze
        # opdrachtgever Twentevelo (Industrieweg 18)"): the houses the letter names.
        own += [(s, n) for s, n in weighed_houses(f"{ids.subject}\n{ids.text}") if s and n]
    if not own:
        return None
    # Only organisations' cases are kept under their subject's houses: a person's letter
    # needs no look-up.
    if not (party.organisations or party.on_behalf) and not any(
        is_organisation(cell) for cell in _organisation_cells(ids.closing)
    ):
        return None
    sites = [
        c
        for c in lookup.open_at_subject_house(own, predicted)
        if _subject_in_letter(c.subject, ids)
    ]
    return sites[0] if len(sites) == 1 else None


def _named_persons_case(
    fitting: Sequence[tuple[CaseRef, str]], ids: Identifiers, predicted: str, lookup: CaseLookup
) -> CaseRef | None:
    """The one open case of the predicted type of a person the letter names beside its
    writer, whose subject the letter speaks of, where it speaks of none of the writer's own
    open cases of the type: a relative or carer writing about someone else's request. Not
    where the letter asks for something new, or gives a BSN (which says whose case it is)."""
    if ids.new_request or ids.asks_now or ids.asks_apart or ids.for_self or ids.bsns:
        return None
    if any(_speaks_of(c.subject, ids) for c, _ in fitting):
        return None
    names = [f.value for f in (*ids.about, *ids.mentioned)]
    if all(is_organisation(c.name, c.kvk) for c, _ in fitting):
        # "Even over mijn eigen aanvraag voor de tweede uitrit bij ons huis" under the
        # firm's signature: the firm's identifiers found its cases, the writer has their own.
        names += [f.value for f in ids.names if is_full_name(f.value)]
    keys = list(dict.fromkeys(k for n in names for k in surname_keys(n)))
    if not keys:
        return None
    own = {c.number for c, _ in fitting}
    theirs = [
        c
        for c in lookup.open_by_surname(keys, predicted)
        if c.number not in own
        and c.case_type == predicted
        and not is_organisation(c.name, c.kvk)
        and same_name(c.name, names)
        and _speaks_of(c.subject, ids)
    ]
    return theirs[0] if len(theirs) == 1 else None


def _other_house_case(
    fitting: Sequence[tuple[CaseRef, str]], ids: Identifiers, predicted: str, lookup: CaseLookup
) -> CaseRef | None:
    """The one open case of the predicted type whose subject names a house the letter names
    and speaks of, where the letter speaks of none of the writer's own open cases of the
    type (found by the letterhead or the mailbox of a firm whose owner writes about their
    home, or a client's house). Not where the letter asks for something new."""
    if ids.new_request or ids.asks_now or ids.asks_apart or ids.for_self or ids.bsns:
        return None  # a BSN says whose case it is
    if any(_speaks_of(c.subject, ids) for c, _ in fitting):
        return None
    houses = [(s, n) for s, n in weighed_houses(f"{ids.subject}\n{ids.text}") if s and n]
    # Not the writer's own address (the firm's letterhead or signature), which may be the
    # site of its own case.
    head = [line for line in ids.text.splitlines() if line.strip()][:4]
    own_houses = {
        subject_house_key(s, n)
        for s, n in weighed_houses("\n".join((*head, *ids.closing)))
        if s and n
    }
    named = {subject_house_key(s, n) for s, n in houses} - own_houses
    if any(
        subject_house_key(s, n) in named for c, _ in fitting for s, n in subject_houses(c.subject)
    ):
        return None  # "Object: Laageind 7": the house of the writer's own case
    own = {c.number for c, _ in fitting}
    sites = [
        c
        for c in lookup.open_at_subject_house(houses[:6], predicted)
        if c.number not in own and _speaks_of(c.subject, ids)
    ]
    return sites[0] if len(sites) == 1 else None


def _apart_from_another(fitting: Sequence[tuple[CaseRef, str]], ids: Identifiers) -> bool:
    """Whether the letter's "Dit staat los van …", all that calls it a new request, sets
    another matter apart than the open case it is about: "Dit staat los van de procedure
    die onze advocaat voert over de chalets" in an objection to the park's tourist tax,
    which the letter speaks of. Where what is set apart is the open case ("Dit staat los
    van de overkapping bij De Kraanmeester", the open "Terrasoverkapping"), it is new."""
    if not ids.apart_from:
        return False
    if any(_shares_word(c.subject, other) for c, _ in fitting for other in ids.apart_from):
        return False
    return any(_speaks_of(c.subject, ids) for c, _ in fitting)


def _shares_word(subject: str | None, text: str) -> bool:
    """Whether a word of five letters or more of ``subject`` and of ``text`` meet, either
    within the other ("overkapping" and "Terrasoverkapping")."""
    words = {w for w in _WORD_RE.findall((subject or "").casefold()) if len(w) >= 5}
    words -= _GENERIC_SUBJECT_WORDS
    written = {w for w in _WORD_RE.findall(text.casefold()) if len(w) >= 5}
    written -= _GENERIC_SUBJECT_WORDS
    return any(a in b or b in a for a in words for b in written)


def _second_already(subject: str | None, ids: Identifiers) -> bool:
    """Whether the open case is itself the second or new one the letter speaks of
    ("de aanvraag voor de tweede bewonersvergunning" beside "Bewonersvergunning tweede
    auto"): the letter follows it up, it does not ask again."""
    # Not "Naast de aanvraag voor de tweede inrit (die loopt nog) wil ik ook een carport":
    # the open case named as the one beside.
    said = {m[0].lower() for m in _SECOND_RE.finditer(_BESIDE_OPEN_RE.sub(" ", ids.text))}
    return bool(said & {m[0].lower() for m in _SECOND_RE.finditer(subject or "")})


_SECOND_RE = re.compile(r"(?i)\b(?:tweede|derde|extra)\b")
_BESIDE_OPEN_RE = re.compile(
    r"(?i)\b(?:naast|los[ \t]+van)[ \t]+(?:de|het|mijn|ons|onze)\b[^.!?\n]{0,60}?(?=\book\b)"
)


def _household_case(
    ids: Identifiers,
    party: Party,
    predicted: str,
    lookup: CaseLookup,
    at_party: Sequence[CaseRef],
) -> tuple[CaseRef, str] | None:
    """The open case of the predicted type of someone else at the letter's house, where the
    letter names them by first name: a wife under her married name ("Wietske Dijkstra,
    Leechlân 6" for Wietske Grietje Kuipers, at the house of her husband's case), a
    husband for his wife ("namens mijn vrouw, Hiltsje"), a son for his mother ("mevrouw
    Amma Mensah, Korjaalstraat 14, 2-hoog" for Amma Serwaa Owusu). The house is the
    letter's postcode and number, or for a street without postcode that of a case with
    the letter's surname at that number. Returns the case and the first name."""
    if party.bsns or party.kvks or ids.new_request or ids.for_self:
        return None
    if ids.asks_now or ids.asks_apart or _REQUEST_WORDS.get(predicted) in ids.made_now:
        return None
    written = [*party.names, *_values(ids.about), *_written_names(ids)]
    firsts = {g for n in written if (g := given_name(n))} | {
        r.value for r in ids.relatives if r.value and r.where != "quoted"
    }
    # "Mijn man heeft bezwaar gemaakt": the partner, unnamed, with the writer's surname.
    partner = any(not r.value for r in ids.relatives if r.where != "quoted")
    # "Mevr. N. Boone, Kreekweg 12, 4586 BK" about the stair lift of Neeltje Wisse there.
    initials = {
        parts.first
        for n in written
        if not given_name(n) and (parts := NameParts.of(n)) is not None and parts.first
    }
    if not firsts and not partner and not (initials and party.addresses):
        return None
    homes = {(p, n) for p, n in (*party.addresses, *party.placed) if n}
    streets = [(s, n) for s, n in (*party.streets, *party.about_streets) if n]
    # "Ik ben Ama, de vrouw van Kwame Mensah, Zeilmakerstraat 57": one of the family, by
    # the writer's surname, named with the house.
    kin = [
        ("", f.house_number)
        for f in ids.mentioned
        if f.house_number and f.kind == "name" and shares_surname(f.value, party.names)
    ]
    if (streets or kin) and not party.addresses:
        # The party's own look-up asked the same surnames at the same numbers; only a
        # letter for a relative named by first name has no names of its own asked yet.
        known = list(
            at_party
            if party.names
            else lookup.by_party(Party(names=tuple(written), streets=tuple(streets)))
        )
        if kin:
            known += lookup.by_party(Party(names=tuple(written), streets=tuple(kin)))
        homes |= {
            (c.postcode, c.house_number)
            for c in known
            if c.postcode
            and c.house_number
            and shares_surname(c.name, written)
            and any(
                same_house(c.house_number, n, True) and not (s and _other_street(c.subject, s, n))
                for s, n in (*streets, *kin)
            )
        }
    if not homes or len({p for p, _ in homes}) > 1:
        return None  # namesakes at the same number in two streets: no one house
    judged = {c.number for c in at_party}
    at_home = [
        c
        for c in lookup.by_party(Party(addresses=tuple(sorted(homes))))
        if c.status == "open"
        and c.case_type == predicted
        and not is_organisation(c.name, c.kvk)
        and any(c.postcode == p and same_house(c.house_number, n, True) for p, n in homes)
    ]
    # A case the rules judged by its name is the writer's under her married name ("Greet
    # Boersma" for Margaretha Johanna Kremer at her house) where the letter speaks of it.
    found = [
        (c, first)
        for c in at_home
        if c.number not in judged or _speaks_of(c.subject, ids)
        for first in sorted(firsts)
        if goes_by(c.name, first)
    ]
    if partner and not found:
        # The rules judged the case by its name, which is the partner's, not the writer's.
        # A partner under another surname ("mijn man heeft al twee keer gemeld" from Maria
        # Andrade Silva about Ricardo Fortes's report at their house): by what it is about.
        found = [
            (c, "the partner")
            for c in at_home
            if shares_surname(c.name, written) or _speaks_of(c.subject, ids)
        ]
    if not found and party.addresses:
        # Only initials: at the postcode and number the letter gives, the case of someone
        # with that initial, about what the letter speaks of.
        found = [
            (c, f"the initial {first.upper()}.")
            for c in at_home
            if (parts := NameParts.of(c.name or "")) is not None
            and (first := parts.first) in initials
            and _speaks_of(c.subject, ids)
        ]
    return found[0] if len({c.number for c, _ in found}) == 1 else None


def _viewed_case(
    ids: Identifiers,
    party: Party,
    predicted: str,
    lookup: CaseLookup,
    at_party: Sequence[CaseRef],
) -> CaseRef | None:
    """The open permit of the house next door that a neighbour's view is about: "mijn
    buurman op nummer 14 wil een dakkapel ... ik maak mij zorgen over de dakgoot" from
    Schachtstraat 16 belongs in the permit for "Dakkapel voorzijde Schachtstraat 14",
    where whoever decides on it reads the views. The house is the number the letter
    gives with the writer's street (the subject's house) or postcode; the letter must
    speak of the permit's subject, and not ask anything for the writer ("wij willen ook
    een dakkapel" is a request of their own)."""
    if predicted != PERMIT or party.bsns or party.kvks or ids.new_request or ids.asks_now:
        return None
    said = f"{ids.subject}\n{ids.text}"  # "Subject: zienswijze dakkapel buren"
    if not (_NEIGHBOUR_RE.search(said) and _VIEW_RE.search(said)):
        return None
    if _OWN_PLAN_RE.search(ids.text) or _REQUEST_WORDS.get(predicted) in ids.made_now:
        return None
    own = {n for _, n in party.addresses} | {n for _, n in party.streets}
    houses = [(s, n) for s, n in weighed_houses(f"{ids.subject}\n{ids.text}") if s]
    streets = {s for s, _ in houses}
    numbers = {n for _, n in houses} | {m[1] for m in _NEXT_DOOR_NUMBER_RE.finditer(ids.text)}
    numbers = {n for n in numbers if not any(same_house(n, o, False) for o in own)}
    if not numbers:
        return None
    keyed = [(s, n) for s in streets for n in numbers]
    found = {c.number: c for c in lookup.open_at_subject_house(keyed, predicted)}
    postcodes = {p for p, _ in party.addresses}
    # The writer's postcode the register knows from a case of theirs ("Plasoever 29, naast
    # de familie Schouten" from a neighbour with a closed permit of her own).
    postcodes |= {c.postcode for c in at_party if c.postcode and same_party(c, party)}
    if postcodes:
        neighbours = Party(addresses=tuple((p, n) for p in postcodes for n in sorted(numbers)))
        found |= {c.number: c for c in lookup.by_party(neighbours)}
    judged = {c.number for c in at_party}
    viewed = [
        c
        for c in found.values()
        if c.status == "open"
        and c.case_type == predicted
        and c.number not in judged
        and _speaks_of(c.subject, ids)
    ]
    return viewed[0] if len(viewed) == 1 else None


_NEIGHBOUR_RE = re.compile(
    r"(?i)\b(?:buurman|buurvrouw|buren|naast[ \t]+(?:ons|mij|de[ \t]+familie)|huis[ \t]+naast"
    r"|neighbou?rs?|next[ \t]+door)\b"
)
# What a view says: a concern, an objection, the wish to be kept informed of the decision.
_VIEW_RE = re.compile(
    r"(?i)\b(?:zienswijze|zorgen|bezorgd|bezwaar|niet[ \t]+eens|niet[ \t]+te[ \t]+verlenen"
    r"|op[ \t]+de[ \t]+hoogte|belanghebbende|rekening[ \t]+te[ \t]+houden|reactie"
    r"|concerns?|object(?:ion)?"
    # Support, and the wish to see the plans: "dat ik daar van harte mee instem", "we
    # hebben er niks op tegen, maar willen de tekeningen inzien".
    r"|instem\w*|(?:niets|niks)[ \t]+op[ \t]+tegen|inzien|inzage)\b"
)
# "Wij willen ook een dakkapel", "Ik wil een tuinhuis bouwen": the writer's own plan.
_OWN_PLAN_RE = re.compile(
    r"(?i)\b(?:wij|we|ik)[ \t]+(?:willen|wil)[ \t]+(?:ook|een|graag[ \t]+(?:een|ook))\b"
    r"|\b(?:moet|moeten)[ \t]+(?:ik|wij|we)[ \t]+(?:daarvoor[ \t]+)?(?:een[ \t]+)?"
    r"(?:vergunning|aanvraag)"
)
# "buurman op nummer 14", "buren (nr. 11)": the house next door by its number.
_NEXT_DOOR_NUMBER_RE = re.compile(r"(?i)\b(?:nummer|nr\.?)[ \t]*([0-9]{1,4}[a-z]?)\b")


def _near_postcode_house(case: CaseRef, party: Party) -> bool:
    """Whether the letter gives the case's house number with its postcode mistyped in one
    digit ("'t Zand 4, 7189 ZD" for 7188 ZD 4)."""
    own = (case.postcode or "").replace(" ", "")
    return any(
        len(p) == len(own) == 6
        and p[4:] == own[4:]
        and sum(a != b for a, b in zip(p[:4], own[:4], strict=True)) == 1
        and same_house(case.house_number, n, False)
        for p, n in party.addresses
    )


def _subject_detail(case: CaseRef, ids: Identifiers) -> list[str]:
    return ["subject"] if _subject_in_letter(case.subject, ids) else []


def _house_of_subject(case: CaseRef, ids: Identifiers) -> bool:
    """Whether the letter gives the case's house number with a street its subject names
    ("Marrewei 15" for "Vergroten recreatiewoning Marrewei"): the property the case is
    about, which need not be where the writer lives."""
    if not case.house_number or not case.subject:
        return False
    words = {w.casefold() for w in _WORD_RE.findall(case.subject)}
    return any(
        f.value
        and f.value.split()[-1].casefold() in words
        and same_house(case.house_number, f.house_number or "", False)
        for f in ids.house_numbers
    )


def _subject_in_letter(subject: str | None, ids: Identifiers) -> bool:
    """Whether the letter speaks of what the case is about: half the words of its subject
    ("Volle ondergrondse container" for "Volle ondergrondse container Broekstraat"), or
    the place it names ("Koeienpad")."""
    if not subject:
        return False
    letter = f"{ids.subject}\n{ids.text}"
    words = _stems(subject)
    if words and len(words & _stems(letter)) * 2 >= len(words):
        return True
    # Or a long word of it that says which thing: "scootmobiel" of "Wmo scootmobiel, cliënt
    # woont in zorglocatie".
    if _long_words(subject) & _long_words(letter):
        return True
    places = set(_PLACE_RE.findall(subject)) - _NOT_PLACES
    return bool(places & set(_WORD_CAPITALISED_RE.findall(letter)))


def _long_words(text: str) -> set[str]:
    return set(_LONG_WORD_RE.findall(text.casefold())) - _GENERIC_SUBJECT_WORDS


_LONG_WORD_RE = re.compile(r"[^\W\d_]{9,}")


def _speaks_of_besides(
    subject: str | None, ids: Identifiers, who: frozenset[str] = frozenset()
) -> bool:
    """As :func:`_speaks_of`, for a letter that asks for something now, leaving out what it
    names as done or nearly so ("Nu de voorbereidingen voor Phagwa bijna klaar zijn,
    willen wij de aanvraag doen voor Diwali"): that matter is behind the new request."""
    text = _BEHIND_RE.sub(" ", f"{ids.subject}\n{ids.text}")
    return _text_speaks_of(subject, text, who)


# "Nu de voorbereidingen voor Phagwa bijna klaar zijn,", "Nu de verbouwing achter de rug is,".
# "Naast de uitbreiding aan de Lange Streek willen wij …": what the new request comes beside.
_BEHIND_RE = re.compile(
    r"(?i)\bnu[ \t]+(?:de|het|onze|ons|mijn)[ \t][^.,;:!?\n]{0,80}?"
    r"\b(?:bijna[ \t]+|zo[ \t]+goed[ \t]+als[ \t]+)?"
    r"(?:klaar|rond|afgerond|achter[ \t]+de[ \t]+rug|voorbij|gedaan)[ \t]+(?:is|zijn)\b"
    r"|(?:^|(?<=[.!?][ \t])|(?<=\n))[ \t]*naast[ \t]+(?:de|het|onze|ons|mijn)[ \t]"
    r"[^.,;:!?\n]{0,60}?(?=[ \t]+(?:willen|wil|gaan|ga|vragen|vraag)[ \t]+(?:wij|we|ik)\b)"
    # "Onze aanvraag voor de ballenvangers loopt nog": another request, running beside.
    r"|\b(?:mijn|onze|de)[ \t]+aanvraag[ \t]+(?:voor|van)[ \t]+(?:de|het|mijn|onze)[ \t]+"
    r"[^.!?\n]{1,60}?[ \t]+(?:loopt|lopen)[ \t]+(?:nog|al)\b"
)


def _speaks_of(subject: str | None, ids: Identifiers, who: frozenset[str] = frozenset()) -> bool:
    """Whether the letter names what the case is about: a word of its subject of five
    letters or more, whole or in a compound ("lantaarnpaalstoring"; not "achter" for
    "Dakkapel achterzijde"), other than words every request of its kind uses."""
    return _text_speaks_of(subject, f"{ids.subject}\n{ids.text}", who)


def _text_speaks_of(subject: str | None, text: str, who: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` names what a case with ``subject`` is about (see :func:`_speaks_of`)."""
    words = {w for w in _WORD_RE.findall((subject or "").casefold()) if len(w) >= 5}
    words -= _GENERIC_SUBJECT_WORDS
    # The street of the house it names is where, not what ("Huisvesting seizoensarbeiders
    # Fruitweg 10" is not spoken of by a new cold store "aan de Fruitweg").
    words -= {w.casefold() for street, _ in subject_houses(subject) for w in street.split()}
    # So is a street it names without a number ("feesttent Marktplein").
    words -= {s.casefold() for s, _ in site_houses(subject, "-")}
    words = {w for w in words if fold_spelling(w) not in who}
    letter = set(_WORD_RE.findall(text.casefold()))
    return any(w in lw for w in words for lw in letter) or any(_split_in(w, letter) for w in words)


def _split_in(word: str, letter: set[str]) -> bool:
    """Whether both halves of a compound are words of the letter: "Brinkfeest" is "het
    feest op de Brink"."""
    return any(
        word[:i] in letter and word[i:] in letter and word[i:] not in _GENERIC_SUBJECT_WORDS
        for i in range(_HALF, len(word) - _HALF + 1)
    )


#: The shortest half of a compound that :func:`_split_in` reads as a word of its own.
_HALF = 5


# Words a case subject shares with every letter of its kind.
_GENERIC_SUBJECT_WORDS = frozenset(
    {"aanvraag", "melding", "vergunning", "omgevingsvergunning", "verzoek", "klacht"}
    | {"bezwaar", "subsidie", "woning", "gemeente", "gemeentelijke", "belastingen"}
    | {"besluit", "afwijzing", "beschikking", "bijzondere", "bijstand", "uitkering"}
)


#: What a report about the public space is about, by the words people use for it.
_OBJECTS = {
    "light": re.compile(r"lantaarn|straatla|verlichting|\blamp|\blicht\b|donker"),
    "waste": re.compile(r"container|afval|vuil|glasbak|gedumpt|dumping|zakken|prullenbak"),
    "paving": re.compile(
        r"tegel|stoep|trottoir|\bgat\b|kuil|wegdek|bestrating|klinker|asfalt"
        r"|verzak|fietspad|drempel"
    ),
    # Not "gestruikeld": tripping over the tiles.
    "green": re.compile(r"\bboom|bomen|\btak(?:ken)?\b|struik(?!el)|\bheg\b|gras|wortel|\beik\b"),
    "play": re.compile(r"speeltuin|speeltoestel|schommel|glijbaan|wip\b"),
    "drain": re.compile(r"\bput\b|kolk|riool|wateroverlast"),
}


#: What a letter about municipal taxes is about, by the words people use for each tax.
_TAXES = {
    "woz": re.compile(r"\bwoz|waardebeschikking|\bozb\b|onroerendezaak"),
    # "het toeristische tarief", "de nachtregistratie": a campsite's tourist tax.
    "tourist": re.compile(
        r"toeristenbelasting|toeristisch|overnachting|nachtregistratie|tourist tax"
    ),
    # "Forensensteuer": a German owner's word for it.
    # "Ge rekent mij aan als forens": the one the tax is charged to.
    "second home": re.compile(r"forensen|\bforens\b|tweede woning|second home|zweitwohnung"),
    "dog": re.compile(r"hondenbelasting|\bhond(?:en)?\b"),
    "waste": re.compile(r"afvalstoffenheffing|\bafval"),
    # "één aansluiting op het riool": the sewer charge by what it is charged for.
    "sewer": re.compile(r"rioolheffing|rioolrecht|\briool\b"),
    "remission": re.compile(r"kwijtschelding"),
}


def _another_leading(
    kinds: dict[str, re.Pattern[str]], subject: str | None, ids: Identifiers
) -> bool:
    """Whether the letter speaks most of one kind of matter (of ``kinds``) and less of any
    the case's subject is about: a tourist tax for a hotel whose WOZ objection is open."""
    about = {name for name, regex in kinds.items() if regex.search((subject or "").casefold())}
    low = f"{ids.subject}\n{ids.text}".casefold()
    said = {name: n for name, regex in kinds.items() if (n := len(regex.findall(low)))}
    if not about or not said:
        return False
    top = max(said.values())
    leading = {name for name, n in said.items() if n == top}
    return len(leading) == 1 and not leading & about and all(said.get(a, 0) < top for a in about)


def _another_object(subject: str | None, ids: Identifiers) -> bool:
    """Whether a report is about another thing than the open report ``subject`` is: the
    letter speaks most of one kind of thing in the street (a lamp, rubbish, paving,
    trees, a playground, a drain) and less of any the subject is about. (Not asked where
    the letter speaks of a report made before: "die tegels liggen er nog steeds los"
    follows up the writer's report, whatever the register's subject says.)"""
    return _another_leading(_OBJECTS, subject, ids)


def _own_case_about(
    cited: CaseRef, ids: Identifiers, party: Party, predicted: str, lookup: CaseLookup
) -> CaseRef | None:
    """The party's open case of the predicted type that a bezwaar (klacht, Woo request)
    citing ``cited`` continues, or None for a new one.

    The open case must be the cited case's party's and the letter's, and about the
    cited case: recorded so (``related_to``), or, where the register does not record
    it (an imported case), the letter speaks of its bezwaar as made before ("heb ik
    bezwaar gemaakt", "aanvulling van de gronden"), makes none now ("maak ik
    bezwaar") and the party has one such case.
    """
    own = [
        c
        for c in lookup.by_party(party)
        if c.status == "open"
        and c.case_type == predicted
        and same_party(c, party)
        and not _another_party(c, Party(bsns=_given(cited.bsn), kvks=_given(cited.kvk)))
    ]
    related = [c for c in own if c.related_to == cited.number]
    if related:
        return max(related, key=lambda c: c.number)
    unrecorded = [c for c in own if c.related_to is None]
    word = _REQUEST_WORDS.get(predicted)
    # "Ik heb eerder bezwaar gemaakt ...; nu maak ik bezwaar tegen ...": a new one.
    continues = word in ids.made_before and word not in ids.made_now
    return unrecorded[0] if continues and len(unrecorded) == 1 else None


#: How a letter names a request of each type it sets itself apart from ("los van mijn
#: melding"); applications of the other types are an "aanvraag".
_SET_ASIDE_WORDS = {
    "melding_openbare_ruimte": "melding",
    "klacht": "klacht",
    "bezwaar": "bezwaar",
    "woo_verzoek": "verzoek",
    "factuur": "",
    "overig": "",
}
#: How a letter names a request of each type that is about another case.
_REQUEST_WORDS = {"bezwaar": "bezwaar", "klacht": "klacht", "woo_verzoek": "verzoek"}


def _given(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()


def _exact_houses_first(
    fitting: list[tuple[CaseRef, str]], party: Party
) -> list[tuple[CaseRef, str]]:
    """Of cases found by the letter's address, those at exactly its house number when
    others are there only by a looser reading ("Hessenweg 41" finds the farmer's own case
    at 41 and his son's at 41A on the same yard: the farmer's) — where the letter's words
    do not tell the cases apart ("Ik woon boven het kantoor, op 2B" does)."""

    def plain(number: str | None) -> str:
        return re.sub(r"[\s-]", "", number or "").upper()

    def exact(case: CaseRef) -> bool:
        return any(
            postcode == case.postcode and plain(number) == plain(case.house_number)
            for postcode, number in party.addresses
        )

    loose = [(c, why) for c, why in fitting if why.startswith("address") and not exact(c)]
    if loose and any(exact(c) for c, _ in fitting):
        return [cw for cw in fitting if cw not in loose]
    return fitting


def _best_fitting(
    fitting: list[tuple[CaseRef, str]], ids: Identifiers
) -> tuple[tuple[CaseRef, str], str]:
    """Of a party's open cases of one type, the one the letter is about — the case whose
    subject's words the letter (with the email's subject) uses most, by share of the
    subject's words ("gat in de weg" for "Gat in de weg Hogesteeg", not "Volle container
    Hogesteeg") — else the most recently opened (case numbers grow with time). The
    second value describes a choice by subject for the reasons."""
    latest = max(fitting, key=lambda cw: cw[0].number)
    if len(fitting) == 1:
        return latest, ""
    words = _stems(f"{ids.subject}\n{ids.text}")
    shares = []
    for case, why in fitting:
        subject = _stems(case.subject or "")
        share = len(subject & words) / len(subject) if subject else 0.0
        shares.append((share, case.number, (case, why)))
    shares.sort(reverse=True)
    if shares[0][0] > shares[1][0]:
        return shares[0][2], f" (its subject fits the letter best of {len(fitting)})"
    return latest, ""


# Words of a case subject that say nothing about what it is about.
_SUBJECT_STOPWORDS = frozenset(
    {"van", "voor", "over", "met", "aan", "bij", "het", "een", "den", "der", "des", "naar"}
    | {"tot", "uit", "and", "the", "for", "zaak", "nieuw", "nieuwe", "aanvraag", "melding"}
    | {"vraag", "vragen", "bericht", "brief", "mail", "email", "informatie", "info"}
)
_WORD_RE = re.compile(r"[^\W\d_]{3,}")


def _stems(text: str) -> set[str]:
    """The words of ``text``, lower-cased and cut to six letters (so that "containers"
    is "container")."""
    return {w[:6] for w in _WORD_RE.findall(text.casefold()) if w not in _SUBJECT_STOPWORDS}


def _invoice_variants(number: str) -> list[str]:
    """An invoice number as written and with its stops, hyphens and slashes written as
    each other ("26.0131", "26-0131", "26/0131")."""
    return [number, *(re.sub(r"[./-]", sep, number) for sep in ".-/")]


def _invoice_key(number: str | None) -> str:
    return re.sub(r"[./-]", "-", number or "")


def _codes(text: str) -> list[str]:
    """The codes a letter writes that may be an invoice's number: letters, digits and
    dashes with a digit and a dash or a letter in them ("RWV-2026-034", "WP2026-031"),
    upper-cased as the register keeps them; at most :data:`CODES`."""
    return list(dict.fromkeys(m[0].upper() for m in _CODE_RE.finditer(text)))[:CODES]


def _sending_sentences(text: str) -> list[str]:
    """The sentences that send an invoice with the letter ("Hierbij de rekening voor de
    vlaaien …, nummer 2026-031"); not one sent again ("Hierbij de factuur opnieuw, nu met
    inkoopordernummer IO-26-0412"), which is the invoice the register holds."""
    return [
        m[0]
        for m in re.finditer(r"[^.!?]+(?:\.(?=\d)[^.!?]*)*", text)
        if _SENDS_INVOICE_RE.search(m[0]) and not _SENT_AGAIN_RE.search(m[0])
    ]


_SENT_AGAIN_RE = re.compile(
    r"(?i)\b(?:opnieuw|nogmaals|gecorrigeerde?|herziene?|nog[ \t]+een[ \t]+keer)\b"
)
# "Hierbij de rekening voor", "Bijgaand onze factuur": an invoice sent with the letter.
_SENDS_INVOICE_RE = re.compile(
    r"(?i)\b(?:hierbij|bijgaand|bijgevoegd|in[ \t]+de[ \t]+bijlage)[ \t]+"
    r"(?:(?:sturen|stuur|zenden|zend)[ \t]+(?:wij|we|ik)[ \t]+(?:u[ \t]+)?)?"
    r"(?:de|onze|mijn|een)[ \t]+(?:nieuwe[ \t]+)?(?:rekening|factuur|nota)\b"
)
#: At most this many codes of a letter are looked up as invoice numbers.
CODES = 8
# "(nr. 26.0131 van 31 januari)": a stop between digits too.
_CODE_RE = re.compile(
    r"(?<![\w/.-])(?=[A-Za-z0-9/.-]*[0-9])(?=[A-Za-z0-9/.-]*[A-Za-z.-])"
    r"[A-Za-z0-9](?:[A-Za-z0-9/-]|\.(?=[0-9])){3,23}[A-Za-z0-9](?![\w/-])"
)


# A supplier asking after an invoice it sent: not paid yet, or not seen to arrive.
_ASKS_AFTER_INVOICE_RE = re.compile(
    r"\b(?:herinnering|aanmaning|(?:nog )?niet (?:betaald|voldaan|overgemaakt)"
    r"|nog geen betaling|betaling (?:blijft|uitblijft)|waar de betaling blijft"
    r"|staat nog (?:steeds )?open|openstaande factuur|in behandeling"
    r"|in goede orde (?:is )?ontvangen|goed bij u (?:is )?binnengekomen"
    r"|dat (?:hij|zij|ze|die|deze|de factuur) (?:binnen is|is binnengekomen|is aangekomen)"
    r"|goed is binnengekomen|niet (?:hebben |heb )?ontvangen"
    # Something sent with or about an invoice sent before: "de getekende werkbonnen bij onze
    # factuur voor het snoeiwerk", "Ik heb in februari factuur nummer 7 gestuurd".
    r"|(?:bij|over|op) (?:onze|mijn|de|uw) (?:factuur|rekening|nota)"
    r"|(?:factuur|rekening|nota)\b[^.\n]{0,60}\b(?:gestuurd|verstuurd|toegestuurd|ingediend)"
    # "RE: Uw nota nieuwjaarsreceptie": a reply to the municipality about an invoice sent.
    r"|(?m:^)(?:re|antw|aw)[ \t]*:[^\n]*?\b(?:factuur|nota|rekening)"
    r"|not (?:yet )?(?:been )?paid|payment reminder)\b",
    re.IGNORECASE,
)


def _asked_after_invoice(
    ids: Identifiers, party: Party, lookup: CaseLookup
) -> tuple[CaseRef, str] | None:
    """The open invoice a supplier asks after without its number ("Onze factuur van 30
    januari voor de vervanging van 14 armaturen … is nog niet voldaan"): of the supplier's
    open invoice cases, the one whose subject the letter speaks of. The supplier is the
    party its identifiers find, else the one the letter's words weigh for; of several of
    its open invoices only one the letter's words fit better than the rest is taken — a
    supplier's monthly invoices differ in little but their month."""
    if not _ASKS_AFTER_INVOICE_RE.search(f"{ids.subject}\n{ids.text}"):
        return None
    at_party = lookup.by_party(party)
    # "Dierenkliniek Vlier" for the vets' partnership: by its trade name too.
    fitting = [
        (c, why)
        for c in (*at_party, *_by_registers(party, at_party, lookup))
        if c.status == "open" and c.case_type == INVOICE and (why := same_party(c, party))
    ]
    if not fitting:
        judged = frozenset(c.number for c in at_party)
        weighed = _weighed_case(ids, party, INVOICE, lookup, judged, at_party)
        if weighed is None:
            return None
        supplier = weighed[0]
        kin = lookup.by_party(Party(kvks=(supplier.kvk,))) if supplier.kvk else [supplier]
        fitting = [
            (c, describe_weight(weighed[1]))
            for c in kin
            if c.status == "open" and c.case_type == INVOICE and not _another_party(c, party)
        ] or [(supplier, describe_weight(weighed[1]))]
    (case, why), topic = _best_fitting(fitting, ids)
    if len(fitting) > 1 and not topic:
        return None
    return case, f"the supplier ({why}) asks after an open invoice without its number{topic}"


def _invoice_case(holders: list[CaseRef], party: Party) -> tuple[CaseRef | None, list[str]]:
    """The case of a cited invoice number, with what was passed over on the way.

    Suppliers number their invoices independently, so one number may belong to
    several suppliers' cases: a case of another supplier (another KvK or BSN than
    the letter's) never takes the letter, and of several cases with the number only
    the one whose party the letter fits does.
    """
    if not holders:
        return None, []
    number = holders[0].invoice_number
    others = [c for c in holders if _another_party(c, party)]
    fitting = [c for c in holders if c not in others]
    if len(fitting) > 1:
        fitting = [c for c in fitting if same_party(c, party)]
    why = [f"invoice {number} of case {c.number} passed over: another supplier" for c in others]
    if len(fitting) == 1:
        return fitting[0], why
    cases = ", ".join(c.number for c in holders)
    return None, [
        *why,
        f"invoice {number} is in {len(holders)} cases ({cases}), the sender fits none",
    ]


def _another_party(case: CaseRef, party: Party) -> bool:
    """Whether the letter's BSN or KvK says it is from someone else than the case's party."""
    if case.bsn and party.bsns:
        return case.bsn not in party.bsns
    if case.kvk and party.kvks:
        return case.kvk not in party.kvks
    return False


_PLACES = {"body": "in the text", "header": "in the email subject", "quoted": "in a quoted message"}


def _someone_elses(case: CaseRef, ids: Identifiers, party: Party, found: Found) -> str | None:
    """Why a cited case is not the writer's, or None when nothing says so."""
    if case.bsn and party.bsns and case.bsn not in party.bsns:
        return "the letter carries another BSN"
    if found.where == "body" or party.on_behalf or case.kvk or not case.name:
        return None  # cited in the writer's own words; or an organisation's case
    if found.where == "quoted" and _quote_sent_to_writer(ids):
        return None  # the municipality's message to this writer, about the case
    if (
        found.where == "header"
        and not (ids.forwarded or ids.new_request or ids.asks_now or ids.for_self)
        and (
            (_speaks_of(case.subject, ids) and _writes_as_organisation(ids, party))
            or (
                bool(keys := set(surname_keys(case.name)))
                and keys <= set(plain_words(ids.subject or ""))
            )
        )
    ):
        # "ZAAK-… aangepaste tekeningen dakkapel" from an architect, "ZAAK-… kwijtschelding
        # dhr. De Vries" from a debt counsellor: the subject says what or whom it is about.
        return None
    # Only the sender's name says who writes: an attachment's names are its author's (a
    # doctor, an employer, a supplier), not the writer's.
    senders = [
        f.value
        for f in ids.names
        if f.where == "header"
        and f.confidence == 1.0
        and is_full_name(f.value)
        # "Yonas T": a surname cut to its letter says nothing against the case's.
        and not _CUT_SURNAME_RE.search(f.value)
    ]
    # A partner at the case's house, or a professional writing about the case's person
    # ("Ik ben de ergotherapeut van mevrouw Schouten"), answers the person's mail.
    named = [f.value for f in ids.mentioned if f.where == "body"]
    # So does a relative ("Mijn vader heeft de keuring gehad … Gerda Boersma-Smit
    # (dochter)"), under a surname of her own in the sender's name.
    family = any(r.where != "quoted" for r in ids.relatives)
    if (
        senders
        and not shares_surname(case.name, senders)
        and not _same_household(case, party)
        and not shares_surname(case.name, [*named, *_written_names(ids)])
        and not family
    ):
        return "the sender is another person (name differs)"
    if ids.forwarded:
        # Forwarding passes on anyone's message: the letter must name the case's person.
        full_names = [name for name in party.names if is_full_name(name)]
        known = (case.bsn and case.bsn in party.bsns) or (case.email and case.email in party.emails)
        if not (known or shares_surname(case.name, [*full_names, *named])):
            return "a forwarded message, and nothing in the letter names the case's person"
    return None


def _writes_as_organisation(ids: Identifiers, party: Party) -> bool:
    """Whether the writer signs for an organisation (an architect's office, a debt-help
    foundation): one that writes about its clients' cases."""
    return bool(party.organisations or party.kvks) or any(
        is_organisation(cell) for cell in _organisation_cells(ids.closing)
    )


_CUT_SURNAME_RE = re.compile(r"[ \t][A-Z]\.?$")
_TO_LINE_RE = re.compile(r"(?im)^[ \t>]*(?:aan|to)[ \t]*:[^\n]*")


def _quote_sent_to_writer(ids: Identifiers) -> bool:
    """Whether a quoted message was addressed to the sender ("Aan: ellenbosch@hotmail.com"
    under "-----Oorspronkelijk bericht-----" in Ellen Bosch's reply, or "> Geachte heer
    Senden," in Rob Senden's): the municipality wrote to them, a son-in-law say, about the
    case it names."""
    senders = [f.value for f in ids.emails if f.where == "header"]
    if any(email in line.lower() for line in _TO_LINE_RE.findall(ids.text) for email in senders):
        return True
    names = [f.value for f in ids.names if f.where == "header" and f.confidence == 1.0]
    greeted = [m[1] for m in _QUOTED_GREETING_RE.finditer(ids.text)]
    return bool(greeted) and any(shares_surname(name, greeted) for name in names)


# The greeting of a quoted letter: "> Geachte heer Senden,", "> Beste mevrouw De Wit,".
_QUOTED_GREETING_RE = re.compile(
    r"(?im)^[ \t]*>[ \t>]*(?:geachte|beste|dear)[ \t]+(?:heer|mevrouw|mr\.?|mrs\.?|ms\.?)"
    r"[ \t]+([^\n,]{2,60}),?[ \t]*$"
)


def _same_household(case: CaseRef, party: Party) -> bool:
    """Whether the writer gives the case's house as their own (a partner answering the
    municipality's mail to the household): the postcode and number, or without a
    postcode the number with a street."""
    if not case.house_number:
        return False
    if party.addresses:
        return any(
            p == (case.postcode or "").replace(" ", "") and same_house(case.house_number, n, False)
            for p, n in party.addresses
        )
    return any(same_house(case.house_number, n, False) for _, n in party.streets)


def _organisation_named(case_name: str | None, ids: Identifiers, party: Party) -> list[str]:
    """How the letter's signature or sender names the case's organisation: whole, by the
    words that say which it is ("Sebastianus Sjinveld", "Café De Sjtern"), or by its
    abbreviation ("secretaris RKVVS", "@svg-geulvelde.nl"; weighs less, as three letters
    may stand for more than one); [] when it does not."""
    if names_organisation(case_name, ids.closing, party.emails):
        return ["organisation named"]
    cells = _organisation_cells(ids.closing)
    if any(names_organisation_by_words(case_name, cell) for cell in cells):
        return ["organisation named in part"]
    # "jeugdcommissie Kwiek" from "@dekwiek.nl": a bare word of the name, and the mail
    # domain spelling the name.
    core = organisation_core(case_name)
    domains = [
        re.sub(r"[^a-z]+", "", e.lower().partition("@")[2].rsplit(".", 1)[0]) for e in party.emails
    ]
    # "Fietscafé De Bergop" from "@debergop.nl" for Horeca Bergop Heuveldaal V.O.F.: a word
    # of the name that is the domain's own name, and in the signature ("kitefestival-
    # helderzand.nl" does not name Ondernemersvereniging Helderzand Centrum).
    named_by_domain = {w for e in party.emails for w in organisation_domain_words(e)}
    spelled = [w for w in organisation_words(case_name) if len(w) >= 5 and w in named_by_domain]
    if (
        len(core) >= 5
        and any(core in d for d in domains)
        and any(names_organisation_by_words(case_name, c, marked=False) for c in cells)
    ) or any(w in plain_words(c) for w in spelled for c in cells):
        return ["organisation named in part"]
    details = []
    abbreviation = organisation_abbreviation(case_name)
    if abbreviation and any(abbreviation in _abbreviations(cell) for cell in cells):
        details.append("organisation abbreviated")
    domain_parts = [re.split(r"[^a-z]+", e.lower().partition("@")[2]) for e in party.emails]
    if abbreviation and any(abbreviation in parts for parts in domain_parts):
        details.append("email domain abbreviates it")
    return details


def _organisation_cells(lines: Sequence[str]) -> list[str]:
    """The cells of short lines ("Café De Sjtern, Markt 10"), and of each the part from its
    first capital on ("namens het bestuur van Moskee Al Fath,")."""
    cells = []
    for line in lines:
        if len(line.split()) > 12:
            continue
        for cell in _CELL_RE.split(line):
            cell = cell.strip(" .;:!?")
            if not 0 < len(cell.split()) <= 10:
                continue
            if len(cell.split()) <= 6:
                cells.append(cell)
            first = _CAPITAL_RE.search(cell)
            # Not "VW Dommelrode" of "5395 VW Dommelrode": a postcode's letters.
            if (
                first is not None
                and first.start() > 0
                and not _DIGIT_RE.search(cell[: first.start()])
                and len(cell[first.start() :].split()) <= 6
            ):
                cells.append(cell[first.start() :])
    return cells


_CAPITAL_RE = re.compile(r"(?<![\w.-])[A-Z]")
_ABBREVIATION_RE = re.compile(r"(?<![\w.-])[A-Z]{3,6}(?![\w-])")


def _name_words(names: Iterable[str]) -> set[str]:
    """The words organisations are looked up by: those of each name that is not a
    person's ("Anna Jansen" is looked up by surname; "Sebastianus Sjinveld" by its last
    word too, "Moskee Al Fath" by each)."""
    # "VvE Zodenhof 2-40": the houses an association of owners is named after.
    names = [_HOUSES_RE.sub("", n) for n in names]
    return {
        w
        for n in names
        if _title_case(n)
        and not n.lower().startswith(_GREETINGS)
        and (as_name(n) is None or is_organisation(n))
        for w in organisation_words(n)
    }


_HOUSES_RE = re.compile(r"[ \t]+[0-9]+(?:[-–][0-9]+)?[a-z]?$")


def _spelled_by_domain(cells: Iterable[str], emails: Sequence[str]) -> set[str]:
    """The words of a signature line the mail domain spells whole ("Behoud Groene Hart" over
    "@behoudgroenehart.nl"): an organisation, though it reads like a person's name."""
    domains = {_domain_words(e)[0] for e in emails if _domain_words(e)}
    return {
        w
        for cell in cells
        if len(key := re.sub(r"[^a-z]+", "", cell.lower())) >= 8 and key in domains
        for w in organisation_words(cell)
    }


_GREETINGS = ("met ", "groet", "vriendelijke", "hartelijke", "beste", "geachte", "hallo")
_SMALL_WORDS = frozenset({"de", "het", "van", "der", "den", "en", "op", "aan", "al", "el", "&"})


def _title_case(name: str) -> bool:
    """Whether ``name`` is written as organisations are: each word after the first (a
    role or kind may stand before it) capitalised but the small ones, no digits
    ("penningmeester IJsclub De Hoop", "zangkoor Laus Deo", "Lokk B.V."; not a
    sentence, not "Lindelaan 4")."""
    words = name.split()
    return (
        0 < len(words) <= 6
        and not any(c.isdigit() for c in name)
        and all(w in _SMALL_WORDS or w[:1].isupper() for w in words[1:])
    )


def _domain_words(email: str) -> list[str]:
    """The words of an address's domain ("svg", "geulvelde" of "@svg-geulvelde.nl"), also
    without an article written onto them ("feestfabriek" of "@defeestfabriek.nl")."""
    domain = email.lower().partition("@")[2].rsplit(".", 1)[0]
    parts = [p for p in re.split(r"[^a-z]+", domain) if len(p) >= 3]
    bare = [m[1] for p in parts if (m := _ARTICLE_PREFIX_RE.fullmatch(p))]
    # "@brinkhuistransport.nl" for Transportbedrijf Brinkhuis B.V.: the name without its trade.
    traded = [m[1] or m[2] for p in parts if (m := _TRADE_IN_DOMAIN_RE.fullmatch(p))]
    return [*parts, *bare, *traded]


_ARTICLE_PREFIX_RE = re.compile(r"(?:de|het|t)([a-z]{4,})")
# Longest first: "bouwbedrijfjansen" is Jansen, not "bedrijfjansen".
_DOMAIN_TRADES = "|".join(
    sorted(
        {"transport", "bouw", "bouwbedrijf", "aannemers", "installatie", "installaties"}
        | {"techniek", "advies", "schilders", "hoveniers", "tuinen", "catering", "drukkerij"}
        | {"zuivel", "makelaardij", "verhuur", "events", "evenementen", "fysio"}
        | {"fysiotherapie", "autobedrijf", "garage", "bakkerij", "slagerij", "schoonmaak"}
        | {"logistiek", "groen", "infra", "elektro", "metaal", "hout"},
        key=lambda w: (-len(w), w),
    )
)
_TRADE_IN_DOMAIN_RE = re.compile(
    rf"(?:{_DOMAIN_TRADES})([a-z]{{4,}})|([a-z]{{4,}}?)(?:{_DOMAIN_TRADES})"
)


def _abbreviations(text: str) -> set[str]:
    """Words in capitals of three to six letters ("RKVVS", "SVG"), lower-cased."""
    return {m[0].lower() for m in _ABBREVIATION_RE.finditer(text)}


def same_party(case: CaseRef, party: Party) -> str | None:
    """Why ``case`` belongs to ``party`` (a masked description), or None when it does not.

    A BSN in the letter that differs from the case's rules the case out, whatever
    else matches: two people can share an address, a surname or an email account.
    An email address only counts when the names, where both are known, agree.
    """
    if case.bsn and party.bsns:
        return f"BSN {mask_bsn(case.bsn)}" if case.bsn in party.bsns else None
    if case.kvk and case.kvk in party.kvks:
        return f"KvK {case.kvk}"
    if case.kvk and (name := dict(party.traded).get(case.kvk)):
        return f"trade name {name} of KvK {case.kvk} in the trade register"
    # A shared family address: the email alone does not tell spouses apart.
    if (
        case.email
        and case.email.lower() in party.emails
        and (not (case.name and party.names) or same_name(case.name, party.names))
    ):
        return f"email {case.email.lower()}"
    # The houses first (cheap), the names only for a case at one of them: a letter's
    # street finds every case at that number.
    at_address = [
        number
        for postcode, number in (*party.addresses, *party.placed)
        if postcode == case.postcode and same_house(case.house_number, number, True)
    ]
    if at_address and (
        _organisation_of(case, party)
        or same_name(case.name, party.names)
        or goes_by_initial(case.name, party.names)
        or _owner_signs(case, party)
        or (
            any(same_house(case.house_number, n, False) for n in at_address)
            and (
                misspelled_name(case.name, party.names)
                or _goes_by_another_given_name(case, party)
                or _surname_cut(case, party)
            )
        )
    ):
        # "4" for "4-2": an addition left out is no other house, as the name agrees.
        return f"address {case.postcode} {case.house_number}{_by_register(case, party)} and name"
    # "Groet,\nJohan" under "Steenovenstraat 12, 6691 EP": the first name the case writes
    # out tells housemates apart, unless a full name in the letter is someone else's.
    if (
        any(same_house(case.house_number, n, False) for n in at_address)
        and same_first_name(case.name, party.first_names)
        and shares_surname_or_none(case.name, [n for n in party.names if is_full_name(n)])
    ):
        return (
            f"address {case.postcode} {case.house_number}{_by_register(case, party)} and first name"
        )
    # No postcode: the register cannot compare the street, so the full name must agree,
    # and a postcode elsewhere in the letter is the writer's address instead — except for
    # the street of the person a letter is written for, given as theirs.
    streets = party.about_streets if party.addresses else party.streets + party.about_streets
    if not party.addresses and not (case.kvk and party.kvks and case.kvk not in party.kvks):
        # "Café De Veerpont / Veerpontweg 1, Doornenburg": an organisation's name is rarer
        # than a person's, and the house number must agree with it.
        for street, number in _at_house(case, party.streets):
            if _organisation_of(case, party):
                return f"{street} {number} (house number) and organisation name"
    for street, number in _at_house(case, streets):
        if (
            not is_organisation(case.name, case.kvk)  # organisations: above
            and same_name(case.name, party.names, strict=True)
            # "dhr. T. Heikens (Tjeerd)" at Kerkpad 11 of another village is not Tjaakje (by
            # the names with the case's surname: not "Van Gils Installatietechniek", the
            # firm's, nor "Sint Adriaanskerke", the village under a signature).
            and not _first_name_disagrees(
                case,
                replace(
                    party,
                    names=tuple(
                        n
                        for n in party.names
                        if not is_organisation(n) and shares_surname(case.name, [n])
                    ),
                ),
            )
        ):
            return f"{street} {number} (house number) and full name"
    return None


def _by_register(case: CaseRef, party: Party) -> str:
    """The words ' of Dijkweg 112 in the address register,' where the letter gave the case's
    house without its postcode, so an employee sees where the postcode came from."""
    streets = {n: s for s, n in party.streets}
    for postcode, number in party.placed:
        if postcode == case.postcode and same_house(case.house_number, number, True):
            if number not in streets:  # a home inside a place: see homes_in_places
                return f" of home {number} at a place in the trade register,"
            return f" of {streets[number]} {number} in the address register,"
    return ""


def _owner_signs(case: CaseRef, party: Party) -> bool:
    """Whether an organisation named after its owner is signed by them at its address
    ("Mehmet Demirtas, eigenaar" under "ANATOLIA GRILL" for Demirtaş Food Group B.V.)."""
    if not is_organisation(case.name, case.kvk):
        return False
    words = organisation_words(case.name)
    return any(
        key in words
        for name in party.names
        if is_full_name(name) and not is_organisation(name)
        for key in surname_keys(name)
    )


def _goes_by_another_given_name(case: CaseRef, party: Party) -> bool:
    """Whether the letter's full name is the case's with another of its given names
    written out ("Ilias El Amrani" for Mohamed Ilias El Amrani), as people go by their
    second name; only at the case's own house."""
    return any(
        shares_surname(case.name, [name]) and first_names_agree(case.name, name)
        for name in party.names
        if is_full_name(name)
    )


# "Priya R.": a first name and the surname cut to its letter; "zosia.w", "sietske w" as a
# mail name.
_CUT_NAME_RE = re.compile(
    r"^[ \t]*([A-Z][a-zà-ÿ]{2,})[ \t]+([A-Z])\.?[ \t]*$"
    r"|^[ \t]*([a-zà-ÿ]{3,})[. ]([a-z])[0-9]*[ \t]*$"
)


def _surname_cut(case: CaseRef, party: Party) -> bool:
    """Whether the letter signs with the case's first name and its surname's letter
    ("Priya R." for Priya Lakshmi Ramanathan); only at the case's own house."""
    keys = surname_keys(case.name or "")
    for name in party.names:
        m = _CUT_NAME_RE.match(name)
        if m is None:
            continue
        first, letter = (m[1], m[2]) if m[1] else (m[3], m[4])
        if keys and keys[0][0] == letter.lower() and goes_by(case.name, first):
            return True
    return False


def _at_house(case: CaseRef, streets: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The streets and numbers of ``streets`` that may be the case's house (its number, and
    no other street in its subject)."""
    return [
        (street, number)
        for street, number in streets
        if same_house(case.house_number, number, False)
        and not _other_street(case.subject, street, number)
    ]


def shares_surname_or_none(case_name: str | None, full_names: Sequence[str]) -> bool:
    """Whether no full name is given, or one shares the case's surname."""
    return not full_names or shares_surname(case_name, full_names)


def _organisation_of(case: CaseRef, party: Party) -> bool:
    """Whether the letter's names or signature lines name the case's organisation: whole,
    by the words that say which it is, or written short."""
    names = (*party.names, *party.organisations)
    if same_organisation(case.name, names):
        return True
    return is_organisation(case.name, case.kvk) and (
        any(names_organisation_by_words(case.name, n) for n in names)
        # "penningmeester Chr. Muziekvereniging K.N.A.", "@kna-wierlinge.nl": at its
        # house, the club written short.
        or abbreviated(case.name, names, party.emails)
    )


@lru_cache(maxsize=8192)  # a pure function, asked for every candidate at a house number
def _other_street(subject: str | None, street: str, number: str) -> bool:
    """Whether the case's subject puts its house number in another street than ``street``
    ("Schuur Dahliastraat 16" for a letter from "Kerkstraat 16")."""
    base = house_parts(number)[0]
    own = street.split()[-1].casefold()
    return any(
        m[2] == base and m[1].casefold() != own for m in _STREET_NUMBER_RE.finditer(subject or "")
    )


# A word and a number after it: a street and house in a case's subject. One pattern for
# every number (a pattern per number cost a compile for most letters).
_STREET_NUMBER_RE = re.compile(r"([^\W\d_][\w'’.-]*)[ \t]+([0-9]+)(?![0-9])")
