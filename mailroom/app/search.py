"""Full-text search over document text, sender, subject and case number, limited to what
the person searching may see.

The index is the database's own (migration 0010): SQLite's FTS5 on the embedded
default, PostgreSQL full text with the Dutch configuration on a server; triggers
keep it current, so a document is findable the moment its text is committed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import Session

from mailroom.app.context import Mailroom
from mailroom.app.people import Person
from mailroom.app.workspace import visible_condition
from mailroom.core.db.models import Case, Document, IntakeItem, as_utc

#: Hits shown for one search.
LIMIT = 50
#: Relative cost per document of testing it on the newest-first walk and of visiting a
#: match found by the index (measured on 100,000 documents: 2.6 and 5.9 µs).
WALK_COST, INDEX_COST = 2.6, 5.9
#: The newest matches that are ranked for relevance (for all of them on PostgreSQL, for
#: someone who sees everything on SQLite).
CANDIDATES = 500
#: Words of a query that count (letters and digits; everything else separates them).
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchQuery:
    """What to look for and the filters: team, case type, state, received from/until."""

    words: str
    team: str | None = None
    case_type: str | None = None
    state: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class SearchHit:
    """One document found."""

    id: int
    case_number: str | None
    case_type: str | None
    team: str | None
    state: str
    sender: str | None
    subject: str | None
    received_at: datetime
    snippet: str


def _fts5_query(words: list[str]) -> str:
    """Every word must occur (prefixes of the last one too, for typing as you search);
    each is quoted, so nothing a person types is FTS5 syntax."""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _tsquery(words: list[str]) -> str:
    """PostgreSQL's form of :func:`_fts5_query`: every word (only letters and digits
    reach here), the last one also as a prefix."""
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


def _filtered(stmt: Select[Any], query: SearchQuery, person: Person) -> Select[Any]:
    stmt = stmt.where(visible_condition(person))
    if query.team:
        stmt = stmt.where(Document.team == query.team)
    if query.case_type:
        stmt = stmt.where(Document.case_type == query.case_type)
    if query.state:
        stmt = stmt.where(Document.state == query.state)
    if query.since is not None:
        stmt = stmt.where(Document.received_at >= query.since)
    if query.until is not None:
        stmt = stmt.where(Document.received_at < query.until)
    return stmt


def search(mr: Mailroom, person: Person, query: SearchQuery) -> list[SearchHit]:
    """The documents matching ``query`` that ``person`` may see, best first."""
    words = _WORD.findall(query.words.lower())[:20]
    if not words:
        return []
    columns = (
        Document,
        Case.number,
        IntakeItem.sender,
        IntakeItem.subject,
    )
    snippet: ColumnElement[Any]
    rank: ColumnElement[Any]
    matches: ColumnElement[Any]
    stmt: Select[Any]
    if mr.engine.dialect.name == "postgresql":
        tsquery = func.to_tsquery("dutch", bindparam("q", _tsquery(words)))
        simple = func.to_tsquery("simple", bindparam("q2", _tsquery(words)))
        matches = literal_column("documents.search").op("@@")(tsquery.op("||")(simple))
        snippet = func.ts_headline(
            "dutch",
            func.coalesce(Document.text, ""),
            tsquery,
            "StartSel=,StopSel=,MaxWords=25,MinWords=10",
        )
        rank = func.ts_rank(literal_column("documents.search"), tsquery.op("||")(simple))
        # Ranking every match of a common word ("vergunning": a fifth of all post) costs
        # more than the search itself: the newest matches the person may see are ranked.
        matching = _filtered(select(Document.id).where(matches), query, person)
        newest = _newest(mr, matching)
        best = (
            select(Document.id, rank.label("rank"))
            .where(Document.id.in_(newest.scalar_subquery()))
            .order_by(rank.desc(), Document.id.desc())
            .limit(LIMIT)
            .subquery()
        )
        # The headline (costly: it reads the whole text) only for the hits shown.
        stmt = (
            select(*columns, snippet)
            .join(best, best.c.id == Document.id)
            .order_by(best.c.rank.desc(), Document.id.desc())
        )
    else:
        fts = table("documents_fts", column("rowid"))
        snippet = literal_column("snippet(documents_fts, 0, '', '', '…', 16)")
        # Weights: a case number or a name matters more than a word in the body.
        rank = literal_column("bm25(documents_fts, 1.0, 4.0, 4.0, 8.0)")
        matches = literal_column("documents_fts").op("MATCH")(bindparam("q", _fts5_query(words)))
        stmt = (
            select(*columns, snippet)
            .select_from(Document)
            .join(fts, fts.c.rowid == Document.id)
            .where(matches)
            .order_by(rank, Document.id.desc())
        )
        if person.is_admin:
            # Someone who sees everything: rank the newest matches only (as on PostgreSQL),
            # found by rowid in the index alone, before any document row is read.
            floor = _newest_floor(mr, select(fts.c.rowid).select_from(fts).where(matches))
            if floor is not None:
                stmt = stmt.where(fts.c.rowid >= floor)
    stmt = (
        stmt.outerjoin(Case, Document.case_id == Case.id)
        .outerjoin(IntakeItem, Document.intake_id == IntakeItem.id)
        .limit(LIMIT)
    )
    stmt = _filtered(stmt, query, person)
    with mr.sessions() as session:
        return [_hit(row) for row in session.execute(stmt)]


def _newest(mr: Mailroom, matching: Select[Any]) -> Select[Any]:
    """The ids of the :data:`CANDIDATES` newest matches, by the cheaper of two ways.

    Walking the documents newest first and testing each stops early for a common
    word but reads a third of the table for a middling one; the full-text index
    finds every match at once but then visits each. PostgreSQL's planner misjudges
    the first (testing a row reads its whole search vector), so the choice is made
    here from its own estimates of how many match.
    """
    with mr.sessions() as session:
        matches = _estimated_rows(session, matching)
        total = _estimated_rows(session, select(Document.id))
    walk = CANDIDATES * total / max(matches, 1.0) * WALK_COST
    index = matches * INDEX_COST
    if walk <= index:
        return matching.order_by(Document.id.desc()).limit(CANDIDATES)
    found = matching.cte("found").prefix_with("MATERIALIZED")
    return select(found.c.id).order_by(found.c.id.desc()).limit(CANDIDATES)


def _estimated_rows(session: Session, stmt: Select[Any]) -> float:
    """The planner's estimate of the rows ``stmt`` gives (no query is run)."""
    compiled = stmt.compile(
        dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
    )
    plan = (
        session.connection()
        .exec_driver_sql(f"EXPLAIN (FORMAT JSON) {compiled}", compiled.params)
        .scalar()
    )
    if not plan:
        return 0.0
    return float(plan[0]["Plan"]["Plan Rows"])


def _newest_floor(mr: Mailroom, rowids: Select[Any]) -> int | None:
    """The smallest id among the :data:`CANDIDATES` newest matches (None: fewer match)."""
    with mr.sessions() as session:
        found = session.scalar(
            rowids.order_by(literal_column("rowid").desc()).offset(CANDIDATES - 1).limit(1)
        )
    return int(found) if found is not None else None


def _hit(row: Row[Any]) -> SearchHit:
    doc, number, sender, subject, found = tuple(row)
    assert isinstance(doc, Document)
    return SearchHit(
        doc.id,
        number,
        doc.case_type,
        doc.team,
        doc.state,
        sender,
        subject,
        as_utc(doc.received_at),
        " ".join(str(found or "").split()),
    )
