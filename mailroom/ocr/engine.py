"""OCRmyPDF behind a small Protocol, run in a child process.

OCRmyPDF's documentation asks API users to call it in a child process: it
sets up logging and signal handling of its own and is not meant to share a
long-running parent. The child gets ``OMP_THREAD_LIMIT=1`` in its own
environment (inherited by Tesseract) because OpenMP threads inside Tesseract
fight with OCRmyPDF's page-parallel jobs and make a page several times slower.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from mailroom.errors import CorruptInput, EncryptedInput, MissingDependency, OcrFailed

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


class OcrmypdfEngine:
    """The production :class:`OcrEngine`: OCRmyPDF in a reusable child process."""

    def __init__(self, options: OcrOptions) -> None:
        self.options = options
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_child_init,
            )
        return self._pool

    def make_archive_pdf(self, src: Path, dst: Path) -> str:
        """OCR ``src`` into a PDF/A-2b at ``dst`` (see :class:`OcrEngine`)."""
        check_dependencies(self.options.languages)
        future = self._executor().submit(_run_ocrmypdf, str(src), str(dst), self.options)
        try:
            return future.result()
        except BrokenProcessPool as e:
            self._pool = None
            raise OcrFailed("the OCR process died (out of memory or killed)") from e

    def close(self) -> None:
        """Stop the child process."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
