"""Office documents and Outlook mail through the intake, with real files made here.

Word, OpenDocument and RTF letters are written by LibreOffice itself from text, a
.msg by a small OLE compound-file writer below (no tool on Debian writes one), a
winmail.dat byte by byte after MS-OXTNEF, and S/MIME with ``cryptography``. They
are read by the real LibreOffice, extract-msg and tnefparse.
"""

from __future__ import annotations

import base64
import io
import shutil
import struct
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import compressed_rtf
import psutil
import pypdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.core.errors import CorruptInput, InputRejected
from mailroom.intake import office
from mailroom.intake.archives import unpack_zip
from mailroom.intake.detect import PDF, TEXT
from mailroom.intake.email import sender_address
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.records import Channel, InputContents
from mailroom.intake.sources import read_input
from mailroom.testing.emails import email_message
from mailroom.testing.pdfs import text_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed (make system)"
)

LETTER = (
    "Geachte heer, mevrouw,\n\n"
    "Hierbij vraag ik een parkeervergunning aan voor mijn auto met kenteken KX-123-B. "
    "Ik woon sinds kort in de wijk Centrum, aan de Lindenlaan 23, en heb geen eigen "
    "parkeerplaats. Een kopie van het kentekenbewijs stuur ik mee.\n\n"
    "Met vriendelijke groet,\nP. Jansen"
)
COVERING_NOTE = "Goedemiddag, zie de brief in de bijlage. Groet, P. Jansen"
GONE_THROUGH = ("routed", "needs_review")
LIMITS = IntakeLimits()
WORD_FORMATS = {"docx": "MS Word 2007 XML", "odt": "writer8", "rtf": "Rich Text Format"}
WORD_FORMATS["doc"] = "MS Word 97"


# --- Office files, written by LibreOffice ---------------------------------------------------


def libreoffice_writes(source: Path, export: str, folder: Path, infilter: str | None) -> Path:
    """``source`` converted by LibreOffice with the export filter ``export`` ("docx:...")."""
    with tempfile.TemporaryDirectory() as profile:
        command = ["soffice", "--headless", "--norestore"]
        command += [f"-env:UserInstallation={Path(profile).as_uri()}"]
        command += [f"--infilter={infilter}"] if infilter else []
        command += ["--convert-to", export, "--outdir", str(folder), str(source)]
        subprocess.run(command, capture_output=True, check=True, timeout=120)
    made = folder / f"{source.stem}.{export.split(':')[0]}"
    assert made.is_file(), f"LibreOffice did not write {made.name}"
    return made


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The letter as .docx, .odt, .rtf and .doc, and a cost table as .xlsx and .ods."""
    folder = tmp_path_factory.mktemp("office")
    text = folder / "brief.txt"
    text.write_text(LETTER, encoding="utf-8")
    files = {
        fmt: libreoffice_writes(
            text, f"{fmt}:{name}", folder, "Text (encoded):UTF8,LF,,,"
        ).read_bytes()
        for fmt, name in WORD_FORMATS.items()
    }
    table = folder / "kosten.csv"
    table.write_text("Post,Bedrag\nKosten parkeervergunning,120\n", encoding="utf-8")
    for fmt in ("xlsx", "ods"):
        files[fmt] = libreoffice_writes(table, fmt, folder, None).read_bytes()
    slides = folder / "dia.odp"
    slides.write_bytes(presentation("Kosten parkeervergunning 120"))
    files["odp"] = slides.read_bytes()
    files["pptx"] = libreoffice_writes(slides, "pptx", folder, None).read_bytes()
    return files


def presentation(text: str) -> bytes:
    """A one-slide OpenDocument presentation, written by hand (LibreOffice makes no slides
    from text)."""
    ns = {
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    }
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in ns.items())
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {declarations} '
        'office:version="1.2"><office:body><office:presentation><draw:page draw:name="p1">'
        '<draw:frame svg:x="1cm" svg:y="1cm" svg:width="20cm" svg:height="5cm">'
        f"<draw:text-box><text:p>{text}</text:p></draw:text-box></draw:frame></draw:page>"
        "</office:presentation></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{office.ODP}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", office.ODP)  # first and stored, as ODF requires
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def words(text: str) -> str:
    return " ".join(text.split())


def email_with(*attachments: tuple[str, bytes], body: str = COVERING_NOTE) -> EmailMessage:
    return email_message(
        "P. Jansen <p.jansen@example.nl>",
        "Aanvraag parkeervergunning",
        body,
        "<brief-1@example.nl>",
        [(name, data, "application/octet-stream") for name, data in attachments],
        to="info@gemeente.example.nl",
    )


def zipped(**members: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def only_letter(contents: InputContents) -> str:
    """The text of the one document in ``contents``, which must be the converted letter."""
    assert [(p.media_type, p.problem) for p in contents.parts] == [(PDF, None)]
    text = words(pdf_text(contents.parts[0].data))
    assert "parkeervergunning aan voor mijn auto met kenteken KX-123-B" in text
    return text


# --- recognising Office files: a .docx is a zip, not an archive -----------------------------


def test_office_files_are_recognised_by_content(office_files: dict[str, bytes]) -> None:
    expected = {
        "docx": office.DOCX,
        "odt": office.ODT,
        "rtf": office.RTF,
        "doc": office.DOC,
        "xlsx": office.XLSX,
        "ods": office.ODS,
        "odp": office.ODP,
        "pptx": office.PPTX,
    }
    assert {fmt: office.office_type(data) for fmt, data in office_files.items()} == expected
    assert office.office_type(zipped(**{"a.pdf": text_pdf(["x"])})) is None  # an archive
    xps = zipped(**{"[Content_Types].xml": b"<Types/>", "Documents/1/FixedDoc.fdoc": b""})
    assert office.office_type(xps) == office.OTHER_PACKAGE
    epub = zipped(mimetype=b"application/epub+zip", **{"OEBPS/a.xhtml": b"<html/>"})
    assert office.office_type(epub) == office.OTHER_PACKAGE
    assert office.office_type(text_pdf(["x"])) is None


def test_a_docx_inside_a_zip_is_a_member_not_unpacked(office_files: dict[str, bytes]) -> None:
    archive = zipped(**{"brieven/brief.docx": office_files["docx"], "foto.pdf": text_pdf(["x"])})
    members = list(unpack_zip(archive, LIMITS))
    assert [m.name for m in members] == ["brief.docx", "foto.pdf"]
    assert members[0].data == office_files["docx"]


# --- Office letters by email, in zips and in the scanner folder -----------------------------


@pytest.mark.parametrize("fmt", list(WORD_FORMATS))
def test_an_office_letter_attached_to_an_email_is_one_document(
    office_files: dict[str, bytes], fmt: str, tmp_path: Path
) -> None:
    msg = email_with((f"brief.{fmt}", office_files[fmt]))
    contents = read_input(tmp_path / "mail.eml", bytes(msg), LIMITS)
    only_letter(contents)  # no XML parts, no thumbnail, no body (a covering note)
    assert contents.parts[0].part == f"brief.{fmt}"
    assert contents.email is not None and contents.email.message_id == "brief-1@example.nl"


def test_the_converted_letter_is_pdfa(office_files: dict[str, bytes]) -> None:
    pdf = office.to_pdf(office_files["docx"], office.DOCX, LIMITS)
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).xmp_metadata
    assert metadata is not None
    assert (metadata.pdfaid_part, metadata.pdfaid_conformance) == ("2", "B")  # PDF/A-2b


def test_a_docx_email_goes_through_the_pipeline_classified(
    mr: Mailroom, office_files: dict[str, bytes], tmp_path: Path
) -> None:
    path = tmp_path / "mail.eml"
    path.write_bytes(bytes(email_with(("brief.docx", office_files["docx"]))))
    (result,) = api.ingest(mr, [path])
    assert result.part == "brief.docx" and result.state in GONE_THROUGH, result.error
    assert result.case_type == "parkeervergunning"
    assert "kenteken KX-123-B" in words(api.document_text(mr, result.id))


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_an_office_letter_in_the_scanner_folder_is_one_letter(
    mr: Mailroom, office_files: dict[str, bytes], fmt: str, tmp_path: Path
) -> None:
    path = tmp_path / f"brief.{fmt}"
    path.write_bytes(office_files[fmt])
    contents = read_input(path, office_files[fmt], LIMITS)
    only_letter(contents)
    assert contents.channel == Channel.paper
    (result,) = api.ingest(mr, [path])
    assert result.state in GONE_THROUGH, result.error
    assert result.case_type == "parkeervergunning"


def test_a_docx_in_a_zipped_attachment(office_files: dict[str, bytes], tmp_path: Path) -> None:
    archive = zipped(**{"brief.docx": office_files["docx"]})
    contents = read_input(tmp_path / "m.eml", bytes(email_with(("post.zip", archive))), LIMITS)
    only_letter(contents)
    assert contents.parts[0].part == "post.zip/brief.docx"


def test_spreadsheets_and_presentations_are_converted_like_letters(
    office_files: dict[str, bytes],
) -> None:
    kinds = (("xlsx", office.XLSX), ("ods", office.ODS), ("odp", office.ODP), ("pptx", office.PPTX))
    for fmt, kind in kinds:
        assert "Kosten parkeervergunning 120" in words(
            pdf_text(office.to_pdf(office_files[fmt], kind, LIMITS))
        )


# --- what does not convert: quarantine with a plain reason ----------------------------------


def corrupt_docx(docx: bytes) -> bytes:
    """The docx with its main part replaced by garbage: still a Word package, not a letter."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = b"\x00\xff garbage, not XML " * 50
            archive.writestr(info.filename, data)
    return out.getvalue()


def test_a_corrupt_docx_is_quarantined_with_a_plain_reason(
    mr: Mailroom, office_files: dict[str, bytes], tmp_path: Path
) -> None:
    data = corrupt_docx(office_files["docx"])
    with pytest.raises(CorruptInput, match="damaged"):
        read_input(tmp_path / "kapot.docx", data, LIMITS)
    path = tmp_path / "mail.eml"
    path.write_bytes(bytes(email_with(("kapot.docx", data), body=LETTER)))
    results = api.ingest(mr, [path])
    quarantined = [r for r in results if r.state == "quarantined"]
    assert [r.part for r in quarantined] == ["kapot.docx"]
    assert "LibreOffice could not convert it" in (quarantined[0].error or "")
    assert [r.part for r in results if r.state in GONE_THROUGH] == ["body"]


def libreoffice_processes(marker: str) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if any(marker in part for part in process.info["cmdline"] or ()):
            found.append(process)
    return found


def test_a_conversion_over_the_time_limit_is_stopped(
    office_files: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The profile and the document live in a temporary folder named after this test.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    hurried = IntakeLimits(office_timeout_s=0.3)
    with pytest.raises(InputRejected, match=r"did not convert to PDF within 0.3 s"):
        read_input(tmp_path / "brief.docx", office_files["docx"], hurried)
    assert libreoffice_processes(str(tmp_path)) == []  # the whole group was killed
    assert not list(tmp_path.glob("mailroom-office-*"))  # and its folder removed


def test_a_zipped_document_over_the_size_limit_is_not_converted(
    office_files: dict[str, bytes],
) -> None:
    with pytest.raises(InputRejected, match="more than the size limit"):
        office.to_pdf(office_files["docx"], office.DOCX, IntakeLimits(zip_max_total_bytes=1000))


def test_libreoffice_prints_nothing_to_the_terminal(
    office_files: dict[str, bytes], capfd: pytest.CaptureFixture[str]
) -> None:
    office.to_pdf(office_files["rtf"], office.RTF, LIMITS)
    assert capfd.readouterr() == ("", "")


def test_a_password_protected_office_file_says_so() -> None:
    from mailroom.core.errors import EncryptedInput

    encrypted = compound_file({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x00" * 16})
    with pytest.raises(EncryptedInput, match="password-protected"):
        office.office_type(encrypted)


# --- Outlook: .msg files ---------------------------------------------------------------------

_END, _FREE, _FATSECT, _NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR, _MINI, _CUTOFF = 512, 64, 4096
_ENTRY = struct.Struct("<64sHBBIII16sIQQIQ")


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (MS-CFB version 3) holding ``streams`` ("storage/stream").

    Small streams go to the mini stream as the format requires. Siblings are chained to
    the right, not balanced as red-black trees: readers look entries up by name.
    """
    names, kinds, data, kids, index = ["Root Entry"], [5], [b""], [[]], {"": 0}
    for path, content in streams.items():
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key not in index:
                index[key] = len(names)
                names.append(parts[depth - 1])
                kinds.append(2 if depth == len(parts) else 1)
                data.append(content if depth == len(parts) else b"")
                kids.append([])
                kids[index["/".join(parts[: depth - 1])]].append(index[key])
    starts = [_END] * len(names)
    mini, minifat = bytearray(), []
    for i, content in enumerate(data):
        if kinds[i] == 2 and 0 < len(content) < _CUTOFF:
            first, count = len(mini) // _MINI, -(-len(content) // _MINI)
            starts[i] = first
            minifat += [first + k + 1 for k in range(count - 1)] + [_END]
            mini += content.ljust(count * _MINI, b"\0")
    body, fat = bytearray(), []

    def place(chunk: bytes) -> int:
        if not chunk:
            return _END
        first, count = len(fat), -(-len(chunk) // _SECTOR)
        fat.extend([first + k + 1 for k in range(count - 1)] + [_END])
        body.extend(chunk.ljust(count * _SECTOR, b"\0"))
        return first

    for i, content in enumerate(data):
        if kinds[i] == 2 and len(content) >= _CUTOFF:
            starts[i] = place(content)
    minifat_start = place(b"".join(struct.pack("<I", x) for x in minifat))
    starts[0], data[0] = place(bytes(mini)), bytes(mini)
    entries = bytearray()
    for i, name in enumerate(names):
        encoded = name.encode("utf-16-le") + b"\0\0"
        siblings = next((k for k in kids if i in k), [])
        position = siblings.index(i) if i in siblings else -1
        right = siblings[position + 1] if 0 <= position < len(siblings) - 1 else _NOSTREAM
        child = kids[i][0] if kids[i] else _NOSTREAM
        size = len(data[i]) if kinds[i] in (2, 5) else 0
        entries += _ENTRY.pack(
            encoded,
            len(encoded),
            kinds[i],
            1,
            _NOSTREAM,
            right,
            child,
            b"",
            0,
            0,
            0,
            starts[i],
            size,
        )
    while len(entries) % _SECTOR:
        entries += _ENTRY.pack(b"", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM, b"", 0, 0, 0, 0, 0)
    directory = place(bytes(entries))
    fat_count = 1
    while len(fat) + fat_count > fat_count * (_SECTOR // 4):
        fat_count += 1
    fat_first = len(fat)
    fat += [_FATSECT] * fat_count
    fat += [_FREE] * (fat_count * _SECTOR // 4 - len(fat))
    difat = [fat_first + k for k in range(fat_count)] + [_FREE] * (109 - fat_count)
    minifat_sectors = -(-len(minifat) * 4 // _SECTOR)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        office.OLE_SIGNATURE, b"", 0x3E, 3, 0xFFFE, 9, 6, b"", 0, fat_count, directory, 0,
        _CUTOFF, minifat_start, minifat_sectors, _END, 0, *difat,
    )  # fmt: skip
    return header + bytes(body) + b"".join(struct.pack("<I", x) for x in fat)


def _properties(props: list[tuple[int, int, object]]) -> tuple[dict[str, bytes], bytes]:
    """Streams and property-stream records (MS-OXMSG 2.4) for (id, type, value) properties."""
    streams: dict[str, bytes] = {}
    records = b""
    for prop_id, prop_type, value in props:
        tag = (prop_id << 16) | prop_type
        if prop_type == 0x001F:  # a string, UTF-16
            assert isinstance(value, str)
            raw = value.encode("utf-16-le")
            streams[f"__substg1.0_{tag:08X}"] = raw
            records += struct.pack("<IIII", tag, 6, len(raw) + 2, 0)
        elif prop_type == 0x0102:  # binary
            assert isinstance(value, bytes)
            streams[f"__substg1.0_{tag:08X}"] = value
            records += struct.pack("<IIII", tag, 6, len(value), 0)
        elif prop_type == 0x0003:  # a 32-bit integer
            records += struct.pack("<IIiI", tag, 6, value, 0)
        elif prop_type == 0x0040:  # a time, in 100 ns since 1601
            assert isinstance(value, datetime)
            ticks = (value - datetime(1601, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1) * 10
            records += struct.pack("<IIQ", tag, 6, ticks)
    return streams, records


def outlook_msg(body: str, attachments: tuple[tuple[str, bytes, str], ...] = ()) -> bytes:
    """An Outlook .msg as a received message: envelope, plain body, attachments by value."""
    sent = datetime(2026, 11, 9, 9, 15, tzinfo=UTC)
    headers = (
        "From: P. Jansen <p.jansen@example.nl>\r\nTo: info@gemeente.example.nl\r\n"
        "Subject: Aanvraag parkeervergunning\r\nMessage-ID: <outlook-1@example.nl>\r\n"
        "Date: Mon, 09 Nov 2026 09:15:00 +0000\r\n\r\n"
    )
    streams, records = _properties(
        [
            (0x001A, 0x001F, "IPM.Note"),  # the message class
            (0x0037, 0x001F, "Aanvraag parkeervergunning"),
            (0x0C1A, 0x001F, "P. Jansen <p.jansen@example.nl>"),
            (0x0E04, 0x001F, "info@gemeente.example.nl"),
            (0x1000, 0x001F, body),
            (0x1035, 0x001F, "<outlook-1@example.nl>"),
            (0x007D, 0x001F, headers),  # the transport headers
            (0x0039, 0x0040, sent),
        ]
    )
    files = dict(streams)
    for stream in ("00020102", "00030102", "00040102"):  # the named-property map, empty
        files[f"__nameid_version1.0/__substg1.0_{stream}"] = b""
    count = len(attachments)
    files["__properties_version1.0"] = struct.pack("<8xIIII8x", 0, count, 0, count) + records
    for n, (name, data, media_type) in enumerate(attachments):
        storage = f"__attach_version1.0_#{n:08X}"
        streams, records = _properties(
            [
                (0x3701, 0x0102, data),
                (0x3707, 0x001F, name),
                (0x370E, 0x001F, media_type),
                (0x3705, 0x0003, 1),  # attached by value
                (0x0E21, 0x0003, n),
            ]
        )
        files.update({f"{storage}/{key}": value for key, value in streams.items()})
        files[f"{storage}/__properties_version1.0"] = b"\0" * 8 + records
    return compound_file(files)


def test_a_msg_file_is_read_as_an_email(office_files: dict[str, bytes], tmp_path: Path) -> None:
    data = outlook_msg(COVERING_NOTE, (("brief.docx", office_files["docx"], "application/msword"),))
    assert office.office_type(data) == office.MSG
    contents = read_input(tmp_path / "aanvraag.msg", data, LIMITS)
    assert contents.channel == Channel.email
    only_letter(contents)
    assert contents.parts[0].part == "brief.docx"
    meta = contents.email
    assert meta is not None
    assert (sender_address(meta), meta.subject, meta.message_id) == (
        "p.jansen@example.nl",
        "Aanvraag parkeervergunning",
        "outlook-1@example.nl",
    )
    assert meta.sent_at == datetime(2026, 11, 9, 9, 15, tzinfo=UTC)


def test_a_msg_letter_goes_through_the_pipeline(mr: Mailroom, tmp_path: Path) -> None:
    path = tmp_path / "aanvraag.msg"
    path.write_bytes(outlook_msg(LETTER))
    (result,) = api.ingest(mr, [path])
    assert result.part == "body" and result.state in GONE_THROUGH, result.error
    assert result.case_type == "parkeervergunning"
    assert "Onderwerp: Aanvraag parkeervergunning" in api.document_text(mr, result.id)


def test_a_msg_attached_to_an_email(tmp_path: Path) -> None:
    attached = outlook_msg(COVERING_NOTE, (("brief.pdf", text_pdf([LETTER]), "application/pdf"),))
    contents = read_input(tmp_path / "m.eml", bytes(email_with(("fw.msg", attached))), LIMITS)
    assert [(p.part, p.media_type, p.problem) for p in contents.parts] == [
        ("fw.msg: brief.pdf", PDF, None)
    ]


def test_a_damaged_msg_is_quarantined(tmp_path: Path) -> None:
    broken = compound_file({"__properties_version1.0": b"\0" * 7, "x": b"y"})
    contents = read_input(tmp_path / "m.eml", bytes(email_with(("fw.msg", broken))), LIMITS)
    problems = [p.problem for p in contents.parts if p.problem]
    assert len(problems) == 1 and "Outlook message (.msg)" in (problems[0] or "")


# --- Exchange: winmail.dat ------------------------------------------------------------------


def _tnef_attribute(level: int, kind: int, name: int, data: bytes) -> bytes:
    header = struct.pack("<BHHI", level, name, kind, len(data))
    return header + data + struct.pack("<H", sum(data) & 0xFFFF)


def winmail_dat(body: str | None, attachments: tuple[tuple[str, bytes], ...]) -> bytes:
    """A TNEF stream (MS-OXTNEF): version, code page, body text, attachments by value."""
    out = struct.pack("<IH", 0x223E9F78, 1)
    out += _tnef_attribute(1, 0x0008, 0x9006, struct.pack("<I", 0x10000))  # TNEF version
    out += _tnef_attribute(1, 0x0006, 0x9007, struct.pack("<II", 1252, 0))  # code page
    out += _tnef_attribute(1, 0x0007, 0x8008, b"IPM.Microsoft Mail.Note\0")
    if body is not None:
        out += _tnef_attribute(1, 0x0002, 0x800C, body.encode("cp1252"))
    for name, data in attachments:
        out += _tnef_attribute(2, 0x0006, 0x9002, b"\x01\x00" + b"\xff" * 12)  # starts one
        out += _tnef_attribute(2, 0x0001, 0x8010, name.encode("cp1252") + b"\0")
        out += _tnef_attribute(2, 0x0006, 0x800F, data)
    return out


def rtf_letter_properties(rtf: bytes) -> bytes:
    """A TNEF MAPI-properties attribute holding the letter as compressed RTF (MS-OXRTFCP)."""
    packed = compressed_rtf.compress(rtf, compressed=True)
    padded = packed + b"\0" * (-len(packed) % 4)
    # one property: PT_BINARY PR_RTF_COMPRESSED, one value of len(packed) bytes
    data = struct.pack("<IHHII", 1, 0x0102, 0x1009, 1, len(packed)) + padded
    return _tnef_attribute(1, 0x0006, 0x9003, data)


def tnef_email(tnef: bytes, body: str) -> bytes:
    msg = email_with(body=body)
    msg.add_attachment(tnef, maintype="application", subtype="ms-tnef", filename="winmail.dat")
    return bytes(msg)


def test_a_winmail_dat_is_unpacked_into_its_attachments(
    office_files: dict[str, bytes], tmp_path: Path
) -> None:
    tnef = winmail_dat("Zie bijlage.", (("brief.rtf", office_files["rtf"]),))
    contents = read_input(tmp_path / "m.eml", tnef_email(tnef, COVERING_NOTE), LIMITS)
    only_letter(contents)
    assert contents.parts[0].part == "brief.rtf"  # the winmail.dat itself is no document


def test_the_letter_inside_a_winmail_dat_is_the_body(tmp_path: Path) -> None:
    tnef = winmail_dat(LETTER, ())
    contents = read_input(tmp_path / "m.eml", tnef_email(tnef, ""), LIMITS)
    assert [(p.part, p.media_type) for p in contents.parts] == [("body", TEXT)]
    assert "kenteken KX-123-B" in contents.parts[0].data.decode()


def test_an_rtf_letter_inside_a_winmail_dat_becomes_a_document(tmp_path: Path) -> None:
    rtf = "{\\rtf1\\ansi " + LETTER.replace("\n", "\\par\n") + "}"
    tnef = winmail_dat(None, ()) + rtf_letter_properties(rtf.encode("cp1252"))
    contents = read_input(tmp_path / "m.eml", tnef_email(tnef, ""), LIMITS)
    only_letter(contents)
    assert contents.parts[0].part == "body.rtf"


def test_a_damaged_winmail_dat_is_quarantined(tmp_path: Path) -> None:
    data = tnef_email(b"\x78\x9f\x3e\x22\x01\x00" + b"\x01" * 40, LETTER)
    contents = read_input(tmp_path / "m.eml", data, LIMITS)
    assert [p.part for p in contents.parts] == ["winmail.dat", "body"]
    assert "winmail.dat (Outlook TNEF) is damaged or empty" in (contents.parts[0].problem or "")


# --- S/MIME ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def signer() -> Iterator[tuple[x509.Certificate, rsa.RSAPrivateKey]]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "P. Jansen")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    yield cert, key


ENVELOPE = (
    b"From: P. Jansen <p.jansen@example.nl>\r\nTo: info@gemeente.example.nl\r\n"
    b"Subject: Aanvraag parkeervergunning\r\nMessage-ID: <signed-1@example.nl>\r\n"
)


def signed_content(office_files: dict[str, bytes]) -> bytes:
    inner = EmailMessage()
    inner.set_content(COVERING_NOTE)
    inner.add_attachment(
        office_files["docx"], maintype="application", subtype="octet-stream", filename="brief.docx"
    )
    return inner.as_bytes().replace(b"MIME-Version: 1.0\n", b"").replace(b"\n", b"\r\n")


def test_a_signed_email_gives_its_letter_not_the_signature(
    office_files: dict[str, bytes],
    signer: tuple[x509.Certificate, rsa.RSAPrivateKey],
    tmp_path: Path,
) -> None:
    cert, key = signer
    builder = pkcs7.PKCS7SignatureBuilder().set_data(signed_content(office_files))
    signed = builder.add_signer(cert, key, hashes.SHA256()).sign(
        serialization.Encoding.SMIME, [pkcs7.PKCS7Options.DetachedSignature]
    )
    assert b"multipart/signed" in signed and b"smime.p7s" in signed
    contents = read_input(tmp_path / "signed.eml", ENVELOPE + signed, LIMITS)
    only_letter(contents)
    assert contents.parts[0].part == "brief.docx"


def test_a_signed_email_without_attachments_is_its_body(
    signer: tuple[x509.Certificate, rsa.RSAPrivateKey], tmp_path: Path
) -> None:
    cert, key = signer
    content = f"Content-Type: text/plain; charset=utf-8\r\n\r\n{LETTER}".encode()
    builder = pkcs7.PKCS7SignatureBuilder().set_data(content).add_signer(cert, key, hashes.SHA256())
    signed = builder.sign(serialization.Encoding.SMIME, [pkcs7.PKCS7Options.DetachedSignature])
    contents = read_input(tmp_path / "signed.eml", ENVELOPE + signed, LIMITS)
    assert [(p.part, p.media_type) for p in contents.parts] == [("body", TEXT)]
    assert "kenteken KX-123-B" in contents.parts[0].data.decode()


def test_an_opaque_signed_email_is_quarantined_with_its_reason(
    signer: tuple[x509.Certificate, rsa.RSAPrivateKey], tmp_path: Path
) -> None:
    cert, key = signer
    builder = pkcs7.PKCS7SignatureBuilder().set_data(b"Content-Type: text/plain\r\n\r\n" + b"x")
    der = builder.add_signer(cert, key, hashes.SHA256()).sign(serialization.Encoding.DER, [])
    mime = (
        b"MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=signed-data; "
        b'name="smime.p7m"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
    )
    contents = read_input(tmp_path / "m.eml", ENVELOPE + mime + base64.encodebytes(der), LIMITS)
    assert [p.problem for p in contents.parts if p.problem] == [
        "signed email in the opaque S/MIME form (signed-data); mailroom cannot take the letter "
        "out of it: open it in a mail client and forward the letter, or ask the sender to sign "
        "with a detached signature"
    ]


def test_an_encrypted_email_is_quarantined(
    signer: tuple[x509.Certificate, rsa.RSAPrivateKey], tmp_path: Path
) -> None:
    cert, _ = signer
    builder = pkcs7.PKCS7EnvelopeBuilder().set_data(b"Content-Type: text/plain\r\n\r\ngeheim")
    encrypted = builder.add_recipient(cert).encrypt(serialization.Encoding.SMIME, [])
    contents = read_input(tmp_path / "m.eml", ENVELOPE + encrypted, LIMITS)
    assert [(p.part, p.problem) for p in contents.parts] == [
        (
            "smime.p7m",
            "encrypted email (S/MIME); mailroom cannot read it without the recipient's key",
        )
    ]
