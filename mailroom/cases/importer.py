"""Importing the case register from CSV (the header in DESIGN.md), all or nothing."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailroom.cases.identifiers import is_valid_bsn
from mailroom.cases.names import other_surname_key, surname_key
from mailroom.cases.register import write_case_words
from mailroom.core.config.catalogue import Catalogue
from mailroom.core.db.models import Case
from mailroom.core.errors import ConfigError

HEADER = [
    "number",
    "case_type",
    "status",
    "bsn",
    "kvk",
    "postcode",
    "house_number",
    "name",
    "subject",
    "opened_at",
]
_POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}\s?[A-Z]{2}$")
# "Factuur 2026-0412 Lichtservice", "factuurnummer: F-889": what invoice cases are known by.
# "Factuur 26.0311 onderhoud": a stop inside the number too.
_SUBJECT_INVOICE_RE = re.compile(
    r"\bfactuur(?:nummer|nr\.?)?\s*:?\s*"
    r"(?P<number>(?=[A-Z0-9/.-]*\d)[A-Z0-9](?:[A-Z0-9/-]|\.(?=[A-Z0-9]))*)",
    re.I,
)


def subject_invoice_number(case_type: str, subject: str) -> str | None:
    """The invoice number an invoice case's subject gives ("Factuur 2026-0412 Lichtservice"
    → "2026-0412"), or None."""
    invoice = _SUBJECT_INVOICE_RE.search(subject) if case_type == "factuur" else None
    return invoice["number"].upper() if invoice else None


class CaseImportError(ConfigError):
    """A row of a case CSV is not valid; nothing was imported."""


@dataclass(frozen=True)
class CaseRow:
    """One validated row of a case CSV."""

    number: str
    case_type: str
    status: str
    bsn: str | None
    kvk: str | None
    postcode: str | None
    house_number: str | None
    name: str | None
    subject: str | None
    opened_at: datetime | None  # empty cell: now for a new case, kept for a known one
    invoice_number: str | None
    surname: str | None  # the key matching looks the name up by
    other_surname: str | None  # and the other part of a double surname


@dataclass(frozen=True)
class ImportReport:
    """How many cases a CSV added, changed and left as they were."""

    added: int
    updated: int
    unchanged: int


def read_case_rows(text: str, catalogue: Catalogue) -> list[CaseRow]:
    """Parse and validate every row; the first bad one fails with its line number."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != HEADER:
        raise CaseImportError(f"line 1: the header must be {','.join(HEADER)}")
    rows: list[CaseRow] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        try:
            cells = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            if None in row or len(cells) != len(HEADER):
                raise ValueError(f"expected {len(HEADER)} cells")
            parsed = _row(cells, catalogue)
        except ValueError as e:
            raise CaseImportError(f"line {line}: {e}") from None
        if parsed.number in seen:
            raise CaseImportError(
                f"line {line}: case {parsed.number} is already on line {seen[parsed.number]}"
            )
        seen[parsed.number] = line
        rows.append(parsed)
    return rows


def _row(row: dict[str, str], catalogue: Catalogue) -> CaseRow:
    if not row["number"]:
        raise ValueError("the case number is empty")
    if row["case_type"] not in catalogue.case_types:
        raise ValueError(f"unknown case type {row['case_type']!r}")
    status = row["status"] or "open"
    if status not in ("open", "closed"):
        raise ValueError(f"status must be open or closed, not {status!r}")
    bsn = re.sub(r"[\s.]", "", row["bsn"]) or None
    if bsn is not None and not (bsn.isdigit() and is_valid_bsn(bsn.zfill(9))):
        raise ValueError("the BSN is not a valid BSN (9 digits passing the elfproef)")
    kvk = row["kvk"].replace(" ", "") or None
    if kvk is not None and not (kvk.isdigit() and len(kvk) == 8):
        raise ValueError(f"the KvK number {kvk!r} is not 8 digits")
    postcode = row["postcode"].upper() or None
    if postcode is not None and not _POSTCODE_RE.match(postcode):
        raise ValueError(f"the postcode {postcode!r} is not a Dutch postcode")
    house_number = re.sub(r"\s", "", row["house_number"]).upper() or None
    name = " ".join(row["name"].split()) or None
    return CaseRow(
        number=row["number"].upper(),
        case_type=row["case_type"],
        status=status,
        bsn=bsn.zfill(9) if bsn else None,
        kvk=kvk,
        postcode=postcode.replace(" ", "") if postcode else None,
        house_number=house_number,
        name=name,
        subject=row["subject"] or None,
        opened_at=_when(row["opened_at"]),
        invoice_number=subject_invoice_number(row["case_type"], row["subject"]),
        surname=surname_key(name),
        other_surname=other_surname_key(name),
    )


def _when(value: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"opened_at {value!r} is not an ISO date") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


#: What a CSV row sets on a case (the number identifies it).
FIELDS = (*(h for h in HEADER if h != "number"), "invoice_number", "surname", "other_surname")


def _chunks(rows: list[CaseRow], size: int = 500) -> Iterator[list[CaseRow]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def import_rows(session: Session, rows: list[CaseRow], now: datetime) -> ImportReport:
    """Add new cases and update known ones (idempotent on the case number), in the
    caller's transaction."""
    added = updated = unchanged = 0
    for chunk in _chunks(rows):
        existing = {
            c.number: c
            for c in session.scalars(select(Case).where(Case.number.in_([r.number for r in chunk])))
        }
        named: list[Case] = []  # new cases, and cases whose name or KvK changed
        for row in chunk:
            case = existing.get(row.number)
            if case is None:
                values = {f: getattr(row, f) for f in FIELDS}
                values["opened_at"] = row.opened_at or now
                case = Case(number=row.number, **values)
                session.add(case)
                named.append(case)
                added += 1
                continue
            changed = False
            renamed = case.name != row.name or case.kvk != row.kvk
            for f in FIELDS:
                old, new = getattr(case, f), getattr(row, f)
                if f == "opened_at":
                    if new is None:
                        continue
                    old = old.replace(tzinfo=UTC) if old.tzinfo is None else old
                if old != new:
                    setattr(case, f, new)
                    changed = True
            if renamed:
                named.append(case)
            updated += changed
            unchanged += not changed
        session.flush()
        write_case_words(session, named)
    return ImportReport(added, updated, unchanged)


def read_case_file(path: Path) -> str:
    """A case CSV's text; a clear error when it cannot be read."""
    try:
        return path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise CaseImportError(f"cannot read {path}: {e}") from e
