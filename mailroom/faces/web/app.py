"""The web workspace: a small Starlette application, rendered on the server (Jinja2), with
htmx as one vendored file; no JavaScript build step, nothing fetched from elsewhere.

Run it with ``mailroom serve``; several processes behind a reverse proxy share the
data directory's session key (README, "Web workspace").
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from mailroom.app.api import open_mailroom
from mailroom.app.context import Mailroom
from mailroom.core.config.settings import Settings
from mailroom.core.errors import MailroomError, NotFound
from mailroom.faces.web import pages
from mailroom.faces.web.security import (
    SESSION_COOKIE,
    SESSION_SECONDS,
    CsrfRefused,
    LoginRequired,
    SecurityHeaders,
    csrf_token,
    session_secret,
)
from mailroom.faces.web.texts import ACTIONS, MATCHES, STATES, T, age, due, reason

HERE = Path(__file__).parent

ROUTES = [
    Route("/", pages.home, name="home"),
    Route("/login", pages.login_page, methods=["GET"], name="login"),
    Route("/login", pages.login, methods=["POST"]),
    Route("/logout", pages.logout, methods=["POST"], name="logout"),
    Route("/queues/{name}", pages.queue_page, name="queue"),
    Route("/documents/{document_id:int}", pages.document_page, name="document"),
    Route("/documents/{document_id:int}/pages/{page:int}.png", pages.page_image, name="page"),
    Route("/documents/{document_id:int}/{which}", pages.download, name="download"),
    Route("/documents/{document_id:int}/take", pages.take, methods=["POST"], name="take"),
    Route("/documents/{document_id:int}/done", pages.finish, methods=["POST"], name="done"),
    Route("/documents/{document_id:int}/correct", pages.correct, methods=["POST"], name="correct"),
    Route("/review", pages.review_start, name="review"),
    Route("/review/{document_id:int}", pages.review_page, methods=["GET"], name="review_item"),
    Route("/review/{document_id:int}", pages.review_decide, methods=["POST"]),
    Route("/postroom", pages.postroom_page, name="postroom"),
    Route("/postroom/status", pages.postroom_status, name="postroom_status"),
    Route(
        "/postroom/{document_id:int}/retry",
        pages.quarantine_retry,
        methods=["POST"],
        name="retry",
    ),
    Route(
        "/postroom/{document_id:int}/discard",
        pages.quarantine_discard,
        methods=["POST"],
        name="discard",
    ),
    Route("/search", pages.search_page, name="search"),
    Route("/cases/options", pages.case_options, name="case_options"),
    Route("/admin", pages.admin_page, name="admin"),
    Route("/admin/users", pages.admin_add_user, methods=["POST"], name="add_user"),
    Route(
        "/admin/users/{user}/disable",
        pages.admin_disable_user,
        methods=["POST"],
        name="disable_user",
    ),
    Route("/admin/models/{version}/promote", pages.admin_promote, methods=["POST"], name="promote"),
    Route("/admin/models/rollback", pages.admin_rollback, methods=["POST"], name="rollback"),
    Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
]


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.globals.update(t=T, states=STATES, actions=ACTIONS, matches=MATCHES, csrf=csrf_token)
    env.filters["reason"] = reason
    env.filters["age"] = lambda delta: age(delta.total_seconds())
    env.filters["due"] = due
    env.filters["dutch_day"] = lambda iso: date.fromisoformat(iso).strftime("%d-%m-%Y")
    env.filters["local"] = lambda moment: (
        moment.astimezone(pages.LOCAL).strftime("%d-%m-%Y %H:%M") if moment else ""
    )
    return templates


async def _login_required(request: Request, exc: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={target}", status_code=303)


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error(request, 404, T.not_found_title, T.not_found)


async def _csrf_refused(request: Request, exc: Exception) -> Response:
    return _error(request, 403, T.refused_title, T.csrf_refused)


async def _refused(request: Request, exc: Exception) -> Response:
    message = exc.message if isinstance(exc, MailroomError) else str(exc)
    return _error(request, 400, T.error_title, message)


def _error(request: Request, status: int, title: str, message: str) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"title": title, "message": message}, status_code=status
    )


def create_app(settings: Settings, mailroom: Mailroom | None = None) -> Starlette:
    """The workspace for an installation; with ``mailroom`` (tests) that open one is used,
    otherwise each server process opens its own at start-up."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        opened = mailroom is None
        app.state.mailroom = mailroom or open_mailroom(settings)
        try:
            yield
        finally:
            if opened:
                app.state.mailroom.close()

    app = Starlette(
        routes=ROUTES,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(
                SessionMiddleware,
                secret_key=session_secret(settings.home),
                session_cookie=SESSION_COOKIE,
                max_age=SESSION_SECONDS,
                same_site="lax",
                https_only=settings.web_https_only,
            ),
        ],
        exception_handlers={
            LoginRequired: _login_required,
            NotFound: _not_found,
            404: _not_found,
            CsrfRefused: _csrf_refused,
            MailroomError: _refused,
        },
        lifespan=lifespan,
    )
    app.state.templates = _templates()
    if mailroom is not None:
        app.state.mailroom = mailroom
    return app
