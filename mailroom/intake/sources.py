"""Input files: folders expanded, each file read into its documents."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mailroom.errors import NotFound
from mailroom.intake.detect import EML, media_type_of
from mailroom.intake.email import parse_email
from mailroom.intake.records import Channel, IntakePart

#: Bytes read to recognise a file's type.
HEAD_BYTES = 4096


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files inside folders named (recursively, hidden ones skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(x.startswith(".") for x in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            raise NotFound(f"{path}: no such file or folder")
    return files


def read_parts(path: Path) -> list[IntakePart]:
    """The documents in one input file; a file of the wrong kind raises InputRejected."""
    data = path.read_bytes()
    media_type = media_type_of(data[:HEAD_BYTES])
    if media_type == EML:
        return parse_email(path, data)
    return [IntakePart(path, Channel.paper, media_type, data)]
