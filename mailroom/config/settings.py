"""The one settings object.

Sources, highest first: keyword arguments (the CLI's options), the environment
(``MAILROOM_<FIELD>``), the TOML file ``mailroom.toml`` in the data directory,
then the defaults below. Settings are loaded once at the entry point and passed
down; nothing reads the environment at import time.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from mailroom.errors import ConfigError

SETTINGS_FILE = "mailroom.toml"
ENV_PREFIX = "MAILROOM_"


def default_home() -> Path:
    """The data directory when neither ``--home`` nor ``MAILROOM_HOME`` is given."""
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "mailroom"


class Settings(BaseModel):
    """Everything that can be configured. Paths default to places inside ``home``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

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
    #: Seconds Tesseract may spend on one page.
    ocr_page_timeout: float = 180.0
    #: Below this classifier confidence a document goes to the review queue.
    review_threshold: float = 0.5
    #: Format of new case numbers; ``year`` and ``seq`` are filled in.
    case_number_format: str = "ZAAK-{year}-{seq:010d}"
    #: Random seed for training the classifier.
    train_seed: int = 1

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
    def quarantine_dir(self) -> Path:
        """Where inputs that cannot be processed are kept with their reason."""
        return self.home / "quarantine"

    @property
    def ocr_job_count(self) -> int:
        """Pages in parallel inside one document."""
        return self.ocr_jobs or os.cpu_count() or 1


def load_settings(
    home: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Load settings from arguments, environment, ``<home>/mailroom.toml`` and defaults.

    ``overrides`` whose value is ``None`` are ignored, so CLI options that were not
    given fall through to the next source.
    """
    env = os.environ if environ is None else environ
    home_path = Path(home or env.get(f"{ENV_PREFIX}HOME") or default_home()).expanduser()
    values: dict[str, Any] = {}
    settings_file = home_path / SETTINGS_FILE
    if settings_file.is_file():
        try:
            values.update(tomllib.loads(settings_file.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{settings_file}: not valid TOML: {e}") from e
    for name in Settings.model_fields:
        key = f"{ENV_PREFIX}{name.upper()}"
        if name != "home" and key in env:
            values[name] = env[key]
    values.update({k: v for k, v in overrides.items() if v is not None})
    values["home"] = home_path.resolve()
    try:
        return Settings(**values)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()
        )
        raise ConfigError(f"invalid settings ({settings_file} or MAILROOM_*): {problems}") from e
