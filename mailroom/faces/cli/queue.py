"""``mailroom queue``: the team queues and the review queue, taking and finishing work."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import click

from mailroom.app import deadlines, teams
from mailroom.app.context import Mailroom
from mailroom.app.pipeline import DocumentResult
from mailroom.faces.cli.output import document_line, json_option, show, with_mailroom

QUEUE_HEADER = f"{'queue':<24}{'waiting':>8}{'claimed':>8}  {'oldest':<10}{'messages':>9}  team"


@click.group()
def queue() -> None:
    """Team queues and the review queue."""


@queue.command("list")
@json_option
@with_mailroom
def queue_list(mr: Mailroom, as_json: bool) -> None:
    """Per team queue (and review): documents waiting, claimed, the oldest waiting, and
    messages in the broker."""
    show(teams.overview(mr), as_json, header=QUEUE_HEADER, row=_queue_row(mr.clock()))


def _queue_row(now: datetime) -> Callable[[teams.QueueRow], str]:
    def row(q: teams.QueueRow) -> str:
        age = _age(now - q.oldest_received_at) if q.oldest_received_at else "-"
        messages = "-" if q.messages is None else str(q.messages)
        return f"{q.name:<24}{q.waiting:>8}{q.claimed:>8}  {age:<10}{messages:>9}  {q.title}"

    return row


def _age(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // 1440} days"


@queue.command("show")
@click.argument("team")
@json_option
@with_mailroom
def queue_show(mr: Mailroom, team: str, as_json: bool) -> None:
    """Documents on one team's queue (or ``review``): waiting and claimed, the most pressing
    first (an ingebrekestelling, then the soonest due date, then the oldest)."""
    today = deadlines.today(mr)
    show(
        teams.documents(mr, team),
        as_json,
        row=lambda r: document_line(r) + due_text(r, today),
        empty=f"queue {team} is empty",
    )


def due_text(r: DocumentResult, today: date) -> str:
    """ " | due in 5 days" (or overdue; URGENT after an ingebrekestelling)."""
    if r.due_date is None:
        return ""
    left = (date.fromisoformat(r.due_date) - today).days
    text = f"overdue by {-left} d" if left < 0 else "due today" if left == 0 else f"due in {left} d"
    urgent = f", URGENT: penalty from {r.penalty_from}" if r.penalty_from else ""
    return f"  | {text}{urgent}"


@queue.command("take")
@click.argument("team")
@click.option("--by", required=True, help="Who takes it.")
@json_option
@with_mailroom
def queue_take(mr: Mailroom, team: str, by: str, as_json: bool) -> None:
    """Claim the most pressing waiting document of a queue: its case and a link to its PDF."""
    show(teams.take(mr, team, by), as_json, lines=_taken_lines)


def _taken_lines(taken: teams.Taken) -> list[str]:
    return [document_line(taken.document), f"  taken by {taken.claimed_by}; PDF: {taken.pdf}"]


@queue.command("done")
@click.argument("document_id", type=int)
@click.option("--by", required=True, help="Who finished it.")
@with_mailroom
def queue_done(mr: Mailroom, document_id: int, by: str) -> None:
    """Mark a taken document as done: it leaves its queue."""
    teams.done(mr, document_id, by)
    click.echo(f"#{document_id} done")


COMMANDS = [queue]
