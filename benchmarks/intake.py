"""Intake benchmark: documents per second without OCR, and the daemon's pick-up latency.

Run: .venv/bin/python benchmarks/intake.py [--batches 8] [--emails 30] [--letters 20]

1. Intake only (what happens before OCR): type detection, checks, batch
   splitting at separator sheets (rendering and barcode reading), email
   parsing, storing originals and committing rows — on scanned batches
   (300 dpi, 3 letters and 2 separator sheets each), emails with a PDF
   attachment, and born-digital letters.
2. Daemon latency: a real `mailroom watch` process; emails are written into the
   watch folder one at a time, and the time from the file being complete to its
   intake row being committed is measured. It includes the stable-file wait
   (setting watch_stable_seconds, printed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import zxingcpp
from PIL import Image
from sqlalchemy import select

from mailroom.app import api
from mailroom.app.receive import take_file
from mailroom.core.config.settings import load_settings
from mailroom.core.db.models import IntakeItem
from mailroom.testing.emails import email_bytes
from mailroom.testing.pdfs import text_pdf
from mailroom.testing.scans import render_page, save_pdf

DPI = 300


def separator_page() -> Image.Image:
    page = Image.new("L", (int(8.27 * DPI), int(11.69 * DPI)), 255)
    barcode = zxingcpp.create_barcode("PATCHT", zxingcpp.BarcodeFormat.Code128)
    bitmap = zxingcpp.write_barcode_to_image(barcode, scale=6)
    height, width = bitmap.shape[:2]
    code = Image.frombytes("L", (width, height), bytes(memoryview(bitmap)))
    page.paste(code.resize((width, 300)), (700, 1200))
    return page


def make_batches(folder: Path, count: int) -> list[Path]:
    separator = separator_page()
    paths = []
    for b in range(count):
        pages = []
        for letter in range(3):
            for p in range(2):
                text = f"Batch {b} brief {letter} pagina {p + 1}\n\nGeachte heer, mevrouw,\n" + (
                    "Hierbij vraag ik u vriendelijk om mijn aanvraag in behandeling te nemen. " * 12
                )
                pages.append(render_page(text, DPI))
            if letter < 2:
                pages.append(separator)
        paths.append(save_pdf(pages, folder / f"batch-{b:03d}.pdf", DPI))
    return paths


def make_emails(folder: Path, count: int, prefix: str = "mail") -> list[Path]:
    paths = []
    for i in range(count):
        attachment = text_pdf([f"Aanvraag {prefix} {i}\nIk vraag een vergunning aan."])
        path = folder / f"{prefix}-{i:03d}.eml"
        path.write_bytes(
            email_bytes(
                f"inwoner{i}@example.nl",
                f"aanvraag {prefix} {i}",
                "Geachte gemeente, zie de bijlage. Met vriendelijke groet.",
                f"<{prefix}-{i}-{time.time_ns()}@example.nl>",
                [("a.pdf", attachment)],
            )
        )
        paths.append(path)
    return paths


def make_letters(folder: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        path = folder / f"letter-{i:03d}.pdf"
        path.write_bytes(text_pdf([f"Brief {i}\nGeachte heer, mevrouw, hierbij mijn verzoek."]))
        paths.append(path)
    return paths


def bench_intake(home: Path, inputs: dict[str, list[Path]]) -> None:
    settings = load_settings(home=home, environ={})
    api.init(settings, train=False)
    mr = api.open_mailroom(settings)
    print("intake without OCR (detect, check, split, parse, store, commit):")
    print(f"  {'input':<26}{'files':>6}{'docs':>6}{'seconds':>9}{'docs/s':>9}{'files/s':>9}")
    try:
        for kind, paths in inputs.items():
            start = time.perf_counter()
            docs = sum(len(take_file(mr, p).document_ids) for p in paths)
            elapsed = time.perf_counter() - start
            print(
                f"  {kind:<26}{len(paths):>6}{docs:>6}{elapsed:>9.2f}"
                f"{docs / elapsed:>9.1f}{len(paths) / elapsed:>9.1f}"
            )
    finally:
        mr.close()


def bench_latency(home: Path, samples: int) -> None:
    settings = load_settings(home=home, environ={})
    print(
        f"\ndaemon latency (file complete -> intake committed), {samples} emails, "
        f"watch_stable_seconds={settings.watch_stable_seconds}:"
    )
    api.init(settings)
    env = {**os.environ, "MAILROOM_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailroom", "watch", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    mr = api.open_mailroom(settings)
    latencies = []
    try:
        time.sleep(4)  # let the worker start
        staging = home / "staging"
        staging.mkdir(exist_ok=True)
        for path in make_emails(staging, samples, prefix="latency"):
            target = settings.email_inbox / path.name
            os.replace(path, target)  # complete at once, as a well-behaved mail drop does
            written = time.perf_counter()
            while True:
                with mr.sessions() as session:
                    found = session.scalars(
                        select(IntakeItem.id).where(IntakeItem.input_path == str(target))
                    ).first()
                if found:
                    latencies.append(time.perf_counter() - written)
                    break
                time.sleep(0.01)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        mr.close()
    latencies.sort()
    print(
        f"  p50 {statistics.median(latencies):.2f} s, max {latencies[-1]:.2f} s, "
        f"min {latencies[0]:.2f} s"
    )


def main() -> None:
    """Run both measurements and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--emails", type=int, default=30)
    parser.add_argument("--letters", type=int, default=20)
    parser.add_argument("--latency-samples", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs_dir = root / "inputs"
        inputs_dir.mkdir()
        print(
            f"generating inputs ({args.batches} batch scans at {DPI} dpi, "
            f"{args.emails} emails, {args.letters} letters)...",
            flush=True,
        )
        inputs = {
            "batch scan (8 p, 3 letters)": make_batches(inputs_dir, args.batches),
            "email with PDF attachment": make_emails(inputs_dir, args.emails),
            "born-digital letter": make_letters(inputs_dir, args.letters),
        }
        bench_intake(root / "home-intake", inputs)
        bench_latency(root / "home-daemon", args.latency_samples)


if __name__ == "__main__":
    main()
