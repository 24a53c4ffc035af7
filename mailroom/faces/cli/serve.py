"""``mailroom serve``: the web workspace."""

from __future__ import annotations

import os

import click
import uvicorn

from mailroom.faces.cli.output import settings_of
from mailroom.faces.web.app import create_app


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Server processes (they share the data directory's session key).",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Serve the web workspace (see the README for running it behind a reverse proxy)."""
    settings = settings_of(ctx)
    click.echo(f"mailroom workspace on http://{host}:{port}/ (Ctrl-C stops it)")
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
        return
    # Each server process builds its own app from the environment: name this installation.
    os.environ["MAILROOM_HOME"] = str(settings.home)
    uvicorn.run(
        "mailroom.faces.web.asgi:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


COMMANDS = [serve]
