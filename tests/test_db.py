from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.cases.matching import CaseDecision
from mailroom.cases.register import next_sequence, open_case
from mailroom.core.config.settings import Settings
from mailroom.core.db.models import Base, described_by_models
from mailroom.core.db.session import _alembic_config, make_engine, transaction


def test_migrations_match_the_models(mr: Mailroom) -> None:
    with mr.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described_by_models})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_init_is_idempotent(settings: Settings, mr: Mailroom) -> None:
    report = api.init(settings, train=False)
    assert report.model_version == "test-v1" and not report.model_trained


def test_sqlite_runs_in_wal_mode(mr: Mailroom) -> None:
    if mr.engine.dialect.name != "sqlite":
        return
    with mr.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_case_numbers_count_up_per_year(mr: Mailroom) -> None:
    now = mr.clock()
    decision = CaseDecision("new", "wmo", None, ("test",))
    with transaction(mr.sessions) as session:
        first = open_case(session, decision, mr.settings.case_number_format, now, "a")
        second = open_case(session, decision, mr.settings.case_number_format, now, "b")
    assert first.number == f"ZAAK-{now.year}-0000000001"
    assert second.number == f"ZAAK-{now.year}-0000000002"
    with transaction(mr.sessions) as session:
        assert next_sequence(session, "other") == 1


def _migrated(
    tmp_path: Path, revision: str, rows: str, column: str, to: str = "head"
) -> list[str | None]:
    """``column`` of the cases ``rows`` (SQL VALUES) inserted at ``revision``, after
    upgrading to revision ``to`` (the newest by default)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(_alembic_config(engine), revision)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cases (number, case_type, status, name, house_number, opened_at) "
                f"VALUES {rows}"
            )
        )
    command.upgrade(_alembic_config(engine), to)
    with engine.connect() as conn:
        values = conn.execute(text(f"SELECT {column} FROM cases ORDER BY number")).scalars()
        found = list(values)
    engine.dispose()
    return found


_DOUBLE_SURNAME = (
    "('ZAAK-2025-0000000001', 'wmo', 'open', 'Hendrika de Vries-Bakker', '112', "
    "'2025-01-01'), ('ZAAK-2025-0000000002', 'wmo', 'open', NULL, '3', '2025-01-01')"
)


def test_the_surname_migration_fills_the_key_of_existing_cases(tmp_path: Path) -> None:
    assert _migrated(tmp_path, "0004", _DOUBLE_SURNAME, "surname") == ["vries", None]


def test_an_organisations_key_is_computed_again_without_its_legal_form(tmp_path: Path) -> None:
    # 0005 gave a name ending in its legal form no key; 0006 computes it again.
    rows = (
        "('ZAAK-2025-0000000001', 'evenementenvergunning', 'open', 'Café De Veerpont V.O.F.', "
        "'1', '2025-01-01')"
    )
    assert _migrated(tmp_path, "0005", rows, "surname") == [
        "verpont"
    ]  # doubled letters once (0018)


def test_the_other_part_of_a_double_surname_is_filled_in(tmp_path: Path) -> None:
    assert _migrated(tmp_path, "0007", _DOUBLE_SURNAME, "other_surname") == ["baker", None]


def test_organisations_get_their_words_and_capital_surnames_their_key(tmp_path: Path) -> None:
    # 0017 keeps the words that say which organisation a case's party is, and its
    # abbreviation, so a letter naming it by any of them finds it; a family name written
    # first in capitals is keyed by it.
    rows = (
        "('ZAAK-2025-0000000001', 'subsidie', 'open', 'Stichting Vastelaovend Geulvelde', "
        "'2', '2025-01-01'), ('ZAAK-2025-0000000002', 'bijstand', 'open', "
        "'GEBREMARIAM Tesfay', '302', '2025-01-01'), ('ZAAK-2025-0000000003', 'wmo', "
        "'open', 'Jan Jansen', '3', '2025-01-01')"
    )
    assert _migrated(tmp_path, "0016", rows, "surname") == ["geulvelde", "gebremariam", "jansen"]
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    with engine.connect() as conn:
        words = conn.execute(
            text(
                "SELECT c.number, w.word FROM case_words w JOIN cases c ON c.id = w.case_id "
                "ORDER BY c.number, w.word"
            )
        ).all()
    engine.dispose()
    assert [tuple(w) for w in words] == [
        ("ZAAK-2025-0000000001", "geulvelde"),
        ("ZAAK-2025-0000000001", "svg"),
        ("ZAAK-2025-0000000001", "vastelaovend"),
        # The name run together, as a mail domain writes it (the words of 0029's code).
        ("ZAAK-2025-0000000001", "vastelaovendgeulvelde"),
    ]


def test_surnames_are_keyed_as_their_spellings_meet(tmp_path: Path) -> None:
    # 0018 writes "ij" as "y", doubled letters once and leaves a glued Arabic article off.
    rows = (
        "('ZAAK-2025-0000000001', 'bezwaar', 'open', 'Grietje Sijtsma-Wiersma', '3', "
        "'2025-01-01'), ('ZAAK-2025-0000000002', 'wmo', 'open', 'Jan Jansen', '4', "
        "'2025-01-01'), ('ZAAK-2025-0000000003', 'wmo', 'open', 'IJsbrand de Bruyn', '5', "
        "'2025-01-01'), ('ZAAK-2025-0000000004', 'bijstand', 'open', 'Nur Alhasan-Bakker', "
        "'6', '2025-01-01')"
    )
    keys = ["sytsma", "jansen", "bruin", "hasan"]  # "uy" as "ui" since 0023
    assert _migrated(tmp_path, "0017", rows, "surname", to="0018") == keys
    (tmp_path / "again").mkdir()
    others = ["wiersma", None, None, "baker"]
    assert _migrated(tmp_path / "again", "0017", rows, "other_surname", to="0018") == others


def test_umlauts_written_out_and_trades_are_keyed_again(tmp_path: Path) -> None:
    # 0019 reads "ue" as "u" ("Mueller" finds Müller) and keeps a trade ("Strandpaviljoen",
    # "Horeca") as an organisation's kind, not as a word that says which one it is.
    rows = (
        "('ZAAK-2025-0000000001', 'belastingen', 'open', 'Günther Müller', '3', '2025-01-01'), "
        "('ZAAK-2025-0000000002', 'evenementenvergunning', 'open', 'Branding Horeca B.V.', "
        "'4', '2025-01-01'), ('ZAAK-2025-0000000003', 'wmo', 'open', 'Jan Jansen', '5', "
        "'2025-01-01')"
    )
    assert _migrated(tmp_path, "0018", rows, "surname", to="0019") == ["muler", "horeca", "jansen"]
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    with engine.connect() as conn:
        words = conn.execute(text("SELECT word FROM case_words ORDER BY word")).scalars().all()
    engine.dispose()
    assert words == ["branding"]


def test_two_spanish_surnames_are_keyed_by_the_first(tmp_path: Path) -> None:
    # 0020: "María del Carmen García López" signs "Carmen Garcia"; a Dutch name is untouched.
    rows = (
        "('ZAAK-2025-0000000001', 'parkeervergunning', 'open', "
        "'María del Carmen García López', '45A', '2025-01-01'), "
        "('ZAAK-2025-0000000002', 'wmo', 'open', 'André Jan Hendriks', '5', '2025-01-01')"
    )
    assert _migrated(tmp_path, "0019", rows, "surname", to="0020") == ["garcia", "hendriks"]
    (tmp_path / "again").mkdir()
    others = ["lopez", None]
    assert _migrated(tmp_path / "again", "0019", rows, "other_surname", to="0020") == others


def test_uij_and_ui_surnames_are_keyed_alike(tmp_path: Path) -> None:
    # 0023: "Danielle Kuipers" signs for Daniëlle Kuijpers; only "uij" names are keyed again.
    rows = (
        "('ZAAK-2025-0000000001', 'bijstand', 'open', 'Daniëlle Petronella Kuijpers', '40C', "
        "'2025-01-01'), ('ZAAK-2025-0000000002', 'wmo', 'open', 'Grietje Sijtsma', '5', "
        "'2025-01-01'), ('ZAAK-2025-0000000003', 'bezwaar', 'open', 'G.L. Pluymaekers', '15', "
        "'2025-01-01')"
    )
    keys = ["kuipers", None, "pluimakers"]
    assert _migrated(tmp_path, "0022", rows, "surname", to="0023") == keys


def _words_after(tmp_path: Path, revision: str, to: str, rows: str, *sql: str) -> list[str]:
    """The case_words after upgrading from ``revision`` to ``to``, with the cases ``rows``
    (SQL VALUES of number, case_type, status, name, kvk, subject, opened_at) and the
    statements ``sql`` run at ``revision``."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(_alembic_config(engine), revision)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cases (number, case_type, status, name, kvk, subject, opened_at) "
                f"VALUES {rows}"
            )
        )
        for statement in sql:
            conn.execute(text(statement))
    command.upgrade(_alembic_config(engine), to)
    with engine.connect() as conn:
        words = conn.execute(text("SELECT word FROM case_words ORDER BY word")).scalars().all()
    engine.dispose()
    return list(words)


_PARK = (
    "('ZAAK-2025-0000000002', 'omgevingsvergunning', 'open', "
    "'Recreatiepark Heidezicht Beheer B.V.', '68901234', "
    "'Plaatsing 12 recreatiechalets Kruisveld 40', '2025-01-01')"
)


def test_an_organisations_case_is_kept_under_the_house_its_subject_names(
    tmp_path: Path,
) -> None:
    # 0019: a letter from "Kruisveld 40" under a trade name finds the park's case by it.
    words = _words_after(tmp_path, "0018", "0019", _PARK)
    assert "@kruisveld 40" in words and "heidezicht" in words


def test_a_persons_case_is_kept_under_the_house_its_subject_names(tmp_path: Path) -> None:
    # 0021: a wife under her married name writes from the house of her maiden-name case;
    # the words an organisation had (written by 0019) are written again, not twice.
    rows = (
        "('ZAAK-2025-0000000001', 'omgevingsvergunning', 'open', 'Jannigje Bos', NULL, "
        f"'Dakkapel voorzijde Brinkstraat 18', '2025-01-01'), {_PARK}"
    )
    had = (
        "INSERT INTO case_words (case_id, word) SELECT id, '@kruisveld 40' FROM cases "
        "WHERE kvk IS NOT NULL"
    )
    words = _words_after(tmp_path, "0020", "0021", rows, had)
    assert "@brinkstraat 18" in words and "heidezicht" in words
    assert words.count("@kruisveld 40") == 1  # written again, not twice


# A care home's case about a street without number, at its number 1, and a resident's
# street party at number 18.
_SITES = (
    "('ZAAK-2025-0000000001', 'melding_openbare_ruimte', 'open', "
    "'Stichting Warmtezorg Noord', '68901235', "
    "'Overhangende takken toegangspad Lindehof', '2025-01-01'), "
    "('ZAAK-2025-0000000002', 'evenementenvergunning', 'open', 'Gerrit Jan Scholtens', "
    "NULL, 'Buurtfeest Kampweg 30 mei 2026', '2025-01-01')"
)
_SITE_NUMBERS = "UPDATE cases SET house_number = CASE id WHEN 1 THEN '1' ELSE '18' END"


def test_a_case_is_kept_under_its_subjects_street_with_its_own_number(tmp_path: Path) -> None:
    # 0022: a care home's "Overhangende takken toegangspad Lindehof" at number 1 is found by
    # a letter from Lindehof 1 under the site's name; a person's street is not their house.
    words = _words_after(tmp_path, "0021", "0022", _SITES, _SITE_NUMBERS)
    assert "@lindehof 1" in words and not any(w.startswith("@kampweg") for w in words)


def test_a_person_is_kept_apart_under_their_subjects_street(tmp_path: Path) -> None:
    # 0024: a resident's "Buurtfeest Kampweg 30 mei 2026" at number 18 is found by a letter
    # signed with a first name from "nr 18" in the Kampweg, under a key of its own.
    words = _words_after(tmp_path, "0023", "0024", _SITES, _SITE_NUMBERS)
    assert "~kampweg 18" in words and "@lindehof 1" in words
    assert not any(w.startswith("@kampweg") for w in words)


def test_a_subjects_street_ending_in_kant_is_a_street(tmp_path: Path) -> None:
    # 0026: "verzakte berm Heikant t.h.v. nr. 31" names the street of the resident at 31.
    rows = (
        "('ZAAK-2025-0000000001', 'melding_openbare_ruimte', 'open', "
        "'Theodorus Antonius van de Ven', NULL, "
        "'Gat in het wegdek / verzakte berm Heikant t.h.v. nr. 31', '2025-01-01')"
    )
    words = _words_after(tmp_path, "0025", "0026", rows, "UPDATE cases SET house_number = '31'")
    assert "~heikant 31" in words


def test_a_firm_with_a_dotless_i_is_kept_under_its_owners_surname(tmp_path: Path) -> None:
    # 0027: "Yıldız Horeca V.O.F." was kept as "yldz", not as its owner Erkan Yıldız's name.
    rows = (
        "('ZAAK-2025-0000000001', 'klacht', 'open', 'Yıldız Horeca V.O.F.', '68901236', "
        "'Klacht optreden handhavers', '2025-01-01')"
    )
    had = "INSERT INTO case_words (case_id, word) SELECT id, 'yldz' FROM cases"
    words = _words_after(tmp_path, "0026", "0027", rows, had)
    assert "yildiz" in words and "yldz" not in words


def test_an_invoice_number_with_a_stop_is_read_again(tmp_path: Path) -> None:
    # 0025: "Factuur 26.0311 onderhoud" was kept as invoice "26".
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(_alembic_config(engine), "0024")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cases (number, case_type, status, subject, invoice_number, "
                "opened_at) VALUES ('ZAAK-2025-0000000001', 'factuur', 'open', "
                "'Factuur 26.0311 onderhoud cv-installatie', '26', '2025-01-01'), "
                "('ZAAK-2025-0000000002', 'factuur', 'open', 'Factuur F-889 lampen', "
                "'F-889', '2025-01-01')"
            )
        )
    command.upgrade(_alembic_config(engine), "0025")
    with engine.connect() as conn:
        numbers = conn.execute(text("SELECT invoice_number FROM cases ORDER BY number")).scalars()
        assert list(numbers) == ["26.0311", "F-889"]
    engine.dispose()


def test_iberian_surnames_and_firms_and_sons_are_keyed_again(tmp_path: Path) -> None:
    # 0016 computes the keys again of the names whose keys it changed, and only of those.
    rows = (
        "('ZAAK-2025-0000000001', 'wmo', 'open', 'Tomás Ferreira da Silva', '52', "
        "'2025-01-01'), ('ZAAK-2025-0000000002', 'omgevingsvergunning', 'open', "
        "'Bouwbedrijf Van Strien & Zn. B.V.', '22', '2025-01-01'), "
        "('ZAAK-2025-0000000003', 'wmo', 'open', 'Jan Jansen', '3', '2025-01-01'), "
        "('ZAAK-2025-0000000004', 'subsidie', 'open', 'SV Hesselerveld ''58', '2', '2025-01-01'), "
        "('ZAAK-2025-0000000005', 'wmo', 'open', 'Nguyen Van Minh', '14', '2025-01-01')"
    )
    keys = ["fereira", "strien", None, "heselerveld", "nguyen"]
    assert _migrated(tmp_path, "0015", rows, "surname", to="0016") == keys
    (tmp_path / "again").mkdir()
    others = ["silva", None, None, None, "minh"]
    assert _migrated(tmp_path / "again", "0015", rows, "other_surname", to="0016") == others
