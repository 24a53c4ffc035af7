"""``mailroom status`` and ``mailroom quarantine``: the postroom's view of today's intake."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from mailroom.app import postroom
from mailroom.app.context import Mailroom
from mailroom.faces.cli.output import document_line, json_option, show, with_mailroom

STATUS_HEADER = (
    f"{'today':<8}{'inputs':>8}{'docs':>7}{'done':>7}{'busy':>7}{'review':>8}"
    f"{'quar.':>7}{'failed':>8}{'dupl.':>7}"
)


@click.command()
@json_option
@click.option(
    "--follow", is_flag=True, help="Refresh every 2 seconds until nothing is in progress."
)
@with_mailroom
def status(mr: Mailroom, as_json: bool, follow: bool) -> None:
    """Today's intake per channel: received, processed, in progress, review, quarantine."""
    for n, rows in enumerate(postroom.status_updates(mr, follow)):
        if n:
            click.echo()
        show(
            rows,
            as_json,
            header=STATUS_HEADER,
            row=_status_row,
            lines=_needs_a_person,
            to_json=vars,
        )


def _status_row(r: postroom.ChannelStatus) -> str:
    return (
        f"{r.channel:<8}{r.inputs:>8}{r.documents:>7}{r.processed:>7}"
        f"{r.in_progress:>7}{r.in_review:>8}{r.quarantined:>7}{r.failed:>8}"
        f"{r.duplicates:>7}"
    )


def _needs_a_person(rows: list[postroom.ChannelStatus]) -> Iterator[str]:
    for r in rows:
        yield from r.mailboxes
    unfiled = sum(r.unfiled for r in rows)
    if unfiled:
        yield f"waiting to be filed in the zaaksysteem: {unfiled}"
    for r in rows:
        if r.acks_waiting:
            why = f" ({r.acks_blocked})" if r.acks_blocked else ""
            yield f"{r.channel} acknowledgements waiting to be sent: {r.acks_waiting}{why}"
        if r.acks_failed:
            yield (
                f"{r.channel} acknowledgements a person must send: {r.acks_failed} "
                "(mailroom acknowledgements list --pending)"
            )
    reasons = postroom.needs_a_person(rows)
    if reasons:
        yield "needs a person:"
    for reason, n in reasons:
        yield f"  {n:>4}  {reason}"


@click.group()
def quarantine() -> None:
    """Inputs that could not be processed, with the reason, and what to do about them."""


@quarantine.command("list")
@json_option
@with_mailroom
def quarantine_list(mr: Mailroom, as_json: bool) -> None:
    """Quarantined and failed documents, with their reasons."""
    show(postroom.quarantine_list(mr), as_json, row=_entry_row, empty="quarantine is empty")


def _entry_row(e: postroom.QuarantineEntry) -> str:
    name = Path(e.file).name + (f" [{e.part}]" if e.part else "")
    return f"#{e.id} {e.received_at:%Y-%m-%d %H:%M} {name}: {e.reason}"


@quarantine.command("show")
@click.argument("document_id", type=int)
@json_option
@with_mailroom
def quarantine_show(mr: Mailroom, document_id: int, as_json: bool) -> None:
    """One quarantined document: where it came from and why it is held."""
    entry = postroom.quarantine_show(mr, document_id)
    show(entry, as_json, lines=lambda e: _entry_lines(e, mr.settings.quarantine_dir))


def _entry_lines(e: postroom.QuarantineEntry, quarantine_dir: Path) -> list[str]:
    return [
        f"#{e.id} {e.state} at stage {e.stage or '-'}",
        f"  file     {e.file}" + (f" [{e.part}]" if e.part else ""),
        f"  received {e.received_at:%Y-%m-%d %H:%M}",
        f"  reason   {e.reason}",
        f"  copy     {quarantine_dir}/{e.id}.*",
    ]


@quarantine.command("retry")
@click.argument("document_id", type=int)
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--by", required=True, help="Who retries (recorded).")
@json_option
@with_mailroom
def quarantine_retry(
    mr: Mailroom, document_id: int, password: str | None, by: str, as_json: bool
) -> None:
    """Process a quarantined document again after a fix (e.g. a password supplied)."""
    show(postroom.quarantine_retry(mr, document_id, by, password), as_json, row=document_line)


@quarantine.command("discard")
@click.argument("document_id", type=int)
@click.option("--by", required=True, help="Who discards it (recorded).")
@click.option("--reason", help="Why (recorded).")
@with_mailroom
def quarantine_discard(mr: Mailroom, document_id: int, by: str, reason: str | None) -> None:
    """Take a document out of quarantine for good; the original stays in the store."""
    postroom.quarantine_discard(mr, document_id, by, reason)
    click.echo(f"document {document_id} discarded by {by}")


COMMANDS = [status, quarantine]
