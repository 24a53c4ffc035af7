"""The workspace's pages: each handler reads the request, calls one library function with
the person acting (:mod:`mailroom.app.workspace` checks what they may see) and renders."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from mailroom.app import admin, deadlines, people, search, workspace
from mailroom.app.context import Mailroom
from mailroom.app.search import SearchQuery
from mailroom.app.workspace import QueueFilter
from mailroom.core.config.catalogue import REVIEW_QUEUE
from mailroom.core.errors import NotFound
from mailroom.faces.web.security import checked_form, current_person, log_in
from mailroom.faces.web.texts import T

#: The municipality's clock: dates are shown and filtered in Dutch time.
LOCAL = ZoneInfo("Europe/Amsterdam")


def _mr(request: Request) -> Mailroom:
    mailroom: Mailroom = request.app.state.mailroom
    return mailroom


def _render(request: Request, template: str, status: int = 200, **context: object) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    catalogue = _mr(request).catalogue
    names = {
        "team_names": {code: team.name for code, team in catalogue.teams.items()},
        "type_names": {code: kind.name for code, kind in catalogue.case_types.items()},
    }
    return templates.TemplateResponse(request, template, {**names, **context}, status_code=status)


def _safe_next(target: str | None) -> str:
    """A path on this site to go to after logging in (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- logging in ---------------------------------------------------------------------------


async def login_page(request: Request) -> Response:
    """The login form."""
    return _render(request, "login.html", next=_safe_next(request.query_params.get("next")))


async def login(request: Request) -> Response:
    """Check name and password (throttled); start a session; go where the person was going."""
    form = await checked_form(request)
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    target = _safe_next(str(form.get("next", "")))
    try:
        who = people.authenticate(_mr(request), name, password)
    except people.LoginThrottled:
        return _render(request, "login.html", 429, error=T.login_throttled, next=target, name=name)
    except people.LoginRefused:
        return _render(request, "login.html", 401, error=T.login_refused, next=target, name=name)
    log_in(request, who)
    return RedirectResponse(target, status_code=303)


async def logout(request: Request) -> Response:
    """End the session."""
    await checked_form(request)
    request.session.clear()
    return RedirectResponse("/login?out=1", status_code=303)


async def home(request: Request) -> Response:
    """Where a person starts: their first work list, or the postroom."""
    who = current_person(request)
    queues = who.queues()
    return RedirectResponse(f"/queues/{quote(queues[0])}" if queues else "/postroom", 303)


# --- queues -------------------------------------------------------------------------------


def _day(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        return None
    return datetime.combine(day, time(), tzinfo=LOCAL).astimezone(UTC)


def _queue_filter(request: Request) -> QueueFilter:
    params = request.query_params
    state = params.get("state", "all")
    until = _day(params.get("until"))
    return QueueFilter(
        state=state if state in ("all", "waiting", "claimed") else "all",
        since=_day(params.get("since")),
        until=until + timedelta(days=1) if until else None,
    )


async def queue_page(request: Request) -> Response:
    """A team's work list (or review): waiting and claimed, most pressing first, filtered."""
    who = current_person(request)
    name = request.path_params["name"]
    wanted = _queue_filter(request)
    entries = workspace.queue(_mr(request), who, name, wanted)
    title = T.review_title if name == REVIEW_QUEUE else _mr(request).catalogue.teams[name].name
    return _render(
        request,
        "queue.html",
        who=who,
        name=name,
        title=title,
        entries=entries,
        wanted=wanted,
        params=request.query_params,
        now=_mr(request).clock(),
        today=deadlines.today(_mr(request)),
    )


async def take(request: Request) -> Response:
    """Take a document from a work list, then open it."""
    await checked_form(request)
    who = current_person(request)
    document_id = request.path_params["document_id"]
    workspace.claim(_mr(request), who, document_id)
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


async def finish(request: Request) -> Response:
    """Mark a taken document as done; back to the work list."""
    await checked_form(request)
    who = current_person(request)
    result = workspace.finish(_mr(request), who, request.path_params["document_id"])
    return RedirectResponse(f"/queues/{quote(result.team or REVIEW_QUEUE)}", status_code=303)


# --- documents ----------------------------------------------------------------------------


async def document_page(request: Request) -> Response:
    """Page images beside the text, envelope, scores, case, audit trail, corrections."""
    who = current_person(request)
    mr = _mr(request)
    view = workspace.open_document(mr, who, request.path_params["document_id"])
    return _render(
        request,
        "document.html",
        who=who,
        view=view,
        text=workspace.document_text(mr, who, view.result.id),
        case_types=workspace.case_types_by_score(mr, view),
        teams=mr.catalogue.teams,
        corrected=request.query_params.get("corrected"),
    )


async def page_image(request: Request) -> Response:
    """One page of the archive PDF as a PNG."""
    who = current_person(request)
    path = workspace.page_image(
        _mr(request), who, request.path_params["document_id"], request.path_params["page"]
    )
    return FileResponse(path, media_type="image/png")


async def download(request: Request) -> Response:
    """The original file or the archive PDF/A, as a download."""
    who = current_person(request)
    which = request.path_params["which"]
    if which not in ("original", "archive"):
        raise NotFound(which)
    document_id = request.path_params["document_id"]
    path = workspace.document_file(_mr(request), who, document_id, which)
    return FileResponse(path, filename=f"document-{document_id}-{which}{path.suffix}")


async def correct(request: Request) -> Response:
    """Correct the case type or the case; the document moves to the right queue at once."""
    form = await checked_form(request)
    who = current_person(request)
    number = str(form.get("case_number", "")).strip() or None
    result = workspace.correct(
        _mr(request),
        who,
        request.path_params["document_id"],
        case_type=str(form.get("case_type", "")) or None,
        case_number=number,
        new_case=form.get("new_case") == "1" and number is None,
        reason=str(form.get("reason", "")).strip() or None,
    )
    team = result.document.team or ""
    if workspace.may_see(who, result.document.state, result.document.team):
        return RedirectResponse(f"/documents/{result.document.id}?corrected={team}", 303)
    return RedirectResponse(f"/queues/{quote(who.queues()[0])}?corrected={team}", 303)


# --- review -------------------------------------------------------------------------------


async def review_start(request: Request) -> Response:
    """The oldest document waiting in review, or a page saying nothing waits."""
    who = current_person(request)
    item = workspace.review_item(_mr(request), who)
    if item is None:
        return _render(request, "review.html", who=who, item=None, name=REVIEW_QUEUE)
    return RedirectResponse(f"/review/{item.view.result.id}", status_code=303)


async def review_page(request: Request) -> Response:
    """One document in review: why it waits, the top case types by number, page and text."""
    who = current_person(request)
    mr = _mr(request)
    item = workspace.review_item(mr, who, request.path_params["document_id"])
    text = workspace.document_text(mr, who, request.path_params["document_id"]) if item else ""
    return _render(request, "review.html", who=who, item=item, text=text, name=REVIEW_QUEUE)


async def review_decide(request: Request) -> Response:
    """Decide the case type; the next document in review opens."""
    form = await checked_form(request)
    who = current_person(request)
    following = workspace.decide(
        _mr(request), who, request.path_params["document_id"], str(form.get("case_type", ""))
    )
    return RedirectResponse(f"/review/{following}" if following else "/review", status_code=303)


# --- postroom -----------------------------------------------------------------------------


async def postroom_page(request: Request) -> Response:
    """Today's intake per channel (updating by itself) and the quarantine."""
    who = current_person(request)
    mr = _mr(request)
    return _render(
        request,
        "postroom.html",
        who=who,
        name="postroom",
        channels=workspace.intake_today(mr, who),
        mailboxes=workspace.mailboxes(mr, who),
        now=mr.clock(),
        held=workspace.quarantine(mr, who),
        outcome=request.query_params.get("outcome"),
    )


async def postroom_status(request: Request) -> Response:
    """The intake table alone, for htmx to refresh every few seconds."""
    who = current_person(request)
    return _render(
        request, "intake_status.html", channels=workspace.intake_today(_mr(request), who)
    )


async def quarantine_retry(request: Request) -> Response:
    """Process a quarantined document again, with a password for an encrypted PDF."""
    form = await checked_form(request)
    who = current_person(request)
    results = workspace.retry(
        _mr(request), who, request.path_params["document_id"], str(form.get("password", ""))
    )
    states = ",".join(r.state for r in results)
    return RedirectResponse(f"/postroom?outcome={quote(states)}", status_code=303)


async def quarantine_discard(request: Request) -> Response:
    """Take a document out of quarantine for good."""
    form = await checked_form(request)
    who = current_person(request)
    reason = str(form.get("reason", "")).strip() or None
    workspace.discard(_mr(request), who, request.path_params["document_id"], reason)
    return RedirectResponse("/postroom?outcome=discarded", status_code=303)


# --- admin --------------------------------------------------------------------------------


async def admin_page(request: Request) -> Response:
    """Users; model versions side by side; corrections since the active model."""
    who = current_person(request)
    mr = _mr(request)
    return _render(
        request,
        "admin.html",
        who=who,
        name="admin",
        users=admin.users(mr, who),
        models=admin.models(mr, who),
        roles=[r.value for r in people.Role],
        outcome=request.query_params.get("outcome"),
    )


async def admin_add_user(request: Request) -> Response:
    """Add a person with a role and teams."""
    form = await checked_form(request)
    who = current_person(request)
    added = admin.add_user(
        _mr(request),
        who,
        str(form.get("name", "")),
        people.Role(str(form.get("role"))),
        tuple(str(t) for t in form.getlist("teams")),
        str(form.get("password", "")),
    )
    return RedirectResponse(f"/admin?outcome={quote('added ' + added.name)}", status_code=303)


async def admin_disable_user(request: Request) -> Response:
    """Stop a person from logging in."""
    await checked_form(request)
    who = current_person(request)
    gone = admin.disable_user(_mr(request), who, request.path_params["user"])
    return RedirectResponse(f"/admin?outcome={quote('disabled ' + gone.name)}", status_code=303)


async def admin_promote(request: Request) -> Response:
    """Make a model version the active one."""
    await checked_form(request)
    who = current_person(request)
    version = request.path_params["version"]
    admin.promote(_mr(request), who, version)
    return RedirectResponse(f"/admin?outcome={quote('promoted ' + version)}", status_code=303)


async def admin_rollback(request: Request) -> Response:
    """Go back to the model that was active before."""
    await checked_form(request)
    admin.rollback(_mr(request), current_person(request))
    return RedirectResponse("/admin?outcome=rollback", status_code=303)


# --- search -------------------------------------------------------------------------------


async def search_page(request: Request) -> Response:
    """Full-text search with filters, over what the person may see."""
    who = current_person(request)
    params = request.query_params
    until = _day(params.get("until"))
    query = SearchQuery(
        words=params.get("q", ""),
        team=params.get("team") or None,
        case_type=params.get("case_type") or None,
        state=params.get("state") or None,
        since=_day(params.get("since")),
        until=until + timedelta(days=1) if until else None,
    )
    hits = search.search(_mr(request), who, query) if query.words.strip() else None
    return _render(request, "search.html", who=who, name="search", hits=hits, params=params)


async def case_options(request: Request) -> Response:
    """Cases matching what is typed in the correction's case field (htmx fills a datalist)."""
    who = current_person(request)
    found = workspace.find_cases(_mr(request), who, request.query_params.get("case_number", ""))
    return _render(request, "case_options.html", cases=found)
