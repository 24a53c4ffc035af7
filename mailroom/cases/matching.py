"""Deciding which case a document belongs to: a cited case, the party's open case, or a new one.

The rules, in order (each decision records its reasons and a score):

1. A cited case number that exists wins, also a closed case (flagged
   ``closed_case``). A bezwaar, klacht or Woo request citing a case of another
   type opens a new case related to it instead.
2. Invoices are matched by invoice number only: a reminder or credit note
   citing an invoice joins that invoice's case; a new invoice is a new case,
   even from a known supplier.
3. The same party (BSN, KvK, sender email, or postcode + house number with a
   matching name) with an open case of the predicted type: that case. A BSN in
   the letter that differs from the case's BSN rules the case out, and a
   letter written on someone's behalf is matched on the person it is about,
   not on the writer's KvK or email address.
4. Anything else opens a new case.

A document must never land in another person's case, so every party rule
needs an identifier that the case itself carries; a shared address alone is
never enough.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from mailroom.cases.identifiers import Identifiers, extract, mask_bsn
from mailroom.classifiers.model import Classification

#: Case types that are *about* another case: citing it opens a new, related case.
ABOUT_ANOTHER_CASE = frozenset({"bezwaar", "klacht", "woo_verzoek"})
INVOICE = "factuur"


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


@dataclass(frozen=True)
class Party:
    """Who a letter is from or about, as far as its identifiers tell."""

    bsns: tuple[str, ...] = ()
    kvks: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    addresses: tuple[tuple[str, str], ...] = ()
    names: tuple[str, ...] = ()
    on_behalf: bool = False

    @classmethod
    def of(cls, ids: Identifiers) -> Party:
        """The party of a letter: on someone's behalf, the writer's own KvK and email
        address (letterhead, footer, sender) say nothing about the person it is about."""
        return cls(
            bsns=_unique(f.value for f in ids.bsns),
            kvks=() if ids.on_behalf else _unique(f.value for f in ids.kvks),
            emails=() if ids.on_behalf else _unique(f.value for f in ids.emails),
            addresses=_unique((f.value, f.house_number or "") for f in ids.addresses),
            names=_unique(f.value for f in ids.names),
            on_behalf=ids.on_behalf,
        )


def _unique(values) -> tuple:  # type: ignore[no-untyped-def]
    return tuple(dict.fromkeys(v for v in values if v))


class CaseLookup(Protocol):
    """Read-only access to the case register."""

    def by_number(self, number: str) -> CaseRef | None:
        """The case with this number, if it exists."""
        ...

    def by_invoice_numbers(self, numbers: Sequence[str]) -> list[CaseRef]:
        """Invoice cases whose invoice number is one of ``numbers``."""
        ...

    def by_party(self, party: Party) -> list[CaseRef]:
        """Cases carrying any of the party's BSNs, KvK numbers, emails or addresses."""
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
    sender: str | None = None,
    patterns: Sequence[str] = (),
) -> CaseDecision:
    """Decide the case of a document from its text, the sender's address and its predicted type."""
    ids = extract(text, sender=sender, case_patterns=patterns)
    return decide(ids, classification.case_type, lookup)


def decide(ids: Identifiers, predicted: str, lookup: CaseLookup) -> CaseDecision:
    """The rules of the module docstring, on identifiers already extracted."""
    party = Party.of(ids)
    invoice = ids.invoice_numbers[0].value if ids.invoice_numbers else None

    def new(reason: str, related_to: str | None = None, score: float = 1.0) -> CaseDecision:
        return CaseDecision(
            "new",
            predicted,
            None,
            (reason,),
            score,
            related_to,
            party,
            invoice if predicted == INVOICE else None,
        )

    for found in ids.case_numbers:
        case = lookup.by_number(found.value)
        if case is None:
            continue
        if predicted in ABOUT_ANOTHER_CASE and case.case_type != predicted:
            return new(
                f"{predicted} about case {case.number} ({case.case_type}): new related case",
                related_to=case.number,
                score=found.confidence,
            )
        reasons = [f"cites case {case.number}"]
        if case.status == "closed":
            reasons.append("closed_case")
        return CaseDecision(
            "matched", case.case_type, case.number, tuple(reasons), found.confidence
        )

    if predicted == INVOICE:
        numbers = [f.value for f in ids.invoice_numbers]
        for case in lookup.by_invoice_numbers(numbers) if numbers else ():
            return CaseDecision(
                "matched",
                case.case_type,
                case.number,
                (f"cites invoice {case.invoice_number} of case {case.number}",),
                0.95,
            )
        # Never by supplier: every new invoice is a case of its own.
        return new(f"new invoice {invoice}" if invoice else "invoice without a known number")

    candidates = [(c, why) for c in lookup.by_party(party) if (why := same_party(c, party))]
    fitting = [(c, why) for c, why in candidates if c.status == "open" and c.case_type == predicted]
    if fitting:
        # The most recently opened fitting case (case numbers grow with time).
        case, why = max(fitting, key=lambda cw: cw[0].number)
        score = 0.9 if len(fitting) == 1 else 0.7
        return CaseDecision(
            "matched", case.case_type, case.number, (f"same party ({why}), open case",), score
        )
    if candidates:
        others = ", ".join(f"{c.number} ({c.case_type}, {c.status})" for c, _ in candidates[:3])
        return new(f"party known with other cases: {others}")
    return new("no case cited and no open case of this party")


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
    # A shared family address: the email alone does not tell spouses apart.
    names_agree = not (case.name and party.names) or same_name(case.name, party.names)
    if case.email and case.email.lower() in party.emails and names_agree:
        return f"email {case.email.lower()}"
    address = (case.postcode or "", (case.house_number or "").upper())
    if case.postcode and address in party.addresses and same_name(case.name, party.names):
        return f"address {case.postcode} {case.house_number} and name"
    return None


_TITLES = frozenset(
    [
        "dhr",
        "heer",
        "mevr",
        "mevrouw",
        "mw",
        "mr",
        "dr",
        "ir",
        "ing",
        "drs",
        "prof",
        "fam",
        "familie",
        "weduwe",
        "wed",
    ]
)
#: Tussenvoegsels and articles: part of a surname, never a first name.
_PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "ten",
        "ter",
        "te",
        "op",
        "in",
        "t",
        "la",
        "le",
        "el",
        "al",
        "bin",
        "ben",
    ]
)


@dataclass(frozen=True)
class NameParts:
    """A name reduced to what identifies a person: surname and first initial."""

    surname: str
    first: str | None

    @classmethod
    def of(cls, name: str) -> NameParts | None:
        """Lower-cased, without accents, titles and particles; None when no surname is left."""
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        tokens = [t for t in re.split(r"[^a-z]+", plain) if t and t not in _TITLES]
        initials = [t for t in tokens if len(t) == 1]
        words = [t for t in tokens if len(t) > 1 and t not in _PARTICLES]
        if not words:
            return None
        # "Brinkman-Oosterhof": the first part is the person's own surname.
        first = initials[0] if initials else (words[0][0] if len(words) > 1 else None)
        return cls(words[-1], first)


def same_name(case_name: str | None, names: Sequence[str]) -> bool:
    """Whether one of the letter's names is the case's person: the same surname, and the
    same first initial wherever both names show one ("J.H. Brinkman", "Jan Brinkman")."""
    case = NameParts.of(case_name or "")
    if case is None:
        return False
    for name in names:
        letter = NameParts.of(name)
        if letter is None:
            continue
        surnames = {letter.surname, *_double_surname(name)}
        if case.surname not in surnames:
            continue
        if case.first and letter.first and case.first != letter.first:
            continue
        return True
    return False


def _double_surname(name: str) -> list[str]:
    """The parts of a double surname ("Brinkman-Oosterhof"), lower-cased."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [part for word in plain.split() if "-" in word for part in word.split("-") if part]
