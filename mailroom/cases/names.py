"""People's names: whether a line reads as one, and whether two names are one person.

Names are compared by surname and first initial, the way Dutch post writes them
("J.H. Brinkman", "Jan Brinkman", "dhr. Brinkman"), without accents, titles and
tussenvoegsels. A double surname ("Jansen-Kok", "de Vries-Bakker") is known by
either part, because people sign with one of them as often as with both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

__all__ = [
    "KNOWN_FIRST_NAMES",
    "NameParts",
    "abbreviated",
    "as_name",
    "email_spells",
    "fold_spelling",
    "given_name",
    "goes_by",
    "goes_by_initial",
    "has_legal_form",
    "indexed_words",
    "is_full_name",
    "is_no_reply",
    "is_organisation",
    "key_guesses",
    "misspelled_name",
    "names_organisation",
    "names_organisation_by_words",
    "organisation_abbreviation",
    "organisation_words",
    "other_surname_key",
    "resident_street_key",
    "same_first_name",
    "same_full_name",
    "same_initials",
    "same_name",
    "same_organisation",
    "short_forms",
    "split_names",
    "subject_house_key",
    "subject_houses",
    "subject_names",
    "surname_key",
    "surname_keys",
    "town_at_end",
    "unfolded_words",
    "without_municipality",
]

_NAME_WORD_RE = re.compile(r"[^\W\d_][\w.'’-]*")
# Lower-case words a Dutch name may contain: particles ("van der"), titles ("mr.").
_NAME_PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ter", "ten", "te", "op", "in", "'t", "la", "le", "du"}
    | {"da", "von", "mr.", "dr.", "drs.", "ir.", "ing.", "prof."}
    | {"dhr.", "mevr.", "mw.", "mevrouw", "meneer", "heer", "fam.", "familie", "wed."}
    | {"v.", "v.d.", "vd", "v/d"}
)
# First words of lines that look like names but name a department or a label.
_NOT_NAMES = frozenset(
    {"gemeente", "team", "afdeling", "cluster", "college", "ministerie", "dienst", "postbus"}
    | {"antwoordnummer", "t.a.v.", "tav", "bijlage", "bijlagen", "telefoon", "tel", "tel."}
    | {"mobiel", "e-mail", "email", "website", "kvk", "iban", "bsn", "verzonden", "sent"}
)
# Words of an informal sentence under a closing, which is then no lower-case name.
_COMMON_WORDS = frozenset(
    {"ik", "je", "jij", "u", "we", "wij", "het", "een", "is", "ben", "zijn", "hoor", "graag"}
    | {"dank", "bedankt", "alvast", "groet", "groeten", "voor", "met", "en", "of", "dat"}
    | {"niet", "wel", "nog", "ook", "maar", "als", "tot", "dan", "zo", "snel", "gauw", "dag"}
    | {"verzonden", "vanaf", "mijn", "iphone", "android", "outlook", "sent", "from", "my"}
    | {"aan", "iedereen", "allen", "allemaal", "jullie", "uit", "weer", "even"}
)
# Words that make a name an organisation's.
_ORGANISATION_RE = re.compile(
    r"(?i)\b(?:b\.?v\.?|n\.?v\.?|v\.?o\.?f\.?|c\.?v\.?|stichting|vereniging|holding|groep"
    r"|gemeente|zorg|bouw|installatie\w*|advies|beheer|diensten|services?|en zn\.?"
    r"|techniek|transport|onderhoud|zuivel|catering|makelaardij|fysiotherapie"
    # Trades and places a business is run in ("Strandpaviljoen De Branding").
    r"|strandpaviljoen|paviljoen|strandtent|horeca|theater|museum|supermarkt|apotheek"
    r"|manege|jachthaven|drukkerij|kwekerij|camping|vakantiepark|recreatiepark|bungalowpark"
    r"|hotel|restaurant|eetcaf[eé]|caf[eé]"
    r"|bakkerij|slagerij|kapsalon|garage|autobedrijf"
    # Offices writing for clients ("Bewindvoering Kustlijn", "Notariskantoor Wiersma").
    r"|bewindvoering|budgetbeheer|notariskantoor|notarissen|advocaten|advocatenkantoor"
    r"|accountants|administratiekantoor)(?!\w)|&"
)
# "Lars en Eline Mulder", "Jan de Vries & Marie Jansen": two people signing together.
_COUPLE_RE = re.compile(r"[ \t]+(?:en|&|\+)[ \t]+")


def as_name(candidate: str, min_words: int = 2, lower_case: bool = False) -> str | None:
    """``candidate`` with normalised whitespace if it reads as one person's name.

    ``lower_case``: also "anouk verbeek", as informal email signs (only where a name is
    expected: under a closing), as long as no word is a common Dutch word.
    """
    # "H. (Riet) de Vries-Bakker": the name people call someone by, in brackets.
    words = re.sub(r"\([^()]*\)", " ", candidate).split()
    if not min_words <= len(words) <= 5 or any(c.isdigit() for c in candidate):
        return None
    if words[0].lower() in _NOT_NAMES:
        return None
    if lower_case and all(w.islower() for w in words):
        if len(words) > 3 or any(w in _COMMON_WORDS or w[-1] in ".,!?:" for w in words):
            return None
        if all(w in _NAME_PARTICLES or _NAME_WORD_RE.fullmatch(w) for w in words):
            return " ".join(words)
        return None
    for word in words:
        if word.lower() not in _NAME_PARTICLES and not (
            _NAME_WORD_RE.fullmatch(word) and word[0].isupper()
        ):
            return None
    return " ".join(words) if any(w[0].isupper() for w in words) else None


def is_full_name(name: str) -> bool:
    """Whether ``name`` reads as a person's first name (or initials) and surname."""
    return bool(split_names(name, 2)) and not _ORGANISATION_RE.search(name)


def split_names(candidate: str, min_words: int = 2, lower_case: bool = False) -> list[str]:
    """The names in a signature line: one, or two for a couple ("Lars en Eline Mulder")."""
    parts = _COUPLE_RE.split(candidate.strip(), maxsplit=1)
    if len(parts) == 1 or _ORGANISATION_RE.search(candidate.replace("&", "")):
        # "Traplift & Zorg Midden BV" is one organisation, not a couple.
        name = as_name(candidate, min_words, lower_case)
        return [name] if name else []
    first, second = parts
    second_name = as_name(second, 2, lower_case)
    if second_name is None:
        return []
    if len(first.split()) == 1:  # "Lars en Eline Mulder": Lars shares the surname
        first = f"{first} {' '.join(second_name.split()[1:])}"
    first_name = as_name(first, 2, lower_case)
    return [n for n in (first_name, second_name) if n]


_TITLES = frozenset(
    {"dhr", "heer", "mevr", "mevrouw", "mw", "mr", "dr", "ir", "ing", "drs", "prof", "fam"}
    | {"familie", "weduwe", "wed"}
)
#: Tussenvoegsels and articles: part of a surname, never a first name.
_PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ten", "ter", "te", "op", "in", "t", "la", "le"}
    | {"el", "al", "bin", "ben"}
)


#: Family names that Vietnamese and Chinese names put first ("Nguyen Van Minh"); a name
#: opening with one is also known by it.
FAMILY_NAMES_FIRST = frozenset(
    {"nguyen", "tran", "pham", "huynh", "hoang", "phan", "dang", "bui", "duong", "ngo"}
    | {"wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "zhou"}
)
# The accents of Spanish surnames ("García", "López", "Muñoz").
_SPANISH_ACCENT_RE = re.compile(r"[áéíóúñÁÉÍÓÚÑ]")
#: Words joining the two surnames of Portuguese and Spanish names ("Ferreira da Silva").
IBERIAN_JOINS = frozenset({"da", "das", "do", "dos", "del", "y", "e"})


# "S. v. Wijngaarden", "J. v.d. Berg": abbreviated tussenvoegsels, not initials.
_SHORT_PARTICLE_RE = re.compile(r"\bv\.[ \t]*d\.?(?=[ \t]|$)|\bvd\b|\bv\.(?=[ \t])")


@lru_cache(maxsize=8192)  # the same few names are compared with every candidate
def _plain(name: str) -> str:
    name = _SHORT_PARTICLE_RE.sub(" van ", name)  # lower-case only: "V." is an initial
    # "van 't Westeinde": the article, not an initial T.; "Yılmaz" is written "Yilmaz".
    name = _ARTICLE_RE.sub(" het ", name).translate(_LETTERS_WITHOUT_DECOMPOSITION)
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def plain_words(text: str) -> list[str]:
    """The words of ``text`` as names are compared: plain, spellings folded ("Müller" and
    "Mueller" are "muller")."""
    return [fold_spelling(w) for w in unfolded_words(text)]


def unfolded_words(text: str) -> list[str]:
    """The words of ``text`` plain (lower case, without accents), spellings as written:
    first names as :func:`goes_by` compares them ("Trijn" for Trijntje, not "tryn")."""
    plain = _ARTICLE_RE.sub(" het ", text).translate(_LETTERS_WITHOUT_DECOMPOSITION)
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode().lower()
    return [w for w in re.split(r"[^a-z]+", plain) if len(w) >= 2]


_ARTICLE_RE = re.compile(r"(?<![\w])['’‘`]t(?![\w])")
# Letters NFKD does not take apart into a base letter and an accent.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans(
    {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
     "æ": "ae", "Æ": "Ae", "œ": "oe", "ß": "ss"}
)  # fmt: skip


# "García y López": the joining "y" is no initial Y.
_JOIN_RE = re.compile(r"(?<=[a-z]{2})[ \t]+(?:y|e)[ \t]+(?=[a-z]{2})")


def _tokens(name: str) -> list[str]:
    """The words and initials of a name, plain, without titles."""
    plain = _JOIN_RE.sub(" ", _plain(name))
    return [t for t in re.split(r"[^a-z]+", plain) if t and t not in _TITLES]


# A legal form closing an organisation's name (lower case: after _plain).
_TRAILING_LEGAL_FORM_RE = re.compile(
    r"[ \t]+(?:b\.?[ ]?v\.?|n\.?[ ]?v\.?|v\.?o\.?f\.?|c\.?v\.?|(?:en|&)[ ]zn\.?)[ \t]*$"
)


# A family name in capitals before a given name in lower case: "GEBREMARIAM Tesfay",
# "YILMAZ Fatma" (not "RKSV Dommelvaart", an abbreviation, nor a name all in capitals).
_CAPITAL_SURNAME_RE = re.compile(
    r"[ \t]*((?:[^\W\d_a-z]{2,}[ \t-]+)*[^\W\d_a-z]{4,})"
    r"[ \t]+[^\W\d_][^\W\d_A-Z]+(?:[ \t]+[^\W\d_][^\W\d_A-Z]+)?[ \t]*$"
)


def fold_spelling(word: str) -> str:
    """A plain (lower-case) name as its spellings meet: "uij" and "uy" written "ui"
    ("Kuijpers", "Kuypers" and "Kuipers"; "de Bruijn", "de Bruyn" and "de Bruin"), "ij"
    written "y" ("Sijtsma" and "Sytsma"), doubled letters once ("Al-Hassan" and
    "Alhasan"), an Arabic article written onto the name left off ("Elamrani" for "El
    Amrani", where the article is a particle anyway), a German umlaut written out or
    left off ("Mueller" and "Müller", read "muller"; "Schaefer" and "Schäfer", read
    "schafer"; Dutch writes "Maes" for Maas too)."""
    word = _UY_RE.sub("ui", word.replace("uij", "ui")).replace("ij", "y")
    word = word.replace("ue", "u").replace("ae", "a")
    word = _DOUBLED_RE.sub(r"\1", word)
    return word[2:] if _GLUED_ARABIC_ARTICLE_RE.match(word) else word


_DOUBLED_RE = re.compile(r"(.)\1+")
# "Buys", "Kuypers", "de Bruyn": the old spelling of "ui"; not "Nguyen".
_UY_RE = re.compile(r"uy(?![aeiou])")
# "elamrani", "alhasan", "elidrissi", "alkhatib"; not "alberts", "elzinga", "elshout".
_GLUED_ARABIC_ARTICLE_RE = re.compile(r"(?:al|el)[aeiouhkr][a-z]{4,}")


@lru_cache(maxsize=8192)  # matching compares the same few names with every candidate
def surname_keys(name: str) -> tuple[str, ...]:
    """The parts of the surname, lower-cased without accents and particles:
    "Hendrika de Vries-Bakker" → ("vries", "bakker"), "Jansen, J." → ("jansen",)."""
    caps = _CAPITAL_SURNAME_RE.match(name)
    if caps and re.search("[AEIOUY]", caps[1]) and not _ORGANISATION_RE.search(name):
        # "GEBREMARIAM Tesfay": the family name in capitals, first, as on a passport (an
        # abbreviation has no vowel: "RKSV Dommelvaart").
        family = re.split(r"[^a-z]+", _plain(caps[1]))
        return tuple(fold_spelling(p) for p in family if len(p) > 1 and p not in _PARTICLES)
    plain = _plain(name)
    if "," in plain:  # "Jansen-Kok, A.": the surname stands first
        plain = plain.split(",")[0]
    # "Café De Veerpont V.O.F." is keyed as "Café De Veerpont", the way letters write it.
    # "Van Strien & Zn. B.V.": both forms go.
    while (bare := _TRAILING_LEGAL_FORM_RE.sub("", plain)) != plain:
        plain = bare
    words = [w.strip(".'’()\"") for w in plain.split()]
    # "SV Hesselerveld '58": a year is no part of a name.
    words = [w for w in words if w and w not in _TITLES and re.search(r"[a-z]", w)]
    # Initials after the surname; a particle the name was cut off before ("Yilmaz de").
    while words and (len(words[-1].replace(".", "")) <= 1 or words[-1] in _PARTICLES):
        words.pop()
    group: list[str] = []
    for word in reversed(words):
        # Walk back over "de", "van den" and a double name spread over words ("Berg-de
        # Jong"), but not over a double first name ("Jan-Willem de Groot").
        joined = word.endswith("-") or word.split("-")[-1] in _PARTICLES
        if group and not (word in _PARTICLES or joined or group[-1].startswith("-")):
            break
        group.append(word)
    rest = words[: len(words) - len(group)]
    # "Tomás Ferreira da Silva", "García y López": two surnames joined, people go by the
    # first (a given name stands before them).
    if len(rest) >= 3 and rest[-1] in IBERIAN_JOINS and rest[-2] not in _PARTICLES:
        group.append(rest[-2])
    elif (
        len(rest) >= 2
        and len(group) == 1
        and rest[-1] not in _PARTICLES
        and _SPANISH_ACCENT_RE.search(" ".join(name.split()[-2:]))
    ):
        # "María del Carmen García López", "José García López": two Spanish surnames without
        # a join, and people go by the first; told by an accent in one of them (a Dutch
        # "Jan Willem Hendriks" has none).
        group.append(rest[-1])
    if rest and rest[0] in FAMILY_NAMES_FIRST:
        group.append(rest[0])  # "Nguyen Van Minh": the family name first
    parts = (p for w in reversed(group) for p in re.split(r"[^a-z]+", w))
    return tuple(
        dict.fromkeys(fold_spelling(p) for p in parts if len(p) > 1 and p not in _PARTICLES)
    )


def surname_key(name: str | None) -> str | None:
    """The key a case is looked up by: the first part of the surname."""
    keys = surname_keys(name or "")
    return keys[0] if keys else None


def other_surname_key(name: str | None) -> str | None:
    """The key of a double surname's other part ("bakker" for "H. de Vries-Bakker"), by
    which a case is also looked up; None for a single surname."""
    keys = surname_keys(name or "")
    return keys[-1] if len(keys) > 1 else None


@dataclass(frozen=True)
class NameParts:
    """A name reduced to what identifies a person: surname parts and first initial."""

    surnames: tuple[str, ...]
    first: str | None

    @classmethod
    @lru_cache(maxsize=8192)  # a pure function of the name
    def of(cls, name: str) -> NameParts | None:
        """None when no surname is left after titles, initials and particles."""
        surnames = surname_keys(name)
        if not surnames:
            return None
        tokens = _tokens(name)
        # "Tjon-A-Fong": a letter inside a hyphenated surname is no initial.
        initials = [t for t in _tokens(_HYPHEN_RE.sub("", name)) if len(t) == 1]
        words = [t for t in tokens if len(t) > 1 and t not in _PARTICLES]
        given = [w for w in words if fold_spelling(w) not in surnames]
        first = initials[0] if initials else (given[0][0] if given else None)
        full = [t for t in tokens if len(t) > 1]
        if not initials and len(full) >= 3 and fold_spelling(full[0]) in FAMILY_NAMES_FIRST:
            # "Nguyen Thi Lan", "Nguyen Van Minh": the given name comes last, after a middle
            # name (a Vietnamese "Van" is no tussenvoegsel).
            first = full[-1][0]
        if (
            given
            and initials
            and initials[0] in tokens
            and tokens.index(given[0]) < tokens.index(initials[0])
        ):
            # "Kevin Tjon A Fong", "Jan P. de Vries": the first name written out comes first.
            first = given[0][0]
        # "Th.G.M. Lammertink": Latin initials are written with two or three letters.
        if (lead := _LEADING_INITIAL_RE.match(_TITLE_LEAD_RE.sub("", name))) is not None:
            first = _plain(lead[1])
        return cls(surnames, first)


_HYPHEN_RE = re.compile(r"(?<=\w)-(?=\w)")
_TITLE_LEAD_RE = re.compile(
    r"(?i)^[ \t]*(?:(?:dhr|mevr|mw|mr|dr|ir|ing|drs|prof|fam|de[ \t]+heer|mevrouw)\.?[ \t]+)+"
)
_LEADING_INITIAL_RE = re.compile(r"[ \t]*([A-Z])(?:h|hr|oh)?\.")


# The names Dutch people go by and the baptismal names a register holds ("Kees" for
# Cornelis): a first initial that differs agrees through them.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "kees": ("cornelis",), "hans": ("johannes",), "jan": ("johannes",), "joop": ("johannes",),
    "jo": ("johannes", "johanna"), "henk": ("hendrik", "hendrikus", "henricus"),
    "hein": ("hendrik",), "driek": ("hendrik",), "harrie": ("henricus", "hendrikus"),
    "piet": ("pieter", "petrus"), "riet": ("maria", "hendrika"), "ria": ("maria", "adriana"),
    "marieke": ("maria",), "gerrit": ("gerardus",),
    "wim": ("willem", "wilhelmus"),
    "koos": ("jacobus", "jacob"), "alie": ("albertje", "aaltje", "alida"),
    "sjaak": ("jacobus", "izaak"), "kobus": ("jacobus",),
    "toon": ("antonius",),
    "teun": ("antonius",), "ton": ("antonius",), "bep": ("elisabeth", "bertha"),
    "lies": ("elisabeth",),
    "mien": ("wilhelmina", "willemina"), "toos": ("catharina", "antonia"),
    "greet": ("margaretha", "margaretta"), "griet": ("margaretha", "grietje"),
    # Frisian: Gryt for Grietje, Piter for Pieter.
    "gryt": ("grietje", "margaretha"), "grytsje": ("grietje", "margaretha"),
    "piter": ("pieter",),
    "margriet": ("margaretha",), "wilma": ("wilhelmina", "willemina"), "marja": ("maria",),
    "lot": ("charlotte",), "lotte": ("charlotte",), "anja": ("anna",),
    "nel": ("petronella", "pieternella", "cornelia"), "ans": ("johanna",), "joke": ("johanna",),
    "jos": ("josephus", "jozef", "jozephus"), "sjef": ("josephus", "jozef"),
    "rien": ("marinus",), "rinus": ("marinus",),
    "tinus": ("martinus",), "thijs": ("matthijs", "mattheus"), "guus": ("augustinus", "gustaaf"),
    "door": ("dorothea", "theodora"), "bas": ("bastiaan", "sebastiaan"), "bram": ("abraham",),
    "klaas": ("nicolaas",), "huub": ("hubertus",), "dirk": ("theodorus",), "ad": ("adrianus",),
    "frans": ("franciscus",), "bert": ("albertus", "lambertus", "hubertus"), "dries": ("andreas",),
    "gijs": ("gijsbertus",), "ben": ("bernardus", "bernhard"), "leo": ("leonardus",),
    "janus": ("adrianus", "johannes"), "karin": ("catharina",), "kitty": ("catharina",),
    "stijn": ("constantijn",), "ank": ("anna", "anne"), "anneke": ("anna",),
    "theo": ("theodorus",), "thea": ("theodora", "dorothea"),
    "riek": ("hendrika",), "rika": ("hendrika",),
    "inge": ("ingrid",), "corry": ("cornelia",), "corrie": ("cornelia",),
    "lenie": ("helena", "magdalena"), "leni": ("helena", "magdalena"),
    "lena": ("helena", "magdalena"), "leen": ("helena",), "cor": ("cornelis", "cornelia"),
    "gerda": ("gerharda", "geertruida"), "truida": ("geertruida",), "trees": ("theresia",),
    "miep": ("maria", "wilhelmina"), "mia": ("maria",), "betsie": ("elisabeth",),
    "lisa": ("elisabeth",), "ina": ("wilhelmina", "hendrina"), "jopie": ("johanna",),
    "har": ("henricus",), "henny": ("hendrika", "hendrikus"), "rik": ("hendrik",),
    "arie": ("adrianus",), "aad": ("adrianus",), "jaap": ("jacob", "jacobus"),
    "co": ("jacoba", "jacobus", "cornelis"), "coba": ("jacoba",), "cobie": ("jacoba",),
    "ko": ("jacobus",), "sjaan": ("johanna", "adriana"), "janny": ("johanna", "adriana"),
    "janna": ("johanna", "adriana"), "jaan": ("johanna", "adriana"),
    "hanneke": ("johanna",), "trien": ("catharina",),
    "tiny": ("christina", "martina", "hubertina", "albertina"),
    "els": ("elisabeth",), "liesbeth": ("elisabeth",), "betty": ("elisabeth",),
    "mies": ("maria",), "wil": ("wilhelmina", "wilhelmus"), "willy": ("wilhelmina",),
    "geert": ("gerardus", "gerrit"),
    "dien": ("berendina", "bernardina", "geradina", "gerardina", "hendrina"),
    "dini": ("berendina", "bernardina", "geradina", "gerardina", "hendrina"),
    "dinie": ("berendina", "bernardina", "geradina", "gerardina", "hendrina"),
    # Limburg and Brabant: "Sjeng" for Jean, "Bèr" for Lambertus, "Wiel" for Wilhelmus.
    "sjeng": ("jean", "johannes", "eugene"), "ber": ("lambertus", "albertus", "hubertus"),
    "wiel": ("wilhelmus",), "sjra": ("gerardus",), "lei": ("leonardus",),
    "zjef": ("josephus", "jozef"), "sjors": ("georgius",), "huib": ("hubertus",),
    "truus": ("geertruida", "gertruda", "gertrudis"), "fien": ("josephina", "josefina"),
    # Polish: "Ola" for Aleksandra, "Tomek" for Tomasz, "Gosia" for Małgorzata.
    "ola": ("aleksandra",), "kasia": ("katarzyna",), "gosia": ("malgorzata",),
    "tomek": ("tomasz",), "basia": ("barbara",), "asia": ("joanna",), "ania": ("anna",),
    "kuba": ("jakub",), "wojtek": ("wojciech",), "bartek": ("bartlomiej",),
    "magda": ("magdalena",), "ela": ("elzbieta",), "zosia": ("zofia",),
    "hanny": ("johanna",), "hannie": ("johanna",), "hanna": ("johanna",),
    # English: "Maggie" for Margaret, "Bill" for William.
    "maggie": ("margaret",), "meg": ("margaret",), "peggy": ("margaret",),
    "bill": ("william",), "will": ("william",), "bob": ("robert",), "rob": ("robert",),
    "liz": ("elizabeth",), "beth": ("elizabeth",), "jim": ("james",),
    "kate": ("catherine", "katherine"), "sue": ("susan",), "tony": ("anthony",),
    "mike": ("michael",), "dick": ("richard",), "ted": ("edward",),
    "olly": ("oliver",), "ollie": ("oliver",), "alex": ("alexander", "alexandra"),
    # Italian and Spanish: "Beppe" for Giuseppe, "Pepe" for José, "Paco" for Francisco.
    "beppe": ("giuseppe",), "peppe": ("giuseppe",), "pino": ("giuseppe",),
    "gigi": ("luigi",), "nino": ("antonino", "giovanni"), "sandro": ("alessandro",),
    "pepe": ("jose",), "paco": ("francisco",), "pancho": ("francisco",),
    "nacho": ("ignacio",), "lola": ("dolores",), "lupe": ("guadalupe",),
    "manolo": ("manuel",), "quique": ("enrique",), "chema": ("jose",),
    "peppino": ("giuseppe",), "toto": ("salvatore",),
    "mimmo": ("domenico",), "enzo": ("vincenzo", "lorenzo"), "gianni": ("giovanni",),
    # More Dutch: "Freek" for Frederik, "Mieke" and "Mien" for Wilhelmina, "Ruud" for
    # Rudolf.
    "freek": ("frederik", "fredericus", "frederikus"), "frits": ("frederik", "fredericus"),
    "fred": ("frederik", "fredericus", "alfred"), "ruud": ("rudolf", "rudolphus"),
    "rudy": ("rudolf", "rudolphus"), "rudi": ("rudolf", "rudolphus"),
    "dolf": ("rudolf", "adolf"), "joost": ("justus",), "lex": ("alexander",),
    "sander": ("alexander",), "harm": ("hermanus", "harmen"), "manus": ("hermanus",),
    "pim": ("willem", "wilhelmus"), "loek": ("lodewijk", "lucas"), "wout": ("wouter",),
    "jet": ("henriette", "henrietta"), "jetty": ("henriette", "henrietta"),
    "tineke": ("christina", "martina", "catharina"),
    "nelly": ("petronella", "pieternella", "cornelia"),
    "nellie": ("petronella", "pieternella", "cornelia"), "netty": ("antonetta", "antonia"),
    "mieke": ("maria", "wilhelmina"), "miek": ("maria", "wilhelmina"),
    "marjan": ("maria",), "marijke": ("maria",), "rina": ("catharina", "hendrina"),
    "dora": ("theodora", "dorothea"), "doortje": ("dorothea",), "annie": ("anna", "johanna"),
    # English: "Tom" for Thomas, "Jack" for John.
    "tom": ("thomas",), "tommy": ("thomas",), "jack": ("john",), "johnny": ("john",),
    "harry": ("henry", "harold"), "sam": ("samuel", "samantha"), "dan": ("daniel",),
    "danny": ("daniel",), "dave": ("david",), "steve": ("stephen", "steven"),
    "nick": ("nicholas",), "matt": ("matthew",), "andy": ("andrew",), "pat": ("patrick",),
    "jenny": ("jennifer",), "becky": ("rebecca",), "sally": ("sarah",), "vicky": ("victoria",),
    # German: "Sepp" for Josef, "Fritz" for Friedrich.
    "sepp": ("josef",), "fritz": ("friedrich",), "franz": ("franziskus",),
    "willi": ("wilhelm",), "uschi": ("ursula",), "gabi": ("gabriele",),
}  # fmt: skip


#: First names the tables above know, either way: a name of them only ("gerrit jan") gives
#: no surname.
KNOWN_FIRST_NAMES = frozenset(
    {fold_spelling(n) for n in NICKNAMES}
    | {fold_spelling(f) for fs in NICKNAMES.values() for f in fs}
)

# The initials of the names people go by, per baptismal name ("maria": r, m, ...).
_NICKNAME_INITIALS: dict[str, set[str]] = {}
for _nick, _formals in NICKNAMES.items():
    for _formal in _formals:
        _NICKNAME_INITIALS.setdefault(_formal, set()).add(_nick[0])


def goes_by_initial(
    case_name: str | None, names: Sequence[str], *, whole_surname: bool = True
) -> bool:
    """Whether one of ``names`` gives the case's whole surname with the initial of a name
    the case's person goes by ("R. Mutsaers-van Gils" for Maria Mutsaers-van Gils, called
    Ria): the initial differs from the register's, and tells nothing against her. Without
    ``whole_surname`` a part of it will do ("mevrouw T. Kremer", called Truus)."""
    case = NameParts.of(case_name or "")
    given = given_names(case_name or "")
    if case is None or not given:
        return False
    initials = {i for g in given for i in _NICKNAME_INITIALS.get(g, ())}
    if not initials:
        return False
    for name in names:
        letter = NameParts.of(name)
        if letter is None or given_name(name) is not None or letter.first not in initials:
            continue
        if set(case.surnames) <= set(letter.surnames) or (
            not whole_surname and set(case.surnames) & set(letter.surnames)
        ):
            return True
    return False


def same_initials(case_name: str | None, names: Sequence[str]) -> bool:
    """Whether one of ``names`` shows two initials or more and they are the case's
    ("P.C. Hoekstra" for Pieter Cornelis Hoekstra, "B.Th. Nijhuis" for Bernardus
    Theodorus): more than a first initial agrees."""
    case = NameParts.of(case_name or "")
    if case is None:
        return False
    tokens = _tokens(case_name or "")
    own = "".join(
        t[0] for t in tokens if t not in _PARTICLES and fold_spelling(t) not in case.surnames
    )
    for name in names:
        letter = NameParts.of(name)
        shown = re.findall(r"\b([A-Z])[a-z]?\.", name)
        shares = bool(letter and set(case.surnames) & set(letter.surnames))
        if shares and len(shown) >= 2 and "".join(shown).lower() == own:
            return True
    return False


def _nickname_agrees(case_first: str, case_name: str, name: str) -> bool:
    """Whether ``name``'s first name is a name people go by for one of the case's first
    names: "Ria" for Geertruida Maria, as many go by their second name."""
    written = given_name(name) or ""
    formal = NICKNAMES.get(written, ())
    given = given_names(case_name)
    if any(_shortened(g, written) or _diminutive(g, written) for g in given):
        return True
    return any(f in given or (not given and f[0] == case_first) for f in formal)


#: The shortest end of a first name people go by ("Dina" for Berendina).
SHORT_NAME = 4


def _shortened(given: str, written: str) -> bool:
    """Whether ``written`` is the end of the first name ``given``, as Dutch shortens names
    by their last syllables: "Bertje" for Albertje, "Dina" for Berendina, "Tina" for
    Christina."""
    return len(written) >= SHORT_NAME and len(given) > len(written) and given.endswith(written)


# Dutch and Frisian diminutive endings: "Dineke", "Hiltsje", "Anneke", "Pietje", "Dirkje",
# "Janny", "Annie".
_DIMINUTIVES = ("tsje", "tje", "sje", "pje", "kje", "eke", "ke", "je", "ie", "y")


def _roots(name: str) -> set[str]:
    """A first name without a diminutive ending and its final vowels ("dineke", "dina" →
    "din"; "pietje" → "piet" or "pi"), each way the ending can be read."""
    return {name[: -len(e)].rstrip("aeiouy") for e in _DIMINUTIVES if name.endswith(e)} or {
        name.rstrip("aeiouy")
    }


def _diminutive(given: str, written: str) -> bool:
    """Whether ``written`` is a diminutive of the first name ``given`` or of its last
    syllables: "Dineke" for Everdina, "Mineke" for Willemina, "Hiltsje" for Hiltje."""
    if not written.endswith(_DIMINUTIVES):
        return False
    bases = _roots(given)
    return any(
        (len(root) >= 3 and any(b.endswith(root) for b in bases))
        or (len(root) >= 4 and given.startswith(root))
        for root in _roots(written)
    )


def given_names(name: str) -> tuple[str, ...]:
    """Every first name written out ("geertruida", "maria" for Geertruida Maria Smit)."""
    surnames = surname_keys(name)
    tokens = _tokens(name)
    words = []
    for t in tokens:
        if t in _PARTICLES or fold_spelling(t) in surnames or len(t) < 2:
            break
        words.append(t)
    return tuple(words)


def same_name(case_name: str | None, names: Sequence[str], strict: bool = False) -> bool:
    """Whether one of the letter's names is the case's person: a surname in common, and
    the same first initial wherever both names show one ("J.H. Brinkman", "Jan Brinkman").
    ``strict``: both must show a first initial."""
    case = NameParts.of(case_name or "")
    if case is None:
        return False
    for name in names:
        letter = NameParts.of(name)
        if letter is not None and _swapped(case_name or "", name):
            return True  # "Haile Tesfaye" for Tesfaye Haile
        if letter is None or not set(case.surnames) & set(letter.surnames):
            continue
        if strict and not (case.first and letter.first):
            continue
        if (
            case.first
            and letter.first
            and case.first != letter.first
            and not _nickname_agrees(case.first, case_name or "", name)
            # "Carmen García" for María del Carmen García López: a Spanish compound first
            # name, which people go by its second part.
            and not (
                _SPANISH_ACCENT_RE.search(case_name or "") and first_names_agree(case_name, name)
            )
        ):
            continue
        return True
    return False


def misspelled_name(case_name: str | None, names: Sequence[str]) -> bool:
    """Whether one of ``names`` is the case's person with the surname one letter off
    ("D. Dijkhuisen" for Dirk Dijkhuizen): the first initial on both sides agrees and a
    surname part of six letters or more is one edit from the case's. Only for a letter
    from the case's own address: elsewhere one letter makes another family."""
    case = NameParts.of(case_name or "")
    if case is None or case.first is None:
        return False
    for name in names:
        letter = NameParts.of(name)
        if letter is None or letter.first != case.first:
            continue
        if any(
            len(a) >= 6 and Levenshtein.distance(a, b, score_cutoff=1) <= 1
            for a in case.surnames
            for b in letter.surnames
        ):
            return True
    return False


def _swapped(case_name: str, name: str) -> bool:
    """Whether ``name`` is the case's two names the other way round ("Haile Tesfaye" for
    Tesfaye Haile: Eritrean and Ethiopian names are a given name and the father's, which
    registers and writers put in either order)."""
    case, letter = _two_names(case_name), _two_names(name)
    return case is not None and letter is not None and case == letter[::-1]


@lru_cache(maxsize=8192)
def _two_names(name: str) -> tuple[str, str] | None:
    words = [fold_spelling(t) for t in _tokens(name) if t not in _PARTICLES]
    return (words[0], words[1]) if len(words) == 2 and min(map(len, words)) > 1 else None


_GOES_BY_RE = re.compile(r"\(([^\W\d_]{2,})\)")


@lru_cache(maxsize=8192)  # a pure function of the name
def given_name(name: str) -> str | None:
    """The first name written out ("ria" for "Ria Mulder"), or None for initials only
    ("R. Mulder") or a name written surname first."""
    # "A. (Toos) Lubbers", "H. (Riet) de Vries": the name people call her by, in brackets.
    if called := _GOES_BY_RE.search(name):
        return _plain(called[1])
    surnames = surname_keys(name)
    tokens = _tokens(name)
    words = [t for t in tokens if t not in _PARTICLES]
    if not surnames or not words or len(words[0]) < 2 or fold_spelling(words[0]) in surnames:
        return None
    return words[0]


def first_names_agree(case_name: str | None, name: str) -> bool | None:
    """Whether the first names the case and ``name`` write out are one person's ("Theo"
    for Theodorus, "Jan" for Johannes, "Ank" for Anna, "Chris" for Christiaan, "Ria" for
    Geertruida Maria); None where either shows initials only."""
    return goes_by(case_name, given_name(name) or "")


def goes_by(case_name: str | None, first: str) -> bool | None:
    """Whether the first name ``first`` ("Hiltsje", "Amma") is one the case's person goes
    by (see :func:`first_names_agree`); None where the case shows initials only."""
    case_given, letter_given = given_names(case_name or ""), _plain(first).strip(" .,!")
    if not case_given or not letter_given:
        return None
    # "Mohamed" for Mohammed: one transliteration for another.
    case_given = tuple(dict.fromkeys((*case_given, *(spelled(g) for g in case_given))))
    letter_given = spelled(letter_given) if spelled(letter_given) in case_given else letter_given
    if any(g.startswith(letter_given) or letter_given.startswith(g) for g in case_given):
        return True
    # "Luuk" for Lukas: a vowel doubled in the name people go by.
    short = spelled(letter_given)
    if len(short) >= 3 and any(spelled(g).startswith(short) for g in case_given):
        return True
    if any(_shortened(g, letter_given) or _diminutive(g, letter_given) for g in case_given):
        return True
    return any(g in NICKNAMES.get(letter_given, ()) for g in case_given)


def same_full_name(case_name: str | None, names: Sequence[str]) -> bool:
    """Whether one of ``names`` is the case's person with the first name written out on
    both sides: "Ria Mulder" for "Ria Mulder", not "R. Mulder" nor "Rianne Mulder"."""
    given = given_name(case_name or "")
    if given is None:
        return False
    surnames = set(surname_keys(case_name or ""))
    return any(
        spelled(given_name(n) or "") == spelled(given) and surnames & set(surname_keys(n))
        for n in names
    )


def spelled(word: str) -> str:
    """A first name with its doubled letters written once and "ou" as "u":
    transliterations differ in them ("Mohamed" and "Mohammed", "Youssef" and "Yousef",
    "Nour" and "Nur"; "Rashid" and the French "Rachid")."""
    return re.sub(r"(.)\1", r"\1", word).replace("ou", "u").replace("sh", "ch")


def same_first_name(case_name: str | None, first_names: Sequence[str]) -> bool:
    """Whether one of ``first_names`` ("Johan", signing an email) is the first name the
    case's name writes out ("Johan de Bruijn"; not "J. de Bruijn")."""
    given = given_name(case_name or "")
    return given is not None and any(_plain(f).strip(" .,!") == given for f in first_names)


# Legal forms and the like that an organisation's name is written with or without.
_LEGAL_FORM_RE = re.compile(
    r"\b(?:b\.?[ ]?v\.?|n\.?[ ]?v\.?|v\.?o\.?f\.?|c\.?v\.?|(?:en|&)[ ]zn\.?)(?!\w)"
)


def has_legal_form(name: str) -> bool:
    """Whether ``name`` ends in a legal form ("Recreatiebedrijf Duinpan B.V."): the name
    the trade register holds, which a branch or a trade name does not write."""
    return bool(_TRAILING_LEGAL_FORM_RE.search(_plain(name.strip())))


# "Sportvereniging Odijk", "Schoonmaakbedrijf Glans": the kind of organisation in one word.
_COMPOUND_ORGANISATION_RE = re.compile(r"(?i)\w(?:stichting|vereniging|bedrijf|groep)\b")


# "DeWâlden Zuivel": the article written onto the name.
_GLUED_ARTICLE_RE = re.compile(r"\b(De|Het|Den)(?=[A-Z][a-zà-ÿ])")


# "v.v. Leusderbroek", "s.v. Esweg": a club's kind written short with dots.
_DOTTED_KIND_RE = re.compile(r"(?i)(?<![\w.])([a-z])\.[ ]?([a-z])\.(?![\w.])")


@lru_cache(maxsize=8192)  # a pure function, asked for every candidate at a house
def _organisation_key(name: str) -> str:
    name = _DOTTED_KIND_RE.sub(
        lambda m: f"{m[1]}{m[2]}".lower(), _GLUED_ARTICLE_RE.sub(r"\1 ", name)
    )
    # "Yıldız Horeca" is "yildiz horeca", as its owner's name is, not "yldz".
    name = name.translate(_LETTERS_WITHOUT_DECOMPOSITION)
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    key = " ".join(re.sub(r"[^a-z0-9 ]+", " ", _LEGAL_FORM_RE.sub(" ", plain)).split())
    # "St. Cecilia" for Sint Caecilia, the patron of music most bands are named after.
    key = key.replace("caecilia", "cecilia")
    # "VvE Esrand" is the Vereniging van Eigenaren Esrand, "RKSV Dommelvaart" the
    # Rooms-Katholieke Sportvereniging Dommelvaart: both written short.
    return _ABBREVIATED_RE.sub(lambda m: ABBREVIATIONS[m[0]], key)


#: Kinds of organisation as they are written out, and written short.
ABBREVIATIONS = {
    "vereniging van eigenaren": "vve",
    "vereniging van eigenaars": "vve",
    "lawn tennis club": "ltc",
    "dorpsbelangen": "db",
    "plaatselijk belang": "pb",
    "mixed hockey club": "mhc",
    "rooms katholieke sportvereniging": "rksv",
    "rooms katholieke voetbalvereniging": "rkvv",
    "sportvereniging": "sv",
    "voetbalvereniging": "vv",
}
_ABBREVIATED_RE = re.compile(
    r"\b(?:" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b"
)


def same_organisation(case_name: str | None, names: Sequence[str]) -> bool:
    """Whether one of ``names`` is the case's organisation: the same name with or without
    its legal form ("Schoonmaakbedrijf Glans B.V.", "Schoonmaakbedrijf Glans BV")."""
    if not case_name or not (
        _ORGANISATION_RE.search(case_name) or _COMPOUND_ORGANISATION_RE.search(case_name)
    ):
        return False
    key = _organisation_key(case_name)
    return bool(key) and any(_same_words(_organisation_key(name), key) for name in names)


def _same_words(one: str, other: str) -> bool:
    """Equal, or the one of at least two words standing whole in the other ("Bestuur
    Sportvereniging Odijk", "Sportvereniging Odijk")."""
    short, long = sorted((one, other), key=len)
    return short == long or (" " in short and f" {short} " in f" {long} ")


def shares_surname(case_name: str | None, names: Sequence[str]) -> bool:
    """Whether one of ``names`` has a surname in common with ``case_name`` (initials aside:
    a partner or parent writing for the household is not ruled out by them)."""
    case = set(surname_keys(case_name or ""))
    # "Klaus Schroeder <k.schroeder@t-online.de>" for Klaus Schröder: "ö" written out as
    # German writes it where it has no umlaut ("ü" and "ä" meet in fold_spelling).
    if case_name and "ö" in case_name.casefold():
        case |= set(surname_keys(case_name.replace("ö", "oe").replace("Ö", "Oe")))
    return any(case & set(surname_keys(name)) for name in names)


# Particles as an email address joins them onto a surname: "lotte.vandijk", "jvandenberg".
_JOINED_PARTICLES = ("vanden", "vander", "vande", "van", "vd", "den", "der", "de", "ter", "ten")


def _strip_particles(piece: str) -> str:
    changed = True
    while changed:
        changed = False
        for particle in _JOINED_PARTICLES:
            if piece.endswith(particle):
                piece, changed = piece[: -len(particle)], True
                break
    return piece


def email_spells(case_name: str | None, emails: Sequence[str]) -> bool:
    """Whether one of ``emails`` spells the case's person before the @: a part of the
    surname, and for the rest nothing but the first name, its initial or the initials
    ("priya.raghunathan", "wgerrits", "tomverbeek", "lotte.vandijk", "dennis.kuijpers91"
    for Lotte Janssen-van Dijk and the others; not "mark.vandenboom" for Gerardus van den
    Boom, whose son writes)."""
    case = NameParts.of(case_name or "")
    if case is None or not emails:
        return False
    tokens = _tokens(case_name or "")
    initials = "".join(
        t[0] for t in tokens if t not in _PARTICLES and fold_spelling(t) not in case.surnames
    )
    given = given_name(case_name or "")
    allowed = {"", case.first or "", initials, *((given, spelled(given)) if given else ())}
    allowed |= {nick for nick, formal in NICKNAMES.items() if given in formal}
    allowed |= {fold_spelling(a) for a in allowed}  # the address is read with "ij" as "y"
    for email in emails:
        rest = fold_spelling(re.sub(r"[^a-z.]+", "", _plain(email.split("@")[0])))
        spelled_out = False
        for key in sorted(case.surnames, key=len, reverse=True):
            if len(key) >= 3 and key in rest:
                rest, spelled_out = rest.replace(key, ".", 1), True
        pieces = {_strip_particles(p) for p in rest.split(".")}
        # Initials only in the register ("J. Jansen"): "jan.jansen" agrees by its initial.
        if spelled_out and all(
            p in allowed or spelled(p) in allowed or (not given and p[:1] == case.first)
            for p in pieces
        ):
            return True
    return False


def key_guesses(email: str) -> list[str]:
    """Surname keys an email address may carry, joined onto other words or not: every
    ending of four letters or more of each word before and after the @ ("tomverbeek" →
    "verbeek", "beek", ...; "dorpshuisdekempkes.nl" → "kempkes"). Only the cases found by
    them that the address really spells or names count (:func:`email_spells`)."""
    local, _, domain = fold_spelling(_plain(email)).partition("@")
    words = re.split(r"[^a-z]+", f"{local} {domain.rsplit('.', 1)[0]}")
    return list(dict.fromkeys(w[i:] for w in words for i in range(len(w) - 3)))


# Words that say what kind an organisation is, not which: "Stichting", "Muziekvereniging".
_KIND_RE = re.compile(r"\w*(?:stichting|vereniging)")


def _organisation_letters(name: str) -> str:
    """An organisation's name as one run of letters without its legal form and its kind
    ("dorpshuisdekempkes" for "Stichting Dorpshuis De Kempkes"); "St." is "Sint"."""
    words = _organisation_key(name).split()
    return "".join("sint" if w == "st" else w for w in words if not _KIND_RE.fullmatch(w))


# What an organisation is rather than which: left out of its name's core.
_KIND_WORDS = frozenset(
    {"cafe", "restaurant", "eetcafe", "grandcafe", "bar", "hotel", "pension", "camping"}
    | {"bakkerij", "slagerij", "kapsalon", "garage", "autobedrijf", "bouwbedrijf"}
    | {"aannemersbedrijf", "installatiebedrijf", "transportbedrijf", "recreatiebedrijf"}
    | {"schoonmaakbedrijf", "hoveniersbedrijf", "loonbedrijf", "administratiekantoor"}
    | {"adviesbureau", "kinderopvang", "stichting", "vereniging", "cooperatie", "holding"}
    | {"groep", "en", "zn"}
    # Trades and places people run a business in ("Strandpaviljoen De Branding" for
    # Branding Horeca B.V.).
    | {"strandpaviljoen", "paviljoen", "strandtent", "horeca", "theater", "museum"}
    | {"supermarkt", "winkel", "apotheek", "praktijk", "sportschool", "dansschool"}
    | {"manege", "jachthaven", "drukkerij", "boerderij", "zorgboerderij", "kwekerij"}
    | {"fruitbedrijf", "fruitteeltbedrijf", "melkveebedrijf", "timmerbedrijf", "schildersbedrijf"}
    # Practices and centres: "Maatschap Huisartsen Esweg" is found by Esweg, not by every
    # letter of a practice of GPs.
    | {"maatschap", "huisartsen", "huisartsenpraktijk", "huisartspraktijk", "tandartsen"}
    | {"tandartspraktijk"}
    | set(ABBREVIATIONS.values())
)


def organisation_whole(name: str | None) -> str:
    """An organisation's name as one run of letters without its legal form but with its
    kind ("campingdemar" for Camping De Mar B.V.): where several firms share a core ("De
    Mar": a campsite, a beach pavilion, a marina), the kind tells them apart."""
    return "".join(_organisation_key(name or "").split())


def organisation_core(name: str | None) -> str:
    """An organisation's name as one run of letters without legal form and kind
    ("dezwaan" for Café-Restaurant De Zwaan V.O.F., "crescendovlietermeer" for
    Muziekvereniging Crescendo Vlietermeer)."""
    words = _organisation_key(name or "").split()
    kept = [
        w
        for w in words
        if w not in _KIND_WORDS and w not in _TRADE_WORDS and not _KIND_RE.fullmatch(w)
    ]
    return "".join(kept)


_POSTCODE_TOWN_RE = re.compile(r"\b[1-9][0-9]{3}[ \t]?[A-Z]{2}\b.*$")
_CAPITALISED_NAME_RE = re.compile(r"(?<![\w-])[A-Z][^\W\d_]{3,}")
_STREET_ENDS: tuple[str, ...] = (
    "straat",
    "laan",
    "weg",
    "plein",
    "kade",
    "pad",
    "dijk",
    "singel",
    "gracht",
)
_STREET_ENDS += ("hof", "steeg", "dreef", "park", "ring", "markt", "wei", "erf", "pleintje")
# "Gemeente De Marren", "het college van burgemeester en wethouders van Lekstede": the
# municipality written to, whose name a club or a marina may carry.
_MUNICIPALITY_RE = re.compile(
    r"(?i:\bgemeente|\bgemeinde|\bburgemeester[ \t]+en[ \t]+wethouders[ \t]+van)[ \t]+"
    r"(?:(?i:de|het|'s)[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?"
)


def without_municipality(text: str) -> str:
    """``text`` without the municipality written to ("Aan de gemeente West-Kreek", "An
    die Gemeinde West-Kreek"): its name is no word of the writer's organisation."""
    return _MUNICIPALITY_RE.sub(" ", text)


def names_organisation_in_part(
    case_name: str | None, lines: Sequence[str], emails: Sequence[str]
) -> bool:
    """Whether a line or an address carries the start of the case's organisation's core
    of at least 7 letters, or the core whole ("De Zwaan" over "dezwaanbramerdijk.nl",
    "Muziekvereniging Crescendo" for Muziekvereniging Crescendo Vlietermeer): named as
    people name it, often without the kind or the place. Weighed with a second detail."""
    core = organisation_core(case_name)
    if len(core) < 7:
        return False
    # "Kanaalkade 9, 3432 KC Lekstede": the town after a postcode is a place, not the
    # Stichting Kinderopvang Lekstede.
    lines = [_MUNICIPALITY_RE.sub("", _POSTCODE_TOWN_RE.sub("", line)) for line in lines]
    # A longer name the name's start begins is another's: "Sylsterwâld", the village, for
    # Stichting Sylster Skiednis (not a street, "Ziekenhuislaan", nor a word, "carnavaleske").
    longer = {
        _plain(m[0])
        for line in lines
        for m in _CAPITALISED_NAME_RE.finditer(line)
        if not _plain(m[0]).endswith(_STREET_ENDS)
    }
    if len(words := organisation_words(case_name)) < 2:
        # "Oranjevereniging Lutjewier": its one word is the village's name, which prose
        # names ("een tent aan de IJsbaanweg in Lutjewier"); a short line names the club,
        # and so does prose with its kind or abbreviation before it ("WS Akkerland").
        kind_before = re.compile(
            r"(?:\b[A-Z][A-Za-z]{1,4}|(?i:\b\w*(?:stichting|vereniging|club)))[ \t]+"
            rf"(?i:(?:de|het)[ \t]+)?(?i:{'|'.join(map(re.escape, words))})\b"
        )
        lines = [line for line in lines if len(line.split()) <= 6 or kind_before.search(line)]
    texts = [*(organisation_core(line) for line in lines)]
    texts += [re.sub(r"[^a-z]+", "", _plain(e).replace("@", " ")) for e in emails]
    for text in texts:
        if core in text:
            return True
        # The core's first words, as far as the line has them: "crescendo" of
        # "crescendovlietermeer"; at least 7 letters and a whole word of the name.
        for n in range(7, len(core)):
            if (
                core[:n] in text
                and _ends_a_word(case_name or "", n)
                and not any(len(w) > n and w.startswith(core[:n]) for w in longer)
            ):
                return True
    return False


def _ends_a_word(name: str, letters: int) -> bool:
    """Whether the core's first ``letters`` letters end on one of the name's words."""
    words = [w for w in _organisation_key(name).split() if w not in _KIND_WORDS]
    total = 0
    for w in words:
        if _KIND_RE.fullmatch(w):
            continue
        total += len(w)
        if total == letters:
            return True
    return False


# "Sytsma Bouw" for Bouwbedrijf Sytsma & Zn. B.V., "DeWâlden Zuivel", "De Feestfabriek" for
# Feestfabriek Evenementen B.V.: the trade, which people leave out or put in.
_TRADE_WORDS = frozenset(
    {"bouw", "advies", "techniek", "installatie", "installaties", "transport", "onderhoud"}
    | {"zuivel", "catering", "makelaardij", "fysiotherapie", "hoveniers", "tuinen"}
    | {"evenementen", "events", "verhuur", "uitgeverij", "drukkerij", "vastgoed", "groen"}
)
# What people call an organisation instead of its registered kind ("Moskee Al Fath" for
# Stichting Islamitisch Centrum Al Fath, "Hoeve Sjilberg" for Melkveebedrijf Sjilberg):
# left out when names are compared word by word.
_CALLED_WORDS = frozenset(
    {"harmonie", "fanfare", "schutterij", "koor", "zangkoor", "kerkkoor"}
    | {"moskee", "kerk", "parochie", "gemeente", "hoeve", "boerderij", "zaal", "feestzaal"}
    | {"grillroom", "snackbar", "cafetaria", "lunchroom", "winkel", "salon", "club"}
    | {"studio", "praktijk", "kapsalon", "appartementencomplex", "complex", "ikc", "school"}
    | {"sint", "st", "koninklijke", "koninklijk"}
    | _TRADE_WORDS
)
_FILLER_WORDS = frozenset({"de", "het", "t", "van", "der", "den", "en", "op", "in", "aan"})
_CALLED_RE = re.compile(
    r"\w*(?:stichting|vereniging|bedrijf|koor|bureau|kantoor|club|praktijk|maatschap|centrum)"
)


@lru_cache(maxsize=8192)  # a pure function, asked for every candidate at a house
def organisation_words(name: str | None) -> frozenset[str]:
    """The words of an organisation's name that say which it is, not what kind: no legal
    form, kind ("Stichting", "Melkveebedrijf", "Café", "Moskee"), saint's title or
    article ("al fath" of Moskee Al Fath; "sebastianus sjinveld" of Schutterij
    Sint-Sebastianus Sjinveld)."""
    words = _organisation_key(name or "").split()
    return frozenset(
        w
        for w in words
        if w not in _KIND_WORDS
        and w not in _CALLED_WORDS
        and w not in _FILLER_WORDS
        and not _CALLED_RE.fullmatch(w)
        and not w.isdigit()
    )


# "D.S.V. ", "KC ": a kind written short, before a capitalised name.
_SHORT_KIND_RE = re.compile(r"(?:(?:[A-Z]\.){2,5}|[A-Z]{2,5})[ \t]+(?=[A-Z][a-z])")
# The kinds a compound name ends in, whose letter an abbreviation gives apart
# ("Studentenvereniging": S.V.).
_KIND_END_RE = re.compile(r"(?<=[a-z]{3})(vereniging|club|stichting|bond|koor|kapel|school)$")


def _abbreviates_kind(short: str, case_name: str, named: frozenset[str]) -> bool:
    """Whether the capitals ``short`` ("D.S.V.") are the first letters of the case's name
    other than the words the letter names ("Quadrivium"), a compound's kind counted apart:
    Dommelsche Studentenvereniging → "dsv", Korfbalclub → "kc"."""
    letters = re.sub(r"[^a-z]", "", short.lower())
    parts: list[str] = []
    for word in _organisation_key(case_name).split():
        # "TCC Veenhoven" for Stichting Turks Cultureel Centrum Veenhoven: the legal kind
        # standing alone is left out of abbreviations.
        if word in named or word in _FILLER_WORDS or word in ("stichting", "vereniging"):
            continue
        end = _KIND_END_RE.search(word)
        parts += [word[: end.start()], end[1]] if end else [word]
    return "".join(p[0] for p in parts).startswith(letters)


@lru_cache(maxsize=8192)  # a pure function, asked for every candidate at a house
def names_organisation_by_words(case_name: str | None, name: str, marked: bool = True) -> bool:
    """Whether ``name`` ("Café De Sjtern", "Sebastianus Sjinveld", "Moskee Al Fath") is the
    case's organisation as people call it: every word that says which organisation it
    is stands in the case's name, with a kind, a saint's title or a second such word
    besides — one bare word may be a place ("Geulvelde"), "Het Wapen" a pub's sign
    anywhere — and at least four letters ("Studio Lokk"). ``marked=False``: a bare word
    will do (for a caller that has a second sign, such as the mail domain). Letters in
    capitals before the name are its kind written short ("D.S.V. Quadrivium" for
    Dommelsche Studentenvereniging Quadrivium)."""
    short = _SHORT_KIND_RE.match(name.strip())
    if short is not None:
        rest = name.strip()[short.end() :]
        if not _abbreviates_kind(short[0], case_name or "", organisation_words(rest)):
            return False  # "J.H. Brinkman" is a person's initials, not Brinkman Bouw's kind
        name = rest
    own, words = organisation_words(case_name), organisation_words(name)
    if not words or not words <= own or sum(len(w) for w in words) < 4:
        return False
    kinds = [
        w for w in _organisation_key(name).split() if w not in words and w not in _FILLER_WORDS
    ]
    if "gemeente" in kinds and "gemeente" not in _organisation_key(case_name or "").split():
        # "Aan de gemeente Wadkust" is the addressee, not "Stichting Onderwijs Wadkust".
        return False
    key = _organisation_key(name).split()
    if not kinds and re.search(
        rf"\bte {re.escape(' '.join(key))}$", _organisation_key(case_name or "")
    ):
        # "West-Kreek" alone: the place after "te" in Protestantse Gemeente te West-Kreek,
        # which any letter to the municipality writes.
        return False
    if key[:1] in (["gemeente"], ["gemeinde"]):
        # Nor "Gemeente West-Kreek" the Protestantse Gemeente te West-Kreek: a church is
        # written with its denomination first.
        return False
    if (
        len(words) == 1
        and len(own) >= 2
        and _organisation_key(case_name or "").split()[-1:] == list(words)
        and any(_other_compound_kind(k, case_name) for k in kinds)
    ):
        # "Zeehondencentrum Kwelderhaven" is not Stichting Havenfeest Kwelderhaven: the one
        # word they share ends both, the town, and its kind says which one it is.
        return False
    # "Lokk B.V.": a legal form says it is an organisation as a kind does.
    kind = bool(kinds) or short is not None or bool(_LEGAL_FORM_RE.search(_plain(name)))
    return kind or not marked or (len(words) >= 2 and sum(len(w) for w in words) >= 5)


def _other_compound_kind(kind: str, case_name: str | None) -> bool:
    """Whether ``kind`` is a compound kind ("zeehondencentrum", "muziekvereniging") whose
    first part the case's name lacks: another organisation of that kind."""
    m = _COMPOUND_KIND_RE.fullmatch(kind)
    return m is not None and m[1] not in "".join(_organisation_key(case_name or "").split())


_COMPOUND_KIND_RE = re.compile(
    r"([a-z]{4,}?)(?:stichting|vereniging|bedrijf|koor|bureau|kantoor|club|praktijk|centrum)"
)


@lru_cache(maxsize=8192)  # a pure function, asked for every candidate at a house
def organisation_abbreviation(name: str | None) -> str:
    """The letters an organisation's name is shortened to: "rkvvs" for Rooms-Katholieke
    Voetbalvereniging Sjinveld, "svg" for Stichting Vastelaovend Geulvelde ("" for fewer
    than three)."""
    words = _organisation_key(name or "").split()
    letters = "".join(w if w in _ABBREVIATION_VALUES else w[0] for w in words if w.isalpha())
    return letters if len(letters) >= 3 else ""


_ABBREVIATION_VALUES = frozenset(ABBREVIATIONS.values())


def short_forms(name: str | None) -> frozenset[str]:
    """The abbreviations an organisation goes by: of its whole name ("cmkna") and of the
    name after its kind ("kna": "K.N.A." for Christelijke Muziekvereniging Kunst na
    Arbeid); three letters or more."""
    words = _organisation_key(name or "").split()
    kinds = [
        i
        for i, w in enumerate(words)
        if w in _KIND_WORDS or w in _CALLED_WORDS or _CALLED_RE.fullmatch(w)
    ]
    tail = words[kinds[-1] + 1 :] if kinds else []
    letters = "".join(w[0] for w in tail if w.isalpha())
    forms = {organisation_abbreviation(name), letters if len(letters) >= 3 else ""}
    return frozenset(forms - {""})


# "KNA", "K.N.A.", "kna-wierlinge.nl": an abbreviation in capitals, dotted or in a domain.
_WRITTEN_SHORT_RE = re.compile(r"(?<![\w.])(?:[A-Z]\.){3,6}|(?<![\w.-])[A-Z]{3,6}(?![\w-])")


def abbreviated(name: str | None, texts: Sequence[str], emails: Sequence[str] = ()) -> bool:
    """Whether one of ``texts`` or the domains of ``emails`` writes the organisation short
    (see :func:`short_forms`)."""
    forms = short_forms(name)
    if not forms:
        return False
    written = {m[0].replace(".", "").lower() for t in texts for m in _WRITTEN_SHORT_RE.finditer(t)}
    written |= {p for e in emails for p in re.split(r"[^a-z]+", e.lower().partition("@")[2])}
    return bool(forms & written)


@lru_cache(maxsize=8192)  # a pure function, asked for every candidate at a house
def is_organisation(name: str | None, kvk: str | None = None) -> bool:
    """Whether a case's party is an organisation: it has a KvK number, or its name a legal
    form or kind ("Stichting", "B.V.", "Sportvereniging")."""
    return bool(kvk) or bool(
        name and (_ORGANISATION_RE.search(name) or _COMPOUND_ORGANISATION_RE.search(name))
    )


def indexed_words(
    name: str | None,
    kvk: str | None = None,
    subject: str | None = None,
    house_number: str | None = None,
) -> frozenset[str]:
    """What a case is found by besides its surname key: each house it is about (see
    :func:`site_houses` and :func:`subject_house_key`; an organisation's subject street
    with its own number), and for an organisation the words of its name that say which it
    is (of three letters or more) and its abbreviation."""
    organisation = is_organisation(name, kvk)
    # A person's subject street without a number is not their house (see weighing._sites).
    sites = site_houses(subject, house_number if organisation else None)
    houses = {subject_house_key(street, number) for street, number in sites}
    if not organisation:
        # "Dakkapel voorzijde Brinkstraat 18": a wife signing with her married name
        # writes from the house of the case kept under her maiden name. "Straatfeest
        # Mosselstraat" at number 29: a resident signing with her first name only from
        # "nr 29 ... in de mosselstraat" (kept apart: see resident_street_key).
        named = set(subject_houses(subject))
        houses |= {
            resident_street_key(street, number)
            for street, number in site_houses(subject, house_number)
            if (street, number) not in named
        }
        return frozenset(houses)
    own = organisation_words(name)
    words = {w[:100] for w in own if len(w) >= 3}
    ordered = [w for w in _organisation_key(name or "").split() if w in words]
    if len(ordered) >= 2:
        # "@woonbotenhavenvlotkade.nl" of Coöperatie Woonbotenhaven Vlotkade U.A.: a mail
        # domain is often the name run together, found by it as one word.
        words.add("".join(ordered)[:100])
    if abbreviation := organisation_abbreviation(name):
        words.add(abbreviation)
    return frozenset(words | houses | subject_names(subject))


# "Kruisveld 40", "Sint Jansstraat 4a", "Suikerrietstraat 60-120" in a case's subject; not
# a year ("Bremstraat 2026").
_SUBJECT_HOUSE_RE = re.compile(
    r"(?<![\w-])([A-Z][\w'’-]{2,})[ \t]+(?!(?:19|20)[0-9]{2}(?![0-9]))"
    r"([0-9]{1,4}(?:[a-zA-Z]|-[0-9]{1,4})?)(?![\w-])"
    # "Poortpop 13 juni 2026", "Stationsplein 7 maart", "Springconcours De Vliethoeve 16 en
    # 17 mei": a date, not a house.
    r"(?![ \t]*(?:(?:en|t/m|tot|-|/)[ \t]*[0-9]{1,2})?[ \t]+"
    r"(?i:jan|feb|maa|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\b)"
)
# A capitalised word of a subject: an event's, a project's or a place's name ("Poortpop 13
# juni 2026", "Kade Food Market 2026").
_SUBJECT_NAME_RE = re.compile(r"(?<![\w-])[A-Z][a-zà-ÿ]*(?:[A-Z][a-zà-ÿ]+)*(?![\w-])")
# Capitalised words of subjects that name no organisation: the case types, months, the
# municipality.
_NOT_SUBJECT_NAMES = frozenset(
    {"aanvraag", "bezwaar", "melding", "verzoek", "klacht", "subsidie", "factuur"}
    | {"vergunning", "omgevingsvergunning", "evenementenvergunning", "parkeervergunning"}
    | {"bijstand", "belastingen", "aanslag", "gemeente", "wmo", "woo", "woo-verzoek"}
    | {"januari", "februari", "maart", "april", "juni", "juli", "augustus", "september"}
    | {"oktober", "november", "december", "zaterdag", "zondag", "nieuw", "eerste", "tweede"}
)


def subject_names(subject: str | None) -> frozenset[str]:
    """The capitalised words of an organisation's case subject, but its houses' streets and
    the words every subject has: the name of the event or project it is about ("poortpop"
    of "Poortpop 13 juni 2026"), which its organiser signs with under a trade name."""
    streets = {_plain(street) for street, _ in subject_houses(subject)}
    words = {_plain(m[0]) for m in _SUBJECT_NAME_RE.finditer(subject or "")}
    return frozenset(
        fold_spelling(w)[:100]
        for w in words - streets - _NOT_SUBJECT_NAMES
        if len(w) >= 4 and w.isalpha()
    )


def subject_houses(subject: str | None) -> list[tuple[str, str]]:
    """The houses a case's subject names, street and number ("Plaatsing 12 recreatiechalets
    zuidveld Kruisveld 40": Kruisveld 40): the property the case is about."""
    return [(m[1], m[2]) for m in _SUBJECT_HOUSE_RE.finditer(subject or "")]


def site_houses(subject: str | None, house_number: str | None) -> list[tuple[str, str]]:
    """The houses a case is about: those its subject names, and given ``house_number``,
    the streets it names without a number ("Overhangende takken toegangspad Barbarahof")
    with that number — an organisation's site, which a letter from "Barbarahof 1" under
    the site's name gives as its own."""
    named = subject_houses(subject)
    if not house_number:
        return named
    with_number = {street for street, _ in named}
    number = house_number.lower()
    return named + [
        (m[1], number)
        for m in _SUBJECT_STREET_RE.finditer(subject or "")
        if m[1] not in with_number
    ]


# A street in a subject: a capitalised word ending as Dutch street names end (those with a
# house number after them are the subject's houses; "Kampweg 30 mei" gives a date).
_SUBJECT_STREET_RE = re.compile(
    r"(?<![\w-])([A-Z][a-zà-ÿ'’-]{2,}(?:straat|weg|laan|plein|hof|kade|pad|dijk|singel|gracht"
    r"|erf|esch|steeg|dreef|park|ring|wal|plantsoen|oord|kamp|brink|markt|gang|kant|eind"
    r"|akker|oever|haven))(?![\w-])"
)


def resident_street_key(street: str, number: str) -> str:
    """How a person's case is kept under the street its subject names without a number,
    with the person's own house number: "~mosselstraat 29". Apart from the houses of
    :func:`subject_house_key`: a resident may report a street they do not live on, so
    only a writer whose first name is the person's finds the case by it."""
    return f"~{_plain(street.split()[-1])} {number.lower()}"[:100]


def subject_house_key(street: str, number: str) -> str:
    """How a house is kept among a case's words: "@kruisveld 40" — the street's last word,
    plain, and the number (a letter from that house finds the case, whoever signs it)."""
    return f"@{_plain(street.split()[-1])} {number.lower()}"[:100]


_KIND_SUFFIX_RE = re.compile(r"(?:vereniging|stichting)$")


def _domain(email: str) -> str:
    """The letters and digits of an address's domain without its top level
    ("oranjeleusderbroek", "svesweg58")."""
    return re.sub(r"[^a-z0-9]+", "", _plain(email).partition("@")[2].rsplit(".", 1)[0])


def town_at_end(name: str | None) -> set[str]:
    """The last word of an organisation's name of two words or more that say which it is
    (spelling folded), which may be its town ("bloemendyk" of Stichting Bloemencorso
    Bloemendijk, whose town's own domain a letter may come from); none where an article
    makes it the name ("De Strokartonfabriek"), nor of a name of one such word ("Rederij
    Wielingenveer B.V.")."""
    words = plain_words(_LEGAL_FORM_END_RE.sub("", name or ""))
    if len(organisation_words(name)) < 2 or not words:
        return set()
    if len(words) >= 2 and words[-2] in ("de", "het", "t"):
        return set()
    return {words[-1]}


def is_no_reply(email: str) -> bool:
    """Whether an address is a web form's or a system's ("noreply@maasbeek.nl"), which
    says nothing of who writes."""
    return bool(_NO_REPLY_RE.match(email.strip().lower().split("<")[-1]))


_NO_REPLY_RE = re.compile(r"(?:no-?reply|do-?not-?reply|donotreply|webformulier|formulier)@")


_LEGAL_FORM_END_RE = re.compile(
    r"(?i)[ \t]+(?:b\.?v\.?|n\.?v\.?|v\.?o\.?f\.?|c\.?v\.?|u\.?a\.?)[ \t]*$"
)


def names_organisation(case_name: str | None, lines: Sequence[str], emails: Sequence[str]) -> bool:
    """Whether the case's organisation is named in one of ``lines`` (a signature: "secretaris
    Muziekvereniging St. Caecilia Graswijk") or spelled by an email address's domain
    ("penningmeester@dorpshuisdekempkes.nl") or its name ("degoudenleeuw@hotmail.com");
    with or without legal form and kind."""
    own = _organisation_letters(case_name or "")
    if len(own) < 8:
        return False  # too short a name to stand for one organisation in a run of letters
    # "noreply@maasbeek.nl": a web form's sender, the municipality's own domain, for no
    # organisation (Vereniging van Eigenaars Papierfabriek Maasbeek).
    emails = [e for e in emails if not is_no_reply(e)]
    if len(organisation_words(case_name)) < 2:
        # "Woonstichting Leusderbroek": its one word is a place, in any line ("Elke dag vers
        # uit Leusderbroek") or domain ("@vvleusderbroek.nl"); only with its kind it is it,
        # or with the kind's first part ("@oranjeleusderbroek.nl" for Oranjevereniging
        # Leusderbroek).
        words = ["sint" if w == "st" else w for w in _organisation_key(case_name or "").split()]
        kinds = ["".join(_KIND_SUFFIX_RE.sub("", w) for w in words)]
        full = "".join(words)
        # "@svesweg58.nl" for Voetbalvereniging SV Esweg '58: part of the name with its kind
        # (not the one word alone: "@leusderbroek.nl" is the municipality's own).
        forms = {*kinds, full}
        places = {w for w in words if w in organisation_words(case_name)} | {
            organisation_core(case_name)
        }
        return any(full in _organisation_key(line).replace(" ", "") for line in lines) or any(
            len(d) >= 8 and (d in forms or (d not in places and any(d in f for f in forms)))
            for d in (_domain(email) for email in emails)
        )
    if any(own in _organisation_letters(line) for line in lines):
        return True
    for email in emails:
        # "degoudenleeuw@hotmail.com" for Café De Gouden Leeuw: the name before the @.
        local = re.sub(r"[^a-z]+", "", _plain(email).partition("@")[0])
        if len(local) >= 10 and local in own:
            return True
        # "stcecilia-haverdonk.nl": a saint's name is written with or without "St.".
        parts = _plain(email).partition("@")[2].rsplit(".", 1)[0].split("-")
        domain = "".join(re.sub(r"^(?:sint|st)(?=[a-z]{4})", "", p) for p in parts)
        own = own.replace("sint", "") if "sint" not in domain else own
        if len(domain) >= 8 and (domain in own or own in domain):
            return True
    return False
