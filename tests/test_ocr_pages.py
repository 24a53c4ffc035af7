"""What mailroom does to page images around Tesseract: ink, line direction, what OCR sees.

Pure image work on small synthetic pages (no Tesseract): each test takes
milliseconds to a second.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import img2pdf
import numpy as np
import pikepdf
import pytesseract
from PIL import Image, ImageDraw

from mailroom.core import imaging
from mailroom.ocr.engine import _turns
from mailroom.ocr.prepare import OCR_DPI, prepare
from mailroom.testing.scans import render_page, render_text

DPI = 100
TEXT = "\n".join(
    ["Geachte heer, mevrouw, in de Dorpsstraat staat een lantaarnpaal die al weken kapot is."] * 12
)


def page(text: str = TEXT, dpi: int = DPI) -> Image.Image:
    """A grey A4 page of typed lines at ``dpi``."""
    return render_page(text, dpi)


def speckled_blank(dpi: int = DPI, paper: int = 205, seed: int = 1) -> Image.Image:
    """An empty sheet of grey recycled paper, with grain and a few specks of dust."""
    rng = np.random.default_rng(seed)
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    a = rng.normal(paper, 4, (height, width))
    for _ in range(25):
        y, x = rng.integers(0, height - 2), rng.integers(0, width - 2)
        a[y : y + 2, x : x + 2] = 40
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def test_a_blank_sheet_of_grey_paper_with_specks_has_no_ink() -> None:
    assert imaging.measure_ink(speckled_blank(), DPI).share < 0.003


def test_faint_print_is_ink_though_no_pixel_is_dark() -> None:
    faint = page().point(lambda v: 222 - (255 - v) * 40 // 255)  # 16 % contrast on grey paper
    ink = imaging.measure_ink(faint, DPI)
    assert np.asarray(faint).min() > 150
    assert ink.share > 0.05


def test_line_direction_tells_a_page_on_its_side() -> None:
    upright = page()
    across, clarity = imaging.line_direction(upright, DPI)
    assert across and clarity > 1.3
    for turn in (90, 270):
        across, clarity = imaging.line_direction(upright.rotate(turn, expand=True), DPI)
        assert not across and clarity > 1.3
    assert imaging.line_direction(upright.rotate(180), DPI)[0]


def stamped(colour: tuple[int, int, int]) -> tuple[Image.Image, np.ndarray, np.ndarray]:
    """A typed page with a coloured stamp over it; masks of the stamp alone and of the print."""
    text = page().convert("RGB")
    ink = np.asarray(text.convert("L")) < 128
    stamp = Image.new("L", text.size, 0)
    draw = ImageDraw.Draw(stamp)
    draw.rounded_rectangle((150, 120, 600, 330), radius=20, outline=255, width=8)
    draw.text((200, 180), "ONTVANGEN", fill=255, font_size=70)
    mask = np.asarray(stamp) > 0
    a = np.asarray(text).astype(np.float32)
    a[mask] *= np.array(colour, dtype=np.float32) / 255  # ink on paper multiplies
    return Image.fromarray(a.astype(np.uint8), "RGB"), mask & ~ink, ink & ~mask


def test_stamp_ink_becomes_paper_and_the_print_under_it_stays() -> None:
    for colour in ((200, 30, 40), (30, 60, 170), (150, 40, 140)):
        image, stamp_only, print_only = stamped(colour)
        grey = imaging.without_colour_ink(image)
        assert grey is not None
        a = np.asarray(grey)
        assert np.median(a[stamp_only]) > 230, colour
        assert np.median(a[print_only]) < 60, colour


def test_a_colour_photo_under_warm_light_is_left_as_it_is() -> None:
    warm = np.asarray(page().convert("RGB")).astype(np.float32) * np.array([0.86, 0.83, 0.74])
    image = Image.fromarray(warm.astype(np.uint8), "RGB")
    assert imaging.without_colour_ink(image) is None
    assert imaging.for_ocr(image, DPI) is image


def test_a_scanner_streak_and_a_grey_band_are_taken_out() -> None:
    a = np.asarray(page()).astype(np.float32)
    height = a.shape[0]
    for y in range(height):  # a 2-pixel streak running slightly slanted, as on a skewed sheet
        x = 400 + y // 600
        a[y, x : x + 2] *= 0.45
    a[500:515] *= 0.62  # a roller's grey band over a line
    spoilt = Image.fromarray(a.astype(np.uint8), "L")
    mended = np.asarray(imaging.for_ocr(spoilt, DPI)).astype(np.int16)
    original = np.asarray(page()).astype(np.int16)
    paper = original > 250
    assert np.abs(mended - original)[paper].mean() < 3
    assert mended[200, 400:402].min() > 220  # paper under the streak is paper again
    assert imaging.for_ocr(page(), DPI).tobytes() == page().tobytes()  # nothing to mend


def test_a_slanted_grey_band_is_taken_out_along_its_whole_length() -> None:
    # A short note on a sheet fed askew: the band over its second line runs a little
    # slanted, and its grey ends took the line out of the reading (benchmarks/
    # classify_scans.py).
    note = (
        "Geachte heer/mevrouw,\nIk heb een nieuwe bril nodig, de oude is gebroken, en ik kan "
        "het niet betalen van mijn uitkering. Kan ik hulp krijgen?\nMet vriendelijke groet,\n"
        "A. Sijbrandij, Dokkum"
    )
    [scan] = render_text(note, "streak", 55)
    read = pytesseract.image_to_string(imaging.for_ocr(scan.image, scan.dpi), lang="nld")
    assert "nieuwe bril" in read and "betalen van mijn" in read


def test_cleaning_makes_faint_print_black_on_white() -> None:
    faint = page().point(lambda v: 222 - (255 - v) * 40 // 255)
    clean = np.asarray(imaging.cleaned(faint, DPI))
    ink = np.asarray(page()) < 100
    assert np.median(clean[ink]) < 80 and np.median(clean[~ink]) > 240


def scan_pdf(images: list[Image.Image], path: Path, dpi: int = DPI) -> Path:
    """An image-only PDF, one page per image, each at its ``info["dpi"]`` or ``dpi``."""
    data = []
    for image in images:
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=85, dpi=image.info.get("dpi", (dpi, dpi)))
        data.append(buf.getvalue())
    path.write_bytes(img2pdf.convert(data))
    return path


def test_prepare_leaves_blank_pages_out_of_ocr(tmp_path: Path) -> None:
    blanks = [speckled_blank(seed=k) for k in range(30)]
    blanks[7] = page()
    pdf = scan_pdf(blanks, tmp_path / "nearly-blank.pdf")
    prepared = prepare(pdf, tmp_path / "work.pdf", blank_ink=0.003)
    assert prepared.path == pdf  # nothing made smaller: the original is read
    assert prepared.page_count == 30
    assert prepared.to_read == [8]


def test_prepare_renders_a_page_finer_than_ocr_needs_smaller(tmp_path: Path) -> None:
    fine = page(dpi=800).crop((0, 0, 2000, 2800))  # 2.5 x 3.5 inches at 800 dpi
    fine.info["dpi"] = (800, 800)
    pdf = scan_pdf([fine, page()], tmp_path / "fine.pdf")
    prepared = prepare(pdf, tmp_path / "work.pdf", blank_ink=0.003, max_pixels=36_000_000)
    assert prepared.downscaled == (1,)
    with pikepdf.open(prepared.path) as work, pikepdf.open(pdf) as original:
        assert len(work.pages) == 2
        [image] = work.pages[0].get_images().values()
        assert (int(image.Width), int(image.Height)) == (
            round(2000 * OCR_DPI / 800),
            round(2800 * OCR_DPI / 800),
        )
        for a, b in zip(work.pages[0].mediabox, original.pages[0].mediabox, strict=True):
            assert abs(float(a) - float(b)) < 1  # the same size on paper
    assert pdf.read_bytes()[:4] == b"%PDF"  # the original is untouched


def test_a_page_that_read_turned_is_run_again_with_every_turn_decided() -> None:
    lines = [
        {"kind": "orientation", "page": 1, "angle": 90},
        {"kind": "orientation", "page": 2, "angle": 0},
        {"kind": "page", "page": 1, "turn": 0},
        {"kind": "page", "page": 2, "turn": 180},
    ]
    assert _turns(lines) == {1: 90, 2: 180}
    assert _turns(lines[:3]) == {}  # every page read the right way up: no second run
    assert json.dumps(_turns(lines))  # handed to the next run through the environment


def test_random_pages_of_ink_are_never_blank() -> None:
    rng = random.Random(3)
    for _ in range(5):
        image = speckled_blank(seed=rng.randrange(1000))
        ImageDraw.Draw(image).text((100, 200), "Akkoord, J. de Vries", fill=20, font_size=40)
        assert imaging.measure_ink(image, DPI).share >= 0.003
