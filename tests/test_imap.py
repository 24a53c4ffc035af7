"""Email from an IMAP mailbox, against a real Dovecot the tests start (Debian ``dovecot-imapd``).

Each test runs its own Dovecot (``dovecot -F -c <conf>``: a temporary configuration,
a passwd-file user with a plain password, Maildir in a temporary directory, no TLS,
a free port on 127.0.0.1), as root (the mail is stored as the ``dovecot`` user) or
as an ordinary user. XOAUTH2 logs in live too: Dovecot's ``oauth2`` passdb asks a
token introspection endpoint (RFC 7662) the test serves whether a token is valid.
"""

from __future__ import annotations

import base64
import json
import os
import pwd
import random
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner
from imapclient import IMAPClient
from sqlalchemy import select

from mailroom.app import postroom
from mailroom.app.context import Mailroom
from mailroom.app.mailbox import (
    MAX_FAILURES,
    IntakeProcess,
    MailboxPoller,
    remove_unfinished_spool_files,
    spool_dir,
    spool_message,
    take_mailbox,
    take_round,
)
from mailroom.app.receive import Taken, take_file
from mailroom.core.db.models import Document, IntakeItem
from mailroom.faces.cli import cli
from mailroom.intake.imap import (
    Mailbox,
    MailboxConfig,
    MailboxUnavailable,
    oauth2_token,
    xoauth2_string,
)
from mailroom.testing.emails import email_bytes
from mailroom.testing.env import mailroom_env
from mailroom.testing.smtp import free_port

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
pytestmark = pytest.mark.skipif(
    not Path(DOVECOT).exists(), reason="Dovecot is not installed (make system)"
)

USER, PASSWORD = "post@gemeente.nl", "geheim-wachtwoord"
PROCESSED = "Verwerkt"
#: Capabilities of a server without MOVE and IDLE (Dovecot announces what it is told).
PLAIN_CAPABILITIES = "IMAP4rev1 SASL-IR LITERAL+ UIDPLUS"


class Dovecot:
    """A Dovecot of the test's own on ``port``: started, stopped and started again at will."""

    def __init__(
        self,
        port: int | None = None,
        capabilities: str | None = None,
        introspection_url: str | None = None,
        tls: bool = False,
    ) -> None:
        self.port = port or free_port()
        #: With ``tls``: implicit TLS here, STARTTLS on :attr:`port` (a self-signed
        #: certificate, :attr:`certificate`, made for the test).
        self.tls_port = free_port() if tls else 0
        # Not under pytest's tmp_path: Dovecot's unprivileged processes must reach it.
        self.root = Path(tempfile.mkdtemp(prefix="mailroom-dovecot-"))
        self.root.chmod(0o755)
        self.proc: subprocess.Popen[bytes] | None = None
        self.conf = self.root / "dovecot.conf"
        self.certificate = self.root / "cert.pem"
        if tls:
            subprocess.run(
                [
                    *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
                    *("-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1"),
                    *("-keyout", str(self.root / "key.pem"), "-out", str(self.certificate)),
                ],
                check=True,
                capture_output=True,
            )
        self._write_conf(capabilities, introspection_url)

    def _write_conf(self, capabilities: str | None, introspection_url: str | None) -> None:
        mail = self.root / "mail"
        mail.mkdir()
        if os.getuid() == 0:
            # Dovecot refuses to store mail as root, and its helpers as root.
            mail_user, internal, login = "dovecot", "dovecot", "dovenull"
            entry = pwd.getpwnam(mail_user)
            os.chown(mail, entry.pw_uid, entry.pw_gid)
        else:
            mail_user = internal = login = pwd.getpwuid(os.getuid()).pw_name
            entry = pwd.getpwnam(mail_user)
        (self.root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
        extra = f"imap_capability = {capabilities}\n" if capabilities else ""
        if self.tls_port:
            ssl = f"ssl = yes\nssl_cert = <{self.certificate}\nssl_key = <{self.root}/key.pem\n"
        else:
            ssl = "ssl = no\n"
        mechanisms = "plain login"
        if introspection_url:
            mechanisms += " xoauth2"
            (self.root / "oauth2.conf.ext").write_text(
                f"introspection_mode = post\nintrospection_url = {introspection_url}\n"
                "username_attribute = username\nactive_attribute = active\nactive_value = true\n",
                encoding="utf-8",
            )
            extra += (
                f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2\n"
                f"  args = {self.root}/oauth2.conf.ext\n}}\n"
            )
        self.conf.write_text(
            f"""
protocols = imap
listen = 127.0.0.1
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.root}/dovecot.log
{ssl}disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {entry.pw_uid}
mail_location = maildir:{mail}/%n
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN {self.root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_user} home={mail}/%n
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
  }}
}}
{extra}""",
            encoding="utf-8",
        )

    def start(self) -> None:
        """Start and wait until it answers."""
        self.proc = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"Dovecot did not start: {self.log()}")

    def stop(self) -> None:
        """Stop it (and wait, so the port and the pid file are free again)."""
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def client(self) -> IMAPClient:
        """A logged-in client of the test's own (to put mail in and look)."""
        c = IMAPClient("127.0.0.1", self.port, ssl=False, timeout=10)
        c.login(USER, PASSWORD)
        return c

    def append(self, messages: list[bytes], folder: str = "INBOX") -> None:
        with self.client() as c:
            for m in messages:
                c.append(folder, m)

    def count(self, folder: str) -> int:
        with self.client() as c:
            if not c.folder_exists(folder):
                return 0
            return int(c.folder_status(folder, [b"MESSAGES"])[b"MESSAGES"])

    def message_ids(self, folder: str) -> list[str]:
        with self.client() as c:
            c.select_folder(folder, readonly=True)
            got = c.fetch(c.search("ALL"), ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        return sorted(
            v[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].decode().split(":", 1)[1].strip()
            for v in got.values()
        )

    def config(self, **kw: object) -> MailboxConfig:
        """How mailroom reaches it."""
        values: dict[str, object] = {
            "host": "127.0.0.1",
            "port": self.port,
            "security": "none",
            "user": USER,
            "password": PASSWORD,
            "processed_folder": PROCESSED,
            "timeout": 5.0,
            **kw,
        }
        return MailboxConfig(**values)  # type: ignore[arg-type]

    def settings(self, **kw: str) -> dict[str, str]:
        """The same as ``MAILROOM_IMAP_*`` values for a ``mailroom`` process."""
        return {
            "imap_host": "127.0.0.1",
            "imap_port": str(self.port),
            "imap_security": "none",
            "imap_user": USER,
            "imap_password": PASSWORD,
            "imap_processed_folder": PROCESSED,
            "imap_timeout": "5",
            **kw,
        }

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    server = Dovecot()
    server.start()
    yield server
    server.close()


def letters(n: int, tag: str = "imap") -> list[bytes]:
    """``n`` emails from residents, each with its own Message-ID."""
    return [
        email_bytes(
            f"inwoner{i}@example.nl",
            f"Melding {i}",
            f"Geachte gemeente,\n\nDe lantaarnpaal bij huisnummer {i} is kapot.\n\nGroet",
            f"<{tag}-{i}@example.nl>",
        )
        for i in range(n)
    ]


def ids(tag: str, n: int) -> list[str]:
    """The Message-IDs of :func:`letters`, as the intake keeps them (without brackets)."""
    return sorted(f"{tag}-{i}@example.nl" for i in range(n))


def intake_items(mr: Mailroom) -> list[IntakeItem]:
    with mr.sessions() as session:
        return list(session.scalars(select(IntakeItem).order_by(IntakeItem.id)))


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not {what} after {timeout}s")


# --- XOAUTH2 ------------------------------------------------------------------------------


def test_xoauth2_sasl_string_is_as_microsoft_and_google_define_it() -> None:
    raw = xoauth2_string("post@gemeente.nl", "eyJ0eXAi.token")
    assert raw == "user=post@gemeente.nl\x01auth=Bearer eyJ0eXAi.token\x01\x01"
    # What goes over the wire, base64 (the example of Microsoft's documentation).
    assert base64.b64encode(
        xoauth2_string(
            "test@contoso.onmicrosoft.com", "EwBAAl3BAAUFFpUAo7J3Ve0bjLBWZWCclRC3EoAA"
        ).encode()
    ) == (
        b"dXNlcj10ZXN0QGNvbnRvc28ub25taWNyb3NvZnQuY29tAWF1dGg9QmVhcmVyIEV3QkFBbDNCQUFVRkZwVUFvN0ozVmUwYmpMQldaV0NjbFJDM0VvQUEBAQ=="
    )


def test_the_token_command_runs_for_every_connection_and_its_failure_is_plain(
    tmp_path: Path,
) -> None:
    config = MailboxConfig(
        host="x", user="u", oauth2_token_command=counting_token_command(tmp_path)
    )
    assert config.uses_oauth2
    assert [oauth2_token(config), oauth2_token(config)] == ["tok-0", "tok-1"]
    failing = shlex.join([sys.executable, "-c", "import sys; sys.exit('token expired')"])
    with pytest.raises(MailboxUnavailable, match="token command gave no token \\(token expired"):
        oauth2_token(MailboxConfig(host="x", user="u", oauth2_token_command=failing))


class TokenIntrospection:
    """An OAuth2 token introspection endpoint (RFC 7662) for Dovecot: ``tok-<n>`` tokens
    are valid for the mailbox user, any other is not. It keeps the tokens it was asked
    about."""

    def __init__(self) -> None:
        seen: list[str] = []
        self.seen = seen

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                token = parse_qs(body).get("token", [""])[0]
                seen.append(token)
                valid = re.fullmatch(r"tok-\d+", token) is not None
                answer = json.dumps({"active": valid, "username": USER}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/introspect"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def counting_token_command(tmp_path: Path) -> str:
    """A command printing ``tok-0``, ``tok-1``, ... (a fresh token each run)."""
    script = (
        "import pathlib,sys; p=pathlib.Path(sys.argv[1]); "
        "n=int(p.read_text()) if p.exists() else 0; p.write_text(str(n+1)); print(f'tok-{n}')"
    )
    return shlex.join([sys.executable, "-c", script, str(tmp_path / "token-counter")])


def test_xoauth2_logs_in_with_a_fresh_token_for_every_connection(
    mr: Mailroom, tmp_path: Path
) -> None:
    issuer = TokenIntrospection()
    server = Dovecot(introspection_url=issuer.url)
    server.start()
    try:
        server.append(letters(2, tag="oauth"))
        config = server.config(password=None, oauth2_token_command=counting_token_command(tmp_path))
        assert len(take_mailbox(mr, config)) == 2
        assert take_mailbox(mr, config) == []
        assert issuer.seen == ["tok-0", "tok-1"], "one fresh token per connection"
        assert (server.count("INBOX"), server.count(PROCESSED)) == (0, 2)
        with pytest.raises(MailboxUnavailable, match="login refused"):
            Mailbox.open(server.config(password=None, oauth2_token="expired"))
    finally:
        server.close()
        issuer.close()


# --- the library against Dovecot ----------------------------------------------------------


def test_twenty_messages_become_twenty_intake_items_and_leave_the_inbox(
    mr: Mailroom, dovecot: Dovecot
) -> None:
    dovecot.append(letters(20))
    with Mailbox.open(dovecot.config()) as box:
        assert box.has_move and box.has_idle  # Dovecot's own: MOVE is what moves them here
    taken = take_mailbox(mr, dovecot.config())
    assert len(taken) == 20
    items = intake_items(mr)
    assert len(items) == 20
    assert sorted(i.message_id or "" for i in items) == ids("imap", 20)
    assert all(i.channel == "email" and i.disposed_at and i.duplicate_of is None for i in items)
    with mr.sessions() as session:
        assert len(session.scalars(select(Document)).all()) == 20
    assert dovecot.count("INBOX") == 0
    assert dovecot.count(PROCESSED) == 20
    assert dovecot.message_ids(PROCESSED) == [f"<{m}>" for m in ids("imap", 20)]
    assert not list(spool_dir(mr).iterdir()), "the spool is emptied"
    # Moved mail is not taken again.
    assert take_mailbox(mr, dovecot.config()) == []


def test_a_message_over_the_size_limit_is_not_fetched_and_stays_in_the_mailbox(
    mr: Mailroom, dovecot: Dovecot
) -> None:
    mr.settings = mr.settings.model_copy(update={"max_input_mb": 1})
    big = email_bytes(
        "inwoner@example.nl", "Groot", "Bijlage: " + "x" * (1_500_000), "<groot@example.nl>"
    )
    dovecot.append([big, *letters(1, tag="klein")])
    taken = take_mailbox(mr, dovecot.config())
    assert [i.message_id for i in intake_items(mr)] == ["klein-0@example.nl"]
    assert len(taken) == 1 and dovecot.count("INBOX") == 1  # the big one waits for a person


def test_without_move_and_idle_the_server_gets_copy_delete_expunge(
    mr: Mailroom,
) -> None:
    server = Dovecot(capabilities=PLAIN_CAPABILITIES)
    server.start()
    try:
        server.append(letters(5))
        with Mailbox.open(server.config()) as box:
            assert not box.has_move and not box.has_idle
            assert len(take_round(mr, box)) == 5
        assert (server.count("INBOX"), server.count(PROCESSED)) == (0, 5)
        assert len(intake_items(mr)) == 5
    finally:
        server.close()


def test_a_message_committed_but_not_moved_is_only_moved_next_time(
    mr: Mailroom, dovecot: Dovecot
) -> None:
    dovecot.append(letters(3))
    # What a kill between the commit and the move leaves: intake committed, mail still there.
    with Mailbox.open(dovecot.config()) as box:
        first = box.fetch(box.uids()[0])
        assert first is not None
        earlier = take_file(mr, spool_message(mr, first))
    assert len(intake_items(mr)) == 1 and dovecot.count("INBOX") == 3

    taken = take_mailbox(mr, dovecot.config())
    assert [t.resumed for t in taken] == [True, False, False]
    assert taken[0].intake_id == earlier.intake_id
    items = intake_items(mr)
    assert len(items) == 3 and all(i.duplicate_of is None and i.disposed_at for i in items)
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (0, 3)


def test_a_message_moved_but_not_recorded_as_moved_is_finished_next_time(
    mr: Mailroom, dovecot: Dovecot
) -> None:
    dovecot.append(letters(2))
    # What a kill between the move and its record leaves.
    with Mailbox.open(dovecot.config()) as box:
        first = box.fetch(box.uids()[0])
        assert first is not None
        spooled = spool_message(mr, first)
        take_file(mr, spooled)
        box.move(first.uid)
    assert intake_items(mr)[0].disposed_at is None
    taken = take_mailbox(mr, dovecot.config())
    assert len(taken) == 1
    items = intake_items(mr)
    assert len(items) == 2 and all(i.disposed_at for i in items)
    assert not spooled.exists()
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (0, 2)


def test_the_same_email_twice_in_the_mailbox_is_recorded_as_a_duplicate(
    mr: Mailroom, dovecot: Dovecot
) -> None:
    dovecot.append(letters(1) * 2)
    take_mailbox(mr, dovecot.config())
    first, second = intake_items(mr)
    assert first.duplicate_of is None and second.duplicate_of == first.id
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (0, 2)


def test_tls_and_starttls_trust_the_municipality_s_own_ca_and_nothing_else(
    mr: Mailroom,
) -> None:
    server = Dovecot(tls=True)
    server.start()
    try:
        ca = str(server.certificate)
        server.append(letters(2, tag="tls"))
        tls = server.config(port=server.tls_port, security="tls", ca_file=ca)
        assert tls.url == f"imaps://127.0.0.1:{server.tls_port}/INBOX"
        with Mailbox.open(tls) as box:
            assert len(take_round(mr, box, stopping=lambda: len(intake_items(mr)) >= 1)) == 1
        assert len(take_mailbox(mr, server.config(security="starttls", ca_file=ca))) == 1
        assert (server.count("INBOX"), server.count(PROCESSED)) == (0, 2)
        for security, port in (("tls", server.tls_port), ("starttls", server.port)):
            with pytest.raises(MailboxUnavailable, match="certificate not trusted"):
                Mailbox.open(server.config(port=port, security=security))
    finally:
        server.close()


def crashing_opener(settings: object) -> Mailroom:
    """An installation that kills its process while opening: a library crashing."""
    os._exit(3)


def test_an_intake_process_that_dies_costs_a_try_not_the_daemon(
    mr: Mailroom, dovecot: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    dovecot.append(letters(2, tag="crash"))
    take = IntakeProcess(crashing_opener, mr.settings)
    failures: Counter[int] = Counter({2: MAX_FAILURES})  # the second failed before
    try:
        with Mailbox.open(dovecot.config()) as box:
            failures[1] = MAX_FAILURES - 1
            assert take_round(mr, box, take=take, failures=failures) == []
            assert failures == {1: MAX_FAILURES, 2: MAX_FAILURES}
            assert "message 1 in imap://" in caplog.text
            assert "left in the mailbox for a person" in caplog.text
            # Given up on: not tried again (no process is started for them).
            assert take_round(mr, box, take=take, failures=failures) == []
    finally:
        take.close()
    assert intake_items(mr) == []
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (2, 0), "nothing lost"


def test_status_tells_of_a_message_that_cannot_be_taken(mr: Mailroom, dovecot: Dovecot) -> None:
    dovecot.append(letters(1, tag="stuck"))
    take = IntakeProcess(crashing_opener, mr.settings)
    poller = MailboxPoller(mr, dovecot.config(), lambda _: None, take)
    poller.failures[1] = MAX_FAILURES - 1  # failed before: this is its last try
    poller.start()
    try:
        wait_for(
            lambda: "cannot be taken" in " ".join(postroom.status(mr)[1].mailboxes), 15, "told"
        )
    finally:
        poller.stop()
        take.close()
    line = postroom.status(mr)[1].mailboxes[0]
    assert line.endswith("1 message(s) cannot be taken, left in the mailbox (see the log)"), line
    assert dovecot.count("INBOX") == 1


def test_a_wrong_password_is_a_plain_reason(dovecot: Dovecot) -> None:
    with pytest.raises(MailboxUnavailable, match="login refused"):
        Mailbox.open(dovecot.config(password="fout"))


# --- the daemon's thread: IDLE, a server that is away -------------------------------------


class Collected:
    def __init__(self) -> None:
        self.taken: list[Taken] = []
        self.lock = threading.Lock()

    def __call__(self, taken: Taken) -> None:
        with self.lock:
            self.taken.append(taken)


def test_mail_arriving_during_idle_is_taken_at_once(mr: Mailroom, dovecot: Dovecot) -> None:
    assert mr.settings.imap_poll_seconds >= 60  # only IDLE can wake it within the test
    got = Collected()
    poller = MailboxPoller(mr, dovecot.config(), got)
    poller.start()
    try:
        wait_for(lambda: "IDLE" in " ".join(postroom.status(mr)[1].mailboxes), 10, "idle")
        time.sleep(0.5)
        dovecot.append(letters(2, tag="idle"))
        wait_for(lambda: len(got.taken) == 2, 10, "taken")
    finally:
        poller.stop()
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (0, 2)


def test_a_server_down_at_start_is_shown_in_status_then_its_mail_is_taken(
    mr: Mailroom,
) -> None:
    server = Dovecot()  # not started: connection refused
    got = Collected()
    poller = MailboxPoller(mr, server.config(), got)
    poller.start()
    env = mailroom_env(mr)
    try:
        wait_for(lambda: bool(postroom.status(mr)[1].mailboxes), 10, "recorded")
        out = CliRunner().invoke(cli, ["status"], env=env).output
        assert f"mailbox imap://127.0.0.1:{server.port}/INBOX: unreachable since " in out
        assert "(cannot connect: connection refused), retrying" in out
        server.start()
        server.append(letters(3, tag="late"))
        wait_for(lambda: len(got.taken) == 3, 15, "taken after the server came up")
        line = postroom.status(mr)[1].mailboxes[0]
        assert "connected since" in line and "last mail taken" in line, line
        # Gone while mailroom waits in IDLE, and back: it reconnects.
        server.stop()
        wait_for(lambda: "unreachable" in postroom.status(mr)[1].mailboxes[0], 15, "noticed")
        server.start()
        server.append(letters(2, tag="later"))
        wait_for(lambda: len(got.taken) == 5, 15, "taken after the server came back")
    finally:
        poller.stop()
        server.close()
    assert len(intake_items(mr)) == 5


# --- mailroom watch, killed while it fetches ----------------------------------------------


def start_watch(mr: Mailroom, dovecot: Dovecot, pause: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        **mailroom_env(
            mr,
            watch_rescan_seconds="1",
            pipeline="queue",  # the stages are not what is tested here
            **dovecot.settings(imap_pause_seconds=pause, imap_poll_seconds="1"),
        ),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "mailroom", "watch", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_mail_from_the_mailbox_reaches_a_team_queue(mr: Mailroom, dovecot: Dovecot) -> None:
    """``mailroom watch`` with the stages inline: taken, moved, classified, routed."""
    mr.settings.email_inbox.mkdir(parents=True, exist_ok=True)
    mr.settings.scanner_inbox.mkdir(parents=True, exist_ok=True)
    dovecot.append(letters(2, tag="route"))
    env = {**os.environ, **mailroom_env(mr, watch_rescan_seconds="1", **dovecot.settings())}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailroom", "watch", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def placed() -> bool:
        with mr.sessions() as session:
            docs = session.scalars(select(Document)).all()
        return len(docs) == 2 and all(d.published_at for d in docs)

    try:
        wait_for(placed, 60, "placed in queues")
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    log = err.decode()
    assert log.count("routed ->") + log.count("needs_review ->") == 2, log
    with mr.sessions() as session:
        docs = session.scalars(select(Document)).all()
    assert {d.state for d in docs} <= {"routed", "needs_review"}
    assert all(d.channel == "email" and d.part == "body" for d in docs)
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (0, 2)


def test_a_spool_file_a_kill_left_half_written_is_removed(mr: Mailroom) -> None:
    # A kill -9 inside spool_message leaves its ".part-" file: the next process removes
    # it (the message is fetched again); one a live writer began since is left alone.
    folder = spool_dir(mr)
    folder.mkdir(parents=True)
    left = folder / ".part-abc123"
    left.write_bytes(b"From: half")
    os.utime(left, (time.time() - 3600, time.time() - 3600))
    being_written = folder / ".part-def456"
    being_written.write_bytes(b"From: now")
    done = folder / "1-7.eml"
    done.write_bytes(b"From: whole")
    assert remove_unfinished_spool_files(mr) == 1
    assert sorted(p.name for p in folder.iterdir()) == [".part-def456", "1-7.eml"]


def test_kill_9_while_fetching_loses_nothing_and_takes_nothing_twice(
    mr: Mailroom, dovecot: Dovecot
) -> None:
    """One kill at a random moment while ``mailroom watch`` fetches (each start costs
    seconds of imports); the exact moments between commit, move and record are the
    deterministic tests above."""
    mr.settings.email_inbox.mkdir(parents=True, exist_ok=True)
    mr.settings.scanner_inbox.mkdir(parents=True, exist_ok=True)
    dovecot.append(letters(20, tag="kill"))
    proc = start_watch(mr, dovecot, pause="0.15")
    try:
        # A start loads the classifier: on a loaded two-core machine that took over 20 s.
        wait_for(lambda: len(intake_items(mr)) > 0, 90, "taking mail")
        time.sleep(random.Random(16).uniform(0.2, 1.5))
    finally:
        # SIGKILL: no chance to finish the message in hand (and, should the wait fail, no
        # daemon left running after the test).
        proc.kill()
        proc.wait(timeout=10)
    left = dovecot.count("INBOX")
    assert 0 < left < 20, f"the kill came before or after the fetching ({left} left)"

    proc = start_watch(mr, dovecot, pause="0")
    try:
        wait_for(lambda: dovecot.count("INBOX") == 0, 90, "the inbox empty")
        wait_for(lambda: all(i.disposed_at for i in intake_items(mr)), 5, "all disposed")
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err.decode()
    items = intake_items(mr)
    assert sorted(i.message_id or "" for i in items) == ids("kill", 20), "each message once"
    assert all(i.duplicate_of is None for i in items)
    with mr.sessions() as session:
        docs = session.scalars(select(Document)).all()
    assert sorted(d.intake_id or 0 for d in docs) == sorted(i.id for i in items), "one body each"
    assert dovecot.count(PROCESSED) == 20
    assert dovecot.message_ids(PROCESSED) == [f"<{m}>" for m in ids("kill", 20)]
    assert not list(spool_dir(mr).iterdir())
