"""``mailroom documents``: one document, everything known about it, and its text."""

from __future__ import annotations

from collections.abc import Iterator

import click

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.faces.cli.output import document_line, json_option, show, with_mailroom


@click.group()
def documents() -> None:
    """Look at documents."""


@documents.command("show")
@click.argument("document_id", type=int)
@json_option
@with_mailroom
def documents_show(mr: Mailroom, document_id: int, as_json: bool) -> None:
    """Show what mailroom knows about one document."""
    show(api.show_document(mr, document_id), as_json, lines=_document_lines)


def _document_lines(view: api.DocumentView) -> Iterator[str]:
    yield document_line(view.result)
    yield f"  channel {view.channel}, {view.media_type}, received {view.received_at:%Y-%m-%d %H:%M}"
    yield f"  original {view.original}"
    if view.archive:
        yield f"  archive  {view.archive}"
    if view.email:
        yield f"  email    from {view.email['from']}: {view.email['subject']}"
    for page in view.pages:
        conf = f"{page['confidence']:.2f}" if page["confidence"] is not None else "text layer"
        yield f"  page {page['number']:<3} {page['chars']} characters, OCR confidence {conf}"
    for other in view.siblings:
        yield f"  with     #{other['id']} {other['part'] or ''} ({other['state']})"
    if view.scores:
        yield "  scores   " + ", ".join(f"{k} {v:.2f}" for k, v in view.scores.items())
    if view.result.case_number:
        score = f", score {view.case_score:.2f}" if view.case_score is not None else ""
        yield f"  case     {view.result.case_number} ({view.result.case_match}{score})"
    for event in view.history:
        yield f"  {event['at'][:19]} {event['actor']}: {event['action']}"


@documents.command("text")
@click.argument("document_id", type=int)
@with_mailroom
def documents_text(mr: Mailroom, document_id: int) -> None:
    """Print the text of one document."""
    click.echo(api.document_text(mr, document_id))


COMMANDS = [documents]
