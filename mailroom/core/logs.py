"""Logging for every face: personal data masked, tracebacks in the log file, not the terminal.

A log line can carry what a document said: an exception from a library quotes
the values it was given, a reason quotes a number from a letter. Every handler
mailroom installs formats through :class:`MaskingFormatter`, which hides any
number that is a valid BSN wherever it appears in the line or its traceback.
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
        """The masked line (and traceback)."""
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
    # What libraries warn about (Pillow on a corrupt EXIF block, say) is for the log file,
    # not a user's terminal: captured as log records that only the file shows.
    logging.captureWarnings(True)
    terminal.addFilter(lambda record: record.name != "py.warnings" or level <= logging.DEBUG)
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
