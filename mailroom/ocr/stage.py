"""The OCR stage: an original in, an archive PDF/A and its text out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mailroom.core.errors import OcrFailed, UnsupportedInput
from mailroom.core.records import PDF, TEXT
from mailroom.ocr.engine import OcrEngine
from mailroom.ocr.text import pdf_page_texts


@dataclass(frozen=True)
class OcrInput:
    """What the OCR stage needs to know about a stored original."""

    document_id: int
    original: Path
    media_type: str


@dataclass(frozen=True)
class PageText:
    """One page: its text in reading order, and how sure OCR was (None: not OCR'd)."""

    number: int  # 1-based
    text: str
    confidence: float | None = None
    #: OCR found far fewer characters than the ink on the page promises.
    little_text: bool = False

    def poor(self, threshold: float) -> bool:
        """Whether OCR read this page poorly: unsure of its words, or most text not found."""
        unsure = self.confidence is not None and self.confidence < threshold
        return unsure or self.little_text

    @property
    def how_read(self) -> str:
        """``0.41`` or ``0.95, little text for its ink``: why the page counts as poorly read."""
        sure = f"{self.confidence:.2f}" if self.confidence is not None else "nothing read"
        return f"{sure}, little text for its ink" if self.little_text else sure


@dataclass(frozen=True)
class OcrResult:
    """Text per page and the archive copy (None for text that needs no OCR)."""

    page_texts: tuple[PageText, ...]
    archive: Path | None
    archive_format: str | None = None

    @property
    def pages(self) -> tuple[str, ...]:
        """The text of each page."""
        return tuple(p.text for p in self.page_texts)

    @property
    def confidence(self) -> float | None:
        """The lowest page confidence: a document reads as well as its worst page."""
        values = [p.confidence for p in self.page_texts if p.confidence is not None]
        return min(values) if values else None

    def poor_pages(self, threshold: float) -> list[PageText]:
        """Pages OCR read poorly: with less confidence than ``threshold``, or text lost."""
        return [p for p in self.page_texts if p.poor(threshold)]

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
        text = item.original.read_text(encoding="utf-8")
        return OcrResult(page_texts=(PageText(1, text),), archive=None)
    if item.media_type != PDF:
        raise UnsupportedInput(f"{item.media_type} cannot be OCR'd; intake makes scans PDFs")
    dst = archive_dir / f"{item.document_id}.pdf"
    tmp = dst.with_suffix(".pdf.part")
    made = engine.make_archive_pdf(item.original, tmp)
    skipped = [r.page for r in made.pages if r.skipped]
    if skipped:
        tmp.unlink(missing_ok=True)
        pages = ", ".join(map(str, skipped))
        raise OcrFailed(
            f"page {pages} took longer than the OCR time limit to read (setting "
            "ocr_page_timeout); the scan may be damaged or far too detailed"
        )
    tmp.replace(dst)  # a crash never leaves a half-written archive copy under the real name
    reports = {r.page: r for r in made.pages}
    texts = tuple(
        PageText(
            n,
            text,
            reports[n].confidence if n in reports else None,
            reports[n].little_text if n in reports else False,
        )
        for n, text in enumerate(pdf_page_texts(dst), 1)
    )
    return OcrResult(page_texts=texts, archive=dst, archive_format=made.format)
