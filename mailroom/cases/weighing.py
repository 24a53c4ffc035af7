"""The last look before a new case: open cases of the letter's type that share a name with
it, weighed on everything the letter says.

The rules of :mod:`.matching` each read one way of naming a party — an identifier the
case carries, a name with its house, an organisation in a signature — and need it in a
form they know. Real post names people in more ways than rules can list: a maiden name
with a short first name ("hanny lenaerts, st. gerardusstr 9" for Johanna Souren-Lenaerts
at number 9), a first name only the mail address gives ("dorus.jongen@"), a club by the
words of its name and its village ("Harmonie St. Cecilia Wolfshagen"), a reply whose only
trace besides the name is what it is about. An employee then weighs it all together, and
so does this step, for letters no rule could tie to a party:

* the name: the case's surname (either part of a double one) where the writer says who
  they are (signature, sender, a form's name field) weighs more than anywhere in the
  text; an organisation by the words of its name that say which it is;
* what agrees besides it: the first name written out, the postcode, the house number,
  the house the case's subject names, and the words of that subject;
* what rules a case out: another BSN, KvK or known email address, another first name
  with nothing of the house, the writer's own postcode elsewhere.

A case needs the name and enough besides (:data:`NEEDED`), and a clear lead over the
next (:data:`LEAD`): two cases weighing about the same are namesakes, and the letter
opens a new case rather than risk another party's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.utils import parseaddr
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from mailroom.cases.addresses import same_house
from mailroom.cases.mentions import NOT_SURNAMES
from mailroom.cases.message import layout
from mailroom.cases.names import (
    KNOWN_FIRST_NAMES,
    first_names_agree,
    fold_spelling,
    given_name,
    given_names,
    goes_by,
    goes_by_initial,
    is_no_reply,
    is_organisation,
    organisation_abbreviation,
    organisation_words,
    plain_words,
    same_name,
    site_houses,
    subject_houses,
    subject_names,
    surname_keys,
    town_at_end,
    unfolded_words,
    without_municipality,
)

if TYPE_CHECKING:
    from mailroom.cases.identifiers import Identifiers
    from mailroom.cases.matching import CaseRef, Party

#: What the name and the details besides it must weigh together.
NEEDED = 5
#: What the best case must weigh more than the next.
LEAD = 2
#: At most this many words of a letter are looked up (a long letter names many things).
LOOKED_UP = 20

# Words of a case subject that say what type it is, not what it is about.
_GENERIC_STEMS = frozenset(
    {"aanvra", "bezwaa", "meldin", "verzoe", "klacht", "subsid", "factuu", "vergun"}
    | {"omgevi", "parkee", "bijsta", "belast", "aansla", "woover", "openba", "evenem"}
    | {"gemeen", "zaak", "nieuw", "brief", "vraag", "inform", "betref", "inzake", "tegen"}
    | {"voor", "over", "naar", "van", "met", "het", "een", "den", "der", "and", "the"}
)
# Words of a subject that say when or which scheme, shared by many cases of a type.
_WEAK_STEMS = frozenset(
    {"januar", "februa", "maart", "april", "mei", "juni", "juli", "august", "septem"}
    | {"oktobe", "novemb", "decemb", "wmo", "woz"}
)
# What a writer calls a request of these types they made ("mijn klacht", "heb ik gemeld").
_MADE_AS = {
    "bezwaar": "bezwaar",
    "klacht": "klacht",
    "woo_verzoek": "verzoek",
    "melding_openbare_ruimte": "melding",
}
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
# A street and house number anywhere in the letter ("Molenweg 23", "st. gerardusstr 9"),
# with the flat's addition as people write it ("117-II", "88 3hoog", "12a").
_HOUSE_RE = re.compile(
    r"([^\W\d_][\w.'’-]{2,})[ \t]+([0-9]{1,5}(?:-[0-9A-Za-z]{1,3}|[A-Za-z]"
    r"|[ \t](?:I{1,3}|IV|hs|[1-9][ \t]?hoog))?)(?![\w-])"
)
_POSTCODE_RE = re.compile(r"(?<![0-9])([1-9][0-9]{3})[ \t]?([A-Z]{2})(?![A-Za-z])")
_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")
# "Meerhaven, 12 maart 2026": where and when a letter is written, not who writes it.
_DATE_LINE_RE = re.compile(
    r"^[ \t]*[^\W\d][\w' .-]*,?[ \t]+[0-9]{1,2}[ \t]+[a-z]+\.?[ \t]+[0-9]{4}"
)
_POSTCODE_TOWN_RE = re.compile(r"\b[1-9][0-9]{3}[ \t]?[A-Z]{2}\b.*$")


@dataclass(frozen=True)
class Letter:
    """What a letter offers for weighing, read once: its words (plain, spelling folded),
    those where the writer says who they are, its houses, postcodes and subject stems."""

    words: frozenset[str]
    own_words: frozenset[str]
    #: Each word and the words before it on its line, for first names before a surname.
    before: dict[str, frozenset[str]]
    houses: tuple[tuple[str, str], ...]
    #: The words of the email's sender: its display name, the address's name and domain.
    sender_words: frozenset[str]
    #: The houses of the signature: where the writer writes from.
    own_houses: tuple[tuple[str, str], ...]
    #: The streets the letter names, with or without a number, as written.
    streets: tuple[str, ...]
    postcodes: frozenset[str]
    stems: frozenset[str]
    #: The words of the email's domain, not a mail provider's ("veenruiters" of
    #: "@veenruiters.nl"): an organisation's own.
    domains: frozenset[str] = frozenset()
    #: The words of whom the letter is written for ("in opdracht van De Strokartonfabriek").
    about_words: frozenset[str] = frozenset()
    #: The writer asks for themselves ("voor mezelf"), apart from someone at their house.
    for_self: bool = False
    #: The writer speaks of a relative or of a request made before ("mijn man heeft het
    #: al gemeld"): another of the family may write about the household's case.
    household: bool = False
    #: The email forwards a message: its names may be anyone's.
    forwarded: bool = False
    #: The surnames of people the letter says made the request ("Marco Renckens heeft de
    #: aanvraag gedaan"): the case's party by what the writer knows of it.
    applicants: frozenset[str] = frozenset()
    #: Relatives named in full as the writer's ("Mijn moeder, mevrouw F. Bouzid").
    kin: tuple[str, ...] = ()
    #: What the writer says they made before ("heb ik bezwaar gemaakt": "bezwaar").
    made_before: frozenset[str] = frozenset()
    #: The surnames of whom a letter written on someone's behalf names ("Namens onze
    #: opdrachtgever, de heer Aldewereld"): the party, by the writer's own account.
    written_for: frozenset[str] = frozenset()

    @classmethod
    def of(cls, ids: Identifiers) -> Letter:
        """The letter's words and details, from its text, the email's subject and sender;
        not from sentences about a neighbour, a sister or a friend, whose name and house
        are theirs."""
        addresses = [f.value for f in ids.emails if f.where == "header"]
        # The names the header gives, also those read beside it ("kim Bos" of "kim
        # <kimmiebos@…>" greeted "Beste mevrouw Bos" in the quoted reply).
        senders = [_sender_words(a) for a in addresses]
        senders += [f.value for f in ids.names if f.where == "header" and f.confidence < 1.0]
        own_text = _without_others(_unquoted(ids.text, addresses))
        text = "\n".join((ids.subject, own_text, *senders))
        signed = [
            line
            for line in ids.closing
            if _SIGNATURE_LINE_RE.fullmatch(line.strip()) and not _DATE_LINE_RE.match(line)
        ]
        # A form's name and address fields say who writes as a signature does.
        signed += [m[1] for m in _FORM_FIELD_RE.finditer(own_text)]
        # "Trekkerweg 30, 8249 PC Meerhaven": the town after a postcode is a place, not a
        # word of the writer's name (Stichting Duurzame Energie Hoge Vaart Meerhaven).
        # "ik ben priscilla zwiers van de kampweg 31": who writes, introduced in lower case.
        introduced = [m["name"] for m in _INTRODUCED_RE.finditer(own_text)]
        own = "\n".join(
            (*(_POSTCODE_TOWN_RE.sub("", line) for line in signed), *senders, *introduced)
        )
        before: dict[str, set[str]] = {}
        for line in (*text.splitlines(), *own.splitlines()):
            for word, given in _given_before(line):
                before.setdefault(word, set()).update(given)
        named_houses = houses(text)
        return cls(
            # The words where the writer says who they are are words of the letter too
            # ("Emine Yilmaz" as the sender's name of "emine.y@hotmail.nl").
            words=frozenset(
                (*plain_words(without_municipality(text)), *_titles(text), *plain_words(own))
            ),
            own_words=frozenset((*plain_words(own), *_titles(own))),
            sender_words=frozenset(
                plain_words(
                    " ".join(
                        [
                            *(f.value for f in ids.names if f.where == "header"),
                            *senders,
                            *(_domain_words(a) for a in addresses),
                        ]
                    )
                )
            ),
            before={w: frozenset(b) for w, b in before.items()},
            domains=frozenset(w for a in addresses for w in organisation_domain_words(a)),
            about_words=frozenset(w for f in ids.about for w in plain_words(f.value)),
            houses=tuple(dict.fromkeys(named_houses)),
            # Where the writer writes from: a street and its number ("Lisa (nr 29)" names
            # no street).
            own_houses=tuple(dict.fromkeys(h for h in houses("\n".join(signed)) if h[0])),
            streets=tuple(
                dict.fromkeys((*(s for s, _ in named_houses if s), *_STREET_WORD_RE.findall(text)))
            ),
            postcodes=frozenset(f"{m[1]}{m[2].upper()}" for m in _POSTCODE_RE.finditer(text)),
            # What the case is about the municipality's quoted message may say too.
            stems=frozenset(_stems(f"{text}\n{ids.text}")),
            for_self=ids.for_self,
            forwarded=ids.forwarded,
            kin=tuple(f.value for f in ids.kin),
            made_before=ids.made_before,
            # "Ich sjrief veur mien man Thei Houben": a relative named in full too.
            household=bool(ids.relatives or ids.kin) or ids.earlier or bool(ids.made_before),
            written_for=frozenset(
                k
                for f in (*ids.about, *(ids.mentioned if ids.on_behalf else ()))
                if f.where != "quoted"
                for k in surname_keys(f.value)
            ),
            applicants=frozenset(
                k
                for m in _APPLICANT_RE.finditer(own_text)
                # Not a neighbour's report beside the writer's own ("mijn buurvrouw Wendy
                # van Rooij heeft vorige week de lantaarnpaal al gemeld").
                if not _NEIGHBOUR_BEFORE_RE.search(own_text, max(0, m.start() - 25), m.start())
                for k in surname_keys(m["name"])
            ),
        )


# "ik ben priscilla zwiers van de kampweg 31": a name, then the writer's house.
_INTRODUCED_RE = re.compile(
    r"(?i)\b(?:ik[ \t]+ben|mijn[ \t]+naam[ \t]+is|my[ \t]+name[ \t]+is)[ \t]+"
    r"(?P<name>(?!de\b|het\b|een\b)[a-zà-ÿ'’-]{2,}(?:[ \t]+(?:van|de|der|den|ter|ten|el|al))*"
    r"[ \t]+[a-zà-ÿ'’-]{2,})[ \t]*,?[ \t]+(?:(?:van|aan|uit|op)[ \t]+(?:de|het)?[ \t]*)?"
    r"[a-zà-ÿ'’.-]{3,}[ \t]+[0-9]{1,5}\b"
)
_NEIGHBOUR_BEFORE_RE = re.compile(r"(?i)\bbuur(?:man|vrouw|en|meisje|jongen)\b")
# "(Meneer) Mohammad Al-Hassan heeft in januari een uitkering aangevraagd", "Marco Renckens
# heeft de aanvraag gedaan": a first name and surname, and the request they made.
_APPLICANT_RE = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][a-zà-ÿ]+(?:[ \t]+(?:van|de|der|den|ter|ten|el|al|van[ \t]+de"
    r"|van[ \t]+der|van[ \t]+den))*[ \t]+[A-Z][\w'’-]+)[ \t]+heeft\b[^.!?\n]{0,60}?\b"
    r"(?:aangevraagd|(?:de|een|het)[ \t]+(?:aanvraag|melding|verzoek)[ \t]+(?:gedaan|ingediend)"
    r"|gemeld|bezwaar[ \t]+(?:gemaakt|ingediend)|(?:een[ \t]+)?klacht[ \t]+ingediend)\b"
)


def _titles(text: str) -> list[str]:
    """The saint's titles a text writes short, written out: "heilige" of "Parochie H.
    Barbara", "sint" of "St. Jozef" (an organisation's name in the register has them in
    full)."""
    return [word for pattern, word in _SHORT_TITLES if pattern.search(text)]


_SHORT_TITLES = (
    # "Parochie H. Barbara", not the initial of "mevrouw H. Aydin".
    (
        re.compile(
            r"(?i:parochie|kerk|kapel|school|gilde|broederschap|stichting|de)[ \t]+"
            r"H\.[ \t]*(?=[A-Z][a-z]{3})"
        ),
        "heilige",
    ),
    (re.compile(r"\bSt\.?[ \t]*(?=[A-Z][a-z]{3})"), "sint"),
)


# A line of a signature: a name, a function, an address — a few words, not a sentence.
_SIGNATURE_LINE_RE = re.compile(r"[^\n.!?:;]{2,60}(?<![,:;])|.{0,60}\b[A-Z]\.[^\n!?,:;]{0,50}")
# A web form's fields for who sends it: "Naam: Dineke Bouwman", "Adres: Heideweg 2".
_FORM_FIELD_RE = re.compile(
    # A phone note's "Klant:", a web form's "Naam melder:".
    r"(?im)^[ \t]*(?:naam(?:[ \t]+(?:melder|aanvrager|indiener|klant))?|name|afzender|aanvrager"
    r"|indiener|beller|melder|klant|contactpersoon|adres"
    r"|straat(?:naam)?"
    r"(?:[ \t]+en[ \t]+huisnummer)?|huisnummer|postcode(?:[ \t]+en[ \t]+woonplaats)?)"
    r"[ \t]*:[ \t]*([^\n]{2,80}?)[ \t]*$"
)
# A sentence about someone else than the writer's household: their name and house are
# not the writer's ("Mijn buurman Sjoerd Wijnstra (nr. 12) is bezig met ...").
# Words that make a sentence about someone else than the writer's household: their
# name and house are not the writer's ("Mijn buurman Sjoerd Wijnstra (nr. 12) is bezig").
_OTHERS_RE = re.compile(
    r"\b(?:\w*buur(?:man|vrouw|meisje|jongen)?|\w*buren|naast|samen[ \t]met"
    r"|huisgeno(?:ot|te)|medebewoner|housemate|roommate|flatmate|neighbou?rs?|nachbar\w*"
    r"|zus|zuster|broer|zwager|schoonzus|collega|vriend(?:in)?|kennis|sister|brother"
    r"|friend"
    # "Henk is geen familie van Rudy Smit, die ook bij ons staat ingeschreven".
    r"|geen[ \t]+familie|niet[ \t]+te[ \t]+verwarren)\b",
    re.I,
)
# A sentence saying the other made the request the letter is about: "heeft ... al gemeld".
_MADE_BEFORE_RE = re.compile(
    r"(?i)\bheeft\b[^.!?\n]{0,60}?\b(?:gemeld|aangevraagd|ingediend|aangemeld"
    r"|bezwaar[ \t]+gemaakt|een[ \t]+klacht[ \t]+ingediend)\b"
)
# "... heeft iets gemeld over de stoeptegels, maar dit is iets anders": not theirs.
_CONTRAST_RE = re.compile(r"(?i)\b(?:maar|iets[ \t]+anders|los[ \t]+van|apart)\b")
# The end of a sentence: a stop after a word of five letters or more (not the stop of a
# title or an initial: "dhr. P. Dijkstra") or a bracket, a question or exclamation mark, a
# line end.
_SENTENCE_END_RE = re.compile(r"(?<=[^\W\d_]{5})\.|(?<=[)\]])\.|[!?\n]")


def _without_others(text: str) -> str:
    """``text`` with the sentences about a neighbour, a housemate or a sister blanked."""
    spans = []
    for m in _OTHERS_RE.finditer(text):
        ends_before = [e.end() for e in _SENTENCE_END_RE.finditer(text, 0, m.start())]
        start = ends_before[-1] if ends_before else 0
        after = _SENTENCE_END_RE.search(text, m.end())
        end = after.start() if after else len(text)
        sentence = text[start:end]
        if _MADE_BEFORE_RE.search(sentence) and not _CONTRAST_RE.search(sentence):
            # "Mijn buurvrouw, mevrouw Pieters van nummer 21, heeft vorige maand al
            # gemeld ...": the letter chases her case, and her name and house tell it.
            continue
        spans.append((start, end))
    if not spans:
        return text
    kept, pos = [], 0
    for start, end in spans:
        kept.append(text[pos:start] if start > pos else "")
        pos = max(pos, end)
    kept.append(text[pos:])
    return " ".join(kept)


_STREET_END_RE = re.compile(
    r"(?:straat|str\.?|weg|laan|plein|pad|dijk|kade|gracht|singel|hof|steeg|dreef|markt"
    r"|veld|ring|wei|erf|baan|park|wal|lei|hoeve|dam|berg|dal|oord|kamp|horst|oever|haven"
    # Kempen and Peel: "Heikant 31", "Hoogeind 12a", "Molenakker 4".
    r"|kant|eind|akker)$",
    re.I,
)
_NOT_STREETS = frozenset(
    {"nr", "nr.", "no", "no.", "nummer", "huisnummer", "postbus", "artikel", "art.", "bus"}
    | {"lijn", "kamer", "week", "dag", "pagina", "blz", "blz.", "bijlage", "punt", "fase"}
)


# A street anywhere in a letter, by how Dutch street names end ("in de mosselstraat").
_STREET_WORD_RE = re.compile(
    r"(?i)(?<![\w-])([^\W\d_][\w'’-]{2,}(?:straat|weg|laan|plein|hof|kade|pad|dijk|singel"
    r"|gracht|erf|esch|steeg|dreef|park|ring|wal|plantsoen|oord|kamp|brink|markt|gang))"
    r"(?![\w-])"
)


_TOKEN_RE = re.compile(r"[^\W\d_]+")
_SHORT_PARTICLES_RE = re.compile(r"(?i)\bv\.[ \t]?d\.|\bv/d\b")
_SKIPPED = frozenset({"mevrouw", "mevr", "mw", "heer", "dhr", "meneer", "de", "van", "der", "den"})


def _given_before(line: str) -> Iterator[tuple[str, list[str]]]:
    """Each word of ``line`` (plain) with the first names or initials that may stand before
    it: the word right before it, and before that capitalised words and initials, past
    titles and particles ("bij mevrouw J.M. Mensink": j, m; not "bij")."""
    # A form's or note's label is no first name ("Namens: mevrouw A. de Wit").
    if ":" in line:
        for part in line.split(":"):
            yield from _given_before(part)
        return
    # "theo v.d. ven": "van de", no initials V. and D.
    tokens = _TOKEN_RE.findall(_SHORT_PARTICLES_RE.sub(" van de ", line))
    for i, token in enumerate(tokens):
        given: list[str] = []
        for j in range(i - 1, max(-1, i - 5), -1):
            previous = tokens[j]
            if previous.lower() in _SKIPPED:
                continue
            named = previous[0].isupper() or len(previous) == 1
            if (given or j < i - 1) and not named:
                break
            given.extend(_plain_token(previous) or (previous.lower(),))
            # As written too: first names are compared unfolded ("trijn", not "tryn").
            given.extend(w for w in _unfolded_token(previous) if w not in given)
        for word in _plain_token(token):
            yield word, given


@lru_cache(maxsize=65536)  # the same words in every letter
def _plain_token(token: str) -> tuple[str, ...]:
    return tuple(plain_words(token))


@lru_cache(maxsize=65536)
def _unfolded_token(token: str) -> tuple[str, ...]:
    return tuple(unfolded_words(token))


def houses(text: str) -> list[tuple[str, str]]:
    """The houses a text names, street and number ("Molenweg 23", "st. gerardusstr 9"),
    and numbers without a street after "van nummer" ("", "21")."""
    houses = [
        (m[1], m[2])
        for m in _HOUSE_RE.finditer(text)
        if _street_like(m[1]) and not _YEAR_RE.fullmatch(m[2])
    ]
    # "mevrouw Pieters van nummer 21": a number in the street the letter is about.
    return houses + [("", m[1] or m[2]) for m in _NUMBER_ONLY_RE.finditer(text)]


_CAPITALISED_WORD_RE = re.compile(r"(?<![\w-])[A-Z][a-zà-ÿ]{3,}(?![\w-])")
_NUMBER_ONLY_RE = re.compile(
    r"(?i)(?:\b(?:van|op|naast|bij)[ \t]+|\()(?:nummer|nr\.?|huisnummer)[ \t]*([0-9]{1,4}[a-z]?)\b"
    # "Mijn buurman Dirk Hoekstra (nr 56)"; "I live on my own in flat 344 of the Mahler
    # tower".
    r"|\b(?:flat|apartment|appartement)[ \t]+(?:nr\.?[ \t]*|no\.?[ \t]*)?([0-9]{1,4}[a-z]?)\b"
)


def _street_like(word: str) -> bool:
    """Whether ``word`` before a number may be a street: capitalised or a street's ending,
    and not "nr." or "Postbus"."""
    if word.lower() in _NOT_STREETS:
        return False
    return word[0].isupper() or bool(_STREET_END_RE.search(word))


def _unquoted(text: str, senders: list[str]) -> str:
    """The writer's own words: quoted messages are the municipality's or anyone's, and
    their signatures (an employee, a neighbour) are not the writer's."""
    parts = layout(text, ("", senders[0] if senders else ""))
    kept, pos = [], 0
    for start, end in parts.quoted:
        kept.append(text[pos:start])
        pos = max(pos, end)
    kept.append(text[pos:])
    return "\n".join(kept)


def _sender_words(email: str) -> str:
    """An address's name and local part as words ("dorus.jongen@…" → "dorus jongen")."""
    name, address = parseaddr(email)
    return f"{name} {re.sub(r'[._+-]+', ' ', address.partition('@')[0])}"


def _domain_words(email: str) -> str:
    """An address's domain without its top level, as words ("poortpop" of
    "productie@poortpop.nl", "kade food market" of "events@kade-food-market.nl")."""
    domain = email.partition("@")[2].rsplit(".", 1)[0]
    return re.sub(r"[._-]+", " ", domain)


def organisation_domain_words(email: str) -> list[str]:
    """An address's domain as one word of five letters or more, plain and unfolded as
    organisations' words are kept ("strokartonfabriek" of "@strokartonfabriek.nl", and
    "feestfabriek" of "@defeestfabriek.nl"); not a part of one ("noord" of
    "@bouwadvies-noord.nl" names no organisation), nor a mail provider's ("@ziggo.nl")."""
    label = email.lower().partition("@")[2].rsplit(".", 1)[0].rpartition(".")[2]
    if label in MAIL_PROVIDERS or is_no_reply(email):
        return []
    # A part of a hyphenated domain only when long: "waalstroom" of
    # "@dewaalstroom-roeien.nl".
    # (not "bloemendijk" of "@degoudenbol-bloemendijk.nl": the town after the name).
    parts = [label] if label.isalpha() else [p for p in label.split("-")[:1] if len(p) >= 8]
    words = []
    for part in parts:
        if part.isalpha() and len(part) >= 5:
            words.append(part)
            if m := _ARTICLE_PREFIX_RE.fullmatch(part):
                words.append(m[1])
    return words


_ARTICLE_PREFIX_RE = re.compile(r"(?:de|het)([a-z]{5,})")


#: Domains people have their own mail at: no organisation's name.
MAIL_PROVIDERS = frozenset(
    {"gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "icloud", "me"}
    | {"ziggo", "kpnmail", "kpnplanet", "planet", "home", "xs4all", "telfort", "tele2"}
    | {"hetnet", "chello", "quicknet", "caiway", "solcon", "zeelandnet", "kabelfoon"}
    | {"gmx", "web", "t-online", "proton", "protonmail", "aol", "btinternet", "orange"}
    | {"skynet", "telenet", "online", "freeler", "upcmail", "casema", "mail"}
)


def _stems(text: str) -> set[str]:
    return {w[:6] for w in _WORD_RE.findall(text.casefold())} - _GENERIC_STEMS


def lookup_words(ids: Identifiers, letter: Letter) -> list[str]:
    """The words of the letter to look cases up by (as surnames and as words of
    organisations' names): those where the writer says who they are, then the names the
    text writes with a capital or a title ("mevrouw Wu"), first seen first."""
    words = dict.fromkeys(w for w in sorted(letter.own_words) if _name_like(w))
    for m in _CAPITALISED_RE.finditer(f"{ids.subject}\n{ids.text}"):
        words.update(dict.fromkeys(w for w in plain_words(m[1] or m[2]) if w in letter.words))
        if len(words) >= LOOKED_UP:
            break
    return [w for w in words if w not in NOT_SURNAMES][:LOOKED_UP]


def _name_like(word: str) -> bool:
    return len(word) >= 2 and word not in NOT_SURNAMES and word not in _SKIPPED


# A capitalised word of three letters or more, or a short surname after a title.
_CAPITALISED_RE = re.compile(
    r"(?<![\w@.])([A-Z][a-zà-ÿ'’]{2,})|(?i:mevrouw|mevr\.?|mw\.?|heer|dhr\.?|meneer|mr\.?|mrs\.?)"
    r"[ \t]+(?:[A-Z]\.[ \t]*)*([A-Z][a-z]{1,2})\b"
)


@dataclass(frozen=True)
class Weight:
    """What a case shares with a letter, and what it weighs."""

    details: tuple[str, ...]
    weight: int


def weigh(case: CaseRef, letter: Letter, party: Party) -> Weight | None:
    """What ``case`` shares with the letter, or None when its name is not in the letter or
    something rules it out."""
    if case.bsn and party.bsns and case.bsn not in party.bsns:
        return None
    if case.kvk and party.kvks and case.kvk not in party.kvks:
        return None
    # The firm the trade register knows the writer (or the client) by: another firm's case
    # is not theirs (a brass band's tattoo is not the veterans' day at the next house).
    if case.kvk and party.traded and case.kvk not in dict(party.traded):
        return None
    if (
        case.email
        and party.emails
        and case.email.lower() not in party.emails
        and not party.on_behalf
    ):
        return None
    organisation = is_organisation(case.name, case.kvk)
    named = (
        _organisation_named(case, letter)
        if organisation
        else _kin_named(case, letter) or _person_named(case, letter)
    )
    if named is None:
        named = _writes_from_site(case, letter, party)
    if named is None and not organisation:
        named = _first_name_at_street(case, letter, party)
    if organisation and (named is None or named[1] < 3):
        named = _signs_with_subject(case, letter) or named
    if named is None:
        return None
    if letter.forwarded and named[0][0] in (
        "surname named",
        "named as who asked",
        "written for",
        "organisation word",
    ):
        return None  # named only in a forwarded message, which may be anyone's
    details, weight = list(named[0]), named[1]
    if details[0] == "surname signs" and len(details) == 1:
        # "groet willemijn" from "wgvdberg@…": the first name apart from the surname.
        alone = [n for n in (*party.names, *party.first_names) if len(n.split()) == 1]
        if any(goes_by(case.name, n) for n in alone):
            details.append("first name")
            weight += 1
    postcode = (case.postcode or "").replace(" ", "").upper()
    at_postcode = bool(postcode) and postcode in letter.postcodes
    house = _house(case, letter)
    if house == "house number" and any(
        p == postcode and same_house(case.house_number, n, False) for p, n in party.placed
    ):
        # The street and number the address register places at the case's postcode: the
        # case's house itself, not a number that other streets have too.
        house = "the house in the address register"
    # The writer's own address counts against a person only where the writer is the
    # person: a letterhead's postcode is the installer's, not their client's.
    signs = details[0] == "surname signs"
    if not organisation and not party.on_behalf and _elsewhere(case, letter, party, signs):
        return None
    # Another of the family writing about the household's case ("mijn man heeft het al
    # gemeld"), at its house; not one asking for themselves ("nu voor mezelf").
    # Or someone writing for them ("Mijn moeder, mevrouw Wu (Reigerbosstraat 121-I)").
    street = not house and _subject_street(case, letter)
    # The house its subject names, street and number, is the household's whoever signs.
    family = not letter.for_self and (
        house == "the subject's house"
        or ((letter.household or party.on_behalf) and (at_postcode or bool(house) or street))
    )
    if "another first name" in details and (not family or _written_for_another(case, party)):
        return None
    if at_postcode:
        details.append("postcode")
        weight += 3
    if house:
        details.append(house)
        weight += 2 if house == "house number" else 3
    elif street:
        details.append("the subject's street")
        weight += 1
    shared = _stems(case.subject or "") & letter.stems
    if shared:
        details.append("subject")
        weight += min(2, len(shared))
    if _MADE_AS.get(case.case_type) in letter.made_before:
        # "Op 6 februari heb ik bezwaar gemaakt" beside an open bezwaar: the writer's own.
        details.append("made before")
        weight += 1
    if len(shared - _WEAK_STEMS - _stems(case.name or "")) >= 3:
        # Three words of what the case is about, none of them a month, the type's own name
        # or the party's ("Mergelrode" of a club named after its village): "Huishoudelijke
        # hulp, herindicatie" in a daughter's mail about her mother.
        details.append("subject in full")
        weight += 1
    return Weight(tuple(details), weight)


def _written_for_another(case: CaseRef, party: Party) -> bool:
    """Whether a letter written for someone names them with the case's surname but another
    initial ("mevrouw T. Oosterhuis-Mulder" is not Grietje Mulder): the one it is for is
    someone else than the case's person, whatever house the letter names."""
    keys = set(surname_keys(case.name or ""))
    return (
        party.on_behalf
        and any(keys & set(surname_keys(n)) for n in party.names)
        and not same_name(case.name, party.names)
        # "mevrouw N. Smeets" for Petronella Smeets, called Nel.
        and not goes_by_initial(case.name, party.names, whole_surname=False)
    )


def _elsewhere(case: CaseRef, letter: Letter, party: Party, signs: bool) -> bool:
    """Whether the writer, writing for themselves, lives elsewhere than the case's house:
    another house at its postcode (a neighbour), or, where the writer signs with the
    case's name, another postcode (a letterhead's postcode is the firm's, not its
    client's)."""
    postcode = (case.postcode or "").replace(" ", "").upper()
    # "ons woonhuis aan de Heereweg 88 (dus privé)" under the firm's postcode: the house the
    # writer calls theirs decides.
    home = any(_same_site(case, s, n) for s, n in party.streets)
    if signs and letter.postcodes and postcode not in letter.postcodes and not home:
        return True
    # The writer's own house ("Dahliastraat 18" under the name, "onze woning aan de
    # Heuvelkamp 32"), and it is not the case's, or on another street than its subject's.
    own = [*letter.own_houses, *party.streets]
    if signs and own and not any(_same_site(case, s, n) for s, n in own):
        return True
    return any(
        p == postcode and not same_house(case.house_number, n, False)
        for p, n in party.addresses
        if n
    )


def _same_site(case: CaseRef, street: str, number: str) -> bool:
    """Whether street and number may be the case's house: its number, and the street its
    subject names, if it names one."""
    if not same_house(case.house_number, number, True):
        return False
    streets = {_street_key(s) for s, _ in _sites(case)}
    return not streets or _street_key(street) in streets


def _person_named(case: CaseRef, letter: Letter) -> tuple[list[str], int] | None:
    keys = surname_keys(case.name or "")
    found = [k for k in keys if k in letter.words]
    if not found:
        return None
    own = any(k in letter.own_words for k in found)
    if own:
        details, weight = ["surname signs"], 2
    elif any(k in letter.applicants for k in found):
        details, weight = ["named as who asked"], 2
    elif any(k in letter.written_for for k in found):
        details, weight = ["written for"], 2
    else:
        details, weight = ["surname named"], 1
    written = {w for k in found for w in letter.before.get(k, ())}
    agree = [first_names_agree(case.name, f"{w} {found[0]}") for w in written if len(w) >= 2]
    given = given_names(case.name or "")
    initials = {w for w in written if len(w) == 1}
    if any(agree):
        details.append("first name")
        weight += 1
    elif given and (
        any(a is False for a in agree) or (initials and not initials & {g[0] for g in given})
    ):
        details.append("another first name")
    elif (
        not given
        and (known := {i.lower() for i in _INITIAL_RE.findall(case.name or "")})
        and (full := [w for w in written if len(w) >= 2])
        and not any(w[0].lower() in known for w in full)
    ):
        # "Rik Kuypers" signs, and the case is J.M. Kuijpers's: the initials tell.
        details.append("another first name")
    elif letter.for_self:
        return None  # asking for themselves, and nothing says the case is theirs
    return details, weight


def _kin_named(case: CaseRef, letter: Letter) -> tuple[list[str], int] | None:
    """The case's person named as the writer's relative, first name or initials agreeing
    ("Mijn moeder, mevrouw Willy Bosman" for Wilhelmina Geertruida Bosman-Takens): the
    letter says whom it is about, wherever the writer lives."""
    keys = set(surname_keys(case.name or ""))
    given = given_names(case.name or "")
    for name in letter.kin:
        if not keys & set(surname_keys(name)):
            continue
        initials = [i.lower() for i in _INITIAL_RE.findall(name)]
        if first_names_agree(case.name, name):
            return ["relative named", "first name"], 4
        if initials and given and [g[0] for g in given[: len(initials)]] == initials:
            return ["relative named", "initials"], 4
        # "mevrouw T. Kremer" for Geertruida Kremer-Oosting, called Truus.
        if goes_by_initial(case.name, [name], whole_surname=False):
            return ["relative named", "initials"], 4
    return None


_INITIAL_RE = re.compile(r"\b([A-Z])\.")


def _organisation_named(case: CaseRef, letter: Letter) -> tuple[list[str], int] | None:
    plain = {w for w in organisation_words(case.name) if len(w) >= 4}
    words = {fold_spelling(w) for w in plain}
    found = {w for w in words if w in letter.words or _written_apart(w, letter)}
    # "StayAmstel" for Stay Amstel Apartments B.V.: two words of its name written as one.
    sequence = [fold_spelling(w) for w in plain_words(case.name or "") if w in plain]
    found |= {w for a, b in pairwise(sequence) if a + b in letter.words for w in (a, b)}
    # "Jeroen Bosscher <jeroen@strokartonfabriek.nl>": the mail domain is the organisation's.
    town = town_at_end(case.name)
    # A long word only: "anker" of "@hetanker.nl" may be Anker Verhuur B.V. too.
    by_domain = {w for w in plain & letter.domains if len(w) >= 8 and fold_spelling(w) not in town}
    found |= {fold_spelling(w) for w in by_domain}
    if found:
        # Beside a word of its name, a compound of it shortened to its last part: "Hunebed
        # Classic" for Stichting Hunebed Fietsclassic.
        found |= {w for w in words - found if _shortened(w, letter.words)}
    if found and _abbreviated(case.name, letter.own_words):
        # "Stichting ICC Dommelrode" for Stichting Islamitisch Cultureel Centrum Dommelrode.
        found = {*found, "(abbreviation)"}
    if not found:
        return None
    # One word alone may be the village a club is named after ("Oranjevereniging
    # Lutjewier" in a letter about Lutjewier).
    if len(found) >= 3 and words <= found:
        # Every word of its name, in any order: "de gebroeders Mulderij van de houtzagerij"
        # for Houtzagerij Gebroeders Mulderij B.V.
        return ["organisation named in full"], 4
    if len(found) >= 2:
        return ["organisation named"], 3
    if by_domain:
        return ["mail domain spells its name"], 3
    if words <= found and found & letter.about_words:
        # Its whole name, as the one the writer works for: "In opdracht van De
        # Strokartonfabriek" for Stichting Cultuurcentrum De Strokartonfabriek.
        return ["organisation written for"], 3
    if found & letter.own_words:
        return ["organisation named in part"], 2
    return ["organisation word"], 1


def _shortened(word: str, words: frozenset[str]) -> bool:
    """Whether ``words`` hold the last part of the compound ``word``, five letters or more
    ("clasic" of "fietsclasic"), or its first part, also in the plural ("Wisse Oesters"
    for Oesterkwekerij Wisse V.O.F.); not a kind ("vereniging" of "muziekvereniging"),
    which every club's letter may write."""
    if len(word) < 9:
        return False
    for w in words:
        if len(w) < 5 or w in _KINDS_WRITTEN_ON:
            continue
        if len(word) - len(w) >= 3 and word.endswith(w):
            return True
        stem = w.removesuffix("en") if w.endswith("en") else w.removesuffix("s")
        if len(stem) >= 5 and len(word) - len(stem) >= 4 and word.startswith(stem):
            return True
    return False


def _written_apart(word: str, letter: Letter) -> bool:
    """Whether the letter writes a word of an organisation's name another way: its town
    without the adjective's ending ("Noordplas Boys" for Voetbalvereniging Noordplasser
    Boys, "Lindenrade Golf" for Lindenrader Golf- en Countryclub), or a compound as two
    words ("Country Club" for Countryclub)."""
    for end in ("er", "r", "se"):
        stem = word.removesuffix(end)
        if stem != word and len(stem) >= 5 and stem in letter.words:
            return True
    # "de aardappelzetmeelfabriek" for Coöperatie Aardappelzetmeel Veenhaven U.A.: the
    # name with its kind written on.
    if len(word) >= 6 and any(
        w.startswith(word) and w[len(word) :] in _KINDS_WRITTEN_ON for w in letter.words
    ):
        return True
    return any(
        word.endswith(last) and word[: -len(last)] in letter.before.get(last, ())
        for last in letter.words
        if 3 <= len(last) < len(word) - 2
    )


# Kinds an organisation's name is written onto, spelling folded as letters' words are.
_KINDS_WRITTEN_ON = frozenset(
    {"fabriek", "bedryf", "vereniging", "club", "stichting", "fonds", "winkel", "kerk"}
    | {"schol", "centrum", "huis", "groep", "coperatie", "bond", "kor"}
)


def _writes_from_site(case: CaseRef, letter: Letter, party: Party) -> tuple[list[str], int] | None:
    """Writing from the house its case's subject names and the register gives: an
    organisation under a trade name that is not its registered one ("Fresh Fade,
    Meerhovenlaan 61" for a barbershop's "Bedrijfsparkeervergunning Meerhovenlaan 61"), a
    wife under her married name ("ons huis aan de Brinkstraat 18" for Jannigje Bos's
    "Dakkapel voorzijde Brinkstraat 18")."""
    subject = {(_street_key(s), n.lower()) for s, n in _sites(case)}
    if not subject:
        return None
    if not is_organisation(case.name, case.kvk):
        # Someone else of the house signing ("Groet, Mila") may ask for themselves.
        firsts = [g for n in party.names if (g := given_name(n))] + list(party.first_names)
        if any(goes_by(case.name, f) is False for f in firsts):
            return None
    for street, number in (*letter.own_houses, *party.streets):
        if (_street_key(street), number.lower()) in subject and same_house(
            case.house_number, number, True
        ):
            return ["writes from the case's site"], 2
    return None


def _resident_site(case: CaseRef, letter: Letter) -> bool:
    """Whether the letter gives the person's house number and names the street their
    subject names without a number ("Straatfeest Mosselstraat" at number 29)."""
    named = set(subject_houses(case.subject))
    streets = {
        _street_key(s)
        for s, n in site_houses(case.subject, case.house_number)
        if (s, n) not in named
    }
    return (
        bool(streets)
        and any(_street_key(s) in streets for s in letter.streets)
        and any(same_house(case.house_number, n, True) for _, n in letter.houses)
    )


def _first_name_at_street(
    case: CaseRef, letter: Letter, party: Party
) -> tuple[list[str], int] | None:
    """A resident signing with a first name the person goes by, giving the person's house
    number and the street the case's subject names without a number ("lisa hier van nr
    29 ... ons straatfeest in de mosselstraat" for Lisa Marije Mulder's "Straatfeest
    Mosselstraat" at number 29). Not a writer who gives another surname ("Eva Bos" at
    "Parkweg 2" beside Eva Postma's "Straatfeest Parkweg"): a neighbour of the same name."""
    if not _resident_site(case, letter):
        return None
    # "Lotte V.", "Lotte (Bloemhof 5)": the first word a first name whatever follows.
    firsts = [g for n in party.names if (g := given_name(n) or _first_word(n))]
    if not any(goes_by(case.name, f) for f in (*firsts, *party.first_names)):
        return None
    surnames = set(surname_keys(case.name or ""))
    if any(not keys & surnames for keys in written_surnames(party)):
        return None
    return ["first name at the subject's street"], 3


def _first_word(name: str) -> str | None:
    words = _TOKEN_RE.findall(name)
    return words[0] if words and len(words[0]) >= 2 else None


def written_surnames(party: Party) -> list[set[str]]:
    """The surname keys of each name the writer gives with a first name and a surname
    ("bart roos"; not "Emily HC", whose initials are no surname, nor "Bas van", nor the
    double first name "gerrit jan", nor "Bas & Ellen", two first names)."""
    return [
        keys
        for name in party.names
        if given_name(name) and not _TWO_PEOPLE_RE.search(name)
        if (keys := {k for k in surname_keys(name) if len(k) >= 3} - KNOWN_FIRST_NAMES)
    ]


_TWO_PEOPLE_RE = re.compile(r"(?i)&|\b(?:en|and|und)\b")


def _signs_with_subject(case: CaseRef, letter: Letter) -> tuple[list[str], int] | None:
    """An organisation whose mail comes from the name of the event or project its case is
    about ("Poortpop productie <productie@poortpop.nl>" for Stichting Buurtfestival
    Ankerpoort's "Poortpop 13 juni 2026"): the trade name it goes by. Only the sender
    counts, a signature's town may be a word of anyone's subject; and only a name the
    organisation's own does not hold ("Mergelrode" of Carnavalsvereniging De
    Mergelkuulkes Mergelrode's "Carnaval Mergelrode" is its town)."""
    names = subject_names(case.subject) - {fold_spelling(w) for w in organisation_words(case.name)}
    if names & letter.sender_words:
        return ["sends as its subject's name"], 3
    return None


def _abbreviated(case_name: str | None, words: frozenset[str]) -> bool:
    """Whether ``words`` hold the initials of the case's name, or of its words but the
    last (a place: "icc" of Islamitisch Cultureel Centrum Dommelrode), three or more."""
    initials = organisation_abbreviation(case_name)
    shorts = (initials, initials[:-1], initials[1:])  # letters folded as the words are
    return any(len(a) >= 3 and fold_spelling(a) in words for a in shorts)


def _house(case: CaseRef, letter: Letter) -> str | None:
    """How the letter gives the case's house: the street and number its subject names, or
    the number with a street."""
    subject = {(_street_key(s), n.lower()) for s, n in _sites(case)}
    if any((_street_key(s), n.lower()) in subject for s, n in letter.houses):
        return "the subject's house"
    if case.house_number and any(same_house(case.house_number, n, True) for _, n in letter.houses):
        return "house number"
    return None


def _subject_street(case: CaseRef, letter: Letter) -> bool:
    """Whether the letter names the street of the house the case's subject names, without
    its number ("voor ons huis aan de Kerkstraat" for "Verzakte stoeptegels voor
    Kerkstraat 17")."""
    streets = [street for street, _ in subject_houses(case.subject)]
    # "Overhangende takken en gat in wegdek Eppenwierderweg": a street without a number.
    streets += [
        w for w in _CAPITALISED_WORD_RE.findall(case.subject or "") if _STREET_END_RE.search(w)
    ]
    return any(words[-1] in letter.words for street in streets if (words := plain_words(street)))


def _sites(case: CaseRef) -> list[tuple[str, str]]:
    """The houses a case is about (:func:`~mailroom.cases.names.site_houses`); a street
    without a number with the case's own number only for an organisation, whose address
    is its site ("Overhangende takken toegangspad Barbarahof" of a care home at number 1).
    A person may report a street they do not live on, and a namesake at that number is
    another person."""
    own = case.house_number if is_organisation(case.name, case.kvk) else None
    return site_houses(case.subject, own)


def _street_key(street: str) -> str:
    words = plain_words(street)
    return words[-1][:6] if words else ""


def best(
    cases: Iterable[CaseRef], letter: Letter, party: Party, judged: frozenset[str] = frozenset()
) -> tuple[CaseRef, Weight] | None:
    """The case the letter weighs for most, where it weighs enough and clearly more than
    the next; None otherwise. ``judged``: cases the party's identifiers found, which the
    rules have weighed already (a household member at the case's house is not its party)."""
    weighed = sorted(
        (
            (w, c)
            # An organisation's case the rules passed over at its own address may still
            # be named in the letter in a way they do not read ("Brassband Eendracht
            # Kleiwerd" for Christelijke Muziekvereniging Eendracht Kleiwerd).
            for c in {
                c.number: c
                for c in cases
                if c.number not in judged or is_organisation(c.name, c.kvk)
            }.values()
            if (w := weigh(c, letter, party)) is not None
        ),
        key=lambda wc: wc[0].weight,
        reverse=True,
    )
    if not weighed or weighed[0][0].weight < NEEDED:
        return None
    if len(weighed) > 1 and weighed[1][0].weight > weighed[0][0].weight - LEAD:
        return None
    weight, case = weighed[0]
    return case, weight


def describe(weight: Weight) -> str:
    """The reason recorded for a case found by weighing."""
    return f"weighed: {', '.join(weight.details)} (weight {weight.weight})"
