"""OCRmyPDF behind a small Protocol, run in a child process.

OCRmyPDF's documentation asks API users to call it in a child process: it
sets up logging and signal handling of its own and is not meant to share a
long-running parent. The child gets ``OMP_THREAD_LIMIT=1`` in its own
environment (inherited by Tesseract) because OpenMP threads inside Tesseract
fight with OCRmyPDF's page-parallel jobs and make a page several times slower.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Protocol

from mailroom.errors import (
    CorruptInput,
    EncryptedInput,
    MailroomError,
    MissingDependency,
    OcrFailed,
)

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


PDFA = "pdfa-2b"
PLAIN_PDF = "pdf"


class OcrEngine(Protocol):
    """Turns a scan or PDF into a searchable PDF/A-2b archive copy."""

    def make_archive_pdf(self, src: Path, dst: Path) -> str:
        """Write an OCR'd copy of ``src`` to ``dst`` and return its format.

        The format is :data:`PDFA`, or :data:`PLAIN_PDF` when the input cannot be
        made PDF/A without harming its text. Raises a MailroomError on failure.
        """
        ...


@cache
def installed_languages() -> frozenset[str]:
    """Tesseract's installed languages; :class:`MissingDependency` without Tesseract."""
    if shutil.which("tesseract") is None:
        raise MissingDependency(
            "Tesseract is not installed; install the Debian package tesseract-ocr"
        )
    out = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, check=False
    ).stdout
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


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
    from mailroom.daemon import die_with_parent

    die_with_parent()


def _run_ocrmypdf(src: str, dst: str, options: OcrOptions) -> str:
    """Body of the child process: one OCRmyPDF call, its errors mapped to ours."""
    import ocrmypdf
    from ocrmypdf import exceptions as ox

    def run(output_type: str) -> None:
        ocrmypdf.ocr(
            src,
            dst,
            language=list(options.languages),
            rotate_pages=True,
            deskew=True,
            # Born-digital pages keep their text; only pages without text are OCR'd.
            mode="skip",
            output_type=output_type,
            # Ghostscript 10.0.0 corrupts existing text when it writes PDF/A, so
            # OCRmyPDF refuses skip mode with it; its own PDF/A writer is safe.
            pdfa_backend="internal",
            tesseract_timeout=options.page_timeout,
            jobs=options.jobs,
            progress_bar=False,
        )

    try:
        try:
            run("pdfa-2")
            return PDFA
        except ox.PdfaConversionFailedError:
            # The internal writer cannot make PDF/A of a born-digital PDF whose
            # fonts are not embedded, and Ghostscript would damage its text:
            # keep the text and settle for a plain PDF.
            run("pdf")
            return PLAIN_PDF
    except ox.EncryptedPdfError as e:
        raise EncryptedInput("the PDF is password-protected; supply the password") from e
    except (ox.InputFileError, ox.UnsupportedImageFormatError, ox.DpiError) as e:
        raise CorruptInput(f"the file cannot be read as a scan: {e}") from e
    except ox.MissingDependencyError as e:
        raise MissingDependency(f"OCRmyPDF is missing a program: {e}") from e
    except ox.ExitCodeException as e:
        raise OcrFailed(f"OCR failed: {type(e).__name__}: {e}") from e


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

    def make_archive_pdf(self, src: Path, dst: Path) -> str:
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
        return str(value)

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
