"""The workspace for an ASGI server started on its own (several processes behind a reverse
proxy): ``uvicorn --factory mailroom.faces.web.asgi:from_environment --workers 4``.
Settings come from ``MAILROOM_*`` and the data directory's ``mailroom.toml``."""

from __future__ import annotations

from starlette.applications import Starlette

from mailroom.core.config.settings import load_settings
from mailroom.faces.web.app import create_app


def from_environment() -> Starlette:
    """The workspace of the installation the environment names (read when called)."""
    return create_app(load_settings())
