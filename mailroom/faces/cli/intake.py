"""``mailroom ingest``: the whole pipeline now, with a progress line on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.app.pipeline import DocumentResult
from mailroom.core.errors import ExitCode
from mailroom.faces.cli.output import document_line, json_option, print_json, with_mailroom


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--async",
    "queue",
    is_flag=True,
    help="Only take the files in; `mailroom worker` processes do the rest.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Documents processed in parallel (default: setting watch_workers, else one per core).",
)
@json_option
@with_mailroom
def ingest(
    mr: Mailroom, paths: tuple[Path, ...], queue: bool, workers: int | None, as_json: bool
) -> None:
    """Run the whole pipeline now on files or folders; one result per document, in order."""
    progress = ProgressLine(enabled=sys.stderr.isatty())
    results = api.ingest(
        mr,
        paths,
        on_result=None if as_json else progress.before(document_line),
        queue=queue,
        workers=workers,
        on_progress=progress.show,
    )
    progress.clear()
    if as_json:
        print_json([r.to_json() for r in results])
    if any(r.state in ("quarantined", "failed") for r in results):
        sys.exit(int(ExitCode.bad_input))


class ProgressLine:
    """One line on a terminal's stderr saying how far a long run is, redrawn in place."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.shown = False

    def show(self, p: api.IngestProgress) -> None:
        """Draw the progress of an ``ingest`` run."""
        if self.enabled:
            click.echo(
                f"\r\x1b[K{p.files_taken}/{p.files} files taken in, "
                f"{p.documents_done}/{p.documents} documents done",
                err=True,
                nl=False,
            )
            self.shown = True

    def clear(self) -> None:
        """Remove the line before other output."""
        if self.shown:
            click.echo("\r\x1b[K", err=True, nl=False)
            self.shown = False

    def before(self, render: Callable[[DocumentResult], str]) -> Callable[[DocumentResult], None]:
        """A callback printing ``render`` of each result on stdout, the progress line
        removed first so the two do not mix."""

        def echo(result: DocumentResult) -> None:
            self.clear()
            click.echo(render(result))

        return echo


COMMANDS = [ingest]
