"""What a born-digital PDF says besides its pages: its signatures and its filled-in form.

- **Signatures.** A PDF signed by a business or a lawyer (a ``/Sig`` field, or
  ``/SigFlags`` in its form) must stay byte for byte as it came: any change,
  even a PDF/A conversion, breaks the signature. :func:`signatures` says who
  signed — the common name (CN) of the signing certificate in the CMS blob
  (``/Contents``), else the ``/Name`` the signing program wrote — without
  checking the signature: that is the addressee's business, mailroom records it.
- **Forms.** The values a resident typed into an application form live in the
  form fields, not in the page's text: :func:`form_field_lines` gives them as
  ``label: value`` lines per page, so they are classified and matched as text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

log = logging.getLogger(__name__)

#: Fields nested deeper than this are a damaged or hostile form: not followed.
MAX_FIELD_DEPTH = 20
#: Most form fields read from one PDF.
MAX_FIELDS = 2000


@dataclass(frozen=True)
class Signature:
    """One digital signature in a PDF, as far as the file says."""

    #: Who signed: the certificate's common name, else the signature's /Name; None: not said.
    signer: str | None
    #: When, as the signing program wrote it (``D:20260105...``); None when not given.
    signed_at: str | None = None
    reason: str | None = None

    def describe(self) -> str:
        """``signed by J. Jansen`` or ``signed (signer not named)``, for a reason list."""
        return f"signed by {self.signer}" if self.signer else "signed (signer not named)"


@dataclass(frozen=True)
class FormField:
    """A filled-in form field: its label (/TU, else /T), its value and its page (0-based)."""

    label: str
    value: str
    page: int | None

    @property
    def line(self) -> str:
        """``Naam: J. Jansen``."""
        return f"{self.label}: {self.value}"


def _fields(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Dictionary, str]]:
    """Every terminal field of the form with its field type (inherited from its parents)."""
    form = pdf.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary):
        return
    stack: list[tuple[pikepdf.Object, str, int]] = [
        (f, "", 0) for f in reversed(list(form.get("/Fields", [])))
    ]
    seen: set[tuple[int, int]] = set()
    count = 0
    while stack and count < MAX_FIELDS:
        field, inherited, depth = stack.pop()
        if not isinstance(field, pikepdf.Dictionary) or depth > MAX_FIELD_DEPTH:
            continue
        if field.is_indirect:
            if field.objgen in seen:
                continue  # a loop in a damaged form
            seen.add(field.objgen)
        kind = str(field.get("/FT", inherited) or inherited)
        kids = field.get("/Kids")
        # Kids with names of their own are fields; kids without are its widgets (on pages).
        if isinstance(kids, pikepdf.Array) and any(
            isinstance(k, pikepdf.Dictionary) and "/T" in k for k in kids
        ):
            stack.extend((k, kind, depth + 1) for k in reversed(list(kids)))
            continue
        count += 1
        yield field, kind


def is_signed(path: Path) -> bool:
    """Whether the PDF carries a digital signature (or its form says it does)."""
    try:
        with pikepdf.open(path) as pdf:
            form = pdf.Root.get("/AcroForm")
            if isinstance(form, pikepdf.Dictionary) and int(form.get("/SigFlags", 0)) & 1:
                return True
            return any(kind == "/Sig" and "/V" in f for f, kind in _fields(pdf))
    except (pikepdf.PdfError, ValueError, TypeError):
        return False


def signatures(path: Path) -> tuple[Signature, ...]:
    """The signatures in a PDF's signature fields, in form order."""
    found = []
    with pikepdf.open(path) as pdf:
        for field, kind in _fields(pdf):
            value = field.get("/V")
            if kind == "/Sig" and isinstance(value, pikepdf.Dictionary):
                found.append(_signature(value))
    return tuple(found)


def _signature(value: pikepdf.Dictionary) -> Signature:
    contents = value.get("/Contents")
    signer = _certificate_signer(bytes(contents)) if isinstance(contents, pikepdf.String) else None
    return Signature(
        signer=signer or _text(value.get("/Name")),
        signed_at=_text(value.get("/M")),
        reason=_text(value.get("/Reason")),
    )


def _text(obj: object) -> str | None:
    if isinstance(obj, pikepdf.String):
        text = str(obj).strip()
        return text or None
    return None


def _der_trimmed(blob: bytes) -> bytes:
    """The DER object at the start of ``blob``: a signature's /Contents is padded with zeros."""
    if len(blob) < 2 or blob[0] != 0x30:
        return blob
    first = blob[1]
    if first < 0x80:
        return blob[: 2 + first]
    size = first & 0x7F
    length = int.from_bytes(blob[2 : 2 + size], "big")
    return blob[: 2 + size + length]


def _certificate_signer(blob: bytes) -> str | None:
    """The common name of the signing certificate in a CMS (PKCS #7) signature blob.

    The signer's certificate is the one that issued no other certificate in the
    blob (the chain's leaf); its subject's CN, else its whole subject.
    """
    try:
        from cryptography.hazmat.primitives.serialization import pkcs7
        from cryptography.x509.oid import NameOID

        certificates = pkcs7.load_der_pkcs7_certificates(_der_trimmed(blob))
    except (ImportError, ValueError) as e:
        log.info("a PDF signature's certificate could not be read: %s", e)
        return None
    issuers = {c.issuer.rfc4514_string() for c in certificates}
    leaves = [c for c in certificates if c.subject.rfc4514_string() not in issuers]
    for certificate in leaves or certificates:
        names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        if names:
            return str(names[0].value)
        return certificate.subject.rfc4514_string() or None
    return None


def form_fields(path: Path) -> tuple[FormField, ...]:
    """The filled-in fields of a PDF form (signature fields and empty ones left out)."""
    with pikepdf.open(path) as pdf:
        pages = {
            annot.objgen: number
            for number, page in enumerate(pdf.pages)
            for annot in page.obj.get("/Annots", [])
            if isinstance(annot, pikepdf.Dictionary) and annot.is_indirect
        }
        found = []
        for field, kind in _fields(pdf):
            if kind == "/Sig":
                continue
            value = _field_value(field, kind)
            label = _text(field.get("/TU")) or _text(field.get("/T"))
            if value and label:
                found.append(FormField(label, value, _page_of(field, pages)))
    return tuple(found)


def _field_value(field: pikepdf.Dictionary, kind: str) -> str | None:
    value = field.get("/V")
    if isinstance(value, pikepdf.String):
        return " ".join(str(value).split()) or None
    if isinstance(value, pikepdf.Array):
        return ", ".join(str(v) for v in value if isinstance(v, pikepdf.String)) or None
    if isinstance(value, pikepdf.Name) and value != pikepdf.Name.Off:
        # A ticked checkbox says /Yes or /On; a radio button the option chosen.
        chosen = str(value)[1:]
        return "ja" if kind == "/Btn" and chosen in ("Yes", "On", "Ja", "1") else chosen
    return None


def _page_of(field: pikepdf.Dictionary, pages: dict[tuple[int, int], int]) -> int | None:
    widgets = [field, *list(field.get("/Kids", []))]
    for widget in widgets:
        indirect = isinstance(widget, pikepdf.Dictionary) and widget.is_indirect
        if indirect and widget.objgen in pages:
            return pages[widget.objgen]
    return None
