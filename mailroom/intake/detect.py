"""Recognise what a file is by its content, never by its name."""

from __future__ import annotations

from mailroom.core import records
from mailroom.core.errors import UnsupportedInput
from mailroom.core.records import EML, JPEG, PDF, PNG, TEXT, TIFF

__all__ = [
    "BMP",
    "DOCUMENT_TYPES",
    "EML",
    "EXTENSIONS",
    "GIF",
    "HEAD_BYTES_SNIFF",
    "HEIF",
    "IMAGE_TYPES",
    "JPEG",
    "PDF",
    "PHOTO_TYPES",
    "PNG",
    "TEXT",
    "TIFF",
    "WEBP",
    "sniff",
]

# Images from phones, messengers and old scanners. They are known here only: intake makes
# every one of them a PDF, so no later stage ever sees these types.
HEIF = "image/heif"
GIF = "image/gif"
BMP = "image/bmp"
WEBP = "image/webp"
PHOTO_TYPES = frozenset({HEIF, GIF, BMP, WEBP})
IMAGE_TYPES = records.IMAGE_TYPES | PHOTO_TYPES
DOCUMENT_TYPES = records.DOCUMENT_TYPES | PHOTO_TYPES
EXTENSIONS = {**records.EXTENSIONS, HEIF: ".heic", GIF: ".gif", BMP: ".bmp", WEBP: ".webp"}
#: ISO base media brands of HEIF still images (iPhone photos are ``heic``).
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")
#: Sizes of a BMP's info header (the versions Windows and OS/2 wrote): "BM" alone is text.
_BMP_HEADERS = (12, 40, 52, 56, 64, 108, 124)

#: Bytes read to recognise a file's type.
HEAD_BYTES_SNIFF = 4096

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
)
_EXECUTABLES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_MAIL_HEADERS = (b"from:", b"received:", b"return-path:", b"message-id:", b"mime-version:")


def sniff(head: bytes) -> str | None:
    """The media type of a file from its first bytes, or None when unknown."""
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    photo = _photo_type(head)
    if photo is not None:
        return photo
    # A PDF may carry junk before its header; PDF readers accept up to 1 KiB.
    if b"%PDF-" in head[:1024]:
        return PDF
    first_line = head.lstrip().split(b"\n", 1)[0].lower()
    if first_line.startswith(_MAIL_HEADERS) or (
        b":" in first_line and b"\nsubject:" in head.lower() and b"\nfrom:" in head.lower()
    ):
        return EML
    return None


def _photo_type(head: bytes) -> str | None:
    """HEIF, WebP or BMP, whose signatures are not a plain prefix."""
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIF
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    bmp = head.startswith(b"BM") and len(head) >= 18 and head[6:10] == b"\0\0\0\0"
    if bmp and int.from_bytes(head[14:18], "little") in _BMP_HEADERS:
        return BMP
    return None


def is_executable(head: bytes) -> bool:
    """Whether the bytes start like a program (Windows, Linux, macOS, script)."""
    return head.startswith(_EXECUTABLES)


def media_type_of(head: bytes) -> str:
    """Like :func:`sniff`, but an unknown type is an :class:`UnsupportedInput` error."""
    if not head:
        raise UnsupportedInput("the file is empty (0 bytes)")
    if is_executable(head):
        raise UnsupportedInput("the file is an executable program; it is not opened")
    media_type = sniff(head)
    if media_type is None:
        raise UnsupportedInput(
            "not a PDF, image (PNG, JPEG, TIFF, HEIC, WebP, GIF, BMP), Office document or email "
            "(.eml, .msg); mailroom cannot read this file"
        )
    return media_type
