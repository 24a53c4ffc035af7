"""Before OCRmyPDF: which pages need no OCR, and pages too large for it made smaller.

One quick pass over the PDF with pdfium, in the OCR child:

- a page without text whose ink test finds it blank is left out of OCR (a
  300-page PDF of nearly empty pages is read in seconds, not minutes);
- a scanned page finer than OCR needs (a 600-dpi poster of 12000 x 17000
  pixels) is rendered again at :data:`OCR_DPI` — or coarser, to stay within
  ``max_pixels`` — into a working copy, so that neither OCRmyPDF nor Tesseract
  ever holds the full image. pdfium decodes a JPEG straight at the smaller
  size. The original file stays as it was, in the store;
- a page whose text layer is empty or garbage (a font without a Unicode
  mapping gives back control characters or mojibake, see
  :func:`mailroom.ocr.text.text_layer_quality`) is rendered as an image into
  the working copy, so OCRmyPDF — which keeps any text it finds — reads it.
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass
from pathlib import Path

import img2pdf
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from mailroom.core import imaging
from mailroom.core.errors import CorruptInput
from mailroom.ocr.text import TextLayer, text_layer_quality

log = logging.getLogger(__name__)

#: Resolution a page is brought down to when it is finer than OCR needs.
OCR_DPI = 300
#: A page scanned finer than this is brought down to OCR_DPI.
MAX_OCR_DPI = 400
#: Largest page, in pixels, handed to OCR (an A2 sheet at 300 dpi is 35 million).
MAX_OCR_PIXELS = 36_000_000


@dataclass(frozen=True)
class Prepared:
    """The PDF to OCR and what the pass found."""

    path: Path  # the original, or a working copy with smaller pages
    page_count: int
    blank: frozenset[int]  # 1-based pages without ink: not OCR'd
    downscaled: tuple[int, ...] = ()  # 1-based pages rendered smaller for OCR
    #: 1-based pages whose text layer was empty or garbage: rendered as images, to be OCR'd.
    unreadable_text: tuple[int, ...] = ()

    @property
    def to_read(self) -> list[int]:
        """The 1-based pages OCR has to read."""
        return [n for n in range(1, self.page_count + 1) if n not in self.blank]


@dataclass(frozen=True)
class _Scan:
    """What a page without text holds: its largest image's resolution and colour."""

    dpi: float
    grey: bool


def _scan_of(page: pdfium.PdfPage) -> _Scan | None:
    width_in, height_in = (v / 72 for v in page.get_size())
    best: _Scan | None = None
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        px_w, px_h = obj.get_px_size()
        dpi = max(px_w, px_h) / max(width_in, height_in, 1e-3)
        meta = obj.get_metadata()
        grey = meta.bits_per_pixel <= 8 and meta.colorspace in (
            pdfium_c.FPDF_COLORSPACE_DEVICEGRAY,
            pdfium_c.FPDF_COLORSPACE_CALGRAY,
            pdfium_c.FPDF_COLORSPACE_UNKNOWN,
        )
        if best is None or dpi > best.dpi:
            best = _Scan(dpi, grey)
    return best


def _ocr_dpi(scan: _Scan, page: pdfium.PdfPage, max_pixels: int) -> float | None:
    """The resolution to render a too-fine page at; None when it is fine as it is."""
    area = page.get_width() * page.get_height() / 72**2
    if scan.dpi <= MAX_OCR_DPI and area * scan.dpi**2 <= max_pixels:
        return None
    return min(float(OCR_DPI), scan.dpi, math.sqrt(max_pixels / max(area, 1e-3)))


def _smaller_page(page: pdfium.PdfPage, dpi: float, grey: bool) -> bytes:
    """A one-page PDF of ``page`` rendered at ``dpi``, the same size on paper."""
    image = page.render(scale=dpi / 72, grayscale=grey).to_pil()
    image = image.convert("L" if grey else "RGB")
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=90, dpi=(round(dpi), round(dpi)))
    return img2pdf.convert(buf.getvalue(), layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)))


def prepare(src: Path, work: Path, blank_ink: float, max_pixels: int = MAX_OCR_PIXELS) -> Prepared:
    """Find the blank pages of ``src``; write a working copy to ``work`` if pages are too fine."""
    try:
        doc = pdfium.PdfDocument(src)
    except pdfium.PdfiumError as e:
        raise CorruptInput(f"the PDF is damaged and its pages cannot be read ({e})") from e
    blank: set[int] = set()
    smaller: dict[int, bytes] = {}
    unreadable: list[int] = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            try:
                textpage = page.get_textpage()
                if textpage.count_chars() > 0:
                    quality = text_layer_quality(textpage.get_text_range())
                    if quality == TextLayer.good:
                        continue  # born-digital: OCRmyPDF keeps its text and reads nothing
                    log.info("page %d has a text layer that is %s: OCR'd", index + 1, quality)
                    smaller[index] = _smaller_page(page, OCR_DPI, grey=False)
                    unreadable.append(index + 1)
                    continue
                ink = imaging.measure_ink(
                    page.render(scale=imaging.INK_DPI / 72, grayscale=True).to_pil(),
                    imaging.INK_DPI,
                )
                if ink.share < blank_ink:
                    blank.add(index + 1)
                    continue
                scan = _scan_of(page)
                dpi = _ocr_dpi(scan, page, max_pixels) if scan else None
                if dpi is not None and scan is not None:
                    log.info("page %d (%.0f dpi) is read at %.0f dpi", index + 1, scan.dpi, dpi)
                    smaller[index] = _smaller_page(page, dpi, scan.grey)
            finally:
                page.close()
        count = len(doc)
    finally:
        doc.close()
    if not smaller:
        return Prepared(src, count, frozenset(blank))
    downscaled = tuple(n + 1 for n in sorted(smaller) if n + 1 not in unreadable)
    with pikepdf.open(src) as pdf:
        ones = {index: pikepdf.open(io.BytesIO(data)) for index, data in smaller.items()}
        try:
            for index, one in ones.items():
                pdf.pages[index] = one.pages[0]
            pdf.save(work)
        finally:
            for one in ones.values():
                one.close()
    return Prepared(work, count, frozenset(blank), downscaled, tuple(unreadable))
