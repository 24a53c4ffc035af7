"""The README's settings table and the Settings model must not drift apart."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mailroom.core.config.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"
HEADER = "| setting | default | meaning |"
# A default cell that is only backticked values, e.g. "`0.99`" or "`100`, `300`, `2`".
LITERALS = re.compile(r"`[^`]*`(?:,\s*`[^`]*`)*")


def settings_table() -> dict[str, str]:
    """Setting name -> its default cell, from the README's settings table."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER) + 2  # skip the |---| line
    rows: dict[str, str] = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        assert len(cells) == 3, f"README settings row with {len(cells)} cells: {line}"
        names = re.findall(r"`([^`]+)`", cells[0])
        defaults = re.findall(r"`([^`]*)`", cells[1])
        if len(names) > 1:
            # One row for several settings: one backticked default each, in order.
            assert LITERALS.fullmatch(cells[1]) and len(defaults) == len(names), line
            for name, default in zip(names, defaults, strict=True):
                rows[name] = f"`{default}`"
        else:
            rows[names[0]] = cells[1]
    return rows


def as_written(cell: str, default: Any) -> Any:
    """The README's literal default, read the way mailroom.toml would read it."""
    text = cell.strip("`")
    if isinstance(default, str):
        # Strings are written unquoted in the table.
        return text
    return tomllib.loads(f"value = {text}")["value"]


def test_every_setting_is_documented_and_no_row_names_a_missing_one() -> None:
    documented = set(settings_table())
    fields = set(Settings.model_fields)
    assert not fields - documented, f"settings missing from the README: {fields - documented}"
    assert not documented - fields, f"README rows naming no setting: {documented - fields}"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_default_is_as_written(name: str) -> None:
    cell = settings_table()[name]
    field = Settings.model_fields[name]
    if not LITERALS.fullmatch(cell):
        # Words rather than a value only where the default stands for something the
        # value cannot say: required (home), unset (None: derived or a place in the
        # data directory) or 0 for "one per core".
        assert (
            field.is_required()
            or field.default is None
            or (field.default == 0 and "number of cores" in cell)
        ), f"{name}: README says {cell!r}, the default is {field.default!r}"
        return
    assert not field.is_required(), f"{name} has no default, the README gives {cell}"
    assert as_written(cell, field.default) == field.default, (
        f"{name}: README says {cell}, the default is {field.default!r}"
    )
