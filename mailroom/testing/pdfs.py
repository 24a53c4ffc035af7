"""Born-digital PDFs (with a real text layer), written by hand for tests.

A word processor's PDF is what a born-digital letter looks like: text drawn
with a standard font, extractable without OCR. This writes the smallest such
file, one page per string, so tests need no PDF-writing dependency.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pikepdf


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(pages: Sequence[str], font_size: int = 11) -> bytes:
    """A PDF whose pages carry ``pages`` as real text (Helvetica, WinAnsi)."""
    objects: list[bytes] = []
    page_ids = [3 + 2 * i for i in range(len(pages))]
    font_id = 3 + 2 * len(pages)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for pid, text in zip(page_ids, pages, strict=True):
        lines = [
            f"BT /F1 {font_size} Tf 72 770 Td {font_size * 1.4:.1f} TL",
            *(f"({_escape(line)}) '" for line in text.split("\n")),
            "ET",
        ]
        stream = "\n".join(lines).encode("cp1252", errors="replace")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {pid + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


#: What the encrypted test letter says (a Wmo request).
#: A resident's paper letter about a broken street light (routed to beheer_openbare_ruimte).
STREET_LIGHT_LETTER = """Fam. de Boer
Lindenlaan 23
3941 CK Doorn

Aan de gemeente Utrechtse Heuvelrug
Postbus 200
3940 AE Doorn

Doorn, 2 november 2026

Betreft: straatlantaarn kapot

Geachte heer, mevrouw,

De lantaarnpaal voor ons huis aan de Lindenlaan 23 is al twee weken kapot.
's Avonds is het stikdonker op de stoep en de kinderen lopen hier naar de bus.
Wilt u de lamp zo snel mogelijk laten vervangen?

Met vriendelijke groet,

H. de Boer"""

WMO_LETTER = "Geachte heer, mevrouw,\nIk vraag huishoudelijke hulp aan via de Wmo voor mijn moeder."


def encrypted_pdf(password: str, text: str = WMO_LETTER) -> bytes:
    """A born-digital letter encrypted with ``password`` (as the user password)."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(text_pdf([text]))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=password, owner=password + "!"))
    return out.getvalue()
