"""People who work in the web workspace: users, roles, passwords and logging in.

A person has one role and the teams whose post they see:

* ``employee`` — the documents of their own teams: queue, take, done, correct;
* ``reviewer`` — also the review queue, and deciding what the model was unsure of;
* ``postroom`` — today's intake and the quarantine (retry, discard);
* ``admin`` — everything, also users and model versions.

Passwords are kept as argon2id hashes (argon2-cffi's defaults, rehashed when those
change). Failed logins are counted per name, known or not: after
:data:`THROTTLE_AFTER` failures in a row a name is refused for :data:`THROTTLE_SECONDS`,
whatever password comes, so a password cannot be guessed at speed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.core.config.catalogue import REVIEW_QUEUE
from mailroom.core.db.models import LoginFailure, User, as_utc
from mailroom.core.db.session import transaction
from mailroom.core.errors import ConfigError, MailroomError, NotFound

#: Failed logins in a row after which a name is refused for a while.
THROTTLE_AFTER = 5
#: Seconds a throttled name is refused.
THROTTLE_SECONDS = 300
#: Shortest password accepted.
MIN_PASSWORD = 10

_hasher = PasswordHasher()
# Verifying against this hash when the name is unknown makes a wrong name take as long
# as a wrong password: the time of a refusal does not tell which names exist.
_DUMMY_HASH = _hasher.hash("mailroom: no such user")


class Role(enum.StrEnum):
    """What a person may do in the workspace."""

    employee = "employee"
    reviewer = "reviewer"
    postroom = "postroom"
    admin = "admin"


class LoginRefused(MailroomError):
    """Wrong name or password, or a disabled user (the message does not say which)."""


class LoginThrottled(LoginRefused):
    """Too many failed logins for this name; try again later."""


@dataclass(frozen=True)
class Person:
    """Someone logged in: who, in which role, for which teams."""

    name: str
    role: Role
    teams: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        """Whether the person may do everything."""
        return self.role is Role.admin

    def sees_team(self, team: str | None) -> bool:
        """Whether documents of ``team`` are this person's to see and act on."""
        return self.is_admin or (team is not None and team in self.teams)

    def sees_queue(self, queue: str) -> bool:
        """Whether the person may see queue ``queue`` (a team, or ``review``)."""
        if queue == REVIEW_QUEUE:
            return self.role in (Role.reviewer, Role.admin)
        return self.sees_team(queue)

    @property
    def reviews(self) -> bool:
        """Whether the person decides documents in the review queue."""
        return self.role in (Role.reviewer, Role.admin)

    @property
    def works_the_postroom(self) -> bool:
        """Whether the person sees today's intake and the quarantine."""
        return self.role in (Role.postroom, Role.admin)

    def queues(self) -> list[str]:
        """The queues this person works from: their teams, and review for reviewers."""
        return [*self.teams, *([REVIEW_QUEUE] if self.reviews else [])]


@dataclass(frozen=True)
class UserInfo:
    """A user as ``users list`` shows them (never the password hash)."""

    name: str
    role: str
    teams: tuple[str, ...]
    disabled: bool
    created_at: datetime

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "name": self.name,
            "role": self.role,
            "teams": list(self.teams),
            "disabled": self.disabled,
            "created_at": self.created_at.isoformat(),
        }


def _person(user: User) -> Person:
    return Person(user.name, Role(user.role), tuple(user.teams or ()))


def _info(user: User) -> UserInfo:
    return UserInfo(
        user.name, user.role, tuple(user.teams or ()), user.disabled, as_utc(user.created_at)
    )


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"a password needs at least {MIN_PASSWORD} characters")


def _check_teams(mr: Mailroom, teams: tuple[str, ...]) -> None:
    known = set(mr.catalogue.teams)
    unknown = sorted(set(teams) - known)
    if unknown:
        raise ConfigError(
            f"unknown team(s) {', '.join(unknown)}; the catalogue has {', '.join(sorted(known))}"
        )


def add_user(
    mr: Mailroom, name: str, role: Role, teams: tuple[str, ...], password: str, by: str
) -> UserInfo:
    """Add a person; an employee needs at least one team. Recorded in the audit trail."""
    name = name.strip()
    if not name:
        raise ConfigError("a user needs a name")
    _check_teams(mr, teams)
    if role is Role.employee and not teams:
        raise ConfigError("an employee needs at least one team (--team)")
    _check_password(password)
    with transaction(mr.sessions) as session:
        if session.scalar(select(User.id).where(User.name == name)) is not None:
            raise ConfigError(f"there is already a user {name}")
        user = User(
            name=name,
            role=role.value,
            teams=list(teams),
            password_hash=_hasher.hash(password),
            disabled=False,
        )
        session.add(user)
        new = {"user": name, "role": role.value, "teams": list(teams)}
        record(session, mr, "user_added", actor=by, new=new)
        session.flush()
        return _info(user)


def list_users(mr: Mailroom) -> list[UserInfo]:
    """Every user, by name."""
    with mr.sessions() as session:
        return [_info(u) for u in session.scalars(select(User).order_by(User.name))]


def _user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"no user {name}")
    return user


def disable_user(mr: Mailroom, name: str, by: str) -> UserInfo:
    """Stop a person from logging in; their name stays in the audit trail."""
    with transaction(mr.sessions) as session:
        user = _user(session, name)
        user.disabled = True
        record(session, mr, "user_disabled", actor=by, new={"user": name})
        return _info(user)


def set_password(mr: Mailroom, name: str, password: str, by: str) -> UserInfo:
    """Give a person a new password (and lift a throttle on their name)."""
    _check_password(password)
    with transaction(mr.sessions) as session:
        user = _user(session, name)
        user.password_hash = _hasher.hash(password)
        user.password_changed_at = mr.clock()
        failure = session.get(LoginFailure, name)
        if failure is not None:
            session.delete(failure)
        record(session, mr, "password_set", actor=by, new={"user": name})
        return _info(user)


def authenticate(mr: Mailroom, name: str, password: str) -> Person:
    """The person with this name and password; :class:`LoginThrottled` after too many
    failures for the name, :class:`LoginRefused` for anything else that is wrong."""
    name = name.strip()
    now = mr.clock()
    with transaction(mr.sessions) as session:
        failure = session.get(LoginFailure, name)
        if (
            failure is not None
            and failure.count >= THROTTLE_AFTER
            and now - as_utc(failure.last_at) < timedelta(seconds=THROTTLE_SECONDS)
        ):
            raise LoginThrottled("too many failed logins; try again in a few minutes")
        user = session.scalar(select(User).where(User.name == name))
        verified = _verifies(user.password_hash if user else _DUMMY_HASH, password)
        if verified and user is not None and not user.disabled:
            if failure is not None:
                session.delete(failure)
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            return _person(user)
        if failure is None:
            failure = LoginFailure(name=name[:100], count=0)
            session.add(failure)
        failure.count += 1
        failure.last_at = now
    raise LoginRefused("wrong name or password")


def _verifies(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def person(mr: Mailroom, name: str) -> Person:
    """The person of a session still allowed in (not disabled, not removed)."""
    with mr.sessions() as session:
        user = session.scalar(select(User).where(User.name == name))
        if user is None or user.disabled:
            raise LoginRefused("no longer allowed in")
        return _person(user)
