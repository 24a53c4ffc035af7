"""The OCR stage: an original in, an archive PDF/A and its text out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mailroom.errors import UnsupportedInput
from mailroom.intake.detect import PDF, TEXT
from mailroom.ocr.engine import OcrEngine
from mailroom.ocr.text import pdf_page_texts


@dataclass(frozen=True)
class OcrInput:
    """What the OCR stage needs to know about a stored original."""

    document_id: int
    original: Path
    media_type: str


@dataclass(frozen=True)
class OcrResult:
    """Text per page and the archive copy (None for text that needs no OCR)."""

    pages: tuple[str, ...]
    archive: Path | None
    archive_format: str | None = None

    @property
    def text(self) -> str:
        """All pages, separated by form feeds like a printer would."""
        return "\n\f".join(self.pages)

    @property
    def page_count(self) -> int:
        """Number of pages."""
        return len(self.pages)


def run_ocr(item: OcrInput, engine: OcrEngine, archive_dir: Path) -> OcrResult:
    """OCR one document into ``archive_dir``; plain-text documents are read as they are."""
    if item.media_type == TEXT:
        return OcrResult(pages=(item.original.read_text(encoding="utf-8"),), archive=None)
    if item.media_type != PDF:
        raise UnsupportedInput(f"{item.media_type} cannot be OCR'd; intake makes scans PDFs")
    dst = archive_dir / f"{item.document_id}.pdf"
    tmp = dst.with_suffix(".pdf.part")
    archive_format = engine.make_archive_pdf(item.original, tmp)
    tmp.replace(dst)  # a crash never leaves a half-written archive copy under the real name
    return OcrResult(pages=tuple(pdf_page_texts(dst)), archive=dst, archive_format=archive_format)
