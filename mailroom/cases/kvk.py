"""The municipality's trade register: an extract of the Handelsregister (KvK), read from
CSV and kept in the table ``trade_names``.

The case register knows an organisation by the name it is registered under ("Horeca
Exploitatie Linge B.V."); its letters are signed with the name it trades under ("Hotel-
restaurant De Gouden Appel"), which may share no word with it. The Handelsregister holds
every trade name of every firm with its KvK number, so matching can find the firm's cases
as if the number had been written (see :func:`mailroom.cases.matching.traded`).

The extract is read by column name (``kvknummer;vestigingsnummer;handelsnaam;straatnaam;
huisnummer;huisletter;huisnummertoevoeging;postcode;plaats``, semicolons or commas, as the
KvK's Handelsregister extracts and the Basisprofiel API's fields name them); other columns
are ignored. One row per trade name of an establishment; the statutory name is one of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from mailroom.cases.bag import house_number
from mailroom.cases.extract import open_extract
from mailroom.cases.names import organisation_core, organisation_whole
from mailroom.core.db.models import TradeName
from mailroom.core.errors import ConfigError

#: The names each column goes by (lower case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "kvk": ("kvknummer", "kvk-nummer", "kvk_nummer", "kvk", "kvknumber"),
    "name": ("handelsnaam", "naam", "tradename", "trade_name"),
    "street": ("straatnaam", "straat", "street"),
    "number": ("huisnummer", "housenumber"),
    "letter": ("huisletter",),
    "addition": ("huisnummertoevoeging", "toevoeging"),
    "postcode": ("postcode",),
    "place": ("plaats", "woonplaats", "vestigingsplaats"),
}
_REQUIRED = ("kvk", "name")
_NEEDS = (
    "a trade register file needs kvknummer and handelsnaam, with straatnaam, huisnummer, "
    "huisletter, huisnummertoevoeging, postcode and plaats where it has them"
)
_KVK_RE = re.compile(r"^[0-9]{8}$")
_POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
_CHUNK = 5000
#: A name's key shorter than this says too little to find a firm by ("De Os").
MIN_KEY = 4
#: Articles a trade name is written with or without ("'t Veerhuis", "Het Dijkje").
_ARTICLES = ("de", "het", "den", "t", "the", "it", "d")


class TradeNameImportError(ConfigError):
    """A trade register file cannot be read or a row of it is not valid; nothing was
    imported."""


@dataclass(frozen=True)
class TradeNameRow:
    """One trade name of an establishment."""

    kvk: str
    name: str
    postcode: str | None = None
    house_number: str | None = None
    place: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The record as JSON."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class TradeNameImport:
    """What an import of a trade register file did."""

    file: str
    names: int
    firms: int
    #: Names too plain to find a firm by ("B.V."): kept out of matching.
    unusable: int
    #: Names the register held before, all replaced.
    replaced: int

    def to_json(self) -> dict[str, Any]:
        """The record as JSON."""
        return dict(self.__dict__)


#: Kinds of houses of worship, which people leave out of the name.
_WORSHIP = frozenset({"moskee", "mandir", "tempel", "kerk", "synagoge", "gurdwara"})


def name_keys(name: str, place: str | None = None) -> tuple[str, ...]:
    """What a trade name is found by: its words without legal form and kind, run together
    ("degoudenappel" for Hotel-restaurant De Gouden Appel), the same without a leading
    article ("goudenappel", "veerhuis" for 't Veerhuis), and without the establishment's
    ``place`` at its end ("mevlanamoskee" for Mevlana Moskee Esbeek, in Esbeek): a letter
    from the town leaves the town out."""
    core = organisation_core(name)
    keys = [core] if len(core) >= MIN_KEY else []
    words = organisation_core_words(name)
    town = organisation_core(place or "")
    if len(words) >= 3 and town and words[-1] == town:
        words = words[:-1]
        keys.append("".join(words))
    if len(words) >= 2 and words[0] in _ARTICLES:
        keys.append("".join(words[1:]))
    # "Moskee Al-Nour" is "Al-Nour" in the caller's line "de moskee aan de Molenlaan
    # (Al-Nour)": a house of worship goes by its own name.
    if len(words) >= 2 and words[0] in _WORSHIP:
        keys.append("".join(words[1:]))
    # "Camping De Mar" beside "Paviljoen De Mar": the name with its kind, for a letter that
    # writes it so.
    whole = organisation_whole(name)
    if whole != core and len(whole) >= 5:
        keys.append(whole)
    # "Ruitersportvereniging Haaksveld" in Haaksveld: without its kind, its name is the
    # town's, which letters name for other reasons.
    return tuple(dict.fromkeys(k[:100] for k in keys if (len(k) >= 5 or k == core) and k != town))


def organisation_core_words(name: str) -> list[str]:
    """The words of ``name``'s core (see :func:`organisation_core`), one by one."""
    return [w for w in (organisation_core(w) for w in name.split()) if w]


@dataclass(frozen=True)
class WrittenName:
    """A run of words of a letter that may be a trade name: its key, and where it stands
    (line, first and end word), so that of two overlapping names the longer is taken."""

    key: str
    line: int
    start: int
    end: int
    #: Every word of the run is in the key: no kind or legal form was left out ("Veerman",
    #: not "Hotel Lominlisa"), so it may as well be a person's name.
    bare: bool = True
    #: The key keeps the run's kind ("campingdemar"), beside the one without ("demar").
    whole: bool = False


# Words as trade names are written: "'t Veerhuis", "HavenStroom", "Hotel-restaurant",
# "B&B", a club's year ("VV Lindehof '31"); not other digits.
_WORD_RE = re.compile(
    r"['’‘`]t(?![\w])|(?<![\w'’‘`])['’‘`][0-9]{2}(?![\w])|[^\W\d_][^\W_]*(?:[-&'’][^\W\d_][^\W_]*)*"
)
# "Met vriendelijke groet,", "Geachte heer, mevrouw,": a letter's formulas, no firm's name.
_FORMULA_RE = re.compile(
    r"(?i)[ \t]*(?:met[ \t]+(?:vriendelijke|hartelijke|beste)[ \t]+groet|vriendelijke[ \t]+groet"
    r"|hartelijke[ \t]+groet|groet(?:en|jes)?\b|geachte\b|beste\b|hallo\b|hoi\b|hoogachtend"
    r"|mvg\b|m\.v\.g\.|kind[ \t]+regards|best[ \t]+regards|dear\b)"
)
# Words before a place's name ("in Oosterwoud", "te Mardyk", "uit Sânfurd").
_PLACE_WORDS = frozenset({"in", "te", "uit"})
#: The longest trade name looked for, in words.
MAX_WORDS = 5


def written_names(lines: Sequence[str]) -> list[WrittenName]:
    """Every run of up to MAX_WORDS words in ``lines`` that could be a trade name: one word
    capitalised at least, and a single word capitalised and of five letters or more
    ("Terpzuivel"; not "Groen" in "groen licht")."""
    found: list[WrittenName] = []
    for n, line in enumerate(lines):
        if _FORMULA_RE.match(line):
            continue
        words = _WORD_RE.findall(line)
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + MAX_WORDS) + 1):
                run = words[i:j]
                if not any(w[:1].isupper() for w in run):
                    continue
                key = organisation_core(" ".join(run))[:100]
                if len(key) < MIN_KEY or (
                    j - i == 1 and (len(key) < 5 or not run[0][:1].isupper())
                ):
                    continue
                # "Feartwei 21 in Oosterwoud": a place, not VV Oosterwoud.
                if j - i == 1 and i > 0 and words[i - 1].lower() in _PLACE_WORDS:
                    continue
                bare = all(organisation_core(w) for w in run)
                # First, so that of the two keys of one run the whole one is taken where
                # it finds a firm (see :func:`longest`).
                whole = organisation_whole(" ".join(run))[:100]
                if not bare and whole != key and len(whole) >= 5:
                    found.append(WrittenName(whole, n, i, j, False, whole=True))
                found.append(WrittenName(key, n, i, j, bare))
    return found


def longest(names: Iterable[WrittenName]) -> list[WrittenName]:
    """Of overlapping names, the longest ("Café De Gouden Appel", not "Gouden Appel")."""
    taken: list[WrittenName] = []
    for name in sorted(names, key=lambda w: (w.start - w.end, w.line, w.start)):
        if not any(
            t.line == name.line and t.start < name.end and name.start < t.end for t in taken
        ):
            taken.append(name)
    return taken


def _overlap(a: WrittenName, b: WrittenName) -> bool:
    return a.line == b.line and a.start < b.end and b.start < a.end


def read_trade_names(stream: IO[str], name: str) -> Iterator[TradeNameRow]:
    """The rows of a trade register CSV, validated; the first bad row fails with its line
    number."""
    extract = open_extract(stream, name, COLUMNS, _REQUIRED, _NEEDS, TradeNameImportError)
    for line, cells in extract.rows():
        try:
            yield _row(cells)
        except ValueError as e:
            raise TradeNameImportError(f"{name}: line {line}: {e}") from None


def _row(cells: dict[str, str]) -> TradeNameRow:
    kvk = cells["kvk"].replace(" ", "")
    if not _KVK_RE.match(kvk):
        raise ValueError(f"the KvK number {cells['kvk']!r} is not eight digits")
    trade_name = " ".join(cells["name"].split())
    if not trade_name:
        raise ValueError("the trade name is empty")
    if len(trade_name) > 200:
        raise ValueError("the trade name is longer than 200 characters")
    postcode = cells.get("postcode", "").replace(" ", "").upper() or None
    if postcode is not None and not _POSTCODE_RE.match(postcode):
        raise ValueError(f"the postcode {cells['postcode']!r} is not a Dutch postcode")
    number = cells.get("number", "")
    if number and not number.isdigit():
        raise ValueError(f"the house number {number!r} is not a number")
    house = (
        house_number(str(int(number)), cells.get("letter", ""), cells.get("addition", ""))
        if number
        else None
    )
    return TradeNameRow(kvk, trade_name, postcode, house, cells.get("place") or None)


def import_trade_names(
    session: Session, path: Path, progress: Callable[[int], None] | None = None
) -> TradeNameImport:
    """Replace the trade register with the file's names, in the caller's transaction (one
    bad row and nothing changes). ``progress`` is called with the number of rows read after
    every few thousand."""
    replaced = (
        session.scalar(
            select(func.count()).select_from(
                select(TradeName.kvk, TradeName.name).distinct().subquery()
            )
        )
        or 0
    )
    session.execute(delete(TradeName))
    names: set[tuple[str, str]] = set()
    unusable: set[tuple[str, str]] = set()
    rows = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            chunk: list[dict[str, Any]] = []
            seen: set[tuple[str, str, str, str | None, str | None]] = set()
            for row in read_trade_names(stream, path.name):
                rows += 1
                names.add((row.kvk, row.name))
                keys = name_keys(row.name, row.place)
                if not keys:
                    unusable.add((row.kvk, row.name))
                for key in keys:
                    # An extract lists a name once per establishment; a file may repeat it.
                    if (
                        found := (row.kvk, row.name, key, row.postcode, row.house_number)
                    ) not in seen:
                        seen.add(found)
                        chunk.append({**row.to_json(), "key": key})
                if len(chunk) >= _CHUNK:
                    session.execute(insert(TradeName), chunk)
                    chunk = []
                    if progress is not None:
                        progress(rows)
            if chunk:
                session.execute(insert(TradeName), chunk)
    except (OSError, UnicodeDecodeError) as e:
        raise TradeNameImportError(f"cannot read {path}: {e}") from e
    if not names:
        raise TradeNameImportError(f"{path.name}: no trade names in the file")
    firms = len({kvk for kvk, _ in names})
    return TradeNameImport(path.name, len(names), firms, len(unusable), replaced)


def find_trade_name(session: Session, name: str) -> list[TradeNameRow]:
    """The register's establishments trading under ``name`` as a letter writes it ("'t
    Veerhuis", "Café 't Veerhuis"): what matching reads."""
    keys = name_keys(name)
    if not keys:
        return []
    rows = session.scalars(
        select(TradeName)
        .where(TradeName.key.in_(keys))
        .order_by(TradeName.kvk, TradeName.name, TradeName.postcode)
    ).all()
    found = dict.fromkeys(
        TradeNameRow(r.kvk, r.name, r.postcode, r.house_number, r.place) for r in rows
    )
    return list(found)
