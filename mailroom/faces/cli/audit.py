"""``mailroom audit``: the trail of state changes and human actions."""

from __future__ import annotations

from typing import Any

import click

from mailroom.app import audit
from mailroom.app.context import Mailroom
from mailroom.faces.cli.output import json_option, show, with_mailroom


@click.command("audit")
@click.option("--document", "document_id", type=int, help="The trail of one document.")
@click.option("--case", "case_number", help="The trail of a case and its documents.")
@click.option("--limit", default=500, show_default=True, help="At most this many events.")
@json_option
@with_mailroom
def audit_trail(
    mr: Mailroom, document_id: int | None, case_number: str | None, limit: int, as_json: bool
) -> None:
    """Every state change and human action, with who and when (the latest, or of one
    document or case)."""
    entries = audit.trail(mr, document_id, case_number, limit)
    show(entries, as_json, row=_event_row, empty="no events")


def _event_row(e: audit.AuditEntry) -> str:
    where = " ".join(x for x in (e.document_id and f"#{e.document_id}", e.case_number) if x)
    change = ""
    if e.old or e.new:
        change = f"  {_brief(e.old)} -> {_brief(e.new)}" if e.old else f"  {_brief(e.new)}"
    return f"{e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<14} {e.action:<18} {where}{change}"


def _brief(values: dict[str, Any] | None) -> str:
    if not values:
        return "-"
    return ", ".join(f"{k}={v}" for k, v in values.items() if v is not None)


COMMANDS = [audit_trail]
