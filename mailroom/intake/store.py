"""The store of originals: content-addressed by sha256, written atomically."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Stored:
    """An original in the store."""

    sha256: str
    path: Path
    size: int


class ContentStore:
    """Files named by the sha256 of their content under ``root/originals``.

    Storing the same content twice is a no-op, so a retried intake does no harm.
    Archive copies (OCR'd PDF/A) live beside it under ``root/archive``.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.originals = root / "originals"
        self.archive = root / "archive"

    def path_for(self, sha256: str, extension: str) -> Path:
        """Where content with this hash lives (two-level fan-out keeps folders small)."""
        return self.originals / sha256[:2] / f"{sha256}{extension}"

    def put_bytes(self, data: bytes, extension: str) -> Stored:
        """Store ``data``; return where it lives."""
        sha256 = hashlib.sha256(data).hexdigest()
        dst = self.path_for(sha256, extension)
        if not dst.exists():
            self._write_atomically(dst, data)
        return Stored(sha256, dst, len(data))

    def put_file(self, src: Path, extension: str) -> Stored:
        """Store a copy of the file ``src`` (read once, in memory)."""
        return self.put_bytes(src.read_bytes(), extension)

    def _write_atomically(self, dst: Path, data: bytes) -> None:
        dst.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, dst)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
