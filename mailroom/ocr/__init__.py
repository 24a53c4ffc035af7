"""OCR: OCRmyPDF and Tesseract, text extraction, archive copies."""

from mailroom.ocr.engine import OcrEngine, OcrmypdfEngine, OcrOptions
from mailroom.ocr.stage import OcrInput, OcrResult, run_ocr

__all__ = ["OcrEngine", "OcrInput", "OcrOptions", "OcrResult", "OcrmypdfEngine", "run_ocr"]
