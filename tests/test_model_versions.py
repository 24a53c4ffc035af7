"""Model versions: candidates, side-by-side figures, promote, rollback, corrections."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from mailroom.app import model_versions as versions
from mailroom.app.context import Mailroom
from mailroom.classifiers.corpus import packaged_corpus, read_corpora
from mailroom.classifiers.examples import corrected_examples, keep_example
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.db.models import Document, Event
from mailroom.core.db.session import transaction
from mailroom.core.errors import ModelError, NotFound
from mailroom.faces.cli import cli
from mailroom.testing.env import mailroom_env

LABELS = load_catalogue().labels


def _write(path: Path, examples: list) -> Path:
    path.write_text(
        "".join(json.dumps({"text": e.text, "label": e.label}) + "\n" for e in examples), "utf-8"
    )
    return path


@pytest.fixture(scope="module")
def small_corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small training corpus (12 per case type) and evaluation corpus (4 per case type),
    so a candidate trains in seconds."""
    folder = tmp_path_factory.mktemp("corpora")
    train = read_corpora(packaged_corpus("train"), LABELS)
    held_out = read_corpora(packaged_corpus("eval"), LABELS)
    small_train = [e for lb in LABELS for e in [x for x in train if x.label == lb][:12]]
    small_eval = [e for lb in LABELS for e in [x for x in held_out if x.label == lb][:4]]
    return _write(folder / "train.jsonl", small_train), _write(folder / "eval.jsonl", small_eval)


def _candidate(mr: Mailroom, corpora: tuple[Path, Path], **kwargs) -> versions.TrainReport:
    train, held_out = corpora
    return versions.train_candidate(mr, "alice", [train], eval_corpus=[held_out], **kwargs)


def test_candidate_is_evaluated_beside_the_active_model_and_not_activated(
    mr: Mailroom, small_corpora: tuple[Path, Path]
) -> None:
    before = mr.classifier()
    report = _candidate(mr, small_corpora)
    assert report.candidate.version == "v1"  # the session's model is "test-v1"
    assert not report.candidate.active
    assert report.active is not None and report.active.version == "test-v1"
    assert report.evaluation.size == report.active.size == 13 * 4
    assert set(report.evaluation.per_class) == set(LABELS)
    assert report.sources[0].size == 13 * 12 and len(report.sources[0].sha256) == 64
    assert mr.classifier() is before, "a candidate is not used until promoted"
    manifest = json.loads(Path(report.candidate.path, "manifest.json").read_text())
    assert manifest["trained_by"] == "alice"
    assert manifest["corpora"][0]["name"] == "train.jsonl"
    assert manifest["metrics"]["evaluation"]["macro_f1"] == pytest.approx(
        report.evaluation.macro_f1
    )
    assert "temperature" in manifest["metrics"]["cross_validation"]
    as_json = report.to_json()  # what `model train --json` prints
    assert as_json["candidate"]["version"] == "v1" and as_json["active"]["version"] == "test-v1"
    assert {"macro_f1", "accuracy", "per_class", "confusion", "threshold", "coverage"} <= set(
        as_json["evaluation"]
    )


def _copy_of(mr: Mailroom, model_dir: Path, version: str) -> str:
    """The session's model registered again as ``version`` (training is tested above)."""
    target = mr.settings.models_dir / version
    shutil.copytree(model_dir, target)
    manifest = json.loads((target / "manifest.json").read_text())
    (target / "manifest.json").write_text(json.dumps({**manifest, "version": version}))
    return versions.register_model(mr, target, "alice", activate=False).version


def test_promote_and_rollback_walk_the_history(mr: Mailroom, model_dir: Path) -> None:
    v1, v2 = _copy_of(mr, model_dir, "v1"), _copy_of(mr, model_dir, "v2")
    versions.promote(mr, v1, "alice")
    versions.promote(mr, v2, "alice")
    assert [v.version for v in versions.list_versions(mr) if v.active] == [v2]
    # A running installation switches at its next document, without a restart.
    assert mr.classifier().manifest.version == v2
    assert versions.rollback(mr, "bob").version == v1
    assert versions.rollback(mr, "bob").version == "test-v1"
    with pytest.raises(NotFound, match="not promoted over another"):
        versions.rollback(mr, "bob")
    assert mr.classifier().manifest.version == "test-v1"
    with pytest.raises(NotFound, match="no model version 'v9'"):
        versions.promote(mr, "v9", "alice")
    with pytest.raises(ModelError, match="already the active one"):
        versions.promote(mr, "test-v1", "alice")
    with mr.sessions() as session:
        trail = [(e.action, e.actor) for e in session.scalars(select(Event).order_by(Event.id))]
    assert trail.count(("model_trained", "alice")) == 2
    assert trail.count(("model_activated", "alice")) == 2
    assert trail[-2:] == [("model_rolled_back", "bob"), ("model_rolled_back", "bob")]


def test_training_on_the_evaluation_corpus_is_refused(
    mr: Mailroom, small_corpora: tuple[Path, Path]
) -> None:
    _, held_out = small_corpora
    with pytest.raises(ModelError, match="also in the training data"):
        versions.train_candidate(mr, "alice", [held_out], eval_corpus=[held_out])


def test_corrections_become_training_examples(
    mr: Mailroom, small_corpora: tuple[Path, Path]
) -> None:
    with transaction(mr.sessions) as session:
        doc, other = (
            Document(
                source_file=f"brief-{n}.pdf",
                channel="scanner",
                sha256=str(n) * 64,
                media_type="application/pdf",
                original_path="/dev/null",
                state="routed",
            )
            for n in (1, 2)
        )
        session.add_all([doc, other])
        session.flush()
        text = "Mijn scootmobiel is kapot, wie repareert die? Ik heb hem via de Wmo gekregen."
        keep_example(session, doc, "melding_openbare_ruimte", text, by="carla")
        keep_example(session, doc, "wmo", text, by="dirk")  # corrected again: the last counts
        keep_example(session, other, "gone_from_catalogue", "Iets anders.", by="erik")
    with mr.sessions() as session:
        examples = corrected_examples(session, LABELS)
    assert [(e.label, e.text) for e in examples] == [("wmo", text)]

    report = _candidate(mr, small_corpora, with_corrections=True)
    assert [(s.name, s.size) for s in report.sources] == [("train.jsonl", 156), ("corrections", 1)]
    assert report.evaluation.size == 13 * 4


def test_model_commands(mr: Mailroom, small_corpora: tuple[Path, Path]) -> None:
    train, held_out = small_corpora
    runner = CliRunner()
    env = mailroom_env(mr)
    args = ["model", "train", "--corpus", str(train), "--eval-corpus", str(held_out)]
    result = runner.invoke(cli, [*args, "--by", "alice"], env=env)
    assert result.exit_code == 0, result.output
    assert "trained v1 on 156 documents from 1 corpus file(s)" in result.output
    assert "v1" in result.output and "test-v1 (active)" in result.output
    assert "macro-F1" in result.output and "confusions of v1" in result.output
    assert "mailroom model promote v1" in result.output

    result = runner.invoke(cli, ["model", "promote", "v1", "--by", "alice"], env=env)
    assert result.exit_code == 0 and "model v1 is active" in result.output
    listing = runner.invoke(cli, ["model", "list"], env=env).output
    assert "* v1" in listing and "  test-v1" in listing
    rows = json.loads(runner.invoke(cli, ["model", "list", "--json"], env=env).output)
    assert [r["version"] for r in rows if r["active"]] == ["v1"]

    result = runner.invoke(cli, ["model", "rollback", "--by", "bob"], env=env)
    assert result.exit_code == 0 and "test-v1 is active again" in result.output
    evaluation = runner.invoke(
        cli, ["model", "evaluate", "--version", "v1", "--corpus", str(held_out), "--json"], env=env
    )
    assert json.loads(evaluation.output)["version"] == "v1"
    missing = runner.invoke(cli, ["model", "promote", "v7"], env=env)
    assert missing.exit_code == 4 and "no model version 'v7'" in missing.output
