"""Corrections as training examples: what employees fixed, for `model train --with-corrections`."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailroom.classifiers.corpus import Example
from mailroom.core.db.models import Document, TrainingExample


def keep_example(session: Session, document: Document, label: str, text: str, by: str) -> None:
    """Remember that ``text`` (the document's text) is of case type ``label``, in the caller's
    transaction."""
    session.add(
        TrainingExample(
            document_id=document.id, label=label, text=text, source="correction", created_by=by
        )
    )


def corrected_examples(session: Session, labels: Iterable[str]) -> list[Example]:
    """The corrections as labelled examples: the latest label per document, for case types the
    catalogue still has, and none with an empty text."""
    known = set(labels)
    latest: dict[int | None, TrainingExample] = {}
    rows = session.scalars(select(TrainingExample).order_by(TrainingExample.id))
    for row in rows:
        # Examples without a document stay distinct; per document, the last word counts.
        latest[row.document_id if row.document_id is not None else -row.id] = row
    return [
        Example(row.text, row.label, f"correction-{row.id}")
        for row in latest.values()
        if row.label in known and row.text.strip()
    ]
