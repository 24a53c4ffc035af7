"""Test scans: letters rendered and spoilt the way real post reaches the scanner.

``page`` holds the simple renderer the tests have used from the start
(:func:`render_page`, :func:`scan_letter`); ``kinds`` renders the harder kinds
real post has (grey paper, stamps, fax, phone photos ...) in four orientations.
"""

from __future__ import annotations

from mailroom.testing.scans.kinds import (
    KINDS,
    ORIENTATIONS,
    Kind,
    Scan,
    large_page,
    render_scan,
    save_scans,
)
from mailroom.testing.scans.page import (
    A4_INCHES,
    Degradation,
    degrade,
    render_page,
    save_pdf,
    scan_letter,
)

__all__ = [
    "A4_INCHES",
    "KINDS",
    "ORIENTATIONS",
    "Degradation",
    "Kind",
    "Scan",
    "degrade",
    "large_page",
    "render_page",
    "render_scan",
    "save_pdf",
    "save_scans",
    "scan_letter",
]
