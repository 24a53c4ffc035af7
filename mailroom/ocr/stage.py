"""The OCR stage: an original in, an archive PDF/A and its text out.

Two kinds of PDF are read differently:

- a **digitally signed** PDF is its own archive copy, byte for byte (PDF/A
  conversion or an OCR layer would break the signature); its text is its text
  layer, and only pages without usable text are OCR'd — from a copy, into the
  text alone. Who signed it is part of the result (:attr:`OcrResult.signatures`);
- a **filled-in form**'s field values are added to the text of their page as
  ``label: value`` lines, so the form is classified and matched by its answers.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from mailroom.core.errors import CorruptInput, OcrFailed, UnsupportedInput
from mailroom.core.records import PDF, TEXT
from mailroom.ocr.engine import ArchiveResult, OcrEngine
from mailroom.ocr.pdfs import FormField, Signature, form_fields, is_signed, signatures
from mailroom.ocr.text import TextLayer, pdf_page_texts, text_layer_quality

log = logging.getLogger(__name__)

#: Archive format of a signed PDF: the original itself, kept unchanged for its signature.
SIGNED_PDF = "signed-pdf"


@dataclass(frozen=True)
class OcrInput:
    """What the OCR stage needs to know about a stored original."""

    document_id: int
    original: Path
    media_type: str


@dataclass(frozen=True)
class PageText:
    """One page: its text in reading order, and how sure OCR was (None: not OCR'd)."""

    number: int  # 1-based
    text: str
    confidence: float | None = None
    #: OCR found far fewer characters than the ink on the page promises.
    little_text: bool = False

    def poor(self, threshold: float) -> bool:
        """Whether OCR read this page poorly: unsure of its words, or most text not found."""
        unsure = self.confidence is not None and self.confidence < threshold
        return unsure or self.little_text

    @property
    def how_read(self) -> str:
        """``0.41`` or ``0.95, little text for its ink``: why the page counts as poorly read."""
        sure = f"{self.confidence:.2f}" if self.confidence is not None else "nothing read"
        return f"{sure}, little text for its ink" if self.little_text else sure


@dataclass(frozen=True)
class OcrResult:
    """Text per page and the archive copy (None for text that needs no OCR)."""

    page_texts: tuple[PageText, ...]
    archive: Path | None
    archive_format: str | None = None
    #: The digital signatures of a signed PDF (its archive copy is the original, unchanged).
    signatures: tuple[Signature, ...] = ()

    @property
    def signed(self) -> bool:
        """Whether the document is a digitally signed PDF."""
        return bool(self.signatures) or self.archive_format == SIGNED_PDF

    @property
    def notes(self) -> tuple[str, ...]:
        """What the document's record should say about it: ``signed by J. Jansen``."""
        if self.signed and not self.signatures:
            return ("signed (signer not named)",)
        return tuple(s.describe() for s in self.signatures)

    @property
    def pages(self) -> tuple[str, ...]:
        """The text of each page."""
        return tuple(p.text for p in self.page_texts)

    @property
    def confidence(self) -> float | None:
        """The lowest page confidence: a document reads as well as its worst page."""
        values = [p.confidence for p in self.page_texts if p.confidence is not None]
        return min(values) if values else None

    def poor_pages(self, threshold: float) -> list[PageText]:
        """Pages OCR read poorly: with less confidence than ``threshold``, or text lost."""
        return [p for p in self.page_texts if p.poor(threshold)]

    @property
    def text(self) -> str:
        """All pages, separated by form feeds like a printer would."""
        return "\n\f".join(self.pages)

    @property
    def page_count(self) -> int:
        """Number of pages."""
        return len(self.pages)


def run_ocr(item: OcrInput, engine: OcrEngine, archive_dir: Path) -> OcrResult:
    """OCR one document into ``archive_dir``; plain-text documents are read as they are."""
    if item.media_type == TEXT:
        text = item.original.read_text(encoding="utf-8")
        return OcrResult(page_texts=(PageText(1, text),), archive=None)
    if item.media_type != PDF:
        raise UnsupportedInput(f"{item.media_type} cannot be OCR'd; intake makes scans PDFs")
    dst = archive_dir / f"{item.document_id}.pdf"
    if is_signed(item.original):
        return _read_signed(item.original, engine, dst)
    tmp = dst.with_suffix(".pdf.part")
    made = engine.make_archive_pdf(item.original, tmp)
    _check_not_skipped(made, tmp)
    tmp.replace(dst)  # a crash never leaves a half-written archive copy under the real name
    texts = _page_texts(pdf_page_texts(dst), made)
    return OcrResult(
        page_texts=_with_form_values(texts, _form_fields(item.original)),
        archive=dst,
        archive_format=made.format,
    )


def _check_not_skipped(made: ArchiveResult, tmp: Path) -> None:
    skipped = [r.page for r in made.pages if r.skipped]
    if skipped:
        tmp.unlink(missing_ok=True)
        pages = ", ".join(map(str, skipped))
        raise OcrFailed(
            f"page {pages} took longer than the OCR time limit to read (setting "
            "ocr_page_timeout); the scan may be damaged or far too detailed"
        )


def _page_texts(texts: list[str], made: ArchiveResult) -> tuple[PageText, ...]:
    reports = {r.page: r for r in made.pages}
    return tuple(
        PageText(
            n,
            text,
            reports[n].confidence if n in reports else None,
            reports[n].little_text if n in reports else False,
        )
        for n, text in enumerate(texts, 1)
    )


def _read_signed(original: Path, engine: OcrEngine, dst: Path) -> OcrResult:
    """A signed PDF: kept as its own archive copy; its text layer read, the pages without
    usable text OCR'd from an unsigned copy of them (into the text only)."""
    layer = pdf_page_texts(original)
    to_read = [n for n, text in enumerate(layer, 1) if text_layer_quality(text) != TextLayer.good]
    read = _ocr_pages(original, to_read, engine, dst.parent) if to_read else {}
    texts = tuple(read.get(n, PageText(n, text)) for n, text in enumerate(layer, 1))
    tmp = dst.with_suffix(".pdf.part")
    shutil.copyfile(original, tmp)
    tmp.replace(dst)
    found = signatures(original)
    log.info("a signed PDF (%s): kept unchanged as its archive copy", _signers(found))
    return OcrResult(
        page_texts=_with_form_values(texts, _form_fields(original)),
        archive=dst,
        archive_format=SIGNED_PDF,
        signatures=found,
    )


def _signers(found: tuple[Signature, ...]) -> str:
    return ", ".join(s.describe() for s in found) or "signer not named"


def _ocr_pages(
    original: Path, pages: list[int], engine: OcrEngine, work: Path
) -> dict[int, PageText]:
    """OCR ``pages`` (1-based) of ``original`` from a copy without its form and signature:
    their text, by page number. The copy and OCR's output are thrown away."""
    with tempfile.TemporaryDirectory(dir=work, prefix="signed-") as scratch:
        copy, out = Path(scratch) / "pages.pdf", Path(scratch) / "read.pdf"
        try:
            with pikepdf.open(original) as pdf, pikepdf.new() as unsigned:
                for number in pages:
                    unsigned.pages.append(pdf.pages[number - 1])
                for page in unsigned.pages:
                    if "/Annots" in page.obj:
                        del page.obj["/Annots"]  # signature widgets and form fields
                unsigned.save(copy)
        except (pikepdf.PdfError, IndexError) as e:
            raise CorruptInput(f"the signed PDF's pages cannot be copied for OCR: {e}") from e
        made = engine.make_archive_pdf(copy, out)
        _check_not_skipped(made, out)
        read = _page_texts(pdf_page_texts(out), made)
    return {
        number: PageText(number, p.text, p.confidence, p.little_text)
        for number, p in zip(pages, read, strict=False)
    }


def _form_fields(original: Path) -> tuple[FormField, ...]:
    try:
        return form_fields(original)
    except (pikepdf.PdfError, ValueError, TypeError) as e:
        # The pages were read; a damaged form only means its values are not added.
        log.warning("the form fields of %s could not be read: %s", original.name, e)
        return ()


def _with_form_values(
    texts: tuple[PageText, ...], fields: tuple[FormField, ...]
) -> tuple[PageText, ...]:
    """Each page's text followed by the ``label: value`` lines of its filled-in fields
    (a field whose page is unknown goes with the first page)."""
    if not fields or not texts:
        return texts
    lines: dict[int, list[str]] = {}
    for field in fields:
        page = field.page + 1 if field.page is not None and field.page < len(texts) else 1
        lines.setdefault(page, []).append(field.line)
    return tuple(
        PageText(
            p.number,
            "\n".join([p.text, *lines[p.number]]).strip() if p.number in lines else p.text,
            p.confidence,
            p.little_text,
        )
        for p in texts
    )
