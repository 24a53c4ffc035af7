"""The one settings object.

Sources, highest first: keyword arguments (the CLI's options), the environment
(``MAILROOM_<FIELD>``), the TOML file ``mailroom.toml`` in the data directory,
then the defaults below. pydantic-settings does the layering; settings are loaded
once at the entry point and passed down, and nothing reads the environment at
import time.
"""

from __future__ import annotations

import os
import re
import string
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from mailroom.core.errors import ConfigError

SETTINGS_FILE = "mailroom.toml"
ENV_PREFIX = "MAILROOM_"


def default_home() -> Path:
    """The data directory when neither ``--home`` nor ``MAILROOM_HOME`` is given."""
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "mailroom"


def _resolve_home(home: str | Path | None, environ: Mapping[str, str]) -> Path:
    return Path(home or environ.get(f"{ENV_PREFIX}HOME") or default_home()).expanduser().resolve()


@dataclass(frozen=True)
class _Inputs:
    """What one :func:`load_settings` call hands its sources: the environment to read
    (tests pass their own) and the data directory whose ``mailroom.toml`` is read."""

    environ: Mapping[str, str]
    home: Path


# settings_customise_sources is a classmethod and cannot see load_settings' arguments;
# a context variable carries them there without a process-wide global (threads, tests).
_inputs: ContextVar[_Inputs | None] = ContextVar("mailroom_settings_inputs", default=None)


@contextmanager
def _loading(inputs: _Inputs) -> Iterator[None]:
    token = _inputs.set(inputs)
    try:
        yield
    finally:
        _inputs.reset(token)


class _EnvSource(EnvSettingsSource):
    """``MAILROOM_*`` variables from a given mapping rather than always ``os.environ``."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        # Set before super().__init__, which loads the variables.
        self._environ = environ
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        # The one place pydantic-settings reads os.environ (private, but the same from 2.3
        # to 2.16; every test in tests/test_config.py passes its own mapping, so a change
        # shows at once). Names match case-insensitively, pydantic-settings' default.
        if self.case_sensitive:
            return dict(self._environ)
        return {name.lower(): value for name, value in self._environ.items()}

    def prepare_field_value(
        self, field_name: str, field: FieldInfo, value: Any, value_is_complex: bool
    ) -> Any:
        # pydantic-settings would read a list setting as JSON; ours take one plain value
        # (a regular expression is rarely valid JSON), which the field validator wraps.
        return value


class Settings(BaseSettings):
    """Everything that can be configured. Paths default to places inside ``home``.

    Build it with :func:`load_settings`; constructed directly it reads ``os.environ`` and
    the ``mailroom.toml`` of the ``home`` given (or of the default data directory).
    """

    # extra="forbid": an unknown key in mailroom.toml (a typo) is an error, not ignored.
    # Unknown MAILROOM_* variables are ignored, as before: the environment is shared.
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="forbid")

    home: Path
    #: SQLAlchemy URL; default SQLite (WAL) in the data directory.
    database_url: str | None = None
    #: kombu URL; default kombu's SQLAlchemy transport on SQLite in the data directory.
    broker_url: str | None = None
    #: Prefix of the exchange and queue names, so several installations can share a broker.
    queue_prefix: str = "mailroom."
    #: A TOML file replacing the packaged catalogue of case types and teams.
    catalogue_file: Path | None = None
    #: Tesseract languages, joined with "+".
    ocr_languages: str = "nld+eng"
    #: Pages OCR'd in parallel inside one document; 0 means one per core.
    ocr_jobs: int = 0
    #: Seconds Tesseract may spend on one page; a page that takes longer quarantines the document.
    ocr_page_timeout: float = 180.0
    #: Seconds OCR may spend on one document; one that takes longer is stopped and quarantined,
    #: so it never blocks a worker for long.
    ocr_document_timeout: float = 900.0
    #: A page OCR'd with less mean word confidence (0-1) sends the document to review.
    ocr_min_confidence: float = 0.8
    #: Read a page that reads poorly a second time, cleaned (background evened out, contrast
    #: stretched), and keep the better reading.
    ocr_clean: bool = True
    #: Below this classifier confidence a document goes to the review queue; by default the
    #: threshold stored with the active model (derived when it was trained).
    review_threshold: float | None = None
    #: Share of the documents routed straight to a team (not to review) that must have the
    #: right case type; the review threshold is where the active model's cross-validation
    #: reached it. Ignored when ``review_threshold`` is set.
    review_precision: float = Field(default=0.99, gt=0, le=1)
    #: Format of new case numbers; ``year`` and ``seq`` are filled in.
    case_number_format: str = "ZAAK-{year}-{seq:010d}"
    #: Further case-number patterns (regular expressions) that letters cite, such as a
    #: municipality's older numbering; a group named ``number`` picks the number. In the
    #: environment: one pattern.
    case_number_patterns: list[str] = []
    #: Random seed for training the classifier.
    train_seed: int = 1
    #: Log file (INFO and up, with the details of internal errors); default
    #: ``mailroom.log`` in the data directory.
    log_file: Path | None = None

    # --- workers ---
    #: How ``mailroom watch`` runs the stages after intake: ``inline`` in its own worker
    #: processes, or ``queue``: as messages for ``mailroom worker`` processes on any machine.
    pipeline: Literal["inline", "queue"] = "inline"
    #: A document whose work was started this often without finishing is dead-lettered.
    work_max_attempts: int = 3
    #: A starting ``mailroom worker`` queues again unfinished documents untouched this many
    #: seconds (work a killed worker held on a transport that does not redeliver it).
    work_stale_seconds: float = 600.0

    # --- intake ---
    #: Seconds a file's size and mtime must stay unchanged before it is taken.
    watch_stable_seconds: float = 2.0
    #: Seconds between full rescans of the watch folders (events can be missed).
    watch_rescan_seconds: float = 30.0
    #: Poll instead of inotify events (network shares do not deliver events).
    watch_polling: bool = False
    #: Worker processes of ``mailroom watch``; 0 means one per core.
    watch_workers: int = 0
    #: What happens to an input file once it is safely stored: ``move`` or ``delete``.
    after_intake: Literal["move", "delete"] = "move"
    #: Barcode values that mark a separator sheet in a batch scan (comma-separated).
    separator_barcodes: str = "PATCHT"
    #: Also split batch scans at blank pages (and drop them).
    split_on_blank_pages: bool = False
    #: A page with less than this share of its area carrying ink counts as blank.
    blank_page_ink: float = 0.003
    #: Largest input file taken, in megabytes.
    max_input_mb: int = 200
    #: Most pages in one input file.
    max_pages: int = 500
    #: Largest image (per page), in megapixels; more is treated as a decompression bomb.
    max_image_mpixels: int = 250
    #: Limits for zip attachments: members, total unpacked size, nesting.
    zip_max_members: int = 100
    zip_max_total_mb: int = 300
    zip_max_depth: int = 2
    #: Deepest MIME nesting of an email that is read.
    mime_max_depth: int = 25
    #: Seconds LibreOffice may take to convert one Office document to PDF; a slower one is
    #: stopped and the document quarantined.
    office_timeout: float = 60.0

    # --- mailbox (IMAP) ---
    #: The IMAP server ``mailroom watch`` takes email from; unset: no mailbox is read.
    imap_host: str | None = None
    imap_port: int = 993
    #: ``tls`` (implicit, port 993), ``starttls`` (port 143) or ``none`` (a local server).
    imap_security: Literal["tls", "starttls", "none"] = "tls"
    imap_user: str | None = None
    #: Give it in the environment (``MAILROOM_IMAP_PASSWORD``) rather than in a file.
    imap_password: str | None = None
    #: An OAuth2 access token for XOAUTH2 (Microsoft 365); it expires within the hour, so
    #: prefer ``imap_oauth2_token_command``.
    imap_oauth2_token: str | None = None
    #: A command (no shell) whose standard output is a fresh access token; run for every
    #: connection.
    imap_oauth2_token_command: str | None = None
    #: The folder mail is taken from, and the one it is moved to once taken (created if
    #: missing).
    imap_folder: str = "INBOX"
    imap_processed_folder: str = "Verwerkt"
    #: Seconds between looks at the folder (with IDLE: between renewals of it).
    imap_poll_seconds: float = 60.0
    #: Seconds to wait for the server's answers.
    imap_timeout: float = 30.0
    #: A CA certificate (PEM) for a server whose certificate no public CA signed.
    imap_ca_file: Path | None = None
    #: Seconds to pause between messages, to spare a server that throttles.
    imap_pause_seconds: float = 0.0

    # --- web workspace ---
    #: Session cookies only over HTTPS (set behind a reverse proxy that terminates TLS).
    web_https_only: bool = False

    # --- zaaksysteem (ZGW APIs) ---
    #: Where cases live: ``local`` (mailroom's own register) or ``zgw`` (the zaaksysteem:
    #: routed letters are filed there, in the zaak of their case).
    case_register: Literal["local", "zgw"] = "local"
    #: Roots of the zaaksysteem's Zaken, Documenten and Catalogi APIs
    #: (``https://zaken.example.nl/zaken/api/v1`` and so on).
    zgw_zaken_url: str | None = None
    zgw_documenten_url: str | None = None
    zgw_catalogi_url: str | None = None
    #: mailroom's applicatie in the zaaksysteem: client id and secret (JWT, HS256). Give the
    #: secret in the environment (``MAILROOM_ZGW_SECRET``) rather than in a file.
    zgw_client_id: str | None = None
    zgw_secret: str | None = None
    #: The municipality's RSIN: bronorganisatie and verantwoordelijke organisatie of zaken.
    zgw_rsin: str | None = None
    #: Per case type the ``identificatie`` of its zaaktype in the catalogue. In the
    #: environment: ``wmo=ZT-WMO,bezwaar=ZT-BEZWAAR``.
    zgw_zaaktypen: dict[str, str] = {}
    #: The informatieobjecttype (its omschrijving) of incoming post.
    zgw_informatieobjecttype: str = "Inkomende post"
    #: Documents larger than this (megabytes) are uploaded in parts (bestandsdelen).
    zgw_inline_max_mb: float = 20.0
    #: The informatieobjecttype (its omschrijving) of outgoing post: acknowledgements are
    #: filed to the zaak as it. Empty: they are not filed.
    zgw_outgoing_informatieobjecttype: str = "Uitgaande post"

    # --- acknowledgements of receipt ---
    #: Acknowledge receipt: objections and complaints in writing (Awb 6:14, 9:6), every
    #: email by a reply, as the catalogue's rules say per case type.
    acknowledgements: bool = True
    #: The letterhead and signature of acknowledgements. Until the name is set they wait.
    municipality_name: str | None = None
    #: Address lines of the letterhead. In the environment: lines separated by ``|``.
    municipality_address: list[str] = []
    municipality_phone: str = ""
    municipality_website: str = ""
    #: A folder of templates replacing the packaged ones (``ack_<case type>.html.j2``,
    #: ``email_<case type>.txt.j2``, ``ack_default.html.j2``, ...).
    acknowledgement_templates: Path | None = None
    #: Where paper acknowledgements are written (a PDF/A per letter, one print file per
    #: day); default ``acknowledgements/`` in the data directory.
    acknowledgements_dir: Path | None = None
    #: The mail server email acknowledgements are sent through. Until it is set, they wait.
    smtp_host: str | None = None
    smtp_port: int = 587
    #: ``starttls`` (port 587), ``tls`` (implicit, port 465) or ``none`` (a local relay).
    smtp_security: Literal["none", "starttls", "tls"] = "starttls"
    smtp_username: str | None = None
    #: Give it in the environment (``MAILROOM_SMTP_PASSWORD``) rather than in a file.
    smtp_password: str | None = None
    smtp_timeout: float = 30.0
    #: The address email acknowledgements come from (``From``).
    acknowledgement_from: str | None = None

    @field_validator("zgw_zaaktypen", mode="before")
    @classmethod
    def _pairs(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        pairs = [part.split("=", 1) for part in value.split(",") if part.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise ValueError("expected case_type=ZAAKTYPE pairs separated by commas")
        return {code.strip(): ident.strip() for code, ident in pairs}

    @field_validator("municipality_address", mode="before")
    @classmethod
    def _address_lines(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [line.strip() for line in value.split("|") if line.strip()]
        return value

    @field_validator("case_number_patterns", mode="before")
    @classmethod
    def _one_pattern(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("case_number_patterns")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as e:
                raise ValueError(f"not a regular expression: {pattern!r} ({e})") from e
        return value

    @field_validator("case_number_format")
    @classmethod
    def _valid_number_format(cls, value: str) -> str:
        fields = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
        if "seq" not in fields or not fields <= {"year", "seq"}:
            raise ValueError("must contain {seq} and may contain {year}, nothing else in braces")
        try:
            value.format(year=2026, seq=1)
        except (ValueError, TypeError) as e:
            raise ValueError(f"cannot be formatted: {e}") from e
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Keyword arguments, then ``MAILROOM_*``, then ``<home>/mailroom.toml``; no
        ``.env`` or secrets directory."""
        inputs = _inputs.get()
        if inputs is None:
            home = getattr(init_settings, "init_kwargs", {}).get("home")
            inputs = _Inputs(os.environ, _resolve_home(home, os.environ))
        return (
            init_settings,
            _EnvSource(settings_cls, inputs.environ),
            TomlConfigSettingsSource(settings_cls, toml_file=inputs.home / SETTINGS_FILE),
        )

    @property
    def db_url(self) -> str:
        """The database URL in force."""
        return self.database_url or f"sqlite:///{self.home / 'mailroom.sqlite3'}"

    @property
    def broker(self) -> str:
        """The broker URL in force."""
        return self.broker_url or f"sqla+sqlite:///{self.home / 'queue.sqlite3'}"

    @property
    def store_dir(self) -> Path:
        """Content-addressed originals and archive copies."""
        return self.home / "store"

    @property
    def models_dir(self) -> Path:
        """Trained classifier versions."""
        return self.home / "models"

    @property
    def scanner_inbox(self) -> Path:
        """Watch folder of the postroom scanner."""
        return self.home / "inbox" / "scanner"

    @property
    def email_inbox(self) -> Path:
        """Watch folder of .eml files from the general address."""
        return self.home / "inbox" / "email"

    @property
    def processed_dir(self) -> Path:
        """Where input files are moved once they are safely stored."""
        return self.home / "processed"

    @property
    def ack_dir(self) -> Path:
        """Where paper acknowledgements are written."""
        return self.acknowledgements_dir or self.home / "acknowledgements"

    @property
    def quarantine_dir(self) -> Path:
        """Where inputs that cannot be processed are kept with their reason."""
        return self.home / "quarantine"

    @property
    def separator_values(self) -> frozenset[str]:
        """Separator barcode values, parsed."""
        return frozenset(v.strip() for v in self.separator_barcodes.split(",") if v.strip())

    @property
    def worker_count(self) -> int:
        """Worker processes of the daemon."""
        return self.watch_workers or os.cpu_count() or 1

    @property
    def ocr_job_count(self) -> int:
        """Pages in parallel inside one document."""
        return self.ocr_jobs or os.cpu_count() or 1

    @property
    def log_path(self) -> Path:
        """The log file in force."""
        return self.log_file or self.home / "mailroom.log"

    def for_workers(self, workers: int) -> Settings:
        """These settings for one of ``workers`` processes on this machine: documents
        already run in parallel across them, so unless set, the cores are shared out
        among their OCR jobs."""
        if self.ocr_jobs:
            return self
        return self.model_copy(update={"ocr_jobs": max(1, (os.cpu_count() or 1) // workers)})


def load_settings(
    home: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Load settings from arguments, environment, ``<home>/mailroom.toml`` and defaults.

    ``home`` (else ``MAILROOM_HOME``, else :func:`default_home`) is the data directory and
    says which ``mailroom.toml`` is read. ``environ`` replaces ``os.environ`` (tests).
    ``overrides`` whose value is ``None`` are ignored, so CLI options that were not given
    fall through to the next source. Anything invalid is one :class:`ConfigError`.
    """
    env = os.environ if environ is None else environ
    home_path = _resolve_home(home, env)
    settings_file = home_path / SETTINGS_FILE
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        with _loading(_Inputs(env, home_path)):
            # home is always the resolved one: a "home" key in the file cannot move the file.
            return Settings(**given, home=home_path)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{settings_file}: not valid TOML: {e}") from e
    except ValidationError as e:
        problems = "; ".join(
            _describe(err["loc"], err["msg"], given, env, settings_file) for err in e.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from e


def _describe(
    loc: tuple[int | str, ...],
    message: str,
    given: Mapping[str, Any],
    environ: Mapping[str, str],
    settings_file: Path,
) -> str:
    """One validation error, naming the setting and the source its value came from."""
    name = str(loc[0]) if loc else "?"
    where = ".".join(str(p) for p in loc)
    env_name = f"{ENV_PREFIX}{name.upper()}"
    if name in given:
        source = "argument"
    elif any(key.upper() == env_name for key in environ):
        source = env_name
    else:
        # Defaults are valid, so whatever is left came from the file.
        source = str(settings_file)
    return f"{where} (from {source}): {message}"
