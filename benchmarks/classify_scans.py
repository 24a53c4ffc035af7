"""Classifier benchmark on real scans: the evaluation corpus printed, spoilt, scanned and OCR'd.

Run: .venv/bin/python benchmarks/classify_scans.py [--hard] [--out DIR] [--reuse DIR]
                                                   [--workers N] [--limit N] [--seed 11]

``benchmarks/classify.py`` reads the evaluation corpus "as scans" with seeded
character noise (about 7 % errors); this benchmark reads it as mailroom reads
real post. The model is trained on the packaged training corpus exactly as
``benchmarks/classify.py`` trains it (same call, same seed). Each of the 212
evaluation letters (other writing styles, never trained on) is printed on A4
pages with ``mailroom.testing.scans.render_text``: its own text, line breaks
kept, wrapped to the page and continued on a next page when it is long, spoilt
the way one kind of real post is (``TEXT_KINDS``: grey or coloured paper, faded
toner, a scanner streak, a letterhead above the text, a received-stamp and a
signature, two columns, a 200-dpi fax, a phone photo ...; the invoice kind is
left out, its text is its own table). The kind is chosen per letter by cycling
over the kinds a person reads without effort (``Kind.easy``); every other page
is turned 90, 180 or 270 degrees, as letters fed the wrong way are. Each letter
is saved as an image-only PDF and taken in by ``api.ingest`` on a fresh data
directory (``mailroom init`` beforehand, not timed), with ``--workers``
processes (default: one per core) as ``mailroom ingest <folder>`` runs them;
its text is ``api.document_text``, as in ``benchmarks/ocr.py``.

Printed per kind: pages, mean and worst character error rate (CER: Levenshtein
distance over the length of the printed text, both normalised as in
``mailroom.testing.measure``), pages mailroom flagged as poor scans, and the
classifier's accuracy. Then, for the whole set and with the same model at its
own review threshold (``evaluate(model, examples, read_as="ocr")``): routed
straight to a team, right of routed, macro-F1 and accuracy, beside the same
figures on the clean texts and on the synthetic 7 % noise; and the letters the
model gets right as written but wrong once OCR'd. ``--hard`` adds a second pass
over the same letters with the hard kinds (a steep messenger-app photo, a
faint copy of a copy) and reports it alone and with the easy pass ("all kinds").

The OCR'd texts go to ``--out DIR`` (default: a temporary directory) as
``easy.jsonl`` / ``hard.jsonl``, one line per letter with id, label, kind,
orientation, text (OCR'd), truth (printed) and what mailroom made of the page;
``--reuse DIR`` reads those lines back and OCRs only letters not in them.
``--limit N`` takes the first N letters only (a smoke run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from mailroom.app import api
from mailroom.app.pipeline import POOR_SCAN, DocumentResult
from mailroom.classifiers.corpus import Example, packaged_corpus, read_corpora
from mailroom.classifiers.evaluate import Evaluation, as_scans, evaluate
from mailroom.classifiers.model import SpacyClassifier, train_model
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.config.settings import load_settings
from mailroom.core.errors import NotFound
from mailroom.testing.measure import cer
from mailroom.testing.scans import KINDS, TEXT_KINDS, render_text, save_scans

CORES = os.cpu_count() or 1
BIN = Path(sys.executable).parent
EASY = tuple(k for k in TEXT_KINDS if KINDS[k].easy)
HARD = tuple(k for k in TEXT_KINDS if not KINDS[k].easy)
#: Every other letter turned, as post fed the wrong way round is.
TURNS = (0, 90, 0, 180, 0, 270)


@dataclass(frozen=True)
class Page:
    """One evaluation letter to print, spoil and read."""

    id: str
    label: str
    kind: str
    orientation: int
    seed: int
    truth: str  # the letter's text as the corpus has it


def plan(letters: Sequence[Example], kinds: Sequence[str], seed: int) -> list[Page]:
    """Each letter with its kind (cycling over ``kinds``) and its turn; deterministic."""
    return [
        Page(
            str(ex.id),
            ex.label,
            kinds[n % len(kinds)],
            TURNS[(n // len(kinds)) % len(TURNS)],
            seed + n,
            ex.text,
        )
        for n, ex in enumerate(letters)
    ]


def _file_name(n: int, page: Page) -> str:
    return f"{n:03d}-{page.id}-{page.kind}-{page.orientation:03d}.pdf"


def _render(job: tuple[Page, Path]) -> tuple[str, int]:
    """Render one letter to its PDF (in a worker process); the printed text and page count."""
    page, path = job
    scans = render_text(page.truth, page.kind, page.seed, page.orientation)
    save_scans(scans, path)
    return "\n".join(s.text for s in scans), len(scans)


def fresh_home(root: Path, name: str) -> Path:
    """A data directory with nothing taken in yet (``mailroom init``, not timed)."""
    home = root / f"home-{name}"
    print("  mailroom init (trains the home's classifier; not timed) ...", flush=True)
    env = {**os.environ, "MAILROOM_HOME": str(home)}
    subprocess.run([str(BIN / "mailroom"), "init"], env=env, check=True, capture_output=True)
    return home


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (OCR workers, Tesseract)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _flagged(result: DocumentResult) -> bool:
    if result.state in ("quarantined", "failed"):
        return True
    return any(r.startswith(POOR_SCAN) or "no text" in r for r in result.reasons)


def read_pass(
    name: str,
    pages: list[Page],
    root: Path,
    out: Path,
    reuse: Path | None,
    workers: int,
) -> list[dict]:
    """Print, spoil and OCR ``pages`` (those not in ``reuse``); one row per letter."""
    rows: dict[str, dict] = {}
    if reuse and (reuse / f"{name}.jsonl").exists():
        for line in (reuse / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows[f"{row['id']}:{row['kind']}:{row['orientation']}"] = row
    todo = [p for p in pages if f"{p.id}:{p.kind}:{p.orientation}" not in rows]
    print(
        f"\n{name} pass: {len(pages)} letters, {len(pages) - len(todo)} read back from "
        f"{reuse}, {len(todo)} to print and OCR",
        flush=True,
    )
    out.mkdir(parents=True, exist_ok=True)
    cache = out / f"{name}.jsonl"
    # Everything read back stays in the cache (a --limit run keeps the rest); new rows follow.
    cache.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows.values()), encoding="utf-8"
    )
    if todo:
        _ocr(todo, root / name, cache, workers, rows)
    return [rows[f"{p.id}:{p.kind}:{p.orientation}"] for p in pages]


def _ocr(todo: list[Page], folder: Path, cache: Path, workers: int, rows: dict) -> None:
    folder.mkdir(parents=True)
    paths = [folder / _file_name(n, p) for n, p in enumerate(todo)]
    start_wall, start_cpu = time.perf_counter(), _cpu()
    with ProcessPoolExecutor(workers) as pool:
        printed = list(pool.map(_render, zip(todo, paths, strict=True)))
    render_wall, render_cpu = time.perf_counter() - start_wall, _cpu() - start_cpu
    print(
        f"  rendered {len(todo)} letters ({sum(n for _, n in printed)} pages) in "
        f"{render_wall:.0f} s wall, {render_cpu:.0f} s CPU, {workers} processes",
        flush=True,
    )
    by_name = {
        path.name: (page, text, count)
        for path, page, (text, count) in zip(paths, todo, printed, strict=True)
    }
    texts: dict[str, list[str]] = defaultdict(list)
    results: dict[str, list[DocumentResult]] = defaultdict(list)
    mr = api.open_mailroom(load_settings(home=fresh_home(folder.parent, folder.name), environ={}))
    start_wall, start_cpu = time.perf_counter(), _cpu()
    last = [start_wall]
    done = [0]

    def on_result(result: DocumentResult) -> None:
        name = Path(result.file).name
        try:
            text = api.document_text(mr, result.id).replace("\f", "")
        except NotFound:
            text = ""
        texts[name].append(text)
        results[name].append(result)
        page, truth, count = by_name[name]
        now = time.perf_counter()
        done[0] += 1
        print(
            f"  [{done[0]:>3}/{len(todo)}] {page.id:<36} {page.kind:<17}{page.orientation:>4}°  "
            f"{count}p  CER {cer(text, truth):7.2%}  {'FLAGGED' if _flagged(result) else '':<7}"
            f"  +{now - last[0]:5.1f} s",
            flush=True,
        )
        last[0] = now

    try:
        api.ingest(mr, paths, on_result=on_result, workers=workers)
    finally:
        mr.close()
    wall, cpu = time.perf_counter() - start_wall, _cpu() - start_cpu
    print(
        f"  OCR through api.ingest: {len(todo)} letters in {wall:.0f} s wall "
        f"({wall / len(todo):.1f} s per letter), {cpu:.0f} s CPU "
        f"({cpu / len(todo):.1f} s per letter), {workers} workers",
        flush=True,
    )
    with cache.open("a", encoding="utf-8") as f:
        for path in paths:
            page, truth, count = by_name[path.name]
            rs = results[path.name]
            row = {
                "id": page.id,
                "label": page.label,
                "kind": page.kind,
                "orientation": page.orientation,
                "pages": count,
                "text": "\n".join(texts[path.name]),
                "truth": truth,
                "documents": len(rs),
                "state": ",".join(r.state for r in rs),
                "flagged": any(_flagged(r) for r in rs),
            }
            rows[f"{page.id}:{page.kind}:{page.orientation}"] = row
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def routing(result: Evaluation) -> str:
    """The figures of one evaluation on a line (as ``benchmarks/classify.py`` prints them)."""
    return (
        f"routed straight {result.coverage:6.1%}, right of routed {result.precision_above:6.1%}, "
        f"macro-F1 {result.macro_f1:.3f}, accuracy {result.accuracy:.3f}"
    )


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def report(model: SpacyClassifier, held_out: list[Example], passes: dict[str, list[dict]]) -> None:
    """Per kind CER and accuracy; the whole-set figures beside clean text and synthetic noise."""
    ids = {str(ex.id) for ex in held_out}
    for rows in passes.values():
        ids &= {r["id"] for r in rows}
    held_out = [ex for ex in held_out if str(ex.id) in ids]
    clean_verdicts = {
        str(ex.id): v.case_type
        for ex, v in zip(held_out, model.classify_many([ex.text for ex in held_out]), strict=True)
    }
    all_rows = [r for rows in passes.values() for r in rows]
    verdicts = model.classify_many([r["text"] for r in all_rows])
    for r, v in zip(all_rows, verdicts, strict=True):
        r["predicted"], r["routed"] = (
            v.case_type,
            v.confidence >= model.manifest.threshold and not v.not_post,
        )
        r["cer"] = cer(r["text"], r["truth"])

    print("\nper kind (CER of the OCR'd text against the printed text):")
    print(
        f"  {'kind':<17} {'easy':<5} {'pages':>5} {'mean CER':>9} {'max CER':>8} {'flagged':>8} "
        f"{'accuracy':>9} {'routed':>7} {'right of routed':>16}"
    )
    for kind in TEXT_KINDS:
        rs = [r for r in all_rows if r["kind"] == kind]
        if not rs:
            continue
        routed = [r for r in rs if r["routed"]]
        right = sum(r["predicted"] == r["label"] for r in routed)
        print(
            f"  {kind:<17} {'yes' if KINDS[kind].easy else 'no':<5} {len(rs):>5} "
            f"{_mean([r['cer'] for r in rs]):>9.2%} {max(r['cer'] for r in rs):>8.2%} "
            f"{sum(r['flagged'] for r in rs):>8} "
            f"{_mean([r['predicted'] == r['label'] for r in rs]):>9.1%} "
            f"{len(routed) / len(rs):>7.1%} {right / len(routed) if routed else 1:>16.1%}"
        )
    turned = [r for r in all_rows if r["orientation"]]
    print(
        f"  turned pages (90/180/270°): {len(turned)}, mean CER "
        f"{_mean([r['cer'] for r in turned]):.2%}; upright: "
        f"{_mean([r['cer'] for r in all_rows if not r['orientation']]):.2%}; "
        f"letters on two or more pages: {sum(r['pages'] > 1 for r in all_rows)}"
    )

    sets: dict[str, list[dict]] = {}
    if "easy" in passes:
        sets["read as real scans, easy kinds"] = passes["easy"]
    if "hard" in passes:
        sets["read as real scans, hard kinds"] = passes["hard"]
    if len(passes) > 1:
        sets["read as real scans, all kinds"] = all_rows
    print(
        f"\nthe same model at its review threshold {model.manifest.threshold:.3f} "
        f"({len(held_out)} evaluation letters):"
    )
    print(f"  {'clean text':<42} {routing(evaluate(model, held_out))}")
    synthetic = evaluate(model, as_scans(held_out), read_as="scan")
    print(f"  {'synthetic OCR noise (~7 % CER)':<42} {routing(synthetic)}")
    for name, rows in sets.items():
        examples = [Example(r["text"], r["label"], r["id"]) for r in rows]
        result = evaluate(model, examples, read_as="ocr")
        print(f"  {name + f' ({len(rows)} pages)':<42} {routing(result)}")
        flagged = [r for r in rows if r["flagged"]]
        by_mailroom = [r for r in rows if r["routed"] and not r["flagged"]]
        print(
            f"  {'':<44}mean CER {_mean([r['cer'] for r in rows]):.2%}; flagged as poor scans "
            f"{len(flagged)}; routed straight when a flagged scan also goes to review "
            f"{len(by_mailroom) / len(rows):.1%}"
        )

    print("\nletters right as written, wrong once OCR'd (routed straight marked *):")
    lost = [
        r
        for r in all_rows
        if clean_verdicts.get(r["id"]) == r["label"] and r["predicted"] != r["label"]
    ]
    for r in lost:
        print(
            f"  {'*' if r['routed'] else ' '} {r['id']:<36} {r['kind']:<17}{r['orientation']:>4}°  "
            f"CER {r['cer']:6.2%}  read as {r['predicted']}"
        )
    gained = [
        r
        for r in all_rows
        if clean_verdicts.get(r["id"]) != r["label"] and r["predicted"] == r["label"]
    ]
    print(
        f"  {len(lost)} of {len(all_rows)} pages; the other way (wrong as written, right "
        f"OCR'd): {len(gained)}"
    )
    wrong_routed = [r for r in all_rows if r["routed"] and r["predicted"] != r["label"]]
    print(f"\nrouted straight to the wrong team once OCR'd: {len(wrong_routed)}")
    for r in wrong_routed:
        print(
            f"    {r['id']:<36} {r['kind']:<17}{r['orientation']:>4}°  CER {r['cer']:6.2%}  "
            f"read as {r['predicted']}"
            + ("" if clean_verdicts.get(r["id"]) == r["label"] else " (also wrong as written)")
        )


def main() -> None:
    """Train, print and OCR the evaluation corpus, classify; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hard", action="store_true", help="a second pass over the hard kinds")
    parser.add_argument("--out", type=Path, help="write the OCR'd texts here (JSONL per pass)")
    parser.add_argument("--reuse", type=Path, help="read OCR'd texts back from here")
    parser.add_argument("--workers", type=int, default=CORES, help="OCR worker processes")
    parser.add_argument("--limit", type=int, help="only the first N letters (a smoke run)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    wall0, cpu0 = time.perf_counter(), _cpu()
    labels = load_catalogue().labels
    train = read_corpora(packaged_corpus("train"), labels)
    held_out = read_corpora(packaged_corpus("eval"), labels)[: args.limit]
    n_not_post = sum(ex.not_post for ex in train)
    print(
        f"benchmarks/classify_scans.py: {CORES} cores, {args.workers} OCR workers, seed "
        f"{args.seed}; training corpus {len(train) - n_not_post} letters and {n_not_post} "
        f"not-post texts, evaluation corpus {len(held_out)} letters\n"
        f"  easy kinds: {', '.join(EASY)}\n  hard kinds: {', '.join(HARD)}",
        flush=True,
    )
    start = time.perf_counter()
    model = train_model(train, labels, "bench", "benchmark", seed=1)
    print(f"  trained the model in {time.perf_counter() - start:.0f} s", flush=True)
    passes = {"easy": EASY, **({"hard": HARD} if args.hard else {})}
    read: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        out = args.out or args.reuse or root / "out"
        for offset, (name, kinds) in enumerate(passes.items()):
            pages = plan(held_out, kinds, args.seed + 1000 * offset)
            read[name] = read_pass(name, pages, root, out, args.reuse, args.workers)
            shutil.rmtree(root / name, ignore_errors=True)
    report(model, held_out, read)
    print(
        f"\nwhole run: {time.perf_counter() - wall0:.0f} s wall, {_cpu() - cpu0:.0f} s CPU "
        f"(this process and its finished children); OCR'd texts in {out}"
    )


if __name__ == "__main__":
    main()
