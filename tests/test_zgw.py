"""mailroom and the zaaksysteem (ZGW APIs), against a fake Open Zaak that checks the JWT and
validates every request and response against the specifications in ../shared/spec/zgw/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from mailroom.app import zgw
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.config.settings import Settings
from mailroom.core.errors import ExitCode
from mailroom.faces.cli import cli
from mailroom.testing.shared import SHARED, require_shared
from mailroom.testing.zgw import FakeOpenZaak, served

LABELS = load_catalogue().labels


@pytest.fixture
def fake() -> Iterator[FakeOpenZaak]:
    """A zaaksysteem with a published zaaktype ZT-<CODE> for every case type."""
    require_shared(SHARED / "spec" / "zgw" / "zaken.yaml")
    zaaksysteem = FakeOpenZaak()
    for code in LABELS:
        zaaksysteem.add_zaaktype(f"ZT-{code.upper()}", f"Zaaktype {code}")
    yield zaaksysteem
    assert zaaksysteem.violations == []


@pytest.fixture
def base(fake: FakeOpenZaak) -> Iterator[str]:
    with served(fake) as url:
        yield url


def _connected(settings: Settings, base: str, **changes: object) -> Settings:
    return settings.model_copy(
        update={
            "zgw_zaken_url": f"{base}/zaken/api/v1",
            "zgw_documenten_url": f"{base}/documenten/api/v1",
            "zgw_catalogi_url": f"{base}/catalogi/api/v1",
            "zgw_client_id": "mailroom",
            "zgw_secret": "geheim-genoeg-voor-hs256-0123456789",
            "zgw_rsin": "002220647",
            "zgw_zaaktypen": {code: f"ZT-{code.upper()}" for code in LABELS},
            **changes,
        }
    )


def test_check_passes_on_a_complete_configuration(settings: Settings, base: str) -> None:
    report = zgw.check(_connected(settings, base))
    assert report.problems == []
    assert report.passed and len(report.ok) == 3 + len(LABELS)
    assert report.resolution is not None
    wmo = report.resolution.zaaktypen["wmo"]
    assert wmo.url.startswith(f"{base}/catalogi/api/v1/zaaktypen/")
    assert wmo.statustype and wmo.initiator and wmo.informatieobjecttype


def test_check_names_a_wrong_secret_once_per_api(settings: Settings, base: str) -> None:
    report = zgw.check(_connected(settings, base, zgw_secret="verkeerd-geheim-verkeerd-geheim-0"))
    assert len(report.problems) == 3
    assert all("refused mailroom's credentials" in line for line in report.problems)
    assert all("zgw_secret" in line for line in report.problems)


def test_check_names_each_case_type_that_cannot_be_filed(
    settings: Settings, fake: FakeOpenZaak, base: str
) -> None:
    fake.add_zaaktype("ZT-CONCEPT", "Nog niet gepubliceerd", concept=True)
    fake.add_zaaktype("ZT-ANDERS", "Andere documenten", informatieobjecttypen=["Uitgaande post"])
    mapping = {code: f"ZT-{code.upper()}" for code in LABELS}
    mapping.update(wmo="ZT-ONBEKEND", bezwaar="ZT-CONCEPT", klacht="ZT-ANDERS")
    del mapping["factuur"]
    report = zgw.check(_connected(settings, base, zgw_zaaktypen=mapping))
    assert sorted(report.problems) == sorted(
        [
            "case type wmo: zaaktype 'ZT-ONBEKEND' not in the catalogue; publish it first",
            "case type bezwaar: zaaktype 'ZT-CONCEPT' only concept versions; publish it first",
            "case type klacht: zaaktype 'ZT-ANDERS' does not allow informatieobjecttype "
            "'Inkomende post'",
            "case type factuur: no zaaktype mapped (zgw_zaaktypen)",
        ]
    )


def test_check_says_when_the_zaaksysteem_is_down(
    settings: Settings, fake: FakeOpenZaak, base: str
) -> None:
    fake.down = True
    report = zgw.check(_connected(settings, base))
    assert len(report.problems) == 3 and all("answered 503" in p for p in report.problems)


def test_zgw_check_command_prints_one_line_per_problem(settings: Settings, base: str) -> None:
    unconfigured = CliRunner().invoke(cli, ["--home", str(settings.home), "zgw", "check"])
    assert unconfigured.exit_code == int(ExitCode.config)
    assert "set zgw_zaken_url, zgw_documenten_url" in unconfigured.output
    env = {
        "MAILROOM_ZGW_ZAKEN_URL": f"{base}/zaken/api/v1",
        "MAILROOM_ZGW_DOCUMENTEN_URL": f"{base}/documenten/api/v1",
        "MAILROOM_ZGW_CATALOGI_URL": f"{base}/catalogi/api/v1",
        "MAILROOM_ZGW_CLIENT_ID": "mailroom",
        "MAILROOM_ZGW_SECRET": "geheim-genoeg-voor-hs256-0123456789",
        "MAILROOM_ZGW_RSIN": "002220647",
        "MAILROOM_ZGW_ZAAKTYPEN": "wmo=ZT-WMO,bezwaar=ZT-BEZWAAR",
    }
    result = CliRunner(env=env).invoke(cli, ["--home", str(settings.home), "zgw", "check"])
    assert result.exit_code == int(ExitCode.config)
    problems = [line for line in result.output.splitlines() if line.startswith("PROBLEM")]
    assert len(problems) == len(LABELS) - 2  # every case type not mapped, one line each
    assert "ok       case type wmo: zaaktype ZT-WMO (published)" in result.output
