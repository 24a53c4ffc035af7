"""The web workspace in a real browser: Debian's Chromium driven by Playwright (never a
browser download), against the app served by uvicorn on a free port; axe-core checks
every page it visits for accessibility (no serious or critical violations)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mailroom.app import api, people
from mailroom.app.context import Mailroom
from mailroom.app.people import Role
from mailroom.faces.web.app import create_app
from mailroom.testing.emails import PARKING, STREET_LIGHT, email_file
from mailroom.testing.pdfs import encrypted_pdf

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "correct horse battery"
STREETS = "beheer_openbare_ruimte"

# The browser is the subject, not the database or the broker: the embedded backend suffices.
pytestmark = pytest.mark.parametrize("backend", ["embedded"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(mr: Mailroom) -> Iterator[str]:
    """The workspace on a real HTTP server in this process, for the browser."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(mr.settings, mr), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make system` installs Debian's chromium")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


def _accessible(page: Page) -> None:
    """axe-core on the page as it is: no serious or critical violations."""
    results = Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{page.url}: {bad}"


def _arrive(page: Page, url: str) -> None:
    """Wait until ``url`` has loaded with its scripts (keys pressed earlier go nowhere)."""
    expect(page).to_have_url(url)
    page.wait_for_load_state("load")


def _log_in(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    _accessible(page)
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_an_employee_takes_a_letter_and_corrects_it_to_another_team(
    mr: Mailroom, tmp_path: Path, served: str, browser: Browser
) -> None:
    [letter] = api.ingest(mr, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    assert letter.team == STREETS
    people.add_user(mr, "anna", Role.employee, (STREETS,), PASSWORD, by="pytest")
    people.add_user(mr, "piet", Role.employee, ("parkeren",), PASSWORD, by="pytest")

    anna = browser.new_context().new_page()
    _log_in(anna, served, "anna")
    expect(anna).to_have_url(f"{served}/queues/{STREETS}")
    _accessible(anna)
    anna.get_by_role("button", name=f"Oppakken #{letter.id}").click()
    expect(anna).to_have_url(f"{served}/documents/{letter.id}")
    expect(anna.get_by_role("heading", level=1)).to_contain_text(f"#{letter.id}")
    _accessible(anna)
    anna.get_by_label("Juiste zaaktype").select_option("parkeervergunning")
    anna.get_by_label("Reden van de correctie").fill("gaat over een parkeervergunning")
    anna.get_by_role("button", name="Correctie opslaan").click()
    expect(anna.get_by_role("status")).to_contain_text("parkeren")
    # Now another team's letter: not even by its direct URL.
    reply = anna.goto(f"{served}/documents/{letter.id}")
    assert reply is not None and reply.status == 404
    expect(anna.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    _accessible(anna)

    piet = browser.new_context().new_page()
    _log_in(piet, served, "piet")
    expect(piet).to_have_url(f"{served}/queues/parkeren")
    piet.get_by_role("link", name=f"#{letter.id}").click()
    expect(piet.get_by_role("table").last).to_contain_text(
        "gecorrigeerd: gaat over een parkeervergunning"
    )
    expect(piet.get_by_role("table").last).to_contain_text("anna")
    _accessible(piet)


def test_a_reviewer_clears_three_documents_by_keyboard_only(
    mr: Mailroom, tmp_path: Path, served: str, browser: Browser
) -> None:
    # Every letter to review: as if the model were unsure of all of them.
    mr.settings = mr.settings.model_copy(update={"review_threshold": 0.9999})
    letters = [
        email_file(tmp_path, name, body)
        for name, body in (
            ("Petra Smit", STREET_LIGHT),
            ("Kees de Boer", PARKING),
            ("Ria Mulder", STREET_LIGHT.replace("Molenstraat", "Kerkstraat")),
        )
    ]
    results = api.ingest(mr, letters)
    assert [r.state for r in results] == ["needs_review"] * 3
    people.add_user(mr, "rita", Role.reviewer, (), PASSWORD, by="pytest")

    page = browser.new_context().new_page()
    _log_in(page, served, "rita")
    page.goto(f"{served}/review")
    _arrive(page, f"{served}/review/{results[0].id}")
    _accessible(page)
    page.keyboard.press("j")  # j/k move without deciding
    _arrive(page, f"{served}/review/{results[1].id}")
    page.keyboard.press("k")
    _arrive(page, f"{served}/review/{results[0].id}")
    page.keyboard.press("Enter")  # the model's first choice, one keystroke
    _arrive(page, f"{served}/review/{results[1].id}")
    page.keyboard.press("2")  # the second choice, then confirm: two keystrokes
    page.keyboard.press("Enter")
    _arrive(page, f"{served}/review/{results[2].id}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Er wacht niets op beoordeling")
    _accessible(page)

    decided = [api.show_document(mr, r.id) for r in results]
    assert [d.result.state for d in decided] == ["routed"] * 3
    assert all(
        any(h["action"] == "corrected" and h["actor"] == "rita" for h in d.history) for d in decided
    )
    top_two = sorted(decided[1].scores, key=decided[1].scores.__getitem__, reverse=True)
    assert decided[1].result.case_type == top_two[1]


def test_the_postroom_sees_a_quarantined_file_with_its_reason_and_retries_it(
    mr: Mailroom, tmp_path: Path, served: str, browser: Browser
) -> None:
    locked = tmp_path / "beveiligd.pdf"
    locked.write_bytes(encrypted_pdf("geheim"))
    [held] = api.ingest(mr, [locked])
    assert held.state == "quarantined"
    people.add_user(mr, "postkamer", Role.postroom, (), PASSWORD, by="pytest")

    page = browser.new_context().new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    _log_in(page, served, "postkamer")
    expect(page).to_have_url(f"{served}/postroom")
    _accessible(page)
    intake = page.locator("#intake")
    expect(intake.get_by_role("row", name="Papier")).to_contain_text("1")
    # The table refreshes itself (htmx, every 10 s; here asked at once): a new letter shows.
    api.ingest(mr, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    page.evaluate("htmx.ajax('GET', '/postroom/status', {target: '#intake', swap: 'outerHTML'})")
    expect(page.locator("#intake").get_by_role("row", name="E-mail")).to_contain_text("1")
    row = page.get_by_role("row", name=f"#{held.id}")
    expect(row).to_contain_text("password")
    row.get_by_label("Wachtwoord van de PDF").fill("geheim")
    row.get_by_role("button", name=f"Opnieuw verwerken #{held.id}").click()
    expect(page.get_by_role("status")).to_contain_text("te beoordelen")
    expect(page.get_by_text("Er staat niets in quarantaine.")).to_be_visible()
    _accessible(page)
    assert refused == []  # nothing the Content-Security-Policy had to block


def test_the_admin_pages_are_accessible(mr: Mailroom, served: str, browser: Browser) -> None:
    people.add_user(mr, "beheerder", Role.admin, (), PASSWORD, by="pytest")
    page = browser.new_context().new_page()
    _log_in(page, served, "beheerder")
    page.goto(f"{served}/admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")
    _accessible(page)
    page.get_by_label("Naam", exact=True).fill("joke")
    page.get_by_label("Zorg en ondersteuning (Wmo)").check()
    page.get_by_label("Wachtwoord (minstens 10 tekens)").fill(PASSWORD)
    page.get_by_role("button", name="Gebruiker toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("joke")
    expect(page.get_by_role("row", name="joke")).to_contain_text("Zorg en ondersteuning")
    _accessible(page)
    page.goto(f"{served}/search?q=lantaarnpaal")
    expect(page.get_by_role("status")).to_have_text("Niets gevonden.")
    _accessible(page)


def test_a_wrong_password_five_times_is_throttled_in_the_browser(
    mr: Mailroom, served: str, browser: Browser
) -> None:
    people.add_user(mr, "anna", Role.employee, (STREETS,), PASSWORD, by="pytest")
    page = browser.new_context().new_page()
    page.goto(f"{served}/login")
    for _ in range(people.THROTTLE_AFTER):
        page.get_by_label("Gebruikersnaam").fill("anna")
        page.get_by_label("Wachtwoord").fill("niet mijn wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("alert")).to_have_text("Gebruikersnaam of wachtwoord is onjuist.")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Te veel mislukte pogingen")
    expect(page).to_have_url(f"{served}/login")
    _accessible(page)
