"""Damage a printed page the way post is damaged before it reaches OCR.

Each function takes a page image (RGB, or L for the fax) and a seeded random
generator and returns a new image: paper colour and faded toner, a scanner's
skew and streaks, a received-stamp and a signature over the text, a fax line's
200-dpi bilevel image, and a phone photo with perspective, shadow and JPEG.
"""

from __future__ import annotations

import io
import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from mailroom.testing.scans.layout import font

RGB = tuple[int, int, int]
Box = tuple[int, int, int, int]


def _array(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.float32)


def _image(array: np.ndarray, mode: str = "RGB") -> Image.Image:
    return Image.fromarray(np.clip(array, 0, 255).astype(np.uint8), mode)


def smooth_noise(size: tuple[int, int], rng: random.Random, cell: int) -> np.ndarray:
    """Noise with blobs about ``cell`` pixels across, values about -1..1 (height x width)."""
    small = (max(2, size[0] // cell), max(2, size[1] // cell))
    gen = np.random.default_rng(rng.getrandbits(32))
    noise = _image((gen.standard_normal((small[1], small[0])) * 40 + 128), "L")
    big = noise.resize(size, Image.Resampling.BICUBIC)
    return (_array(big) - 128) / 40


def on_paper(
    page: Image.Image, rng: random.Random, paper: RGB, contrast: float = 1.0
) -> Image.Image:
    """Print the page on paper of colour ``paper`` with toner at ``contrast`` (1 = full black).

    Ink multiplies with the paper, as toner on tinted paper does; the paper
    gets a faint grain and cloudiness so it is not one flat colour.
    """
    a = _array(page.convert("RGB")) / 255.0
    a = 1.0 - (1.0 - a) * contrast
    gen = np.random.default_rng(rng.getrandbits(32))
    cloud = smooth_noise(page.size, rng, 180)[..., None] * 0.02
    grain = gen.standard_normal((page.height, page.width, 1), dtype=np.float32) * 0.025
    paper_arr = np.asarray(paper, dtype=np.float32) * (1.0 + cloud + grain)
    return _image(a * paper_arr)


def scanner(page: Image.Image, rng: random.Random, skew: float, blur: float = 0.6) -> Image.Image:
    """A flatbed's skew (degrees) and softness; the uncovered corners take the paper's colour."""
    paper = page.getpixel((page.width // 2, 5))
    if skew:
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=paper)
    if blur:
        page = page.filter(ImageFilter.GaussianBlur(blur))
    return page


def streaks(page: Image.Image, rng: random.Random, lines: list[Box]) -> Image.Image:
    """A dirty scanner glass: a dark streak down the page and a grey band across a text line."""
    a = _array(page)
    h, w = a.shape[:2]
    x = rng.randint(w // 4, 3 * w // 4)
    width = max(2, w // 600)
    column = np.linspace(0.35, 0.6, h, dtype=np.float32)[:, None, None]
    a[:, x : x + width] *= column
    _left, top, _right, bottom = rng.choice(lines[len(lines) // 3 : 2 * len(lines) // 3] or lines)
    band = np.ones(h, dtype=np.float32)
    height = bottom - top
    start = top + rng.randint(-height // 4, height // 4)
    band[start : start + height] = rng.uniform(0.55, 0.7)
    # Soft edges, as a roller leaves them.
    band = np.convolve(band, np.ones(9, dtype=np.float32) / 9, mode="same").astype(np.float32)
    a *= band[:, None, None]
    return _image(a)


def stamp(
    page: Image.Image,
    rng: random.Random,
    lines: list[Box],
    text: tuple[str, ...] = ("ONTVANGEN", "12 MRT 2026"),
    dpi: int = 300,
) -> Image.Image:
    """A received-stamp in red or blue ink, turned a little, printed over the letter's text."""
    colour = rng.choice(((200, 30, 40), (30, 60, 170), (150, 40, 140)))
    mm = dpi / 25.4
    w, h = round(62 * mm), round(12 * mm + 9 * mm * len(text))
    mask = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mask)
    edge = round(1.2 * mm)
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=round(3 * mm), outline=255, width=edge)
    draw.rounded_rectangle(
        (2 * edge, 2 * edge, w - 1 - 2 * edge, h - 1 - 2 * edge),
        radius=round(2 * mm),
        outline=255,
        width=max(1, edge // 2),
    )
    y = round(6 * mm)
    for k, line in enumerate(text):
        f = font("sans-bold", round((8 if k == 0 else 6.5) * mm))
        draw.text(((w - f.getlength(line)) / 2, y), line, font=f, fill=255)
        y += round(9 * mm)
    # A stamp never inks evenly: patches of lighter and missing ink.
    ink = np.clip(0.75 + smooth_noise((w, h), rng, round(2 * mm)) * 0.35, 0.15, 1.0)
    alpha = _array(mask) / 255 * ink
    alpha_img = _image(alpha * 255, "L").rotate(
        rng.uniform(8, 20) * rng.choice((-1, 1)), expand=True, resample=Image.Resampling.BICUBIC
    )
    alpha = _array(alpha_img)[..., None] / 255
    target = lines[rng.randint(len(lines) // 4, len(lines) // 2)] if lines else (0, 0, w, h)
    x0 = min(
        page.width - alpha.shape[1], max(0, target[2] - alpha.shape[1] + rng.randint(0, w // 3))
    )
    y0 = min(page.height - alpha.shape[0], max(0, target[1] - alpha.shape[0] // 3))
    a = _array(page)
    region = a[y0 : y0 + alpha.shape[0], x0 : x0 + alpha.shape[1]]
    tint = 1 - alpha * (1 - np.asarray(colour, dtype=np.float32) / 255)
    a[y0 : y0 + alpha.shape[0], x0 : x0 + alpha.shape[1]] = region * tint
    return _image(a)


def signature(
    page: Image.Image, rng: random.Random, at: tuple[int, int], dpi: int = 300
) -> Image.Image:
    """A handwritten scribble in blue ink from ``at`` down over the typed name below it."""
    mm = dpi / 25.4
    x0, y0 = at
    y0 += round(7 * mm)  # low enough to cross the typed name
    points = []
    length = rng.uniform(45, 70) * mm
    loops = rng.randint(5, 9)
    height = rng.uniform(9, 13) * mm
    wobble = [rng.uniform(0, 2 * math.pi) for _ in range(3)]
    for k in range(400):
        t = k / 399
        turn = t * loops * 2 * math.pi
        x = x0 + t * length + math.sin(turn + 0.7 * math.sin(3 * t + wobble[0])) * 3 * mm
        swing = 0.5 + 0.35 * math.sin(turn + 1.3) + 0.15 * math.sin(2.3 * turn + wobble[1])
        y = y0 + height * swing * (0.6 + 0.7 * t) * (1 + 0.25 * math.sin(5 * t + wobble[2]))
        points.append((x, y))
    tail = [(points[-1][0] + 4 * mm * s, points[-1][1] - 6 * mm * s) for s in (0.5, 1)]
    page = page.copy()
    ImageDraw.Draw(page).line(
        points + tail, fill=(25, 40, 120), width=max(2, round(0.5 * mm)), joint="curve"
    )
    return page


def fax(page: Image.Image, rng: random.Random, dpi: int, fax_dpi: int = 200) -> Image.Image:
    """A fax line's copy: 200 dpi, black and white, ragged edges, specks and dropped rows."""
    grey = page.convert("L")
    size = (round(grey.width * fax_dpi / dpi), round(grey.height * fax_dpi / dpi))
    a = _array(grey.resize(size, Image.Resampling.BILINEAR))
    gen = np.random.default_rng(rng.getrandbits(32))
    a += gen.normal(0, 28, a.shape).astype(np.float32)  # the threshold bites unevenly: jagged
    black = a < 135
    black |= gen.random(a.shape) < 0.0008  # line noise
    for row in gen.integers(0, a.shape[0], size=6):
        black[row, :] = False  # a dropped scan line
    return Image.fromarray(~black).convert("1")


def lay_on(
    page: Image.Image, frame: tuple[int, int], corners: list[tuple[float, float]]
) -> tuple[Image.Image, Image.Image]:
    """The page drawn into a ``frame`` with its corners at ``corners`` (top left, top right,
    bottom right, bottom left), as a photo sees it; and the mask of where it lies."""
    src = [(0.0, 0.0), (page.width, 0.0), (page.width, page.height), (0.0, page.height)]
    coefficients = _perspective_coefficients(src, corners)
    warped = page.convert("RGB").transform(
        frame, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC
    )
    inside = Image.new("L", page.size, 255).transform(
        frame, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR
    )
    return warped, inside


def _perspective_coefficients(src: list[tuple[float, float]], dst: list[tuple[float, float]]):
    """Coefficients for Pillow's PERSPECTIVE transform mapping ``dst`` points to ``src``."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    b = np.array([c for p in src for c in p], dtype=np.float64)
    return np.linalg.solve(np.array(rows, dtype=np.float64), b).tolist()


def phone_photo(
    page: Image.Image, rng: random.Random, hard: bool = False, scale: float = 1.0
) -> Image.Image:
    """A phone photo of the page lying on a table: perspective, shadow, vignetting, JPEG.

    The ordinary photo is a 12-megapixel picture taken from above at a slight
    angle; the ``hard`` one is taken at a steep angle in poor light, a little
    blurred, and shrunk and recompressed by a messenger app. ``scale`` shrinks
    the frame (for quick tests).
    """
    fw, fh = (round(d * scale) for d in ((1536, 2048) if hard else (3024, 4032)))
    frame = (fw, fh)
    table = rng.choice(((122, 88, 60), (70, 70, 74), (176, 160, 138)))
    background = np.empty((fh, fw, 3), dtype=np.float32)
    background[:] = table
    background *= 1 + smooth_noise(frame, rng, 60)[..., None] * 0.08
    # The page covers most of the frame; its corners are pulled about as a tilted phone does.
    fill = 0.86 if hard else 0.9
    pw, ph = fw * fill, fw * fill * page.height / page.width
    ph = min(ph, fh * 0.95)
    pw = ph * page.width / page.height
    cx, cy = fw / 2 + rng.uniform(-0.03, 0.03) * fw, fh / 2 + rng.uniform(-0.02, 0.02) * fh
    pull = (0.09 if hard else 0.035) * pw
    squeeze = rng.choice((-1, 1)) * pull  # the far edge looks narrower
    corners = [
        (cx - pw / 2 + squeeze, cy - ph / 2),
        (cx + pw / 2 - squeeze, cy - ph / 2),
        (cx + pw / 2 + squeeze * 0.2, cy + ph / 2),
        (cx - pw / 2 - squeeze * 0.2, cy + ph / 2),
    ]
    corners = [
        (x + rng.uniform(-pull, pull) * 0.4, y + rng.uniform(-pull, pull) * 0.4) for x, y in corners
    ]
    warped, inside = lay_on(page, frame, corners)
    m = _array(inside)[..., None] / 255
    photo = _array(warped) * m + background * (1 - m)
    # Light: a vignette, light falling off across the page, and the photographer's shadow.
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    r = np.hypot((xx - fw / 2) / fw, (yy - fh / 2) / fh)
    light = 1 - (0.55 if hard else 0.3) * r**2
    angle = rng.uniform(0, 2 * math.pi)
    ramp = ((xx / fw - 0.5) * math.cos(angle) + (yy / fh - 0.5) * math.sin(angle)) * 2
    light *= 1 - (0.25 if hard else 0.12) * (ramp + 1) / 2
    edge = rng.uniform(0.25, 0.5)
    blur = 0.12 if hard else 0.06
    shadow_side = (xx / fw) if rng.random() < 0.5 else (yy / fh)
    shadow = 1 / (1 + np.exp((shadow_side - edge) / blur))
    light *= 1 - (0.55 if hard else 0.3) * shadow
    warm = np.asarray((1.0, 0.96, 0.86), dtype=np.float32)
    photo = photo * light[..., None] * warm
    gen = np.random.default_rng(rng.getrandbits(32))
    photo += gen.normal(0, 6 if hard else 3, photo.shape).astype(np.float32)
    image = _image(photo).filter(ImageFilter.GaussianBlur(1.6 if hard else 0.7))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=35 if hard else 72)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def turn(image: Image.Image, degrees: int) -> Image.Image:
    """Turn clockwise by a multiple of 90 degrees, as a page fed the wrong way round."""
    if degrees % 360 == 0:
        return image
    return image.rotate(-degrees, expand=True)
