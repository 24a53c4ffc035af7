"""An OCRmyPDF plugin: Tesseract as OCRmyPDF runs it, with mailroom's page judgement around it.

Through OCRmyPDF's public plugin interface (an ``OcrEngine`` that wraps the
built-in Tesseract engine), in the OCR child process and its page threads:

- **orientation** — Tesseract's orientation detection, and where it is unsure,
  a reading of a downscaled page in each of the four turns (the best one wins);
- **what Tesseract sees** — coloured ink (stamps, signatures) and scanner
  streaks are taken out of the image Tesseract reads; the page in the archive
  keeps them (see :mod:`mailroom.core.imaging`);
- **a second look at a page that reads poorly** — few characters for the ink
  on the page, or low confidence: the other turns are read small (a page
  still upside down is reported, and the engine runs the document again with
  the turn forced), else the page is read again cleaned and the better
  reading kept;
- **a report** — one JSON line per decision and per page read, appended to
  the file named by ``MAILROOM_OCR_REPORT`` in the child's environment.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytesseract
from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine
from ocrmypdf.pluginspec import OrientationConfidence
from PIL import Image

from mailroom.core import imaging

log = logging.getLogger(__name__)

#: Environment variable (in the OCR child only) naming the report file.
REPORT_ENV = "MAILROOM_OCR_REPORT"
#: Environment variable holding ``{"page": degrees}``: turns decided already, not asked again.
TURNS_ENV = "MAILROOM_OCR_TURNS"
#: Environment variable: "1" to read a poor page again cleaned.
CLEAN_ENV = "MAILROOM_OCR_CLEAN"
#: What OCRmyPDF writes as the text of a page whose OCR was given up.
SKIPPED = "[skipped page]"
#: Below this mean word confidence a page gets a second look.
RETRY_CONFIDENCE = 0.85
#: Fewer characters than this per ink cell (about 4 mm square) is text lost, not read.
LEAST_CHARS_PER_INK = 0.4
#: Pages with less ink than this many cells are notes, not letters: few characters is right.
LEAST_INK = 40
#: Resolution the four turns are compared at: quick to read, still legible.
TURN_DPI = 150
#: Lines running down a page this much more clearly than across: the page lies on its side.
SIDEWAYS_CLARITY = 1.3
#: Lines running one way this much more clearly than the other: two turns are left to read.
CLEAR_LINES = 1.5
#: Another turn must read this much better than the current one to win.
TURN_MARGIN = 1.5
#: Below this reading score (characters read with confidence, at TURN_DPI) the best of
#: two turns is a short note read badly, not a page read: all four turns are read.
LITTLE_READ = 100

_WORD = re.compile(rb"<span class=.ocrx_word.[^>]*?x_wconf (\d+)[^>]*>(.*?)</span>", re.S)
_TAG = re.compile(rb"<[^>]+>")
_PAGE = re.compile(r"^(\d+)")


@dataclass(frozen=True)
class Reading:
    """What Tesseract made of a page, from its hOCR."""

    words: int
    chars: int
    confidence: float | None  # mean word confidence, 0..1
    expected_right: float  # characters weighted by their word's confidence

    @classmethod
    def of(cls, hocr: bytes) -> Reading:
        """Count the words of a hOCR page and weigh them by Tesseract's confidence."""
        words = [(int(c), _TAG.sub(b"", text).strip()) for c, text in _WORD.findall(hocr)]
        words = [(c, w) for c, w in words if w]
        chars = sum(len(w) for _, w in words)
        return cls(
            words=len(words),
            chars=chars,
            confidence=sum(c for c, _ in words) / len(words) / 100 if words else None,
            expected_right=sum(c * len(w) for c, w in words) / 100,
        )

    def little_text(self, ink: imaging.Ink) -> bool:
        """Far fewer characters than the ink on the page promises (text lost or still turned)."""
        return ink.cells >= LEAST_INK and self.chars < LEAST_CHARS_PER_INK * ink.cells

    def poor(self, ink: imaging.Ink) -> bool:
        """Worth a second look: low confidence, or little text for the ink."""
        low = self.confidence is not None and self.confidence < RETRY_CONFIDENCE
        return low or self.little_text(ink)


def page_number(path: Path) -> int | None:
    """OCRmyPDF names a page's files ``000012_...``: the 1-based page number."""
    match = _PAGE.match(Path(path).name)
    return int(match.group(1)) if match else None


def report(kind: str, **fields: Any) -> None:
    """Append one line to the report file of this OCR run."""
    path = os.environ.get(REPORT_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"kind": kind, **fields}) + "\n")


#: Pages whose turn was found by reading them, per run (report file): not read again for it.
_turned_by_reading: set[tuple[str, int | None]] = set()


def forget_turns() -> None:
    """Start a new document: what earlier runs found out by reading is no longer needed."""
    _turned_by_reading.clear()


def _turn_known(page: int | None) -> bool:
    return page in forced_turns() or (os.environ.get(REPORT_ENV, ""), page) in _turned_by_reading


def forced_turns() -> dict[int, int]:
    """Turns decided by an earlier run of this document (page -> degrees)."""
    raw = os.environ.get(TURNS_ENV)
    return {int(k): int(v) for k, v in json.loads(raw).items()} if raw else {}


def reading_score(image: Image.Image, dpi: float, languages: list[str]) -> float:
    """How much of ``image`` Tesseract reads with confidence: characters weighted by it.

    Read as one block of lines (``--psm 6``): page layout analysis would find
    the lines of a page on its side and read them turned, as well as upright.
    """
    config = f"--psm 6 --dpi {round(dpi)}"
    data = pytesseract.image_to_data(
        image, lang="+".join(languages), config=config, output_type=pytesseract.Output.DICT
    )
    return sum(
        len(text) * float(conf) / 100
        for text, conf in zip(data["text"], data["conf"], strict=True)
        if float(conf) > 0 and sum(ch.isalnum() for ch in text) >= 2
    )


def best_turn(image: Image.Image, dpi: float, languages: list[str]) -> tuple[int, float]:
    """Degrees (counter-clockwise) to turn ``image`` so it reads best, and how sure that is.

    A downscaled, cleaned copy is read in each turn. When the direction of the
    text lines is clear from the ink (across or down the page, on the copy
    cleaned or not), only the two turns that make them run across are read.
    The sureness is how many times better the best turn reads than the next.
    """
    grey = image if image.mode in ("L", "RGB") else image.convert("L")
    factor = max(1, round(dpi / TURN_DPI))
    small = grey.reduce(factor) if factor > 1 else grey
    small_dpi = dpi / factor
    clean = imaging.cleaned(imaging.for_ocr(small, small_dpi), small_dpi)
    across, clarity = max(
        (imaging.line_direction(small, small_dpi), imaging.line_direction(clean, small_dpi)),
        key=lambda found: found[1],
    )
    turns: tuple[int, ...] = (0, 90, 180, 270)
    if clarity >= CLEAR_LINES:
        turns = (0, 180) if across else (90, 270)
    scores = {t: reading_score(clean.rotate(t, expand=True), small_dpi, languages) for t in turns}
    best, second = sorted(scores, key=scores.__getitem__, reverse=True)[:2]
    unsure = (scores[best] + 1) / (scores[second] + 1) < TURN_MARGIN
    if len(scores) < 4 and (unsure or scores[best] < LITTLE_READ):
        # Neither of the two turns the ink pointed at reads well: a short note's few
        # lines (and a scanner's streak) can mislead the ink's direction; the other two
        # are read as well.
        for t in (0, 90, 180, 270):
            if t not in scores:
                scores[t] = reading_score(clean.rotate(t, expand=True), small_dpi, languages)
        best, second = sorted(scores, key=scores.__getitem__, reverse=True)[:2]
    log.info("page reads %s in its turns", {t: round(v) for t, v in scores.items()})
    return best, (scores[best] + 1) / (scores[second] + 1)


def _dpi(image: Image.Image) -> float:
    return float(image.info.get("dpi", (300, 300))[0]) or 300.0


class MailroomTesseract(TesseractOcrEngine):
    """Tesseract as OCRmyPDF runs it, with mailroom's orientation, image and page checks."""

    @staticmethod
    def get_orientation(input_file, options):
        """Tesseract's orientation detection; where it is unsure, the best of four readings."""
        page = page_number(input_file)
        forced = forced_turns()
        if page in forced:
            report("orientation", page=page, angle=forced[page], method="forced")
            return OrientationConfidence(forced[page], 99.0)
        found = TesseractOcrEngine.get_orientation(input_file, options)
        if found.confidence >= options.rotate_pages_threshold:
            report("orientation", page=page, angle=found.angle, method="osd")
            return found
        with Image.open(input_file) as preview:
            turn, sureness = best_turn(preview, _dpi(preview), options.languages)
        angle = turn if sureness >= TURN_MARGIN else 0
        _turned_by_reading.add((os.environ.get(REPORT_ENV, ""), page))
        report("orientation", page=page, angle=angle, method="reading")
        return OrientationConfidence(angle, 99.0 if angle else 0.0)

    @staticmethod
    def get_deskew(input_file, options) -> float:
        """Tesseract straightens lines itself while reading; the page is not resampled."""
        return 0.0

    @staticmethod
    def generate_hocr(input_file, output_hocr, output_text, options):
        """Read the page as Tesseract sees it best; look again when it reads poorly."""
        page = page_number(input_file)
        started = time.monotonic()
        with Image.open(input_file) as image:
            dpi = _dpi(image)
            ink = imaging.measure_ink(image, dpi)
            seen = imaging.for_ocr(image, dpi)
            source = input_file
            if seen is not image:
                source = Path(output_hocr).with_name(f"{Path(input_file).stem}_seen.png")
                seen.save(source, dpi=(round(dpi), round(dpi)))
            TesseractOcrEngine.generate_hocr(source, output_hocr, output_text, options)
            reading = Reading.of(_read(output_hocr))
            turn, cleaned = 0, False
            if reading.poor(ink) or _sideways(seen, dpi):
                if not _turn_known(page):
                    found, sureness = best_turn(seen, dpi, options.languages)
                    turn = found if sureness >= TURN_MARGIN else 0
                if not turn and os.environ.get(CLEAN_ENV) == "1":
                    second = _read_cleaned(seen, dpi, Path(output_hocr), options)
                    if second[0].expected_right > reading.expected_right:
                        reading, cleaned = second[0], True
                        second[1].replace(output_hocr)
                        second[2].replace(output_text)
        text = Path(output_text).read_text(encoding="utf-8", errors="replace")
        timed_out = (
            not _read(output_hocr)
            and text.strip() == SKIPPED
            and time.monotonic() - started >= 0.9 * (options.tesseract.timeout or 0)
        )
        report(
            "page",
            page=page,
            ink=ink.cells,
            turn=turn,
            cleaned=cleaned,
            skipped=timed_out,
            little_text=reading.little_text(ink),
            **asdict(reading),
        )


def _sideways(image: Image.Image, dpi: float) -> bool:
    """Whether the text lines clearly run down the page: Tesseract reads them, turned wrong."""
    across, clarity = imaging.line_direction(image, dpi)
    return not across and clarity >= SIDEWAYS_CLARITY


def _read(path: Path) -> bytes:
    return Path(path).read_bytes() if Path(path).exists() else b""


def _read_cleaned(
    seen: Image.Image, dpi: float, output_hocr: Path, options: Any
) -> tuple[Reading, Path, Path]:
    """Read the page again, cleaned, into side files next to ``output_hocr``."""
    stem = output_hocr.with_suffix("")
    source = stem.with_name(stem.name + "_cleaned.png")
    imaging.cleaned(seen, dpi).save(source, dpi=(round(dpi), round(dpi)))
    hocr, text = stem.with_name(stem.name + "_c.hocr"), stem.with_name(stem.name + "_c.txt")
    TesseractOcrEngine.generate_hocr(source, hocr, text, options)
    return Reading.of(_read(hocr)), hocr, text


@hookimpl
def get_ocr_engine(options):
    """Use mailroom's Tesseract engine instead of the built-in one (unless OCR is off)."""
    if options is not None and getattr(options, "ocr_engine", "auto") == "none":
        return None
    return MailroomTesseract()
