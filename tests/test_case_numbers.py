"""New case numbers never collide with the register, and an internal error leaks nothing."""

from __future__ import annotations

import logging
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mailroom.app import api
from mailroom.app.case_views import import_cases
from mailroom.app.context import Mailroom
from mailroom.core.db.models import Case
from mailroom.core.db.session import transaction
from mailroom.core.logs import configure_logging, mask_personal_data
from mailroom.core.records import Classification
from mailroom.faces.cli import cli
from mailroom.testing.emails import email_file
from mailroom.testing.env import mailroom_env

HEADER = "number,case_type,status,bsn,kvk,postcode,house_number,name,subject,opened_at\n"
TOPICS = [
    "De lantaarnpaal in onze straat brandt al een week niet. Wilt u die laten maken?",
    "Ik wil graag een bewonersvergunning voor parkeren aanvragen voor mijn nieuwe auto.",
    "Op zaterdag 12 juni willen wij een straatfeest houden met een springkussen.",
    "Er ligt al dagen grofvuil naast de container op de hoek bij het speelveld.",
    "Ik wil een dakkapel bouwen aan de achterkant van mijn huis. Heb ik een vergunning nodig?",
]


def _register(tmp_path: Path, year: int, sequences: list[int]) -> Path:
    rows = "".join(
        f"ZAAK-{year}-{seq:010d},melding_openbare_ruimte,open,,,,,Iemand Anders,"
        f"Melding {seq},{year}-01-02\n"
        for seq in sequences
    )
    path = tmp_path / "register.csv"
    path.write_text(HEADER + rows, "utf-8")
    return path


def _letters(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [
        email_file(
            folder,
            f"Bewoner{n} Jansen",
            f"Beste gemeente,\n\n{TOPICS[n % len(TOPICS)]}\n\nGroet,\nBewoner {n}",
            subject=f"Vraag {n}",
        )
        for n in range(count)
    ]


def test_new_cases_skip_every_number_the_register_holds(mr: Mailroom, tmp_path: Path) -> None:
    year = datetime.now(UTC).year
    import_cases(mr, _register(tmp_path, year, [1, 2, 3, 4, 5, 35]), by="test")

    results = api.ingest(mr, _letters(tmp_path / "mail", 40))

    assert len(results) == 40
    assert [r.state for r in results if r.state in ("failed", "quarantined")] == []
    assert all(r.case_match == "new" for r in results)
    numbers = [r.case_number for r in results]
    assert len(set(numbers)) == 40
    with mr.sessions() as session:
        assert session.scalar(select(Case.id).where(Case.number == numbers[0])) is not None
        imported = {f"ZAAK-{year}-{seq:010d}" for seq in [1, 2, 3, 4, 5, 35]}
        assert not imported & set(numbers)
        assert len(session.scalars(select(Case)).all()) == 46


def test_a_number_taken_later_is_skipped_too(mr: Mailroom, tmp_path: Path) -> None:
    year = datetime.now(UTC).year
    first = api.ingest(mr, _letters(tmp_path / "a", 2))
    assert [r.case_number for r in first] == [f"ZAAK-{year}-{n:010d}" for n in (1, 2)]
    # The zaaksysteem (or an import) gives out numbers 3 to 9 meanwhile.
    import_cases(mr, _register(tmp_path, year, list(range(3, 10))), by="test")

    later = api.ingest(mr, _letters(tmp_path / "b", 5)[2:])

    assert [r.case_number for r in later] == [f"ZAAK-{year}-{n:010d}" for n in (10, 11, 12)]


class CrashingClassifier:
    """A classifier that fails the way a library does: quoting the data it was given."""

    def classify(self, text: str) -> Classification:
        raise RuntimeError(f"cannot handle {text[:80]!r} for BSN 111222333")

    def classify_many(self, texts: list[str]) -> list[Classification]:
        raise RuntimeError("not used")


def test_an_internal_error_shows_an_error_id_and_logs_no_bsn(
    mr: Mailroom, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    mr.use_classifier(CrashingClassifier())  # type: ignore[arg-type]
    (letter,) = _letters(tmp_path / "mail", 1)

    with caplog.at_level(logging.ERROR, logger="mailroom"):
        (result,) = api.ingest(mr, [letter])

    assert result.state == "failed"
    assert result.error is not None
    assert "error id" in result.error and "111222333" not in result.error
    assert "RuntimeError" not in result.error and "Bewoner" not in result.error
    error_id = result.error.split("error id ")[1].split(")")[0]
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged and logged[0].exc_info is not None
    # Every handler mailroom installs masks; the raw record still holds the value.
    assert "*****2333" in mask_personal_data(logged[0].exc_info[1].__str__())


def test_database_errors_never_quote_the_values_they_were_given(mr: Mailroom) -> None:
    with pytest.raises(IntegrityError) as caught, transaction(mr.sessions) as session:
        for _ in range(2):
            session.add(Case(number="ZAAK-X", case_type="wmo", bsn="111222333", name="A. Smit"))
        session.flush()
    assert "111222333" not in str(caught.value) and "A. Smit" not in str(caught.value)


def test_the_cli_prints_an_error_id_and_the_log_file_has_the_masked_detail(
    mr: Mailroom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("lookup failed for BSN 111222333")

    # The face's error handling is under test, not the library: any unexpected error.
    monkeypatch.setattr(api, "show_document", broken)
    result = CliRunner().invoke(cli, ["documents", "show", "1"], env=mailroom_env(mr))

    assert result.exit_code == 1
    assert "internal error (error id" in result.stderr
    assert "111222333" not in result.output and "Traceback" not in result.output
    error_id = result.stderr.split("error id ")[1].split(")")[0]
    log = (mr.settings.home / "mailroom.log").read_text("utf-8")
    assert error_id in log and "Traceback" in log and "*****2333" in log
    assert "111222333" not in log


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("BSN 111222333 en 123456789", "BSN *****2333 en 123456789"),  # the second fails 11
        ("bsn: 1112.22.333", "bsn: *****2333"),
        ("ZAAK-2026-0111222333", "ZAAK-2026-0111222333"),  # part of a longer number
    ],
)
def test_log_masking_hides_valid_bsns_only(text: str, masked: str) -> None:
    assert mask_personal_data(text) == masked


def test_ingest_in_parallel_reports_in_input_order(mr: Mailroom, tmp_path: Path) -> None:
    letters = _letters(tmp_path / "mail", 6)
    seen: list[api.IngestProgress] = []

    results = api.ingest(mr, letters, workers=2, on_progress=seen.append)

    assert [r.file for r in results] == [str(p) for p in letters]
    assert [r.state for r in results] == ["routed"] * 6
    assert len({r.case_number for r in results}) == 6
    assert seen[-1] == api.IngestProgress(6, 6, 6, 6)
    assert [p.documents_done for p in seen] == sorted(p.documents_done for p in seen)


def test_library_warnings_go_to_the_log_file_not_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = tmp_path / "mailroom.log"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            logging.captureWarnings(False)  # pytest records warnings itself: start afresh
            configure_logging(logging.WARNING, log_file)
            warnings.warn("Corrupt EXIF data.", UserWarning, stacklevel=1)
        assert "Corrupt EXIF" not in capsys.readouterr().err
        assert "Corrupt EXIF data." in log_file.read_text("utf-8")
    finally:
        logging.captureWarnings(False)
        configure_logging(logging.WARNING)
