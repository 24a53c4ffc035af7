"""Render text as scanned-looking A4 pages with Pillow.

A page is drawn at a given DPI in a serif font, then optionally degraded the
way a postroom scanner degrades paper: rotated, skewed, speckled, blurred and
JPEG-compressed. The result has no text layer, so only OCR can read it.
"""

from __future__ import annotations

import io
import random
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

A4_INCHES = (8.27, 11.69)
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


@dataclass(frozen=True)
class Degradation:
    """How a rendered page is spoilt; the defaults give a clean scan."""

    rotate: int = 0  # quarter turns are what a scanner does to a letter fed wrongly
    skew: float = 0.0  # degrees
    noise: float = 0.0  # share of pixels flipped to speckles
    blur: float = 0.0  # Gaussian radius in pixels
    jpeg_quality: int | None = None


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def render_page(text: str, dpi: int = 300, degradation: Degradation | None = None) -> Image.Image:
    """Draw ``text`` on a white A4 page as a greyscale image, then degrade it."""
    width, height = (int(dpi * d) for d in A4_INCHES)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = _font(int(dpi * 11 / 72))  # 11 pt
    margin = int(dpi * 0.9)
    line_height = int(dpi * 11 / 72 * 1.45)
    y = margin
    for paragraph in text.split("\n"):
        for line in textwrap.wrap(paragraph, width=78) or [""]:
            draw.text((margin, y), line, fill=0, font=font)
            y += line_height
    return degrade(page, degradation or Degradation())


def degrade(page: Image.Image, d: Degradation, seed: int = 0) -> Image.Image:
    """Apply a :class:`Degradation` to a page image."""
    rng = random.Random(seed)
    if d.skew:
        page = page.rotate(d.skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if d.noise:
        pixels = page.load()
        assert pixels is not None
        w, h = page.size
        for _ in range(int(w * h * d.noise)):
            x, y = rng.randrange(w), rng.randrange(h)
            pixels[x, y] = 0 if int(pixels[x, y]) > 128 else 255  # type: ignore[arg-type]
    if d.blur:
        page = page.filter(ImageFilter.GaussianBlur(d.blur))
    if d.rotate:
        page = page.rotate(-90 * d.rotate, expand=True)
    if d.jpeg_quality:
        buf = io.BytesIO()
        page.save(buf, "JPEG", quality=d.jpeg_quality)
        page = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return page


def save_pdf(pages: Sequence[Image.Image], path: Path, dpi: int = 300) -> Path:
    """Save page images as an image-only PDF (no text layer), like a scanner does."""
    first, *rest = [p.convert("L") for p in pages]
    first.save(path, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return path


def scan_letter(
    text: str,
    path: Path,
    dpi: int = 300,
    degradation: Degradation | None = None,
    page_break: str = "\f",
) -> Path:
    """Render a letter (pages separated by form feeds) to an image-only PDF at ``path``."""
    pages = [render_page(chunk, dpi, degradation) for chunk in text.split(page_break)]
    return save_pdf(pages, path, dpi)
