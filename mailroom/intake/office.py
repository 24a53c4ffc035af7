"""Office documents (Word, OpenDocument, RTF, spreadsheets, presentations) made PDF/A.

A .docx, .xlsx or .odt is a zip file: it is recognised here by the member that
declares it (``[Content_Types].xml`` for Office Open XML, ``mimetype`` for
OpenDocument) so it is never unpacked as an archive of loose XML parts. Old
binary Office files are OLE compound files, recognised by their streams.

Conversion runs LibreOffice headless (Debian ``libreoffice-*-nogui``) as a child
process group with:

* its own temporary profile (``-env:UserInstallation=file:///tmp/...``), so
  conversions never share state or lock files, and nothing of a user's
  LibreOffice settings applies;
* macros off: the profile says ``DisableMacrosExecution`` and security level
  "very high", and headless mode shows no dialog that could enable them;
* links never updated on load (Writer and Calc ``Update/Link`` = never);
* no network: the child runs in a new, empty network namespace
  (``unshare --net --map-root-user``) where the kernel allows one; where it does not
  (a container without user namespaces) the links setting is what keeps it offline;
* a time limit (:attr:`IntakeLimits.office_timeout_s`) after which the whole
  process group is killed, ``soffice.bin`` with its ``oosplash`` launcher.

LibreOffice's own output goes to mailroom's log at debug level, never the terminal.
The PDF is checked like any PDF (pages, JavaScript, image sizes) before it is used.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import olefile

from mailroom.core.errors import CorruptInput, EncryptedInput, InputRejected, UnsupportedInput
from mailroom.intake.inspect import check_pdf
from mailroom.intake.limits import IntakeLimits

log = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
RTF = "application/rtf"
#: An Outlook message (.msg): an OLE compound file too, but an email, not a document.
MSG = "application/vnd.ms-outlook"
#: A zip that is a document package mailroom does not read (XPS, Visio, EPUB, ...).
OTHER_PACKAGE = "application/x-document-package"

#: Office formats converted to PDF, with the extension LibreOffice recognises them by.
OFFICE_TYPES: dict[str, str] = {
    DOCX: ".docx",
    DOC: ".doc",
    ODT: ".odt",
    RTF: ".rtf",
    XLSX: ".xlsx",
    XLS: ".xls",
    ODS: ".ods",
    PPTX: ".pptx",
    PPT: ".ppt",
    ODP: ".odp",
}

_ZIP = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The main part of each Office Open XML kind (macro-enabled .docm etc. share them).
_OOXML_MAIN = (
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", XLSX),
    ("xl/workbook.bin", XLSX),
    ("ppt/presentation.xml", PPTX),
)
_ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": ODT,
    "application/vnd.oasis.opendocument.text-template": ODT,
    "application/vnd.oasis.opendocument.spreadsheet": ODS,
    "application/vnd.oasis.opendocument.spreadsheet-template": ODS,
    "application/vnd.oasis.opendocument.presentation": ODP,
    "application/vnd.oasis.opendocument.presentation-template": ODP,
}
_OLE_STREAMS = (
    ("worddocument", DOC),
    ("workbook", XLS),
    ("book", XLS),
    ("powerpoint document", PPT),
    ("__properties_version1.0", MSG),
)
# PDF/A-2b: LibreOffice's PDF export filter, SelectPdfVersion 2 (checked in the tests).
_PDF_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
# The profile's settings (path, name, value); see the module docstring for why each is there.
_SETTINGS = (
    ("org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("org.openoffice.Office.Writer/Content/Update", "Link", "2"),  # 2: never
    ("org.openoffice.Office.Calc/Content/Update", "Link", "2"),
    ("org.openoffice.Office.Common/Misc", "FirstRun", "false"),
)


def _registry() -> str:
    """The profile's registrymodifications.xcu holding :data:`_SETTINGS`."""
    items = "".join(
        f'<item oor:path="/{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for path, name, value in _SETTINGS
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n"
    )


@dataclass(frozen=True)
class Conversion:
    """How one LibreOffice run ended: its exit status and what it printed."""

    returncode: int
    output: str
    timed_out: bool


def is_package(data: bytes) -> bool:
    """Whether a zip is a document (Office Open XML, OpenDocument, XPS, EPUB), not an archive."""
    return _zip_package_type(data) is not None


def office_type(data: bytes) -> str | None:
    """The media type of an Office document or Outlook message by its content, else None.

    Returns :data:`OTHER_PACKAGE` for a zip that is a document of a kind not read here
    (so it is not unpacked), and raises :class:`EncryptedInput` for a password-protected
    Office file (Office encrypts into an OLE file with an ``EncryptedPackage`` stream).
    """
    if data.startswith(b"{\\rtf"):
        return RTF
    if data.startswith(_ZIP):
        return _zip_package_type(data)
    if data.startswith(OLE_SIGNATURE):
        return _ole_type(data)
    return None


def _zip_package_type(data: bytes) -> str | None:
    if not data.startswith(_ZIP):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # ODF stores its type uncompressed as the first member; a few bytes only.
                with archive.open("mimetype") as member:
                    declared = member.read(200).decode("ascii", "replace").strip()
                return _ODF_TYPES.get(declared, OTHER_PACKAGE)
            if "[Content_Types].xml" in names:
                return next((t for main, t in _OOXML_MAIN if main in names), OTHER_PACKAGE)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, NotImplementedError):
        return None  # a damaged zip: the archive reader says what is wrong with it
    return None


def _ole_type(data: bytes) -> str | None:
    try:
        with olefile.OleFileIO(data) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True)}
    except (OSError, ValueError, IndexError, TypeError, AttributeError) as e:
        raise CorruptInput(f"the Office file is damaged and cannot be read ({e})") from e
    if "encryptedpackage" in streams:
        raise EncryptedInput("the Office document is password-protected; supply it without one")
    return next((t for name, t in _OLE_STREAMS if name in streams), None)


def to_pdf(data: bytes, kind: str, limits: IntakeLimits) -> bytes:
    """A checked PDF/A-2b of an Office document of media type ``kind`` (see OFFICE_TYPES).

    Raises :class:`InputRejected` with a plain reason when LibreOffice is missing, the
    document does not convert within ``limits.office_timeout_s`` or the result is no
    usable PDF; the caller quarantines the document.
    """
    if kind not in OFFICE_TYPES:
        raise UnsupportedInput(f"{kind} is not an Office format mailroom converts")
    if soffice() is None:
        raise UnsupportedInput(
            "Office documents need LibreOffice (Debian libreoffice-writer-nogui, "
            "installed by `make system`); it is not installed"
        )
    _check_unpacked_size(data, limits)
    with tempfile.TemporaryDirectory(prefix="mailroom-office-") as tmp:
        folder = Path(tmp)
        # A fixed name: the attachment's name never becomes a path.
        source = folder / f"document{OFFICE_TYPES[kind]}"
        source.write_bytes(data)
        result = _run_libreoffice(source, folder, limits.office_timeout_s)
        pdf = folder / "out" / "document.pdf"
        if result.timed_out:
            raise InputRejected(
                f"the Office document did not convert to PDF within {limits.office_timeout_s:g} s "
                "(too large or damaged); LibreOffice was stopped"
            )
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise CorruptInput(
                "the Office document is damaged or not what it claims to be: LibreOffice could "
                "not convert it to PDF"
            )
        return check_pdf(pdf.read_bytes(), limits)


def _check_unpacked_size(data: bytes, limits: IntakeLimits) -> None:
    """Refuse a zipped document that unpacks to more than an archive may (a zip bomb).

    LibreOffice would unpack it in memory; the time limit does not bound memory.
    """
    if not data.startswith(_ZIP):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as e:
        raise CorruptInput(f"the Office document is damaged ({e})") from e
    if declared > limits.zip_max_total_bytes:
        raise InputRejected("the Office document unpacks to more than the size limit (a zip bomb?)")


@cache
def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@cache
def _offline_prefix() -> tuple[str, ...]:
    """``unshare`` into an empty network namespace, when this kernel allows it."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    command = (unshare, "--net", "--map-root-user")
    try:
        probe = subprocess.run([*command, "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    if probe.returncode != 0:
        log.info("LibreOffice runs without its own network namespace (unshare: %s)", probe.stderr)
        return ()
    return command


def _run_libreoffice(source: Path, folder: Path, timeout: float) -> Conversion:
    program = soffice()
    assert program is not None
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_registry(), encoding="utf-8")
    command = [
        *_offline_prefix(),
        program,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        _PDF_FILTER,
        "--outdir",
        str(folder / "out"),
        str(source),
    ]
    # A bare environment: no DISPLAY, no proxy settings, HOME inside the temporary folder.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder), "LANG": "C.UTF-8"}
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=folder,
        env=env,
        start_new_session=True,  # its own process group, killed as a whole
    )
    timed_out = False
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(process.pid)
        output, _ = process.communicate()
    finally:
        # soffice.bin can outlive its launcher; nothing of the group is left running.
        _kill_group(process.pid)
    text = output.decode("utf-8", "replace").strip()
    log.debug("LibreOffice (exit %s): %s", process.returncode, text)
    return Conversion(process.returncode, text, timed_out)


def _kill_group(pgid: int) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)
