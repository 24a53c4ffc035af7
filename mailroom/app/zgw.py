"""The zaaksysteem from the application's side: building the client from the settings and
proving the configuration (``mailroom zgw check``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.config.settings import Settings
from mailroom.core.errors import ConfigError, MailroomError
from mailroom.zgw.catalogus import Resolution, resolve
from mailroom.zgw.client import ZgwClient, ZgwConfig

#: The settings a connection to the zaaksysteem needs.
REQUIRED = (
    "zgw_zaken_url",
    "zgw_documenten_url",
    "zgw_catalogi_url",
    "zgw_client_id",
    "zgw_secret",
    "zgw_rsin",
)


def zgw_config(settings: Settings) -> ZgwConfig:
    """The connection settings, or :class:`ConfigError` naming every one missing."""
    missing = [name for name in REQUIRED if not getattr(settings, name)]
    if missing:
        raise ConfigError(f"the zaaksysteem is not configured: set {', '.join(missing)}")
    return ZgwConfig(
        zaken_url=str(settings.zgw_zaken_url).rstrip("/"),
        documenten_url=str(settings.zgw_documenten_url).rstrip("/"),
        catalogi_url=str(settings.zgw_catalogi_url).rstrip("/"),
        client_id=str(settings.zgw_client_id),
        secret=str(settings.zgw_secret),
        rsin=str(settings.zgw_rsin),
    )


@dataclass
class CheckReport:
    """What ``zgw check`` found: a line per thing that works, a line per problem."""

    ok: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    resolution: Resolution | None = None

    @property
    def passed(self) -> bool:
        """Whether every check passed."""
        return not self.problems


def check(settings: Settings) -> CheckReport:
    """Prove the configuration: each API reachable with a token it accepts, and every
    case type of the catalogue mapped to a published zaaktype that allows the
    informatieobjecttype of incoming post."""
    report = CheckReport()
    try:
        config = zgw_config(settings)
    except ConfigError as e:
        report.problems.append(e.message)
        return report
    client = ZgwClient(config)
    try:
        probes = (
            ("Catalogi API", f"{config.catalogi_url}/zaaktypen", False),
            ("Zaken API", f"{config.zaken_url}/zaken", True),
            ("Documenten API", f"{config.documenten_url}/enkelvoudiginformatieobjecten", False),
        )
        for name, url, crs in probes:
            try:
                client.get(url, crs=crs, page=1)
            except MailroomError as e:
                report.problems.append(f"{name}: {e.message}")
            else:
                report.ok.append(f"{name} at {url.rsplit('/', 1)[0]}: reachable, token accepted")
        if report.problems:
            return report
        labels = load_catalogue(settings.catalogue_file).labels
        try:
            resolution = resolve(
                client,
                settings.zgw_zaaktypen,
                labels,
                settings.zgw_informatieobjecttype,
                outgoing=settings.zgw_outgoing_informatieobjecttype,
            )
        except MailroomError as e:
            report.problems.append(f"Catalogi API: {e.message}")
            return report
        report.resolution = resolution
        report.problems += resolution.problems
        report.warnings += resolution.warnings
        for code, zaaktype in sorted(resolution.zaaktypen.items()):
            report.ok.append(f"case type {code}: zaaktype {zaaktype.identificatie} (published)")
    finally:
        client.close()
    return report
