"""The catalogue of case types (zaaktypen) and the teams they are routed to.

Parsed into typed objects at start-up; an unknown team or case-type code fails
fast with a :class:`~mailroom.core.errors.ConfigError`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mailroom.core.errors import ConfigError, UnknownCaseType

REVIEW_QUEUE = "review"


@dataclass(frozen=True)
class Team:
    """A team with its own work queue."""

    code: str
    name: str


@dataclass(frozen=True)
class CaseType:
    """A case type: the classifier's label and the team that handles it."""

    code: str
    name: str
    team: str
    examples: str = ""


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
    teams = {code: Team(code, str(name)) for code, name in raw_teams.items()}
    if REVIEW_QUEUE in teams:
        raise ConfigError(f"{source}: {REVIEW_QUEUE!r} is reserved for the review queue")
    case_types: dict[str, CaseType] = {}
    for code, entry in raw_types.items():
        if not isinstance(entry, dict) or "team" not in entry:
            raise ConfigError(f"{source}: case type {code!r} needs a team")
        if entry["team"] not in teams:
            raise ConfigError(f"{source}: case type {code!r} names unknown team {entry['team']!r}")
        case_types[code] = CaseType(
            code=code,
            name=str(entry.get("name", code)),
            team=entry["team"],
            examples=str(entry.get("examples", "")),
        )
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
