"""OCR: OCRmyPDF and Tesseract, text extraction, archive copies, signed PDFs and forms."""

from mailroom.ocr.engine import OcrEngine, OcrmypdfEngine, OcrOptions
from mailroom.ocr.pdfs import FormField, Signature
from mailroom.ocr.stage import SIGNED_PDF, OcrInput, OcrResult, run_ocr
from mailroom.ocr.text import TextLayer, text_layer_quality

__all__ = [
    "SIGNED_PDF",
    "FormField",
    "OcrEngine",
    "OcrInput",
    "OcrOptions",
    "OcrResult",
    "OcrmypdfEngine",
    "Signature",
    "TextLayer",
    "run_ocr",
    "text_layer_quality",
]
