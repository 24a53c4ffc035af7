"""Running a ``mailroom`` command in-process against an installation a test set up."""

from __future__ import annotations

from click.testing import CliRunner

from mailroom.app.context import Mailroom
from mailroom.faces.cli import cli
from mailroom.testing.env import mailroom_env


def run_cli(mr: Mailroom, *args: str) -> tuple[int, str, str]:
    """Run ``mailroom ARGS`` on ``mr``'s installation: exit code, stdout and stderr."""
    result = CliRunner().invoke(cli, list(args), env=mailroom_env(mr))
    return result.exit_code, result.stdout, result.stderr
