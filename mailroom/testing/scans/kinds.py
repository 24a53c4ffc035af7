"""The kinds of scan real post arrives as, each renderable in four orientations from a seed.

``render_scan("fax", seed=3, orientation=180)`` gives the page image as the
scanner or phone delivered it, the same page upright (to check a reader turned
it right), the text printed on it in reading order and its resolution.
``render_text(text, "fax", seed=3)`` prints a given text instead (wrapped, on as
many pages as it takes) and spoils it the way that kind does.
``save_scans`` writes scans to an image-only PDF the way a scanner would: JPEG
for grey and colour pages, CCITT G4 for the fax, each page at its own dpi.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import img2pdf
from PIL import Image

from mailroom.testing.scans import letters, spoil
from mailroom.testing.scans.layout import (
    BODY_FACES,
    Sheet,
    Writer,
    invoice_page,
    letterhead_letter,
    newsletter_page,
    plain_letter,
    text_pages,
)
from mailroom.testing.scans.layout import letterhead as draw_letterhead

ORIENTATIONS = (0, 90, 180, 270)
PAPERS = {
    "yellow": (250, 238, 165),
    "pink": (247, 208, 216),
    "blue": (200, 222, 245),
    "green": (208, 236, 200),
}


@dataclass(frozen=True)
class Scan:
    """One page as it reaches mailroom, with what is known about it."""

    kind: str
    orientation: int  # degrees clockwise the page was turned
    image: Image.Image  # as delivered (turned)
    upright: Image.Image  # the same page the right way up
    text: str  # what is printed on it, in reading order
    dpi: int


class Maker(Protocol):
    """Makes a page of a kind: the image, the text printed on it and its dpi.

    Without ``sheet`` it lays out a page of its own from ``rng`` (a letter, an
    invoice ...); with one (see :func:`render_text`) it only spoils that sheet.
    """

    def __call__(
        self, rng: random.Random, dpi: int, sheet: Sheet | None = None
    ) -> tuple[Image.Image, str, int]: ...


@dataclass(frozen=True)
class Kind:
    """A kind of scan: how it is made and whether a person reads it without effort."""

    name: str
    description: str
    easy: bool
    make: Maker


def _skew(rng: random.Random, most: float = 1.2) -> float:
    return rng.uniform(-most, most)


def _letter(rng: random.Random, dpi: int) -> Sheet:
    return plain_letter(
        letters.letter(rng), dpi, rng.choice(BODY_FACES), rng.choice((10, 10.5, 11, 12))
    )


def _grey(image: Image.Image) -> Image.Image:
    return image.convert("L")


def clean(rng: random.Random, dpi: int, sheet: Sheet | None = None) -> tuple[Image.Image, str, int]:
    sheet = sheet or _letter(rng, dpi)
    return _grey(spoil.scanner(sheet.image, rng, _skew(rng))), sheet.text, dpi


def grey_paper(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    sheet = sheet or _letter(rng, dpi)
    shade = rng.randint(185, 212)
    page = spoil.on_paper(sheet.image, rng, (shade, shade, shade - 6))
    return _grey(spoil.scanner(page, rng, _skew(rng))), sheet.text, dpi


def coloured_paper(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    sheet = sheet or _letter(rng, dpi)
    page = spoil.on_paper(sheet.image, rng, PAPERS[rng.choice(sorted(PAPERS))])
    return spoil.scanner(page, rng, _skew(rng)), sheet.text, dpi


def low_contrast(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    sheet = sheet or _letter(rng, dpi)
    page = spoil.on_paper(sheet.image, rng, (236, 236, 232), contrast=rng.uniform(0.42, 0.5))
    return _grey(spoil.scanner(page, rng, _skew(rng))), sheet.text, dpi


def streak(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    sheet = sheet or _letter(rng, dpi)
    page = spoil.streaks(sheet.image, rng, sheet.boxes)
    return _grey(spoil.scanner(page, rng, _skew(rng))), sheet.text, dpi


def invoice(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    sheet = sheet or invoice_page(letters.invoice(rng), dpi, rng, rng.choice(("sans", "dejavu")))
    return spoil.scanner(sheet.image, rng, _skew(rng, 0.8)), sheet.text, dpi


def letterhead(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    if sheet is None:
        org = letters.organisation(rng)
        sheet = letterhead_letter(
            letters.organisation_letter(rng, org), org, dpi, rng, rng.choice(BODY_FACES)
        )
    return spoil.scanner(sheet.image, rng, _skew(rng)), sheet.text, dpi


def stamp_signature(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    sheet = sheet or _letter(rng, dpi)
    page = spoil.stamp(sheet.image, rng, sheet.boxes, dpi=dpi)
    if sheet.signature_at:
        page = spoil.signature(page, rng, sheet.signature_at, dpi)
    return spoil.scanner(page, rng, _skew(rng)), sheet.text, dpi


def two_columns(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    sheet = sheet or newsletter_page(
        letters.newsletter(rng), dpi, rng.choice(("serif", "dejavu-serif"))
    )
    return _grey(spoil.scanner(sheet.image, rng, _skew(rng))), sheet.text, dpi


def fax(rng: random.Random, dpi: int, sheet: Sheet | None = None) -> tuple[Image.Image, str, int]:
    sheet = sheet or plain_letter(
        letters.letter(rng), dpi, rng.choice(("mono", "sans", "serif")), 11
    )
    page = spoil.scanner(sheet.image, rng, _skew(rng, 1.5), blur=0.8)
    fax_dpi = round(dpi * 2 / 3)  # 200 dpi from a 300-dpi page
    return spoil.fax(page, rng, dpi, fax_dpi), sheet.text, fax_dpi


def phone_photo(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    sheet = sheet or _letter(rng, dpi)
    photo = spoil.phone_photo(sheet.image, rng, scale=dpi / 300)
    return photo, sheet.text, round(photo.width / 9.5)  # the frame is about 9.5 in wide


def phone_photo_poor(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    sheet = sheet or _letter(rng, dpi)
    photo = spoil.phone_photo(sheet.image, rng, hard=True, scale=dpi / 300)
    return photo, sheet.text, round(photo.width / 9.8)


def faded_copy(
    rng: random.Random, dpi: int, sheet: Sheet | None = None
) -> tuple[Image.Image, str, int]:
    sheet = sheet or _letter(rng, dpi)
    page = spoil.on_paper(sheet.image, rng, (222, 222, 218), contrast=rng.uniform(0.16, 0.2))
    page = spoil.scanner(page, rng, _skew(rng, 2.5), blur=2.2)
    return _grey(page), sheet.text, dpi


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("clean", "white paper, black toner, slight skew (the baseline)", True, clean),
        Kind("grey_paper", "grey recycled paper, scanned in grey", True, grey_paper),
        Kind(
            "coloured_paper", "yellow, pink, blue or green paper, colour scan", True, coloured_paper
        ),
        Kind("low_contrast", "faded toner: mid-grey text on off-white", True, low_contrast),
        Kind(
            "streak",
            "dirty scanner glass: a streak down the page, a band over a line",
            True,
            streak,
        ),
        Kind("invoice", "an invoice with a ruled table and a letterhead", True, invoice),
        Kind("letterhead", "a letterhead with a drawn logo and small print", True, letterhead),
        Kind(
            "stamp_signature",
            "a coloured received-stamp and a signature over text",
            True,
            stamp_signature,
        ),
        Kind("two_columns", "a newsletter set in two columns", True, two_columns),
        Kind("fax", "200-dpi black-and-white fax: ragged, specks, dropped lines", True, fax),
        Kind(
            "phone_photo", "12 MP phone photo: slight perspective, shadow, JPEG", True, phone_photo
        ),
        Kind(
            "phone_photo_poor",
            "steep messenger-app photo: deep shadow, blur, JPEG 35",
            False,
            phone_photo_poor,
        ),
        Kind(
            "faded_copy", "a copy of a copy: faint, blurred, skewed 2.5 degrees", False, faded_copy
        ),
    )
}


def render_scan(kind: str, seed: int, orientation: int = 0, dpi: int = 300) -> Scan:
    """Render one page of ``kind`` (see :data:`KINDS`), turned ``orientation`` degrees clockwise.

    The same kind and seed give the same page in every orientation.
    """
    if orientation not in ORIENTATIONS:
        raise ValueError(f"orientation must be one of {ORIENTATIONS}, not {orientation}")
    rng = random.Random(f"{kind}:{seed}")
    upright, text, page_dpi = KINDS[kind].make(rng, dpi)
    return Scan(kind, orientation, spoil.turn(upright, orientation), upright, text, page_dpi)


def _text_sheets(kind: str, text: str, rng: random.Random, dpi: int) -> list[Sheet]:
    """``text`` laid out the way ``kind`` lays out its own pages."""
    if kind == "fax":
        return text_pages(text, dpi, rng.choice(("mono", "sans", "serif")), 11)
    if kind == "two_columns":
        return text_pages(text, dpi, rng.choice(("serif", "dejavu-serif")), 10.5, columns=2)
    if kind == "letterhead":
        org = letters.organisation(rng)
        return text_pages(
            text, dpi, rng.choice(BODY_FACES), 11, head=lambda s: draw_letterhead(s, org, rng).y
        )
    return text_pages(text, dpi, rng.choice(BODY_FACES), rng.choice((10, 10.5, 11, 12)))


#: The kinds :func:`render_text` can print a given text as (an invoice is its own text).
TEXT_KINDS = tuple(k for k in KINDS if k != "invoice")


def render_text(
    text: str, kind: str, seed: int, orientation: int = 0, dpi: int = 300
) -> list[Scan]:
    """Print ``text`` on as many pages as it takes and spoil them as ``kind`` (one of
    :data:`TEXT_KINDS`) does, every page turned ``orientation`` degrees clockwise.

    The text keeps its line breaks and is wrapped to the page; a letterhead
    kind prints an organisation's letterhead above it, ``two_columns`` sets it in
    two columns. Each scan's ``text`` is what is printed on that page. The same
    text, kind and seed give the same pages.
    """
    if kind not in TEXT_KINDS:
        raise ValueError(f"kind must be one of {TEXT_KINDS}, not {kind!r}")
    if orientation not in ORIENTATIONS:
        raise ValueError(f"orientation must be one of {ORIENTATIONS}, not {orientation}")
    rng = random.Random(f"text:{kind}:{seed}")
    scans = []
    for sheet in _text_sheets(kind, text, rng, dpi):
        upright, printed, page_dpi = KINDS[kind].make(rng, dpi, sheet)
        scans.append(
            Scan(kind, orientation, spoil.turn(upright, orientation), upright, printed, page_dpi)
        )
    return scans


def _page_bytes(image: Image.Image, dpi: int) -> bytes:
    buf = io.BytesIO()
    if image.mode == "1":
        image.save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
    else:
        image.save(buf, "JPEG", quality=85, dpi=(dpi, dpi))
    return buf.getvalue()


def save_scans(scans: Sequence[Scan], path: Path) -> Path:
    """Write scans as the pages of one image-only PDF, each at its own resolution."""
    pages = [_page_bytes(s.image, s.dpi) for s in scans]
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # our own pages, huge ones on purpose: no bomb to fear
    try:
        path.write_bytes(img2pdf.convert(pages))
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    return path


def large_page(seed: int, size: tuple[int, int] = (12000, 17000), dpi: int = 600) -> Scan:
    """A very large scanned sheet (a drawing or poster size), covered in letter text."""
    rng = random.Random(f"large:{seed}")
    sheet = Sheet(dpi, Image.new("RGB", size, "white"))
    margin = sheet.mm(20)
    columns = max(1, (size[0] - margin) // (sheet.mm(170) + margin))
    col_w = (size[0] - margin * (columns + 1)) // columns
    for c in range(columns):
        w = Writer(sheet, margin + c * (col_w + margin), margin, col_w, "serif", 11)
        while w.y < size[1] - sheet.mm(120):
            letter = letters.letter(rng)
            for part in (letter.subject, *letter.paragraphs):
                w.paragraph(part)
    image = sheet.image.convert("L")
    return Scan("large", 0, image, image, sheet.text, dpi)
