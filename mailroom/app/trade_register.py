"""The municipality's trade register (a Handelsregister extract): import it, and look a
trade name up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.cases.kvk import TradeNameImport, TradeNameRow, find_trade_name, import_trade_names
from mailroom.core.db.session import transaction


def import_trade_name_file(
    mr: Mailroom, path: Path, by: str, progress: Callable[[int], None] | None = None
) -> TradeNameImport:
    """Replace the trade register with a Handelsregister extract CSV, all or nothing."""
    with transaction(mr.sessions) as session:
        report = import_trade_names(session, path, progress)
        record(session, mr, "trade_names_imported", actor=by, new=asdict(report))
    return report


def find_firm(mr: Mailroom, name: str) -> list[TradeNameRow]:
    """The establishments trading under a name as a letter writes it ("'t Veerhuis"): what
    matching would read. Several where firms share the name; matching then takes none."""
    with mr.sessions() as session:
        return find_trade_name(session, name)
