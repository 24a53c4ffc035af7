"""Web workspace benchmark: server time of the queue page, the document page and a search
with 100,000 documents in the database.

Run: .venv/bin/python benchmarks/web.py [--documents 100000] [--requests 60]

Fills a fresh installation (SQLite, and a scratch schema in PostgreSQL when
MAILROOM_TEST_DATABASE_URL is set) through the project's migrations, so the real
indexes and search triggers are measured: intake items, cases and documents with
letter texts from the training corpus (about 200 words each), most of them
done, some waiting, claimed or in review. Then, logged in as an employee of one
team and as an admin, it times requests to the application in this process
(Starlette's test client: routing, the session, the server-side checks, the
queries and the template, no network) and prints p50 and p95 per page; the
target is p95 <= 100 ms. The queue page lists the most pressing first (cases in
default, then by due date, then the oldest): a join with the cases and a sort.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, insert, select, text
from starlette.testclient import TestClient

from mailroom.app import api, people
from mailroom.app.context import Mailroom
from mailroom.app.people import Role
from mailroom.classifiers.corpus import packaged_corpus, read_corpora
from mailroom.core.config.settings import load_settings
from mailroom.core.db.models import Case, Document, IntakeItem
from mailroom.faces.web.app import create_app

PASSWORD = "benchmark password"
TEAM = "beheer_openbare_ruimte"
BATCH = 5_000


def _texts() -> list[tuple[str, str]]:
    return [(ex.text, ex.label) for ex in read_corpora(packaged_corpus("train")) if not ex.not_post]


def _rows(
    n: int, catalogue_teams: dict[str, str], seed: int = 5
) -> Iterator[tuple[dict, dict, dict]]:
    """(intake item, case, document) rows for ``n`` documents."""
    rng = random.Random(seed)
    texts = _texts()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    names = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Yilmaz", "El Idrissi"]
    for i in range(1, n + 1):
        body, label = texts[rng.randrange(len(texts))]
        received = start + timedelta(minutes=5 * i)
        name = f"{rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(names)}"
        roll = rng.random()
        state, done, claimed = "routed", True, None
        if roll < 0.01:
            state, done = "needs_review", False
        elif roll < 0.02:
            done, claimed = False, "collega"
        elif roll < 0.05:
            done = False
        item = {
            "id": i,
            "input_path": f"/scans/{i}.pdf",
            "channel": "email" if i % 3 else "paper",
            "sha256": f"{i:064x}",
            "size": 50_000,
            "stored_path": f"/store/{i}",
            "received_at": received,
            "sender": f"{name} <post{i}@example.nl>",
            "subject": f"Betreft {label.replace('_', ' ')} {i}",
        }
        case = {
            "id": i,
            "number": f"ZAAK-2026-{i:010d}",
            "case_type": label,
            "status": "open",
            "name": name,
            "opened_at": received,
            # Cases carry due dates (a few have none: overig) and some are in default.
            "due_date": (received + timedelta(days=rng.choice((14, 42, 56)))).date()
            if label != "overig"
            else None,
            "penalty_from": (received + timedelta(days=60)).date() if roll > 0.998 else None,
        }
        document = {
            "id": i,
            "intake_id": i,
            "source_file": f"/scans/{i}.pdf",
            "channel": item["channel"],
            "sha256": item["sha256"],
            "media_type": "application/pdf",
            "original_path": f"/store/{i}",
            "received_at": received,
            "state": state,
            "page_count": 1,
            "text": body,
            "case_type": label,
            "confidence": 0.97,
            "scores": {label: 0.97},
            "case_id": i,
            "case_match": "new",
            "case_score": 1.0,
            "team": catalogue_teams[label],
            "reasons": [],
            "attempts": 1,
            "published_at": received,
            "claimed_by": claimed,
            "done_by": "collega" if done else None,
            "done_at": received if done else None,
            "claimed_at": received if (claimed or done) else None,
        }
        if done:
            document["claimed_by"] = "collega"
        yield item, case, document


def fill(mr: Mailroom, n: int) -> float:
    """Insert ``n`` documents with their intake items and cases; seconds taken."""
    teams = {code: t.team for code, t in mr.catalogue.case_types.items()}
    started = time.perf_counter()
    batches: tuple[list[dict], list[dict], list[dict]] = ([], [], [])
    with mr.engine.begin() as conn:
        for rows in _rows(n, teams):
            for batch, row in zip(batches, rows, strict=True):
                batch.append(row)
            if len(batches[0]) == BATCH:
                _flush(conn, batches)
        _flush(conn, batches)
    with mr.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return time.perf_counter() - started


def _flush(conn: object, batches: tuple[list[dict], list[dict], list[dict]]) -> None:
    for model, batch in zip((IntakeItem, Case, Document), batches, strict=True):
        if batch:
            conn.execute(insert(model), batch)  # type: ignore[attr-defined]
            batch.clear()


def _timed(client: TestClient, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        started = time.perf_counter()
        reply = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert reply.status_code == 200, (url, reply.status_code)
    return times


def _login(client: TestClient, name: str) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token[1]})


def measure(settings_kwargs: dict[str, str], label: str, n: int, requests: int) -> None:
    """Fill an installation and time the pages; print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(home=Path(tmp) / "home", environ={}, **settings_kwargs)
        api.init(settings, train=False)
        mr = api.open_mailroom(settings)
        try:
            seconds = fill(mr, n)
            people.add_user(mr, "anna", Role.employee, (TEAM,), PASSWORD, by="benchmark")
            people.add_user(mr, "admin", Role.admin, (), PASSWORD, by="benchmark")
            with mr.sessions() as session:
                visible = list(
                    session.scalars(
                        select(Document.id)
                        .where(Document.team == TEAM, Document.state == "routed")
                        .limit(requests)
                    )
                )
            rng = random.Random(3)
            words = [
                "lantaarnpaal",
                "vergunning",
                "bezwaar",
                "huishoudelijke hulp",
                "factuur",
                "parkeren",
                "subsidie",
                "ZAAK-2026-0000004242",
                "Jansen",
                "boom",
            ]
            figures = {}
            with TestClient(create_app(settings, mr)) as client:
                _login(client, "anna")
                queue = [f"/queues/{TEAM}"] * requests
                docs = [f"/documents/{rng.choice(visible)}" for _ in range(requests)]
                _timed(client, queue[:5] + docs[:5])  # warm up
                figures["queue page (employee)"] = _timed(client, queue)
                figures["document page (employee)"] = _timed(client, docs)
                figures["search (employee)"] = _timed(
                    client, [f"/search?q={quote(rng.choice(words))}" for _ in range(requests)]
                )
            with TestClient(create_app(settings, mr)) as client:
                _login(client, "admin")
                figures["search (admin, all documents)"] = _timed(
                    client, [f"/search?q={quote(rng.choice(words))}" for _ in range(requests)]
                )
        finally:
            mr.close()
    print(f"\n{label}: {n:,} documents (filled in {seconds:.0f} s), {requests} requests each")
    print(f"  {'page':<32} {'p50':>8} {'p95':>8}  target p95 <= 100 ms")
    for page, times in figures.items():
        p95 = statistics.quantiles(times, n=20)[-1]
        verdict = "met" if p95 <= 100 else "MISSED"
        print(f"  {page:<32} {statistics.median(times):>6.1f}ms {p95:>6.1f}ms  {verdict}")


def main() -> None:
    """SQLite, and PostgreSQL when the test database is configured."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    measure({}, "SQLite", args.documents, args.requests)
    pg = os.environ.get("MAILROOM_TEST_DATABASE_URL")
    if not pg:
        print("\nPostgreSQL: set MAILROOM_TEST_DATABASE_URL to measure it too")
        return
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in pg else "?"
    try:
        url = f"{pg}{sep}options={quote(f'-csearch_path={schema}')}"
        measure({"database_url": url}, "PostgreSQL", args.documents, args.requests)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
