"""``mailroom addresses``: the municipality's address register (a BAG extract)."""

from __future__ import annotations

from pathlib import Path

import click

from mailroom.app import address_register
from mailroom.app.context import Mailroom
from mailroom.faces.cli.output import (
    EXISTING_FILE,
    by_option,
    json_option,
    rows_read,
    show,
    with_mailroom,
)


@click.group()
def addresses() -> None:
    """The address register (BAG): which postcode a street and number have, so that a
    letter signed "Dijkweg 112" without a postcode finds its writer's cases."""


@addresses.command("import")
@click.argument("file", type=EXISTING_FILE)
@click.option(
    "--municipality",
    metavar="GEMEENTE",
    help="Keep only this gemeente's rows (of a national extract with a gemeente column).",
)
@by_option("Who imports.")
@json_option
@with_mailroom
def addresses_import(
    mr: Mailroom, file: Path, municipality: str | None, by: str, as_json: bool
) -> None:
    """Replace the address register with a BAG extract CSV: NLExtract's or PDOK's
    (openbareruimte;huisnummer;huisletter;huisnummertoevoeging;postcode;woonplaats;gemeente)
    or bagconv's (straat,huisnummer,...). Every row is checked; one bad row is reported
    with its line number and nothing changes."""
    with rows_read(as_json) as progress:
        report = address_register.import_address_file(mr, file, by, municipality, progress)
    show(
        report,
        as_json,
        lines=lambda r: [
            f"{r.addresses} addresses in {r.streets} streets and {r.postcodes} postcodes "
            f"imported from {r.file}"
            + (f" ({r.skipped} rows of other municipalities left out)" if r.skipped else "")
            + (f"; {r.replaced} replaced" if r.replaced else "")
        ],
    )


@addresses.command("find")
@click.argument("house")
@json_option
@with_mailroom
def addresses_find(mr: Mailroom, house: str, as_json: bool) -> None:
    """Where a street and number as a letter writes them ("Burg. de Withstraat 4a") are,
    by the register: what matching reads. Two or more where villages share the street's
    name; matching then leaves the postcode open."""
    found = address_register.find_address(mr, house)
    show(
        found,
        as_json,
        row=lambda a: (
            f"{a.street} {a.house_number}  {a.postcode[:4]} {a.postcode[4:]}"
            + (f"  {a.place}" if a.place else "")
        ),
        empty=f"{house}: not in the address register",
    )


COMMANDS = [addresses]
