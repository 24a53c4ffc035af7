"""Recognise what a file is by its content, never by its name."""

from __future__ import annotations

from mailroom.core.errors import UnsupportedInput
from mailroom.core.records import (
    DOCUMENT_TYPES,
    EML,
    EXTENSIONS,
    IMAGE_TYPES,
    JPEG,
    PDF,
    PNG,
    TEXT,
    TIFF,
)

__all__ = [
    "DOCUMENT_TYPES",
    "EML",
    "EXTENSIONS",
    "HEAD_BYTES_SNIFF",
    "IMAGE_TYPES",
    "JPEG",
    "PDF",
    "PNG",
    "TEXT",
    "TIFF",
    "sniff",
]

#: Bytes read to recognise a file's type.
HEAD_BYTES_SNIFF = 4096

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)
_EXECUTABLES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_MAIL_HEADERS = (b"from:", b"received:", b"return-path:", b"message-id:", b"mime-version:")


def sniff(head: bytes) -> str | None:
    """The media type of a file from its first bytes, or None when unknown."""
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    # A PDF may carry junk before its header; PDF readers accept up to 1 KiB.
    if b"%PDF-" in head[:1024]:
        return PDF
    first_line = head.lstrip().split(b"\n", 1)[0].lower()
    if first_line.startswith(_MAIL_HEADERS) or (
        b":" in first_line and b"\nsubject:" in head.lower() and b"\nfrom:" in head.lower()
    ):
        return EML
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
            "not a PDF, image (PNG, JPEG, TIFF) or email (.eml); mailroom cannot read this file"
        )
    return media_type
