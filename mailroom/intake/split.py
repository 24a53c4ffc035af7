"""Splitting a batch scan into letters at separator sheets and blank pages.

The postroom puts a separator sheet between letters: a page with a PATCH-T
barcode, or a barcode with a value the municipality chose (Code 128, Code 39,
QR). Pages are rendered with pdfium and read with zxing-cpp; a code that was
missed at 150 dpi is tried again at 300, because small codes need it. Separator
and blank pages are dropped; the other pages keep their order.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
import zxingcpp
from PIL import ImageFilter
from pypdf import PdfReader, PdfWriter

from mailroom.intake.limits import IntakeLimits

BARCODE_DPIS = (150, 300)
BLANK_DPI = 50
#: Scanner edges and punch holes live in the margins; they are not ink.
BLANK_MARGIN = 0.06


@dataclass(frozen=True)
class Segment:
    """One letter of a batch: its pages (0-based indexes into the input)."""

    pages: tuple[int, ...]

    @property
    def label(self) -> str:
        """``pages 3-5`` (1-based, as people count pages)."""
        first, last = self.pages[0] + 1, self.pages[-1] + 1
        return f"page {first}" if first == last else f"pages {first}-{last}"


def barcodes_on(page: pdfium.PdfPage) -> list[str]:
    """The barcode values on a page, trying a higher resolution when none is found."""
    for dpi in BARCODE_DPIS:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        values = [b.text for b in zxingcpp.read_barcodes(image)]
        if values:
            return values
    return []


def is_blank(page: pdfium.PdfPage, ink_threshold: float) -> bool:
    """Whether a page carries almost no ink, ignoring speckles and the margins."""
    image = page.render(scale=BLANK_DPI / 72, grayscale=True).to_pil().convert("L")
    w, h = image.size
    mx, my = int(w * BLANK_MARGIN), int(h * BLANK_MARGIN)
    inner = image.crop((mx, my, w - mx, h - my)).filter(ImageFilter.MedianFilter(3))
    histogram = inner.histogram()
    dark = sum(histogram[:128])
    return dark / max(1, inner.width * inner.height) < ink_threshold


@dataclass(frozen=True)
class Split:
    """How a scan divides into letters."""

    segments: list[Segment]
    page_count: int

    @property
    def is_whole(self) -> bool:
        """True when the scan is one letter with every page kept."""
        return len(self.segments) == 1 and len(self.segments[0].pages) == self.page_count


def find_segments(pdf_bytes: bytes, limits: IntakeLimits) -> Split:
    """The letters in a scan: runs of pages between separator (and blank) pages."""
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        segments: list[Segment] = []
        current: list[int] = []
        for index in range(len(doc)):
            page = doc[index]
            separator = bool(set(barcodes_on(page)) & limits.separator_values)
            blank = (
                not separator
                and limits.split_on_blank_pages
                and is_blank(page, limits.blank_page_ink)
            )
            if separator or blank:
                if current:
                    segments.append(Segment(tuple(current)))
                current = []
            else:
                current.append(index)
        if current:
            segments.append(Segment(tuple(current)))
        return Split(segments, len(doc))
    finally:
        doc.close()


def extract_pages(pdf_bytes: bytes, pages: tuple[int, ...]) -> bytes:
    """A new PDF with the given pages of ``pdf_bytes`` (images copied, not re-encoded)."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    writer = PdfWriter()
    for index in pages:
        writer.add_page(reader.pages[index])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
