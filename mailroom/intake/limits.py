"""Limits that keep hostile or broken input from harming the intake."""

from __future__ import annotations

from dataclasses import dataclass

from mailroom.core.config.settings import Settings


@dataclass(frozen=True)
class IntakeLimits:
    """How much mailroom takes from one input, and how it splits batch scans."""

    max_input_bytes: int = 200 * 1024 * 1024
    max_pages: int = 500
    max_image_pixels: int = 250_000_000
    #: Smallest side, in pixels, of an image that can be a scanned page.
    min_image_side: int = 200
    zip_max_members: int = 100
    zip_max_total_bytes: int = 300 * 1024 * 1024
    zip_max_depth: int = 2
    mime_max_depth: int = 25
    #: Longest email header taken, in characters (parsing a huge one takes minutes).
    max_header_chars: int = 16 * 1024
    separator_values: frozenset[str] = frozenset({"PATCHT"})
    split_on_blank_pages: bool = False
    blank_page_ink: float = 0.003
    #: Seconds LibreOffice may take to convert one Office document to PDF.
    office_timeout_s: float = 60.0

    @classmethod
    def from_settings(cls, s: Settings) -> IntakeLimits:
        """The limits the settings ask for."""
        return cls(
            max_input_bytes=s.max_input_mb * 1024 * 1024,
            max_pages=s.max_pages,
            max_image_pixels=s.max_image_mpixels * 1_000_000,
            zip_max_members=s.zip_max_members,
            zip_max_total_bytes=s.zip_max_total_mb * 1024 * 1024,
            zip_max_depth=s.zip_max_depth,
            mime_max_depth=s.mime_max_depth,
            separator_values=s.separator_values,
            split_on_blank_pages=s.split_on_blank_pages,
            blank_page_ink=s.blank_page_ink,
            office_timeout_s=s.office_timeout,
        )
