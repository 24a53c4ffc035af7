"""Post as phones and businesses make it: HEIC, GIF, BMP and WebP images, photos of letters on
a table, digitally signed PDFs, filled-in forms, PDFs with a garbage text layer — and the
document tools kept quiet on the terminal while they work."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
import re
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import numpy as np
import pikepdf
import pillow_heif
import pypdfium2 as pdfium
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from fpdf import FPDF
from PIL import Image

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.core import imaging
from mailroom.core.db.models import Document
from mailroom.core.errors import CorruptInput, InputRejected
from mailroom.intake.detect import BMP, GIF, HEIF, WEBP, sniff
from mailroom.intake.inspect import photo_page
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.sources import read_input
from mailroom.ocr.engine import OcrmypdfEngine, OcrOptions
from mailroom.ocr.pdfs import form_fields, is_signed, signatures
from mailroom.ocr.stage import SIGNED_PDF, OcrInput, OcrResult, run_ocr
from mailroom.ocr.text import TextLayer, text_layer_quality
from mailroom.testing.env import mailroom_env
from mailroom.testing.pdfs import STREET_LIGHT_LETTER as STREET_LIGHT
from mailroom.testing.pdfs import text_pdf
from mailroom.testing.scans import render_page

#: The team a street-light report is routed to.
BEHEER = "beheer_openbare_ruimte"
DPI = 200
SIGNER = "Mr. A.B. de Advocaat"


# --- factories ------------------------------------------------------------------------------


def letter_page(text: str = STREET_LIGHT, dpi: int = DPI) -> Image.Image:
    """A letter on a white A4 page, as a scanner or a screenshot gives it."""
    return render_page(text, dpi)


def image_bytes(image: Image.Image, fmt: str, **options: object) -> bytes:
    if fmt == "HEIF":
        pillow_heif.register_heif_opener()
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def animated_gif(first: Image.Image) -> bytes:
    """A two-frame GIF: the letter, then a blank frame (a messenger's 'animation')."""
    out = io.BytesIO()
    blank = Image.new("L", first.size, 255)
    first.save(out, "GIF", save_all=True, append_images=[blank], duration=500, loop=0)
    return out.getvalue()


def photo_on_table(page: Image.Image, seed: int = 1, angle: float = 0.0) -> Image.Image:
    """A photo of ``page`` lying on a wooden table, taken from above, the sheet a little turned."""
    rng = np.random.default_rng(seed)
    w, h = page.size
    frame = (round(w * 1.7), round(h * 1.45))
    grain = rng.normal(0, 9, (frame[1], frame[0] // 8)).repeat(8, axis=1)[:, : frame[0]]
    wood = np.stack([120 + grain, 84 + grain * 0.8, 56 + grain * 0.6], axis=-1)
    table = Image.fromarray(np.clip(wood, 0, 255).astype(np.uint8), "RGB")
    sheet = page.convert("RGB")
    mask = Image.new("L", sheet.size, 255)
    if angle:
        sheet = sheet.rotate(angle, Image.Resampling.BICUBIC, expand=True)
        mask = mask.rotate(angle, Image.Resampling.BILINEAR, expand=True)
    left = (frame[0] - sheet.width) // 2 + round(w * 0.08)
    top = (frame[1] - sheet.height) // 2
    table.paste(sheet, (left, top), mask)
    return table


def pdf_page_image(pdf: bytes, dpi: int = 50) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def signing_identity(name: str = SIGNER) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A key and a self-signed certificate whose subject's CN is ``name``."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Advocatenkantoor De Advocaat"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def signed_pdf(unsigned: bytes, name_entry: str | None = "A. de Advocaat") -> bytes:
    """``unsigned`` signed as a PDF signer does: a /Sig field whose /Contents holds a detached
    CMS signature (made by cryptography) over the /ByteRange, the whole file but the blob."""
    key, certificate = signing_identity()
    with pikepdf.open(io.BytesIO(unsigned)) as pdf:
        value = pikepdf.Dictionary(
            Type=pikepdf.Name.Sig,
            Filter=pikepdf.Name("/Adobe.PPKLite"),
            SubFilter=pikepdf.Name("/adbe.pkcs7.detached"),
            ByteRange=pikepdf.Array([0, 9_999_999_999, 9_999_999_999, 9_999_999_999]),
            Contents=pikepdf.String(bytes(8192)),
            M=pikepdf.String("D:20260105101500+01'00'"),
            Reason=pikepdf.String("Bezwaarschrift namens cliënt"),
        )
        if name_entry:
            value.Name = pikepdf.String(name_entry)
        page = pdf.pages[0]
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                FT=pikepdf.Name.Sig,
                T=pikepdf.String("Handtekening"),
                V=pdf.make_indirect(value),
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Widget,
                Rect=pikepdf.Array([0, 0, 0, 0]),
                F=132,
                P=page.obj,
            )
        )
        page.obj.Annots = pikepdf.Array([field])
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]), SigFlags=3)
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    data = bytearray(out.getvalue())
    contents = re.search(rb"/Contents\s*<(0+)>", data)
    assert contents is not None
    start, end = contents.start(1) - 1, contents.end(1) + 1  # the blob with its < >
    byte_range = re.search(rb"/ByteRange\s*\[[^\]]*\]", data)
    assert byte_range is not None
    numbers = f"/ByteRange [0 {start} {end} {len(data) - end}]".encode()
    data[byte_range.start() : byte_range.end()] = numbers.ljust(len(byte_range.group()))
    signed_bytes = bytes(data[:start] + data[end:])
    cms = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(signed_bytes)
        .add_signer(certificate, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature])
    )
    blob = cms.hex().encode().ljust(end - start - 2, b"0")
    data[start + 1 : end - 1] = blob
    return bytes(data)


def scanned_page_pdf(text: str, dpi: int = 300) -> bytes:
    out = io.BytesIO()
    render_page(text, dpi).save(out, "PDF", resolution=dpi)
    return out.getvalue()


def two_page_pdf(first: bytes, second: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(first)) as pdf, pikepdf.open(io.BytesIO(second)) as more:
        pdf.pages.extend(more.pages)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


FORM_TEXT = (
    "Aanvraagformulier parkeervergunning\nVul het formulier in en stuur het naar de gemeente."
)


def filled_form() -> bytes:
    """An application form with three filled-in fields (text, text, checkbox) on its page."""
    with pikepdf.open(io.BytesIO(text_pdf([FORM_TEXT]))) as pdf:
        page = pdf.pages[0]

        def field(kind: str, name: str, label: str | None, value: object, y: int) -> pikepdf.Object:
            entries = {
                "/FT": pikepdf.Name(kind),
                "/T": pikepdf.String(name),
                "/V": value,
                "/Type": pikepdf.Name.Annot,
                "/Subtype": pikepdf.Name.Widget,
                "/Rect": pikepdf.Array([72, y, 300, y + 20]),
                "/P": page.obj,
            }
            if label:
                entries["/TU"] = pikepdf.String(label)
            return pdf.make_indirect(pikepdf.Dictionary(entries))

        fields = [
            field("/Tx", "naam", "Naam", pikepdf.String("Jeroen Jansen"), 600),
            field("/Tx", "kenteken", None, pikepdf.String("AB-123-C"), 570),
            field("/Btn", "eerste", "Eerste vergunning", pikepdf.Name.Yes, 540),
            field("/Tx", "leeg", "Opmerkingen", pikepdf.String(""), 510),
        ]
        page.obj.Annots = pikepdf.Array(fields)
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(fields))
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def unicode_font_pdf(text: str) -> bytes:
    """A born-digital PDF in an embedded TrueType subset (Identity-H), as word processors
    write them, with its /ToUnicode map."""
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("dejavu", size=13)
    pdf.multi_cell(0, 9, text)
    return bytes(pdf.output())


def _fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    for page in pdf.pages:
        yield from page.Resources.Font.values()


def garbage_text_pdf(text: str) -> bytes:
    """The same PDF without its /ToUnicode map: the text layer gives back glyph numbers."""
    with pikepdf.open(io.BytesIO(unicode_font_pdf(text))) as pdf:
        for font in _fonts(pdf):
            del font["/ToUnicode"]
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def odd_length_cmap_pdf(text: str) -> bytes:
    """A PDF whose /ToUnicode map has a line with an odd number of tokens (pypdf warns)."""
    with pikepdf.open(io.BytesIO(unicode_font_pdf(text))) as pdf:
        for font in _fonts(pdf):
            cmap = font.ToUnicode.read_bytes()
            lines = cmap.split(b"\n")
            at = next(i for i, line in enumerate(lines) if line.endswith(b"beginbfchar")) + 1
            lines[at] += b" <0041>"
            font.ToUnicode.write(b"\n".join(lines))
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def no_time_zone_pdf(text: str) -> bytes:
    with pikepdf.open(io.BytesIO(text_pdf([text]))) as pdf:
        pdf.docinfo["/CreationDate"] = "D:20260105101500"
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def png_16bit_with_alpha(page: Image.Image) -> bytes:
    """A 16-bit RGBA PNG (a design program's export): img2pdf warns about its alpha channel."""
    grey = np.asarray(page.convert("L"), dtype=np.uint16) * 257
    rgba = np.stack([grey, grey, grey, np.full_like(grey, 65535)], axis=-1).astype(">u2")
    raw = b"".join(b"\0" + row.tobytes() for row in rgba)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", page.width, page.height, 16, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def engine() -> Iterator[OcrmypdfEngine]:
    engine = OcrmypdfEngine(OcrOptions(jobs=2))
    yield engine
    engine.close()


def ocr(engine: OcrmypdfEngine, pdf: bytes, tmp_path: Path) -> OcrResult:
    original = tmp_path / "original.pdf"
    original.write_bytes(pdf)
    archive = tmp_path / "archive"
    archive.mkdir(exist_ok=True)
    return run_ocr(OcrInput(1, original, "application/pdf"), engine, archive)


def stored(mr: Mailroom, document_id: int) -> Document:
    with mr.sessions() as session:
        doc = session.get_one(Document, document_id)
        session.expunge(doc)
        return doc


# --- images from phones and old scanners ------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [("HEIF", HEIF), ("GIF", GIF), ("BMP", BMP), ("WEBP", WEBP)],
)
def test_image_types_are_sniffed_by_their_bytes(fmt: str, media_type: str) -> None:
    data = image_bytes(Image.new("RGB", (300, 400), "white"), fmt)
    assert sniff(data[:4096]) == media_type


def test_text_starting_with_bm_is_not_a_bmp() -> None:
    assert sniff(b"BMW 3-serie te koop, nette staat, APK tot 2027.\n") is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("brief.heic", lambda page: image_bytes(page.convert("RGB"), "HEIF", quality=90)),
        ("brief.gif", animated_gif),
        ("brief.bmp", lambda page: image_bytes(page, "BMP")),
        ("brief.webp", lambda page: image_bytes(page.convert("RGB"), "WEBP", quality=90)),
    ],
)
def test_phone_and_old_scanner_images_reach_the_team_with_their_text(
    mr: Mailroom, inbox: Path, name: str, make
) -> None:
    path = inbox / name
    path.write_bytes(make(letter_page()))

    [result] = api.ingest(mr, [path])

    assert result.state == "routed", result
    assert result.team == BEHEER
    assert "lantaarnpaal" in api.document_text(mr, result.id).lower()
    doc = stored(mr, result.id)
    assert Path(doc.original_path).read_bytes().startswith(b"%PDF")
    # Nothing lost: the file as it came is kept with its intake item.
    with mr.sessions() as session:
        item = session.get_one(Document, result.id).intake
        assert item is not None and Path(item.stored_path).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("fmt", ["HEIF", "WEBP", "GIF", "BMP"])
def test_a_damaged_image_is_refused_with_a_plain_reason(fmt: str) -> None:
    # Also after WeasyPrint (acknowledgement letters) was imported in this process: it
    # switches Pillow's LOAD_TRUNCATED_IMAGES on for everyone.
    importlib.import_module("weasyprint")
    data = image_bytes(letter_page(dpi=72).convert("RGB"), fmt)

    with pytest.raises(CorruptInput, match="the image is damaged and cannot be read"):
        read_input(Path("kapot"), data[: len(data) // 2], IntakeLimits())


def test_a_huge_heic_is_refused_before_it_is_decoded() -> None:
    data = image_bytes(Image.new("RGB", (3000, 4000), "white"), "HEIF")

    with pytest.raises(InputRejected, match="more than a scan can be"):
        read_input(Path("groot.heic"), data, IntakeLimits(max_image_pixels=5_000_000))


def test_an_iphone_photo_attached_to_an_email_is_a_document() -> None:
    msg = EmailMessage()
    msg["From"] = "Petra Smit <petra@example.nl>"
    msg["To"] = "info@gemeente.nl"
    msg["Subject"] = "Foto van de brief"
    msg["Message-ID"] = "<iphone-1@example.nl>"
    msg.set_content("Zie bijlage.\n\nVerstuurd vanaf mijn iPhone")
    heic = image_bytes(letter_page(dpi=100).convert("RGB"), "HEIF")
    msg.add_attachment(heic, maintype="image", subtype="heic", filename="IMG_0412.HEIC")

    contents = read_input(Path("mail.eml"), bytes(msg), IntakeLimits())

    [photo] = [p for p in contents.parts if p.part and p.part.endswith("IMG_0412.HEIC")]
    assert photo.problem is None and photo.media_type == "application/pdf"
    assert photo.data.startswith(b"%PDF")


def test_a_transparent_webp_becomes_black_print_on_white_paper() -> None:
    page = letter_page(dpi=100)
    # A screenshot with a transparent background: the colour under the alpha is black.
    rgba = Image.new("RGBA", page.size, (0, 0, 0, 0))
    rgba.putalpha(Image.eval(page, lambda v: 255 - v))
    [part] = read_input(
        Path("scherm.webp"), image_bytes(rgba, "WEBP", lossless=True), IntakeLimits()
    ).parts

    made = np.asarray(pdf_page_image(part.data, dpi=30))
    assert np.median(made) > 240 and made.min() < 200  # white paper, dark print


def test_an_animated_gif_gives_its_first_frame_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    page = letter_page(dpi=72)
    with caplog.at_level("INFO", logger="mailroom"):
        contents = read_input(Path("brief.gif"), animated_gif(page), IntakeLimits())
    [part] = contents.parts
    with pikepdf.open(io.BytesIO(part.data)) as pdf:
        assert len(pdf.pages) == 1
    assert "only its first frame" in caplog.text
    assert np.asarray(pdf_page_image(part.data)).min() < 200  # the letter, not the blank frame


@pytest.mark.parametrize("orientation", [3, 6, 8, 5, 7])
def test_a_photo_stored_turned_comes_out_upright(orientation: int) -> None:
    page = letter_page(dpi=100).convert("RGB")
    # Store the pixels as a camera would, with the EXIF tag saying how to turn them back.
    stored_as = {
        3: Image.Transpose.ROTATE_180,
        6: Image.Transpose.ROTATE_90,
        8: Image.Transpose.ROTATE_270,
        5: Image.Transpose.TRANSPOSE,
        7: Image.Transpose.TRANSVERSE,
    }[orientation]
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = image_bytes(page.transpose(stored_as), "JPEG", quality=92, exif=exif)

    [part] = read_input(Path("foto.jpg"), data, IntakeLimits()).parts

    made = pdf_page_image(part.data, dpi=30)
    expected = page.convert("L").resize(made.size)
    assert made.height > made.width
    difference = np.abs(np.asarray(made, float) - np.asarray(expected, float)).mean()
    assert difference < 12, difference


@pytest.mark.slow
def test_a_sideways_phone_photo_is_read_upright(mr: Mailroom, inbox: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    sideways = letter_page().convert("RGB").transpose(Image.Transpose.ROTATE_90)
    path = inbox / "IMG_0412.jpg"
    path.write_bytes(image_bytes(sideways, "JPEG", quality=90, exif=exif))

    [result] = api.ingest(mr, [path])

    assert result.state == "routed" and result.team == BEHEER, result
    assert "lantaarnpaal" in api.document_text(mr, result.id).lower()


# --- a photo of a letter on a table -------------------------------------------------------------


@pytest.mark.parametrize("angle", [0.0, 3.0, -5.0])
def test_a_photo_on_a_table_is_cut_to_the_sheet(angle: float) -> None:
    page = letter_page(dpi=100)
    photo = photo_on_table(page, angle=angle)
    data = image_bytes(photo, "JPEG", quality=90)

    made = photo_page(data, "image/jpeg", 300)

    assert made.redrawn and made.sheet is not None and made.sheet.found, made.sheet
    assert abs(made.sheet.angle - angle) <= 1.0
    with Image.open(io.BytesIO(made.data)) as cut:
        kept = cut.width * cut.height / (photo.width * photo.height)
        sheet_share = page.width * page.height / (photo.width * photo.height)
        # The page's area, and a little margin: the table is gone, none of the page is.
        assert sheet_share <= kept <= sheet_share * 1.25, (kept, sheet_share)
        print_kept = int((np.asarray(cut.convert("L")) < 60).sum())
    print_in_photo = int((np.asarray(photo.convert("L")) < 60).sum())
    assert print_kept >= 0.99 * print_in_photo  # every letter of the page is still there


def test_a_photo_where_the_page_fills_the_frame_is_left_alone() -> None:
    data = image_bytes(letter_page(dpi=100).convert("RGB"), "JPEG", quality=90)

    made = photo_page(data, "image/jpeg", 300)

    assert not made.redrawn and made.data == data
    assert made.sheet is not None and not made.sheet.found


def test_a_sheet_on_a_white_table_is_not_cut() -> None:
    page = letter_page(dpi=100).convert("RGB")
    table = Image.new("RGB", (round(page.width * 1.6), round(page.height * 1.4)), (236, 236, 232))
    table.paste(page, (100, 100))

    assert not imaging.find_sheet(table).found


def test_a_sheet_half_in_shadow_is_not_cut() -> None:
    # A full page: the shadow's edge crosses print (half an A4 has the shape of an A5 sheet).
    full = letter_page("\n".join([STREET_LIGHT] * 3), dpi=100)
    photo = np.asarray(photo_on_table(full), dtype=np.float32)
    photo[photo.shape[0] // 2 :] *= 0.45  # the photographer's shadow over the lower half
    found = imaging.find_sheet(Image.fromarray(photo.astype(np.uint8), "RGB"))
    assert not found.found, found


# --- signed PDFs ----------------------------------------------------------------------------


def test_a_signed_pdf_says_who_signed_it(tmp_path: Path) -> None:
    path = tmp_path / "getekend.pdf"
    path.write_bytes(signed_pdf(text_pdf([STREET_LIGHT]), name_entry="Naam in /Name"))

    assert is_signed(path)
    [signature] = signatures(path)
    # The certificate's CN wins over the /Name the signing program wrote.
    assert signature.signer == SIGNER
    assert signature.signed_at == "D:20260105101500+01'00'"
    assert signature.describe() == f"signed by {SIGNER}"


def test_a_signature_without_a_readable_certificate_falls_back_to_its_name(
    tmp_path: Path,
) -> None:
    data = signed_pdf(text_pdf([STREET_LIGHT]), name_entry="A. de Advocaat")
    # The CMS blob damaged: the /Name entry is all there is to go on.
    blob = re.search(rb"/Contents\s*<([0-9a-f]+)>", data)
    assert blob is not None
    broken = data[: blob.start(1)] + b"0" * len(blob.group(1)) + data[blob.end(1) :]
    path = tmp_path / "kapot.pdf"
    path.write_bytes(broken)

    [signature] = signatures(path)
    assert signature.signer == "A. de Advocaat"


def test_a_signed_pdf_that_restricts_changes_is_not_decrypted_at_intake() -> None:
    # An owner password (anyone opens it, nobody may change it) on a signed PDF.
    with pikepdf.open(io.BytesIO(text_pdf([STREET_LIGHT]))) as pdf:
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), SigFlags=3)
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user="", owner="kantoor"))
    data = out.getvalue()

    [part] = read_input(Path("getekend.pdf"), data, IntakeLimits()).parts

    assert part.data == data


@pytest.mark.slow
def test_a_signed_pdf_is_kept_unchanged_read_and_routed(mr: Mailroom, inbox: Path) -> None:
    data = signed_pdf(text_pdf([STREET_LIGHT]))
    path = inbox / "getekend.pdf"
    path.write_bytes(data)

    [result] = api.ingest(mr, [path])

    assert result.state == "routed" and result.team == BEHEER, result
    doc = stored(mr, result.id)
    assert doc.archive_format == SIGNED_PDF
    assert doc.archive_path is not None
    # A changed byte breaks the signature: original and archive copy are the input itself.
    assert Path(doc.original_path).read_bytes() == data
    assert Path(doc.archive_path).read_bytes() == data
    assert "lantaarnpaal" in (doc.text or "")


@pytest.mark.slow
def test_a_signed_pdf_with_a_scanned_page_has_that_page_ocrd_into_its_text_only(
    engine: OcrmypdfEngine, tmp_path: Path
) -> None:
    scanned = "Bijlage\n\nFoto van de kapotte lantaarnpaal aan de Lindenlaan."
    data = signed_pdf(two_page_pdf(text_pdf([STREET_LIGHT]), scanned_page_pdf(scanned)))

    result = ocr(engine, data, tmp_path)

    assert result.archive_format == SIGNED_PDF
    assert result.archive is not None and result.archive.read_bytes() == data
    assert [s.signer for s in result.signatures] == [SIGNER]
    assert result.notes == (f"signed by {SIGNER}",)
    first, second = result.page_texts
    assert "Lindenlaan 23" in first.text and first.confidence is None
    assert "kapotte lantaarnpaal" in second.text and second.confidence is not None


# --- forms and text layers ------------------------------------------------------------------


def test_the_filled_in_fields_of_a_form_are_read_with_their_labels(tmp_path: Path) -> None:
    path = tmp_path / "formulier.pdf"
    path.write_bytes(filled_form())

    lines = [f.line for f in form_fields(path)]

    assert lines == ["Naam: Jeroen Jansen", "kenteken: AB-123-C", "Eerste vergunning: ja"]


@pytest.mark.slow
def test_a_filled_in_form_is_read_with_what_the_resident_filled_in(
    engine: OcrmypdfEngine, tmp_path: Path
) -> None:
    result = ocr(engine, filled_form(), tmp_path)

    assert "Aanvraagformulier parkeervergunning" in result.text
    assert "Naam: Jeroen Jansen" in result.text
    assert "kenteken: AB-123-C" in result.text
    assert "Eerste vergunning: ja" in result.text


@pytest.mark.parametrize(
    ("text", "quality"),
    [
        ("Geachte heer, mevrouw, ik vraag een parkeervergunning aan voor mijn auto.", "good"),
        ("Kenmerk 2025/14009 Datum 10-01-2026 Bedrag € 88,40 IBAN NL97 RABO 7915 1475 77", "good"),
        ("Уважаемые господа, прошу выдать разрешение на парковку для моего автомобиля.", "good"),
        (
            "\x01\x02\x03\x04\x05\x06\x02 \x05\x02\x02\x07\x08 \t\x02\n\x07\x0b\x0c\r\x08" * 3,
            "garbage",
        ),
        (
            "\ue001\ue002\ue003 \ue004\ue005 \ue006\ue007\ue008\ue009 \ue00a\ue00b\ue00c" * 3,
            "garbage",
        ),
        ("ÐÑÒÓ ÔÕÖ× ØÙÚÛ ÜÝÞß ÃÄÅÆ ÇÈÉÊ ËÌÍÎ ÏÐÑÒ ÓÔÕÖ ×ØÙÚ", "garbage"),
        ("7#%& 3$!@ ^&*(( )_+ ]]}{ |:<> ?/., ~`12 #$%^&* +=-", "garbage"),
        ("   \n  3  ", "empty"),
    ],
)
def test_a_text_layer_is_judged_by_its_letters_and_words(text: str, quality: str) -> None:
    assert text_layer_quality(text) == TextLayer(quality)


def test_a_pdf_without_a_unicode_map_gives_garbage_and_with_one_good_text() -> None:
    from pypdf import PdfReader

    good = PdfReader(io.BytesIO(unicode_font_pdf(STREET_LIGHT))).pages[0].extract_text()
    bad = PdfReader(io.BytesIO(garbage_text_pdf(STREET_LIGHT))).pages[0].extract_text()
    assert text_layer_quality(good) == TextLayer.good
    assert text_layer_quality(bad) == TextLayer.garbage


@pytest.mark.slow
def test_a_pdf_with_a_garbage_text_layer_is_ocrd(engine: OcrmypdfEngine, tmp_path: Path) -> None:
    result = ocr(engine, garbage_text_pdf(STREET_LIGHT), tmp_path)

    assert "lantaarnpaal" in result.text.lower()
    assert text_layer_quality(result.text) == TextLayer.good
    [page] = result.page_texts
    assert page.confidence is not None  # read by OCR, not taken from the layer


# --- quiet tools ----------------------------------------------------------------------------

#: What the document tools say about the files below, and must say in the log only.
TOOL_WARNINGS = ("time zone", "transparency", "odd-length")


@pytest.mark.slow
def test_the_tools_warnings_go_to_the_log_not_the_terminal(mr: Mailroom, inbox: Path) -> None:
    (inbox / "geen-tijdzone.pdf").write_bytes(no_time_zone_pdf(STREET_LIGHT))
    (inbox / "alfa.png").write_bytes(png_16bit_with_alpha(letter_page(dpi=150)))
    # Signed, so its own text layer is read (pypdf meets the broken Unicode map).
    (inbox / "cmap.pdf").write_bytes(signed_pdf(odd_length_cmap_pdf(STREET_LIGHT)))
    env = {**os.environ, **mailroom_env(mr)}
    env.pop("MAILROOM_LOG_FILE", None)

    run = subprocess.run(
        [sys.executable, "-m", "mailroom", "ingest", str(inbox), "--workers", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    terminal = run.stdout + run.stderr
    assert run.returncode == 0, terminal
    assert terminal.count("beheer_openbare_ruimte") == 3, terminal  # the results are shown
    for warning in TOOL_WARNINGS:
        assert warning not in terminal, terminal
    log = mr.settings.log_path.read_text(encoding="utf-8")
    for warning in TOOL_WARNINGS:
        line = next((x for x in log.splitlines() if warning in x), None)
        assert line is not None and " DEBUG " in line, (warning, log[-3000:])
