"""The team side: taking and finishing documents, corrections, the audit trail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from mailroom.app import api, audit, corrections, teams
from mailroom.app.context import Mailroom
from mailroom.app.pipeline import DocumentResult
from mailroom.classifiers.examples import corrected_examples
from mailroom.core.db.models import TrainingExample
from mailroom.core.errors import ConfigError, NotFound
from mailroom.faces.cli import cli
from mailroom.testing.emails import PARKING, STREET_LIGHT, email_file
from mailroom.testing.env import mailroom_env


def ingest_mail(mr: Mailroom, folder: Path, name: str, body: str) -> DocumentResult:
    [result] = api.ingest(mr, [email_file(folder, name, body)])
    return result


def test_take_claims_the_oldest_and_done_takes_it_off_the_list(
    mr: Mailroom, tmp_path: Path
) -> None:
    first = ingest_mail(mr, tmp_path, "Petra Smit", STREET_LIGHT)
    second = ingest_mail(mr, tmp_path, "Anna Smit", STREET_LIGHT.replace("twee", "drie"))
    team = "beheer_openbare_ruimte"
    assert first.team == second.team == team
    taken = teams.take(mr, team, "ilse")
    assert taken.document.id == first.id and taken.pdf.startswith("file://")
    assert teams.take(mr, team, "joost").document.id == second.id
    with pytest.raises(teams.NothingWaiting):
        teams.take(mr, team, "karin")
    [row] = [r for r in teams.overview(mr) if r.name == team]
    assert (row.waiting, row.claimed) == (0, 2)
    assert row.messages == 2  # the routed messages wait in the broker too
    teams.done(mr, first.id, "ilse")
    assert [d.id for d in teams.documents(mr, team)] == [second.id]
    with pytest.raises(teams.NotClaimed, match="already done"):
        teams.done(mr, first.id, "ilse")


def test_a_correction_moves_the_document_and_is_remembered(mr: Mailroom, tmp_path: Path) -> None:
    doc = ingest_mail(mr, tmp_path, "Kees de Boer", PARKING)
    assert doc.team == "parkeren"
    teams.take(mr, "parkeren", "ilse")
    result = corrections.correct(
        mr, doc.id, "ilse", case_type="melding_openbare_ruimte", reason="gaat over een paal"
    )
    assert result.old["team"] == "parkeren"
    assert result.new == {
        "case_type": "melding_openbare_ruimte",
        "case_number": doc.case_number,  # its own new case changes type
        "team": "beheer_openbare_ruimte",
    }
    assert [d.id for d in teams.documents(mr, "parkeren")] == []
    [moved] = teams.documents(mr, "beheer_openbare_ruimte")
    assert moved.id == doc.id and moved.case_match == "corrected"
    assert "corrected by ilse: gaat over een paal" in moved.reasons
    message = mr.broker.get("beheer_openbare_ruimte")
    assert message is not None and message["document_id"] == doc.id

    with mr.sessions() as session:
        [example] = session.scalars(select(TrainingExample)).all()
        assert example.label == "melding_openbare_ruimte" and "bewonersvergunning" in example.text
        assert [e.label for e in corrected_examples(session, mr.catalogue.labels)] == [
            "melding_openbare_ruimte"
        ]
    [event] = [e for e in audit.trail(mr, document_id=doc.id) if e.action == "corrected"]
    assert event.actor == "ilse" and event.old["team"] == "parkeren"
    assert event.new["reason"] == "gaat over een paal"


def test_correction_into_an_existing_or_a_new_case(mr: Mailroom, tmp_path: Path) -> None:
    light = ingest_mail(mr, tmp_path, "Petra Smit", STREET_LIGHT)
    parking = ingest_mail(mr, tmp_path, "Kees de Boer", PARKING)
    moved = corrections.correct(mr, parking.id, "ilse", case_number=light.case_number)
    assert moved.new["case_number"] == light.case_number
    assert moved.new["team"] == "beheer_openbare_ruimte"
    fresh = corrections.correct(mr, parking.id, "ilse", case_type="parkeervergunning")
    assert fresh.new["case_number"] not in (light.case_number, parking.case_number)
    with pytest.raises(ConfigError, match="is of type melding_openbare_ruimte"):
        corrections.correct(mr, parking.id, "ilse", "wmo", case_number=light.case_number)
    with pytest.raises(ConfigError, match="nothing to correct"):
        corrections.correct(mr, parking.id, "ilse")
    with pytest.raises(NotFound):
        corrections.correct(mr, 999, "ilse", case_type="wmo")


def test_team_commands_and_the_audit_trail(mr: Mailroom, tmp_path: Path) -> None:
    doc = ingest_mail(mr, tmp_path, "Kees de Boer", PARKING)
    runner, env = CliRunner(), mailroom_env(mr)
    listing = runner.invoke(cli, ["queue", "list"], env=env).output
    assert "parkeren" in listing and "waiting" in listing
    taken = runner.invoke(cli, ["queue", "take", "parkeren", "--by", "ilse", "--json"], env=env)
    assert json.loads(taken.output)["id"] == doc.id
    empty = runner.invoke(cli, ["queue", "take", "parkeren", "--by", "ilse"], env=env)
    assert empty.exit_code == 4 and "nothing waiting in parkeren" in empty.stderr
    fixed = runner.invoke(
        cli, ["correct", str(doc.id), "--case-type", "wmo", "--by", "ilse"], env=env
    )
    assert fixed.exit_code == 0 and "-> wmo" in fixed.output
    trail = json.loads(
        runner.invoke(cli, ["audit", "--document", str(doc.id), "--json"], env=env).output
    )
    actions = [e["action"] for e in trail]
    assert actions[0] == "received" and "claimed" in actions and actions[-1] == "corrected"
    by_case = runner.invoke(cli, ["audit", "--case", doc.case_number], env=env).output
    assert "corrected" in by_case and "ilse" in by_case
    done = runner.invoke(cli, ["queue", "done", str(doc.id), "--by", "ilse"], env=env)
    assert done.exit_code != 0 and "was not taken" in done.stderr  # moved teams: untaken
