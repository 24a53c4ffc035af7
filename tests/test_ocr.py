"""The OCR stage on real Tesseract through OCRmyPDF: text kept, pages turned, PDF/A output."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

from mailroom import api
from mailroom.cli import cli
from mailroom.context import Mailroom
from mailroom.db.models import Document
from mailroom.errors import MissingDependency
from mailroom.ocr.engine import PDFA, ArchiveResult, OcrmypdfEngine, OcrOptions, PageReport
from mailroom.ocr.stage import OcrInput, run_ocr
from mailroom.testing.env import mailroom_env
from mailroom.testing.pdfs import text_pdf
from mailroom.testing.scans import Degradation, render_page, save_pdf

pytestmark = pytest.mark.slow

BORN_DIGITAL = (
    "Geachte heer Jansen,\nHierbij ontvangt u de beschikking over uw aanvraag (kenmerk 42)."
)
SCANNED = (
    "Gemeente Zwolle\n\nBetreft: gat in de weg\n\nGeachte heer, mevrouw,\n\n"
    "In de Assendorperstraat zit een diep gat in het wegdek. Fietsers rijden er 's avonds in.\n"
    "Wilt u het gat laten dichten?\n\nMet vriendelijke groet,\nP. Mulder"
)


@pytest.fixture(scope="module")
def engine() -> OcrmypdfEngine:
    engine = OcrmypdfEngine(OcrOptions(jobs=2))
    yield engine
    engine.close()


def ocr(engine: OcrmypdfEngine, pdf: Path, tmp_path: Path):
    archive = tmp_path / "archive"
    archive.mkdir(exist_ok=True)
    return run_ocr(OcrInput(1, pdf, "application/pdf"), engine, archive)


def mixed_pdf(path: Path) -> Path:
    writer = PdfWriter()
    scan = io.BytesIO()
    render_page(SCANNED, 300).save(scan, "PDF", resolution=300)
    for source in (io.BytesIO(text_pdf([BORN_DIGITAL])), scan):
        for page in PdfReader(source).pages:
            writer.add_page(page)
    writer.write(path)
    return path


def test_born_digital_pdf_keeps_its_text_exactly(engine: OcrmypdfEngine, tmp_path: Path) -> None:
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(text_pdf([BORN_DIGITAL]))
    result = ocr(engine, pdf, tmp_path)
    assert result.pages == (BORN_DIGITAL,)
    assert result.page_texts[0].confidence is None  # not OCR'd


def test_mixed_pdf_keeps_the_text_page_and_reads_the_scanned_one(
    engine: OcrmypdfEngine, tmp_path: Path
) -> None:
    result = ocr(engine, mixed_pdf(tmp_path / "mixed.pdf"), tmp_path)
    first, second = result.page_texts
    assert first.text == BORN_DIGITAL and first.confidence is None
    assert "Assendorperstraat" in second.text and "dichten" in second.text
    assert second.confidence is not None and second.confidence > 0.8


@pytest.mark.parametrize("quarter_turns", [1, 2])
def test_sideways_and_upside_down_pages_are_turned_right(
    engine: OcrmypdfEngine, tmp_path: Path, quarter_turns: int
) -> None:
    pdf = save_pdf(
        [render_page(SCANNED, 300, Degradation(rotate=quarter_turns, skew=1.5))],
        tmp_path / "turned.pdf",
    )
    result = ocr(engine, pdf, tmp_path)
    assert "Assendorperstraat" in result.text
    assert result.archive_format == PDFA
    with pikepdf.open(result.archive) as archive:
        assert archive.open_metadata().pdfa_status == "2B"


def test_a_page_over_the_time_limit_quarantines_the_document(mr: Mailroom, tmp_path: Path) -> None:
    mr.ocr_engine = OcrmypdfEngine(OcrOptions(jobs=1, page_timeout=0.001))
    try:
        pdf = save_pdf([render_page(SCANNED, 300)], tmp_path / "slow.pdf")
        [result] = api.ingest(mr, [pdf])
    finally:
        mr.ocr_engine.close()
    assert result.state == "quarantined"
    assert "took longer than the OCR time limit" in (result.error or "")


class PoorEngine:
    """An OcrEngine that reads nothing well: copies the PDF and reports low confidence."""

    def make_archive_pdf(self, src: Path, dst: Path) -> ArchiveResult:
        shutil.copyfile(src, dst)
        return ArchiveResult("pdf", (PageReport(page=1, words=3, confidence=0.31, skipped=False),))


def test_a_poor_scan_goes_to_review_with_that_reason(mr: Mailroom, tmp_path: Path) -> None:
    mr.ocr_engine = PoorEngine()
    pdf = tmp_path / "vaag.pdf"
    pdf.write_bytes(text_pdf(["De lantaarnpaal in de Dorpsstraat is kapot, wilt u die maken?"]))
    [result] = api.ingest(mr, [pdf])
    assert result.state == "needs_review" and result.queue == "review"
    assert "poor scan: page 1 (0.31)" in result.reasons
    with mr.sessions() as session:
        doc = session.get_one(Document, result.id)
        assert doc.ocr_confidence == pytest.approx(0.31)
        assert [(p.number, p.confidence) for p in doc.pages] == [(1, pytest.approx(0.31))]


def test_a_missing_language_names_the_debian_package(mr: Mailroom, tmp_path: Path) -> None:
    engine = OcrmypdfEngine(OcrOptions(languages=("nld", "xyz")))
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(text_pdf(["x"]))
    with pytest.raises(MissingDependency, match="install the Debian package tesseract-ocr-xyz"):
        engine.make_archive_pdf(pdf, tmp_path / "out.pdf")

    env = mailroom_env(mr, ocr_languages="nld+xyz")
    result = CliRunner().invoke(cli, ["ingest", str(pdf)], env=env)
    assert result.exit_code == 6
    assert "tesseract-ocr-xyz" in result.stderr and "Traceback" not in result.stderr
