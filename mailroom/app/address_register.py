"""The municipality's address register (a BAG extract): import it, and look a house up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.cases.bag import AddressImport, AddressRow, find_house, import_addresses, split_house
from mailroom.core.db.session import transaction


def import_address_file(
    mr: Mailroom,
    path: Path,
    by: str,
    municipality: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> AddressImport:
    """Replace the address register with a BAG extract CSV, all or nothing; with
    ``municipality``, only that gemeente's rows (of a national extract)."""
    with transaction(mr.sessions) as session:
        report = import_addresses(session, path, municipality, progress)
        record(session, mr, "addresses_imported", actor=by, new=asdict(report))
    return report


def find_address(mr: Mailroom, house: str) -> list[AddressRow]:
    """The register's addresses of a street and number as a letter writes them
    ("Burg. de Withstraat 4a"): what matching would read. Several where villages share a
    street name."""
    street, number = split_house(house)
    with mr.sessions() as session:
        return find_house(session, street, number)
