"""``mailroom watch`` and ``mailroom worker``: the long-running processes."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from mailroom.app import api
from mailroom.app import watch as watching
from mailroom.core.logs import configure_logging
from mailroom.faces.cli.output import settings_of
from mailroom.faces.worker import run_workers


@click.command()
@click.option(
    "--scanner",
    type=click.Path(file_okay=False, path_type=Path),
    help="Scanner watch folder (default: inbox/scanner in the data directory).",
)
@click.option(
    "--email",
    type=click.Path(file_okay=False, path_type=Path),
    help="Email watch folder for .eml files (default: inbox/email).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes (default: setting watch_workers, else one per core).",
)
@click.option(
    "--mailbox/--no-mailbox",
    default=True,
    show_default=True,
    help="Also take email from the IMAP mailbox the imap_* settings name.",
)
@click.pass_context
def watch(
    ctx: click.Context,
    scanner: Path | None,
    email: Path | None,
    workers: int | None,
    mailbox: bool,
) -> None:
    """Watch the scanner and email folders (and the IMAP mailbox, when one is set) and
    process everything that arrives."""
    settings = settings_of(ctx)
    # A daemon's terminal is its log: one line per document, starts and stops.
    configure_logging(
        min(ctx.obj["log_level"], logging.INFO), settings.log_path, tracebacks=ctx.obj["tracebacks"]
    )
    watching.watch(settings, scanner, email, workers, mailbox)


@click.command()
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes on this machine.",
)
@click.option(
    "--until-idle",
    type=float,
    help="Stop once the work queue has been empty this many seconds (batch runs, tests).",
)
@click.pass_context
def worker(ctx: click.Context, concurrency: int, until_idle: float | None) -> None:
    """Take stage work (OCR, classify, match, route) from the broker until stopped.

    Start any number, on any machines sharing the database and broker; a message
    is acknowledged after its document is committed, so a killed worker loses
    nothing. SIGTERM or Ctrl-C finishes the document in hand.
    """
    logging.getLogger("mailroom").setLevel(logging.INFO)
    count, settings = api.share_cores(settings_of(ctx), concurrency)
    run_workers(api.open_mailroom, settings, count, until_idle)


COMMANDS = [watch, worker]
