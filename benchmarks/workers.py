"""Scale-out benchmark: 1 against 2 `mailroom worker` processes on the same batch.

Run: .venv/bin/python benchmarks/workers.py [--letters 12]

Against RabbitMQ and PostgreSQL when MAILROOM_TEST_BROKER_URL and
MAILROOM_TEST_DATABASE_URL are set (the embedded SQLite and SQLAlchemy
transport otherwise). A batch of scanned letters (2 pages each, 300 dpi) is
taken in with `ingest --async`; then `mailroom worker --concurrency N` runs
until every document is routed. Prints pages per minute for N = 1 and 2, the
ratio, and checks that no document was processed twice (one `ocr_done` event
per document).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, func, select, text

from mailroom.app import api
from mailroom.app import model_versions as versions
from mailroom.core.config.settings import Settings, load_settings
from mailroom.core.db.models import FINAL_STATES, Document, Event
from mailroom.testing.env import mailroom_env
from mailroom.testing.scans import scan_letter

PG = os.environ.get("MAILROOM_TEST_DATABASE_URL")
AMQP = os.environ.get("MAILROOM_TEST_BROKER_URL")
LETTER = (
    "{name}\nKerkstraat {n}\n8011 AB Zwolle\n\nGemeente Zwolle\nPostbus 10007\n\n"
    "Zwolle, {n} maart 2026\n\nBetreft: kapotte lantaarnpaal\n\nGeachte heer, mevrouw,\n\n"
    "De lantaarnpaal voor ons huis aan de Kerkstraat {n} brandt al twee weken niet meer.\n"
    "Het is 's avonds erg donker op de stoep en ouderen durven niet meer naar buiten.\n"
    "Wilt u de lamp laten vervangen?\f"
    "Ik heb het eerder gemeld via de telefoon, maar er is nog niets gebeurd.\n"
    "Alvast hartelijk dank voor uw moeite.\n\nMet vriendelijke groet,\n\n{name}"
)


def settings_for(home: Path, schema: str | None, prefix: str) -> Settings:
    """A data directory on the servers (own schema and queue prefix) or embedded."""
    overrides: dict[str, str] = {"queue_prefix": prefix}
    if PG and schema:
        with create_engine(PG).begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in PG else "?"
        overrides["database_url"] = f"{PG}{sep}options={quote(f'-csearch_path={schema}')}"
    if AMQP:
        overrides["broker_url"] = AMQP
    return load_settings(home=home, environ={}, **overrides)


def run(
    settings: Settings,
    model_dir: Path | None,
    letters: list[Path],
    workers: int,
    ocr_jobs: int | None = None,
) -> tuple[Path, float]:
    """Take the batch in, run N workers until all is routed; print the figures."""
    if model_dir is None:
        api.init(settings)  # trains the classifier once
    else:
        api.init(settings, train=False)
    mr = api.open_mailroom(settings)
    try:
        if model_dir is not None:
            versions.register_model(mr, model_dir, by="benchmark")
        queued = api.ingest(mr, letters, queue=True)
        ids = [r.id for r in queued]
        env = {**os.environ, **mailroom_env(mr)}
        if ocr_jobs:
            env["MAILROOM_OCR_JOBS"] = str(ocr_jobs)
        start = time.perf_counter()
        worker = subprocess.Popen(
            [sys.executable, "-m", "mailroom", "worker", "--concurrency", str(workers)],
            env=env,
            start_new_session=True,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                with mr.sessions() as session:
                    states = list(
                        session.scalars(select(Document.state).where(Document.id.in_(ids)))
                    )
                if all(s in FINAL_STATES for s in states):
                    break
                time.sleep(0.2)
            seconds = time.perf_counter() - start
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=120)
        with mr.sessions() as session:
            pages = session.scalar(
                select(func.sum(Document.page_count)).where(Document.id.in_(ids))
            )
            twice = session.scalar(
                select(func.count()).select_from(
                    select(Event.document_id)
                    .where(Event.action == "ocr_done", Event.document_id.in_(ids))
                    .group_by(Event.document_id)
                    .having(func.count() > 1)
                    .subquery()
                )
            )
            routed = sum(s in ("routed", "needs_review") for s in states)
        rate = (pages or 0) / seconds * 60
        jobs = f"{ocr_jobs} OCR job each" if ocr_jobs else "the cores shared out"
        print(
            f"  {workers} worker process(es), {jobs}: {len(ids)} letters, {pages} pages in "
            f"{seconds:.1f} s = {rate:.1f} pages/min; routed {routed}/{len(ids)}; "
            f"processed twice: {twice}"
        )
        active = versions.list_versions(mr)[0]
        _delete_queues(mr)
        return Path(active.path), rate
    finally:
        mr.close()


def _delete_queues(mr: api.Mailroom) -> None:
    from kombu import Connection

    topology = mr.broker.topology
    with Connection(mr.broker.url) as conn:
        channel = conn.channel()
        for queue in topology.all_queues():
            queue(channel).delete()


def main() -> None:
    """Generate the batch, then run with 1 and with 2 workers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=12)
    args = parser.parse_args()
    where = "PostgreSQL + RabbitMQ" if PG and AMQP else "embedded SQLite + SQLAlchemy transport"
    print(f"on {where}, {os.cpu_count()} cores")
    schemas: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        model_dir = None
        rates = []
        # One worker using every core for OCR, one worker with one OCR job, and two
        # workers with one OCR job each: the last two are what a second machine adds.
        for run_number, (workers, jobs) in enumerate(((1, None), (1, 1), (2, 1))):
            batch = root / f"batch{run_number}"
            batch.mkdir()
            letters = [
                scan_letter(
                    LETTER.format(name=f"Inwoner {run_number}-{i}", n=i + run_number * 100),
                    batch / f"brief-{i}.pdf",
                )
                for i in range(args.letters)
            ]
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            schemas.append(schema)
            home = root / f"home{run_number}"
            settings = settings_for(home, schema, f"bw{uuid.uuid4().hex[:6]}.")
            model_dir, rate = run(settings, model_dir, letters, workers, jobs)
            rates.append(rate)
    print(
        f"  2 workers against 1 with one OCR job each: {rates[2] / rates[1]:.2f}x; "
        f"against 1 worker using both cores: {rates[2] / rates[0]:.2f}x"
    )
    if PG:
        with create_engine(PG).begin() as conn:
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
