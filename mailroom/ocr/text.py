"""Reading text out of PDFs and images, and the image facts OCR needs."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from mailroom.errors import CorruptInput

#: DPI values outside this range are scanner metadata nonsense.
SANE_DPI = range(70, 1201)


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page of a PDF, in page order."""
    try:
        reader = PdfReader(path)
        return [(page.extract_text() or "").strip() for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as e:
        raise CorruptInput(f"the PDF cannot be read: {e}") from e


def image_dpi(path: Path, default: int = 300) -> int:
    """The DPI an image declares, or ``default`` when it is absent or absurd."""
    try:
        with Image.open(path) as img:
            dpi = img.info.get("dpi")
    except (UnidentifiedImageError, OSError) as e:
        raise CorruptInput(f"the image cannot be read: {e}") from e
    if dpi:
        x = round(float(dpi[0]))
        if x in SANE_DPI:
            return x
    return default
