"""``mailroom deadlines`` and ``mailroom acknowledgements``: what the municipality owes
senders, and by when."""

from __future__ import annotations

from datetime import datetime

import click

from mailroom.app import acknowledgements, deadlines
from mailroom.app.context import Mailroom
from mailroom.faces.cli.output import json_option, show, with_mailroom


@click.command("deadlines")
@click.option("--team", help="Only this team's cases (code, see `mailroom queue list`).")
@click.option("--overdue", is_flag=True, help="Only cases past their due date.")
@click.option(
    "--within", type=click.IntRange(min=0), metavar="DAYS", help="Only cases due within DAYS."
)
@json_option
@with_mailroom
def deadlines_command(
    mr: Mailroom, team: str | None, overdue: bool, within: int | None, as_json: bool
) -> None:
    """Open cases by due date: urgent ones (an ingebrekestelling) first, then the soonest."""
    rows = deadlines.deadlines(mr, team, overdue, within)
    show(rows, as_json, header=DEADLINE_HEADER, row=_deadline_row, empty="no open cases due")


DEADLINE_HEADER = f"{'case':<22}{'type':<25}{'team':<24}{'due':<12}when"


def _deadline_row(d: deadlines.Deadline) -> str:
    return (
        f"{d.case_number:<21} {d.case_type:<24} {d.team:<23} {d.due_date.isoformat():<11} {when(d)}"
    )


def when(d: deadlines.Deadline) -> str:
    """ "overdue by 3 days", "due today", "due in 5 days"; urgency and the rule after it."""
    if d.days_left < 0:
        text = f"OVERDUE by {-d.days_left} day{'s' if d.days_left != -1 else ''}"
    elif d.days_left == 0:
        text = "due today"
    else:
        text = f"due in {d.days_left} day{'s' if d.days_left != 1 else ''}"
    if d.penalty_from is not None:
        text += f"; URGENT: ingebrekestelling, penalty from {d.penalty_from.isoformat()}"
    return text + (f" ({d.rule})" if d.rule else "")


@click.group("acknowledgements")
def acknowledgements_group() -> None:
    """Acknowledgements of receipt: email replies and paper letters owed to senders."""


@acknowledgements_group.command("list")
@click.option("--pending", is_flag=True, help="Only those not sent yet (waiting or failed).")
@click.option("--limit", default=200, show_default=True, help="At most this many, newest first.")
@json_option
@with_mailroom
def acknowledgements_list(mr: Mailroom, pending: bool, limit: int, as_json: bool) -> None:
    """Acknowledgements, newest first: case, channel, state and what happened."""
    rows = acknowledgements.list_acknowledgements(mr, pending, limit)
    show(rows, as_json, header=ACK_HEADER, row=_ack_row, empty="no acknowledgements")


ACK_HEADER = f"{'#':>5}  {'case':<22}{'channel':<8}{'state':<9}{'tries':>5}  detail"


def _ack_row(a: acknowledgements.AckView) -> str:
    if a.state == "sent" and a.sent_at:
        detail = f"sent {a.sent_at:%Y-%m-%d %H:%M}" + (", filed" if a.filed else "")
        detail += f"  {a.copy_path}" if a.channel == "paper" and a.copy_path else ""
    elif a.blocked:
        detail = a.blocked
    elif a.next_attempt_at and a.state == "pending":
        detail = f"next try {a.next_attempt_at:%H:%M}: {a.last_error or ''}".rstrip(": ")
    else:
        detail = a.last_error or ""
    return f"{a.id:>5}  {a.case_number:<22}{a.channel:<8}{a.state:<9}{a.attempts:>5}  {detail}"


@acknowledgements_group.command("send")
@with_mailroom
def acknowledgements_send(mr: Mailroom) -> None:
    """Send what is waiting now (the daemon and the workers also do, every few minutes)."""
    report = acknowledgements.send_due(mr)
    filed = acknowledgements.file_due(mr)
    click.echo(
        f"{report.sent} sent, {report.waiting} still waiting, {report.failed} failed"
        + (f", {filed} filed in the zaaksysteem" if filed else "")
    )
    blocked = {c: acknowledgements.not_ready(mr, c) for c in ("paper", "email")}
    for channel, why in blocked.items():
        if why:
            click.echo(f"{channel}: {why}")


@acknowledgements_group.command("print")
@click.option(
    "--day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day (YYYY-MM-DD); default today.",
)
@with_mailroom
def acknowledgements_print(mr: Mailroom, day: datetime | None) -> None:
    """Make the day's print file of paper acknowledgements and say where it is."""
    wanted = day.date() if day is not None else deadlines.today(mr)
    path = acknowledgements.print_day(mr, wanted)
    click.echo(str(path) if path else f"no paper acknowledgements on {wanted.isoformat()}")


COMMANDS = [deadlines_command, acknowledgements_group]
