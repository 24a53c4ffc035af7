"""The watch daemon as a real process: clean stops, and kill -9 at any moment loses nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from mailroom.app.context import Mailroom
from mailroom.core.db.models import Document, IntakeItem
from mailroom.testing.emails import email_bytes
from mailroom.testing.env import mailroom_env
from mailroom.testing.pdfs import text_pdf

pytestmark = pytest.mark.slow

TOPICS = [
    "de lantaarnpaal in onze straat is kapot en het is 's avonds erg donker",
    "ik wil een bewonersvergunning voor parkeren aanvragen voor mijn nieuwe auto",
    "wij organiseren een straatfeest en vragen een evenementenvergunning aan",
    "ik maak bezwaar tegen het besluit over mijn aanvraag van vorige maand",
    "ik heb een klacht over de medewerker aan de balie die mij onheus behandelde",
]


def daemon_env(mr: Mailroom) -> dict[str, str]:
    return {
        **os.environ,
        **mailroom_env(mr, watch_stable_seconds="0.3", watch_rescan_seconds="1"),
    }


def start(mr: Mailroom) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mailroom", "watch", "--workers", "2"],
        env=daemon_env(mr),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def make_inputs(mr: Mailroom, emails: int, pdfs: int) -> list[Path]:
    paths = []
    for i in range(emails):
        body = f"Geachte gemeente, {TOPICS[i % len(TOPICS)]}. Bericht nummer {i}."
        path = mr.settings.email_inbox / f"mail-{i:02d}.eml"
        path.write_bytes(
            email_bytes(f"inwoner{i}@example.nl", f"bericht {i}", body, f"<kill-{i}@example.nl>")
        )
        paths.append(path)
    for i in range(pdfs):
        path = mr.settings.scanner_inbox / f"brief-{i:02d}.pdf"
        path.write_bytes(
            text_pdf([f"Geachte heer, mevrouw,\n{TOPICS[i % len(TOPICS)]}.\nBrief {i}"])
        )
        paths.append(path)
    return paths


def wait_until_done(mr: Mailroom, inputs: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with mr.sessions() as session:
            docs = session.scalars(select(Document)).all()
        published = [d for d in docs if d.published_at is not None]
        left = list(mr.settings.scanner_inbox.iterdir()) + list(mr.settings.email_inbox.iterdir())
        if not left and len(published) >= inputs:
            return
        time.sleep(0.5)
    raise AssertionError(f"not done after {timeout}s")


def test_sigterm_stops_cleanly(mr: Mailroom) -> None:
    mr.settings.email_inbox.mkdir(parents=True, exist_ok=True)
    mr.settings.scanner_inbox.mkdir(parents=True, exist_ok=True)
    proc = start(mr)
    make_inputs(mr, emails=2, pdfs=0)
    wait_until_done(mr, 2, timeout=90)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    log = err.decode()
    assert "stopped" in log
    assert log.count("routed ->") + log.count("needs_review ->") == 2  # one line per document


def test_kill_9_at_any_moment_loses_nothing_and_doubles_nothing(mr: Mailroom) -> None:
    mr.settings.email_inbox.mkdir(parents=True, exist_ok=True)
    mr.settings.scanner_inbox.mkdir(parents=True, exist_ok=True)
    inputs = make_inputs(mr, emails=14, pdfs=4)
    rng = random.Random(42)
    for _ in range(4):
        proc = start(mr)
        time.sleep(rng.uniform(2.0, 6.0))
        proc.kill()  # SIGKILL: no chance to clean up
        proc.wait(timeout=30)
    proc = start(mr)
    try:
        wait_until_done(mr, len(inputs), timeout=240)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=120)

    with mr.sessions() as session:
        items = session.scalars(select(IntakeItem)).all()
        docs = session.scalars(select(Document)).all()
    assert sorted(i.input_path for i in items) == sorted(map(str, inputs)), "each input once"
    assert all(i.duplicate_of is None for i in items)
    assert len(docs) == len(inputs)
    assert {d.state for d in docs} <= {"routed", "needs_review"}
    assert all(d.published_at is not None for d in docs)
    assert len({d.case_id for d in docs}) == len(docs), "no case opened twice for one letter"
    processed = list(mr.settings.processed_dir.rglob("*.*"))
    assert len(processed) == len(inputs)
