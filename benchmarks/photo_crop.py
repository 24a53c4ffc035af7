"""Photo-crop benchmark: does cutting a phone photo of a letter to its sheet help OCR, and is
the cut ever wrong?

Run: .venv/bin/python benchmarks/photo_crop.py [--seeds 8] [--jobs N] [--out DIR]

Letters rendered by ``mailroom.testing.scans`` (the project's letter generator,
150 dpi) are laid on tables photographed from above: wood, a dark desk, a
cluttered desk (other papers and objects around, some touching the sheet), a
light table (little contrast), wood with the photographer's shadow across the
sheet, wood with the sheet turned 3-8 degrees, a dark desk seen at an angle
(perspective), and the generator's own 12-megapixel ``phone_photo`` (the page
fills most of the frame). Each scene with ``--seeds`` letters (default 8: 64
photos), saved as JPEG.

Each photo is read twice by Tesseract (pytesseract, ``nld+eng``, one thread
per process): as it is (**no crop**) and as mailroom's intake makes it
(**crop**: ``mailroom.intake.inspect.photo_page`` — EXIF, then
``find_sheet``/``crop_to_sheet``; a refused crop is the photo as it is).
Per method: the character error rate (CER: Levenshtein distance over the
length of the printed text, NFKC, whitespace collapsed) per scene and over
all; per scene how often the crop was applied and refused; and whether an
applied crop kept the whole sheet (the sheet's true corners are known: a crop
that cuts the sheet counts as **cut**, the one thing that must never happen).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image, ImageFilter

from mailroom.core.imaging import SHEET_STRAIGHTEN, SheetFound
from mailroom.intake.inspect import photo_page
from mailroom.testing.measure import cer
from mailroom.testing.scans import letters
from mailroom.testing.scans.layout import BODY_FACES, plain_letter
from mailroom.testing.scans.spoil import lay_on, phone_photo, smooth_noise

DPI = 150
LANGUAGES = "nld+eng"


@dataclass(frozen=True)
class Photo:
    scene: str
    seed: int
    jpeg: bytes
    text: str
    #: The sheet's four corners in the photo (None: not known, the generator's own photo).
    corners: tuple[tuple[float, float], ...] | None


# --- scenes ---------------------------------------------------------------------------------


def _noise(size: tuple[int, int], rng: random.Random, cell: int) -> np.ndarray:
    w, h = size
    return smooth_noise(size, rng, cell)[:h, :w]


def _wood(size: tuple[int, int], rng: random.Random) -> np.ndarray:
    w, h = size
    gen = np.random.default_rng(rng.getrandbits(32))
    grain = gen.normal(0, 10, (h, (w + 5) // 6)).repeat(6, axis=1)[:, :w]
    grain += _noise(size, rng, 80) * 18
    base = rng.choice(((122, 86, 58), (150, 110, 72), (96, 64, 44)))
    return np.stack([base[0] + grain, base[1] + grain * 0.8, base[2] + grain * 0.6], axis=-1)


def _dark(size: tuple[int, int], rng: random.Random) -> np.ndarray:
    w, h = size
    level = rng.randint(35, 70)
    desk = np.full((h, w, 3), level, dtype=np.float32)
    return desk + _noise(size, rng, 60)[..., None] * 10


def _light(size: tuple[int, int], rng: random.Random) -> np.ndarray:
    w, h = size
    level = rng.randint(196, 222)
    table = np.full((h, w, 3), (level, level, level - 6), dtype=np.float32)
    return table + _noise(size, rng, 60)[..., None] * 6


def _cluttered(size: tuple[int, int], rng: random.Random) -> np.ndarray:
    desk = _dark(size, rng) + 40
    w, h = size
    for _ in range(rng.randint(6, 10)):
        colour = rng.choice(((235, 235, 230), (200, 40, 40), (40, 80, 160), (230, 200, 60)))
        x0, y0 = rng.randrange(w), rng.randrange(h)
        x1, y1 = x0 + rng.randint(w // 10, w // 3), y0 + rng.randint(h // 12, h // 4)
        desk[y0:y1, x0:x1] = colour
    return desk


@dataclass(frozen=True)
class Scene:
    name: str
    background: Callable[[tuple[int, int], random.Random], np.ndarray]
    turn: tuple[float, float] = (-1.0, 1.0)  # degrees, drawn uniformly
    pull: float = 0.0  # perspective: how far the far edge narrows (share of the page width)
    shadow: bool = False
    fill: float = 0.68  # page height over frame height


SCENES = (
    Scene("wood", _wood),
    Scene("dark", _dark),
    Scene("cluttered", _cluttered),
    Scene("light_table", _light),
    Scene("shadow", _wood, shadow=True),
    Scene("turned", _wood, turn=(3.0, 8.0)),
    Scene("perspective", _dark, pull=0.06),
)


def _corners(scene: Scene, page: Image.Image, frame: tuple[int, int], rng: random.Random):
    fw, fh = frame
    ph = fh * scene.fill
    pw = ph * page.width / page.height
    cx, cy = fw / 2 + rng.uniform(-0.05, 0.05) * fw, fh / 2 + rng.uniform(-0.04, 0.04) * fh
    angle = math.radians(rng.uniform(*scene.turn) * rng.choice((-1, 1)))
    squeeze = scene.pull * pw
    local = [
        (-pw / 2 + squeeze, -ph / 2),
        (pw / 2 - squeeze, -ph / 2),
        (pw / 2, ph / 2),
        (-pw / 2, ph / 2),
    ]
    return [
        (
            cx + x * math.cos(angle) - y * math.sin(angle),
            cy + x * math.sin(angle) + y * math.cos(angle),
        )
        for x, y in local
    ]


def _place(scene: Scene, page: Image.Image, rng: random.Random) -> tuple[Image.Image, list]:
    frame = (round(page.width * 1.45), round(page.height * 1.4))
    corners = _corners(scene, page, frame, rng)
    warped, inside = lay_on(page, frame, corners)
    m = np.asarray(inside, dtype=np.float32)[..., None] / 255
    photo = np.asarray(warped, dtype=np.float32) * m + scene.background(frame, rng) * (1 - m)
    fh, fw = photo.shape[:2]
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    light = 1 - 0.25 * (((xx - fw / 2) / fw) ** 2 + ((yy - fh / 2) / fh) ** 2)
    if scene.shadow:
        edge = rng.uniform(0.45, 0.65)
        side = (xx / fw) if rng.random() < 0.5 else (yy / fh)
        light *= 1 - 0.5 / (1 + np.exp(-(side - edge) / 0.03))
    photo = photo * light[..., None] * np.asarray((1.0, 0.97, 0.9), dtype=np.float32)
    gen = np.random.default_rng(rng.getrandbits(32))
    photo += gen.normal(0, 3, photo.shape).astype(np.float32)
    image = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8), "RGB")
    return image.filter(ImageFilter.GaussianBlur(0.6)), corners


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def make_photos(seeds: int) -> list[Photo]:
    photos = []
    for seed in range(seeds):
        for scene in SCENES:
            rng = random.Random(f"{scene.name}:{seed}")
            sheet = plain_letter(letters.letter(rng), DPI, rng.choice(BODY_FACES), 11)
            image, corners = _place(scene, sheet.image, rng)
            photos.append(Photo(scene.name, seed, _jpeg(image), sheet.text, tuple(corners)))
        rng = random.Random(f"phone_photo:{seed}")
        sheet = plain_letter(letters.letter(rng), DPI, rng.choice(BODY_FACES), 11)
        image = phone_photo(sheet.image, rng, scale=DPI / 300 * 1.4)
        photos.append(Photo("phone_photo", seed, _jpeg(image), sheet.text, None))
    return photos


# --- measuring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    scene: str
    seed: int
    cer_no_crop: float
    cer_crop: float
    cropped: bool
    reason: str
    #: An applied crop left part of the sheet out (None: the sheet's corners are not known).
    cut_sheet: bool | None
    kept_area: float  # share of the photo the crop kept (1.0 when refused)
    seconds_find: float


def _read(image: Image.Image) -> str:
    return pytesseract.image_to_string(image, lang=LANGUAGES)


def _cuts_sheet(photo: Photo, sheet: SheetFound | None) -> bool | None:
    """Whether the crop left a corner of the sheet out, in the frame the crop was made in:
    a straightened photo was first turned by ``-angle`` about the box's centre."""
    if photo.corners is None or sheet is None or sheet.box is None:
        return None
    left, top, right, bottom = sheet.box
    corners = list(photo.corners)
    if abs(sheet.angle) >= SHEET_STRAIGHTEN:
        cx, cy = (left + right) / 2, (top + bottom) / 2
        # Pillow turns counter-clockwise as seen; with y growing downwards that is this.
        t = math.radians(-sheet.angle)
        corners = [
            (
                cx + (x - cx) * math.cos(t) + (y - cy) * math.sin(t),
                cy - (x - cx) * math.sin(t) + (y - cy) * math.cos(t),
            )
            for x, y in corners
        ]
    return any(not (left <= x <= right and top <= y <= bottom) for x, y in corners)


def measure(photo: Photo) -> Figure:
    with Image.open(io.BytesIO(photo.jpeg)) as original:
        original.load()
        started = time.perf_counter()
        page = photo_page(photo.jpeg, "image/jpeg", 300)
        seconds = time.perf_counter() - started
        sheet = page.sheet
        cropped = bool(sheet and sheet.found)
        with Image.open(io.BytesIO(page.data)) as made:
            made.load()
            kept = made.width * made.height / (original.width * original.height)
            cer_crop = cer(_read(made), photo.text)
        cer_plain = cer(_read(original), photo.text)
    return Figure(
        photo.scene,
        photo.seed,
        round(cer_plain, 4),
        round(cer_crop, 4),
        cropped,
        sheet.reason if sheet else "",
        _cuts_sheet(photo, sheet) if cropped else None,
        round(kept if cropped else 1.0, 3),
        round(seconds, 3),
    )


def report(figures: list[Figure]) -> None:
    print(f"{len(figures)} photos; CER = character error rate (lower is better)\n")
    head = (
        f"{'scene':<13}{'n':>3}{'CER no crop':>13}{'CER crop':>10}"
        f"{'applied':>9}{'refused':>9}{'cut':>5}"
    )
    print(head)
    print("-" * len(head))
    for scene in [s.name for s in SCENES] + ["phone_photo"]:
        rows = [f for f in figures if f.scene == scene]
        if rows:
            _row(scene, rows)
    print("-" * len(head))
    _row("all", figures)
    applied = [f for f in figures if f.cropped]
    if applied:
        print(
            f"\ncropped photos: CER {statistics.mean(f.cer_no_crop for f in applied):.3f} "
            f"-> {statistics.mean(f.cer_crop for f in applied):.3f}; "
            f"kept {statistics.mean(f.kept_area for f in applied):.0%} of the frame on average"
        )
    worse = [f for f in figures if f.cer_crop > f.cer_no_crop + 0.02]
    print(f"crop read worse by more than 2 points: {len(worse)}")
    print(f"finding the sheet: median {statistics.median(f.seconds_find for f in figures):.2f} s")
    print("\nwhy refused:")
    for f in figures:
        if not f.cropped:
            print(f"  {f.scene}:{f.seed}: {f.reason}")


def _row(name: str, rows: list[Figure]) -> None:
    applied = sum(f.cropped for f in rows)
    cut = sum(bool(f.cut_sheet) for f in rows)
    print(
        f"{name:<13}{len(rows):>3}{statistics.mean(f.cer_no_crop for f in rows):>13.3f}"
        f"{statistics.mean(f.cer_crop for f in rows):>10.3f}{applied:>9}{len(rows) - applied:>9}"
        f"{cut:>5}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per process; processes in parallel
    photos = make_photos(args.seeds)
    with ProcessPoolExecutor(args.jobs) as pool:
        figures = list(pool.map(measure, photos))
    report(figures)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for photo in photos:
            (args.out / f"{photo.scene}-{photo.seed}.jpg").write_bytes(photo.jpeg)
        (args.out / "photo_crop.json").write_text(
            json.dumps([asdict(f) for f in figures], indent=1), encoding="utf-8"
        )


if __name__ == "__main__":
    sys.exit(main())
