"""Stage work over the broker: `mailroom worker`, acknowledgement after commit, dead letters."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from mailroom.app import api, pipeline
from mailroom.app.context import Mailroom
from mailroom.app.work import Outcome, do_work, requeue_stale, unfinished_documents
from mailroom.core.db.models import Document, Event
from mailroom.core.db.session import make_engine, session_factory, transaction
from mailroom.core.errors import BrokerUnavailable
from mailroom.faces.cli import cli
from mailroom.faces.worker import Worker
from mailroom.routing.broker import Broker
from mailroom.testing.emails import PARKING, STREET_LIGHT, email_file
from mailroom.testing.env import mailroom_env
from mailroom.testing.scans import scan_letter


def test_async_intake_is_finished_by_a_worker(mr: Mailroom, tmp_path: Path) -> None:
    queued = [
        api.ingest(mr, [p], queue=True)[0]
        for p in _emails(tmp_path, [("Petra Smit", STREET_LIGHT), ("Kees de Boer", PARKING)])
    ]
    assert [r.state for r in queued] == ["received", "received"]
    assert mr.broker.work_counts()["work"] == 2
    handled = Worker(mr).run(idle_exit=1.5)
    assert handled == 2
    teams = {api.show_document(mr, r.id).result.team for r in queued}
    assert teams == {"beheer_openbare_ruimte", "parkeren"}
    assert mr.broker.work_counts() == {"work": 0, "dead": 0}


def test_work_that_keeps_failing_goes_to_the_dead_letter_queue(
    mr: Mailroom, tmp_path: Path
) -> None:
    [doc] = api.ingest(mr, _emails(tmp_path, [("Petra Smit", STREET_LIGHT)]), queue=True)
    with transaction(mr.sessions) as session:
        # As if workers had died on it three times already.
        session.get_one(Document, doc.id).attempts = mr.settings.work_max_attempts
    Worker(mr).run(idle_exit=1.5)
    view = api.show_document(mr, doc.id)
    assert view.result.state == "failed" and "gave up after 3 attempts" in view.result.error
    assert mr.broker.work_counts() == {"work": 0, "dead": 1}
    dead = mr.broker.get("dead")
    assert dead is not None and dead["document_id"] == doc.id


def test_stale_unfinished_documents_are_queued_again(mr: Mailroom, tmp_path: Path) -> None:
    [doc] = api.ingest(mr, _emails(tmp_path, [("Petra Smit", STREET_LIGHT)]), queue=True)
    assert mr.broker.get("work") is not None  # the message is lost (a killed worker held it)
    assert requeue_stale(mr) == []  # not stale yet
    mr.settings = mr.settings.model_copy(update={"work_stale_seconds": 0.0})
    assert requeue_stale(mr) == [doc.id]
    assert Worker(mr).run(idle_exit=1.5) == 1
    assert api.show_document(mr, doc.id).result.state == "routed"
    assert requeue_stale(mr) == []  # routed and published: nothing left to do
    with transaction(mr.sessions) as session:
        session.get_one(Document, doc.id).published_at = None  # the broker was away
    assert requeue_stale(mr) == [doc.id]
    Worker(mr).run(idle_exit=1.5)
    with mr.sessions() as session:
        assert session.get_one(Document, doc.id).published_at is not None
    assert mr.broker.get("beheer_openbare_ruimte") is not None


def test_a_message_routed_while_the_broker_is_away_is_sent_when_it_is_back(
    mr: Mailroom, tmp_path: Path
) -> None:
    broker = mr.publisher
    mr.publisher = Broker("amqp://guest:secret@127.0.0.1:9//", mr.broker.topology)  # nobody
    with pytest.raises(BrokerUnavailable, match=r"127\.0\.0\.1:9// is unreachable") as raised:
        api.ingest(mr, _emails(tmp_path, [("Petra Smit", STREET_LIGHT)]))
    assert "secret" not in raised.value.message
    [doc_id] = unfinished_documents(mr)
    with mr.sessions() as session:
        row = session.get_one(Document, doc_id)
        assert row.state == "routed" and row.published_at is None  # placed, message unsent
    mr.publisher = broker
    assert pipeline.process(mr, doc_id).state == "routed"
    message = mr.broker.get("beheer_openbare_ruimte")
    assert message is not None and message["document_id"] == doc_id
    assert unfinished_documents(mr) == []


def test_work_meeting_a_database_that_is_away_is_given_back(mr: Mailroom, tmp_path: Path) -> None:
    [doc] = api.ingest(mr, _emails(tmp_path, [("Petra Smit", STREET_LIGHT)]), queue=True)
    sessions = mr.sessions
    away = make_engine("postgresql+psycopg://mailroom@127.0.0.1:9/nowhere")
    mr.sessions = session_factory(away)
    try:
        work = do_work(mr, doc.id)
    finally:
        mr.sessions = sessions
        away.dispose()
    assert work.outcome is Outcome.retry and not work.outcome.acknowledge
    assert work.note.startswith("the database is unreachable")
    assert do_work(mr, doc.id).outcome is Outcome.done
    assert api.show_document(mr, doc.id).result.state == "routed"


@pytest.mark.slow
def test_a_killed_worker_loses_nothing_and_nothing_is_done_twice(
    mr: Mailroom, tmp_path: Path
) -> None:
    page = (
        "Geachte heer, mevrouw,\n\nDe lantaarnpaal in de Molenstraat is kapot.\n"
        "Wilt u die repareren?\n\nMet vriendelijke groet,\nJan de Vries"
    )
    letter = scan_letter("\f".join([page] * 2), tmp_path / "brief.pdf")
    [doc] = api.ingest(mr, [letter], queue=True)
    env = {**os.environ, **mailroom_env(mr, work_stale_seconds="0")}
    command = [sys.executable, "-m", "mailroom", "worker", "--until-idle", "3"]
    first = subprocess.Popen(command, env=env, start_new_session=True)
    try:
        _wait_for(mr, doc.id, lambda d: d.attempts >= 1, timeout=60)
        time.sleep(1)  # mid-OCR
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    # RabbitMQ hands the unacknowledged message to the next worker; the embedded
    # transport lost it with the process, and the starting worker queues it again.
    second = subprocess.run(command, env=env, timeout=240, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    view = api.show_document(mr, doc.id)
    assert view.result.state == "routed", view.result
    assert view.result.team == "beheer_openbare_ruimte"
    with mr.sessions() as session:
        ocr_done = session.scalar(
            select(func.count())
            .select_from(Event)
            .where(Event.document_id == doc.id, Event.action == "ocr_done")
        )
    assert ocr_done == 1


def test_worker_command_help() -> None:
    result = CliRunner().invoke(cli, ["worker", "--help"])
    assert result.exit_code == 0 and "--concurrency" in result.output


def _emails(folder: Path, letters: list[tuple[str, str]]) -> list[Path]:
    return [email_file(folder, name, body) for name, body in letters]


def _wait_for(mr: Mailroom, document_id: int, condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with mr.sessions() as session:
            if condition(session.get_one(Document, document_id)):
                return
        time.sleep(0.2)
    raise AssertionError(f"document {document_id} did not get there in {timeout} s")
