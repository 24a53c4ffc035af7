"""Quarantine list, show, retry (with a password), discard; the status view; and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mailroom.app import api, postroom
from mailroom.app.context import Mailroom
from mailroom.core.errors import NotFound
from mailroom.faces.cli import cli
from mailroom.testing.env import mailroom_env
from mailroom.testing.pdfs import encrypted_pdf, text_pdf

LETTER = "Geachte heer, mevrouw,\nIk vraag huishoudelijke hulp aan via de Wmo voor mijn moeder."


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "scanner"
    folder.mkdir()
    return folder


def env_of(mr: Mailroom) -> dict[str, str]:
    return mailroom_env(mr)


def test_encrypted_pdf_waits_in_quarantine_until_its_password_is_given(
    mr: Mailroom, inbox: Path
) -> None:
    (inbox / "beveiligd.pdf").write_bytes(encrypted_pdf("geheim"))
    [held] = api.ingest(mr, [inbox])
    assert held.state == "quarantined" and "password" in (held.error or "")
    assert (mr.settings.quarantine_dir / f"{held.id}.txt").read_text().startswith("the PDF")

    [entry] = postroom.quarantine_list(mr)
    assert (entry.id, entry.stage) == (held.id, "intake")

    with pytest.raises(Exception, match="password given does not open it"):
        postroom.quarantine_retry(mr, held.id, by="piet", password="fout")

    [done] = postroom.quarantine_retry(mr, held.id, by="piet", password="geheim")
    assert done.state == "needs_review"  # a person looks at a quarantine release first
    assert "released from quarantine by piet" in done.reasons
    assert "huishoudelijke hulp" in api.document_text(mr, done.id)
    assert postroom.quarantine_list(mr) == []
    assert not list(mr.settings.quarantine_dir.glob(f"{held.id}.*"))
    history = api.show_document(mr, done.id).history
    assert any(e["actor"] == "piet" and e["action"] == "quarantine_retried" for e in history)


def test_discard_is_recorded_with_who(mr: Mailroom, inbox: Path) -> None:
    (inbox / "leeg.pdf").write_bytes(b"")
    [held] = api.ingest(mr, [inbox])
    assert held.state == "quarantined" and "empty" in (held.error or "")
    postroom.quarantine_discard(mr, held.id, by="marja", reason="lege scan")
    assert postroom.quarantine_list(mr) == []
    history = api.show_document(mr, held.id).history
    assert history[-1]["actor"] == "marja" and history[-1]["new"]["reason"] == "lege scan"
    with pytest.raises(NotFound):
        postroom.quarantine_show(mr, held.id)


def test_status_counts_today_per_channel(mr: Mailroom, inbox: Path) -> None:
    (inbox / "a.pdf").write_bytes(text_pdf([LETTER]))
    (inbox / "b.pdf").write_bytes(text_pdf([LETTER]))  # same content: a duplicate
    (inbox / "c.pdf").write_bytes(b"\x00\x01 not a document")
    api.ingest(mr, [inbox])
    paper, email = postroom.status(mr)
    assert (paper.channel, email.channel) == ("paper", "email")
    assert paper.inputs == 3 and paper.documents == 3
    assert paper.processed + paper.in_review == 1
    assert paper.duplicates == 1 and paper.quarantined == 1 and paper.in_progress == 0
    assert list(paper.reasons) == [
        "not a PDF, image (PNG, JPEG, TIFF, HEIC, WebP, GIF, BMP), Office document or email "
        "(.eml, .msg); mailroom cannot read this file"
    ]
    assert email.inputs == 0


def test_postroom_cli(mr: Mailroom, inbox: Path) -> None:
    (inbox / "beveiligd.pdf").write_bytes(encrypted_pdf("geheim"))
    api.ingest(mr, [inbox])
    runner = CliRunner()

    result = runner.invoke(cli, ["quarantine", "list", "--json"], env=env_of(mr))
    [entry] = json.loads(result.stdout)
    doc_id = entry["id"]
    result = runner.invoke(cli, ["quarantine", "show", str(doc_id)], env=env_of(mr))
    assert "password-protected" in result.stdout

    result = runner.invoke(cli, ["status", "--json"], env=env_of(mr))
    assert json.loads(result.stdout)[0]["quarantined"] == 1
    result = runner.invoke(cli, ["status"], env=env_of(mr))
    assert "needs a person" in result.stdout

    result = runner.invoke(
        cli,
        ["quarantine", "retry", str(doc_id), "--by", "piet", "--password", "geheim"],
        env=env_of(mr),
    )
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(cli, ["quarantine", "discard", str(doc_id), "--by", "x"], env=env_of(mr))
    assert result.exit_code == 4 and "not in quarantine" in result.stderr
