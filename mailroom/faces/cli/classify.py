"""``mailroom classify``: what the classifier makes of a file or a text."""

from __future__ import annotations

import click

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.faces.cli.output import json_option, show, with_mailroom


@click.command()
@click.argument("file_or_text")
@json_option
@with_mailroom
def classify(mr: Mailroom, file_or_text: str, as_json: bool) -> None:
    """Show the top case-type scores for a file (OCR'd if needed) or a text."""
    show(api.classify_top(mr, file_or_text, top=5), as_json, lines=_score_lines)


def _score_lines(report: api.ClassifyReport) -> list[str]:
    return [f"{score:6.3f}  {label}" for label, score in report.scores.items()]


COMMANDS = [classify]
