"""Zip attachments, unpacked in memory within limits; member names are labels only."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from mailroom.core.errors import EncryptedInput, InputRejected
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.office import is_package

ZIP_SIGNATURE = b"PK\x03\x04"


@dataclass(frozen=True)
class Member:
    """A file inside a zip: a display name (never a path to write to) and its bytes."""

    name: str
    data: bytes


def unpack_zip(data: bytes, limits: IntakeLimits, depth: int = 1) -> Iterator[Member]:
    """The files in a zip, nested zips unpacked up to ``zip_max_depth``.

    The caller checks the zip is an archive and not a document package (:func:`is_package`);
    nested members that are packages (a .docx in the zip) are yielded whole.

    Raises :class:`EncryptedInput` for a password-protected zip and
    :class:`InputRejected` when a limit is passed (a zip bomb), before reading further.
    """
    if depth > limits.zip_max_depth:
        raise InputRejected(f"zip files nested more than {limits.zip_max_depth} deep; not opened")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as e:
        raise InputRejected(f"the zip file is damaged ({e})") from e
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > limits.zip_max_members:
        raise InputRejected(
            f"the zip holds {len(infos)} files; at most {limits.zip_max_members} are taken"
        )
    declared = sum(i.file_size for i in infos)
    if declared > limits.zip_max_total_bytes:
        raise InputRejected("the zip unpacks to more than the size limit (a zip bomb?)")
    if any(i.flag_bits & 0x1 for i in infos):
        raise EncryptedInput("the zip file is password-protected")
    total = 0
    for info in infos:
        try:
            with archive.open(info) as member:
                # Declared sizes can lie: read no more than what is left of the budget.
                budget = limits.zip_max_total_bytes - total
                content = member.read(budget + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as e:
            raise InputRejected(f"the zip file is damaged ({e})") from e
        total += len(content)
        if total > limits.zip_max_total_bytes:
            raise InputRejected("the zip unpacks to more than the size limit (a zip bomb?)")
        name = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
        # A .docx or .odt is a zip too: a document, not an archive to open.
        if content.startswith(ZIP_SIGNATURE) and not is_package(content):
            yield from unpack_zip(content, limits, depth + 1)
        else:
            yield Member(name, content)
