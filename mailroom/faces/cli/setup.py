"""``mailroom init``: set up or upgrade an installation."""

from __future__ import annotations

import click

from mailroom.app import api
from mailroom.faces.cli.output import settings_of


@click.command()
@click.option("--by", default="mailroom init", show_default=True, help="Who sets it up (audit).")
@click.pass_context
def init(ctx: click.Context, by: str) -> None:
    """Create or upgrade the data directory, database and queues; train a model if none."""
    settings = settings_of(ctx)
    click.echo(f"Setting up {settings.home}")
    report = api.init(settings, by=by, progress=_progress)
    click.echo(f"  database: {report.database}")
    click.echo(f"  broker exchange: {report.broker}")
    if report.model_version is None:
        click.echo("  classifier model: none active (train one with `mailroom init`)")
    else:
        action = "trained and activated" if report.model_trained else "active"
        click.echo(f"  classifier model {report.model_version}: {action}")


def _progress(step: str) -> None:
    click.echo(f"  training classifier: {step}", err=True)


COMMANDS = [init]
