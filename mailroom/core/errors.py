"""One error hierarchy for mailroom.

Every error carries an exit code and a message that tells the user what to do
next, and says whether it is *transient* (worth retrying: a broker that is
down, a locked database) or *permanent* (the input itself is bad: the document
goes to quarantine). The CLI turns these into one line and an exit code; the
pipeline catches them per document so one bad letter never stops a batch.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the ``mailroom`` command."""

    ok = 0
    error = 1
    usage = 2
    config = 3
    not_found = 4
    bad_input = 5
    missing_dependency = 6
    broker = 7
    model = 8


class MailroomError(Exception):
    """Base class of every error mailroom raises on purpose."""

    exit_code: ExitCode = ExitCode.error
    transient: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(MailroomError):
    """Settings or the case-type catalogue are invalid."""

    exit_code = ExitCode.config


class UnknownCaseType(ConfigError):
    """A case-type code that is not in the catalogue."""


class NotInitialised(ConfigError):
    """The data directory or database has not been set up yet."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what}; run `mailroom init` first")


class NotFound(MailroomError):
    """A document, case, queue or model version that does not exist."""

    exit_code = ExitCode.not_found


class InputRejected(MailroomError):
    """The input file itself cannot be processed; it goes to quarantine.

    The message is written for a postroom employee: what is wrong with the
    file, not which library complained.
    """

    exit_code = ExitCode.bad_input


class UnsupportedInput(InputRejected):
    """A file type mailroom does not take (an executable, a spreadsheet...)."""


class CorruptInput(InputRejected):
    """A file that claims a format but cannot be read as it."""


class EncryptedInput(InputRejected):
    """A password-protected PDF or archive."""


class OcrFailed(InputRejected):
    """OCR of a document failed for a reason that lies in the document."""


class CaseNumberUnavailable(MailroomError):
    """Every new case number the counter gave was taken (a format without a sequence, say)."""


class MissingDependency(MailroomError):
    """A program mailroom needs (Tesseract, Ghostscript, a language pack) is missing.

    Not the document's fault: it stays where it is, to be processed once the
    program is installed.
    """

    exit_code = ExitCode.missing_dependency
    transient = True


class ModelError(MailroomError):
    """The classifier model is missing, damaged or incompatible."""

    exit_code = ExitCode.model


class DatabaseUnavailable(MailroomError):
    """The database cannot be reached (or stays locked); the work is tried again later."""

    exit_code = ExitCode.config
    transient = True


class BrokerUnavailable(MailroomError):
    """The message broker cannot be reached; the work stays to be published later."""

    exit_code = ExitCode.broker
    transient = True
