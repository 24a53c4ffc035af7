"""The ``mailroom`` command: parse options, call :mod:`mailroom.app.api`, print the result."""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import click

from mailroom.app import api, audit, case_views, corrections, postroom, teams
from mailroom.app import model_versions as versions
from mailroom.app.context import Mailroom
from mailroom.app.pipeline import DocumentResult
from mailroom.cases.evaluate import evaluate_matching
from mailroom.classifiers.evaluate import Evaluation
from mailroom.classifiers.model import CorpusPart
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.config.settings import Settings, load_settings
from mailroom.core.errors import ExitCode, MailroomError
from mailroom.core.logs import add_log_file, configure_logging, new_error_id
from mailroom.faces.daemon import Daemon, install_signal_handlers
from mailroom.faces.worker import run_workers


class MailroomGroup(click.Group):
    """Turns mailroom's errors into one line on stderr and their exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MailroomError as e:
            # One line: drivers put hints on lines of their own.
            click.secho(f"Error: {' '.join(e.message.split())}", err=True, fg="red")
            ctx.exit(int(e.exit_code))
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception:
            # A library's message may quote personal data: the details go to the log.
            error_id = new_error_id()
            logging.getLogger("mailroom").exception("internal error (error id %s)", error_id)
            click.secho(
                f"Error: internal error (error id {error_id}); the details are in the log",
                err=True,
                fg="red",
            )
            ctx.exit(int(ExitCode.error))


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """The shared ``--json`` flag."""
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(f)


def by_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--by USER`` option of admin commands, defaulting to the login name."""
    return click.option(
        "--by",
        default=lambda: os.environ.get("USER", "admin"),
        show_default="$USER",
        help=help_text,
    )


def print_json(data: Any) -> None:
    """JSON on stdout, non-ASCII kept readable."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def settings_of(ctx: click.Context) -> Settings:
    """The settings, loaded once per invocation from ``--home``, environment and TOML."""
    obj = ctx.ensure_object(dict)
    if "settings" not in obj:
        obj["settings"] = settings = load_settings(home=obj.get("home"))
        if settings.log_path.parent.is_dir():
            add_log_file(settings.log_path)
    return obj["settings"]


def with_mailroom(f: Callable[..., Any]) -> Callable[..., Any]:
    """Hand the command an open :class:`Mailroom` as its first argument, closed afterwards."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        mr = api.open_mailroom(settings_of(click.get_current_context()))
        try:
            return f(mr, *args, **kwargs)
        finally:
            mr.close()

    return wrapper


@click.group(cls=MailroomGroup)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    help="Data directory (default: $MAILROOM_HOME, else ~/.local/share/mailroom).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="mailroom")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, verbose: int) -> None:
    """mailroom: incoming municipal post, from scanner and email to the right team's queue."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    configure_logging(level, tracebacks=verbose >= 2)
    ctx.ensure_object(dict).update(home=home, log_level=level, tracebacks=verbose >= 2)


@cli.command()
@click.option("--by", default="mailroom init", show_default=True, help="Who sets it up (audit).")
@click.pass_context
def init(ctx: click.Context, by: str) -> None:
    """Create or upgrade the data directory, database and queues; train a model if none."""
    settings = settings_of(ctx)
    click.echo(f"Setting up {settings.home}")

    def progress(step: str) -> None:
        click.echo(f"  training classifier: {step}", err=True)

    report = api.init(settings, by=by, progress=progress)
    click.echo(f"  database: {report.database}")
    click.echo(f"  broker exchange: {report.broker}")
    if report.model_version is None:
        click.echo("  classifier model: none active (train one with `mailroom init`)")
    else:
        action = "trained and activated" if report.model_trained else "active"
        click.echo(f"  classifier model {report.model_version}: {action}")


def _render_result(r: DocumentResult) -> str:
    name = Path(r.file).name + (f" [{r.part}]" if r.part else "")
    if r.error:
        return f"#{r.id} {name}: {r.state}: {r.error}"
    if r.state == "received":
        return f"#{r.id} {name}: queued for `mailroom worker`"
    where = r.queue or r.team or "-"
    conf = f"{r.confidence:.2f}" if r.confidence is not None else "-"
    line = (
        f"#{r.id} {name}: {r.pages or 0}p, {r.case_type} ({conf}), "
        f"{r.case_number} ({r.case_match}) -> {where}"
    )
    return line + (f"  [{'; '.join(r.reasons)}]" if r.needs_attention else "")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--async",
    "queue",
    is_flag=True,
    help="Only take the files in; `mailroom worker` processes do the rest.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Documents processed in parallel (default: setting watch_workers, else one per core).",
)
@json_option
@with_mailroom
def ingest(
    mr: Mailroom, paths: tuple[Path, ...], queue: bool, workers: int | None, as_json: bool
) -> None:
    """Run the whole pipeline now on files or folders; one result per document, in order."""
    progress = ProgressLine(enabled=sys.stderr.isatty())

    def show(result: DocumentResult) -> None:
        progress.clear()
        click.echo(_render_result(result))

    results = api.ingest(
        mr,
        paths,
        on_result=None if as_json else show,
        queue=queue,
        workers=workers or mr.settings.worker_count,
        on_progress=progress.show,
    )
    progress.clear()
    if as_json:
        print_json([r.to_json() for r in results])
    if any(r.state in ("quarantined", "failed") for r in results):
        sys.exit(int(ExitCode.bad_input))


class ProgressLine:
    """One line on a terminal's stderr saying how far a long run is, redrawn in place."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.shown = False

    def show(self, p: api.IngestProgress) -> None:
        """Draw the progress of an ``ingest`` run."""
        if self.enabled:
            click.echo(
                f"\r\x1b[K{p.files_taken}/{p.files} files taken in, "
                f"{p.documents_done}/{p.documents} documents done",
                err=True,
                nl=False,
            )
            self.shown = True

    def clear(self) -> None:
        """Remove the line before other output."""
        if self.shown:
            click.echo("\r\x1b[K", err=True, nl=False)
            self.shown = False


@cli.group()
def documents() -> None:
    """Look at documents."""


@documents.command("show")
@click.argument("document_id", type=int)
@json_option
@with_mailroom
def documents_show(mr: Mailroom, document_id: int, as_json: bool) -> None:
    """Show what mailroom knows about one document."""
    view = api.show_document(mr, document_id)
    if as_json:
        print_json(view.to_json())
        return
    click.echo(_render_result(view.result))
    click.echo(
        f"  channel {view.channel}, {view.media_type}, received {view.received_at:%Y-%m-%d %H:%M}"
    )
    click.echo(f"  original {view.original}")
    if view.archive:
        click.echo(f"  archive  {view.archive}")
    if view.email:
        click.echo(f"  email    from {view.email['from']}: {view.email['subject']}")
    for page in view.pages:
        conf = f"{page['confidence']:.2f}" if page["confidence"] is not None else "text layer"
        click.echo(f"  page {page['number']:<3} {page['chars']} characters, OCR confidence {conf}")
    for other in view.siblings:
        click.echo(f"  with     #{other['id']} {other['part'] or ''} ({other['state']})")
    if view.scores:
        click.echo("  scores   " + ", ".join(f"{k} {v:.2f}" for k, v in view.scores.items()))
    if view.result.case_number:
        score = f", score {view.case_score:.2f}" if view.case_score is not None else ""
        click.echo(f"  case     {view.result.case_number} ({view.result.case_match}{score})")
    for event in view.history:
        click.echo(f"  {event['at'][:19]} {event['actor']}: {event['action']}")


@documents.command("text")
@click.argument("document_id", type=int)
@with_mailroom
def documents_text(mr: Mailroom, document_id: int) -> None:
    """Print the text of one document."""
    click.echo(api.document_text(mr, document_id))


@cli.group()
def queue() -> None:
    """Team queues and the review queue."""


@queue.command("list")
@json_option
@with_mailroom
def queue_list(mr: Mailroom, as_json: bool) -> None:
    """Per team queue (and review): documents waiting, claimed, the oldest waiting, and
    messages in the broker."""
    rows = teams.overview(mr)
    if as_json:
        print_json([row.to_json() for row in rows])
        return
    now = mr.clock()
    click.echo(f"{'queue':<24}{'waiting':>8}{'claimed':>8}  {'oldest':<10}{'messages':>9}  team")
    for row in rows:
        age = _age(now - row.oldest_received_at) if row.oldest_received_at else "-"
        messages = "-" if row.messages is None else str(row.messages)
        click.echo(
            f"{row.name:<24}{row.waiting:>8}{row.claimed:>8}  {age:<10}{messages:>9}  {row.title}"
        )


def _age(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // 1440} days"


@queue.command("show")
@click.argument("team")
@json_option
@with_mailroom
def queue_show(mr: Mailroom, team: str, as_json: bool) -> None:
    """Documents on one team's queue (or ``review``): waiting and claimed, oldest first."""
    results = teams.documents(mr, team)
    if as_json:
        print_json([r.to_json() for r in results])
        return
    if not results:
        click.echo(f"queue {team} is empty")
    for r in results:
        click.echo(_render_result(r))


@queue.command("take")
@click.argument("team")
@click.option("--by", required=True, help="Who takes it.")
@json_option
@with_mailroom
def queue_take(mr: Mailroom, team: str, by: str, as_json: bool) -> None:
    """Claim the oldest waiting document of a queue: its case and a link to its PDF."""
    taken = teams.take(mr, team, by)
    if as_json:
        print_json(taken.to_json())
        return
    click.echo(_render_result(taken.document))
    click.echo(f"  taken by {taken.claimed_by}; PDF: {taken.pdf}")


@queue.command("done")
@click.argument("document_id", type=int)
@click.option("--by", required=True, help="Who finished it.")
@with_mailroom
def queue_done(mr: Mailroom, document_id: int, by: str) -> None:
    """Mark a taken document as done: it leaves its queue."""
    teams.done(mr, document_id, by)
    click.echo(f"#{document_id} done")


@cli.command()
@click.option(
    "--scanner",
    type=click.Path(file_okay=False, path_type=Path),
    help="Scanner watch folder (default: inbox/scanner in the data directory).",
)
@click.option(
    "--email",
    type=click.Path(file_okay=False, path_type=Path),
    help="Email watch folder for .eml files (default: inbox/email).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes (default: setting watch_workers, else one per core).",
)
@click.pass_context
def watch(
    ctx: click.Context, scanner: Path | None, email: Path | None, workers: int | None
) -> None:
    """Watch the scanner and email folders and process everything that arrives."""
    settings = settings_of(ctx)
    # A daemon's terminal is its log: one line per document, starts and stops.
    configure_logging(
        min(ctx.obj["log_level"], logging.INFO), settings.log_path, tracebacks=ctx.obj["tracebacks"]
    )
    count = workers or settings.worker_count
    settings = settings.for_workers(count)
    mr = api.open_mailroom(settings)
    try:
        daemon = Daemon(
            settings,
            mr,
            [scanner or settings.scanner_inbox, email or settings.email_inbox],
            count,
            opener=api.open_mailroom,
        )
        install_signal_handlers(daemon)
        daemon.run()
    finally:
        mr.close()


@cli.command()
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes on this machine.",
)
@click.option(
    "--until-idle",
    type=float,
    help="Stop once the work queue has been empty this many seconds (batch runs, tests).",
)
@click.pass_context
def worker(ctx: click.Context, concurrency: int, until_idle: float | None) -> None:
    """Take stage work (OCR, classify, match, route) from the broker until stopped.

    Start any number, on any machines sharing the database and broker; a message
    is acknowledged after its document is committed, so a killed worker loses
    nothing. SIGTERM or Ctrl-C finishes the document in hand.
    """
    logging.getLogger("mailroom").setLevel(logging.INFO)
    run_workers(
        api.open_mailroom, settings_of(ctx).for_workers(concurrency), concurrency, until_idle
    )


@cli.command()
@json_option
@click.option(
    "--follow", is_flag=True, help="Refresh every 2 seconds until nothing is in progress."
)
@with_mailroom
def status(mr: Mailroom, as_json: bool, follow: bool) -> None:
    """Today's intake per channel: received, processed, in progress, review, quarantine."""
    while True:
        rows = postroom.status(mr)
        if as_json:
            print_json([row.__dict__ for row in rows])
        else:
            _render_status(rows)
        if not follow or not any(r.in_progress for r in rows):
            return
        time.sleep(2)
        click.echo()


def _render_status(rows: list[postroom.ChannelStatus]) -> None:
    click.echo(
        f"{'today':<8}{'inputs':>8}{'docs':>7}{'done':>7}{'busy':>7}{'review':>8}"
        f"{'quar.':>7}{'failed':>8}{'dupl.':>7}"
    )
    for r in rows:
        click.echo(
            f"{r.channel:<8}{r.inputs:>8}{r.documents:>7}{r.processed:>7}"
            f"{r.in_progress:>7}{r.in_review:>8}{r.quarantined:>7}{r.failed:>8}"
            f"{r.duplicates:>7}"
        )
    reasons = Counter[str]()
    for r in rows:
        reasons.update(r.reasons)
    if reasons:
        click.echo("needs a person:")
        for reason, n in reasons.most_common():
            click.echo(f"  {n:>4}  {reason}")


@cli.group()
def quarantine() -> None:
    """Inputs that could not be processed, with the reason, and what to do about them."""


@quarantine.command("list")
@json_option
@with_mailroom
def quarantine_list(mr: Mailroom, as_json: bool) -> None:
    """Quarantined and failed documents, with their reasons."""
    entries = postroom.quarantine_list(mr)
    if as_json:
        print_json([e.to_json() for e in entries])
        return
    if not entries:
        click.echo("quarantine is empty")
    for e in entries:
        name = Path(e.file).name + (f" [{e.part}]" if e.part else "")
        click.echo(f"#{e.id} {e.received_at:%Y-%m-%d %H:%M} {name}: {e.reason}")


@quarantine.command("show")
@click.argument("document_id", type=int)
@json_option
@with_mailroom
def quarantine_show(mr: Mailroom, document_id: int, as_json: bool) -> None:
    """One quarantined document: where it came from and why it is held."""
    e = postroom.quarantine_show(mr, document_id)
    if as_json:
        print_json(e.to_json())
        return
    click.echo(f"#{e.id} {e.state} at stage {e.stage or '-'}")
    click.echo(f"  file     {e.file}" + (f" [{e.part}]" if e.part else ""))
    click.echo(f"  received {e.received_at:%Y-%m-%d %H:%M}")
    click.echo(f"  reason   {e.reason}")
    click.echo(f"  copy     {mr.settings.quarantine_dir}/{e.id}.*")


@quarantine.command("retry")
@click.argument("document_id", type=int)
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--by", required=True, help="Who retries (recorded).")
@json_option
@with_mailroom
def quarantine_retry(
    mr: Mailroom, document_id: int, password: str | None, by: str, as_json: bool
) -> None:
    """Process a quarantined document again after a fix (e.g. a password supplied)."""
    results = postroom.quarantine_retry(mr, document_id, by, password)
    if as_json:
        print_json([r.to_json() for r in results])
        return
    for r in results:
        click.echo(_render_result(r))


@quarantine.command("discard")
@click.argument("document_id", type=int)
@click.option("--by", required=True, help="Who discards it (recorded).")
@click.option("--reason", help="Why (recorded).")
@with_mailroom
def quarantine_discard(mr: Mailroom, document_id: int, by: str, reason: str | None) -> None:
    """Take a document out of quarantine for good; the original stays in the store."""
    postroom.quarantine_discard(mr, document_id, by, reason)
    click.echo(f"document {document_id} discarded by {by}")


@cli.group()
def model() -> None:
    """The case-type classifier: train, compare, promote, roll back, evaluate."""


@model.command("train")
@click.option(
    "--corpus",
    "corpus",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Training corpus file (JSONL); repeat for more. Default: the packaged training corpus.",
)
@click.option("--with-corrections", is_flag=True, help="Also train on the employees' corrections.")
@click.option(
    "--eval-corpus",
    "eval_corpus",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
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
    started = time.monotonic()

    def progress(step: str) -> None:
        if not as_json:
            click.echo(f"  [{time.monotonic() - started:5.0f} s] {step}", err=True)

    report = versions.train_candidate(mr, by, corpus, with_corrections, eval_corpus, progress)
    if as_json:
        print_json(report.to_json())
        return
    click.echo(f"trained {report.candidate.version} on {_sources(report.sources)}")
    _render_evaluation(report.evaluation, report.active)
    click.echo(f"\npromote it with `mailroom model promote {report.candidate.version} --by {by}`")


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
    rows = versions.list_versions(mr)
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    if not rows:
        click.echo("no models; train one with `mailroom model train`")
        return
    click.echo(
        f"  {'version':<9}{'trained':<18}{'by':<16}{'docs':>6}{'macro-F1':>10}{'threshold':>11}"
    )
    for r in rows:
        f1 = f"{r.macro_f1:.3f}" if r.macro_f1 is not None else "-"
        click.echo(
            f"{'*' if r.active else ' '} {r.version:<9}{r.created_at:%Y-%m-%d %H:%M}  "
            f"{r.trained_by[:15]:<16}{r.corpus_size:>6}{f1:>10}{r.threshold:>11.3f}"
        )


@model.command("evaluate")
@click.option("--version", help="Model version (default: the active one).")
@click.option(
    "--corpus",
    "corpus",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
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
    result = versions.evaluate_version(mr, version, corpus, scans)
    if as_json:
        print_json(result.to_json())
        return
    _render_evaluation(result)


def _sources(sources: list[CorpusPart]) -> str:
    files = [s for s in sources if s.name != "corrections"]
    text = f"{sum(s.size for s in files)} documents from {len(files)} corpus file(s)"
    corrections = [s.size for s in sources if s.name == "corrections"]
    return text + (f" and {corrections[0]} corrections" if corrections else "")


def _render_evaluation(result: Evaluation, active: Evaluation | None = None) -> None:
    """The figures of one model, with the active model's beside them when comparing."""
    models = [result, *([active] if active else [])]
    read = " read as poor scans" if result.read_as == "scan" else ""
    click.echo(f"on {result.size} documents{read}:")
    click.echo(
        f"{'':<26}"
        + "".join(f"{m.version + (' (active)' if m is active else ''):>24}" for m in models)
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
        click.echo(
            f"{name:<26}" + "".join(f"{'-' if c is None else fmt.format(c):>24}" for c in cells)
        )
    click.echo(
        f"\n{'case type':<26}" + "".join(f"{'P    R    F1':>24}" for _ in models) + f"{'n':>5}"
    )
    for label in result.per_class:
        scores = "".join(
            "{:>24}".format(
                " ".join(f"{m.per_class[label][k]:.2f}" for k in ("precision", "recall", "f1"))
            )
            for m in models
        )
        click.echo(f"{label:<26}{scores}{result.per_class[label]['support']:>5}")
    click.echo(f"\nconfusions of {result.version} (true -> predicted: count):")
    any_wrong = False
    for label, row in result.confusion.items():
        wrong = {k: v for k, v in row.items() if k != label}
        if wrong:
            any_wrong = True
            click.echo(f"  {label} -> " + ", ".join(f"{k}: {v}" for k, v in wrong.items()))
    if not any_wrong:
        click.echo("  none")


@cli.group()
def cases() -> None:
    """The case register: import, list, show, and how well letters are matched to cases."""


@cases.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@by_option("Who imports.")
@with_mailroom
def cases_import(mr: Mailroom, file: Path, by: str) -> None:
    """Import cases from a CSV (DESIGN.md header); known case numbers are updated.

    Every row is checked first: one bad row is reported with its line number and
    nothing is imported.
    """
    report = case_views.import_cases(mr, file, by)
    click.echo(
        f"{report.added} cases added, {report.updated} updated, {report.unchanged} unchanged"
    )


@cases.command("list")
@click.option("--status", type=click.Choice(["open", "closed"]), help="Only open or closed cases.")
@click.option("--type", "case_type", help="Only cases of this case type (code).")
@click.option("--limit", default=200, show_default=True, help="At most this many, newest first.")
@json_option
@with_mailroom
def cases_list(
    mr: Mailroom, status: str | None, case_type: str | None, limit: int, as_json: bool
) -> None:
    """Cases, newest first; BSNs masked."""
    rows = case_views.list_cases(mr, status, case_type, limit)
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    if not rows:
        click.echo("no cases")
    for r in rows:
        who = " ".join(x for x in (r.name, r.bsn and f"BSN {r.bsn}", r.kvk and f"KvK {r.kvk}") if x)
        click.echo(
            f"{r.number}  {r.status:<6} {r.case_type:<24} {r.opened_at:%Y-%m-%d}  "
            f"{r.documents:>3} doc(s)  {who}"
        )


@cases.command("show")
@click.argument("number")
@json_option
@with_mailroom
def cases_show(mr: Mailroom, number: str, as_json: bool) -> None:
    """One case: its party (BSN masked), documents and timeline."""
    detail = case_views.show_case(mr, number)
    if as_json:
        print_json(detail.to_json())
        return
    c = detail.case
    click.echo(f"{c.number}  {c.case_type}  {c.status}  opened {c.opened_at:%Y-%m-%d}")
    for label, value in (
        ("subject", c.subject),
        ("name", c.name),
        ("BSN", c.bsn),
        ("KvK", c.kvk),
        ("address", " ".join(x for x in (c.postcode, c.house_number) if x)),
        ("related to", detail.related_to),
    ):
        if value:
            click.echo(f"  {label}: {value}")
    click.echo(f"documents ({len(detail.documents)}):")
    for d in detail.documents:
        reasons = f"  ({'; '.join(d['reasons'])})" if d["reasons"] else ""
        click.echo(f"  #{d['id']}  {d['received_at'][:16]}  {d['source']}  {d['state']}{reasons}")
    click.echo("timeline:")
    for e in detail.timeline:
        doc = f" #{e['document_id']}" if e["document_id"] else ""
        click.echo(f"  {e['at'][:19]}  {e['actor']:<12} {e['action']}{doc}")


@cases.command("evaluate")
@click.option(
    "--cases",
    "cases_csv",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Case register CSV (DESIGN.md header).",
)
@click.option(
    "--letters",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSONL with text, label and expect_case (a case number or new) per letter; "
    "optional email_from and email_subject for a letter that came by email.",
)
@json_option
@click.pass_context
def cases_evaluate(ctx: click.Context, cases_csv: Path, letters: Path, as_json: bool) -> None:
    """Match labelled letters against a case register in a scratch database: accuracy on
    explicit references, implicit follow-ups and new requests, and documents put in
    another party's case. Needs no data directory."""
    settings = settings_of(ctx)
    result = evaluate_matching(
        cases_csv, letters, load_catalogue(settings.catalogue_file), settings.case_number_patterns
    )
    if as_json:
        print_json(result.to_json())
        return
    for name, score in (
        ("explicit references", result.explicit),
        ("implicit follow-ups", result.implicit),
        ("new requests", result.new),
    ):
        click.echo(f"{name:<22}{score.correct:>4}/{score.total:<4} {score.accuracy:7.1%}")
    click.echo(f"{'in another party case':<22}{result.wrong_party:>4}")
    for miss in result.misses:
        flag = "  WRONG PARTY" if miss["wrong_party"] else ""
        click.echo(
            f"  miss {miss['id']} ({miss['kind']}): expected {miss['expected']}, got "
            f"{miss['got']} — {'; '.join(miss['reasons'])}{flag}"
        )


@cli.command()
@click.argument("document_id", type=int)
@click.option("--case-type", help="The right case type (code).")
@click.option("--case", "case_number", help="Put it in this existing case.")
@click.option("--new-case", is_flag=True, help="Open a new case for it.")
@click.option("--by", required=True, help="Who corrects it (recorded).")
@click.option("--reason", help="Why (recorded).")
@json_option
@with_mailroom
def correct(
    mr: Mailroom,
    document_id: int,
    case_type: str | None,
    case_number: str | None,
    new_case: bool,
    by: str,
    reason: str | None,
    as_json: bool,
) -> None:
    """Correct a document's case type or case; it moves to the right team's queue.

    The correction is recorded with the old and new values, and the corrected
    case type is kept with the text for `mailroom model train --with-corrections`.
    """
    result = corrections.correct(mr, document_id, by, case_type, case_number, new_case, reason)
    if as_json:
        print_json({**result.document.to_json(), "old": result.old, "new": result.new})
        return
    old, new = result.old, result.new
    click.echo(
        f"#{document_id}: {old['case_type']} {old['case_number']} ({old['team']}) -> "
        f"{new['case_type']} {new['case_number']} ({new['team']})"
    )


@cli.command("audit")
@click.option("--document", "document_id", type=int, help="The trail of one document.")
@click.option("--case", "case_number", help="The trail of a case and its documents.")
@click.option("--limit", default=500, show_default=True, help="At most this many events.")
@json_option
@with_mailroom
def audit_trail(
    mr: Mailroom, document_id: int | None, case_number: str | None, limit: int, as_json: bool
) -> None:
    """Every state change and human action, with who and when (the latest, or of one
    document or case)."""
    entries = audit.trail(mr, document_id, case_number, limit)
    if as_json:
        print_json([e.to_json() for e in entries])
        return
    if not entries:
        click.echo("no events")
    for e in entries:
        where = " ".join(x for x in (e.document_id and f"#{e.document_id}", e.case_number) if x)
        change = ""
        if e.old or e.new:
            change = f"  {_brief(e.old)} -> {_brief(e.new)}" if e.old else f"  {_brief(e.new)}"
        click.echo(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<14} {e.action:<18} {where}{change}")


def _brief(values: dict[str, Any] | None) -> str:
    if not values:
        return "-"
    return ", ".join(f"{k}={v}" for k, v in values.items() if v is not None)


@cli.command()
@click.argument("file_or_text")
@json_option
@with_mailroom
def classify(mr: Mailroom, file_or_text: str, as_json: bool) -> None:
    """Show the top case-type scores for a file (OCR'd if needed) or a text."""
    verdict = api.classify_input(mr, file_or_text)
    top = sorted(verdict.scores.items(), key=lambda kv: kv[1], reverse=True)[:5]
    if as_json:
        print_json(
            {"case_type": verdict.case_type, "confidence": verdict.confidence, "scores": dict(top)}
        )
        return
    for label, score in top:
        click.echo(f"{score:6.3f}  {label}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="mailroom")
