"""Case-matching benchmark: match latency in a register of 1,000,000 cases, extraction time.

Run: .venv/bin/python benchmarks/matching.py [--cases 1000000] [--keep DIR] [--rounds N]
     [--database sqlite|postgresql] [--by-kind] [--against REV]

Fills a fresh SQLite database (and a scratch schema in PostgreSQL when
MAILROOM_TEST_DATABASE_URL is set) with generated cases, through the project's
migrations so the real indexes are measured, then matches letters against it:
follow-ups by BSN, KvK, address and name, a street without postcode and name in
an informal reply (looked up in an address register of every case's house), a
firm's reply signed with its trade name only (looked up in a trade register of
every organisation's trade name), invoice number, cited case number (in the text
or only in the email subject), a letter known only by the writer's full name and a
place (the surname, type and status look-up), and new requests. It prints p50/p99 of
the match (the register look-ups and rules, on identifiers already extracted) and the
extraction time per document.

A register takes minutes to fill; ``--keep DIR`` keeps it (an SQLite file in DIR, the schema
``bench_matching_<cases>`` in PostgreSQL) and later runs with the same ``--keep`` reuse it.
``--against REV`` measures the code of a git revision and this tree's in alternating rounds
(``--rounds``), each round a process of its own on the one kept register, so that the load
of a shared machine weighs on both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, insert, text

from mailroom.cases.identifiers import extract
from mailroom.cases.matching import decide
from mailroom.cases.names import surname_key
from mailroom.cases.register import DbCaseLookup
from mailroom.core.db.models import Case
from mailroom.core.db.session import _alembic_config, make_engine, session_factory, upgrade

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
        insert_in_batches(engine, Case, rows)
    fill_words(engine, n, zaken)
    fill_addresses(engine, n, zaken)
    fill_trade_names(engine, n, zaken)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
    return time.perf_counter() - start


def fill_words(engine: Engine, n: int, zaken: bool) -> None:
    """The words of the organisations' names (``case_words``), as import writes them; the
    cases were inserted in order into an empty table, so case ``i`` has id ``i``."""
    # Imported here: the rounds of ``--against`` run this script on older code too, which
    # only matches (the register is filled by this tree's code).
    from mailroom.cases.names import indexed_words
    from mailroom.core.db.models import CaseWord

    words = (
        {"case_id": i, "word": word}
        for i, row in enumerate(generate(n, zaken=zaken), start=1)
        for word in indexed_words(
            str(row["name"]),
            row["kvk"] and str(row["kvk"]),
            row["subject"] and str(row["subject"]),
            row["house_number"] and str(row["house_number"]),
        )
    )
    insert_in_batches(engine, CaseWord, words)


_STREET_FIRST = ["Oude", "Nieuwe", "Lange", "Korte", "Hoge", "Lage", "Kleine", "Grote"]
_STREET_FIRST += ["Noorder", "Zuider", "Ooster", "Wester", "Achter", "Voor", "Binnen", "Buiten"]
_STREET_FIRST += ["Boven", "Beneden", "Midden", "Open"]
_STREET_KINDS = ["straat", "weg", "laan", "kade", "dijk", "singel", "dreef", "gracht", "pad"]
_STREET_KINDS += ["plein"]


def street_of(postcode: object) -> str:
    """The street of a generated postcode: one street per postcode area of four digits, of
    4,000 names ("Lange Bergweg"), so that a street and number is one house or a few, as in
    a national BAG (about 250,000 street names for 9.8 million addresses)."""
    area = int(str(postcode)[:4])
    first = _STREET_FIRST[area % len(_STREET_FIRST)]
    stem = _STEMS[(area // len(_STREET_FIRST)) % len(_STEMS)]
    kind = _STREET_KINDS[(area // (len(_STREET_FIRST) * len(_STEMS))) % len(_STREET_KINDS)]
    return f"{first} {stem}{kind}"


def fill_addresses(engine: Engine, n: int, zaken: bool) -> None:
    """The address register (``mailroom addresses import``): every case's house on the
    street of its postcode, so that the letters giving a street without postcode are looked
    up in a national-size table (most are placed; some streets and numbers lie in two
    postcodes and are left unplaced, as two villages' Kerkstraat would be)."""
    from mailroom.cases.bag import street_end_key, street_key
    from mailroom.core.db.models import Address

    seen: set[tuple[object, object]] = set()

    def rows() -> Iterator[dict[str, object]]:
        for row in generate(n, zaken=zaken):
            house = (row["postcode"], row["house_number"])
            if house in seen:
                continue
            seen.add(house)
            street = street_of(row["postcode"])
            yield {
                "street": street,
                "street_key": street_key(street),
                "end_key": street_end_key(street),
                "house_number": row["house_number"],
                "postcode": row["postcode"],
                "place": "Ergens",
            }

    insert_in_batches(engine, Address, rows())


_SYLLABLES = ["ka", "lo", "ver", "min", "to", "ra", "del", "sa", "bo", "ne", "tor", "li"]
_SYLLABLES += ["mar", "vi", "ko", "den", "ha", "zu", "pel", "ri", "gan", "do", "fe", "nu"]
_SYLLABLES += ["sta", "mo", "wel", "ti", "ber", "la"]
_TRADE_KINDS = ["Café", "Bakkerij", "Garage", "Kapsalon", "Hotel", "Camping", "Restaurant"]


def trade_name_of(kvk: object) -> str:
    """A firm's trade name that shares no word with its registered name ("Bakkerij
    Toravelmin"): a kind and a made-up word of four syllables, nearly one per firm of a
    national register, as a municipality's trade names are."""
    n = int(str(kvk))
    word = "".join(_SYLLABLES[(n // len(_SYLLABLES) ** k) % len(_SYLLABLES)] for k in range(4))
    return f"{_TRADE_KINDS[n % len(_TRADE_KINDS)]} {word.capitalize()}"


def fill_trade_names(engine: Engine, n: int, zaken: bool) -> None:
    """The trade register (``mailroom trade-names import``): each organisation's registered
    name and a trade name of its own."""
    try:
        from mailroom.cases.kvk import name_keys
        from mailroom.core.db.models import TradeName
    except ImportError:  # a revision before the trade register
        return

    seen: set[object] = set()

    def rows() -> Iterator[dict[str, object]]:
        for row in generate(n, zaken=zaken):
            if not row["kvk"] or row["kvk"] in seen:
                continue
            seen.add(row["kvk"])
            for name in (str(row["name"]), trade_name_of(row["kvk"])):
                for key in name_keys(name):
                    yield {"kvk": row["kvk"], "name": name, "key": key, "postcode": None}

    insert_in_batches(engine, TradeName, rows())


def insert_in_batches(engine: Engine, model: type, rows: Iterator[dict[str, object]]) -> None:
    """Insert ``rows`` into ``model``'s table, 50,000 to a statement, in one transaction."""
    with engine.begin() as conn:
        batch: list[dict[str, object]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == 50_000:
                conn.execute(insert(model), batch)
                batch = []
        if batch:
            conn.execute(insert(model), batch)


class Letter(NamedTuple):
    """A letter of the benchmark: its text, the email's subject, the predicted case type,
    and which kind of letter it is (for the figures by kind)."""

    text: str
    subject: str | None
    case_type: str
    kind: str


def letters(n_cases: int, count: int, zaken: bool = False) -> list[Letter]:
    """Follow-ups of generated cases and new requests."""
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
        label = "address, new request"
        if kind == 0 and row["bsn"]:
            body = f"Mijn BSN is {row['bsn']}. Hoe staat het met mijn aanvraag?"
            label = "BSN"
        elif kind == 1 and row["kvk"] and i % 2:
            body = f"Stichting, KvK {row['kvk']}. Hierbij de gevraagde begroting."
            label = "KvK"
        elif kind == 1 and row["kvk"]:
            body = "Hierbij de gevraagde begroting."
            label = "trade name"
        elif kind == 2 and row["invoice_number"]:
            body = f"Herinnering. Factuurnummer: {row['invoice_number']}. Nog niet betaald."
            label = "invoice number"
        elif kind == 3:
            body = f"Uw kenmerk: {row['number']}. Ik stuur de gevraagde stukken."
            label = "case number"
        elif kind == 4:  # the case number only in the subject of a reply
            body = "Hierbij de stukken die nog ontbraken."
            subject = f"RE: de ontbrekende stukken {row['number']}"
            label = "case number in subject"
        else:
            body = "Ik wil graag iets nieuws aanvragen."
        if label == "trade name":  # signed with the firm's trade name, nothing else
            letter = (
                f"Goedemiddag,\n\n{body}\n\nMet vriendelijke groet,\n\n"
                f"{str(name).split()[0]}\n{trade_name_of(row['kvk'])}\n"
            )
        elif kind == 6:  # only the writer's full name, and a place (the name-only look-up)
            letter = f"Hoi,\n\nDe lamp in de Dorpsstraat is weer kapot.\n\nGroet,\n{name}\n"
            label = "name and place"
        elif kind == 5:  # informal: name and street without postcode, quoting the municipality
            letter = (
                f"Hoi,\n\nHoe staat het met mijn aanvraag?\n\nGroetjes,\n{name}\n"
                f"{street_of(postcode)} {house}\n\nOp 3 mrt 2026 om 10:00 schreef Gemeente "
                "<info@gemeente.nl>:\n> Geachte heer, mevrouw,\n> Wij hebben uw aanvraag "
                "ontvangen.\n> Gemeente, Stadhuisplein 1, 1234 AB Ergens\n"
            )
            label = "street, no postcode"
        else:
            letter = (
                f"{name}\nDorpsstraat {house}\n{pc} Ergens\n\nGeachte heer, mevrouw,\n\n"
                f"{body}\n\nMet vriendelijke groet,\n{name}\n"
            )
        out.append(Letter(letter, subject, str(row["case_type"]), label))
    return out


#: Letters matched per round; the first WARM_UP of them are not counted.
LETTERS, WARM_UP = 600, 100


@dataclass
class Round:
    """The figures of one round of matching (times in ms)."""

    p50: float
    p99: float
    extraction: float
    matched: int
    new: int
    load: float
    #: kind of letter: (letters, p50, p99)
    by_kind: dict[str, tuple[int, float, float]] = field(default_factory=dict)


def _quantiles(seconds: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(seconds, n=100)
    return q[49] * 1000, q[98] * 1000


def match_round(engine_url: str, sample: list[Letter]) -> Round:
    """Match the letters on a new engine (as a worker does) and return the figures."""
    engine = make_engine(engine_url)
    sessions = session_factory(engine)
    extraction: list[float] = []
    matching: list[float] = []
    kinds: dict[str, list[float]] = {}
    outcomes = {"matched": 0, "new": 0}
    with sessions() as session:
        lookup = DbCaseLookup(session)
        for i, letter in enumerate(sample):
            start = time.perf_counter()
            ids = extract(letter.text, subject=letter.subject)
            middle = time.perf_counter()
            decision = decide(ids, letter.case_type, lookup)
            end = time.perf_counter()
            if i >= WARM_UP:  # the first letters warm caches and connections
                extraction.append(middle - start)
                matching.append(end - middle)
                kinds.setdefault(letter.kind, []).append(end - middle)
                outcomes[decision.match] += 1
    engine.dispose()
    p50, p99 = _quantiles(matching)
    return Round(
        p50,
        p99,
        statistics.mean(extraction) * 1000,
        outcomes["matched"],
        outcomes["new"],
        os.getloadavg()[0],
        {k: (len(v), *_quantiles(v)) for k, v in sorted(kinds.items()) if len(v) > 1},
    )


def print_round(r: Round, by_kind: bool = False) -> None:
    """Print one round's figures."""
    print(
        f"  match latency over {r.matched + r.new} letters ({r.matched} matched, "
        f"{r.new} new): p50 {r.p50:.2f} ms, p99 {r.p99:.2f} ms (load {r.load:.1f})"
    )
    print(f"  extraction per document: mean {r.extraction:.2f} ms")
    print(f"  target p99 < 5 ms: {'met' if r.p99 < 5 else 'MISSED'}")
    if by_kind:
        for kind, (count, p50, p99) in r.by_kind.items():
            print(f"    {kind:<24} {count:4} letters  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms")


def _prepare(url: str, n_cases: int, zaken: bool, label: str, reuse: bool) -> None:
    """Fill a new register, or take a kept one (migrated to this code's head where the
    code knows its revision; the code before a new migration measures on it as it is)."""
    what = "cached zaken" if zaken else "cases"
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
            count = conn.scalar(text("SELECT count(*) FROM cases")) if revision else 0
        if reuse and revision and count == n_cases:
            scripts = ScriptDirectory.from_config(_alembic_config(engine))
            head = scripts.get_current_head()
            known = {s.revision for s in scripts.walk_revisions()}
            if revision != head and revision in known:
                upgrade(engine)
                with engine.begin() as conn:
                    conn.execute(text("ANALYZE"))
                print(f"{label}: kept register migrated from {revision} to {head}")
            elif revision != head:
                print(f"{label}: kept register at {revision}, newer than this code's {head}")
            print(f"{label}: {n_cases:,} {what} kept from an earlier run")
            return
        if count:
            raise SystemExit(f"{label}: the kept register has {count} cases, not {n_cases}")
        upgrade(engine)
    finally:
        engine.dispose()
    seconds = fill(url, n_cases, zaken)
    print(f"{label}: {n_cases:,} {what} inserted in {seconds:.0f} s")


@contextmanager
def register(
    database: str, n_cases: int, zaken: bool, keep: Path | None, fill_it: bool = True
) -> Iterator[str]:
    """The URL of a filled register: new, or kept in ``keep`` (an SQLite file there, a
    schema in PostgreSQL) and reused by later runs with the same ``keep`` and size."""
    name = f"matching_{n_cases}{'_zaken' if zaken else ''}"
    label = "SQLite" if database == "sqlite" else "PostgreSQL"
    if database == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{(keep or Path(tmp)) / f'{name}.sqlite3'}"
            if fill_it:
                _prepare(url, n_cases, zaken, label, keep is not None)
            yield url
        return
    pg = os.environ["MAILROOM_TEST_DATABASE_URL"]
    schema = f"bench_{name}" if keep else f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    sep = "&" if "?" in pg else "?"
    url = f"{pg}{sep}options={quote(f'-csearch_path={schema}')}"
    try:
        if fill_it:
            _prepare(url, n_cases, zaken, label, keep is not None)
        yield url
    finally:
        if not keep:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def measure(
    database: str,
    n_cases: int,
    zaken: bool = False,
    *,
    keep: Path | None = None,
    rounds: int = 1,
    by_kind: bool = False,
    as_json: bool = False,
    fill_it: bool = True,
) -> list[Round]:
    """Fill (or take a kept register), then match the letters ``rounds`` times and print
    the figures of each round (as a line of JSON with ``as_json``)."""
    sample = letters(n_cases, LETTERS, zaken)
    results = []
    with register(database, n_cases, zaken, keep, fill_it) as url:
        for i in range(rounds):
            result = match_round(url, sample)
            results.append(result)
            if as_json:
                print(json.dumps(asdict(result)), flush=True)
            else:
                if rounds > 1:
                    print(f"  round {i + 1} of {rounds}:")
                print_round(result, by_kind)
    return results


def databases() -> list[str]:
    """SQLite, and PostgreSQL when the test database is set."""
    if os.environ.get("MAILROOM_TEST_DATABASE_URL"):
        return ["sqlite", "postgresql"]
    print("PostgreSQL: set MAILROOM_TEST_DATABASE_URL to measure it too")
    return ["sqlite"]


def on_each_database(
    n_cases: int,
    zaken: bool = False,
    *,
    keep: Path | None = None,
    rounds: int = 1,
    by_kind: bool = False,
    only: str | None = None,
) -> None:
    """Measure on SQLite, and on PostgreSQL when the test database is set."""
    for database in [only] if only else databases():
        measure(database, n_cases, zaken, keep=keep, rounds=rounds, by_kind=by_kind)


ROOT = Path(__file__).resolve().parent.parent


def against(
    revision: str,
    n_cases: int,
    zaken: bool,
    keep: Path,
    rounds: int,
    by_kind: bool,
    only: str | None,
) -> None:
    """The code of ``revision`` and the code of this tree in alternating rounds, each a
    process of its own, on one kept register (so the machine's load weighs on both)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "mailroom"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        codes = {f"before ({revision})": tmp, "this tree": str(ROOT)}
        for database in [only] if only else databases():
            with register(database, n_cases, zaken, keep):
                pass  # filled (or migrated) by this tree's code, then kept
            results: dict[str, list[Round]] = {code: [] for code in codes}
            for i in range(rounds):
                for code, path in codes.items():
                    command = [sys.executable, __file__, "--cases", str(n_cases)]
                    command += ["--keep", str(keep), "--database", database, "--json"]
                    command += ["--zaken"] if zaken else []
                    env = {**os.environ, "PYTHONPATH": path}
                    out = subprocess.run(command, env=env, check=True, capture_output=True)
                    line = out.stdout.decode().strip().splitlines()[-1]
                    result = Round(**json.loads(line))
                    results[code].append(result)
                    print(
                        f"{database} round {i + 1} {code}: p50 {result.p50:.2f} ms, "
                        f"p99 {result.p99:.2f} ms, extraction {result.extraction:.2f} ms, "
                        f"{result.matched} matched, load {result.load:.1f}",
                        flush=True,
                    )
            print(f"{database}, {n_cases:,} cases, {rounds} alternating rounds:")
            for code, rs in results.items():
                p50 = statistics.median(r.p50 for r in rs)
                print(
                    f"  {code:<24} p50 {p50:.2f} ms (median), p99 "
                    f"{min(r.p99 for r in rs):.2f}–{max(r.p99 for r in rs):.2f} ms, "
                    f"median {statistics.median(r.p99 for r in rs):.2f} ms, extraction "
                    f"{min(r.extraction for r in rs):.2f}–{max(r.extraction for r in rs):.2f} ms"
                )
                if by_kind:
                    for kind in rs[0].by_kind:
                        p50s = [r.by_kind[kind][1] for r in rs]
                        p99s = [r.by_kind[kind][2] for r in rs]
                        print(
                            f"    {kind:<24} p50 {statistics.median(p50s):6.2f} ms  "
                            f"p99 {statistics.median(p99s):6.2f} ms (medians)"
                        )


def main() -> None:
    """Run on SQLite, and on PostgreSQL when the test database is configured."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="keep the filled register (an SQLite file in DIR, a schema in PostgreSQL) and "
        "reuse it in later runs with the same --keep and --cases",
    )
    parser.add_argument("--rounds", type=int, default=1, help="rounds of matching")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], help="only this one")
    parser.add_argument("--by-kind", action="store_true", help="p50/p99 by kind of letter")
    parser.add_argument(
        "--against",
        metavar="REV",
        help="alternate rounds of the code of git revision REV and of this tree (needs --keep)",
    )
    parser.add_argument("--zaken", action="store_true", help="the register as a zaak cache")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.keep:
        args.keep = args.keep.resolve()
        args.keep.mkdir(parents=True, exist_ok=True)
    if args.against:
        if not args.keep:
            parser.error("--against needs --keep")
        against(
            args.against, args.cases, args.zaken, args.keep, args.rounds, args.by_kind,
            args.database,
        )  # fmt: skip
    elif args.json:
        measure(args.database, args.cases, args.zaken, keep=args.keep, as_json=True, fill_it=False)
    else:
        on_each_database(
            args.cases,
            args.zaken,
            keep=args.keep,
            rounds=args.rounds,
            by_kind=args.by_kind,
            only=args.database,
        )


if __name__ == "__main__":
    main()
