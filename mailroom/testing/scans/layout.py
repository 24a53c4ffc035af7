"""Lay out letters, invoices and newsletters on an A4 sheet, keeping the text that was printed.

Every line drawn is also recorded, in the order a person reads the page (a
column to its end before the next; a table row by row), so the recorded text is
the ground truth OCR is measured against. Layouts draw black ink on white;
paper colour, contrast and damage are applied afterwards (see ``spoil``).
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from mailroom.testing.scans.letters import Invoice, Letter, Newsletter, Organisation

A4_INCHES = (8.27, 11.69)
_URW = Path("/usr/share/fonts/opentype/urw-base35")
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
#: Typefaces of real post: a Helvetica and a Times look-alike, DejaVu, a typewriter.
FACES = {
    "sans": (_URW / "NimbusSans-Regular.otf", _DEJAVU / "DejaVuSans.ttf"),
    "sans-bold": (_URW / "NimbusSans-Bold.otf", _DEJAVU / "DejaVuSans-Bold.ttf"),
    "serif": (_URW / "NimbusRoman-Regular.otf", _DEJAVU / "DejaVuSerif.ttf"),
    "serif-bold": (_URW / "NimbusRoman-Bold.otf", _DEJAVU / "DejaVuSerif-Bold.ttf"),
    "dejavu": (_DEJAVU / "DejaVuSans.ttf",),
    "dejavu-serif": (_DEJAVU / "DejaVuSerif.ttf",),
    "mono": (_URW / "NimbusMonoPS-Regular.otf", _DEJAVU / "DejaVuSansMono.ttf"),
}
BODY_FACES = ("sans", "serif", "dejavu", "dejavu-serif")


@cache
def font(face: str, px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font of ``face`` (see :data:`FACES`) at ``px`` pixels; DejaVu or Pillow's when missing."""
    for path in FACES.get(face, ()):
        if path.exists():
            return ImageFont.truetype(str(path), px)
    return ImageFont.load_default(size=px)


@dataclass
class Sheet:
    """A white A4 page being drawn on, with the text printed so far."""

    dpi: int
    image: Image.Image
    lines: list[str] = field(default_factory=list)
    #: (left, top, right, bottom) of each body text line, for damage aimed at text.
    boxes: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: Where the signature goes: above the signer's name.
    signature_at: tuple[int, int] | None = None

    @classmethod
    def a4(cls, dpi: int) -> Sheet:
        """A blank sheet."""
        size = (round(dpi * A4_INCHES[0]), round(dpi * A4_INCHES[1]))
        return cls(dpi, Image.new("RGB", size, "white"))

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        """A drawing context on the image."""
        return ImageDraw.Draw(self.image)

    def px(self, points: float) -> int:
        """Typographic points to pixels."""
        return round(points * self.dpi / 72)

    def mm(self, millimetres: float) -> int:
        """Millimetres to pixels."""
        return round(millimetres * self.dpi / 25.4)

    @property
    def text(self) -> str:
        """What was printed, in reading order."""
        return "\n".join(line for line in self.lines if line.strip())


@dataclass
class Writer:
    """Writes lines down a column of a sheet, wrapping paragraphs at the column's width."""

    sheet: Sheet
    x: int
    y: int
    width: int
    face: str = "sans"
    points: float = 11.0
    leading: float = 1.4

    def _font(self, face: str | None = None, points: float | None = None):
        return font(face or self.face, self.sheet.px(points or self.points))

    def line(
        self,
        text: str,
        face: str | None = None,
        points: float | None = None,
        fill: str | tuple[int, int, int] = "black",
        right: bool = False,
        body: bool = True,
    ) -> None:
        """Print one line (right-aligned to the column with ``right``)."""
        f = self._font(face, points)
        x = self.x + self.width - round(f.getlength(text)) if right else self.x
        if text:
            self.sheet.draw.text((x, self.y), text, font=f, fill=fill)
            self.sheet.lines.append(text)
            if body:
                left, top, right_, bottom = self.sheet.draw.textbbox((x, self.y), text, font=f)
                self.sheet.boxes.append((round(left), round(top), round(right_), round(bottom)))
        self.y += round(self.sheet.px(points or self.points) * self.leading)

    def paragraph(self, text: str, face: str | None = None, points: float | None = None) -> None:
        """Print a paragraph wrapped to the column's width, then a blank line."""
        f = self._font(face, points)
        current = ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            if current and f.getlength(candidate) > self.width:
                self.line(current, face, points)
                current = word
            else:
                current = candidate
        if current:
            self.line(current, face, points)
        self.gap()

    def gap(self, lines: float = 1.0) -> None:
        """Leave ``lines`` empty lines."""
        self.y += round(self.sheet.px(self.points) * self.leading * lines)


def _margins(sheet: Sheet) -> tuple[int, int]:
    left = sheet.mm(25)
    return left, sheet.image.width - 2 * left


def plain_letter(
    letter: Letter, dpi: int, face: str = "sans", points: float = 11.0, top_mm: float = 20
) -> Sheet:
    """A resident's letter: sender, addressee, date, subject, body, signature space, name."""
    sheet = Sheet.a4(dpi)
    left, width = _margins(sheet)
    w = Writer(sheet, left, sheet.mm(top_mm), width, face, points)
    _letter_body(w, letter)
    return sheet


def _letter_body(w: Writer, letter: Letter) -> None:
    for line in letter.sender:
        w.line(line)
    if letter.sender:
        w.gap(2)
    for line in letter.recipient:
        w.line(line)
    w.gap(2)
    w.line(letter.place_date)
    if letter.reference:
        w.line(letter.reference)
    w.gap()
    w.line(letter.subject, face=w.face + "-bold" if w.face in ("sans", "serif") else None)
    w.gap()
    w.line(letter.salutation)
    w.gap(0.5)
    for paragraph in letter.paragraphs:
        w.paragraph(paragraph)
    w.line(letter.closing)
    w.sheet.signature_at = (w.x, w.y)
    w.gap(3)
    w.line(letter.signer)


def draw_logo(sheet: Sheet, x: int, y: int, size: int, rng: random.Random) -> None:
    """A logo of drawn shapes: a coloured disc with a house, a leaf or waves in it."""
    draw = sheet.draw
    colour = rng.choice(((0, 94, 160), (0, 128, 96), (190, 40, 40), (120, 60, 150)))
    light = tuple(min(255, c + 110) for c in colour)
    draw.ellipse((x, y, x + size, y + size), fill=light, outline=colour, width=max(2, size // 25))
    shape = rng.choice(("house", "leaf", "waves"))
    c, r = x + size // 2, size // 2
    if shape == "house":
        draw.polygon(
            [(c - r * 0.55, c - x + y), (c, y + r * 0.3), (c + r * 0.55, c - x + y)], fill=colour
        )
        draw.rectangle((c - r * 0.4, y + r, c + r * 0.4, y + r * 1.55), fill=colour)
    elif shape == "leaf":
        draw.chord((c - r * 0.6, y + r * 0.3, c + r * 0.6, y + r * 1.7), 200, 340, fill=colour)
        draw.chord((c - r * 0.6, y + r * 0.3, c + r * 0.6, y + r * 1.7), 20, 160, fill=colour)
    else:
        for k in range(3):
            points = [
                (x + size * t / 20, y + r * (0.6 + 0.35 * k) + r * 0.12 * math.sin(t))
                for t in range(3, 18)
            ]
            draw.line(points, fill=colour, width=max(3, size // 14))


def letterhead(sheet: Sheet, org: Organisation, rng: random.Random) -> Writer:
    """Draw an organisation's letterhead; returns a writer placed below it."""
    left, width = _margins(sheet)
    top = sheet.mm(14)
    size = sheet.mm(22)
    draw_logo(sheet, left, top, size, rng)
    w = Writer(sheet, left + round(size * 1.2), top + sheet.mm(2), width - round(size * 1.2))
    w.line(org.name, face="sans-bold", points=16, fill=(30, 30, 30), body=False)
    grey = (90, 90, 90)
    for line in (org.address, org.contact, org.registration):
        w.line(line, points=8, fill=grey, body=False)
    rule_y = top + size + sheet.mm(4)
    sheet.draw.line((left, rule_y, left + width, rule_y), fill=(120, 120, 120), width=sheet.mm(0.4))
    return Writer(sheet, left, rule_y + sheet.mm(10), width)


def letterhead_letter(
    letter: Letter, org: Organisation, dpi: int, rng: random.Random, face: str = "sans"
) -> Sheet:
    """A letter from an organisation under its letterhead with a logo."""
    sheet = Sheet.a4(dpi)
    w = letterhead(sheet, org, rng)
    w.face = face
    _letter_body(w, letter)
    return sheet


def invoice_page(inv: Invoice, dpi: int, rng: random.Random, face: str = "sans") -> Sheet:
    """An invoice: letterhead, addressee, facts, a table with rule lines, totals, terms."""
    sheet = Sheet.a4(dpi)
    w = letterhead(sheet, inv.company, rng)
    w.face, w.points = face, 10.5
    for line in inv.customer:
        w.line(line)
    w.gap()
    w.line("FACTUUR", face="sans-bold", points=16)
    w.gap(0.5)
    for label, value in inv.facts:
        _cells(w, (label, value), (0, 0.32), ())
    w.gap()
    stops = (0, 0.52, 0.66, 0.82)  # column starts as a share of the width
    numeric = (1, 2, 3)  # right-aligned columns
    _table(w, inv.header, inv.rows, stops, numeric)
    for label, value in inv.totals:
        _cells(w, ("", "", label, value), stops, (2, 3))
    w.gap()
    w.paragraph(inv.note)
    return sheet


def _cells(w: Writer, cells: tuple[str, ...], stops: tuple[float, ...], right: tuple[int, ...]):
    """One table row: cells at their column stops, recorded as one line of text."""
    f = w._font()
    pad = w.sheet.mm(1.5)
    edges = [*(w.x + round(s * w.width) for s in stops), w.x + w.width]
    for k, cell in enumerate(cells):
        if not cell:
            continue
        x = edges[k + 1] - pad - round(f.getlength(cell)) if k in right else edges[k] + pad
        w.sheet.draw.text((x, w.y), cell, font=f, fill="black")
    w.sheet.lines.append(" ".join(c for c in cells if c))
    w.sheet.boxes.append((w.x, w.y, w.x + w.width, w.y + w.sheet.px(w.points)))
    w.y += round(w.sheet.px(w.points) * w.leading)


def _table(w: Writer, header, rows, stops, numeric) -> None:
    """A table with a rule under the header, around it, between rows and between columns."""
    draw = w.sheet.draw
    row_h = round(w.sheet.px(w.points) * w.leading * 1.25)
    line_w = max(1, w.sheet.mm(0.25))
    top = w.y
    edges = [*(w.x + round(s * w.width) for s in stops), w.x + w.width]
    for k, row in enumerate([header, *rows]):
        y0 = w.y
        w.y += round((row_h - w.sheet.px(w.points)) / 2)
        _cells(w, row, stops, () if k == 0 else numeric)
        w.y = y0 + row_h
        draw.line((w.x, w.y, w.x + w.width, w.y), fill="black", width=line_w * (2 if k == 0 else 1))
    for x in edges:
        draw.line((x, top, x, w.y), fill="black", width=line_w)
    draw.line((w.x, top, w.x + w.width, top), fill="black", width=line_w)
    w.gap(0.5)


def newsletter_page(news: Newsletter, dpi: int, face: str = "serif") -> Sheet:
    """A newsletter: a title across the page, then articles in two columns."""
    sheet = Sheet.a4(dpi)
    left, width = _margins(sheet)
    w = Writer(sheet, left, sheet.mm(18), width, face)
    w.line(news.title, face="sans-bold", points=24, body=False)
    w.line(news.issue, points=9, body=False)
    rule_y = w.y + sheet.mm(1)
    sheet.draw.line((left, rule_y, left + width, rule_y), fill="black", width=sheet.mm(0.6))
    gutter = sheet.mm(9)
    col_w = (width - gutter) // 2
    top = rule_y + sheet.mm(6)
    half = (len(news.articles) + 1) // 2
    for k, articles in enumerate((news.articles[:half], news.articles[half:])):
        col = Writer(sheet, left + k * (col_w + gutter), top, col_w, face, points=10.5, leading=1.3)
        for heading, text in articles:
            col.line(heading, face="sans-bold", points=12)
            col.paragraph(text)
    return sheet


#: Characters no typeface of a letter prints (emoji in a text written on a phone).
_UNPRINTABLE = re.compile("[\U0001f000-\U0010ffff\u2600-\u27bf\ufe0f\u200d]")


def _wrap(f: ImageFont.FreeTypeFont | ImageFont.ImageFont, text: str, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width``; a word too long for a line is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while f.getlength(word) > width:  # a long number or address: cut where it must
            cut = max(1, next(k for k in range(len(word), 0, -1) if f.getlength(word[:k]) <= width))
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}".strip()
        if current and f.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def text_pages(
    text: str,
    dpi: int,
    face: str = "sans",
    points: float = 11.0,
    columns: int = 1,
    head: Callable[[Sheet], int] | None = None,
) -> list[Sheet]:
    """A given text set on as many A4 sheets as it takes, its line breaks kept.

    Each line of ``text`` is wrapped to the column's width, an empty line leaves
    a blank line; the text runs down ``columns`` columns and on to a new sheet
    when the last is full. ``head`` draws something on top of the first sheet (a
    letterhead) and returns the y where the text begins. Emoji are left out: no
    letter's typeface prints them, so they are not in the printed text either.
    """
    text = _UNPRINTABLE.sub("", text)
    sheets = [Sheet.a4(dpi)]
    left, width = _margins(sheets[0])
    gutter = sheets[0].mm(9)
    col_w = (width - gutter * (columns - 1)) // columns
    top = head(sheets[0]) if head else sheets[0].mm(20)
    bottom = sheets[0].image.height - sheets[0].mm(20)
    w = Writer(sheets[0], left, top, col_w, face, points)
    column = 0
    step = round(sheets[0].px(points) * w.leading)
    f = w._font()
    for source in text.splitlines():
        for line in _wrap(f, source, col_w) or [""]:
            if w.y + step > bottom:
                column += 1
                if column == columns:
                    sheets.append(Sheet.a4(dpi))
                    column, top = 0, sheets[0].mm(20)
                w = Writer(sheets[-1], left + column * (col_w + gutter), top, col_w, face, points)
            if line:
                w.line(line)
            else:
                w.gap()
    if w.y + 3 * step < bottom:
        w.sheet.signature_at = (w.x, w.y)  # room for a signature under the text
    return [sheet for sheet in sheets if sheet.lines] or sheets[:1]
