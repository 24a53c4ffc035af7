"""Reading JSON Lines files (corpora, letter sets) with errors that name the line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mailroom.core.errors import ConfigError


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a JSON Lines file with their line numbers; blank lines are skipped,
    and a file that cannot be read or a line that is not a JSON object fails with a
    :class:`ConfigError` naming the line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read {path}: {e}") from e
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise ConfigError(f"{path}:{number}: not JSON ({e})") from e
        if not isinstance(obj, dict):
            raise ConfigError(f"{path}:{number}: not a JSON object")
        yield number, obj
