"""Shared fixtures: a data directory on each backend, a trained model, scans.

Every test that touches the database or the broker runs on the embedded
default (SQLite + kombu's SQLAlchemy transport) and, when CI sets
``MAILROOM_TEST_DATABASE_URL`` / ``MAILROOM_TEST_BROKER_URL``, again on
PostgreSQL and RabbitMQ. Each test gets its own PostgreSQL schema and its own
queue-name prefix, removed afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from kombu import Connection
from sqlalchemy import create_engine, text

from mailroom.app import api
from mailroom.app import model_versions as versions
from mailroom.app.context import Mailroom
from mailroom.cases.importer import import_rows, read_case_rows
from mailroom.cases.register import DbCaseLookup
from mailroom.classifiers.corpus import packaged_corpus, read_corpora
from mailroom.classifiers.model import save_model, train_model
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.config.settings import Settings, load_settings
from mailroom.core.db.session import transaction

TEST_DATABASE_URL = os.environ.get("MAILROOM_TEST_DATABASE_URL")
TEST_BROKER_URL = os.environ.get("MAILROOM_TEST_BROKER_URL")

BACKENDS = ["embedded"]
if TEST_DATABASE_URL or TEST_BROKER_URL:
    BACKENDS.append("servers")


#: Files whose tests take minutes in all (daemons killed and restarted, a real
#: ``mailroom init`` that trains the model, real OCR), longest first. ``make test`` hands
#: whole files to the workers in collection order (``--no-loadscope-reorder``): started
#: first, none of them is left to one worker at the end while the other idles (four
#: minutes of the suite's twenty when xdist put the files with most tests first).
LONG_FILES = (
    "test_cli.py",
    "test_imap.py",
    "test_workers.py",
    "test_ocr.py",
    "test_zgw.py",
    "test_daemon.py",
    "test_phone_images_and_pdfs.py",
    "test_model_versions.py",
    "test_classifier.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long files first, then the others with most tests first; a file's tests keep
    their order (the sort is stable)."""
    tests = Counter(item.path.name for item in items)

    def rank(item: pytest.Item) -> tuple[int, int, str]:
        name = item.path.name
        long = LONG_FILES.index(name) if name in LONG_FILES else len(LONG_FILES)
        return (long, -tests[name], name)

    items.sort(key=rank)


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A classifier trained once per test session on the packaged corpus."""
    labels = load_catalogue().labels
    examples = read_corpora(packaged_corpus("train"), labels)
    # Without calibration (tested in test_classifier) training skips the cross-validation.
    model = train_model(
        examples, labels, "test-v1", "pytest", threshold=0.15, seed=1, calibrate_scores=False
    )
    return save_model(model, tmp_path_factory.mktemp("models") / "test-v1")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """``embedded`` (SQLite, SQLAlchemy transport) or ``servers`` (PostgreSQL, RabbitMQ)."""
    return request.param


@pytest.fixture
def settings(backend: str, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a fresh data directory on the chosen backend, cleaned up afterwards."""
    prefix = f"t{uuid.uuid4().hex[:10]}."
    overrides: dict[str, str] = {"queue_prefix": prefix}
    schema = None
    if backend == "servers" and TEST_DATABASE_URL:
        schema = f"mailroom_{uuid.uuid4().hex[:12]}"
        with create_engine(TEST_DATABASE_URL).begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in TEST_DATABASE_URL else "?"
        overrides["database_url"] = (
            f"{TEST_DATABASE_URL}{sep}options={quote(f'-csearch_path={schema}')}"
        )
    if backend == "servers" and TEST_BROKER_URL:
        overrides["broker_url"] = TEST_BROKER_URL
    yield load_settings(home=tmp_path / "home", environ={}, **overrides)
    if schema and TEST_DATABASE_URL:
        engine = create_engine(TEST_DATABASE_URL)
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
    if backend == "servers" and TEST_BROKER_URL:
        _delete_broker_objects(TEST_BROKER_URL, prefix)


def _delete_broker_objects(url: str, prefix: str) -> None:
    from mailroom.routing.topology import build_topology

    topology = build_topology(load_catalogue(), prefix)
    with Connection(url) as conn:
        channel = conn.channel()
        for queue in topology.all_queues():
            queue(channel).delete()
        topology.exchange(channel).delete()
        topology.work_exchange(channel).delete()


@pytest.fixture
def mr(settings: Settings, model_dir: Path) -> Iterator[Mailroom]:
    """An initialised installation with the session's trained model active."""
    api.init(settings, train=False)
    mailroom = api.open_mailroom(settings)
    versions.register_model(mailroom, model_dir, by="pytest")
    yield mailroom
    mailroom.close()


@pytest.fixture
def register(mr: Mailroom) -> Iterator[Callable[[str], DbCaseLookup]]:
    """Import a case register written as CSV (the DESIGN.md header) into ``mr``; the
    look-up over it, on a session closed after the test."""
    sessions = []

    def load(csv: str) -> DbCaseLookup:
        with transaction(mr.sessions) as session:
            import_rows(session, read_case_rows(csv, mr.catalogue), mr.clock())
        sessions.append(mr.sessions())
        return DbCaseLookup(sessions[-1])

    yield load
    for session in sessions:
        session.close()
