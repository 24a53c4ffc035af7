"""Input files: folders expanded, each file read into its documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mailroom.core.errors import InputRejected, NotFound, UnsupportedInput
from mailroom.intake.detect import EML, EXTENSIONS, HEAD_BYTES_SNIFF, PDF, media_type_of, sniff
from mailroom.intake.email import parse_email
from mailroom.intake.inspect import is_signed_pdf, to_safe_pdf
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.office import MSG, OFFICE_TYPES, OTHER_PACKAGE, office_type, to_pdf
from mailroom.intake.records import Channel, InputContents, IntakePart
from mailroom.intake.split import extract_pages, find_segments

#: Names scanners and copy tools give files that are still being written.
TEMPORARY_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".filepart", ".swp", ".lock")


def is_temporary(path: Path) -> bool:
    """Whether a name marks a file still being written (or not meant for mailroom)."""
    name = path.name.lower()
    return name.startswith((".", "~")) or name.endswith(TEMPORARY_SUFFIXES)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files inside folders named (recursively, hidden ones skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(is_temporary(Path(x)) for x in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            raise NotFound(f"{path}: no such file or folder")
    return files


def read_scan(
    path: Path, data: bytes, media_type: str, limits: IntakeLimits, password: str | None = None
) -> InputContents:
    """A scan (PDF or image), split into letters at separator sheets and blank pages."""
    pdf = to_safe_pdf(data, media_type, limits, password)
    if media_type == PDF and is_signed_pdf(pdf):
        # Cutting a signed PDF into letters would break its signature: it stays one.
        return InputContents(Channel.paper, [IntakePart(path, Channel.paper, PDF, pdf)])
    split = find_segments(pdf, limits)
    if not split.segments:
        raise InputRejected("the scan holds only separator sheets or blank pages")
    if split.is_whole:
        return InputContents(Channel.paper, [IntakePart(path, Channel.paper, PDF, pdf)])
    parts = [
        IntakePart(path, Channel.paper, PDF, extract_pages(pdf, seg.pages), seg.label)
        for seg in split.segments
    ]
    return InputContents(Channel.paper, parts)


def read_office(path: Path, data: bytes, kind: str, limits: IntakeLimits) -> InputContents:
    """An Office document dropped in the folder: one letter, its PDF made by LibreOffice.

    Not split at separator sheets: a typed letter has none.
    """
    pdf = to_pdf(data, kind, limits)
    return InputContents(Channel.paper, [IntakePart(path, Channel.paper, PDF, pdf)])


@dataclass(frozen=True)
class Stored:
    """How an input file is kept before it is read: its media type as far as the first
    bytes tell, the suffix of its stored copy, and the channel it came by."""

    media_type: str
    suffix: str
    channel: Channel


def stored_as(data: bytes) -> Stored:
    """How to keep ``data`` (an .eml or Outlook .msg is email). Never raises: a file that
    cannot be read is stored all the same, as ``.bin``, and quarantined when read."""
    try:
        kind = office_type(data)
    except InputRejected:
        kind = None
    if kind == MSG:
        return Stored(MSG, ".msg", Channel.email)
    if kind in OFFICE_TYPES:
        return Stored(kind, OFFICE_TYPES[kind], Channel.paper)
    media_type = sniff(data[:HEAD_BYTES_SNIFF]) or "application/octet-stream"
    channel = Channel.email if media_type == EML else Channel.paper
    return Stored(media_type, EXTENSIONS.get(media_type, ".bin"), channel)


def read_input(
    path: Path, data: bytes, limits: IntakeLimits, password: str | None = None
) -> InputContents:
    """The documents in one input file; a file that cannot be read raises InputRejected.

    ``password`` opens a password-protected PDF (given when a quarantined file is retried).
    """
    if len(data) > limits.max_input_bytes:
        raise InputRejected(
            f"the file is {len(data) // 2**20} MB; at most {limits.max_input_bytes // 2**20} MB "
            "is taken"
        )
    kind = office_type(data)
    if kind == MSG:
        return parse_email(path, data, limits)
    if kind in OFFICE_TYPES:
        return read_office(path, data, kind, limits)
    if kind == OTHER_PACKAGE:
        raise UnsupportedInput(
            "a document format mailroom cannot read (not Word, OpenDocument, RTF, a spreadsheet "
            "or a presentation)"
        )
    media_type = media_type_of(data[:HEAD_BYTES_SNIFF])
    if media_type == EML:
        return parse_email(path, data, limits)
    return read_scan(path, data, media_type, limits, password)
