"""Looking at a page image around Tesseract: its ink, and what to hide from OCR.

Cheap numpy work on a page image, each function a few tens of milliseconds on
a 300-dpi A4 page, so that the expensive step — Tesseract — runs once per page
on an image it reads well:

- :func:`measure_ink` tells a blank page (no OCR needed) and how much a page
  carries, so a reading with far fewer characters than the ink promises is
  known to be poor (a page still turned, text lost in a shadow);
- :func:`for_ocr` removes what misleads Tesseract but no reader: coloured ink
  (a received-stamp, a blue signature, coloured paper) and a scanner's streak
  or grey band;
- :func:`cleaned` evens out the background and stretches the contrast, for a
  second reading of a page that read poorly.

Paper is found locally (the brightest value nearby), so grey paper, a shadow
or faded toner count ink by contrast, not by an absolute level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops
from scipy import ndimage

#: Resolution the ink test works at: a text line is a few pixels high, a speck vanishes.
INK_DPI = 50
#: Scanner edges and punch holes live in the margins; they are not ink.
INK_MARGIN = 0.06
#: The ink test counts cells of this many pixels square (at INK_DPI, about 4 mm)...
INK_CELL = 8
#: ...and a cell carries ink when this many of its pixels are darker than the paper near them.
INK_CELL_MIN_DARK = 3
#: Resolution at which the direction of the text lines is found.
LINES_DPI = 100
#: How much darker than the paper nearby a pixel must be to be ink (0-255)...
INK_CONTRAST = 14
#: ...for the ink test, as the median of this many pixels (rows, columns) at INK_DPI...
INK_SPREAD = (3, 5)
#: ...how much darker that median must be for the spot to carry ink.
INK_SPREAD_CONTRAST = 12
#: Coloured ink (chroma above this, 0-255, on neutral paper) is pushed towards paper before OCR...
CHROMA_FLOOR = 40
#: ...when at least this share of the page is that far from grey (a stamp, a signature).
COLOUR_INK = 80
COLOUR_INK_SHARE = 0.002
#: A pixel column or row this much darker than its neighbourhood is a streak or band.
STREAK_GAIN = 0.86
#: Columns are compared in bands of rows this high: a streak slants less than a pixel within one.
STREAK_BAND_INCHES = 1.0
#: Darker than this is something printed (a rule, a bar), not a streak: left alone.
STREAK_DARKEST = 0.3

_CHROMA_PUSH = [min(255, max(0, 2 * (v - CHROMA_FLOOR))) for v in range(256)]


@dataclass(frozen=True)
class Ink:
    """How much of a page (margins aside) carries ink, counted in cells of about 4 mm."""

    cells: int
    total: int

    @property
    def share(self) -> float:
        """Share of the cells that carry ink."""
        return self.cells / self.total if self.total else 0.0


def _small(image: Image.Image, dpi: float, target: float) -> Image.Image:
    factor = max(1, round(dpi / target))
    grey = image if image.mode in ("L", "RGB") else image.convert("L")
    return (grey.reduce(factor) if factor > 1 else grey).convert("L")


def _paper(a: np.ndarray, size: int) -> np.ndarray:
    """The paper's brightness around each pixel: the brightest value within ``size`` pixels."""
    return ndimage.maximum_filter(a, size=size, mode="nearest")


def ink_mask(grey: np.ndarray, window: int) -> np.ndarray:
    """Pixels darker than the paper around them (``window`` about 4-5 mm)."""
    a = grey.astype(np.int16)
    return (_paper(a, window) - a) > INK_CONTRAST


def measure_ink(image: Image.Image, dpi: float) -> Ink:
    """Count the cells of ``image`` (at ``dpi``) that carry ink.

    Ink is what is darker than the paper around it, so faint toner on grey
    paper counts. Thin strokes are few pixels but mark every cell they cross;
    scanner salt vanishes in the median, and a speck of dust that marks a cell
    marks it alone, while print runs on into the cells beside it.
    """
    small = _small(image, dpi, INK_DPI)
    a = np.asarray(small)
    h, w = a.shape
    mx, my = int(w * INK_MARGIN), int(h * INK_MARGIN)
    cols, rows = (w - 2 * mx) // INK_CELL, (h - 2 * my) // INK_CELL
    if cols < 1 or rows < 1:
        return Ink(0, 0)
    grey = a.astype(np.float32)
    # The median of a few neighbours: print (blobs at this resolution) stays darker than
    # the paper, a scanner's salt (single dark pixels, however dark) does not.
    darker = ndimage.median_filter(_paper(grey, 9) - grey, size=INK_SPREAD, mode="nearest")
    dark = (darker > INK_SPREAD_CONTRAST)[my : my + rows * INK_CELL, mx : mx + cols * INK_CELL]
    per_cell = dark.reshape(rows, INK_CELL, cols, INK_CELL).sum(axis=(1, 3))
    inked = per_cell >= INK_CELL_MIN_DARK
    # Print runs on into the cells on either side; a speck of dust stands alone.
    around = ndimage.convolve(inked.astype(np.uint8), np.ones((3, 3), np.uint8), mode="constant")
    return Ink(int((inked & (around >= 3)).sum()), rows * cols)


def _evenness(ink: np.ndarray, strip: int) -> float:
    """How unevenly ink falls on the rows of each strip of ``strip`` columns (median over strips).

    Text lines running across make the rows alternate between ink and gap:
    uneven. Measured in strips about an inch wide, so a skewed page still
    shows its lines.
    """
    scores = []
    for x in range(0, ink.shape[1] - strip + 1, strip):
        profile = ink[:, x : x + strip].sum(axis=1, dtype=np.float32)
        if profile.sum() > strip:
            scores.append(float(profile.std() / max(profile.mean(), 1e-6)))
    return float(np.median(scores)) if scores else 0.0


def line_direction(image: Image.Image, dpi: float) -> tuple[bool, float]:
    """Whether the text lines of ``image`` run across it (upright or upside down), not
    down it, and how clear that is (how many times more uneven one way than the other)."""
    small = _small(image, dpi, LINES_DPI)
    ink = ink_mask(np.asarray(small), 15)
    across, down = _evenness(ink, LINES_DPI), _evenness(ink.T, LINES_DPI)
    return across >= down, (max(across, down) + 1e-3) / (min(across, down) + 1e-3)


def _balanced(image: Image.Image, paper: np.ndarray) -> Image.Image:
    """``image`` with its ``paper`` colour made white (a photo's warm light, coloured paper)."""
    bands = [
        band.point([min(255, round(v * 255 / max(1.0, level))) for v in range(256)])
        for band, level in zip(image.split(), paper, strict=True)
    ]
    return Image.merge("RGB", bands)


def _chroma(image: Image.Image) -> tuple[Image.Image, Image.Image]:
    """The brightest channel of each pixel, and how far the pixel is from grey."""
    r, g, b = image.split()
    high = ImageChops.lighter(ImageChops.lighter(r, g), b)
    low = ImageChops.darker(ImageChops.darker(r, g), b)
    return high, ImageChops.subtract(high, low)


def without_colour_ink(image: Image.Image) -> Image.Image | None:
    """A grey image of a colour page in which coloured ink becomes paper; None without any.

    A received-stamp in red, blue or purple and a blue signature are far from
    grey once the paper is made neutral; black and grey print stays dark where
    a stamp covers it, because ink on ink is darker still and nearly grey.
    Each pixel becomes its brightest channel plus twice its chroma beyond
    what JPEG and the light give any pixel. Whether there is coloured ink is
    decided on a small copy first, so a page without it costs little.
    """
    rgb = image.convert("RGB")
    small = rgb.reduce(4) if min(rgb.size) >= 400 else rgb
    paper = np.percentile(np.asarray(small).reshape(-1, 3), 90, axis=0)
    histogram = _chroma(_balanced(small, paper))[1].histogram()
    if sum(histogram[COLOUR_INK:]) < COLOUR_INK_SHARE * small.width * small.height:
        return None
    high, chroma = _chroma(_balanced(rgb, paper))
    return ImageChops.add(high, chroma.point(_CHROMA_PUSH))


def _gains(levels: np.ndarray, window: int) -> np.ndarray | None:
    """Per column (or row): how much darker its paper is than its neighbours', where it is."""
    reference = ndimage.median_filter(levels, size=window, mode="nearest")
    gain = levels / np.maximum(reference, 1.0)
    streak = (gain < STREAK_GAIN) & (gain > STREAK_DARKEST)
    if not streak.any():
        return None
    return np.where(streak, gain, 1.0)


def without_streaks(image: Image.Image, dpi: float) -> Image.Image:
    """``image`` (grey) with the paper under a scanner's streak or grey band brought back to white.

    A dirty scanner glass darkens a narrow column of the page (or a roller a
    band of rows) by a factor; the paper level of every column and row is
    compared with its neighbours' and a darker one is divided back. Tesseract
    would otherwise take the streak for a rule between two columns of text.
    Columns are compared in bands of rows, so a streak that runs a little
    slanted (the sheet fed askew) is still found. ``image`` itself when there
    is none.
    """
    a = np.asarray(image)
    h = a.shape[0]
    step = max(1, round(dpi / 75))
    band = max(step, round(dpi * STREAK_BAND_INCHES))
    col_gains = [
        _gains(np.percentile(a[top : top + band : step], 90, axis=0), max(3, round(dpi / 6)) | 1)
        for top in range(0, h, band)
    ]
    row_gain = _gains(np.percentile(a[:, ::step], 90, axis=1), max(3, round(dpi / 2)) | 1)
    if row_gain is None and all(g is None for g in col_gains):
        return image
    out = a.astype(np.float32)
    for k, gain in enumerate(col_gains):
        if gain is not None:
            out[k * band : (k + 1) * band] /= gain[None, :]
    if row_gain is not None:
        out /= row_gain[:, None]
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "L")


def for_ocr(image: Image.Image, dpi: float) -> Image.Image:
    """The image Tesseract should read: without coloured ink, streaks or bands.

    ``image`` itself when there is nothing to take out: a colour page without
    coloured ink is left in colour, because Tesseract thresholds each channel
    and reads a photo under warm light better so than from its grey.
    """
    if image.mode == "1":
        return image
    if image.mode == "L":
        return without_streaks(image, dpi)
    return without_colour_ink(image) or image


def cleaned(image: Image.Image, dpi: float) -> Image.Image:
    """``image`` with its background made white and its contrast stretched: for a poor page.

    The paper level is estimated at low resolution (the brightest value
    within about 5 mm), each pixel divided by it, and the darkest print
    stretched to black — a shadow, grey paper and faded toner all become
    black print on white.
    """
    grey = image.convert("L")
    factor = max(1, round(dpi / INK_DPI))
    small = np.asarray(grey.reduce(factor) if factor > 1 else grey).astype(np.float32)
    paper = ndimage.uniform_filter(_paper(small, 9), size=5, mode="nearest")
    paper_full = np.asarray(
        Image.fromarray(paper).resize(grey.size, Image.Resampling.BILINEAR), dtype=np.float32
    )
    a = np.asarray(grey, dtype=np.float32) / np.maximum(paper_full, 1.0)
    ink = a[a < 0.9]
    darkest = float(np.percentile(ink, 5)) if ink.size > 100 else 0.0
    out = (a - darkest) / max(1e-3, 1.0 - darkest) * 255
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "L")
