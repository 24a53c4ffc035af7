"""Case-matching benchmark: match latency in a register of 1,000,000 cases, extraction time.

Run: .venv/bin/python benchmarks/matching.py [--cases 1000000]

Fills a fresh SQLite database (and a scratch schema in PostgreSQL when
MAILROOM_TEST_DATABASE_URL is set) with generated cases, through the project's
migrations so the real indexes are measured, then matches letters against it:
follow-ups by BSN, KvK, address and name, a street without postcode and name in
an informal reply, invoice number, cited case number (in the text or only in the
email subject), a letter known only by the writer's full name and a place (the
surname, type and status look-up), and new requests. It prints p50/p99 of the match (the register
look-ups and rules, on identifiers already extracted) and the extraction time per
document.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, insert, text

from mailroom.cases.identifiers import extract
from mailroom.cases.matching import decide
from mailroom.cases.names import surname_key
from mailroom.cases.register import DbCaseLookup
from mailroom.core.db.models import Case
from mailroom.core.db.session import make_engine, session_factory, upgrade

TYPES = ["wmo", "bijstand", "parkeervergunning", "omgevingsvergunning", "subsidie", "factuur"]
# A register has thousands of surnames; a handful would make every surname + house number
# look-up (a street without postcode) return hundreds of namesakes.
_STEMS = ["Berg", "Dijk", "Veld", "Hof", "Bos", "Meer", "Brink", "Kamp", "Molen", "Beek"]
_STEMS += ["Haar", "Wijk", "Horst", "Vliet", "Bosch", "Linde", "Graaf", "Heuvel", "Donk", "Sloot"]
SURNAMES = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "El Idrissi", "Yilmaz"]
SURNAMES += [
    f"{prefix}{stem}{suffix}"
    for prefix in ("", "van den ", "de ")
    for stem in _STEMS
    for suffix in ("", "man", "er", "stra", "ink", "huis", "sma", "ema")
]
FIRST = ["Anna", "Bram", "Cor", "Daan", "Eva", "Fatima", "Gert", "Hanna", "Ilse", "Jan"]


def valid_bsn(rng: random.Random) -> str:
    """A random 9-digit number that passes the elfproef."""
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)


def generate(n: int, seed: int = 7, zaken: bool = False) -> Iterator[dict[str, object]]:
    """Cases: persons with a BSN and address, organisations with a KvK, invoices. With
    ``zaken``: the register as the cache of a zaaksysteem's open zaken (every case open,
    with its zaak's URL and key, as ``mailroom cases sync`` fills it)."""
    rng = random.Random(seed)
    opened = datetime(2025, 1, 1, tzinfo=UTC)
    for i in range(1, n + 1):
        case_type = TYPES[i % len(TYPES)]
        person = case_type not in ("subsidie", "factuur")
        name = f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"
        status = "open" if rng.random() < 0.7 else "closed"
        row: dict[str, object] = {
            "number": f"ZAAK-2025-{i:010d}",
            "case_type": case_type,
            "status": "open" if zaken else status,
            "bsn": valid_bsn(rng) if person else None,
            "kvk": None if person else f"{rng.randrange(10**7, 10**8)}",
            "email": None,
            "postcode": f"{rng.randrange(1000, 10000)}{rng.choice('ABCDEFGHJKLMNPRTVWXZ')}"
            f"{rng.choice('ABCDEFGHJKLMNPRTVWXZ')}",
            "house_number": str(rng.randrange(1, 300)),
            "name": name,
            "surname": surname_key(name),
            "subject": None,
            "invoice_number": f"F-{i:08d}" if case_type == "factuur" else None,
            "related_to": None,
            "opened_at": opened,
        }
        if zaken:
            key = uuid.UUID(int=rng.getrandbits(128))
            row["zaak_url"] = f"https://openzaak.gemeente.nl/zaken/api/v1/zaken/{key}"
            row["zaak_key"] = str(key)
        yield row


def fill(engine_url: str, n: int, zaken: bool = False) -> float:
    """Insert ``n`` generated cases; returns seconds taken."""
    engine = create_engine(engine_url)
    start = time.perf_counter()
    rows = generate(n, zaken=zaken)
    if engine.dialect.name == "postgresql":
        columns = list(next(generate(1, zaken=zaken)).keys())
        raw = engine.raw_connection()
        try:
            with (
                raw.cursor() as cur,
                cur.copy(  # type: ignore[attr-defined]
                    f"COPY cases ({', '.join(columns)}) FROM STDIN"
                ) as copy,
            ):
                for row in rows:
                    copy.write_row([row[c] for c in columns])
            raw.commit()
        finally:
            raw.close()
    else:
        with engine.begin() as conn:
            batch: list[dict[str, object]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 50_000:
                    conn.execute(insert(Case), batch)
                    batch = []
            if batch:
                conn.execute(insert(Case), batch)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
    return time.perf_counter() - start


def letters(n_cases: int, count: int, zaken: bool = False) -> list[tuple[str, str | None, str]]:
    """(text, email subject, predicted case type) for follow-ups of generated cases and new
    requests."""
    rng = random.Random(3)
    picks = sorted(rng.sample(range(1, n_cases + 1), count))
    wanted = set(picks)
    chosen = [row for i, row in enumerate(generate(n_cases, zaken=zaken), start=1) if i in wanted]
    out = []
    for i, row in enumerate(chosen):
        name, postcode, house = row["name"], row["postcode"], row["house_number"]
        pc = f"{str(postcode)[:4]} {str(postcode)[4:]}"
        kind = i % 7
        subject = None
        if kind == 0 and row["bsn"]:
            body = f"Mijn BSN is {row['bsn']}. Hoe staat het met mijn aanvraag?"
        elif kind == 1 and row["kvk"]:
            body = f"Stichting, KvK {row['kvk']}. Hierbij de gevraagde begroting."
        elif kind == 2 and row["invoice_number"]:
            body = f"Herinnering. Factuurnummer: {row['invoice_number']}. Nog niet betaald."
        elif kind == 3:
            body = f"Uw kenmerk: {row['number']}. Ik stuur de gevraagde stukken."
        elif kind == 4:  # the case number only in the subject of a reply
            body = "Hierbij de stukken die nog ontbraken."
            subject = f"RE: de ontbrekende stukken {row['number']}"
        else:
            body = "Ik wil graag iets nieuws aanvragen."
        if kind == 6:  # only the writer's full name, and a place (the name-only look-up)
            letter = f"Hoi,\n\nDe lamp in de Dorpsstraat is weer kapot.\n\nGroet,\n{name}\n"
        elif kind == 5:  # informal: name and street without postcode, quoting the municipality
            letter = (
                f"Hoi,\n\nHoe staat het met mijn aanvraag?\n\nGroetjes,\n{name}\n"
                f"Dorpsstraat {house}\n\nOp 3 mrt 2026 om 10:00 schreef Gemeente "
                "<info@gemeente.nl>:\n> Geachte heer, mevrouw,\n> Wij hebben uw aanvraag "
                "ontvangen.\n> Gemeente, Stadhuisplein 1, 1234 AB Ergens\n"
            )
        else:
            letter = (
                f"{name}\nDorpsstraat {house}\n{pc} Ergens\n\nGeachte heer, mevrouw,\n\n"
                f"{body}\n\nMet vriendelijke groet,\n{name}\n"
            )
        out.append((letter, subject, str(row["case_type"])))
    return out


def measure(engine_url: str, label: str, n_cases: int, zaken: bool = False) -> None:
    """Fill, then match letters and print the figures."""
    seconds = fill(engine_url, n_cases, zaken)
    print(
        f"{label}: {n_cases:,} {'cached zaken' if zaken else 'cases'} inserted in {seconds:.0f} s"
    )
    sample = letters(n_cases, 600, zaken)
    engine = make_engine(engine_url)
    sessions = session_factory(engine)
    extraction: list[float] = []
    matching: list[float] = []
    outcomes = {"matched": 0, "new": 0}
    with sessions() as session:
        lookup = DbCaseLookup(session)
        for i, (letter, subject, case_type) in enumerate(sample):
            start = time.perf_counter()
            ids = extract(letter, subject=subject)
            middle = time.perf_counter()
            decision = decide(ids, case_type, lookup)
            end = time.perf_counter()
            if i >= 100:  # the first hundred warm caches and connections
                extraction.append(middle - start)
                matching.append(end - middle)
                outcomes[decision.match] += 1
    engine.dispose()
    q = statistics.quantiles(matching, n=100)
    print(
        f"  match latency over {len(matching)} letters ({outcomes['matched']} matched, "
        f"{outcomes['new']} new): p50 {q[49] * 1000:.2f} ms, p99 {q[98] * 1000:.2f} ms"
    )
    print(f"  extraction per document: mean {statistics.mean(extraction) * 1000:.2f} ms")
    print(f"  target p99 < 5 ms: {'met' if q[98] < 0.005 else 'MISSED'}")


def main() -> None:
    """Run on SQLite, and on PostgreSQL when the test database is configured."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    args = parser.parse_args()
    on_each_database(args.cases)


def on_each_database(n_cases: int, zaken: bool = False) -> None:
    """Measure on a fresh SQLite database, and on PostgreSQL when the test database is set."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        upgrade(make_engine(url))
        measure(url, "SQLite", n_cases, zaken)
    pg = os.environ.get("MAILROOM_TEST_DATABASE_URL")
    if pg:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(pg)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in pg else "?"
        url = f"{pg}{sep}options={quote(f'-csearch_path={schema}')}"
        try:
            upgrade(make_engine(url))
            measure(url, "PostgreSQL", n_cases, zaken)
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    else:
        print("PostgreSQL: set MAILROOM_TEST_DATABASE_URL to measure it too")


if __name__ == "__main__":
    main()
