"""``mailroom cases``: the case register, and how well letters are matched to cases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from mailroom.app import case_views, sync
from mailroom.app.context import Mailroom
from mailroom.faces.cli.output import (
    EXISTING_FILE,
    by_option,
    json_option,
    settings_of,
    show,
    with_mailroom,
)


@click.group()
def cases() -> None:
    """The case register: import, list, show, and how well letters are matched to cases."""


@cases.command("import")
@click.argument("file", type=EXISTING_FILE)
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


@cases.command("sync")
@click.option(
    "--full", is_flag=True, help="Read every open zaak, not only what changed since the last sync."
)
@by_option("Who syncs (audit).")
@with_mailroom
def cases_sync(mr: Mailroom, full: bool, by: str) -> None:
    """Bring the register up to date with the zaaksysteem's open zaken (case_register zgw).

    The first sync reads every open zaak; later ones what was registered or ended
    since the last sync. Run --full now and then (weekly) to see removed zaken too.
    """
    report = sync.sync_cases(mr, by, full=full)
    scope = f"changes since {report.since}" if report.since else "all open zaken"
    click.echo(
        f"{scope}: {report.added} cases added, {report.updated} updated, {report.closed} closed, "
        f"{report.skipped} zaken of unmapped zaaktypen skipped"
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
    show(rows, as_json, row=_case_row, empty="no cases")


def _case_row(r: case_views.CaseSummary) -> str:
    who = " ".join(x for x in (r.name, r.bsn and f"BSN {r.bsn}", r.kvk and f"KvK {r.kvk}") if x)
    return (
        f"{r.number}  {r.status:<6} {r.case_type:<24} {r.opened_at:%Y-%m-%d}  "
        f"{r.documents:>3} doc(s)  {who}"
    )


@cases.command("show")
@click.argument("number")
@json_option
@with_mailroom
def cases_show(mr: Mailroom, number: str, as_json: bool) -> None:
    """One case: its party (BSN masked), documents and timeline."""
    show(case_views.show_case(mr, number), as_json, lines=_case_lines)


def _case_lines(detail: case_views.CaseDetail) -> Iterator[str]:
    c = detail.case
    yield f"{c.number}  {c.case_type}  {c.status}  opened {c.opened_at:%Y-%m-%d}"
    for label, value in case_views.case_facts(detail):
        yield f"  {label}: {value}"
    yield f"documents ({len(detail.documents)}):"
    for d in detail.documents:
        reasons = f"  ({'; '.join(d['reasons'])})" if d["reasons"] else ""
        yield f"  #{d['id']}  {d['received_at'][:16]}  {d['source']}  {d['state']}{reasons}"
    yield "timeline:"
    for e in detail.timeline:
        doc = f" #{e['document_id']}" if e["document_id"] else ""
        yield f"  {e['at'][:19]}  {e['actor']:<12} {e['action']}{doc}"


@cases.command("evaluate")
@click.option(
    "--cases",
    "cases_csv",
    required=True,
    type=EXISTING_FILE,
    help="Case register CSV (DESIGN.md header).",
)
@click.option(
    "--letters",
    required=True,
    type=EXISTING_FILE,
    help="JSONL with text, label and expect_case (a case number or new) per letter; "
    "optional email_from and email_subject for a letter that came by email.",
)
@click.option(
    "--addresses",
    type=EXISTING_FILE,
    help="The town's address register, a BAG extract CSV (as for `mailroom addresses import`).",
)
@click.option(
    "--trade-names",
    type=EXISTING_FILE,
    help="The town's trade register, a Handelsregister extract CSV (as for "
    "`mailroom trade-names import`).",
)
@json_option
@click.pass_context
def cases_evaluate(
    ctx: click.Context,
    cases_csv: Path,
    letters: Path,
    addresses: Path | None,
    trade_names: Path | None,
    as_json: bool,
) -> None:
    """Match labelled letters against a case register in a scratch database: accuracy on
    explicit references, implicit follow-ups and new requests, and documents put in
    another party's case. Needs no data directory."""
    result = case_views.evaluate_register(
        settings_of(ctx), cases_csv, letters, addresses, trade_names
    )
    show(result, as_json, lines=_evaluation_lines)


def _evaluation_lines(result: case_views.MatchEvaluation) -> Iterator[str]:
    for name, score in (
        ("explicit references", result.explicit),
        ("implicit follow-ups", result.implicit),
        ("new requests", result.new),
    ):
        yield f"{name:<22}{score.correct:>4}/{score.total:<4} {score.accuracy:7.1%}"
    yield f"{'in another party case':<22}{result.wrong_party:>4}"
    for miss in result.misses:
        flag = "  WRONG PARTY" if miss["wrong_party"] else ""
        yield (
            f"  miss {miss['id']} ({miss['kind']}): expected {miss['expected']}, got "
            f"{miss['got']} — {'; '.join(miss['reasons'])}{flag}"
        )


COMMANDS = [cases]
