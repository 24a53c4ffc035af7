"""Logging for every face: personal data masked, tracebacks in the log file, not the terminal.

A log line can carry what a document said: an exception from a library quotes
the values it was given, a reason quotes a number from a letter. Every handler
mailroom installs formats through :class:`MaskingFormatter`, which hides any
number that is a valid BSN wherever it appears in the line or its traceback.

The document tools mailroom drives (OCRmyPDF, img2pdf, pypdf, pikepdf, Pillow,
pdfium) warn about many ordinary files — a creation date without a time zone,
an image with an alpha channel, an odd-length line in a font's Unicode map.
Those lines are for whoever reads the log file, where they are written at
DEBUG level; the terminal shows mailroom's own messages and results (and the
tools' lines only with ``-vv``). What the OCR child process and its programs
print goes to the log file too (:mod:`mailroom.ocr.engine`).
"""

from __future__ import annotations

import logging
import re
import uuid
from logging.handlers import WatchedFileHandler
from pathlib import Path

from stdnum.nl import bsn as stdnum_bsn

#: Nine digits, also written in groups (``1234.56.782``, ``123 456 782``).
_BSN_LIKE = re.compile(r"(?<![\d.])\d{4}[ .]?\d{2}[ .]?\d{3}(?![\d])|(?<!\d)\d{9}(?!\d)")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: Loggers of the document tools: their lines are written at DEBUG level, to the log file only.
THIRD_PARTY = (
    "ocrmypdf",
    "img2pdf",
    "pypdf",
    "pikepdf",
    "PIL",
    "pypdfium2",
    "pillow_heif",
    "fontTools",
    "pdfminer",
    "extract_msg",
    "tnefparse",
    "compressed_rtf",
    "olefile",
    "weasyprint",
    "py.warnings",  # warnings.warn from any library, captured by logging.captureWarnings
)


def is_third_party(name: str) -> bool:
    """Whether a logger belongs to one of the document tools (:data:`THIRD_PARTY`)."""
    return any(name == tool or name.startswith(tool + ".") for tool in THIRD_PARTY)


class ToolsToLogFile(logging.Filter):
    """Keeps the document tools' lines off a terminal (unless it shows DEBUG)."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether the terminal shows ``record``."""
        return self.level <= logging.DEBUG or not is_third_party(record.name)


def mask_bsn(bsn: str) -> str:
    """A BSN with all but its last four digits hidden: ``*****1234``."""
    return "*****" + bsn[-4:]


def mask_personal_data(text: str) -> str:
    """``text`` with every valid BSN masked (other numbers are left alone)."""

    def mask(m: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", m.group())
        return mask_bsn(digits) if stdnum_bsn.is_valid(digits) else m.group()

    return _BSN_LIKE.sub(mask, text)


class MaskingFormatter(logging.Formatter):
    """Formats as usual, then masks BSNs; tracebacks only where ``tracebacks`` is set."""

    def __init__(self, fmt: str = FORMAT, tracebacks: bool = True) -> None:
        super().__init__(fmt)
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        """The masked line (and traceback); a document tool's line at DEBUG level."""
        if is_third_party(record.name) and record.levelno > logging.DEBUG:
            # A copy: the other handlers (a test runner's) see the record as it was logged.
            # The tool's own level stays in the line, for whoever looks for its warnings.
            record = logging.makeLogRecord(
                {
                    **record.__dict__,
                    "levelno": logging.DEBUG,
                    "levelname": "DEBUG",
                    "msg": f"[{record.levelname}] {record.msg}",
                }
            )
        if self.tracebacks:
            return mask_personal_data(super().format(record))
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info = record.exc_text = record.stack_info = None
        try:
            return mask_personal_data(super().format(record))
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def configure_logging(
    level: int, log_file: Path | None = None, tracebacks: bool = False, fmt: str = FORMAT
) -> None:
    """Log to stderr at ``level`` (tracebacks only when asked) and, with ``log_file``,
    everything from INFO up with tracebacks to that file. Replaces the handlers an earlier
    call installed (and only those: a test runner's stay)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler.formatter, MaskingFormatter):
            root.removeHandler(handler)
            handler.close()
    terminal = logging.StreamHandler()
    terminal.setLevel(level)
    terminal.setFormatter(MaskingFormatter(fmt, tracebacks=tracebacks))
    # What libraries warn about (Pillow on a corrupt EXIF block, pypdf on a damaged font)
    # is for the log file, not a user's terminal: captured as log records only the file shows.
    logging.captureWarnings(True)
    terminal.addFilter(ToolsToLogFile(level))
    root.addHandler(terminal)
    root.setLevel(min(level, logging.INFO) if log_file else level)
    # Migrations run in every process that opens the database; their lines are noise
    # unless someone asks for debug output.
    logging.getLogger("alembic").setLevel(
        logging.DEBUG if level <= logging.DEBUG else logging.WARNING
    )
    if log_file is not None and log_file.parent.is_dir():
        add_log_file(log_file)


def add_log_file(log_file: Path) -> None:
    """Also write INFO and up, with tracebacks, to ``log_file`` (safe with logrotate)."""
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == str(log_file) for h in root.handlers):
        return
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = WatchedFileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(MaskingFormatter(tracebacks=True))
    root.addHandler(handler)
    root.setLevel(min(root.level, logging.INFO))


def new_error_id() -> str:
    """A short id that ties what a user sees of an internal error to its entry in the log."""
    return uuid.uuid4().hex[:10]
