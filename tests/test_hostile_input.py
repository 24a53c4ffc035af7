"""Hostile and broken input: each bad file ends in quarantine with a reason a postroom
employee can read, and the rest of the batch goes through.

Every input is made here, byte by byte where a library would refuse to make it.
The first tests call ``read_input`` (fast, one case each); the batch tests run
``api.ingest`` on a folder of hostile files with good letters between them, as
the watch-folder daemon would, through the real database, classifier and OCR.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.app.pipeline import DocumentResult
from mailroom.core.errors import CorruptInput, EncryptedInput, InputRejected, UnsupportedInput
from mailroom.intake.detect import PDF, TEXT
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.sources import read_input
from mailroom.testing.emails import email_message
from mailroom.testing.pdfs import text_pdf
from mailroom.testing.scans import render_page

GOOD_LETTER = (
    "Geachte heer, mevrouw,\nHierbij vraag ik een parkeervergunning aan voor mijn auto "
    "in de wijk Centrum.\nMet vriendelijke groet, P. Jansen"
)
GONE_THROUGH = ("routed", "needs_review")
MARKER = "mailroom-escape-7f3a"  # in attachment names that try to leave the store
LIGHT = "Beste gemeente,\nDe lantaarnpaal voor Lindenlaan 23 is al twee weken kapot.\nH. de Boer"

# --- making hostile files ------------------------------------------------------------------


def letter_pdf(text: str = GOOD_LETTER) -> bytes:
    return text_pdf([text])


def truncated_pdf() -> bytes:
    data = text_pdf([GOOD_LETTER, "Tweede bladzijde van de brief."])
    return data[: len(data) * 3 // 5]  # cut off mid-file: no xref, no trailer


def corrupt_tiff() -> bytes:
    return b"II*\x00" + bytes(range(256)) * 8


def _saved(pdf: pikepdf.Pdf, **kwargs: object) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **kwargs)
    return out.getvalue()


def encrypted_pdf(user: str, owner: str = "eigenaar", text: str = GOOD_LETTER) -> bytes:
    with pikepdf.open(io.BytesIO(letter_pdf(text))) as pdf:
        return _saved(pdf, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))


def javascript_pdf(where: str = "openaction") -> bytes:
    with pikepdf.open(io.BytesIO(letter_pdf())) as pdf:
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        page = pdf.pages[0].obj
        if where == "openaction":  # a direct dictionary in the catalog, as most tools write it
            pdf.Root.OpenAction = action
        elif where == "indirect":
            pdf.Root.OpenAction = pdf.make_indirect(action)
        elif where == "page-open":
            page.AA = pikepdf.Dictionary(O=action)
        elif where == "link":
            page.Annots = pikepdf.Array(
                [pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, A=action)]
            )
        elif where == "names":
            pdf.Root.Names = pikepdf.Dictionary(
                JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), action]))
            )
        return _saved(pdf)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png(side: int = 20_000) -> bytes:
    """A valid 1-bit PNG of side x side white pixels: a few KB that unpack to 400 megapixels."""
    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def png(image: Image.Image, dpi: int = 300) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def tiny_png() -> bytes:
    return png(Image.new("L", (10, 10), 255))


def huge_page_pdf() -> bytes:
    """One page of 5 x 5 metres (the largest a PDF allows): a memory bomb when rendered."""
    with pikepdf.open(io.BytesIO(letter_pdf())) as pdf:
        pdf.pages[0].obj.MediaBox = pikepdf.Array([0, 0, 14400, 14400])
        return _saved(pdf)


def giant_image_pdf(side: int = 35_000) -> bytes:
    """One page holding a bilevel image of side x side pixels: a few hundred KB that unpack
    to more than a gigabyte as a greyscale page."""
    row = b"\xff" * ((side + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    pdf = pikepdf.new()
    image = pikepdf.Stream(pdf, data)
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = side, side, 1
    image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.FlateDecode
    inches = side / 300
    page = pdf.add_blank_page(page_size=(inches * 72, inches * 72))
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pdf.make_stream(b"q %f 0 0 %f 0 0 cm /Im0 Do Q" % (inches * 72, inches * 72))
    return _saved(pdf)


def executable() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode"


def zip_of(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def _patch_zip(data: bytes, fix: Callable[[bytearray, int, bool], None]) -> bytes:
    raw = bytearray(data)
    for signature, central in ((b"PK\x03\x04", False), (b"PK\x01\x02", True)):
        at = raw.find(signature)
        while at != -1:
            fix(raw, at, central)
            at = raw.find(signature, at + 4)
    return bytes(raw)


def encrypted_zip() -> bytes:
    """A zip whose member says it is encrypted (general purpose flag bit 0)."""

    def flag(raw: bytearray, at: int, central: bool) -> None:
        raw[at + (8 if central else 6)] |= 0x01

    return _patch_zip(zip_of([("brief.pdf", letter_pdf())]), flag)


def declared_bomb_zip(declared: int = 0xFFFF_FFF0) -> bytes:
    """A zip whose member declares 4 GB of content (as a real bomb does)."""

    def size(raw: bytearray, at: int, central: bool) -> None:
        offset = 24 if central else 22
        raw[at + offset : at + offset + 4] = struct.pack("<I", declared)

    return _patch_zip(zip_of([("brief.pdf", letter_pdf())]), size)


def lying_zip() -> bytes:
    """A zip that declares 1 KB but holds 20 MB: only the budget is ever read."""

    def size(raw: bytearray, at: int, central: bool) -> None:
        offset = 24 if central else 22
        raw[at + offset : at + offset + 4] = struct.pack("<I", 1000)

    return _patch_zip(zip_of([("brief.pdf", b"%PDF-1.4\n" + b"\x00" * 20_000_000)]), size)


def many_members_zip(count: int = 5000) -> bytes:
    return zip_of([(f"deel-{i}.txt", b"x") for i in range(count)])


HEADERS = (
    b"From: Piet Jansen <piet@example.nl>\r\nTo: info@gemeente.example.nl\r\n"
    b"Subject: Aanvraag\r\nMessage-ID: <%s@example.nl>\r\nMIME-Version: 1.0\r\n"
)


def headers(tag: str) -> bytes:
    return HEADERS % tag.encode()


def mail(
    attachments: list[tuple[str, bytes, str]], body: str = "Zie bijlage.", tag: str = "m"
) -> bytes:
    return bytes(
        email_message(
            "Piet Jansen <piet@example.nl>",
            "Aanvraag",
            body,
            f"<{tag}@example.nl>",
            attachments,
            to="info@gemeente.example.nl",
        )
    )


def huge_header_mail() -> bytes:
    recipients = b", ".join(b"bewoner%d@example.nl" % i for i in range(3000))  # ~60 KB
    junk = b"".join(b"X-Spam-%d: %s\r\n" % (i, b"a" * 60) for i in range(2000))
    return (
        b"From: " + recipients + b"\r\nTo: info@gemeente.example.nl\r\nSubject: Aanvraag\r\n"
        b"Message-ID: <huge@example.nl>\r\n" + junk + b"\r\nDe lantaarnpaal is kapot.\r\n"
    )


def deep_mime_mail(depth: int) -> bytes:
    out = [headers(f"deep{depth}")]
    for level in range(depth):
        out.append(
            b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (level, level)
        )
    out.append(b"Content-Type: text/plain\r\n\r\nDe lantaarnpaal is kapot.\r\n")
    out.extend(b"--b%d--\r\n" % level for level in reversed(range(depth)))
    return b"".join(out)


def attached_mail_chain(depth: int) -> bytes:
    """A message attached to a message attached to a message ... ``depth`` times."""
    inner = headers("innermost") + b"\r\nDe lantaarnpaal is kapot.\r\n"
    for level in range(depth):
        inner = headers(f"fwd{level}") + b"Content-Type: message/rfc822\r\n\r\n" + inner
    return inner


def bad_charset_mail() -> bytes:
    return (
        b"From: =?x-bogus?q?Piet_Jansen?= <piet@example.nl>\r\nTo: info@gemeente.example.nl\r\n"
        b"Subject: =?x-unknown?b?/////w==?= lantaarnpaal\r\nMessage-ID: <charset@example.nl>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-unknown-42\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        b"Beste gemeente, de lantaarnpaal in de Stra\xdfe bij n\xfammer 4 is kap\xf6t. "
        b"Het kost \x80 50.\r\n"
    )


# --- read_input, one case at a time -------------------------------------------------------

REJECTED: list[tuple[str, Callable[[], bytes], type[InputRejected], str]] = [
    ("empty.pdf", lambda: b"", UnsupportedInput, "empty"),
    ("truncated.pdf", truncated_pdf, CorruptInput, "damaged"),
    ("corrupt.tif", corrupt_tiff, CorruptInput, "damaged"),
    ("encrypted.pdf", lambda: encrypted_pdf("geheim"), EncryptedInput, "password"),
    ("js-openaction.pdf", lambda: javascript_pdf("openaction"), InputRejected, "JavaScript"),
    ("js-indirect.pdf", lambda: javascript_pdf("indirect"), InputRejected, "JavaScript"),
    ("js-page.pdf", lambda: javascript_pdf("page-open"), InputRejected, "JavaScript"),
    ("js-link.pdf", lambda: javascript_pdf("link"), InputRejected, "JavaScript"),
    ("js-names.pdf", lambda: javascript_pdf("names"), InputRejected, "JavaScript"),
    ("bomb.png", bomb_png, InputRejected, "decompression bomb"),
    ("giant-page.pdf", giant_image_pdf, InputRejected, "35000 x 35000 pixels"),
    ("tiny.png", tiny_png, InputRejected, "too small"),
    ("program.pdf", executable, UnsupportedInput, "executable"),
    ("script.pdf", lambda: b"#!/bin/sh\nrm -rf /\n", UnsupportedInput, "executable"),
    ("huge-headers.eml", huge_header_mail, CorruptInput, r"From header of \d+ KB"),
    ("deep.eml", lambda: deep_mime_mail(300), CorruptInput, "nested more than 25"),
    ("attached-deep.eml", lambda: attached_mail_chain(1500), CorruptInput, "nested"),
]


def assert_readable(reason: str | None) -> None:
    """A reason for people: says what is wrong, not which library object complained."""
    assert reason and reason.strip(), "no reason given"
    assert "object at 0x" not in reason and "Traceback" not in reason, reason
    assert not re.search(r"\b[A-Z]\w*(Error|Exception)\b", reason), reason
    assert "internal error" not in reason, reason


@pytest.mark.parametrize(
    ("name", "make", "error", "reason"), REJECTED, ids=[c[0] for c in REJECTED]
)
def test_hostile_file_is_refused_with_a_reason(
    name: str, make: Callable[[], bytes], error: type[InputRejected], reason: str
) -> None:
    data = make()
    started = time.monotonic()
    with pytest.raises(error, match=reason) as caught:
        read_input(Path(name), data, IntakeLimits())
    assert_readable(caught.value.message)
    assert time.monotonic() - started < 5, "a hostile file must be refused quickly"


def test_more_pages_than_the_limit_is_refused() -> None:
    data = text_pdf([f"Bladzijde {n}" for n in range(1, 5)])
    with pytest.raises(InputRejected, match="4 pages; at most 3"):
        read_input(Path("dik.pdf"), data, IntakeLimits(max_pages=3))
    assert len(read_input(Path("dik.pdf"), data, IntakeLimits(max_pages=4)).parts) == 1


def test_a_5_metre_page_is_not_rendered_at_full_size() -> None:
    started = time.monotonic()
    [part] = read_input(Path("poster.pdf"), huge_page_pdf(), IntakeLimits()).parts
    assert part.media_type == PDF and part.problem is None
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("name", "data"),
    [("brief.png", letter_pdf()), ("scan.pdf", png(render_page("Hallo", dpi=100), dpi=100))],
)
def test_type_comes_from_the_content_not_the_name(name: str, data: bytes) -> None:
    [part] = read_input(Path(name), data, IntakeLimits()).parts
    assert part.media_type == PDF and part.problem is None


def test_owner_password_only_opens_and_loses_its_encryption() -> None:
    [part] = read_input(Path("beveiligd.pdf"), encrypted_pdf(user=""), IntakeLimits()).parts
    assert part.problem is None
    with pikepdf.open(io.BytesIO(part.data)) as pdf:
        assert not pdf.is_encrypted


def test_email_with_unknown_charsets_still_gives_its_body() -> None:
    [body] = read_input(Path("m.eml"), bad_charset_mail(), IntakeLimits()).parts
    assert body.part == "body" and body.media_type == TEXT and body.problem is None
    text = body.data.decode("utf-8")
    assert "lantaarnpaal" in text and "kap" in text


@pytest.mark.parametrize(
    ("zip_data", "reason"),
    [
        (encrypted_zip(), "password-protected"),
        (declared_bomb_zip(), "size limit"),
        (many_members_zip(), "5000 files"),
        (lying_zip(), "size limit|damaged"),
        (zip_of([("a.zip", zip_of([("b.zip", zip_of([("c.pdf", letter_pdf())]))]))]), "nested"),
    ],
    ids=["encrypted", "declared-4GB", "5000-members", "lying-size", "nested-3-deep"],
)
def test_bad_zip_attachment_is_kept_with_its_reason(zip_data: bytes, reason: str) -> None:
    parts = read_input(
        Path("m.eml"), mail([("stukken.zip", zip_data, "application/zip")]), IntakeLimits()
    ).parts
    [bad] = [p for p in parts if p.problem]
    assert bad.part == "stukken.zip" and re.search(reason, bad.problem or ""), bad.problem
    assert_readable(bad.problem)


def test_attachment_names_are_labels_only() -> None:
    parts = read_input(
        Path("m.eml"),
        mail(
            [
                (f"../../../{MARKER}-1.pdf", letter_pdf(), "application/pdf"),
                (f"..\\..\\{MARKER}-2.exe", executable(), "application/octet-stream"),
                (f"/etc/cron.d/Zoë’s brief €ü {MARKER}.pdf", b"%PDF-1.4 kapot", "application/pdf"),
            ]
        ),
        IntakeLimits(),
    ).parts
    assert [p.part for p in parts] == [
        f"{MARKER}-1.pdf",
        f"{MARKER}-2.exe",
        f"Zoë’s brief €ü {MARKER}.pdf",
    ]
    assert [bool(p.problem) for p in parts] == [False, True, True]


# --- whole batches through api.ingest ------------------------------------------------------


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def by_name(results: list[DocumentResult]) -> dict[tuple[str, str | None], DocumentResult]:
    named = {(Path(r.file).name, r.part): r for r in results}
    assert len(named) == len(results), results
    return named


def check_quarantined(mr: Mailroom, result: DocumentResult, reason: str) -> str | None:
    """What is wrong with a document expected in quarantine (None when all is right)."""
    if result.state != "quarantined":
        return f"{result.file} [{result.part}]: {result.state}, not quarantined ({result.error})"
    if not re.search(reason, result.error or ""):
        return f"{result.file} [{result.part}]: reason {result.error!r} does not say {reason!r}"
    try:
        assert_readable(result.error)
    except AssertionError as e:
        return f"{result.file} [{result.part}]: unreadable reason: {e}"
    folder = mr.settings.quarantine_dir
    note = folder / f"{result.id}.txt"
    copies = [p for p in folder.glob(f"{result.id}.*") if p.suffix != ".txt"]
    if not note.is_file() or note.read_text(encoding="utf-8").strip() != result.error:
        return f"{result.file} [{result.part}]: no reason file in quarantine"
    if len(copies) != 1:
        return f"{result.file} [{result.part}]: no copy in quarantine"
    return None


def check_through(result: DocumentResult) -> str | None:
    if result.state in GONE_THROUGH:
        return None
    return f"{result.file} [{result.part}]: {result.state} ({result.error}), expected it through"


def write(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


def test_hostile_scanner_batch_is_quarantined_and_the_letters_go_through(
    mr: Mailroom, tmp_path: Path
) -> None:
    mr.settings = mr.settings.model_copy(update={"max_pages": 5})
    inbox = tmp_path / "scanner"
    write(
        inbox,
        {
            "01-empty.pdf": b"",
            "02-truncated.pdf": truncated_pdf(),
            "03-corrupt.tif": corrupt_tiff(),
            "04-encrypted.pdf": encrypted_pdf("geheim"),
            "05-javascript.pdf": javascript_pdf("openaction"),
            "06-bomb.png": bomb_png(),
            "07-too-many-pages.pdf": text_pdf([f"Bladzijde {n}" for n in range(1, 7)]),
            "08-tiny.png": tiny_png(),
            "09-program.exe": executable(),
            "10-pdf-named.png": letter_pdf(
                "Geachte heer,\nIk wil bezwaar maken tegen mijn WOZ-beschikking.\nP. de Wit"
            ),
            "11-png-named.pdf": png(
                render_page("Geachte heer,\nMijn lantaarnpaal is kapot.", dpi=100), dpi=100
            ),
            "12-owner-password-only.pdf": encrypted_pdf(
                "", text="Geachte heer,\nIk vraag huishoudelijke hulp aan via de Wmo.\nK. Smit"
            ),
            "99-good.pdf": letter_pdf(),
        },
    )
    before = files_under(tmp_path)

    results = by_name(api.ingest(mr, [inbox]))

    expected_quarantine = {
        "01-empty.pdf": "empty",
        "02-truncated.pdf": "damaged",
        "03-corrupt.tif": "damaged",
        "04-encrypted.pdf": "password",
        "05-javascript.pdf": "JavaScript",
        "06-bomb.png": "decompression bomb",
        "07-too-many-pages.pdf": "6 pages; at most 5",
        "08-tiny.png": "too small",
        "09-program.exe": "executable",
    }
    problems = [
        check_quarantined(mr, results[(name, None)], reason)
        for name, reason in expected_quarantine.items()
    ]
    problems += [
        check_through(results[(name, None)])
        for name in ("10-pdf-named.png", "11-png-named.pdf", "12-owner-password-only.pdf")
    ]
    problems.append(check_through(results[("99-good.pdf", None)]))
    assert [p for p in problems if p] == []
    assert len(results) == 13
    assert_written_only_to_store_and_quarantine(mr, files_under(tmp_path) - before)


def assert_written_only_to_store_and_quarantine(mr: Mailroom, new: set[Path]) -> None:
    """Files an ingest made: the store, quarantine, the databases and the log in home; nothing
    else."""
    home = mr.settings.home
    for path in new:
        assert path.is_relative_to(home), f"{path} written outside the data directory"
        if path == mr.settings.log_path:
            continue  # what the OCR tools said goes to the log
        where = path.relative_to(home).parts
        assert where[0] in ("store", "quarantine") or (
            len(where) == 1 and path.suffix in (".sqlite3", ".sqlite3-wal", ".sqlite3-shm")
        ), path


def test_hostile_email_batch_is_quarantined_and_the_rest_goes_through(
    mr: Mailroom, tmp_path: Path
) -> None:
    inbox = tmp_path / "email"
    names_mail = mail(
        [
            (f"../../../{MARKER}-1.pdf", letter_pdf(LIGHT), "application/pdf"),
            (f"..\\..\\{MARKER}-2.exe", executable(), "application/octet-stream"),
            (f"Zoë’s brief €ü {MARKER}.pdf", encrypted_pdf("geheim"), "application/pdf"),
        ],
        tag="names",
    )
    bombs = [
        ("encrypted.zip", encrypted_zip(), "application/zip"),
        ("bomb-members.zip", many_members_zip(), "application/zip"),
        ("bomb-size.zip", declared_bomb_zip(), "application/zip"),
    ]
    good_zip = zip_of(
        [("map/brief.pdf", letter_pdf("Geachte heer,\nIk meld een kapotte stoeptegel.\nJ. Bos"))]
    )
    write(
        inbox,
        {
            "e01-huge-headers.eml": huge_header_mail(),
            "e02-deep-mime.eml": deep_mime_mail(300),
            "e03-charset.eml": bad_charset_mail(),
            "e04-names.eml": names_mail,
            "e05-executable.eml": mail(
                [("factuur.pdf.exe", executable(), "application/octet-stream")], tag="exe"
            ),
            "e06-zips.eml": mail(bombs, tag="zips"),
            "e07-good-zip.eml": mail([("stukken.zip", good_zip, "application/zip")], tag="zip"),
            "e99-good.pdf": letter_pdf(),
        },
    )
    home = mr.settings.home
    before = files_under(tmp_path)

    results = by_name(api.ingest(mr, [inbox]))

    q = "e04-names.eml"
    problems = [
        check_quarantined(mr, results[("e01-huge-headers.eml", None)], "header"),
        check_quarantined(mr, results[("e02-deep-mime.eml", None)], "nested"),
        check_through(results[("e03-charset.eml", "body")]),
        check_through(results[(q, f"{MARKER}-1.pdf")]),
        check_quarantined(mr, results[(q, f"{MARKER}-2.exe")], "executable"),
        check_quarantined(mr, results[(q, f"Zoë’s brief €ü {MARKER}.pdf")], "password"),
        check_quarantined(mr, results[("e05-executable.eml", "factuur.pdf.exe")], "executable"),
        check_quarantined(mr, results[("e06-zips.eml", "encrypted.zip")], "password-protected"),
        check_quarantined(mr, results[("e06-zips.eml", "bomb-members.zip")], "5000 files"),
        check_quarantined(mr, results[("e06-zips.eml", "bomb-size.zip")], "size limit"),
        check_through(results[("e07-good-zip.eml", "stukken.zip/brief.pdf")]),
        check_through(results[("e99-good.pdf", None)]),
    ]
    assert [p for p in problems if p] == []
    assert len(results) == 12, sorted(results)
    text = api.document_text(mr, results[("e03-charset.eml", "body")].id)
    assert "lantaarnpaal" in text

    # Names from the email are labels: nothing was written outside the data directory,
    # nothing anywhere carries the name, and quarantine files are named by document id.
    assert_written_only_to_store_and_quarantine(mr, files_under(tmp_path) - before)
    folders = {tmp_path, tmp_path.parent, Path.cwd(), home, *(p.parent for p in files_under(home))}
    for folder in folders:
        assert not list(folder.glob(f"*{MARKER}*")), folder
    for path in files_under(mr.settings.quarantine_dir):
        assert re.fullmatch(r"\d+\.\w+", path.name), path
