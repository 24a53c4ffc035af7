"""The catalogue of case types (zaaktypen) and the teams they are routed to.

Parsed into typed objects at start-up; an unknown team or case-type code fails
fast with a :class:`~mailroom.core.errors.ConfigError`, and so does a deadline or
acknowledgement rule that cannot be read.

Per case type, two optional tables:

``[case_types.X.deadline]``
    The term within which the municipality must decide or answer: ``term``
    (``"6 weeks"``, ``"30 days"``, ``"2 months"``, ``"5 working days"``; Dutch
    units such as ``"6 weken"`` are read too), ``counts_from`` (see
    :data:`COUNTS_FROM`; default ``day_after_receipt``), optional ``extension``
    (same syntax), ``article`` (where the term comes from) and ``service_norm``
    (default false). A *service norm* is a term the municipality chose itself, not
    one set by law: the Algemene termijnenwet, which only extends terms "bij wet
    gesteld", is then not applied, so the due date is the plain calendar date;
    being early is never wrong, and we do not claim days the law does not give.
    A case type without the table has no deadline.

``[case_types.X.acknowledgement]``
    ``required`` (the law demands a written acknowledgement of receipt, as Awb
    6:14 and 9:6 do for objections and complaints), ``article``, ``channels`` (how
    a required one may be sent: ``"paper"`` letter, ``"email"`` reply; default
    both, so the sender is answered on the channel the letter came in on) and
    ``email`` (default true: every email is answered with a short receipt, as a
    courtesy, also when the law does not ask for it; false for invoices, whose
    senders are accounting systems). Without the table: not required, email true.

``[teams]`` entries are either a plain name or a table ``{ name = "...", email =
"...", phone = "..." }``: acknowledgement letters tell the sender how to reach
the team.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from mailroom.core.errors import ConfigError, UnknownCaseType

REVIEW_QUEUE = "review"

#: Where a term starts. ``receipt``: the day of receipt is the term's first day.
#: ``day_after_receipt``: the day after receipt is the first day ("binnen zes weken
#: na ontvangst", the usual reading in Dutch law). ``objection_term_end``: the
#: first day is the day after the objection term ended (Awb 7:10).
COUNTS_FROM = ("receipt", "day_after_receipt", "objection_term_end")

#: The channels an acknowledgement can be sent on.
CHANNELS = ("paper", "email")

#: Term units, canonical name by every spelling accepted (English and Dutch).
_UNITS = {
    "day": "days",
    "days": "days",
    "dag": "days",
    "dagen": "days",
    "week": "weeks",
    "weeks": "weeks",
    "weken": "weeks",
    "month": "months",
    "months": "months",
    "maand": "months",
    "maanden": "months",
    "working day": "working_days",
    "working days": "working_days",
    "werkdag": "working_days",
    "werkdagen": "working_days",
}
_TERM = re.compile(r"\s*(\d{1,4})\s+([a-z ]+?)\s*")
_DEADLINE_KEYS = {"term", "counts_from", "extension", "article", "service_norm"}
_ACK_KEYS = {"required", "article", "channels", "email"}
_TEAM_KEYS = {"name", "email", "phone"}
# A misspelt table ("[case_types.X.deadlines]") must fail, not leave a case without its clock.
_CASE_TYPE_KEYS = {"name", "team", "examples", "deadline", "acknowledgement"}


@dataclass(frozen=True)
class Team:
    """A team with its own work queue, and how a sender can reach it."""

    code: str
    name: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Term:
    """A length of time: ``amount`` of ``unit`` (days, weeks, months or working_days)."""

    amount: int
    unit: str

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.replace('_', ' ')}"


@dataclass(frozen=True)
class DeadlineRule:
    """The term within which a case of a type must be decided or answered."""

    term: Term
    counts_from: str
    article: str
    extension: Term | None = None
    service_norm: bool = False


@dataclass(frozen=True)
class AcknowledgementRule:
    """Whether and how the receipt of a letter of a type is acknowledged."""

    required: bool = False
    article: str | None = None
    channels: tuple[str, ...] = CHANNELS
    email: bool = True

    def sends_on(self, channel: str) -> bool:
        """Whether a letter that came in on ``channel`` gets an acknowledgement:
        a required one on its channels, and a courtesy reply to every email
        unless :attr:`email` is off."""
        return (self.required and channel in self.channels) or (channel == "email" and self.email)


@dataclass(frozen=True)
class CaseType:
    """A case type: the classifier's label, the team that handles it, and its legal clock."""

    code: str
    name: str
    team: str
    examples: str = ""
    deadline: DeadlineRule | None = None
    acknowledgement: AcknowledgementRule = field(default_factory=AcknowledgementRule)


@dataclass(frozen=True)
class Catalogue:
    """Case types and teams, validated against each other."""

    case_types: dict[str, CaseType]
    teams: dict[str, Team]

    @property
    def labels(self) -> list[str]:
        """Case-type codes in a stable order: the classifier's labels."""
        return sorted(self.case_types)

    def case_type(self, code: str) -> CaseType:
        """The case type with this code, or :class:`UnknownCaseType`."""
        try:
            return self.case_types[code]
        except KeyError:
            known = ", ".join(self.labels)
            raise UnknownCaseType(f"unknown case type {code!r}; known: {known}") from None

    def team_for(self, code: str) -> Team:
        """The team that handles case type ``code``."""
        return self.teams[self.case_type(code).team]


def parse_term(text: object) -> Term:
    """A term from its spelling (``"6 weeks"``, ``"30 dagen"``); ValueError when unreadable."""
    match = _TERM.fullmatch(text.lower()) if isinstance(text, str) else None
    if match is None or match[2] not in _UNITS or int(match[1]) < 1:
        units = ", ".join(sorted({u.replace("_", " ") for u in _UNITS.values()}))
        raise ValueError(f"term {text!r} is not '<number> <unit>' with a unit of {units}")
    return Term(int(match[1]), _UNITS[match[2]])


def _check_keys(table: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ValueError(
            f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(allowed))}"
        )


def _bool(table: dict[str, Any], key: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, not {value!r}")
    return value


def _text(table: dict[str, Any], key: str, *, required: bool) -> str | None:
    value = table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be a non-empty string" + ("" if required else " when given"))
    return value.strip()


def parse_deadline(table: object) -> DeadlineRule:
    """A deadline rule from its TOML table; ValueError saying what is wrong."""
    if not isinstance(table, dict):
        raise ValueError("deadline must be a table")
    _check_keys(table, _DEADLINE_KEYS)
    if "term" not in table:
        raise ValueError("deadline needs a term")
    counts_from = table.get("counts_from", "day_after_receipt")
    if counts_from not in COUNTS_FROM:
        raise ValueError(f"counts_from {counts_from!r} is not one of {', '.join(COUNTS_FROM)}")
    extension = table.get("extension")
    return DeadlineRule(
        term=parse_term(table["term"]),
        counts_from=counts_from,
        article=str(_text(table, "article", required=True)),
        extension=None if extension is None else parse_term(extension),
        service_norm=_bool(table, "service_norm", False),
    )


def parse_acknowledgement(table: object) -> AcknowledgementRule:
    """An acknowledgement rule from its TOML table; ValueError saying what is wrong."""
    if not isinstance(table, dict):
        raise ValueError("acknowledgement must be a table")
    _check_keys(table, _ACK_KEYS)
    channels = table.get("channels", list(CHANNELS))
    if not isinstance(channels, list) or not set(channels) <= set(CHANNELS) or not channels:
        raise ValueError(f"channels must be a non-empty list of {', '.join(CHANNELS)}")
    required = _bool(table, "required", False)
    article = _text(table, "article", required=required)
    return AcknowledgementRule(
        required=required,
        article=article,
        channels=tuple(c for c in CHANNELS if c in channels),
        email=_bool(table, "email", True),
    )


def parse_team(code: str, entry: object) -> Team:
    """A team from a plain name or a ``{name, email, phone}`` table."""
    if isinstance(entry, str):
        return Team(code, entry)
    if not isinstance(entry, dict):
        raise ValueError("must be a name or a table with name, email, phone")
    _check_keys(entry, _TEAM_KEYS)
    return Team(
        code,
        str(_text(entry, "name", required=True)),
        email=_text(entry, "email", required=False),
        phone=_text(entry, "phone", required=False),
    )


def _case_type(code: str, entry: dict[str, Any]) -> CaseType:
    _check_keys(entry, _CASE_TYPE_KEYS)
    deadline = entry.get("deadline")
    acknowledgement = entry.get("acknowledgement")
    return CaseType(
        code=code,
        name=str(entry.get("name", code)),
        team=entry["team"],
        examples=str(entry.get("examples", "")),
        deadline=None if deadline is None else parse_deadline(deadline),
        acknowledgement=(
            AcknowledgementRule()
            if acknowledgement is None
            else parse_acknowledgement(acknowledgement)
        ),
    )


def parse_catalogue(text: str, source: str = "catalogue") -> Catalogue:
    """Parse and validate catalogue TOML (the format of ``spec/case-types.toml``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{source}: not valid TOML: {e}") from e
    raw_teams = data.get("teams")
    raw_types = data.get("case_types")
    if not isinstance(raw_teams, dict) or not isinstance(raw_types, dict) or not raw_types:
        raise ConfigError(f"{source}: needs a [teams] table and at least one [case_types.X]")
    teams: dict[str, Team] = {}
    for code, entry in raw_teams.items():
        try:
            teams[code] = parse_team(code, entry)
        except ValueError as e:
            raise ConfigError(f"{source}: team {code!r}: {e}") from e
    if REVIEW_QUEUE in teams:
        raise ConfigError(f"{source}: {REVIEW_QUEUE!r} is reserved for the review queue")
    case_types: dict[str, CaseType] = {}
    for code, entry in raw_types.items():
        if not isinstance(entry, dict) or "team" not in entry:
            raise ConfigError(f"{source}: case type {code!r} needs a team")
        if entry["team"] not in teams:
            raise ConfigError(f"{source}: case type {code!r} names unknown team {entry['team']!r}")
        try:
            case_types[code] = _case_type(code, entry)
        except ValueError as e:
            raise ConfigError(f"{source}: case type {code!r}: {e}") from e
    return Catalogue(case_types=case_types, teams=teams)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load the user's catalogue file, or the packaged default when ``path`` is None."""
    if path is None:
        text = (
            resources.files("mailroom.core.config").joinpath("case-types.toml").read_text("utf-8")
        )
        return parse_catalogue(text, "packaged case-types.toml")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read catalogue {path}: {e.strerror}") from e
    return parse_catalogue(text, str(path))
