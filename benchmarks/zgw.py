"""Zaaksysteem benchmark: filing throughput against the fake Open Zaak.

Run: .venv/bin/python benchmarks/zgw.py [--letters 200] [--cached 1000000]

Files new letters (a zaak with initiator and first status, a 60 kB document, the
link: nine calls each, every one looking before it creates) into the fake Open
Zaak of ``mailroom/testing/zgw.py`` served by uvicorn on this machine, with 1 and
with 4 concurrent filers (threads, each with its own client), and prints letters
per second and the time per call. The fake validates every request and response
against the ZGW specifications, as in the tests; a real Open Zaak answers in its
own time, so these figures are mailroom's side plus the fake's, not a promise.

Then matching against the register as the cache of a zaaksysteem: 1,000,000 open
zaken with their URLs and parties (as ``mailroom cases sync`` fills it), on SQLite
and, when MAILROOM_TEST_DATABASE_URL is set, PostgreSQL: p50/p99 of the match, by
the same letters and code as ``benchmarks/matching.py``. No call to the zaaksysteem
is part of matching; a cited number the cache lacks is looked up there first.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from mailroom.testing.zgw import FakeOpenZaak, served
from mailroom.zgw.catalogus import resolve
from mailroom.zgw.client import ZgwClient, ZgwConfig
from mailroom.zgw.filing import Letter, Party, file_letter

sys.path.insert(0, str(Path(__file__).parent))  # the matching benchmark beside this one
import matching

CONTENT = b"%PDF-1.7\n" + bytes(range(256)) * 240  # about 60 kB


def _letters(n: int, start: int, zaaktype: object) -> list[Letter]:
    now = datetime.now(UTC)
    return [
        Letter(
            case_number=f"ZAAK-2026-{start + i:010d}",
            case_id=start + i,
            zaaktype=zaaktype,  # type: ignore[arg-type]
            received=now.date(),
            subject=f"Melding {i}",
            party=Party(name=f"Inwoner {i}", bsn=None),
            zaak_url=None,
            zaak_key=f"bench-{start + i}",
            document_identificatie=f"bench-{start + i}",
            titel=f"Melding {i}",
            auteur=f"Inwoner {i}",
            filename="brief.pdf",
            media_type="application/pdf",
            content=CONTENT,
            received_at=now,
        )
        for i in range(n)
    ]


def run(n: int, filers: int) -> tuple[float, int]:
    """File ``n`` letters with ``filers`` threads; (seconds, calls made)."""
    fake = FakeOpenZaak()
    fake.add_zaaktype("ZT-MELDING", "Melding openbare ruimte")
    with served(fake) as base:
        config = ZgwConfig(
            f"{base}/zaken/api/v1",
            f"{base}/documenten/api/v1",
            f"{base}/catalogi/api/v1",
            fake.client_id,
            fake.secret,
            fake.rsin,
        )
        setup = ZgwClient(config)
        zaaktype = resolve(setup, {"m": "ZT-MELDING"}, ["m"], "Inkomende post").zaaktypen["m"]
        setup.close()
        letters = _letters(n, 1, zaaktype)
        clients = [ZgwClient(config) for _ in range(filers)]
        before = len(fake.requests)
        started = time.perf_counter()
        with ThreadPoolExecutor(filers) as pool:
            list(pool.map(lambda i: file_letter(clients[i % filers], letters[i]), range(n)))
        seconds = time.perf_counter() - started
        calls = len(fake.requests) - before
        for client in clients:
            client.close()
    assert len(fake.zaken) == n and not fake.violations, fake.violations[:3]
    return seconds, calls


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--cached", type=int, default=1_000_000, help="zaken in the cache")
    args = parser.parse_args()
    print(f"filing {args.letters} new letters (zaak, initiator, status, 60 kB document, link)")
    for filers in (1, 4):
        times = [run(args.letters, filers) for _ in range(2)]
        seconds = statistics.median(t for t, _ in times)
        calls = times[0][1]
        print(
            f"  {filers} filer(s): {args.letters / seconds:6.1f} letters/s, "
            f"{calls / args.letters:.0f} calls per letter, {seconds / calls * 1000:.1f} ms per call"
        )
    print(f"matching against {args.cached:,} cached open zaken")
    matching.on_each_database(args.cached, zaken=True)


if __name__ == "__main__":
    main()
