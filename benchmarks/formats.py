"""Formats benchmark: ordinary files of every accepted kind through the real ``mailroom`` CLI.

Run: .venv/bin/python benchmarks/formats.py [--per-format N]

Issue 16: files as other programs make them (Word, LibreOffice, Outlook, Exchange, phones,
PDF signers and form fillers, scanners) were quarantined as unreadable, and third-party tools
printed warnings into the terminal. This makes ``--per-format`` files (default 5, 21 formats:
105 files) of each kind below, each carrying a different Dutch letter from the packaged
evaluation corpus (``mailroom/classifiers/corpus/eval``: texts the classifier is not trained
on, 13 case types) — except the scans, whose letters come from ``mailroom.testing.scans``:

  docx, doc, odt, rtf      LibreOffice converting the letter as text (as the tests do)
  xlsx                     LibreOffice converting a CSV: the letter one line per row
  pptx                     LibreOffice converting a one-slide presentation of the letter
  msg-pdf                  an Outlook .msg with the letter as a PDF attachment
  eml-docx                 an email with the letter as a Word attachment
  winmail                  an email from Exchange: the letter as RTF inside winmail.dat
  smime                    S/MIME signed mail: the letter as body, or as a Word attachment
  heic, gif, bmp, webp     the letter as a picture (GIF: every other one animated;
                           WebP: every other one transparent)
  jpeg-exif                a phone photo stored turned, with its EXIF orientation tag
  png-alpha                16-bit RGBA, or 8-bit with a transparent background
  pdf-signed               a born-digital letter digitally signed (CMS, ``cryptography``)
  pdf-form                 an AcroForm whose filled-in fields hold name and letter
  pdf-no-tz                a creation date without time zone
  pdf-born-digital         Helvetica (hand-written PDF) or an embedded TrueType subset
  pdf-scanned              a scanned page, every kind of ``mailroom.testing.scans``, turned

The generators are the tests' own (``tests/test_office_and_outlook.py``,
``tests/test_phone_images_and_pdfs.py``) where they take a text. ``mailroom init`` runs once
(it trains the classifier), then one ``mailroom ingest FOLDER --json`` subprocess per format,
stdout and stderr captured apart. Printed: per format the files, documents, routed / review /
quarantined / failed / other (duplicate), how many documents the classifier gave the
letter's own label ("label ok", of the documents with a known label), seconds per file (wall
time of the subprocess, start-up included) and the lines on stderr (noise); the total; every
quarantined or failed document with its reason; files that became more than one document;
and every stderr line, deduplicated (the first 20). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7
from PIL import Image

from mailroom.classifiers.corpus import packaged_corpus, read_corpora
from mailroom.testing.emails import email_message
from mailroom.testing.pdfs import text_pdf
from mailroom.testing.scans import KINDS, ORIENTATIONS, render_page, render_scan, save_scans

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import test_office_and_outlook as office_tests  # noqa: E402
import test_phone_images_and_pdfs as image_tests  # noqa: E402

PYTHON = REPO / ".venv" / "bin" / "python"
DPI = 200
TEXT_IMPORT = "Text (encoded):UTF8,LF,,,"
CSV_IMPORT = "CSV:44,34,76,1"
WORD_EXPORTS = {
    "docx": "docx:MS Word 2007 XML",
    "doc": "doc:MS Word 97",
    "odt": "odt:writer8",
    "rtf": "rtf:Rich Text Format",
}
COVERING_NOTES = (
    "Goedemiddag, in de bijlage vindt u mijn brief. Met vriendelijke groet.",
    "Beste medewerker, zie bijgevoegd document.",
    "Hierbij stuur ik u de brief zoals besproken.",
    "Zie bijlage.\n\nVerstuurd vanaf mijn iPhone",
)
NAMES = ("Petra Smit", "Jeroen de Vries", "Fatima el Amrani", "Kees Bakker", "Anouk Visser")
NOISE_SHOWN = 20
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d[,.]\d+\s*")


@dataclass(frozen=True)
class Letter:
    """One Dutch letter: its corpus label (``None`` when unknown) and text."""

    label: str | None
    text: str


@dataclass
class Sample:
    """One input file to write: its name, bytes and the label of the letter it carries."""

    name: str
    data: bytes
    label: str | None


@dataclass
class RunResult:
    """What one ``mailroom ingest`` subprocess gave for one format."""

    fmt: str
    files: int
    labels: dict[str, str | None]
    seconds: float
    returncode: int
    documents: list[dict] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    stdout_noise: list[str] = field(default_factory=list)


# --- letters ---------------------------------------------------------------------------------


def corpus_letters() -> Iterator[Letter]:
    """The evaluation corpus, one case type after another (round robin), forever; a text seen
    before comes back with a reference line added, so no two files have the same content."""
    by_label: dict[str, list[str]] = {}
    for example in read_corpora(packaged_corpus("eval")):
        by_label.setdefault(example.label, []).append(example.text)
    interleaved = [
        Letter(label, text)
        for group in itertools.zip_longest(*by_label.values())
        for label, text in zip(by_label, group, strict=True)
        if text is not None
    ]
    for lap in itertools.count():
        for letter in interleaved:
            suffix = f"\n\nOns kenmerk: BM-{lap:02d}" if lap else ""
            yield Letter(letter.label, letter.text + suffix)


def take(letters: Iterator[Letter], count: int) -> list[Letter]:
    """The next ``count`` letters."""
    return list(itertools.islice(letters, count))


def winansi(text: str) -> str:
    """``text`` as Windows-1252 can hold it (TNEF bodies, Helvetica PDFs)."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


def pdf_pages(text: str, width: int = 92, lines_per_page: int = 52) -> list[str]:
    """``text`` wrapped to the width of an A4 page in 11 pt Helvetica, cut into pages."""
    lines = [
        line for paragraph in text.split("\n") for line in textwrap.wrap(paragraph, width) or [""]
    ]
    return [
        "\n".join(lines[i : i + lines_per_page]) for i in range(0, len(lines), lines_per_page)
    ] or [""]


def letter_pdf(text: str) -> bytes:
    """A born-digital letter (Helvetica, real text layer), wrapped and paginated."""
    return text_pdf(pdf_pages(text))


# --- Office files, made by LibreOffice --------------------------------------------------------


def libreoffice_convert(sources: list[Path], export: str, infilter: str | None) -> list[bytes]:
    """``sources`` converted in one LibreOffice run, in order (as the tests do, but batched)."""
    folder = sources[0].parent / f"out-{export.split(':')[0]}"
    folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        command = ["soffice", "--headless", "--norestore"]
        command += [f"-env:UserInstallation={Path(profile).as_uri()}"]
        command += [f"--infilter={infilter}"] if infilter else []
        command += ["--convert-to", export, "--outdir", str(folder), *map(str, sources)]
        subprocess.run(command, capture_output=True, check=True, timeout=600)
    suffix = export.split(":")[0]
    return [(folder / f"{source.stem}.{suffix}").read_bytes() for source in sources]


def word_files(letters: list[Letter], export: str, work: Path) -> list[bytes]:
    """Each letter as a word-processor file (``export`` as LibreOffice names it)."""
    folder = work / f"text-{export.split(':')[0]}-{time.perf_counter_ns()}"
    folder.mkdir(parents=True)
    sources = []
    for i, letter in enumerate(letters):
        source = folder / f"brief-{i:03d}.txt"
        source.write_text(letter.text, encoding="utf-8")
        sources.append(source)
    return libreoffice_convert(sources, export, TEXT_IMPORT)


def spreadsheets(letters: list[Letter], work: Path) -> list[bytes]:
    """Each letter as an .xlsx: a CSV with one line of the letter per row, converted."""
    folder = work / "csv"
    folder.mkdir()
    sources = []
    for i, letter in enumerate(letters):
        source = folder / f"overzicht-{i:03d}.csv"
        with source.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, quoting=csv.QUOTE_ALL)
            writer.writerow(["Regel", "Tekst"])
            lines = [line for line in letter.text.split("\n") if line.strip()]
            writer.writerows([n, line] for n, line in enumerate(lines, start=1))
        sources.append(source)
    return libreoffice_convert(sources, "xlsx", CSV_IMPORT)


def presentations(letters: list[Letter], work: Path) -> list[bytes]:
    """Each letter as a one-slide .pptx (the tests' hand-written .odp, converted)."""
    folder = work / "odp"
    folder.mkdir()
    sources = []
    for i, letter in enumerate(letters):
        paragraphs = "</text:p><text:p>".join(escape(line) for line in letter.text.split("\n"))
        source = folder / f"presentatie-{i:03d}.odp"
        source.write_bytes(office_tests.presentation(paragraphs))
        sources.append(source)
    return libreoffice_convert(sources, "pptx", None)


# --- mail ------------------------------------------------------------------------------------


def message_id(fmt: str, i: int) -> str:
    """A Message-ID unique to this run, format and file."""
    return f"{fmt}-{i}-{time.time_ns()}@example.nl"


def email_with(
    fmt: str, i: int, body: str, attachments: list[tuple[str, bytes, str]]
) -> EmailMessage:
    """An email from a resident with ``attachments`` as (name, data, media type)."""
    sender = NAMES[i % len(NAMES)]
    return email_message(
        f"{sender} <{sender.split()[0].lower()}{i}@example.nl>",
        "Brief aan de gemeente",
        body,
        f"<{message_id(fmt, i)}>",
        attachments,
        to="info@gemeente.example.nl",
    )


def outlook_msg(i: int, body: str, attachments: list[tuple[str, bytes, str]]) -> bytes:
    """An Outlook .msg as received (the tests' compound-file writer), with its own sender,
    subject and Message-ID."""
    sender = NAMES[i % len(NAMES)]
    address = f"{sender} <{sender.split()[0].lower()}{i}@example.nl>"
    ident = f"<{message_id('msg', i)}>"
    headers = (
        f"From: {address}\r\nTo: info@gemeente.example.nl\r\nSubject: Brief\r\n"
        f"Message-ID: {ident}\r\nDate: Mon, 09 Nov 2026 09:15:00 +0000\r\n\r\n"
    )
    streams, records = office_tests._properties(
        [
            (0x001A, 0x001F, "IPM.Note"),
            (0x0037, 0x001F, "Brief"),
            (0x0C1A, 0x001F, address),
            (0x0E04, 0x001F, "info@gemeente.example.nl"),
            (0x1000, 0x001F, body),
            (0x1035, 0x001F, ident),
            (0x007D, 0x001F, headers),
            (0x0039, 0x0040, datetime(2026, 11, 9, 9, 15, tzinfo=UTC)),
        ]
    )
    files = dict(streams)
    for stream in ("00020102", "00030102", "00040102"):
        files[f"__nameid_version1.0/__substg1.0_{stream}"] = b""
    count = len(attachments)
    files["__properties_version1.0"] = struct.pack("<8xIIII8x", 0, count, 0, count) + records
    for n, (name, data, media_type) in enumerate(attachments):
        storage = f"__attach_version1.0_#{n:08X}"
        streams, records = office_tests._properties(
            [
                (0x3701, 0x0102, data),
                (0x3707, 0x001F, name),
                (0x370E, 0x001F, media_type),
                (0x3705, 0x0003, 1),
                (0x0E21, 0x0003, n),
            ]
        )
        files.update({f"{storage}/{key}": value for key, value in streams.items()})
        files[f"{storage}/__properties_version1.0"] = b"\0" * 8 + records
    return office_tests.compound_file(files)


def smime_signed(i: int, content: bytes) -> bytes:
    """``content`` (a MIME entity, CRLF) signed with a detached S/MIME signature, enveloped."""
    key, certificate = image_tests.signing_identity(NAMES[i % len(NAMES)])
    builder = pkcs7.PKCS7SignatureBuilder().set_data(content)
    signed = builder.add_signer(certificate, key, hashes.SHA256()).sign(
        serialization.Encoding.SMIME, [pkcs7.PKCS7Options.DetachedSignature]
    )
    envelope = (
        f"From: P. Jansen <p.jansen{i}@example.nl>\r\nTo: info@gemeente.example.nl\r\n"
        f"Subject: Brief\r\nMessage-ID: <{message_id('smime', i)}>\r\n"
    )
    return envelope.encode() + signed


def mime_entity(msg: EmailMessage) -> bytes:
    """``msg`` as the content of a signed mail: no MIME-Version, CRLF line ends."""
    return msg.as_bytes().replace(b"MIME-Version: 1.0\n", b"").replace(b"\n", b"\r\n")


# --- the formats -----------------------------------------------------------------------------

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def make_word(fmt: str) -> Callable[[list[Letter], Path], list[Sample]]:
    """A maker of ``fmt`` files (docx, doc, odt, rtf) written by LibreOffice."""

    def make(letters: list[Letter], work: Path) -> list[Sample]:
        datas = word_files(letters, WORD_EXPORTS[fmt], work)
        return [
            Sample(f"brief-{i:03d}.{fmt}", data, letter.label)
            for i, (letter, data) in enumerate(zip(letters, datas, strict=True))
        ]

    return make


def make_xlsx(letters: list[Letter], work: Path) -> list[Sample]:
    datas = spreadsheets(letters, work)
    return [
        Sample(f"overzicht-{i:03d}.xlsx", d, x.label)
        for i, (x, d) in enumerate(zip(letters, datas, strict=True))
    ]


def make_pptx(letters: list[Letter], work: Path) -> list[Sample]:
    datas = presentations(letters, work)
    return [
        Sample(f"presentatie-{i:03d}.pptx", d, x.label)
        for i, (x, d) in enumerate(zip(letters, datas, strict=True))
    ]


def make_msg(letters: list[Letter], work: Path) -> list[Sample]:
    samples = []
    for i, letter in enumerate(letters):
        attachment = ("brief.pdf", letter_pdf(winansi(letter.text)), "application/pdf")
        data = outlook_msg(i, COVERING_NOTES[i % len(COVERING_NOTES)], [attachment])
        samples.append(Sample(f"doorgestuurd-{i:03d}.msg", data, letter.label))
    return samples


def make_eml_docx(letters: list[Letter], work: Path) -> list[Sample]:
    datas = word_files(letters, WORD_EXPORTS["docx"], work)
    samples = []
    for i, (letter, docx) in enumerate(zip(letters, datas, strict=True)):
        note = COVERING_NOTES[i % len(COVERING_NOTES)]
        msg = email_with("eml", i, note, [(f"brief-{i}.docx", docx, DOCX_TYPE)])
        samples.append(Sample(f"mail-{i:03d}.eml", bytes(msg), letter.label))
    return samples


def make_winmail(letters: list[Letter], work: Path) -> list[Sample]:
    datas = word_files(letters, WORD_EXPORTS["rtf"], work)
    samples = []
    for i, (letter, rtf) in enumerate(zip(letters, datas, strict=True)):
        tnef = office_tests.winmail_dat("Zie bijlage.", (("brief.rtf", rtf),))
        msg = email_with(
            "winmail", i, "Zie bijlage.", [("winmail.dat", tnef, "application/ms-tnef")]
        )
        samples.append(Sample(f"exchange-{i:03d}.eml", bytes(msg), letter.label))
    return samples


def make_smime(letters: list[Letter], work: Path) -> list[Sample]:
    attached = letters[1::2]
    docx = iter(word_files(attached, WORD_EXPORTS["docx"], work)) if attached else iter(())
    samples = []
    for i, letter in enumerate(letters):
        inner = EmailMessage()
        if i % 2 == 0:
            inner.set_content(letter.text)
        else:
            inner.set_content(COVERING_NOTES[i % len(COVERING_NOTES)])
            inner.add_attachment(
                next(docx), maintype="application", subtype="octet-stream", filename="brief.docx"
            )
        data = smime_signed(i, mime_entity(inner))
        samples.append(Sample(f"getekend-{i:03d}.eml", data, letter.label))
    return samples


def page_of(letter: Letter) -> Image.Image:
    """The letter on a white A4 page at :data:`DPI`, greyscale."""
    return render_page(letter.text, DPI)


def make_image(fmt: str) -> Callable[[list[Letter], Path], list[Sample]]:
    """A maker of pictures of letters: heic, gif, bmp, webp."""

    def encode(i: int, page: Image.Image) -> bytes:
        if fmt == "heic":
            return image_tests.image_bytes(page.convert("RGB"), "HEIF", quality=85)
        if fmt == "gif":
            if i % 2:
                return image_tests.animated_gif(page)
            return image_tests.image_bytes(page, "GIF")
        if fmt == "bmp":
            return image_tests.image_bytes(page, "BMP")
        if i % 2:  # a screenshot with a transparent background, dark print under the alpha
            rgba = Image.new("RGBA", page.size, (0, 0, 0, 0))
            rgba.putalpha(Image.eval(page, lambda v: 255 - v))
            return image_tests.image_bytes(rgba, "WEBP", lossless=True)
        return image_tests.image_bytes(page.convert("RGB"), "WEBP", quality=85)

    def make(letters: list[Letter], work: Path) -> list[Sample]:
        return [
            Sample(f"IMG_{4000 + i}.{fmt}", encode(i, page_of(letter)), letter.label)
            for i, letter in enumerate(letters)
        ]

    return make


STORED_TURNED = {
    6: Image.Transpose.ROTATE_90,
    3: Image.Transpose.ROTATE_180,
    8: Image.Transpose.ROTATE_270,
    5: Image.Transpose.TRANSPOSE,
    7: Image.Transpose.TRANSVERSE,
}


def make_jpeg_exif(letters: list[Letter], work: Path) -> list[Sample]:
    samples = []
    for i, letter in enumerate(letters):
        orientation = list(STORED_TURNED)[i % len(STORED_TURNED)]
        exif = Image.Exif()
        exif[0x0112] = orientation
        turned = page_of(letter).convert("RGB").transpose(STORED_TURNED[orientation])
        data = image_tests.image_bytes(turned, "JPEG", quality=90, exif=exif)
        samples.append(Sample(f"IMG_{5000 + i}.jpg", data, letter.label))
    return samples


def make_png_alpha(letters: list[Letter], work: Path) -> list[Sample]:
    samples = []
    for i, letter in enumerate(letters):
        page = page_of(letter)
        if i % 2:
            rgba = page.convert("RGBA")
            rgba.putalpha(Image.eval(page, lambda v: 255 if v < 250 else 0))
            data = image_tests.image_bytes(rgba, "PNG")
        else:
            data = image_tests.png_16bit_with_alpha(page)
        samples.append(Sample(f"schermafdruk-{i:03d}.png", data, letter.label))
    return samples


def make_signed_pdf(letters: list[Letter], work: Path) -> list[Sample]:
    return [
        Sample(
            f"getekend-{i:03d}.pdf",
            image_tests.signed_pdf(letter_pdf(winansi(x.text))),
            x.label,
        )
        for i, x in enumerate(letters)
    ]


def form_pdf(i: int, letter: Letter) -> bytes:
    """An application form whose filled-in fields hold a name, a date and the letter."""
    heading = "Formulier gemeente\nVul dit formulier in en stuur het naar de gemeente."
    with pikepdf.open(io.BytesIO(text_pdf([heading]))) as pdf:
        page = pdf.pages[0]
        values = [
            ("naam", "Naam", NAMES[i % len(NAMES)]),
            ("datum", "Datum", f"{1 + i % 28:02d}-01-2026"),
            ("toelichting", "Toelichting", letter.text),
        ]
        fields = []
        for n, (name, label, value) in enumerate(values):
            y = 600 - 40 * n
            entries = {
                "/FT": pikepdf.Name.Tx,
                "/T": pikepdf.String(name),
                "/TU": pikepdf.String(label),
                "/V": pikepdf.String(value),
                "/Type": pikepdf.Name.Annot,
                "/Subtype": pikepdf.Name.Widget,
                "/Rect": pikepdf.Array([72, y, 520, y + 20]),
                "/P": page.obj,
            }
            fields.append(pdf.make_indirect(pikepdf.Dictionary(entries)))
        page.obj.Annots = pikepdf.Array(fields)
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(fields))
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def make_form(letters: list[Letter], work: Path) -> list[Sample]:
    return [
        Sample(f"formulier-{i:03d}.pdf", form_pdf(i, x), x.label) for i, x in enumerate(letters)
    ]


def make_no_tz(letters: list[Letter], work: Path) -> list[Sample]:
    samples = []
    for i, letter in enumerate(letters):
        with pikepdf.open(io.BytesIO(letter_pdf(winansi(letter.text)))) as pdf:
            pdf.docinfo["/CreationDate"] = f"D:202601{1 + i % 28:02d}101500"
            out = io.BytesIO()
            pdf.save(out)
        samples.append(Sample(f"brief-{i:03d}.pdf", out.getvalue(), letter.label))
    return samples


def make_born_digital(letters: list[Letter], work: Path) -> list[Sample]:
    samples = []
    for i, letter in enumerate(letters):
        if i % 2:
            data = image_tests.unicode_font_pdf(letter.text)
        else:
            data = letter_pdf(winansi(letter.text))
        samples.append(Sample(f"brief-{i:03d}.pdf", data, letter.label))
    return samples


def make_scanned(letters: list[Letter], work: Path) -> list[Sample]:
    """Scans of every kind the scan generator has, in turn, each turned a different way
    (their letters are the generator's own: the label is not known)."""
    kinds = sorted(KINDS)
    samples = []
    for i in range(len(letters)):
        scan = render_scan(kinds[i % len(kinds)], seed=i, orientation=ORIENTATIONS[i % 4])
        path = save_scans([scan], work / f"scan-{i:03d}.pdf")
        samples.append(Sample(f"scan-{i:03d}-{scan.kind}.pdf", path.read_bytes(), None))
    return samples


MAKERS: dict[str, Callable[[list[Letter], Path], list[Sample]]] = {
    **{fmt: make_word(fmt) for fmt in WORD_EXPORTS},
    "xlsx": make_xlsx,
    "pptx": make_pptx,
    "msg-pdf": make_msg,
    "eml-docx": make_eml_docx,
    "winmail": make_winmail,
    "smime": make_smime,
    **{fmt: make_image(fmt) for fmt in ("heic", "gif", "bmp", "webp")},
    "jpeg-exif": make_jpeg_exif,
    "png-alpha": make_png_alpha,
    "pdf-signed": make_signed_pdf,
    "pdf-form": make_form,
    "pdf-no-tz": make_no_tz,
    "pdf-born-digital": make_born_digital,
    "pdf-scanned": make_scanned,
}


def write_inputs(
    formats: list[str], per_format: int, root: Path
) -> dict[str, dict[str, str | None]]:
    """Each format's files in ``root/<format>/``; per format, file name -> letter label."""
    letters = corpus_letters()
    labels = {}
    for fmt in formats:
        start = time.perf_counter()
        work = root / "work" / fmt
        work.mkdir(parents=True)
        samples = MAKERS[fmt](take(letters, per_format), work)
        folder = root / "inputs" / fmt
        folder.mkdir(parents=True)
        for sample in samples:
            (folder / sample.name).write_bytes(sample.data)
        labels[fmt] = {s.name: s.label for s in samples}
        print(
            f"  made {len(samples):>3} {fmt:<17} {time.perf_counter() - start:6.1f} s", flush=True
        )
    shutil.rmtree(root / "work")
    return labels


# --- running mailroom ------------------------------------------------------------------------


def mailroom_env(home: Path) -> dict[str, str]:
    """This environment without any MAILROOM_* setting, pointed at ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILROOM_")}
    env["MAILROOM_HOME"] = str(home)
    return env


def mailroom(home: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """One real ``mailroom`` command, stdout and stderr captured apart."""
    command = [str(PYTHON), "-m", "mailroom", "--home", str(home), *args]
    return subprocess.run(
        command, env=mailroom_env(home), capture_output=True, text=True, timeout=timeout
    )


def parse_stdout(stdout: str) -> tuple[list[dict], list[str]]:
    """The JSON results on stdout and any other lines printed there (noise)."""
    start = stdout.find("[")
    if start < 0:
        return [], [line for line in stdout.splitlines() if line.strip()]
    try:
        results, end = json.JSONDecoder().raw_decode(stdout, start)
    except json.JSONDecodeError:
        return [], [line for line in stdout.splitlines() if line.strip()]
    rest = stdout[:start] + stdout[end:]
    return results, [line for line in rest.splitlines() if line.strip()]


def ingest(home: Path, fmt: str, folder: Path, labels: dict[str, str | None]) -> RunResult:
    """``mailroom ingest FOLDER --json`` on one format's folder."""
    start = time.perf_counter()
    run = mailroom(home, "ingest", str(folder), "--json")
    seconds = time.perf_counter() - start
    documents, stdout_noise = parse_stdout(run.stdout)
    stderr = [line for line in run.stderr.splitlines() if line.strip()]
    return RunResult(
        fmt, len(labels), labels, seconds, run.returncode, documents, stderr, stdout_noise
    )


# --- report ----------------------------------------------------------------------------------

STATES = (
    ("routed", "routed"),
    ("needs_review", "review"),
    ("quarantined", "quar"),
    ("failed", "failed"),
)
HEADER = (
    f"  {'format':<17}{'files':>6}{'docs':>6}{'routed':>8}{'review':>8}{'quar':>6}{'failed':>8}"
    f"{'other':>7}{'label ok':>10}{'s/file':>8}{'noise':>7}"
)


def label_ok(result: RunResult) -> tuple[int, int]:
    """Documents given their letter's label, of the routed or reviewed documents whose
    file has a known label."""
    good = known = 0
    for doc in result.documents:
        label = result.labels.get(file_name(doc))
        if label is None or doc.get("state") not in ("routed", "needs_review"):
            continue
        known += 1
        good += doc.get("case_type") == label
    return good, known


def row(name: str, results: list[RunResult]) -> str:
    """One line of the table over ``results``."""
    states = Counter(doc.get("state") for r in results for doc in r.documents)
    files = sum(r.files for r in results)
    docs = sum(states.values())
    other = docs - sum(states[s] for s, _ in STATES)
    good, known = map(sum, zip(*(label_ok(r) for r in results), strict=True))
    seconds = sum(r.seconds for r in results)
    noise = sum(len(r.stderr) + len(r.stdout_noise) for r in results)
    ok = f"{good}/{known}" if known else "-"
    return (
        f"  {name:<17}{files:>6}{docs:>6}{states['routed']:>8}{states['needs_review']:>8}"
        f"{states['quarantined']:>6}{states['failed']:>8}{other:>7}{ok:>10}"
        f"{seconds / max(files, 1):>8.1f}{noise:>7}"
    )


def print_table(results: list[RunResult]) -> None:
    """Per format and in total."""
    print(HEADER)
    for result in results:
        print(row(result.fmt, [result]))
    print("  " + "-" * (len(HEADER) - 2))
    print(row("total", results))


def file_name(doc: dict) -> str:
    """The name of the input file a result came from."""
    return Path(doc.get("file") or "").name


def print_failures(results: list[RunResult]) -> None:
    """Every quarantined or failed document with its reason, and runs without JSON results."""
    print("\nquarantined / failed documents:")
    bad = [
        (r.fmt, doc)
        for r in results
        for doc in r.documents
        if doc.get("state") in ("quarantined", "failed")
    ]
    for fmt, doc in bad:
        part = f" [{doc['part']}]" if doc.get("part") else ""
        reason = doc.get("error") or "; ".join(doc.get("reasons") or ()) or "(no reason given)"
        print(f"  {fmt:<17} {doc['state']:<12} {file_name(doc)}{part}: {reason}")
    for r in results:
        if not r.documents:
            print(f"  {r.fmt:<17} no JSON results (exit code {r.returncode})")
    if not bad and all(r.documents for r in results):
        print("  none")


def print_review_reasons(results: list[RunResult]) -> None:
    """Why documents went to review, most frequent first, with their formats."""
    print("\nwhy documents went to review (count, formats):")
    reasons: dict[str, list[str]] = {}
    for r in results:
        for doc in r.documents:
            if doc.get("state") == "needs_review":
                for reason in doc.get("reasons") or ("(no reason given)",):
                    reasons.setdefault(reason, []).append(r.fmt)
    for reason, formats in sorted(reasons.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(formats):>3}  {reason}  [{', '.join(sorted(set(formats)))}]")
    if not reasons:
        print("  none")


def print_split_files(results: list[RunResult]) -> None:
    """Files that became more than one document, or none (a .docx taken apart as a zip)."""
    print("\nfiles that became more than one document (or none):")
    odd = False
    for r in results:
        per_file = Counter(file_name(doc) for doc in r.documents)
        for name in r.labels:
            if per_file[name] != 1:
                odd = True
                parts = [d.get("part") for d in r.documents if file_name(d) == name]
                print(f"  {r.fmt:<17} {name}: {per_file[name]} documents {parts}")
    if not odd:
        print("  none")


def print_noise(results: list[RunResult]) -> None:
    """Every line on stderr (and stray lines on stdout), deduplicated (timestamps left out),
    the first 20."""
    seen: dict[str, list[str]] = {}
    for r in results:
        for line in r.stderr + [f"(stdout) {x}" for x in r.stdout_noise]:
            formats = seen.setdefault(TIMESTAMP.sub("", line.strip()), [])
            if r.fmt not in formats:
                formats.append(r.fmt)
    total = sum(len(r.stderr) + len(r.stdout_noise) for r in results)
    print(f"\nterminal noise: {total} line(s), {len(seen)} different")
    for line, formats in list(seen.items())[:NOISE_SHOWN]:
        print(f"  [{', '.join(formats)}] {line[:300]}")
    if len(seen) > NOISE_SHOWN:
        print(f"  ... and {len(seen) - NOISE_SHOWN} more")


# --- main ------------------------------------------------------------------------------------


def init(home: Path) -> None:
    """``mailroom init`` once: database, queues and a trained classifier."""
    start = time.perf_counter()
    run = mailroom(home, "init")
    if run.returncode != 0:
        sys.exit(f"mailroom init failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    print(f"mailroom init (trains the classifier): {time.perf_counter() - start:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-format", type=int, default=5, help="files per format (default 5)")
    parser.add_argument("--formats", nargs="+", choices=list(MAKERS), default=list(MAKERS))
    parser.add_argument("--keep", type=Path, help="make the files and the home here, keep them")
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        sys.exit("LibreOffice (soffice) is not installed: make system")
    root = args.keep or Path(tempfile.mkdtemp(prefix="mailroom-formats-"))
    started = time.perf_counter()
    try:
        print(f"making {args.per_format} files of each of {len(args.formats)} formats in {root}")
        labels = write_inputs(args.formats, args.per_format, root)
        home = root / "home"
        init(home)
        results = []
        for fmt in args.formats:
            result = ingest(home, fmt, root / "inputs" / fmt, labels[fmt])
            print(f"  ingested {fmt:<17} {result.seconds:6.1f} s", flush=True)
            results.append(result)
        print()
        print_table(results)
        print_failures(results)
        print_review_reasons(results)
        print_split_files(results)
        print_noise(results)
        print(f"\nwhole run: {time.perf_counter() - started:.0f} s")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
