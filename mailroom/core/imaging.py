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
    Columns are compared in bands of rows and rows in bands of columns, so a
    streak or band that runs a little slanted (the sheet fed askew) is still
    found along its whole length: a band left grey at its ends takes the text
    line under it out of Tesseract's reading. ``image`` itself when there is none.
    """
    a = np.asarray(image)
    h, w = a.shape
    step = max(1, round(dpi / 75))
    band = max(step, round(dpi * STREAK_BAND_INCHES))
    col_gains = [
        _gains(np.percentile(a[top : top + band : step], 90, axis=0), max(3, round(dpi / 6)) | 1)
        for top in range(0, h, band)
    ]
    row_gains = [
        _gains(
            np.percentile(a[:, left : left + band : step], 90, axis=1), max(3, round(dpi / 2)) | 1
        )
        for left in range(0, w, band)
    ]
    if all(g is None for g in (*col_gains, *row_gains)):
        return image
    out = a.astype(np.float32)
    for k, gain in enumerate(col_gains):
        if gain is not None:
            out[k * band : (k + 1) * band] /= gain[None, :]
    for k, gain in enumerate(row_gains):
        if gain is not None:
            out[:, k * band : (k + 1) * band] /= gain[:, None]
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


# --- a photo of a letter: finding the sheet on the table -----------------------------------

#: Long side, in pixels, of the copy the sheet is looked for in: a sheet is large, text is not.
SHEET_LOOK_PX = 640
#: The sheet must stand out this far from what it lies on (difference of means in
#: standard deviations of the two): a white sheet on a white table is not looked for.
SHEET_CONTRAST = 3.0
#: A sheet covers between these shares of the photo; more is a scan or a photo that is all page.
SHEET_AREA = (0.12, 0.88)
#: Share of its fitted rectangle the sheet must fill: less is a shadow over it, clutter
#: touching it, or steep perspective — then the photo is left as it is.
SHEET_FILL = 0.94
#: Shorter to longer side of the sheet: A4 and A5 are 0.71, US letter 0.77, legal 0.61.
SHEET_ASPECT = (0.55, 0.86)
#: Angles (degrees) tried when fitting the sheet's rectangle; beyond, the photo is left alone.
SHEET_MOST_TURN = 12.0
#: Turned less than this, a sheet is cropped but not straightened (Tesseract copes).
SHEET_STRAIGHTEN = 0.7
#: Room left around the sheet, as a share of its longer side: a crop never touches print.
SHEET_MARGIN = 0.025
#: A sheet's margin (this share of its longer side, about 4 mm on A4) carries no print; print
#: there means the bright region ends inside the page (a shadow over the rest of it)...
SHEET_EDGE_BAND = 0.015
#: ...when more than this share of the band's pixels is darker than the paper by...
SHEET_EDGE_INK = 0.002
#: ...this share of the paper's brightness.
SHEET_EDGE_DARKER = 0.2
#: The sheet must be this many grey levels brighter than what it lies on.
SHEET_LEVELS = 40


@dataclass(frozen=True)
class SheetFound:
    """Where the sheet lies in a photo (in its pixels), or why it was not taken to be found."""

    #: left, top, right, bottom of the sheet's upright rectangle around ``centre``; None: not found.
    box: tuple[int, int, int, int] | None
    #: Degrees the sheet is turned counter-clockwise in the photo.
    angle: float
    #: Share of the photo the sheet covers.
    area: float
    reason: str

    @property
    def found(self) -> bool:
        """Whether the photo can be cropped to the sheet."""
        return self.box is not None


def _not_found(reason: str, area: float = 0.0) -> SheetFound:
    return SheetFound(None, 0.0, area, reason)


def _otsu(values: np.ndarray) -> tuple[float, float, float]:
    """Otsu's threshold of 8-bit ``values`` and how far apart the two classes lie: the
    difference of their means in their pooled standard deviation, and in grey levels."""
    hist = np.bincount(values.ravel().astype(np.uint8), minlength=256).astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    w0 = np.cumsum(hist)
    w1 = w0[-1] - w0
    m0 = np.cumsum(hist * levels) / np.maximum(w0, 1)
    m1 = ((hist * levels).sum() - np.cumsum(hist * levels)) / np.maximum(w1, 1)
    t = int(np.argmax(w0 * w1 * (m0 - m1) ** 2))
    low, high = values[values <= t], values[values > t]
    if low.size == 0 or high.size == 0:
        return float(t), 0.0, 0.0
    spread = np.sqrt((low.var() + high.var()) / 2) + 1.0
    levels_apart = float(high.mean() - low.mean())
    return float(t), levels_apart / spread, levels_apart


def _largest_region(mask: np.ndarray) -> np.ndarray:
    labels, count = ndimage.label(mask)
    if count == 0:
        return mask
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    return np.asarray(ndimage.binary_fill_holes(labels == int(np.argmax(sizes))), dtype=bool)


def _fit_rectangle(region: np.ndarray) -> tuple[float, float, float, float, float]:
    """The smallest rectangle around ``region`` within :data:`SHEET_MOST_TURN` degrees of
    upright: its angle (counter-clockwise), centre x, y, width and height."""
    edge = region & ~ndimage.binary_erosion(region)
    ys, xs = np.nonzero(edge)
    cx, cy = xs.mean(), ys.mean()
    best: tuple[float, float, float, float, float] | None = None
    for angle in np.arange(-SHEET_MOST_TURN, SHEET_MOST_TURN + 0.01, 0.25):
        a = np.radians(angle)
        # Coordinates in a frame turned with the sheet (y grows downwards in images).
        u = (xs - cx) * np.cos(a) - (ys - cy) * np.sin(a)
        v = (xs - cx) * np.sin(a) + (ys - cy) * np.cos(a)
        lo_u, hi_u = np.percentile(u, (0.2, 99.8))
        lo_v, hi_v = np.percentile(v, (0.2, 99.8))
        w, h = hi_u - lo_u, hi_v - lo_v
        if best is None or w * h < best[3] * best[4]:
            mu, mv = (lo_u + hi_u) / 2, (lo_v + hi_v) / 2
            # The rectangle's centre back in the photo's frame.
            x = cx + mu * np.cos(a) + mv * np.sin(a)
            y = cy - mu * np.sin(a) + mv * np.cos(a)
            best = (float(angle), float(x), float(y), float(w), float(h))
    assert best is not None
    return best


def _print_at_edge(small: np.ndarray, region: np.ndarray, long_side: float) -> float:
    """Share of the pixels along the inside of ``region``'s edge that are print.

    A sheet has a blank margin; when the bright region ends where there is
    print, the page goes on beyond it (in a shadow, say) and cutting there
    would lose text. The outermost pixels, blended with the table, are skipped.
    """
    band = max(2, round(SHEET_EDGE_BAND * long_side))
    inner = ndimage.binary_erosion(region, iterations=2)
    strip = inner & ~ndimage.binary_erosion(inner, iterations=band)
    if not strip.any():
        return 0.0
    paper = float(np.percentile(small[region], 75))
    return float((small[strip] < paper * (1 - SHEET_EDGE_DARKER)).mean())


def find_sheet(image: Image.Image) -> SheetFound:
    """Find the sheet of paper in a photo of a letter lying on a table, or say why not.

    The sheet is the large bright region, once the print on it is closed over;
    it is taken only when it stands out clearly from the table, covers a
    plausible share of the photo, fills the rectangle fitted around it (a
    shadow across it or clutter touching it would not) and has the proportions
    of a sheet of paper. Anything less certain leaves the photo as it is:
    cropping too much loses text, not cropping costs only a little accuracy.
    """
    grey = image.convert("L")
    factor = max(1, int(np.ceil(max(grey.size) / SHEET_LOOK_PX)))
    small = np.asarray(grey.reduce(factor) if factor > 1 else grey)
    # Close the dark print on the paper so the sheet is one bright region.
    closed = ndimage.grey_closing(small, size=(9, 9))
    threshold, contrast, levels = _otsu(closed)
    if contrast < SHEET_CONTRAST or levels < SHEET_LEVELS:
        return _not_found(f"the page does not stand out from its background ({levels:.0f})")
    region = _largest_region(ndimage.binary_opening(closed > threshold, iterations=2))
    area = float(region.mean())
    if not SHEET_AREA[0] <= area <= SHEET_AREA[1]:
        return _not_found(f"the bright region covers {area:.0%} of the photo", area)
    angle, x, y, w, h = _fit_rectangle(region)
    fill = float(region.sum()) / max(w * h, 1.0)
    if fill < SHEET_FILL:
        return _not_found(f"the bright region is not a clean rectangle ({fill:.0%})", area)
    aspect = min(w, h) / max(w, h, 1.0)
    if not SHEET_ASPECT[0] <= aspect <= SHEET_ASPECT[1]:
        return _not_found(f"the bright region is not shaped like a sheet ({aspect:.2f})", area)
    at_edge = _print_at_edge(small, region, max(w, h))
    if at_edge > SHEET_EDGE_INK:
        return _not_found(f"print runs up to the bright region's edge ({at_edge:.1%})", area)
    margin = SHEET_MARGIN * max(w, h)
    half_w, half_h = w / 2 + margin, h / 2 + margin
    box = (
        round((x - half_w) * factor),
        round((y - half_h) * factor),
        round((x + half_w) * factor),
        round((y + half_h) * factor),
    )
    return SheetFound(box, angle, area, f"a sheet turned {angle:.1f} degrees")


def crop_to_sheet(image: Image.Image, sheet: SheetFound) -> Image.Image:
    """``image`` cut to ``sheet`` (straightened when it lies turned); ``image`` when not found."""
    if sheet.box is None:
        return image
    left, top, right, bottom = sheet.box
    if abs(sheet.angle) >= SHEET_STRAIGHTEN:
        # Turn the photo about the sheet's centre so the sheet stands upright; the corners
        # turned in are filled with the table's colour (the photo's darkest tenth).
        centre = ((left + right) / 2, (top + bottom) / 2)
        sample = np.asarray(image.reduce(8) if min(image.size) >= 80 else image)
        fill = tuple(
            int(v) for v in np.percentile(sample.reshape(-1, len(image.getbands())), 10, axis=0)
        )
        image = image.rotate(
            -sheet.angle,
            Image.Resampling.BICUBIC,
            center=centre,
            fillcolor=fill if len(fill) > 1 else fill[0],
        )
    w, h = image.size
    return image.crop((max(0, left), max(0, top), min(w, right), min(h, bottom)))
