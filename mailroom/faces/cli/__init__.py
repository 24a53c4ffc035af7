"""The ``mailroom`` command: parse options, call the library (:mod:`mailroom.app`), print.

The root group is here; the commands are in one module per command group, and
what they share (options, settings, :func:`~mailroom.faces.cli.output.show`) in
:mod:`mailroom.faces.cli.output`.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from mailroom.core.errors import ExitCode, MailroomError
from mailroom.core.logs import configure_logging, new_error_id
from mailroom.faces.cli import (
    addresses,
    audit,
    cases,
    classify,
    correct,
    deadlines,
    documents,
    intake,
    model,
    postroom,
    queue,
    running,
    serve,
    setup,
    trade_names,
    users,
    zgw,
)


class MailroomGroup(click.Group):
    """Turns mailroom's errors into one line on stderr and their exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MailroomError as e:
            # One line: drivers put hints on lines of their own.
            click.secho(f"Error: {' '.join(e.message.split())}", err=True, fg="red")
            ctx.exit(int(e.exit_code))
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away ("mailroom cases evaluate ... | head"): nothing is
            # wrong, there is just no one to print to any more.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(int(ExitCode.error))
        except Exception:
            # A library's message may quote personal data: the details go to the log.
            error_id = new_error_id()
            logging.getLogger("mailroom").exception("internal error (error id %s)", error_id)
            click.secho(
                f"Error: internal error (error id {error_id}); the details are in the log",
                err=True,
                fg="red",
            )
            ctx.exit(int(ExitCode.error))


@click.group(cls=MailroomGroup)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    help="Data directory (default: $MAILROOM_HOME, else ~/.local/share/mailroom).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="mailroom")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, verbose: int) -> None:
    """mailroom: incoming municipal post, from scanner and email to the right team's queue."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    configure_logging(level, tracebacks=verbose >= 2)
    ctx.ensure_object(dict).update(home=home, log_level=level, tracebacks=verbose >= 2)


for _module in (
    setup,
    intake,
    documents,
    queue,
    running,
    postroom,
    model,
    cases,
    addresses,
    trade_names,
    correct,
    audit,
    classify,
    users,
    serve,
    zgw,
    deadlines,
):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="mailroom")
