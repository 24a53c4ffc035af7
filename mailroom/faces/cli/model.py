"""``mailroom model``: train, compare, promote, roll back and evaluate the classifier."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from mailroom.app import model_versions as versions
from mailroom.app.context import Mailroom
from mailroom.faces.cli.output import EXISTING_FILE, by_option, json_option, show, with_mailroom

MODELS_HEADER = (
    f"  {'version':<9}{'trained':<18}{'by':<16}{'docs':>6}{'macro-F1':>10}{'threshold':>11}"
)


@click.group()
def model() -> None:
    """The case-type classifier: train, compare, promote, roll back, evaluate."""


@model.command("train")
@click.option(
    "--corpus",
    "corpus",
    multiple=True,
    type=EXISTING_FILE,
    help="Training corpus file (JSONL); repeat for more. Default: the packaged training corpus.",
)
@click.option("--with-corrections", is_flag=True, help="Also train on the employees' corrections.")
@click.option(
    "--eval-corpus",
    "eval_corpus",
    multiple=True,
    type=EXISTING_FILE,
    help="Corpus to compare on. Default: the packaged evaluation corpus.",
)
@by_option("Who trains it.")
@json_option
@with_mailroom
def model_train(
    mr: Mailroom,
    corpus: tuple[Path, ...],
    with_corrections: bool,
    eval_corpus: tuple[Path, ...],
    by: str,
    as_json: bool,
) -> None:
    """Train a candidate model and show it beside the active one (it is not activated)."""
    progress = _progress(quiet=as_json)
    report = versions.train_candidate(mr, by, corpus, with_corrections, eval_corpus, progress)
    show(report, as_json, lines=lambda r: _train_lines(r, by))


def _progress(quiet: bool) -> Callable[[str], None]:
    started = time.monotonic()

    def progress(step: str) -> None:
        if not quiet:
            click.echo(f"  [{time.monotonic() - started:5.0f} s] {step}", err=True)

    return progress


def _train_lines(report: versions.TrainReport, by: str) -> Iterator[str]:
    yield f"trained {report.candidate.version} on {_sources(report.sources)}"
    yield from _evaluation_lines(report.evaluation, report.active)
    yield f"\npromote it with `mailroom model promote {report.candidate.version} --by {by}`"


@model.command("promote")
@click.argument("version")
@by_option("Who promotes it.")
@with_mailroom
def model_promote(mr: Mailroom, version: str, by: str) -> None:
    """Make VERSION the active model (running daemons switch at their next document)."""
    info = versions.promote(mr, version, by)
    click.echo(f"model {info.version} is active (review threshold {info.threshold:.3f})")


@model.command("rollback")
@by_option("Who rolls back.")
@with_mailroom
def model_rollback(mr: Mailroom, by: str) -> None:
    """Make the model that was active before the last promotion active again."""
    info = versions.rollback(mr, by)
    click.echo(f"model {info.version} is active again")


@model.command("list")
@json_option
@with_mailroom
def model_list(mr: Mailroom, as_json: bool) -> None:
    """Every trained model: when, by whom, on how many documents, how good; * marks the active."""
    show(
        versions.list_versions(mr),
        as_json,
        header=MODELS_HEADER,
        row=_version_row,
        empty="no models; train one with `mailroom model train`",
    )


def _version_row(r: versions.VersionInfo) -> str:
    f1 = f"{r.macro_f1:.3f}" if r.macro_f1 is not None else "-"
    return (
        f"{'*' if r.active else ' '} {r.version:<9}{r.created_at:%Y-%m-%d %H:%M}  "
        f"{r.trained_by[:15]:<16}{r.corpus_size:>6}{f1:>10}{r.threshold:>11.3f}"
    )


@model.command("evaluate")
@click.option("--version", help="Model version (default: the active one).")
@click.option(
    "--corpus",
    "corpus",
    multiple=True,
    type=EXISTING_FILE,
    help="Labelled JSONL corpus (default: the packaged evaluation corpus).",
)
@click.option(
    "--scans", is_flag=True, help="Read the texts as a poor scan would (seeded OCR errors, ~7 %)."
)
@json_option
@with_mailroom
def model_evaluate(
    mr: Mailroom, version: str | None, corpus: tuple[Path, ...], scans: bool, as_json: bool
) -> None:
    """Routed straight and right of routed at the review threshold, per-class precision,
    recall and F1, macro-F1, accuracy and confusions."""
    show(versions.evaluate_version(mr, version, corpus, scans), as_json, lines=_evaluation_lines)


def _sources(sources: list[versions.CorpusPart]) -> str:
    files = [s for s in sources if s.name != "corrections"]
    text = f"{sum(s.size for s in files)} documents from {len(files)} corpus file(s)"
    corrections = [s.size for s in sources if s.name == "corrections"]
    return text + (f" and {corrections[0]} corrections" if corrections else "")


def _evaluation_lines(
    result: versions.Evaluation, active: versions.Evaluation | None = None
) -> Iterator[str]:
    """The figures of one model, with the active model's beside them when comparing."""
    models = [result, *([active] if active else [])]
    read = " read as poor scans" if result.read_as == "scan" else ""
    yield f"on {result.size} documents{read}:"
    yield f"{'':<26}" + "".join(
        f"{m.version + (' (active)' if m is active else ''):>24}" for m in models
    )
    for name, attr, fmt in (
        ("macro-F1", "macro_f1", "{:.3f}"),
        ("accuracy", "accuracy", "{:.3f}"),
        ("review threshold", "threshold", "{:.3f}"),
        ("routed straight", "coverage", "{:.1%}"),
        ("right of routed", "precision_above", "{:.1%}"),
        ("not post (to review)", "not_post", "{:.1%}"),
        ("overig: overig or review", "overig_or_review", "{:.1%}"),
    ):
        cells = [getattr(m, attr) for m in models]
        yield f"{name:<26}" + "".join(f"{'-' if c is None else fmt.format(c):>24}" for c in cells)
    yield f"\n{'case type':<26}" + "".join(f"{'P    R    F1':>24}" for _ in models) + f"{'n':>5}"
    for label in result.per_class:
        scores = "".join(
            "{:>24}".format(
                " ".join(f"{m.per_class[label][k]:.2f}" for k in ("precision", "recall", "f1"))
            )
            for m in models
        )
        yield f"{label:<26}{scores}{result.per_class[label]['support']:>5}"
    yield f"\nconfusions of {result.version} (true -> predicted: count):"
    any_wrong = False
    for label, row in result.confusion.items():
        wrong = {k: v for k, v in row.items() if k != label}
        if wrong:
            any_wrong = True
            yield f"  {label} -> " + ", ".join(f"{k}: {v}" for k, v in wrong.items())
    if not any_wrong:
        yield "  none"


COMMANDS = [model]
