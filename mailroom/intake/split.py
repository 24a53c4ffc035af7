"""Splitting a batch scan into letters at separator sheets and blank pages.

The postroom puts a separator sheet between letters: a page with a PATCH-T
barcode, or a barcode with a value the municipality chose (Code 128, Code 39,
QR). Pages are rendered with pdfium and read with zxing-cpp; a code that was
missed at 150 dpi is tried again at 300, because small codes need it. Separator
and blank pages are dropped; the other pages keep their order.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import pypdfium2 as pdfium
import zxingcpp
from PIL import Image
from pypdf import PdfReader, PdfWriter

from mailroom.errors import CorruptInput
from mailroom.intake.limits import IntakeLimits

#: Pages are rendered once at this resolution; a code missed there is tried at half of it.
BARCODE_DPI = 300
#: The symbologies separator sheets use; fewer formats read faster.
SEPARATOR_FORMATS = (
    zxingcpp.BarcodeFormat.Code128,
    zxingcpp.BarcodeFormat.Code39,
    zxingcpp.BarcodeFormat.Code93,
    zxingcpp.BarcodeFormat.QRCode,
    zxingcpp.BarcodeFormat.DataMatrix,
)
BLANK_DPI = 50
#: Scanner edges and punch holes live in the margins; they are not ink.
BLANK_MARGIN = 0.06
#: Blank-page detection looks at cells of this many pixels square (at BLANK_DPI)...
BLANK_CELL = 8
#: ...and a cell carries ink when it has at least this many dark pixels (dust has fewer).
BLANK_CELL_MIN_DARK = 3
#: A page is never rendered larger than this (a hostile PDF can declare a 5 m page).
MAX_RENDER_PIXELS = 40_000_000


@dataclass(frozen=True)
class Segment:
    """One letter of a batch: its pages (0-based indexes into the input)."""

    pages: tuple[int, ...]

    @property
    def label(self) -> str:
        """``pages 3-5`` (1-based, as people count pages)."""
        first, last = self.pages[0] + 1, self.pages[-1] + 1
        return f"page {first}" if first == last else f"pages {first}-{last}"


def render(page: pdfium.PdfPage, dpi: int) -> Image.Image:
    """A greyscale image of a page at ``dpi``, or lower when the page is huge."""
    width, height = page.get_size()
    scale = dpi / 72
    if width * height * scale * scale > MAX_RENDER_PIXELS:
        scale = math.sqrt(MAX_RENDER_PIXELS / max(1.0, width * height))
    return page.render(scale=scale, grayscale=True).to_pil().convert("L")


def barcodes_on(page: pdfium.PdfPage) -> list[str]:
    """The barcode values on a page.

    Some real separator sheets read at 300 dpi and at 150 but not in between, so
    the page is rendered once at 300 and, when nothing is found, read again halved.
    """
    image = render(page, BARCODE_DPI)
    for attempt in (image, image.reduce(2)):
        values = [b.text for b in zxingcpp.read_barcodes(attempt, formats=SEPARATOR_FORMATS)]
        if values:
            return values
    return []


def is_blank(page: pdfium.PdfPage, ink_threshold: float) -> bool:
    """Whether less than ``ink_threshold`` of a page (margins aside) carries ink.

    The share is counted in small cells, not pixels: thin text strokes are few
    pixels but mark the cells they cross, while scanner speckles vanish at this
    resolution and a speck of dust darkens too few pixels to mark a cell.
    """
    image = render(page, BLANK_DPI)
    w, h = image.size
    mx, my = int(w * BLANK_MARGIN), int(h * BLANK_MARGIN)
    cols, rows = (w - 2 * mx) // BLANK_CELL, (h - 2 * my) // BLANK_CELL
    if cols < 1 or rows < 1:
        return True
    inner = image.crop((mx, my, mx + cols * BLANK_CELL, my + rows * BLANK_CELL))
    dark = inner.point(lambda v: 255 if v < 128 else 0)
    # Each cell becomes one pixel whose value is its share of dark pixels (x255).
    cells = dark.reduce(BLANK_CELL).histogram()
    least = math.ceil(BLANK_CELL_MIN_DARK * 255 / BLANK_CELL**2)
    return sum(cells[least:]) / (cols * rows) < ink_threshold


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
    try:
        return _find_segments(pdf_bytes, limits)
    except pdfium.PdfiumError as e:
        raise CorruptInput(f"the PDF is damaged and its pages cannot be read ({e})") from e


def _find_segments(pdf_bytes: bytes, limits: IntakeLimits) -> Split:
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
