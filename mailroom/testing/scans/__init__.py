"""Test scans: letters rendered and spoilt the way real post reaches the scanner.

``page`` holds the simple renderer the tests have used from the start
(:func:`render_page`, :func:`scan_letter`); ``kinds`` renders the harder kinds
real post has (grey paper, stamps, fax, phone photos ...) in four orientations,
of its own letters (:func:`render_scan`) or of a given text (:func:`render_text`).
"""

from __future__ import annotations

from mailroom.testing.scans.kinds import (
    KINDS,
    ORIENTATIONS,
    TEXT_KINDS,
    Kind,
    Scan,
    large_page,
    render_scan,
    render_text,
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
    "TEXT_KINDS",
    "Degradation",
    "Kind",
    "Scan",
    "degrade",
    "large_page",
    "render_page",
    "render_scan",
    "render_text",
    "save_pdf",
    "save_scans",
    "scan_letter",
]
