"""OCR benchmark: mailroom against plain `ocrmypdf` on the same degraded scans, in one run.

Run: .venv/bin/python benchmarks/ocr.py [--docs 12] [--seed 7]

Generates N realistic Dutch letters with known text (1-3 pages), scanned the way
a postroom scanner spoils paper: rotated 0/90/180 degrees, skewed up to 3
degrees, speckled, blurred, JPEG-compressed. Then measures, on the same files
and the same cores:

  (a) plain `ocrmypdf` on the command line with the same options, file by file,
      --jobs = cores;
  (b) mailroom's OCR stage (pages in parallel inside a document, jobs = cores);
  (b2) mailroom's OCR stage with documents in parallel (one per core, jobs 1);
  (c) the full `mailroom ingest` (intake, OCR, classification, matching, routing).

Prints pages per minute, the ratios (b)/(a) and (c)/(a), the character error
rate against the known text (whitespace normalised), the share of rotated
pages put right, and the peak memory of a worker on a 10-page scan.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pypdf import PdfReader
from rapidfuzz.distance import Levenshtein

from mailroom import api
from mailroom.config.settings import load_settings
from mailroom.ocr.engine import OcrmypdfEngine, OcrOptions
from mailroom.ocr.stage import OcrInput, run_ocr
from mailroom.testing.scans import Degradation, render_page, save_pdf

CORES = os.cpu_count() or 1
NAMES = [
    "J. de Vries",
    "A. El Amrani",
    "M. Jansen-Bakker",
    "K. Wijaya",
    "S. Kowalski",
    "T. Hoekstra",
]
STREETS = ["Kerkstraat", "Dorpsweg", "Molenlaan", "Stationsplein", "Beukenhof", "Oranjesingel"]
TOWNS = ["Zwolle", "Tilburg", "Heerenveen", "Goes", "Venlo", "Amersfoort"]
SUBJECTS = [
    ("kapotte lantaarnpaal", "De lantaarnpaal voor ons huis brandt al twee weken niet meer."),
    ("aanvraag parkeervergunning", "Graag vraag ik een bewonersvergunning aan voor mijn auto."),
    ("bezwaar tegen besluit", "Hierbij maak ik bezwaar tegen uw besluit van vorige maand."),
    ("huishoudelijke hulp", "Mijn moeder kan het huishouden niet meer zelf doen en vraagt hulp."),
    ("factuur onderhoud", "Hierbij ontvangt u onze factuur voor het onderhoud van het groen."),
]
FILLER = (
    "Wij verzoeken u vriendelijk deze brief in behandeling te nemen en ons binnen zes weken "
    "te laten weten wat het besluit is. Voor vragen zijn wij bereikbaar op werkdagen tussen "
    "negen en vijf uur. Bij voorbaat hartelijk dank voor uw medewerking en uw begrip."
)


def letter_pages(rng: random.Random, pages: int) -> list[str]:
    name, street, town = rng.choice(NAMES), rng.choice(STREETS), rng.choice(TOWNS)
    subject, opening = rng.choice(SUBJECTS)
    house = rng.randint(1, 240)
    first = (
        f"{name}\n{street} {house}\n{rng.randint(1000, 9999)} AB {town}\n\n"
        f"{town}, {rng.randint(1, 28)} november 2026\n\nBetreft: {subject}\n\n"
        f"Geachte heer, mevrouw,\n\n{opening} {FILLER}\n\n{FILLER}"
    )
    rest = [
        f"Vervolg pagina {n}\n\n{FILLER}\n\n{FILLER}\n\nMet vriendelijke groet,\n{name}"
        for n in range(2, pages + 1)
    ]
    return [first, *rest]


def degraded(rng: random.Random) -> Degradation:
    return Degradation(
        rotate=rng.choice([0, 0, 0, 1, 2]),
        skew=rng.uniform(-3, 3),
        noise=rng.uniform(0, 0.002),
        blur=rng.choice([0, 0, 0.6, 1.0]),
        jpeg_quality=rng.choice([None, 60, 35]),
    )


def make_scans(folder: Path, docs: int, seed: int) -> list[tuple[Path, list[str], list[int]]]:
    rng = random.Random(seed)
    scans = []
    for i in range(docs):
        texts = letter_pages(rng, rng.choice([1, 1, 2, 3]))
        looks = [degraded(rng) for _ in texts]
        images = [render_page(t, 300, d) for t, d in zip(texts, looks, strict=True)]
        path = save_pdf(images, folder / f"scan-{i:03d}.pdf")
        scans.append((path, texts, [d.rotate for d in looks]))
    return scans


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cer(found: str, known: str) -> float:
    known_n = normalise(known)
    return Levenshtein.distance(normalise(found), known_n) / max(1, len(known_n))


def page_texts(pdf: Path) -> list[str]:
    return [(p.extract_text() or "") for p in PdfReader(pdf).pages]


def ocrmypdf_args() -> list[str]:
    args = [
        "--language",
        "nld+eng",
        "--rotate-pages",
        "--deskew",
        "--output-type",
        "pdfa-2",
        "--pdfa-backend",
        "internal",
        "--mode",
        "skip",
        "--jobs",
        str(CORES),
        "--quiet",
    ]
    if shutil.which("unpaper"):
        args.append("--clean")
    return args


def run_plain(scans, out: Path) -> tuple[float, dict[Path, list[str]]]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    texts = {}
    start = time.perf_counter()
    for path, _, _ in scans:
        dst = out / path.name
        subprocess.run(
            [sys.executable, "-m", "ocrmypdf", *ocrmypdf_args(), str(path), str(dst)],
            check=True,
            env=env,
        )
        texts[path] = page_texts(dst)
    return time.perf_counter() - start, texts


def run_stage(scans, out: Path, parallel_docs: int) -> tuple[float, dict[Path, list[str]]]:
    jobs = max(1, CORES // parallel_docs)
    engines = [OcrmypdfEngine(OcrOptions(jobs=jobs)) for _ in range(parallel_docs)]
    for e in engines:  # start the children before the clock, as a running worker has them
        e._child()
    texts: dict[Path, list[str]] = {}

    def work(k: int) -> None:
        engine = engines[k % parallel_docs]
        for i in range(k, len(scans), parallel_docs):
            path = scans[i][0]
            folder = out / f"{path.stem}-{parallel_docs}"
            folder.mkdir(exist_ok=True)
            result = run_ocr(OcrInput(i, path, "application/pdf"), engine, folder)
            texts[path] = list(result.pages)

    start = time.perf_counter()
    with ThreadPoolExecutor(parallel_docs) as pool:
        list(pool.map(work, range(parallel_docs)))
    elapsed = time.perf_counter() - start
    for e in engines:
        e.close()
    return elapsed, texts


def run_ingest(scans, home: Path) -> tuple[float, dict[Path, list[str]]]:
    folder = home.parent / "ingest-input"
    folder.mkdir()
    for path, _, _ in scans:
        shutil.copy(path, folder / path.name)
    env = {**os.environ, "MAILROOM_HOME": str(home)}
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "mailroom", "ingest", str(folder), "--json"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    elapsed = time.perf_counter() - start
    texts = {}
    settings = load_settings(home=home, environ={})
    mr = api.open_mailroom(settings)
    try:
        for doc in json.loads(out):
            text = api.document_text(mr, doc["id"])
            texts[folder.parent / "scans" / Path(doc["file"]).name] = text.split("\n\f")
    finally:
        mr.close()
    return elapsed, texts


def peak_memory_of_ten_pages(root: Path, home: Path) -> float:
    rng = random.Random(99)
    texts = letter_pages(rng, 10)
    scan = save_pdf([render_page(t, 300) for t in texts], root / "ten-pages.pdf")
    env = {**os.environ, "MAILROOM_HOME": str(home)}
    code = (
        "import resource, subprocess, sys;"
        f"subprocess.run([sys.executable, '-m', 'mailroom', 'ingest', {str(scan)!r}], check=True,"
        " capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout
    return int(out.strip()) / 1024  # KiB -> MiB: the largest single process in the tree


def quality(scans, texts: dict[Path, list[str]]) -> tuple[float, float, int]:
    errors = total = 0.0
    rotated = rotated_right = 0
    for path, known, rotations in scans:
        found = texts.get(path, [])
        for n, (truth, turn) in enumerate(zip(known, rotations, strict=True)):
            page = found[n] if n < len(found) else ""
            dist = Levenshtein.distance(normalise(page), normalise(truth))
            errors += dist
            total += len(normalise(truth))
            if turn:
                rotated += 1
                rotated_right += cer(page, truth) < 0.1
    return errors / max(1, total), rotated_right / max(1, rotated), rotated


def main() -> None:
    """Generate the scans, run (a), (b), (b2) and (c), print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "scans").mkdir()
        scans = make_scans(root / "scans", args.docs, args.seed)
        pages = sum(len(t) for _, t, _ in scans)
        print(
            f"{args.docs} letters, {pages} pages, {CORES} cores, OMP_THREAD_LIMIT=1, "
            f"options: {' '.join(ocrmypdf_args())}",
            flush=True,
        )
        home = root / "home"
        api.init(load_settings(home=home, environ={}))  # trains the classifier; not timed
        runs = {}
        for label, fn in [
            ("(a) plain ocrmypdf", lambda: run_plain(scans, _mk(root / "a"))),
            ("(b) OCR stage, pages parallel", lambda: run_stage(scans, _mk(root / "b"), 1)),
            ("(b2) OCR stage, docs parallel", lambda: run_stage(scans, _mk(root / "b2"), CORES)),
            ("(c) mailroom ingest", lambda: run_ingest(scans, home)),
        ]:
            runs[label] = fn()
            print(f"  {label}: {runs[label][0]:.1f} s", flush=True)
        base = runs["(a) plain ocrmypdf"][0]
        print(f"\n  {'run':<32}{'pages/min':>10}{'x (a)':>8}{'CER':>8}{'rotated ok':>12}")
        for label, (elapsed, texts) in runs.items():
            error_rate, right, rotated = quality(scans, texts)
            print(
                f"  {label:<32}{pages / elapsed * 60:>10.1f}{base / elapsed:>8.2f}"
                f"{error_rate:>8.3%}{right:>8.0%} of {rotated}"
            )
        memory = peak_memory_of_ten_pages(root, home)
        print(
            f"\n  peak memory of the largest process, `mailroom ingest` of a 10-page "
            f"300-dpi A4 scan: {memory:.0f} MiB"
        )


def _mk(path: Path) -> Path:
    path.mkdir()
    return path


if __name__ == "__main__":
    main()
