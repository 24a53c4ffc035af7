"""What every command shares: its options, the settings and installation, and its output.

:func:`show` is the one way a command prints what it looked up: ``--json``, a
table or lines of text, and the message for an empty list.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from mailroom.app import api
from mailroom.app.pipeline import DocumentResult
from mailroom.core.config.settings import Settings, load_settings
from mailroom.core.logs import add_log_file

#: An option or argument naming a file that must exist.
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """The shared ``--json`` flag."""
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(f)


def by_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--by USER`` option of admin commands, defaulting to the login name."""
    return click.option(
        "--by",
        default=lambda: os.environ.get("USER", "admin"),
        show_default="$USER",
        help=help_text,
    )


@contextmanager
def rows_read(as_json: bool) -> Iterator[Callable[[int], None]]:
    """A progress callback for a long import: how many rows of the file were read, on a
    terminal only (not with ``--json``), the line cleared when done."""
    shown = not as_json and sys.stderr.isatty()

    def progress(rows: int) -> None:
        if shown:
            click.echo(f"\r  {rows:,} rows read", err=True, nl=False)

    try:
        yield progress
    finally:
        if shown:
            click.echo("\r\033[K", err=True, nl=False)


def print_json(data: Any) -> None:
    """JSON on stdout, non-ASCII kept readable."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def settings_of(ctx: click.Context) -> Settings:
    """The settings, loaded once per invocation from ``--home``, environment and TOML."""
    obj = ctx.ensure_object(dict)
    if "settings" not in obj:
        obj["settings"] = settings = load_settings(home=obj.get("home"))
        if settings.log_path.parent.is_dir():
            add_log_file(settings.log_path)
    return obj["settings"]


def with_mailroom(f: Callable[..., Any]) -> Callable[..., Any]:
    """Hand the command an open :class:`Mailroom` as its first argument, closed afterwards."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        mr = api.open_mailroom(settings_of(click.get_current_context()))
        try:
            return f(mr, *args, **kwargs)
        finally:
            mr.close()

    return wrapper


def _to_json(record: Any) -> Any:
    return record.to_json()


def show(
    data: Any,
    as_json: bool,
    *,
    row: Callable[[Any], str] | None = None,
    lines: Callable[[Any], Iterable[str]] | None = None,
    header: str | None = None,
    empty: str | None = None,
    to_json: Callable[[Any], Any] = _to_json,
) -> None:
    """Print what a command looked up: one record, or a list of them.

    With ``as_json`` it is JSON (``to_json`` of the record, or of each record of
    a list) and nothing else. Otherwise an empty list prints ``empty`` alone when
    given; else ``header``, then ``row`` of each record of a list, then ``lines``
    of the whole (a record's text, or what follows a table).
    """
    if as_json:
        is_list = isinstance(data, Sequence)
        print_json([to_json(r) for r in data] if is_list else to_json(data))
        return
    if empty is not None and not data:
        click.echo(empty)
        return
    if header is not None:
        click.echo(header)
    if row is not None:
        for record in data:
            click.echo(row(record))
    if lines is not None:
        for line in lines(data):
            click.echo(line)


def document_line(r: DocumentResult) -> str:
    """One document's outcome on one line (ingest, queues, quarantine retry)."""
    name = Path(r.file).name + (f" [{r.part}]" if r.part else "")
    if r.error:
        return f"#{r.id} {name}: {r.state}: {r.error}"
    if r.state == "received":
        return f"#{r.id} {name}: queued for `mailroom worker`"
    where = r.queue or r.team or "-"
    conf = f"{r.confidence:.2f}" if r.confidence is not None else "-"
    line = (
        f"#{r.id} {name}: {r.pages or 0}p, {r.case_type} ({conf}), "
        f"{r.case_number} ({r.case_match}) -> {where}"
    )
    return line + (f"  [{'; '.join(r.reasons)}]" if r.needs_attention else "")
