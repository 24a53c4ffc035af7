"""Reading text out of PDFs and images, and the image facts OCR needs."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from mailroom.core.errors import CorruptInput


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page of a PDF, in page order."""
    try:
        reader = PdfReader(path)
        return [(page.extract_text() or "").strip() for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as e:
        raise CorruptInput(f"the PDF cannot be read: {e}") from e
