"""Batch scans split into letters: separator sheets, blank pages, real scanner output.

The batches are drawn here: letter pages with Pillow, separator sheets with a
barcode written by zxing-cpp, assembled into image-only PDFs and multi-page
TIFFs as a postroom scanner makes them. Everything runs through ``read_input``
(no OCR), so which page ended up in which letter is checked by the page images
themselves: splitting copies them into the new PDFs without re-encoding.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Sequence
from pathlib import Path

import pikepdf
import pytest
import zxingcpp
from PIL import Image, ImageDraw

from mailroom.core.errors import InputRejected
from mailroom.intake.detect import PDF, media_type_of
from mailroom.intake.inspect import to_safe_pdf
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.records import Channel, IntakePart
from mailroom.intake.sources import read_input
from mailroom.testing.scans import Degradation, render_page, save_pdf
from mailroom.testing.shared import SHARED, needs_shared

FIXTURES = SHARED / "fixtures" / "paperless-ngx"
BARCODES = FIXTURES / "barcodes"
needs_fixtures = needs_shared(BARCODES)

DPI = 150  # what a postroom scanner is often set to; also keeps the tests fast
CUSTOM = "POSTKAMER-SCHEIDING"

LETTERS = [
    "Geachte heer, mevrouw,\nHierbij vraag ik een parkeervergunning aan voor de Dorpsstraat.",
    "Vervolg van mijn brief: mijn kenteken is AB-123-C.\nMet vriendelijke groet, P. Jansen",
    "Betreft: bezwaar tegen de aanslag onroerendezaakbelasting 2026.\nDe WOZ-waarde is te hoog.",
    "Beste gemeente,\nDe lantaarnpaal voor Lindenlaan 23 is kapot.\nGroet, H. de Boer",
    "Aanvraag Wmo: ik wil graag huishoudelijke hulp.\nMijn BSN staat op het formulier.",
    "Factuur 2026-0042 voor het onderhoud van het plantsoen.\nBedrag: 1.250,00 euro.",
]


@functools.cache
def letter(n: int) -> Image.Image:
    """A page of a letter; each ``n`` is a different page."""
    return render_page(LETTERS[n % len(LETTERS)] + f"\nBladzijde {n + 1}", dpi=DPI)


def letters(*numbers: int) -> list[Image.Image]:
    return [letter(n) for n in numbers]


@functools.cache
def separator(value: str = "PATCHT", fmt: str = "Code128") -> Image.Image:
    """A separator sheet: a printed barcode with a caption, as the postroom prints them."""
    barcode = zxingcpp.create_barcode(value, getattr(zxingcpp.BarcodeFormat, fmt))
    bitmap = zxingcpp.write_barcode_to_image(barcode, scale=4 if fmt == "Code128" else 8)
    height, width = bitmap.shape[:2]
    code = Image.frombytes("L", (width, height), bytes(memoryview(bitmap)))
    if fmt == "Code128":
        code = code.resize((width, DPI))  # one inch high bars
    page = render_page("\n\n\n\n\n\n\n\n         SCHEIDINGSBLAD - niet scannen als brief", dpi=DPI)
    page.paste(code, ((page.width - code.width) // 2, DPI * 3))
    return page


def blank(noise: float = 0.0) -> Image.Image:
    """An empty sheet; with ``noise`` the speckles (and a dust spot) a scanner adds."""
    page = render_page("", dpi=DPI, degradation=Degradation(noise=noise))
    if noise:
        ImageDraw.Draw(page).ellipse((600, 800, 602, 802), fill=0)
    return page


def pdf_batch(pages: Sequence[Image.Image], path: Path) -> Path:
    return save_pdf(pages, path, dpi=DPI)


def tiff_batch(pages: Sequence[Image.Image], path: Path) -> Path:
    first, *rest = [p.convert("1") for p in pages]  # bilevel, CCITT G4: what scanners write
    first.save(
        path, "TIFF", compression="group4", dpi=(DPI, DPI), save_all=True, append_images=rest
    )
    return path


def read(path: Path, limits: IntakeLimits | None = None) -> list[IntakePart]:
    return read_input(path, path.read_bytes(), limits or IntakeLimits()).parts


def page_prints(pdf: bytes) -> list[str]:
    """One fingerprint per page: the hash of the page's image as stored in the PDF."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        prints = []
        for page in doc.pages:
            images = [image.read_raw_bytes() for image in page.get_images().values()]
            prints.append(hashlib.sha256(b"".join(images)).hexdigest())
        return prints


def unsplit_prints(path: Path) -> list[str]:
    """The page fingerprints of the whole input, as intake makes it a PDF before splitting."""
    data = path.read_bytes()
    return page_prints(to_safe_pdf(data, media_type_of(data[:4096]), IntakeLimits()))


def assert_split(path: Path, parts: list[IntakePart], expected: dict[str, list[int]]) -> None:
    """``parts`` are the letters ``expected`` (label -> 0-based input pages), in order."""
    prints = unsplit_prints(path)
    assert [p.part for p in parts] == list(expected)
    for part, pages in zip(parts, expected.values(), strict=True):
        assert part.media_type == PDF and part.channel == Channel.paper
        assert part.problem is None and part.source_file == path
        assert page_prints(part.data) == [prints[i] for i in pages], part.part


def test_separator_sheets_split_a_pdf_batch_in_order(tmp_path: Path) -> None:
    batch = pdf_batch(
        [letter(0), letter(1), separator(), letter(2), separator(CUSTOM, "QRCode"), *letters(3, 4)],
        tmp_path / "batch.pdf",
    )
    parts = read(batch, IntakeLimits(separator_values=frozenset({"PATCHT", CUSTOM})))
    assert_split(batch, parts, {"pages 1-2": [0, 1], "page 4": [3], "pages 6-7": [5, 6]})


def test_multipage_tiff_batch_is_split(tmp_path: Path) -> None:
    batch = tiff_batch(
        [letter(0), separator("PATCHT", "QRCode"), letter(1), letter(2), separator(CUSTOM)],
        tmp_path / "batch.tif",
    )
    parts = read(batch, IntakeLimits(separator_values=frozenset({"PATCHT", CUSTOM})))
    assert_split(batch, parts, {"page 1": [0], "pages 3-4": [2, 3]})


def test_a_barcode_with_another_value_is_content_not_a_separator(tmp_path: Path) -> None:
    # The custom value only separates when the municipality configured it; a QR code
    # printed on a letter (a payment code, a reference) never does.
    batch = pdf_batch(
        [letter(0), separator(CUSTOM, "QRCode"), separator("NL91ABNA0417164300", "QRCode")],
        tmp_path / "batch.pdf",
    )
    [whole] = read(batch)
    assert whole.part is None
    assert whole.data == batch.read_bytes()  # one letter, taken as it came


def test_double_and_edge_separators_give_no_empty_letters(tmp_path: Path) -> None:
    sep = separator()
    batch = pdf_batch([sep, letter(0), sep, sep, letter(1), sep], tmp_path / "batch.pdf")
    parts = read(batch)
    assert_split(batch, parts, {"page 2": [1], "page 5": [4]})


def test_a_scan_of_only_separators_is_rejected(tmp_path: Path) -> None:
    batch = pdf_batch([separator(), separator("PATCHT", "QRCode")], tmp_path / "batch.pdf")
    with pytest.raises(InputRejected, match="only separator sheets"):
        read(batch)


def test_blank_pages_split_only_when_enabled(tmp_path: Path) -> None:
    short = render_page(
        "Geachte heer,\nHierbij zeg ik mijn abonnement op.\nMet vriendelijke groet, J. de Vries",
        dpi=DPI,
    )
    batch = pdf_batch(
        [letter(0), blank(noise=0.01), letter(1), separator(), blank(), short],
        tmp_path / "batch.pdf",
    )
    # Off (the default): blank pages are kept, only the separator splits.
    assert_split(batch, read(batch), {"pages 1-3": [0, 1, 2], "pages 5-6": [4, 5]})
    # On: the speckled sheet is blank too; the page with three short lines is a letter.
    parts = read(batch, IntakeLimits(split_on_blank_pages=True))
    assert_split(batch, parts, {"page 1": [0], "page 3": [2], "page 6": [5]})


def test_a_scan_of_only_blank_pages_is_rejected_when_splitting_on_them(tmp_path: Path) -> None:
    batch = pdf_batch([blank(noise=0.01), blank()], tmp_path / "batch.pdf")
    with pytest.raises(InputRejected, match="blank pages"):
        read(batch, IntakeLimits(split_on_blank_pages=True))


# --- real scanner output (Paperless-ngx's samples; separator pages from its README) -------

REAL_BATCHES = [
    ("patch-code-t.pdf", "PATCHT", {0}),
    ("patch-code-t-middle.pdf", "PATCHT", {1}),
    ("patch-code-t-middle.tiff", "PATCHT", {1}),
    ("patch-code-t-middle-distorted.pdf", "PATCHT", {1}),
    ("patch-code-t-middle-fuzzy.pdf", "PATCHT", {1}),
    ("patch-code-t-middle-reverse.pdf", "PATCHT", {1}),
    ("patch-code-t-middle-unreadable.pdf", "PATCHT", set()),
    ("several-patcht-codes.pdf", "PATCHT", {2, 5}),
    ("patch-code-t-double.pdf", "PATCHT", {1, 2}),
    ("barcode-fax-image.pdf", "PATCHT", {1}),
    ("patch-code-t-qr.pdf", "PATCHT", {0}),
    ("barcode-39-custom.pdf", "CUSTOM BARCODE", {0}),
    ("barcode-128-custom.pdf", "CUSTOM BARCODE", {0}),
    ("barcode-qr-custom.pdf", "CUSTOM BARCODE", {0}),
]


def expected_letters(page_count: int, separators: set[int]) -> dict[str, list[int]]:
    letters: list[list[int]] = [[]]
    for page in range(page_count):
        if page in separators:
            letters.append([])
        else:
            letters[-1].append(page)
    return {
        (f"page {run[0] + 1}" if len(run) == 1 else f"pages {run[0] + 1}-{run[-1] + 1}"): run
        for run in letters
        if run
    }


@needs_fixtures
@pytest.mark.parametrize(
    ("name", "value", "separators"), REAL_BATCHES, ids=[b[0] for b in REAL_BATCHES]
)
def test_real_scanner_batches(name: str, value: str, separators: set[int]) -> None:
    path = BARCODES / name
    limits = IntakeLimits(separator_values=frozenset({value}))
    prints = unsplit_prints(path)
    expected = expected_letters(len(prints), separators)
    if not expected:
        with pytest.raises(InputRejected, match="only separator sheets"):
            read(path, limits)
        return
    parts = read(path, limits)
    if not separators:
        [whole] = parts
        assert whole.part is None and page_prints(whole.data) == prints
        return
    assert [p.part for p in parts] == list(expected)
    for part, pages in zip(parts, expected.values(), strict=True):
        assert page_prints(part.data) == [prints[i] for i in pages], part.part


@needs_fixtures
def test_custom_value_does_not_split_unless_configured() -> None:
    [whole] = read(BARCODES / "barcode-128-custom.pdf")  # default: PATCHT only
    assert whole.part is None


@needs_fixtures
def test_real_scans_with_text_are_not_blank() -> None:
    parts = read(BARCODES / "patch-code-t-middle.pdf", IntakeLimits(split_on_blank_pages=True))
    assert [p.part for p in parts] == ["page 1", "page 3"]
