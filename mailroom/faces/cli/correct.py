"""``mailroom correct``: put a document right; it moves to the right team's queue."""

from __future__ import annotations

from typing import Any

import click

from mailroom.app import corrections
from mailroom.app.context import Mailroom
from mailroom.faces.cli.output import json_option, show, with_mailroom


@click.command()
@click.argument("document_id", type=int)
@click.option("--case-type", help="The right case type (code).")
@click.option("--case", "case_number", help="Put it in this existing case.")
@click.option("--new-case", is_flag=True, help="Open a new case for it.")
@click.option("--by", required=True, help="Who corrects it (recorded).")
@click.option("--reason", help="Why (recorded).")
@json_option
@with_mailroom
def correct(
    mr: Mailroom,
    document_id: int,
    case_type: str | None,
    case_number: str | None,
    new_case: bool,
    by: str,
    reason: str | None,
    as_json: bool,
) -> None:
    """Correct a document's case type or case; it moves to the right team's queue.

    The correction is recorded with the old and new values, and the corrected
    case type is kept with the text for `mailroom model train --with-corrections`.
    """
    result = corrections.correct(mr, document_id, by, case_type, case_number, new_case, reason)
    show(result, as_json, lines=_correction_lines, to_json=_correction_json)


def _correction_json(result: corrections.CorrectionResult) -> dict[str, Any]:
    return {**result.document.to_json(), "old": result.old, "new": result.new}


def _correction_lines(result: corrections.CorrectionResult) -> list[str]:
    old, new = result.old, result.new
    return [
        f"#{result.document.id}: {old['case_type']} {old['case_number']} ({old['team']}) -> "
        f"{new['case_type']} {new['case_number']} ({new['team']})"
    ]


COMMANDS = [correct]
