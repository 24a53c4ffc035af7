"""A mailbox on an IMAP server: connect, list, fetch and move messages. No database.

Built on IMAPClient (a maintained wrapper of the standard ``imaplib`` that parses
responses, speaks UID commands, IDLE and XOAUTH2, and wraps TLS properly); the
application (:mod:`mailroom.app.mailbox`) decides what is taken and when a
message may be moved. Every error from the network or the server becomes one
:class:`MailboxUnavailable` with a reason a person can read: the caller retries.

Messages are addressed by UID within the folder's UIDVALIDITY, fetched with
``BODY.PEEK[]`` (the \\Seen flag is left alone) and moved with MOVE (RFC 6851),
or, on a server without it, COPY, \\Deleted and (UID) EXPUNGE.
"""

from __future__ import annotations

import logging
import shlex
import socket
import ssl
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Literal, ParamSpec, Self, TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from mailroom.core.config.settings import Settings
from mailroom.core.errors import ConfigError, MailroomError

log = logging.getLogger(__name__)

#: Seconds a token command may run.
TOKEN_COMMAND_TIMEOUT = 60.0
#: IDLE is renewed at least this often (RFC 2177 asks for less than 29 minutes).
IDLE_RENEW_SECONDS = 600.0
#: Empty answers in a row, each at once, that mean the connection is gone (one is a TLS
#: record without data).
EOF_SPINS = 20

Security = Literal["tls", "starttls", "none"]


class MailboxUnavailable(MailroomError):
    """The mailbox cannot be reached or read now (server down, login refused, a token
    command that failed); the daemon tries again later."""

    transient = True


@dataclass(frozen=True)
class MailboxConfig:
    """Where the mailbox is and how to log in."""

    host: str
    port: int = 993
    security: Security = "tls"
    user: str = ""
    #: Secrets stay out of the repr (and so out of logs and tracebacks).
    password: str | None = field(default=None, repr=False)
    #: An OAuth2 access token (XOAUTH2), or a command whose standard output is one.
    oauth2_token: str | None = field(default=None, repr=False)
    oauth2_token_command: str | None = None
    folder: str = "INBOX"
    processed_folder: str = "Verwerkt"
    timeout: float = 30.0
    #: A CA certificate file for a server whose certificate no public CA signed.
    ca_file: str | None = None

    @classmethod
    def from_settings(cls, s: Settings) -> MailboxConfig | None:
        """The mailbox the settings name; None when ``imap_host`` is not set."""
        if not s.imap_host:
            return None
        if not s.imap_user:
            raise ConfigError("imap_host is set but imap_user is not")
        if not (s.imap_password or s.imap_oauth2_token or s.imap_oauth2_token_command):
            raise ConfigError(
                "imap_host is set: give imap_password, or imap_oauth2_token_command "
                "(or imap_oauth2_token) for XOAUTH2"
            )
        return cls(
            host=s.imap_host,
            port=s.imap_port,
            security=s.imap_security,
            user=s.imap_user,
            password=s.imap_password,
            oauth2_token=s.imap_oauth2_token,
            oauth2_token_command=s.imap_oauth2_token_command,
            folder=s.imap_folder,
            processed_folder=s.imap_processed_folder,
            timeout=s.imap_timeout,
            ca_file=str(s.imap_ca_file) if s.imap_ca_file else None,
        )

    @property
    def url(self) -> str:
        """How the mailbox is named to people: ``imap://host/INBOX`` (no user, no secret)."""
        scheme = "imaps" if self.security == "tls" else "imap"
        default = 993 if self.security == "tls" else 143
        port = "" if self.port == default else f":{self.port}"
        return f"{scheme}://{self.host}{port}/{self.folder}"

    @property
    def uses_oauth2(self) -> bool:
        """Whether login is XOAUTH2 (a token) rather than a password."""
        return bool(self.oauth2_token or self.oauth2_token_command)


def xoauth2_string(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial response (before base64), as Microsoft and Google define it:
    ``user=<user>^Aauth=Bearer <token>^A^A``."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def oauth2_token(config: MailboxConfig) -> str:
    """The access token for one connection: the command's output (run each time, so a
    token it refreshes is always fresh), else the token given."""
    if config.oauth2_token_command:
        try:
            done = subprocess.run(
                shlex.split(config.oauth2_token_command),
                capture_output=True,
                text=True,
                timeout=TOKEN_COMMAND_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise MailboxUnavailable(f"the token command could not run ({e})") from e
        token = done.stdout.strip()
        if done.returncode != 0 or not token:
            why = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
            raise MailboxUnavailable(f"the token command gave no token ({why[0]})")
        return token
    if not config.oauth2_token:
        raise MailboxUnavailable("no OAuth2 token configured")
    return config.oauth2_token


@dataclass(frozen=True)
class Message:
    """One message as fetched: its place in the folder and its exact bytes."""

    uid: int
    uidvalidity: int
    data: bytes


def describe_error(e: BaseException) -> str:
    """A short reason for a person: ``connection refused``, ``login refused``, ..."""
    if isinstance(e, MailboxUnavailable):
        return e.message
    if isinstance(e, ConnectionRefusedError):
        return "connection refused"
    if isinstance(e, socket.timeout | TimeoutError):
        return "no answer (timed out)"
    if isinstance(e, socket.gaierror):
        return "unknown host"
    if isinstance(e, ssl.SSLCertVerificationError):
        return f"certificate not trusted ({e.verify_message})"
    if isinstance(e, ssl.SSLError):
        return f"TLS failed ({e.reason or e})"
    if isinstance(e, LoginError):
        return f"login refused ({_text(e)})"
    if isinstance(e, ConnectionError | EOFError):
        return "connection lost"
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return _text(e)


def _text(e: BaseException) -> str:
    arg = e.args[0] if e.args else e
    if isinstance(arg, bytes):
        return arg.decode("utf-8", "replace")
    return str(arg)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _wrap(what: str) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Errors of the network, TLS and the server, where they enter, as MailboxUnavailable."""

    def decorate(method: Callable[_P, _R]) -> Callable[_P, _R]:
        @wraps(method)
        def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return method(*args, **kwargs)
            except MailboxUnavailable:
                raise
            except (OSError, EOFError, IMAPClientError, ssl.SSLError) as e:
                raise MailboxUnavailable(f"{what}: {describe_error(e)}") from e

        return wrapped

    return decorate


class Mailbox:
    """One logged-in connection with the folder selected. Use as a context manager."""

    def __init__(self, config: MailboxConfig, client: IMAPClient) -> None:
        self.config = config
        self.client = client
        self.uidvalidity = 0
        self._caps: frozenset[bytes] = frozenset()

    @classmethod
    @_wrap("cannot connect")
    def open(cls, config: MailboxConfig) -> Mailbox:
        """Connect, secure, log in, select the folder; create the processed folder if missing."""
        context = ssl.create_default_context(cafile=config.ca_file)
        client = IMAPClient(
            config.host,
            config.port,
            ssl=config.security == "tls",
            ssl_context=context,
            timeout=config.timeout,
        )
        try:
            if config.security == "starttls":
                client.starttls(context)
            if config.uses_oauth2:
                client.oauth2_login(config.user, oauth2_token(config))
            else:
                client.login(config.user, config.password or "")
            box = cls(config, client)
            box._select()
            return box
        except BaseException:
            _close(client)
            raise

    def _select(self) -> None:
        c = self.client
        self._caps = frozenset(c.capabilities())
        if not c.folder_exists(self.config.processed_folder):
            c.create_folder(self.config.processed_folder)
            log.info("created the folder %s in %s", self.config.processed_folder, self.config.url)
        selected = c.select_folder(self.config.folder)
        self.uidvalidity = int(selected[b"UIDVALIDITY"])

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Log out (quietly: the connection may be gone already)."""
        _close(self.client)

    @property
    def has_idle(self) -> bool:
        """Whether the server announces IDLE."""
        return b"IDLE" in self._caps

    @property
    def has_move(self) -> bool:
        """Whether the server announces MOVE."""
        return b"MOVE" in self._caps

    @_wrap("cannot list the messages")
    def uids(self) -> list[int]:
        """UIDs of the messages in the folder not marked \\Deleted, oldest first."""
        return sorted(int(u) for u in self.client.search(["NOT", "DELETED"]))

    @_wrap("cannot fetch a message")
    def size(self, uid: int) -> int | None:
        """The message's size in bytes as the server counts it; None when it is gone."""
        got = self.client.fetch([uid], ["RFC822.SIZE"])
        size = got.get(uid, {}).get(b"RFC822.SIZE")
        return int(size) if size is not None else None

    @_wrap("cannot fetch a message")
    def fetch(self, uid: int) -> Message | None:
        """The message's exact bytes (not marked \\Seen); None when it is gone meanwhile."""
        got = self.client.fetch([uid], ["BODY.PEEK[]"])
        data = got.get(uid, {}).get(b"BODY[]")
        if data is None:
            return None
        return Message(uid, self.uidvalidity, bytes(data))

    @_wrap("cannot move a message")
    def move(self, uid: int) -> None:
        """Move the message to the processed folder (MOVE, else COPY + \\Deleted + EXPUNGE)."""
        c, target = self.client, self.config.processed_folder
        if self.has_move:
            c.move([uid], target)
            return
        c.copy([uid], target)
        c.add_flags([uid], [b"\\Deleted"], silent=True)
        if b"UIDPLUS" in self._caps:
            c.uid_expunge([uid])
        else:
            # Without UIDPLUS an EXPUNGE also removes other messages marked \Deleted: in
            # this folder only mailroom marks any, and only ones it has copied.
            c.expunge()

    @_wrap("lost the connection while waiting")
    def wait(self, seconds: float, stopping: Callable[[], bool]) -> None:
        """Wait up to ``seconds`` for new mail (IDLE where the server has it, else a plain
        wait), returning early when ``stopping()`` says so. A NOOP at the end checks that
        the connection is still alive."""
        deadline = time.monotonic() + seconds
        if not self.has_idle:
            while not stopping() and time.monotonic() < deadline:
                time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
            self.client.noop()
            return
        self.client.idle()
        news = False
        step = min(0.5, seconds)
        early = 0
        try:
            while not news and not stopping() and time.monotonic() < deadline:
                started = time.monotonic()
                responses = self.client.idle_check(timeout=step)
                # IMAPClient swallows the end of the connection: the socket reads as ready
                # and gives nothing, again and again.
                nothing_yet = not responses and time.monotonic() - started < step / 2
                early = early + 1 if nothing_yet else 0
                if early > EOF_SPINS or any(
                    isinstance(r, tuple) and r[:1] == (b"BYE",) for r in responses
                ):
                    raise MailboxUnavailable("the server closed the connection")
                news = any(
                    isinstance(r, tuple) and len(r) > 1 and r[1] in (b"EXISTS", b"RECENT")
                    for r in responses
                )
        finally:
            self.client.idle_done()


def _close(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:
        try:
            client.shutdown()
        except Exception as e:
            log.debug("closing the IMAP connection: %s", e)
