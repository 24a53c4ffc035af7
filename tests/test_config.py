from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from pydantic import ValidationError

from mailroom.core.config.catalogue import load_catalogue, parse_catalogue
from mailroom.core.config.settings import load_settings
from mailroom.core.errors import ConfigError, UnknownCaseType


def test_defaults_live_in_the_data_directory(tmp_path: Path) -> None:
    s = load_settings(home=tmp_path, environ={})
    assert s.home == tmp_path.resolve()
    assert s.db_url == f"sqlite:///{tmp_path.resolve() / 'mailroom.sqlite3'}"
    assert s.broker.startswith("sqla+sqlite:///")
    assert s.scanner_inbox == tmp_path.resolve() / "inbox" / "scanner"
    assert s.ocr_languages == "nld+eng"


def test_home_from_environment(tmp_path: Path) -> None:
    s = load_settings(environ={"MAILROOM_HOME": str(tmp_path)})
    assert s.home == tmp_path.resolve()


def test_sources_in_order_argument_environment_file_default(tmp_path: Path) -> None:
    (tmp_path / "mailroom.toml").write_text(
        'review_threshold = 0.7\nocr_languages = "nld"\nbroker_url = "memory://"\n'
    )
    env = {"MAILROOM_REVIEW_THRESHOLD": "0.6", "MAILROOM_DATABASE_URL": "sqlite:///x.db"}
    s = load_settings(home=tmp_path, environ=env, review_threshold=0.55)
    assert s.review_threshold == 0.55  # argument beats environment
    assert s.database_url == "sqlite:///x.db"  # environment
    assert s.ocr_languages == "nld"  # file
    assert s.broker == "memory://"
    assert s.case_number_format == "ZAAK-{year}-{seq:010d}"  # default

    s = load_settings(home=tmp_path, environ=env)
    assert s.review_threshold == 0.6  # environment beats file


def test_invalid_settings_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="review_threshold"):
        load_settings(home=tmp_path, environ={"MAILROOM_REVIEW_THRESHOLD": "high"})
    (tmp_path / "mailroom.toml").write_text("this is = = not toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(home=tmp_path, environ={})
    (tmp_path / "mailroom.toml").write_text("no_such_setting = 1")
    with pytest.raises(ConfigError, match="no_such_setting"):
        load_settings(home=tmp_path, environ={})


def test_errors_name_the_setting_and_where_its_value_came_from(tmp_path: Path) -> None:
    (tmp_path / "mailroom.toml").write_text("review_precision = 5\n")
    with pytest.raises(ConfigError, match=r"review_precision \(from .*mailroom\.toml\)"):
        load_settings(home=tmp_path, environ={})
    with pytest.raises(ConfigError, match=r"pipeline \(from MAILROOM_PIPELINE\)"):
        load_settings(home=tmp_path, environ={"MAILROOM_PIPELINE": "fast"}, review_precision=0.9)
    with pytest.raises(ConfigError, match=r"review_precision \(from argument\)"):
        load_settings(home=tmp_path, environ={}, review_precision=2)


def test_environment_values_are_plain_strings(tmp_path: Path) -> None:
    env = {
        # One pattern, not JSON (pydantic-settings' default for list fields).
        "MAILROOM_CASE_NUMBER_PATTERNS": r"(?P<number>ZK\d{4})",
        "MAILROOM_WATCH_POLLING": "true",
        "MAILROOM_NOT_A_SETTING": "1",  # the environment is shared: ignored
    }
    s = load_settings(home=tmp_path, environ=env)
    assert s.case_number_patterns == [r"(?P<number>ZK\d{4})"]
    assert s.watch_polling is True
    (tmp_path / "mailroom.toml").write_text("case_number_patterns = ['A\\d+', 'B\\d+']\n")
    assert load_settings(home=tmp_path, environ={}).case_number_patterns == [r"A\d+", r"B\d+"]


def test_home_decides_the_file_and_the_file_cannot_move_home(tmp_path: Path) -> None:
    (tmp_path / "mailroom.toml").write_text(f'home = "{tmp_path / "elsewhere"}"\nocr_jobs = 3\n')
    s = load_settings(environ={"MAILROOM_HOME": str(tmp_path)})
    assert s.home == tmp_path.resolve()
    assert s.ocr_jobs == 3


def test_settings_are_frozen_and_survive_pickling(tmp_path: Path) -> None:
    s = load_settings(home=tmp_path, environ={"MAILROOM_OCR_JOBS": "2"})
    with pytest.raises(ValidationError):
        s.ocr_jobs = 4  # type: ignore[misc]
    # Worker processes get their settings pickled; unpickling must not read sources again.
    assert pickle.loads(pickle.dumps(s)) == s


def test_packaged_catalogue_has_every_case_type_and_team() -> None:
    catalogue = load_catalogue()
    assert len(catalogue.case_types) == 13
    assert len(catalogue.teams) == 11
    assert catalogue.team_for("melding_openbare_ruimte").code == "beheer_openbare_ruimte"
    assert catalogue.team_for("woo_verzoek").code == "juridische_zaken"
    with pytest.raises(UnknownCaseType, match="known: "):
        catalogue.case_type("parkeerboete")


def test_user_catalogue_replaces_the_packaged_one(tmp_path: Path) -> None:
    path = tmp_path / "types.toml"
    path.write_text(
        '[case_types.afval]\nname = "Afval"\nteam = "buiten"\n\n[teams]\nbuiten = "Buitendienst"\n'
    )
    catalogue = load_catalogue(path)
    assert catalogue.labels == ["afval"]
    settings = load_settings(home=tmp_path, environ={"MAILROOM_CATALOGUE_FILE": str(path)})
    assert settings.catalogue_file == path


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[case_types.a]\nteam = "x"\n[teams]\ny = "Y"\n', "unknown team 'x'"),
        ('[case_types.a]\nname = "A"\n[teams]\ny = "Y"\n', "needs a team"),
        ('[teams]\ny = "Y"\n', "at least one"),
        ('[case_types.a]\nteam = "review"\n[teams]\nreview = "R"\n', "reserved"),
    ],
)
def test_bad_catalogues_fail_fast(toml: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_catalogue(toml)
