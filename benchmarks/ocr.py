"""OCR benchmark: accuracy on post as hard as the real thing, speed against plain ocrmypdf, memory.

Run: .venv/bin/python benchmarks/ocr.py [--part cer|speed|memory|all] [--quick] [--seed 11]
                                        [--out DIR]

(1) cer — every kind of scan in ``mailroom.testing.scans.KINDS`` (grey and
    coloured paper, faded toner, a scanner streak, an invoice table, a
    letterhead, a stamp and signature over the text, two columns, a 200-dpi fax,
    phone photos, a faint copy of a copy) in all four orientations, each page
    a one-page PDF taken in by ``api.ingest`` (the library call behind
    ``mailroom ingest``). Per page: the character error rate (CER: Levenshtein
    distance over the length of the printed text, both NFKC-normalised with
    whitespace collapsed and typographic quotes and dashes made plain), the
    share of printed words not found at all (order-free: tells misreading
    from reading in another order), whether mailroom flagged it for review
    as a poor scan, and whether its archive copy stands the right way up
    (the rendered archive page compared with the upright page).
(2) speed — ten one-page 300-dpi letters (a few degraded, a few turned): plain
    ``ocrmypdf -l nld+eng --rotate-pages --deskew --jobs <cores> --output-type
    pdfa`` file by file as a user runs it, against ``mailroom ingest <folder>``
    on a fresh data directory (``mailroom init`` beforehand, not timed). Wall
    time and CPU time of all child processes (getrusage of children).
(3) memory — peak resident memory of the whole ``mailroom ingest`` process
    tree (polled with psutil), on a 50-page 300-dpi scan and on one very large
    page (12000 x 17000 pixels at 600 dpi).

``--quick`` is a smoke run: one orientation per kind, five letters for speed,
a 10-page scan and a 6000 x 8500 page for memory. ``--out DIR`` keeps the
scans and writes every page's figures to DIR/cer.json.
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
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import psutil
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from pypdf import PdfReader
from rapidfuzz.distance import Levenshtein

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.app.pipeline import POOR_SCAN, DocumentResult
from mailroom.core.config.settings import load_settings
from mailroom.core.errors import NotFound
from mailroom.testing.measure import cer, normalise
from mailroom.testing.scans import KINDS, ORIENTATIONS, Scan, large_page, render_scan, save_scans

CORES = os.cpu_count() or 1
BIN = Path(sys.executable).parent
#: Ten letters as a postroom gets them: mostly plain, some degraded, some turned.
SPEED_MIX = (
    ("clean", 0),
    ("clean", 0),
    ("clean", 180),
    ("grey_paper", 180),
    ("stamp_signature", 0),
    ("invoice", 90),
    ("letterhead", 0),
    ("low_contrast", 0),
    ("streak", 270),
    ("two_columns", 0),
)
MEMORY_MIX = ("clean", "grey_paper", "invoice", "letterhead", "stamp_signature", "two_columns")


def fresh_home(root: Path, name: str) -> Path:
    """A data directory with nothing taken in yet: a copy of one ``mailroom init`` made, untimed.

    Copies share the template's trained model (its path is in the database), so
    the classifier is trained once per run rather than once per part.
    """
    template = root / "template-home"
    if not template.exists():
        print("  mailroom init (trains the classifier; not timed) ...", flush=True)
        env = {**os.environ, "MAILROOM_HOME": str(template)}
        subprocess.run([str(BIN / "mailroom"), "init"], env=env, check=True, capture_output=True)
    shutil.copytree(template, root / name)
    return root / name


# --- measuring text ------------------------------------------------------------------------


def words_missed(found: str, truth: str) -> float:
    """Share of the printed words OCR did not produce anywhere on the page (order-free)."""
    want = Counter(normalise(truth).split())
    missing = want - Counter(normalise(found).split())
    return sum(missing.values()) / max(1, sum(want.values()))


def confusions(found: str, truth: str) -> Iterator[str]:
    """Short misreadings, such as ``ë→e`` or ``€ →C``, for the error summary."""
    t, f = normalise(truth), normalise(found)
    for op in Levenshtein.opcodes(t, f):
        if op.tag == "equal":
            continue
        a, b = t[op.src_start : op.src_end], f[op.dest_start : op.dest_end]
        if len(a) <= 3 and len(b) <= 3:
            yield f"{a or '∅'}→{b or '∅'}"


# --- orientation of the archive copy --------------------------------------------------------


def _thumb(image: Image.Image, size: tuple[int, int]) -> np.ndarray:
    small = image.convert("L").resize(size, Image.Resampling.BOX).filter(ImageFilter.BoxBlur(1))
    a = 255 - np.asarray(small, dtype=np.float32)  # ink is signal, paper is zero
    a -= a.mean()
    return a / (np.linalg.norm(a) or 1.0)


def reads_at(archive: Path, upright: Image.Image) -> int | None:
    """Degrees clockwise the archive's first page still stands from upright (0: turned right).

    The page as a PDF viewer shows it (``/Rotate`` applied) is matched against
    the upright page in each of the four turns; the best match says how it stands.
    """
    pdf = pdfium.PdfDocument(archive)
    try:
        shown = pdf[0].render(scale=30 / 72).to_pil()
    finally:
        pdf.close()
    best, best_score = None, -2.0
    for degrees in ORIENTATIONS:
        candidate = upright.rotate(-degrees, expand=True)
        aspect = (candidate.width / candidate.height) / (shown.width / shown.height)
        if not 0.85 < aspect < 1.15:
            continue
        size = (64, round(64 * shown.height / shown.width))
        score = float((_thumb(candidate, size) * _thumb(shown, size)).sum())
        if score > best_score:
            best, best_score = degrees, score
    return best


# --- (1) character errors per kind and orientation -----------------------------------------


@dataclass(frozen=True)
class PageFigure:
    """What became of one test page."""

    kind: str
    orientation: int
    easy: bool
    cer: float
    words_missed: float
    flagged: bool  # mailroom sent it to review as a poor scan (or quarantined it)
    reads_at: int | None  # degrees still off in the archive copy; 0 is right
    state: str
    reasons: tuple[str, ...]
    confidence: float | None
    seconds: float
    text: str  # what mailroom read
    truth: str  # what is printed


def _flagged(result: DocumentResult) -> bool:
    if result.state in ("quarantined", "failed"):
        return True
    return any(r.startswith(POOR_SCAN) or "no text" in r for r in result.reasons)


def cer_part(root: Path, seed: int, quick: bool, out: Path | None) -> list[PageFigure]:
    """OCR every kind in every orientation through ``api.ingest``; figures per page."""
    mr = api.open_mailroom(load_settings(home=fresh_home(root, "cer-home"), environ={}))
    scans_dir = out or root / "cer-scans"
    scans_dir.mkdir(parents=True, exist_ok=True)
    pages = [
        (kind, orientation)
        for k, kind in enumerate(KINDS)
        for orientation in ((ORIENTATIONS[k % 4],) if quick else ORIENTATIONS)
    ]
    figures = []
    try:
        for n, (kind, orientation) in enumerate(pages, 1):
            figures.append(measure(mr, render_scan(kind, seed, orientation), scans_dir))
            f = figures[-1]
            print(
                f"  [{n:>2}/{len(pages)}] {kind:<17}{orientation:>4}°  CER {f.cer:7.2%}  "
                f"words missed {f.words_missed:6.1%}  {'FLAGGED' if f.flagged else 'routed ':<8}"
                f"  reads at {f.reads_at}°  {f.seconds:5.1f} s",
                flush=True,
            )
    finally:
        mr.close()
    if out:
        (out / "cer.json").write_text(json.dumps([asdict(f) for f in figures], indent=1))
    return figures


def measure(mr: Mailroom, scan: Scan, folder: Path) -> PageFigure:
    """Save ``scan`` as a one-page PDF in ``folder``, take it in with ``api.ingest``, measure it."""
    path = save_scans([scan], folder / f"{scan.kind}-{scan.orientation:03d}.pdf")
    start = time.perf_counter()
    result = api.ingest(mr, [path])[0]
    seconds = time.perf_counter() - start
    try:
        text = api.document_text(mr, result.id).split("\n\f")[0]
    except NotFound:
        text = ""
    view = api.show_document(mr, result.id)
    archive = Path(view.archive) if view.archive else None
    confidences = [p["confidence"] for p in view.pages if p.get("confidence") is not None]
    return PageFigure(
        kind=scan.kind,
        orientation=scan.orientation,
        easy=KINDS[scan.kind].easy,
        cer=cer(text, scan.text),
        words_missed=words_missed(text, scan.text),
        flagged=_flagged(result),
        reads_at=reads_at(archive, scan.upright) if archive and archive.exists() else None,
        state=result.state,
        reasons=tuple(result.reasons),
        confidence=min(confidences) if confidences else None,
        seconds=seconds,
        text=text,
        truth=scan.text,
    )


def cer_report(figures: list[PageFigure]) -> list[str]:
    """The tables of part (1)."""
    lines = ["(1) Character error rate per kind (pages through `api.ingest`, archive checked)", ""]
    lines += [
        "| kind | easy | pages | mean CER | max CER | words missed | flagged | turned right |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind in KINDS:
        fs = [f for f in figures if f.kind == kind]
        if not fs:
            continue
        lines.append(
            f"| {kind} | {'yes' if KINDS[kind].easy else 'no'} | {len(fs)} | "
            f"{_mean(f.cer for f in fs):.2%} | {max(f.cer for f in fs):.2%} | "
            f"{_mean(f.words_missed for f in fs):.1%} | {sum(f.flagged for f in fs)} | "
            f"{sum(f.reads_at == 0 for f in fs)} of {len(fs)} |"
        )
    lines += ["", "CER by kind and orientation (R: flagged for review, T: not turned right)", ""]
    lines += ["| kind | 0° | 90° | 180° | 270° |", "|---|---|---|---|---|"]
    for kind in KINDS:
        cells = []
        for orientation in ORIENTATIONS:
            f = next((f for f in figures if f.kind == kind and f.orientation == orientation), None)
            marks = (
                "" if f is None else ("R" if f.flagged else "") + ("" if f.reads_at == 0 else "T")
            )
            cells.append("" if f is None else f"{f.cer:.2%} {marks}".strip())
        lines.append(f"| {kind} | {' | '.join(cells)} |")
    lines += ["", *_cer_summary(figures)]
    return lines


def _cer_summary(figures: list[PageFigure]) -> list[str]:
    easy = [f for f in figures if f.easy]
    hard = [f for f in figures if not f.easy]
    mean = _mean(f.cer for f in easy)
    silent = [f for f in easy if f.cer > 0.05 and not f.flagged]
    turned = [f for f in figures if f.orientation]
    hard_kinds = ", ".join(k for k in KINDS if not KINDS[k].easy)
    lines = [
        f"Pages a person reads without effort (every kind but {hard_kinds}): "
        f"{len(easy)}, mean CER {mean:.2%} (target ≤ 1%: {'met' if mean <= 0.01 else 'NOT met'}); "
        f"{sum(f.flagged for f in easy)} flagged for review.",
        f"Hard pages: {len(hard)}, mean CER {_mean(f.cer for f in hard):.2%}; "
        f"{sum(f.flagged for f in hard)} of {len(hard)} flagged for review.",
        f"Easy pages read with > 5% errors yet not flagged: {len(silent)}"
        + (f" ({', '.join(f'{f.kind} {f.orientation}°' for f in silent)})" if silent else "")
        + ".",
        f"Turned pages (90/180/270°) standing right in the archive: "
        f"{sum(f.reads_at == 0 for f in turned)} of {len(turned)}; "
        f"pages at 0° left right: {sum(f.reads_at == 0 for f in figures if not f.orientation)} of "
        f"{sum(1 for f in figures if not f.orientation)}.",
        f"OCR + pipeline time per page: mean {_mean(f.seconds for f in figures):.1f} s.",
    ]
    counts = Counter(c for f in easy for c in confusions_of(f))
    if counts:
        common = ", ".join(f"{c} ×{n}" for c, n in counts.most_common(15))
        lines.append(f"Most common misreadings on easy pages (printed→read): {common}")
    return lines


def confusions_of(f: PageFigure) -> Iterator[str]:
    """Misreadings of one page."""
    return confusions(f.text, f.truth) if f.text else iter(())


def _mean(values) -> float:  # type: ignore[no-untyped-def]
    values = list(values)
    return sum(values) / len(values) if values else 0.0


# --- (2) speed against plain ocrmypdf ------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """One timed run over the same folder of scans."""

    label: str
    pages: int
    wall: float
    cpu: float  # user + system seconds of all child processes
    cer: float

    @property
    def per_minute(self) -> float:
        """Pages per minute."""
        return self.pages / self.wall * 60


@contextmanager
def child_cpu() -> Iterator[list[float]]:
    """CPU seconds (user + system) used by child processes inside the block."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent: list[float] = []
    yield spent
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def _as_nice_as_ocrmypdf() -> None:
    # The ocrmypdf command lowers its own priority (os.nice(5) in its __main__).
    # On a quiet machine that changes nothing; on a shared one it would starve the
    # baseline against an un-niced mailroom, so mailroom gets the same priority.
    os.nice(5)


def speed_part(root: Path, seed: int, quick: bool, out: Path | None = None) -> list[Timing]:
    """Plain ocrmypdf file by file against ``mailroom ingest`` on the same ten letters."""
    folder = root / "speed-scans"
    folder.mkdir()
    mix = SPEED_MIX[::4] if quick else SPEED_MIX
    truths = {}
    print(f"(2) speed: rendering {len(mix)} one-page letters ...", flush=True)
    for n, (kind, orientation) in enumerate(mix):
        scan = render_scan(kind, seed + 100 + n, orientation)
        path = save_scans([scan], folder / f"brief-{n:02d}-{kind}-{orientation}.pdf")
        truths[path.name] = scan.text
    plain_out = root / "speed-plain"
    plain_out.mkdir()
    command = [
        str(BIN / "ocrmypdf"),
        *("-l", "nld+eng", "--rotate-pages", "--deskew", "--jobs", str(CORES)),
        *("--output-type", "pdfa"),
    ]
    print(f"  plain: {' '.join(command[1:])} <in> <out>, file by file", flush=True)
    start = time.perf_counter()
    with child_cpu() as cpu:
        for path in sorted(folder.iterdir()):
            subprocess.run(
                [*command, str(path), str(plain_out / path.name)], check=True, capture_output=True
            )
            print(f"    {path.name}: {time.perf_counter() - start:6.1f} s", flush=True)
    plain_wall = time.perf_counter() - start
    plain_cer = _mean(
        cer(PdfReader(plain_out / name).pages[0].extract_text() or "", truth)
        for name, truth in truths.items()
    )
    home = fresh_home(root, "speed-home")
    env = {**os.environ, "MAILROOM_HOME": str(home)}
    print("  mailroom ingest <folder> (fresh data directory, initialised beforehand)", flush=True)
    start = time.perf_counter()
    with child_cpu() as mr_cpu:
        proc = subprocess.Popen(
            [str(BIN / "mailroom"), "ingest", str(folder)],
            env=env,
            preexec_fn=_as_nice_as_ocrmypdf,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            print(f"    {time.perf_counter() - start:6.1f} s  {line.rstrip()[:110]}", flush=True)
        proc.wait()
    mr_wall = time.perf_counter() - start
    mr_cer = _mean(_ingested_cer(home, truths))
    return [
        Timing(
            f"plain `ocrmypdf --jobs {CORES}`, file by file",
            len(mix),
            plain_wall,
            cpu[0],
            plain_cer,
        ),
        Timing("`mailroom ingest <folder>`", len(mix), mr_wall, mr_cpu[0], mr_cer),
    ]


def _ingested_cer(home: Path, truths: dict[str, str]) -> Iterator[float]:
    mr = api.open_mailroom(load_settings(home=home, environ={}))
    try:
        doc_id = 1
        while True:
            try:
                result = api.show_document(mr, doc_id).result
            except NotFound:
                return
            text = api.document_text(mr, doc_id) if result.pages else ""
            yield cer(text, truths.get(Path(result.file).name, ""))
            doc_id += 1
    finally:
        mr.close()


def speed_report(timings: list[Timing]) -> list[str]:
    """The table of part (2)."""
    base = timings[0]
    lines = [
        f"(2) Speed on {base.pages} one-page 300-dpi letters, {CORES} cores, one run",
        "",
        "| run | wall s | pages/min | × plain | wall s/page | CPU s/page | mean CER |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in timings:
        lines.append(
            f"| {t.label} | {t.wall:.1f} | {t.per_minute:.1f} | "
            f"{t.per_minute / base.per_minute:.2f} | {t.wall / t.pages:.1f} | "
            f"{t.cpu / t.pages:.1f} | {t.cer:.2%} |"
        )
    ratio = timings[-1].per_minute / base.per_minute
    lines += [
        "",
        f"Target ≥ 1.8× plain ocrmypdf: {'met' if ratio >= 1.8 else 'NOT met'} ({ratio:.2f}×).",
    ]
    return lines


# --- (3) peak memory ---------------------------------------------------------------------


@dataclass(frozen=True)
class Memory:
    """Peak memory of one ``mailroom ingest`` run, in MiB."""

    label: str
    tree_pss: float  # the most the whole process tree held at once (shared pages split)
    tree_rss: float  # the same with shared pages counted in every process: an upper bound
    largest_rss: float  # the largest single process
    seconds: float
    outcome: str


def _sample(top: psutil.Process) -> tuple[int, int, int]:
    """PSS and RSS summed over ``top`` and its descendants, and the largest RSS."""
    pss, rss = [], []
    with suppress(psutil.Error):
        for p in [top, *top.children(recursive=True)]:
            with suppress(psutil.Error):
                info = p.memory_full_info()  # PSS: each shared page split among its sharers
                pss.append(info.pss)
                rss.append(info.rss)
    return sum(pss), sum(rss), max(rss, default=0)


def peak_memory(label: str, command: list[str], env: dict[str, str], every: float = 0.2) -> Memory:
    """Run ``command`` and poll the memory of its whole process tree until it ends."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    top = psutil.Process(proc.pid)
    peak = (0, 0, 0)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(proc.stdout or ()), daemon=True)
    reader.start()
    while proc.poll() is None:
        peak = tuple(max(a, b) for a, b in zip(peak, _sample(top), strict=True))  # type: ignore[assignment]
        time.sleep(every)
    reader.join(timeout=5)
    # mailroom's own result lines start with "#"; other lines are what tools printed.
    results = [line.strip() for line in output if line.startswith("#")]
    outcome = " ".join(results or [line.strip() for line in output if line.strip()])[:160]
    mib = [v / 2**20 for v in peak]
    return Memory(label, mib[0], mib[1], mib[2], time.perf_counter() - start, outcome)


def memory_part(root: Path, seed: int, quick: bool, out: Path | None = None) -> list[Memory]:
    """Peak memory of ``mailroom ingest`` on a long scan and on one very large page."""
    env = {**os.environ, "MAILROOM_HOME": str(fresh_home(root, "memory-home"))}
    count = 10 if quick else 50
    print(f"(3) memory: rendering a {count}-page scan and a very large page ...", flush=True)
    distinct = [render_scan(MEMORY_MIX[n % len(MEMORY_MIX)], seed + 200 + n) for n in range(10)]
    long_scan = save_scans([distinct[n % 10] for n in range(count)], root / f"scan-{count}p.pdf")
    size, dpi = ((6000, 8500), 300) if quick else ((12000, 17000), 600)
    big = save_scans([large_page(seed, size, dpi)], root / "large-page.pdf")
    results = []
    for label, path in (
        (f"one page of {size[0]} × {size[1]} px at {dpi} dpi", big),
        (f"{count}-page 300-dpi scan", long_scan),
    ):
        print(f"  mailroom ingest: {label} ...", flush=True)
        m = peak_memory(label, [str(BIN / "mailroom"), "ingest", str(path)], env)
        results.append(m)
        print(
            f"    peak {m.tree_pss:.0f} MiB PSS ({m.tree_rss:.0f} MiB RSS summed, largest "
            f"process {m.largest_rss:.0f} MiB), {m.seconds:.0f} s: {m.outcome}",
            flush=True,
        )
    return results


def memory_report(results: list[Memory]) -> list[str]:
    """The table of part (3)."""
    lines = [
        "(3) Peak memory of `mailroom ingest`, its whole process tree polled 5×/s",
        "",
        "| input | peak PSS, tree | peak RSS summed, tree | largest process | time | outcome |",
        "|---|---|---|---|---|---|",
    ]
    for m in results:
        lines.append(
            f"| {m.label} | {m.tree_pss:.0f} MiB | {m.tree_rss:.0f} MiB | {m.largest_rss:.0f} MiB "
            f"| {m.seconds:.0f} s | {m.outcome} |"
        )
    worst = max(m.tree_pss for m in results)
    lines += [
        "",
        f"Target ≤ 1 GB per worker: {'met' if worst <= 1024 else 'NOT met'} "
        f"(worst {worst:.0f} MiB PSS of the whole tree).",
    ]
    return lines


# --- main -------------------------------------------------------------------------------


def main() -> None:
    """Run the parts asked for and print their tables together at the end."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("cer", "speed", "memory", "all"), default="all")
    parser.add_argument("--quick", action="store_true", help="a smoke run: fewer pages")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, help="keep the CER scans and per-page figures here")
    args = parser.parse_args()
    parts = ("cer", "speed", "memory") if args.part == "all" else (args.part,)
    print(
        f"benchmarks/ocr.py: parts {', '.join(parts)}, {CORES} cores, seed {args.seed}"
        f"{', quick' if args.quick else ''}",
        flush=True,
    )
    report: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for part, run, tables in (
            ("cer", cer_part, cer_report),
            ("speed", speed_part, speed_report),
            ("memory", memory_part, memory_report),
        ):
            if part in parts:
                lines = tables(run(root, args.seed, args.quick, args.out))  # type: ignore[operator]
                print("\n".join(["", *lines, ""]), flush=True)  # now, in case a later part fails
                report += [*lines, ""]
    print("\n" + "=" * 100 + "\n")
    print("\n".join(report))


if __name__ == "__main__":
    main()
