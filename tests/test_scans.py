"""The test-scan generator: every kind renders, turns and saves as it says; one OCR'd for real."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from mailroom.app.context import Mailroom
from mailroom.testing.scans import (
    KINDS,
    ORIENTATIONS,
    large_page,
    render_scan,
    save_scans,
)

DPI = 72  # small pages: the generator's logic, not its pixels, is under test


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_renders_upright_with_its_text(kind: str) -> None:
    scan = render_scan(kind, seed=1, dpi=DPI)
    width, height = scan.image.size
    assert height > width  # a portrait page (or a portrait photo of one)
    assert scan.image is scan.upright
    assert len(scan.text) > 200
    ink = np.asarray(scan.image.convert("L"))
    # There is print on the paper; faint on the kinds made hard to read on purpose.
    assert int(ink.max()) - int(ink.min()) > (60 if KINDS[kind].easy else 20)
    if kind == "fax":
        assert (scan.image.mode, scan.dpi) == ("1", DPI * 200 // 300)
    else:
        assert scan.image.mode in ("L", "RGB")


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_orientations_turn_the_same_page_clockwise(orientation: int) -> None:
    scan = render_scan("grey_paper", seed=3, orientation=orientation, dpi=DPI)
    upright = render_scan("grey_paper", seed=3, dpi=DPI)
    assert scan.text == upright.text
    assert scan.upright.tobytes() == upright.image.tobytes()
    expected = np.rot90(np.asarray(upright.image), k=-orientation // 90)
    assert np.array_equal(np.asarray(scan.image), expected)


def test_a_seed_gives_the_same_page_and_another_seed_another() -> None:
    a, b, c = (render_scan("stamp_signature", seed=s, dpi=DPI) for s in (5, 5, 6))
    assert a.text == b.text and a.image.tobytes() == b.image.tobytes()
    assert a.text != c.text


def test_an_unknown_orientation_is_refused() -> None:
    with pytest.raises(ValueError, match="orientation"):
        render_scan("clean", seed=1, orientation=45, dpi=DPI)


def test_letters_carry_names_with_diacritics_amounts_and_dates() -> None:
    texts = " ".join(
        render_scan(k, seed=s, dpi=DPI).text for k in ("clean", "invoice") for s in range(6)
    )
    assert any(ch in texts for ch in "ÇçëüöéêïÖ")
    assert "€ " in texts
    assert "2026" in texts


def test_two_columns_are_recorded_column_by_column() -> None:
    scan = render_scan("two_columns", seed=2, dpi=DPI)
    headings = [line for line in scan.text.splitlines() if line and not line.endswith(".")]
    assert headings[0].startswith("Wijkkrant")
    # Every article's text follows its own heading in the recorded reading order.
    assert len(scan.text.splitlines()) > 15


def test_saved_pdf_has_a_page_per_scan_at_its_own_resolution(tmp_path: Path) -> None:
    scans = [render_scan("clean", 1, 90, dpi=DPI), render_scan("fax", 1, 0, dpi=DPI)]
    reader = PdfReader(save_scans(scans, tmp_path / "two.pdf"))
    assert len(reader.pages) == 2
    for page, expected in zip(reader.pages, ((11.69, 8.27), (8.27, 11.69)), strict=True):
        width, height = (float(v) / 72 for v in page.mediabox.upper_right)
        assert width == pytest.approx(expected[0], rel=0.02)
        assert height == pytest.approx(expected[1], rel=0.02)
        assert not page.extract_text().strip()  # image only: only OCR can read it


def test_large_page_has_the_size_asked_for() -> None:
    scan = large_page(seed=1, size=(1200, 1700), dpi=60)
    assert scan.image.size == (1200, 1700)
    assert scan.text


def _benchmark():  # type: ignore[no-untyped-def]
    path = Path(__file__).parents[1] / "benchmarks" / "ocr.py"
    spec = importlib.util.spec_from_file_location("benchmark_ocr", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_benchmark_error_measures() -> None:
    bench = _benchmark()
    assert bench.cer("Geachte heer Müller", "Geachte heer Müller") == 0
    assert bench.cer("Geachte  heer\nMuller", "Geachte heer Müller") == pytest.approx(1 / 19)
    assert bench.cer("’s-Hertogenbosch", "'s-Hertogenbosch") == 0  # typography is not an error
    assert bench.words_missed("heer Geachte", "Geachte heer") == 0  # order-free
    assert "ü→u" in list(bench.confusions("Muller", "Müller"))


@pytest.mark.slow
# OCR is the subject, not the database or the broker: the embedded backend suffices.
@pytest.mark.parametrize("backend", ["embedded"])
def test_a_hard_kind_goes_through_the_benchmark_path(mr: Mailroom, tmp_path: Path) -> None:
    """A grey page turned 180 degrees: OCR'd by mailroom, measured, turned-right checked."""
    bench = _benchmark()
    figure = bench.measure(mr, render_scan("grey_paper", seed=11, orientation=180), tmp_path)
    assert figure.state == "routed", figure
    assert figure.reads_at in (0, 90, 180, 270)
    assert figure.text.strip()
    # A page mailroom did not flag must have been read well and turned right.
    if not figure.flagged:
        assert figure.cer < 0.05, figure.text[:300]
        assert figure.reads_at == 0
