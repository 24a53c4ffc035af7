"""Who is asking, and whether the request may be trusted: sessions, CSRF, security headers.

The session is a signed cookie (itsdangerous, through Starlette's SessionMiddleware):
HttpOnly, SameSite=Lax, Secure behind HTTPS. It holds the user's name and a CSRF
token; every request looks the person up again, so a disabled user is out at once.
Every form and htmx request carries the token; a POST without it is refused.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mailroom.app.context import Mailroom
from mailroom.app.people import LoginRefused, Person, person
from mailroom.core.errors import MailroomError

SESSION_COOKIE = "mailroom_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
#: Seconds a session lasts without a new login (a working day).
SESSION_SECONDS = 10 * 3600

#: No inline script or style anywhere; nothing from elsewhere; not framed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class LoginRequired(MailroomError):
    """The request has no (valid) session: the person is sent to the login page."""


class CsrfRefused(MailroomError):
    """A POST without the session's CSRF token."""


def session_secret(home: Path) -> str:
    """The key that signs session cookies: made once per data directory (readable by its
    owner only) and shared by every server process of the installation."""
    path = home / "web-secret"
    try:
        return path.read_text("utf-8").strip()
    except FileNotFoundError:
        pass
    home.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text("utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(secret)
    return secret


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def checked_form(request: Request) -> FormData:
    """The form of a POST whose CSRF token (field or htmx header) matches the session's."""
    form = await request.form()
    sent = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    expected = request.session.get("csrf")
    if not (isinstance(sent, str) and isinstance(expected, str)) or not hmac.compare_digest(
        sent, expected
    ):
        raise CsrfRefused("CSRF token missing or wrong")
    return form


def log_in(request: Request, who: Person) -> None:
    """Start a new session for ``who`` (a fresh one: no fixation of an old session)."""
    request.session.clear()
    request.session["user"] = who.name
    csrf_token(request)


def current_person(request: Request) -> Person:
    """The person of this request's session, or :class:`LoginRequired`."""
    name = request.session.get("user")
    if not isinstance(name, str):
        raise LoginRequired("not logged in")
    mr: Mailroom = request.app.state.mailroom
    try:
        return person(mr, name)
    except LoginRefused as e:
        request.session.clear()
        raise LoginRequired("no longer allowed in") from e


class SecurityHeaders:
    """Adds the Content-Security-Policy and the other security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
