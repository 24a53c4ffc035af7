"""An OCRmyPDF plugin that reports, per page, Tesseract's word confidence and timeouts.

OCRmyPDF keeps Tesseract's hOCR to itself and turns a page that timed out into
an empty page with only a warning. This plugin wraps the built-in Tesseract
engine through OCRmyPDF's public plugin interface: after each page it reads the
hOCR's word confidences (``x_wconf``) and appends one JSON line to the report
file named by ``MAILROOM_OCR_REPORT`` in the OCR child's environment.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine

from mailroom.ocr.engine import REPORT_ENV

_WCONF = re.compile(rb"x_wconf (\d+)")
_PAGE = re.compile(r"^(\d+)")
#: What OCRmyPDF writes as the text of a page whose OCR was given up.
SKIPPED = "[skipped page]"


def page_report(input_file: Path, output_hocr: Path, output_text: Path) -> dict[str, object]:
    """Confidence (0-1, mean over words), word count and timeout flag of one OCR'd page."""
    match = _PAGE.match(Path(input_file).name)
    hocr = output_hocr.read_bytes() if output_hocr.exists() else b""
    confidences = [int(c) for c in _WCONF.findall(hocr)]
    text = output_text.read_text(encoding="utf-8", errors="replace") if output_text.exists() else ""
    return {
        "page": int(match.group(1)) if match else None,
        "words": len(confidences),
        "confidence": sum(confidences) / len(confidences) / 100 if confidences else None,
        "skipped": not hocr and text.strip() == SKIPPED,
    }


class ReportingTesseract(TesseractOcrEngine):
    """Tesseract as OCRmyPDF runs it, plus a line per page in the report file."""

    @staticmethod
    def generate_hocr(input_file, output_hocr, output_text, options):  # type: ignore[no-untyped-def]
        TesseractOcrEngine.generate_hocr(input_file, output_hocr, output_text, options)
        report = os.environ.get(REPORT_ENV)
        if report:
            line = json.dumps(page_report(input_file, output_hocr, output_text))
            with open(report, "a", encoding="utf-8") as f:
                f.write(line + "\n")


@hookimpl
def get_ocr_engine(options):  # type: ignore[no-untyped-def]
    """Use the reporting engine instead of the built-in one."""
    return ReportingTesseract()
