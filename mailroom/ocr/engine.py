"""OCRmyPDF behind a small Protocol, run in a child process.

OCRmyPDF's documentation asks API users to call it in a child process: it
sets up logging and signal handling of its own and is not meant to share a
long-running parent. The child gets ``OMP_THREAD_LIMIT=1`` in its own
environment (inherited by Tesseract) because OpenMP threads inside Tesseract
fight with OCRmyPDF's page-parallel jobs and make a page several times slower.
It leads a process group of its own (with Tesseract under it), so a document
over its time budget is stopped whole; its log records and whatever its
programs print go to mailroom's log file, never to the terminal.

Per page, OCRmyPDF turns the page right and Tesseract reads it; mailroom's
plugin (:mod:`mailroom.ocr.plugin`) decides what Tesseract sees and looks
again at a page that reads poorly. The page is not straightened or cleaned
for the archive: Tesseract straightens lines itself while reading, and the
archive keeps the scan's own image (turned by the page's ``/Rotate``), which
saves re-encoding every page (see benchmarks/ocr.py).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import tempfile
from dataclasses import dataclass
from functools import cache
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Protocol

import pytesseract

from mailroom.core.children import die_with_parent, process_context
from mailroom.core.errors import (
    CorruptInput,
    EncryptedInput,
    MailroomError,
    MissingDependency,
    OcrFailed,
)
from mailroom.core.logs import add_log_file
from mailroom.ocr import plugin
from mailroom.ocr.prepare import prepare

PLUGIN = "mailroom.ocr.plugin"
log = logging.getLogger(__name__)

#: Debian package for each program or Tesseract language mailroom relies on.
DEBIAN_PACKAGES = {
    "tesseract": "tesseract-ocr",
    "gs": "ghostscript",
    "nld": "tesseract-ocr-nld",
    "eng": "tesseract-ocr-eng",
}


@dataclass(frozen=True)
class OcrOptions:
    """How OCRmyPDF is called; built from the settings."""

    languages: tuple[str, ...] = ("nld", "eng")
    jobs: int = 1
    page_timeout: float = 180.0
    #: Seconds one document may take; after that it is stopped and quarantined.
    document_timeout: float = 900.0
    #: Read a page that reads poorly a second time, cleaned (background evened, contrast up).
    clean: bool = True
    #: A page with less than this share of its area carrying ink is blank: not OCR'd.
    blank_ink: float = 0.003
    #: Log file of the OCR child (its records and what its programs print); None: dropped.
    log_file: Path | None = None


PDFA = "pdfa-2b"
PLAIN_PDF = "pdf"


@dataclass(frozen=True)
class PageReport:
    """What Tesseract said about one page it read (or that it was blank)."""

    page: int  # 1-based
    words: int
    confidence: float | None  # mean word confidence, 0..1
    skipped: bool  # OCR gave up (timeout): the page has no text layer
    #: Far fewer characters read than the ink on the page promises (text lost).
    little_text: bool = False
    #: Blank by the ink test: not OCR'd.
    blank: bool = False


@dataclass(frozen=True)
class ArchiveResult:
    """The archive copy's format and Tesseract's report on each OCR'd page.

    Pages that already had text (born-digital) are not OCR'd and have no report.
    """

    format: str
    pages: tuple[PageReport, ...] = ()


class OcrEngine(Protocol):
    """Turns a scan or PDF into a searchable PDF/A-2b archive copy."""

    def make_archive_pdf(self, src: Path, dst: Path) -> ArchiveResult:
        """Write an OCR'd copy of ``src`` to ``dst``; raise a MailroomError on failure.

        The format is :data:`PDFA`, or :data:`PLAIN_PDF` when the input cannot be
        made PDF/A without harming its text.
        """
        ...


@cache
def installed_languages() -> frozenset[str]:
    """Tesseract's installed languages; :class:`MissingDependency` without Tesseract."""
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as e:
        raise MissingDependency(
            "Tesseract is not installed; install the Debian package tesseract-ocr"
        ) from e


def check_dependencies(languages: tuple[str, ...]) -> None:
    """Fail with one line naming the Debian package when a program or language is missing."""
    missing = [lang for lang in languages if lang not in installed_languages()]
    if missing:
        packages = " ".join(DEBIAN_PACKAGES.get(m, f"tesseract-ocr-{m}") for m in missing)
        raise MissingDependency(
            f"Tesseract language {', '.join(missing)} is not installed; "
            f"install the Debian package {packages}"
        )


def _child_init(log_file: Path | None, scratch: Path) -> None:
    # Runs in the child only: the parent's environment is never changed.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    # Every temporary file of the child (OCRmyPDF's too) goes where the parent can
    # remove it after killing the child.
    os.environ["TMPDIR"] = str(scratch)
    tempfile.tempdir = str(scratch)
    os.setpgrp()  # Tesseract and the rest follow the child into its group: stopped together
    die_with_parent()
    root = logging.getLogger()
    root.handlers.clear()
    root.addHandler(logging.NullHandler())  # nothing falls through to the terminal
    logging.captureWarnings(True)  # a library's warnings.warn becomes a log record too
    to_log = log_file is not None and log_file.parent.is_dir()
    if to_log and log_file is not None:
        add_log_file(log_file)
    # What the libraries and programs (Tesseract, Ghostscript) print themselves goes to the
    # log too, or nowhere without one: the terminal is the user's. The parent talks to this
    # process through a pipe, never through its standard output.
    fd = os.open(
        log_file if to_log and log_file is not None else os.devnull,
        os.O_WRONLY | os.O_APPEND | os.O_CREAT,
        0o644,
    )
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    # Warnings and up from the libraries; a line per page and per font table is noise.
    root.setLevel(logging.WARNING)
    logging.getLogger("mailroom").setLevel(logging.INFO)


def _missing_program(e: Exception) -> MissingDependency:
    text = str(e).lower()
    for program, package in DEBIAN_PACKAGES.items():
        if program in ("nld", "eng"):
            continue
        if program in text or (program == "gs" and "ghostscript" in text):
            return MissingDependency(
                f"OCR needs {program}, which is not installed; install the Debian package {package}"
            )
    first = (str(e).strip().splitlines() or ["a program is missing"])[0]
    return MissingDependency(f"OCRmyPDF is missing a program: {first}")


def _read_report(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _page_reports(lines: list[dict[str, Any]], blank: frozenset[int]) -> tuple[PageReport, ...]:
    reports = {
        n: PageReport(page=n, words=0, confidence=None, skipped=False, blank=True) for n in blank
    }
    for line in lines:
        if line["kind"] == "page" and line["page"] is not None:
            reports[line["page"]] = PageReport(
                page=line["page"],
                words=line["words"],
                confidence=line["confidence"],
                skipped=line["skipped"],
                little_text=line["little_text"],
            )
    return tuple(reports[k] for k in sorted(reports))


def _turns(lines: list[dict[str, Any]]) -> dict[int, int]:
    """Pages read still turned: every page's turn, corrected where a reading asked for it."""
    angles = {line["page"]: line["angle"] for line in lines if line["kind"] == "orientation"}
    more = {line["page"]: line["turn"] for line in lines if line["kind"] == "page" and line["turn"]}
    if not more:
        return {}
    return {page: (angles.get(page, 0) + more.get(page, 0)) % 360 for page in angles | more}


def _run_ocrmypdf(src: str, dst: str, options: OcrOptions) -> ArchiveResult:
    """Body of the child process: one OCRmyPDF call, its errors mapped to ours.

    Blank pages are left out; a page that still reads turned after the first
    run makes a second run with every page's turn decided.
    """
    import ocrmypdf
    from ocrmypdf import exceptions as ox

    work = Path(tempfile.mkdtemp(prefix="prepare-"))
    report = work / "report.jsonl"
    os.environ[plugin.REPORT_ENV] = str(report)  # read by the plugin in this child's threads
    os.environ[plugin.CLEAN_ENV] = "1" if options.clean else "0"
    os.environ.pop(plugin.TURNS_ENV, None)
    plugin.forget_turns()

    def run(input_pdf: Path, pages: list[int], output_type: str) -> list[dict[str, Any]]:
        report.unlink(missing_ok=True)
        ocrmypdf.ocr(
            input_pdf,
            dst,
            language=list(options.languages),
            rotate_pages=True,
            # Born-digital pages keep their text; only pages without text are OCR'd.
            mode="skip",
            # An all-blank document still becomes an archive copy, with no page OCR'd.
            pages=",".join(map(str, pages or [1])),
            ocr_engine="auto" if pages else "none",
            output_type=output_type,
            # Ghostscript 10.0.0 corrupts existing text when it writes PDF/A, so
            # OCRmyPDF refuses skip mode with it; its own PDF/A writer is safe.
            pdfa_backend="internal",
            tesseract_timeout=options.page_timeout,
            jobs=options.jobs,
            progress_bar=False,
            plugins=[PLUGIN],
        )
        lines = _read_report(report)
        turns = _turns(lines)
        if not turns:
            return lines
        os.environ[plugin.TURNS_ENV] = json.dumps(turns)
        return run(input_pdf, pages, output_type)

    try:
        prepared = prepare(Path(src), work / "prepared.pdf", options.blank_ink)
        try:
            lines = run(prepared.path, prepared.to_read, "pdfa-2")
            archive_format = PDFA
        except ox.PdfaConversionFailedError:
            # The internal writer cannot make PDF/A of a born-digital PDF whose
            # fonts are not embedded, and Ghostscript would damage its text:
            # keep the text and settle for a plain PDF.
            lines = run(prepared.path, prepared.to_read, "pdf")
            archive_format = PLAIN_PDF
        return ArchiveResult(archive_format, _page_reports(lines, prepared.blank))
    except ox.EncryptedPdfError as e:
        raise EncryptedInput("the PDF is password-protected; supply the password") from e
    except (ox.InputFileError, ox.UnsupportedImageFormatError, ox.DpiError) as e:
        raise CorruptInput(f"the file cannot be read as a scan: {_first_line(e)}") from e
    except ox.MissingDependencyError as e:
        raise _missing_program(e) from e
    except ox.ExitCodeException as e:
        log.warning("OCRmyPDF failed on %s", src, exc_info=True)
        raise OcrFailed(
            f"the scan could not be read: {_first_line(e) or 'OCR stopped on it'}"
        ) from e
    finally:
        os.environ.pop(plugin.TURNS_ENV, None)
        shutil.rmtree(work, ignore_errors=True)


def _first_line(e: BaseException) -> str:
    """The first line of a library's message, without its class name: for people."""
    return (str(e).strip().splitlines() or [""])[0][:200]


def _serve(conn: Connection, log_file: Path | None, scratch: Path) -> None:
    """The OCR child: answer OCR requests from the parent until told to stop."""
    _child_init(log_file, scratch)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        src, dst, options = request
        try:
            conn.send(("ok", _run_ocrmypdf(src, dst, options)))
        except MailroomError as e:
            conn.send(("error", e))
        except Exception:
            log.exception("OCR of %s failed", src)
            conn.send(
                ("error", OcrFailed("the scan could not be read; the details are in the log"))
            )


class OcrmypdfEngine:
    """The production :class:`OcrEngine`: OCRmyPDF in a child process, reused between calls.

    A plain child with a pipe rather than a process pool: it can be stopped
    without waiting on pool machinery when a worker process exits, and stopped
    with everything it started when a document runs over its time budget.
    """

    def __init__(self, options: OcrOptions) -> None:
        self.options = options
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._scratch: Path | None = None

    def _child(self) -> Connection:
        if self._conn is None or self._process is None or not self._process.is_alive():
            ctx = process_context()
            parent, child = ctx.Pipe()
            self._remove_scratch()  # a child that died left its scratch behind
            self._scratch = Path(tempfile.mkdtemp(prefix="mailroom-ocr-"))
            self._process = ctx.Process(
                target=_serve,
                args=(child, self.options.log_file, self._scratch),
                name="mailroom-ocr",
            )
            self._process.start()
            child.close()
            self._conn = parent
        return self._conn

    def make_archive_pdf(self, src: Path, dst: Path) -> ArchiveResult:
        """OCR ``src`` into a PDF/A-2b at ``dst`` (see :class:`OcrEngine`)."""
        check_dependencies(self.options.languages)
        conn = self._child()
        budget = self.options.document_timeout
        try:
            conn.send((str(src), str(dst), self.options))
            if not conn.poll(budget):
                self._stop()
                seconds = f"{budget:g} second{'' if budget == 1 else 's'}"
                raise OcrFailed(
                    f"reading it took longer than {seconds}, the limit for one document "
                    "(setting ocr_document_timeout); split it into smaller documents or raise "
                    "the limit"
                )
            status, value = conn.recv()
        except (EOFError, OSError) as e:
            self._stop()
            raise OcrFailed("the OCR process died (out of memory or killed)") from e
        if status == "error":
            raise value
        return value

    def _stop(self) -> None:
        """Kill the child and every process it started (Tesseract, OCRmyPDF's workers)."""
        if self._process is not None and self._process.pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.kill()  # not yet leading its group if it was still starting
            self._process.join()
            self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._remove_scratch()

    def _remove_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def close(self) -> None:
        """Stop the child process."""
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send(None)
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._stop()
            self._process = None
        self._remove_scratch()
