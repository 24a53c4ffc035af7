"""The municipality's address register: an extract of the BAG (Basisregistratie Adressen en
Gebouwen), read from CSV and kept in the table ``addresses``.

The case register knows a party by postcode and house number; a letter often gives only a
street and number ("Groet,\\nTinus\\nDijkweg 112"). The BAG tells which postcode that is,
so matching can look the party up as if the postcode had been written (see
:meth:`mailroom.cases.register.DbCaseLookup.postcodes_at`).

Two common exports are read as they come: NLExtract's and PDOK's address CSV
(``openbareruimte;huisnummer;huisletter;huisnummertoevoeging;postcode;woonplaats;gemeente``,
semicolons) and bagconv's (``straat,huisnummer,huisletter,huistoevoeging,woonplaats,postcode``,
commas). Columns are found by name; others are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from mailroom.cases.addresses import house_forms
from mailroom.cases.extract import open_extract
from mailroom.cases.names import plain_words
from mailroom.core.db.models import Address
from mailroom.core.errors import ConfigError

#: The names each column goes by in the exports read (lower case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "street": ("openbareruimte", "openbareruimtenaam", "straat", "straatnaam", "street"),
    "number": ("huisnummer", "housenumber"),
    "letter": ("huisletter",),
    "addition": ("huisnummertoevoeging", "huistoevoeging", "toevoeging"),
    "postcode": ("postcode",),
    "place": ("woonplaats", "woonplaatsnaam", "plaats"),
    "municipality": ("gemeente", "gemeentenaam"),
}
_REQUIRED = ("street", "number", "postcode")
_NEEDS = (
    "an address file needs openbareruimte (or straat), huisnummer and postcode, with "
    "huisletter, huisnummertoevoeging, woonplaats and gemeente where it has them"
)
_POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
#: Rows written in one statement: a municipality's extract holds tens of thousands.
_CHUNK = 5000


class AddressImportError(ConfigError):
    """An address file cannot be read or a row of it is not valid; nothing was imported."""


@dataclass(frozen=True)
class AddressRow:
    """One address of the extract."""

    street: str
    #: The house number as the case register keeps it: "12", "12A", "3-2".
    house_number: str
    postcode: str
    place: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The record as JSON."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class AddressImport:
    """What an import of an address file did."""

    file: str
    addresses: int
    streets: int
    postcodes: int
    #: Rows of other municipalities left out (``--municipality``).
    skipped: int
    #: Addresses the register held before, all replaced.
    replaced: int

    def to_json(self) -> dict[str, Any]:
        """The record as JSON."""
        return dict(self.__dict__)


def street_key(street: str) -> str:
    """A street as written and as the BAG names it meet: plain words, spellings folded,
    run together ("Burgemeester de Withstraat" → "burgemeesterdewithstraat")."""
    return "".join(plain_words(street))[:100]


def street_end_key(street: str) -> str:
    """The street's last word, plain: "Burg. de Withstraat" and "Burgemeester de
    Withstraat" meet by it ("withstraat") where the full names do not."""
    words = plain_words(street)
    return words[-1][:100] if words else ""


def house_number(number: str, letter: str = "", addition: str = "") -> str:
    """The BAG's three parts as the case register writes a house number: 12 and A →
    "12A", 3 and 2 → "3-2", 41 and bis → "41-BIS"."""
    letter, addition = letter.strip().upper(), re.sub(r"[\s-]", "", addition).upper()
    return f"{number}{letter}" + (f"-{addition}" if addition else "")


def read_addresses(
    stream: IO[str], name: str, municipality: str | None = None
) -> Iterator[AddressRow | None]:
    """The rows of an address CSV, validated; a row of another municipality than
    ``municipality`` (when given) is None. The first bad row fails with its line number."""
    extract = open_extract(stream, name, COLUMNS, _REQUIRED, _NEEDS, AddressImportError)
    if municipality is not None and "municipality" not in extract.columns:
        raise AddressImportError(
            f"{name}: line 1: no gemeente column to choose {municipality!r} by"
        )
    wanted = municipality.casefold() if municipality else None
    for line, cells in extract.rows():
        if wanted is not None and cells["municipality"].casefold() != wanted:
            yield None
            continue
        try:
            yield _row(cells)
        except ValueError as e:
            raise AddressImportError(f"{name}: line {line}: {e}") from None


def _row(cells: dict[str, str]) -> AddressRow:
    street = " ".join(cells["street"].split())
    if not street_key(street):
        raise ValueError("the street is empty")
    number = cells["number"]
    if not number.isdigit():
        raise ValueError(f"the house number {number!r} is not a number")
    postcode = cells["postcode"].replace(" ", "").upper()
    if not _POSTCODE_RE.match(postcode):
        raise ValueError(f"the postcode {cells['postcode']!r} is not a Dutch postcode")
    letter, addition = cells.get("letter", ""), cells.get("addition", "")
    if len(letter) > 1 or len(addition) > 4:
        raise ValueError(f"the house letter {letter!r} or addition {addition!r} is too long")
    return AddressRow(
        street=street,
        house_number=house_number(str(int(number)), letter, addition),
        postcode=postcode,
        place=cells.get("place") or None,
    )


def import_addresses(
    session: Session,
    path: Path,
    municipality: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> AddressImport:
    """Replace the address register with the file's addresses, in the caller's transaction
    (one bad row and nothing changes). ``progress`` is called with the number of rows read
    after every few thousand."""
    replaced = session.scalar(select(func.count()).select_from(Address)) or 0
    session.execute(delete(Address))
    count = skipped = 0
    streets: set[tuple[str, str | None]] = set()
    postcodes: set[str] = set()
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            chunk: list[dict[str, Any]] = []
            for row in read_addresses(stream, path.name, municipality):
                if row is None:
                    skipped += 1
                    continue
                chunk.append(_values(row))
                streets.add((row.street, row.place))
                postcodes.add(row.postcode)
                count += 1
                if len(chunk) == _CHUNK:
                    session.execute(insert(Address), chunk)
                    chunk = []
                    if progress is not None:
                        progress(count + skipped)
            if chunk:
                session.execute(insert(Address), chunk)
    except (OSError, UnicodeDecodeError) as e:
        raise AddressImportError(f"cannot read {path}: {e}") from e
    if count == 0:
        where = f" of {municipality}" if municipality else ""
        raise AddressImportError(f"{path.name}: no addresses{where} in the file")
    return AddressImport(path.name, count, len(streets), len(postcodes), skipped, replaced)


def _values(row: AddressRow) -> dict[str, Any]:
    return {
        "street": row.street,
        "street_key": street_key(row.street),
        "end_key": street_end_key(row.street),
        "house_number": row.house_number,
        "postcode": row.postcode,
        "place": row.place,
    }


_HOUSE_RE = re.compile(
    r"^\s*(?P<street>.*?[^\W\d_].*?)[\s,]+(?P<number>\d+(?:\s*[-/]?\s*[A-Za-z0-9]{1,4})?)\s*$"
)


def split_house(text: str) -> tuple[str, str]:
    """("Dijkweg", "112") of "Dijkweg 112"; a text without a street and a number fails."""
    m = _HOUSE_RE.match(text)
    if m is None:
        raise AddressImportError(f'{text!r} is not a street and house number (as in "Dijkweg 112")')
    return " ".join(m["street"].split()), re.sub(r"\s", "", m["number"]).upper()


def find_house(session: Session, street: str, number: str) -> list[AddressRow]:
    """The register's addresses of a street and number as a letter writes them: by the
    street's full name, else by its last word; what matching reads."""
    forms = house_forms(number)
    for column, key in ((Address.street_key, street_key), (Address.end_key, street_end_key)):
        rows = session.scalars(
            select(Address)
            .where(column == key(street), Address.house_number.in_(forms))
            .order_by(Address.place, Address.postcode)
        ).all()
        if rows:
            return [AddressRow(r.street, r.house_number, r.postcode, r.place) for r in rows]
    return []
