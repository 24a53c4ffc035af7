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

from mailroom.core.errors import CorruptInput
from mailroom.core.imaging import INK_DPI, measure_ink
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
        # zxing-cpp takes a tuple of formats (its | is deprecated); its stubs still say otherwise.
        found = zxingcpp.read_barcodes(attempt, formats=SEPARATOR_FORMATS)  # type: ignore[arg-type]
        values = [b.text for b in found]
        if values:
            return values
    return []


def is_blank(page: pdfium.PdfPage, ink_threshold: float) -> bool:
    """Whether less than ``ink_threshold`` of a page (margins aside) carries ink.

    The same test OCR uses to leave a page unread (:func:`mailroom.core.imaging.measure_ink`):
    ink is what is darker than the paper around it, counted in cells of about 4 mm.
    """
    return measure_ink(render(page, INK_DPI), INK_DPI).share < ink_threshold


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
            # A blank page carries no barcode: the cheap ink test spares it the 300-dpi look.
            blank = is_blank(page, limits.blank_page_ink)
            separator = not blank and bool(set(barcodes_on(page)) & limits.separator_values)
            if separator or (blank and limits.split_on_blank_pages):
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
