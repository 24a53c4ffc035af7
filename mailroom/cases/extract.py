"""Reading a register extract the municipality exports as CSV (the BAG's addresses, the
Handelsregister's trade names): semicolons or commas, columns found by their names, other
columns ignored."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO

from mailroom.core.errors import ConfigError


@dataclass
class Extract:
    """An extract opened for reading: which header each wanted column has."""

    name: str
    #: Wanted column (``"street"``) → the header it has in this file (``"openbareruimte"``).
    columns: dict[str, str]
    reader: csv.DictReader[str]

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Each row's line number and its wanted cells, stripped ("" where empty)."""
        for row in self.reader:
            cells = {key: (row.get(header) or "").strip() for key, header in self.columns.items()}
            yield self.reader.line_num, cells


def open_extract(
    stream: IO[str],
    name: str,
    columns: Mapping[str, tuple[str, ...]],
    required: Sequence[str],
    needs: str,
    error: type[ConfigError],
) -> Extract:
    """The extract in ``stream`` (file ``name``), its delimiter taken from its header line.
    ``columns`` names the headers each wanted column goes by (lower case); a file without
    one of ``required`` fails with ``error``, saying what it ``needs``."""
    first = stream.read(4096).partition("\n")[0]
    stream.seek(0)
    reader = csv.DictReader(stream, delimiter=";" if first.count(";") > first.count(",") else ",")
    found: dict[str, str] = {}
    for header in reader.fieldnames or []:
        key = next((k for k, names in columns.items() if header.strip().lower() in names), None)
        if key is not None and key not in found:
            found[key] = header
    missing = [columns[k][0] for k in required if k not in found]
    if missing:
        raise error(f"{name}: line 1: no {', '.join(missing)} column; {needs}")
    return Extract(name, found, reader)
