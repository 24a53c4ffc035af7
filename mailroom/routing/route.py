"""The routing decision: which queue a document goes to, and why."""

from __future__ import annotations

from dataclasses import dataclass

from mailroom.core.config.catalogue import REVIEW_QUEUE, Catalogue
from mailroom.core.records import Classification

MESSAGE_VERSION = 1


@dataclass(frozen=True)
class Route:
    """Where a document goes: its team, and the queue (the team's, or ``review``).

    A document without a case type (no readable text) has no team: only review.
    """

    team: str | None
    queue: str
    reasons: tuple[str, ...]

    @property
    def needs_review(self) -> bool:
        """Whether a person must look at it before the team does."""
        return self.queue == REVIEW_QUEUE


def decide_route(
    case_type: str,
    classification: Classification,
    threshold: float,
    catalogue: Catalogue,
    flags: tuple[str, ...] = (),
) -> Route:
    """Route to the case type's team, or to review when unsure or flagged."""
    team = catalogue.team_for(case_type).code
    reasons = list(flags)
    if classification.confidence < threshold and classification.case_type == case_type:
        second, _ = classification.runner_up()
        reasons.append(f"unsure: {classification.case_type} or {second}")
    return Route(team, REVIEW_QUEUE if reasons else team, tuple(reasons))


@dataclass(frozen=True)
class RoutedMessage:
    """The JSON envelope published for a document: ids and facts, never file bytes."""

    document_id: int
    case_number: str
    case_type: str
    confidence: float
    team: str | None
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The message body."""
        return {
            "v": MESSAGE_VERSION,
            "document_id": self.document_id,
            "case_number": self.case_number,
            "case_type": self.case_type,
            "confidence": round(self.confidence, 4),
            "team": self.team,
            "reasons": list(self.reasons),
        }
