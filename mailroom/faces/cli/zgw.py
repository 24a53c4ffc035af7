"""``mailroom zgw``: the connection to the zaaksysteem."""

from __future__ import annotations

import sys

import click

from mailroom.app import zgw
from mailroom.core.errors import ExitCode
from mailroom.faces.cli.output import settings_of


@click.group("zgw")
def zgw_group() -> None:
    """The zaaksysteem (ZGW APIs: Zaken, Documenten, Catalogi)."""


@zgw_group.command("check")
@click.pass_context
def zgw_check(ctx: click.Context) -> None:
    """Prove the configuration: APIs reachable, token accepted, every case type mapped to
    a published zaaktype that allows the informatieobjecttype; one line per problem."""
    report = zgw.check(settings_of(ctx))
    for line in report.ok:
        click.echo(f"ok       {line}")
    for line in report.warnings:
        click.echo(f"warning  {line}")
    for line in report.problems:
        click.echo(f"PROBLEM  {line}")
    if not report.passed:
        sys.exit(int(ExitCode.config))


COMMANDS = [zgw_group]
