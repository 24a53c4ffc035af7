"""The web workspace over HTTP (Starlette's test client on the real app, database and broker):
sessions, CSRF, who may see what on every route, the audit of who opened what."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx2 as httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import select
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from mailroom.app import api, mailbox, model_versions, people, search, workspace
from mailroom.app.context import Mailroom
from mailroom.app.people import Role
from mailroom.app.search import SearchQuery
from mailroom.core.db.models import Document, Event
from mailroom.core.db.session import transaction
from mailroom.core.errors import ExitCode
from mailroom.faces.cli import cli
from mailroom.faces.web.app import create_app
from mailroom.faces.web.texts import reason
from mailroom.testing.emails import PARKING, STREET_LIGHT, email_file
from mailroom.testing.env import mailroom_env

PASSWORD = "correct horse battery"
STREETS = "beheer_openbare_ruimte"


@pytest.fixture
def letters(mr: Mailroom, tmp_path: Path) -> dict[str, int]:
    """One routed letter for the street team, one for parking; people of each and others."""
    paths = [
        email_file(tmp_path, "Petra Smit", STREET_LIGHT),
        email_file(tmp_path, "Kees de Boer", PARKING),
    ]
    street, parking = api.ingest(mr, paths)
    assert (street.state, street.team) == ("routed", STREETS)
    assert (parking.state, parking.team) == ("routed", "parkeren")
    people.add_user(mr, "anna", Role.employee, (STREETS,), PASSWORD, by="pytest")
    people.add_user(mr, "piet", Role.employee, ("parkeren",), PASSWORD, by="pytest")
    people.add_user(mr, "rita", Role.reviewer, (), PASSWORD, by="pytest")
    people.add_user(mr, "admin", Role.admin, (), PASSWORD, by="pytest")
    return {"street": street.id, "parking": parking.id}


@pytest.fixture
def client(mr: Mailroom) -> Iterator[TestClient]:
    with TestClient(create_app(mr.settings, mr), follow_redirects=False) as c:
        yield c


def _csrf(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def _login(client: TestClient, name: str, password: str = PASSWORD) -> int:
    token = _csrf(client)
    reply = client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token, "next": "/"}
    )
    return reply.status_code


def _routes(client: TestClient) -> list[tuple[str, str]]:
    """Every (method, path template) of the application, static files aside."""
    app = client.app
    found = []
    for route in app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Mount):
            continue
        assert isinstance(route, Route)
        for method in sorted(route.methods or ()):
            if method != "HEAD":
                found.append((method, route.path))
    return found


def _fill(path: str, document_id: int, queue: str) -> str:
    return (
        path.replace("{document_id:int}", str(document_id))
        .replace("{name}", queue)
        .replace("{page:int}", "1")
        .replace("{which}", "original")
        .replace("{user}", "anna")
        .replace("{version}", "v1")
    )


def test_every_route_needs_a_session(client: TestClient, letters: dict[str, int]) -> None:
    open_routes = {("GET", "/login"), ("POST", "/login")}
    for method, path in _routes(client):
        if (method, path) in open_routes:
            continue
        reply = client.request(method, _fill(path, letters["street"], STREETS))
        if method == "GET":
            assert reply.status_code == 303, (method, path)
            assert reply.headers["location"].startswith("/login?next="), (method, path)
        else:  # no session, so no CSRF token either: refused before anything happens
            assert reply.status_code in (303, 403), (method, path)


def test_every_route_hides_another_teams_document(
    client: TestClient, letters: dict[str, int]
) -> None:
    assert _login(client, "piet") == 303  # parking: the street letter is not his
    token = _csrf(client, "/queues/parkeren")
    checked = 0
    for method, path in _routes(client):
        if "{document_id:int}" not in path and "{name}" not in path:
            continue
        data = {"csrf_token": token, "reason": "test", "case_type": "parkeervergunning"}
        reply = client.request(
            method, _fill(path, letters["street"], STREETS), data=data if method == "POST" else None
        )
        assert reply.status_code == 404, (method, path, reply.status_code)
        assert "Niet gevonden" in reply.text
        checked += 1
    assert checked >= 7
    # Not even the audit trail learnt that he tried: nothing was opened.
    with client.app.state.mailroom.sessions() as session:  # type: ignore[attr-defined]
        actors = session.scalars(select(Event.actor).where(Event.document_id == letters["street"]))
        assert "piet" not in set(actors)


def test_only_admins_see_the_admin_pages(client: TestClient, letters: dict[str, int]) -> None:
    assert _login(client, "rita") == 303  # a reviewer
    token = _csrf(client, "/review")
    admin_routes = [(m, p) for m, p in _routes(client) if p.startswith("/admin")]
    assert len(admin_routes) >= 5
    for method, path in admin_routes:
        data = {"csrf_token": token, "name": "x", "role": "admin", "password": PASSWORD}
        reply = client.request(method, _fill(path, 0, ""), data=data if method == "POST" else None)
        assert reply.status_code == 404, (method, path)


def test_an_admin_adds_a_user_and_promotes_a_model(
    client: TestClient, mr: Mailroom, letters: dict[str, int]
) -> None:
    assert _login(client, "admin") == 303
    page = client.get("/admin")
    assert page.status_code == 200 and "Correcties sinds het actieve model" in page.text
    token = _csrf(client, "/admin")
    added = client.post(
        "/admin/users",
        data={
            "csrf_token": token,
            "name": "joke",
            "role": "employee",
            "teams": ["zorg"],
            "password": PASSWORD,
        },
    )
    assert added.status_code == 303
    assert people.authenticate(mr, "joke", PASSWORD).teams == ("zorg",)
    disabled = client.post("/admin/users/joke/disable", data={"csrf_token": token})
    assert disabled.status_code == 303
    with pytest.raises(people.LoginRefused):
        people.authenticate(mr, "joke", PASSWORD)
    active = [v for v in model_versions.list_versions(mr) if v.active]
    missing = client.post("/admin/models/v999/promote", data={"csrf_token": token})
    assert missing.status_code == 404
    assert [v.version for v in model_versions.list_versions(mr) if v.active] == [
        v.version for v in active
    ]


def test_a_post_without_the_csrf_token_is_refused(
    client: TestClient, letters: dict[str, int]
) -> None:
    assert _login(client, "anna") == 303
    for method, path in _routes(client):
        if method != "POST":
            continue
        reply = client.post(_fill(path, letters["street"], STREETS), data={"reason": "x"})
        assert reply.status_code == 403, path
        assert "formulier is verlopen" in reply.text
    # The document was not taken by any of those posts.
    assert api.show_document(client.app.state.mailroom, letters["street"]).result.state == "routed"  # type: ignore[attr-defined]


def test_opening_a_document_is_recorded_with_who(
    client: TestClient, mr: Mailroom, letters: dict[str, int]
) -> None:
    assert _login(client, "anna") == 303
    page = client.get(f"/documents/{letters['street']}")
    assert page.status_code == 200
    assert "lantaarnpaal" in page.text.lower()
    with mr.sessions() as session:
        viewed = session.scalars(
            select(Event).where(Event.document_id == letters["street"], Event.action == "viewed")
        ).all()
    assert [e.actor for e in viewed] == ["anna"]


def test_a_correction_moves_the_letter_to_the_other_team(
    client: TestClient, mr: Mailroom, letters: dict[str, int]
) -> None:
    assert _login(client, "anna") == 303
    doc = letters["street"]
    token = _csrf(client, f"/documents/{doc}")
    reply = client.post(
        f"/documents/{doc}/correct",
        data={
            "csrf_token": token,
            "case_type": "parkeervergunning",
            "reason": "gaat over parkeren",
        },
    )
    assert reply.status_code == 303 and reply.headers["location"].startswith(f"/queues/{STREETS}")
    assert client.get(f"/documents/{doc}").status_code == 404  # no longer hers
    view = api.show_document(mr, doc)
    assert (view.result.case_type, view.result.team) == ("parkeervergunning", "parkeren")
    corrected = [h for h in view.history if h["action"] == "corrected"]
    assert corrected and corrected[0]["actor"] == "anna"


def test_the_queue_lists_what_waits_oldest_first_with_filters(
    client: TestClient, letters: dict[str, int]
) -> None:
    assert _login(client, "anna") == 303
    page = client.get(f"/queues/{STREETS}")
    assert page.status_code == 200
    assert f"/documents/{letters['street']}" in page.text
    assert f"/documents/{letters['parking']}" not in page.text
    token = _csrf(client, f"/queues/{STREETS}")
    taken = client.post(f"/documents/{letters['street']}/take", data={"csrf_token": token})
    assert taken.status_code == 303
    waiting = client.get(f"/queues/{STREETS}?state=waiting")
    assert f"/documents/{letters['street']}" not in waiting.text
    claimed = client.get(f"/queues/{STREETS}?state=claimed")
    assert f"/documents/{letters['street']}" in claimed.text and "door u" in claimed.text
    assert client.get("/queues/parkeren").status_code == 404
    assert client.get("/queues/review").status_code == 404  # an employee does not review


def test_the_queue_shows_the_due_date_and_an_urgent_case_first(
    client: TestClient, mr: Mailroom, letters: dict[str, int]
) -> None:
    assert _login(client, "anna") == 303
    page = client.get(f"/queues/{STREETS}")
    assert "Uiterlijk" in page.text and re.search(r"\(nog \d+ dagen\)", page.text)
    with transaction(mr.sessions) as session:  # an ingebrekestelling came in on its case
        case = session.get_one(Document, letters["street"]).case
        assert case is not None
        case.penalty_from = date(2026, 12, 18)
    page = client.get(f"/queues/{STREETS}")
    assert "Urgent: ingebrekestelling, dwangsom vanaf 18-12-2026" in page.text
    shown = client.get(f"/documents/{letters['street']}")
    assert "Urgent: ingebrekestelling, dwangsom vanaf 18-12-2026" in shown.text


def test_the_postroom_sees_acknowledgements_that_wait_and_why(
    client: TestClient, mr: Mailroom, letters: dict[str, int]
) -> None:
    people.add_user(mr, "postkamer", Role.postroom, (), PASSWORD, by="pytest")
    assert _login(client, "postkamer") == 303
    page = client.get("/postroom")
    assert "Ontvangstbevestigingen (e-mail) die nog verstuurd worden: 2" in page.text
    assert "de beheerder stelt eerst municipality_name in" in page.text
    mailbox.record_state(mr, "imaps://mail.example.nl/INBOX", "connection refused")
    page = client.get("/postroom")
    assert "Mailbox imaps://mail.example.nl/INBOX: niet bereikbaar sinds" in page.text
    assert "(connection refused); er volgt een nieuwe poging." in page.text


def test_a_wrong_password_five_times_is_throttled(
    client: TestClient, letters: dict[str, int]
) -> None:
    for _ in range(people.THROTTLE_AFTER):
        assert _login(client, "anna", "wrong password!") == 401
    assert _login(client, "anna") == 429  # even the right password, for a while
    assert _login(client, "piet") == 303  # other names are not affected


def test_pages_carry_a_strict_content_security_policy(client: TestClient) -> None:
    page = client.get("/login")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-frame-options"] == "DENY"
    assert "<script>" not in page.text  # scripts only from files
    assert not re.search(r"\son[a-z]+=", page.text)  # no inline event handlers
    assert 'lang="nl"' in page.text
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_users_are_managed_from_the_command_line(mr: Mailroom) -> None:
    env = mailroom_env(mr)
    runner = CliRunner(env=env)
    added = runner.invoke(
        cli,
        ["users", "add", "bram", "--team", "parkeren", "--role", "employee", "--password-stdin"],
        input=f"{PASSWORD}\n",
    )
    assert added.exit_code == 0, added.output
    assert "bram" in added.output and PASSWORD not in added.output
    assert people.authenticate(mr, "bram", PASSWORD).teams == ("parkeren",)
    short = runner.invoke(
        cli, ["users", "add", "kim", "--team", "parkeren", "--password-stdin"], input="kort\n"
    )
    assert short.exit_code == int(ExitCode.config) and "at least 10 characters" in short.output
    unknown = runner.invoke(
        cli,
        ["users", "add", "kim", "--team", "riolering", "--password-stdin"],
        input=f"{PASSWORD}\n",
    )
    assert (
        unknown.exit_code == int(ExitCode.config) and "unknown team(s) riolering" in unknown.output
    )
    listed = runner.invoke(cli, ["users", "list", "--json"])
    assert [u["name"] for u in json.loads(listed.output)] == ["bram"]
    assert runner.invoke(cli, ["users", "disable", "bram"]).exit_code == 0
    with pytest.raises(people.LoginRefused):
        people.authenticate(mr, "bram", PASSWORD)
    assert "(disabled)" in runner.invoke(cli, ["users", "list"]).output


@pytest.mark.parametrize("backend", ["embedded"])
def test_mailroom_serve_serves_the_workspace(mr: Mailroom) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, **mailroom_env(mr)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mailroom", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                reply = httpx.get(f"http://127.0.0.1:{port}/queues/parkeren", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert reply.status_code == 303 and reply.headers["location"].startswith("/login")
        assert httpx.get(f"http://127.0.0.1:{port}/login").status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_search_finds_text_sender_and_case_number_within_what_one_may_see(
    client: TestClient, mr: Mailroom, letters: dict[str, int]
) -> None:
    admin = people.authenticate(mr, "admin", PASSWORD)
    anna = people.authenticate(mr, "anna", PASSWORD)
    street = api.show_document(mr, letters["street"]).result

    def found(who: people.Person, words: str, **filters: str) -> list[int]:
        return [h.id for h in search.search(mr, who, SearchQuery(words, **filters))]

    assert found(admin, "lantaarnpaal") == [letters["street"]]
    assert found(admin, "LANTAARN") == [letters["street"]]  # a word begun, any case
    assert found(admin, "kees") == [letters["parking"]]  # the sender
    assert found(admin, street.case_number or "") == [letters["street"]]
    assert found(admin, "kees", team=STREETS) == []
    assert found(anna, "kees") == []  # parking is not hers
    assert found(anna, "lantaarnpaal") == [letters["street"]]
    assert found(admin, '"kees" * (') == [letters["parking"]]  # typed syntax is just words

    assert _login(client, "anna") == 303
    page = client.get("/search", params={"q": "lantaarnpaal"})
    assert page.status_code == 200 and f"/documents/{letters['street']}" in page.text
    assert "1 gevonden" in page.text
    nothing = client.get("/search", params={"q": "bewonersvergunning"})
    assert "Niets gevonden" in nothing.text


def test_a_correction_finds_cases_by_number_or_party_within_ones_teams(
    client: TestClient, mr: Mailroom, letters: dict[str, int]
) -> None:
    street = api.show_document(mr, letters["street"]).result
    parking = api.show_document(mr, letters["parking"]).result
    admin = people.authenticate(mr, "admin", PASSWORD)
    anna = people.authenticate(mr, "anna", PASSWORD)
    assert [c.number for c in workspace.find_cases(mr, admin, "Kees")] == [parking.case_number]
    assert workspace.find_cases(mr, anna, "Kees") == []  # a parking case: not her teams'
    number = street.case_number or ""
    assert [c.number for c in workspace.find_cases(mr, anna, number[:12])] == [number]
    assert _login(client, "anna") == 303
    options = client.get("/cases/options", params={"case_number": number[-6:]})
    assert options.status_code == 200 and f'value="{number}"' in options.text


def test_the_matchers_reasons_read_in_dutch() -> None:
    assert reason("same name, and house number, first name, subject; open case") == (
        "zelfde naam en huisnummer, voornaam, onderwerp; open zaak"
    )
    assert reason("same party (Bosrand 5 (house number) and full name), open case") == (
        "zelfde partij (Bosrand 5 (huisnummer) en volledige naam), open zaak"
    )
    assert reason(
        "same party (address 5871CR 7 and name), open case (its subject fits the letter best of 2)"
    ) == (
        "zelfde partij (adres 5871CR 7 en naam), open zaak "
        "(het onderwerp past het best bij de brief, van 2)"
    )
