"""``mailroom trade-names``: the municipality's trade register (a Handelsregister extract)."""

from __future__ import annotations

from pathlib import Path

import click

from mailroom.app import trade_register
from mailroom.app.context import Mailroom
from mailroom.faces.cli.output import (
    EXISTING_FILE,
    by_option,
    json_option,
    rows_read,
    show,
    with_mailroom,
)


@click.group("trade-names")
def trade_names() -> None:
    """The trade register (Handelsregister): which KvK number a trade name belongs to, so
    that a letter signed "Café 't Veerhuis" finds the cases of Horeca De Kaai V.O.F."""


@trade_names.command("import")
@click.argument("file", type=EXISTING_FILE)
@by_option("Who imports.")
@json_option
@with_mailroom
def trade_names_import(mr: Mailroom, file: Path, by: str, as_json: bool) -> None:
    """Replace the trade register with a Handelsregister extract CSV, one row per trade
    name of an establishment (kvknummer;vestigingsnummer;handelsnaam;straatnaam;huisnummer;
    huisletter;huisnummertoevoeging;postcode;plaats; kvknummer and handelsnaam are
    needed). Every row is checked; one bad row is reported with its line number and nothing
    changes."""
    with rows_read(as_json) as progress:
        report = trade_register.import_trade_name_file(mr, file, by, progress)
    show(
        report,
        as_json,
        lines=lambda r: [
            f"{r.names} trade names of {r.firms} firms imported from {r.file}"
            + (f" ({r.unusable} too plain to find a firm by)" if r.unusable else "")
            + (f"; {r.replaced} replaced" if r.replaced else "")
        ],
    )


@trade_names.command("find")
@click.argument("name")
@json_option
@with_mailroom
def trade_names_find(mr: Mailroom, name: str, as_json: bool) -> None:
    """Which firms trade under a name as a letter writes it ("'t Veerhuis"), by the
    register: what matching reads. Two or more where firms share the name; matching then
    takes none of them."""
    found = trade_register.find_firm(mr, name)
    show(
        found,
        as_json,
        row=lambda f: (
            f"{f.kvk}  {f.name}"
            + (f"  {f.postcode[:4]} {f.postcode[4:]} {f.house_number or ''}" if f.postcode else "")
            + (f"  {f.place}" if f.place else "")
        ),
        empty=f"{name}: not in the trade register",
    )


COMMANDS = [trade_names]
