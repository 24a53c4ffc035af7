"""``mailroom users``: the people who work in the web workspace, and their roles."""

from __future__ import annotations

import sys

import click

from mailroom.app import people
from mailroom.app.context import Mailroom
from mailroom.app.people import Role
from mailroom.faces.cli.output import by_option, json_option, show, with_mailroom

_password_stdin = click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password as one line from standard input (for scripts).",
)


def _password(from_stdin: bool) -> str:
    """A password asked twice without echo, or one line of standard input — never an
    argument, which other users of the machine could read in the process list."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


def _row(u: people.UserInfo) -> str:
    teams = ", ".join(u.teams) or "-"
    return f"{u.name:<20} {u.role:<9} {teams}{'  (disabled)' if u.disabled else ''}"


@click.group()
def users() -> None:
    """People who work in the web workspace: add, list, disable, set a password."""


@users.command("add")
@click.argument("name")
@click.option("--team", "teams", multiple=True, help="A team whose post they see (repeat).")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default="employee",
    show_default=True,
    help="employee: own teams; reviewer: also review; postroom: intake, quarantine; admin: all.",
)
@_password_stdin
@by_option("Who adds them (audit).")
@with_mailroom
def users_add(
    mr: Mailroom, name: str, teams: tuple[str, ...], role: str, password_stdin: bool, by: str
) -> None:
    """Add a person who can log in to the workspace."""
    added = people.add_user(mr, name, Role(role), teams, _password(password_stdin), by)
    click.echo(f"added {_row(added)}")


@users.command("list")
@json_option
@with_mailroom
def users_list(mr: Mailroom, as_json: bool) -> None:
    """Every user with role and teams."""
    show(people.list_users(mr), as_json, row=_row, empty="no users yet: `mailroom users add`")


@users.command("disable")
@click.argument("name")
@by_option("Who disables them (audit).")
@with_mailroom
def users_disable(mr: Mailroom, name: str, by: str) -> None:
    """Stop a person from logging in (at once, also in open sessions)."""
    click.echo(f"disabled {_row(people.disable_user(mr, name, by))}")


@users.command("password")
@click.argument("name")
@_password_stdin
@by_option("Who sets it (audit).")
@with_mailroom
def users_password(mr: Mailroom, name: str, password_stdin: bool, by: str) -> None:
    """Give a person a new password."""
    people.set_password(mr, name, _password(password_stdin), by)
    click.echo(f"password of {name} set")


COMMANDS = [users]
