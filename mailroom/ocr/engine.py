"""OCRmyPDF behind a small Protocol, run in a child process.

OCRmyPDF's documentation asks API users to call it in a child process: it
sets up logging and signal handling of its own and is not meant to share a
long-running parent. The child gets ``OMP_THREAD_LIMIT=1`` in its own
environment (inherited by Tesseract) because OpenMP threads inside Tesseract
fight with OCRmyPDF's page-parallel jobs and make a page several times slower.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
from dataclasses import dataclass
from functools import cache
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Protocol

import pytesseract

from mailroom.children import die_with_parent
from mailroom.errors import (
    CorruptInput,
    EncryptedInput,
    MailroomError,
    MissingDependency,
    OcrFailed,
)

PLUGIN = "mailroom.ocr.plugin"
#: Environment variable (in the OCR child only) naming the plugin's report file.
REPORT_ENV = "MAILROOM_OCR_REPORT"

#: Debian package for each program or Tesseract language mailroom relies on.
DEBIAN_PACKAGES = {
    "tesseract": "tesseract-ocr",
    "gs": "ghostscript",
    "unpaper": "unpaper",
    "nld": "tesseract-ocr-nld",
    "eng": "tesseract-ocr-eng",
}


@dataclass(frozen=True)
class OcrOptions:
    """How OCRmyPDF is called; built from the settings."""

    languages: tuple[str, ...] = ("nld", "eng")
    jobs: int = 1
    page_timeout: float = 180.0
    #: Clean pages with unpaper before OCR (only when unpaper is installed).
    clean: bool = True


PDFA = "pdfa-2b"
PLAIN_PDF = "pdf"


@dataclass(frozen=True)
class PageReport:
    """What Tesseract said about one page it read."""

    page: int  # 1-based
    words: int
    confidence: float | None  # mean word confidence, 0..1
    skipped: bool  # OCR gave up (timeout): the page has no text layer


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


def _child_init() -> None:
    # Runs in the child only: the parent's environment is never changed.
    os.environ["OMP_THREAD_LIMIT"] = "1"

    die_with_parent()


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


def _read_report(path: Path) -> tuple[PageReport, ...]:
    if not path.exists():
        return ()
    reports = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        reports[data["page"]] = PageReport(**data)
    return tuple(reports[k] for k in sorted(reports))


def _run_ocrmypdf(src: str, dst: str, options: OcrOptions) -> ArchiveResult:
    """Body of the child process: one OCRmyPDF call, its errors mapped to ours."""
    import ocrmypdf
    from ocrmypdf import exceptions as ox

    report = Path(dst).with_suffix(".ocr-report.jsonl")
    report.unlink(missing_ok=True)
    os.environ[REPORT_ENV] = str(report)  # read by the plugin in this child and its workers

    def run(output_type: str) -> None:
        ocrmypdf.ocr(
            src,
            dst,
            language=list(options.languages),
            rotate_pages=True,
            deskew=True,
            clean=options.clean and shutil.which("unpaper") is not None,
            # Born-digital pages keep their text; only pages without text are OCR'd.
            mode="skip",
            output_type=output_type,
            # Ghostscript 10.0.0 corrupts existing text when it writes PDF/A, so
            # OCRmyPDF refuses skip mode with it; its own PDF/A writer is safe.
            pdfa_backend="internal",
            tesseract_timeout=options.page_timeout,
            jobs=options.jobs,
            progress_bar=False,
            plugins=[PLUGIN],
        )

    try:
        try:
            run("pdfa-2")
            archive_format = PDFA
        except ox.PdfaConversionFailedError:
            # The internal writer cannot make PDF/A of a born-digital PDF whose
            # fonts are not embedded, and Ghostscript would damage its text:
            # keep the text and settle for a plain PDF.
            report.unlink(missing_ok=True)
            run("pdf")
            archive_format = PLAIN_PDF
        return ArchiveResult(archive_format, _read_report(report))
    except ox.EncryptedPdfError as e:
        raise EncryptedInput("the PDF is password-protected; supply the password") from e
    except (ox.InputFileError, ox.UnsupportedImageFormatError, ox.DpiError) as e:
        raise CorruptInput(f"the file cannot be read as a scan: {e}") from e
    except ox.MissingDependencyError as e:
        raise _missing_program(e) from e
    except ox.ExitCodeException as e:
        raise OcrFailed(f"OCR failed: {type(e).__name__}: {e}") from e
    finally:
        report.unlink(missing_ok=True)


def _serve(conn: Connection) -> None:
    """The OCR child: answer OCR requests from the parent until told to stop."""
    _child_init()
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
        except Exception as e:
            conn.send(("error", OcrFailed(f"OCR failed: {type(e).__name__}: {e}")))


class OcrmypdfEngine:
    """The production :class:`OcrEngine`: OCRmyPDF in a child process, reused between calls.

    A plain child with a pipe rather than a process pool: it can be stopped
    without waiting on pool machinery when a worker process exits.
    """

    def __init__(self, options: OcrOptions) -> None:
        self.options = options
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None

    def _child(self) -> Connection:
        if self._conn is None or self._process is None or not self._process.is_alive():
            ctx = multiprocessing.get_context("spawn")
            parent, child = ctx.Pipe()
            self._process = ctx.Process(target=_serve, args=(child,), name="mailroom-ocr")
            self._process.start()
            child.close()
            self._conn = parent
        return self._conn

    def make_archive_pdf(self, src: Path, dst: Path) -> ArchiveResult:
        """OCR ``src`` into a PDF/A-2b at ``dst`` (see :class:`OcrEngine`)."""
        check_dependencies(self.options.languages)
        conn = self._child()
        try:
            conn.send((str(src), str(dst), self.options))
            status, value = conn.recv()
        except (EOFError, OSError) as e:
            self.close()
            raise OcrFailed("the OCR process died (out of memory or killed)") from e
        if status == "error":
            raise value
        return value

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
                self._process.kill()
                self._process.join()
            self._process = None
