"""The CLI through click's CliRunner, and once as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.core.config.settings import load_settings
from mailroom.faces.cli import cli
from mailroom.faces.cli.output import show
from mailroom.testing.env import mailroom_env
from mailroom.testing.pdfs import text_pdf

REPO = Path(__file__).resolve().parents[1]
RESULT_KEYS = {
    "id",
    "file",
    "pages",
    "case_type",
    "confidence",
    "case_number",
    "case_match",
    "team",
    "state",
}


def env_of(mr: Mailroom) -> dict[str, str]:
    return mailroom_env(mr)


def run(mr: Mailroom, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env_of(mr))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "brief.pdf"
    path.write_bytes(
        text_pdf(
            [
                "Geachte heer, mevrouw,\nIk maak bezwaar tegen uw besluit van 3 oktober over de "
                "afwijzing van mijn aanvraag. De gronden van bezwaar volgen.\n"
                "Met vriendelijke groet"
            ]
        )
    )
    return path


def test_ingest_json_has_the_contract_keys(mr: Mailroom, letter: Path) -> None:
    code, out, err = run(mr, "ingest", str(letter), "--json")
    assert code == 0, err
    [doc] = json.loads(out)
    assert set(doc) >= RESULT_KEYS
    assert doc["file"] == str(letter) and doc["pages"] == 1
    assert doc["case_match"] == "new" and doc["state"] == "routed"

    code, out, _ = run(mr, "documents", "show", str(doc["id"]), "--json")
    shown = json.loads(out)
    assert shown["id"] == doc["id"] and shown["sha256"] and shown["history"]

    code, out, _ = run(mr, "documents", "text", str(doc["id"]))
    assert "gronden van bezwaar" in out

    code, out, _ = run(mr, "queue", "list", "--json")
    waiting = {row["name"]: row["waiting"] for row in json.loads(out)}
    queue = "review" if doc["state"] == "needs_review" else doc["team"]
    assert waiting[queue] == 1 and sum(waiting.values()) == 1

    code, out, _ = run(mr, "queue", "show", queue, "--json")
    assert [d["id"] for d in json.loads(out)] == [doc["id"]]


def test_model_evaluate_and_classify(mr: Mailroom) -> None:
    code, out, err = run(mr, "model", "evaluate", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert {"macro_f1", "accuracy", "per_class", "confusion", "threshold", "coverage"} <= set(
        result
    )
    code, out, _ = run(mr, "classify", "de lantaarnpaal bij ons in de straat is kapot", "--json")
    assert json.loads(out)["case_type"] == "melding_openbare_ruimte"
    code, out, _ = run(mr, "model", "evaluate", "--version", "v99")
    assert code == 4


def test_human_output_says_where_each_letter_went(mr: Mailroom, letter: Path) -> None:
    code, out, _ = run(mr, "ingest", str(letter))
    assert code == 0
    assert "brief.pdf" in out and "ZAAK-" in out and "->" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("documents", "show", "999"), 4, "document 999 does not exist"),
        (("queue", "show", "nobody"), 4, "no queue 'nobody'"),
        (("ingest", "/no/such/file.pdf"), 2, "does not exist"),
    ],
)
def test_errors_are_one_line_and_an_exit_code(
    mr: Mailroom, args: tuple[str, ...], code: int, message: str
) -> None:
    exit_code, out, err = run(mr, *args)
    assert exit_code == code
    assert message in err
    assert "Traceback" not in err + out


def test_uninitialised_home_says_to_run_init(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["queue", "list"], env={"MAILROOM_HOME": str(tmp_path)})
    assert result.exit_code == 3
    assert "run `mailroom init` first" in result.stderr


def test_real_subprocess_init_and_ingest_the_sample_email(tmp_path: Path) -> None:
    env = {**os.environ, "MAILROOM_HOME": str(tmp_path / "home")}
    for key in ("MAILROOM_DATABASE_URL", "MAILROOM_BROKER_URL"):
        env.pop(key, None)
    init = subprocess.run(
        [sys.executable, "-m", "mailroom", "init"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert init.returncode == 0, init.stderr
    assert "classifier model v1: trained and activated" in init.stdout
    eml = REPO / "samples" / "post" / "email-straatfeest.eml"
    ingest = subprocess.run(
        [sys.executable, "-m", "mailroom", "ingest", str(eml), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ingest.returncode == 0, ingest.stderr
    [doc] = json.loads(ingest.stdout)
    assert doc["part"] == "body" and doc["case_type"] == "evenementenvergunning"
    assert doc["team"] == "vergunningen"
    listing = subprocess.run(
        [sys.executable, "-m", "mailroom", "model", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    [model] = json.loads(listing.stdout)
    # init evaluated its model on the packaged evaluation corpus: the target.
    assert model["version"] == "v1" and model["active"] and model["macro_f1"] >= 0.90


def test_cores_are_shared_out_the_same_way_for_ingest_watch_and_worker(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, environ={}, watch_workers=3)
    assert api.share_cores(settings, None) == (3, settings.for_workers(3))
    assert api.share_cores(settings, 2) == (2, settings.for_workers(2))
    # No more processes than files, and never none.
    assert api.share_cores(settings, None, at_most=2)[0] == 2
    assert api.share_cores(settings, 4, at_most=0)[0] == 1


def test_one_output_helper_for_json_tables_and_empty_lists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    @dataclass
    class Row:
        name: str

        def to_json(self) -> dict[str, str]:
            return {"name": self.name}

    rows = [Row("a"), Row("b")]
    show(rows, True, row=lambda r: r.name, header="name", empty="none")
    assert json.loads(capsys.readouterr().out) == [{"name": "a"}, {"name": "b"}]
    show(rows, False, row=lambda r: r.name, header="name", empty="none")
    assert capsys.readouterr().out == "name\na\nb\n"
    show([], False, row=lambda r: r.name, header="name", empty="none")
    assert capsys.readouterr().out == "none\n"
    show(rows[0], True, lines=lambda r: [r.name, "more"])
    assert json.loads(capsys.readouterr().out) == {"name": "a"}
    show(rows[0], False, lines=lambda r: [r.name, "more"])
    assert capsys.readouterr().out == "a\nmore\n"
