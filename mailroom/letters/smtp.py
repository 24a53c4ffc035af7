"""Sending an email over SMTP, with the server's answers mapped to mailroom's errors.

Transient (:class:`MailServerUnavailable`: the outbox tries again later): the
server cannot be reached, times out, drops the connection or answers 4xx.
Permanent (:class:`MailRejected`: a person looks at it): a 5xx answer, such as a
refused recipient. Wrong settings (:class:`MailSettingsWrong`): a login or a TLS
certificate the server refuses. The message body is never logged: it is
personal data.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage

from mailroom.core.errors import ConfigError, MailroomError

from .records import SmtpConfig

log = logging.getLogger(__name__)

#: OpenSSL's reasons when one side speaks TLS and the other plain SMTP: a wrong
#: security setting or port, which no retry will mend.
_TLS_MISMATCH = frozenset({"WRONG_VERSION_NUMBER", "UNKNOWN_PROTOCOL", "HTTP_REQUEST"})


class MailServerUnavailable(MailroomError):
    """The mail server cannot be reached or asked to try later (4xx): retry later."""

    transient = True


class MailRejected(MailroomError):
    """The mail server refused the message for good (5xx): retrying will not help."""


class MailSettingsWrong(ConfigError):
    """The mail server refused mailroom's login or TLS settings: the settings are wrong."""


def send(message: EmailMessage, config: SmtpConfig) -> None:
    """Send ``message`` through the server ``config`` describes, or raise why not.

    Raises :class:`MailServerUnavailable` (transient), :class:`MailRejected`
    (permanent) or :class:`MailSettingsWrong` (fix the settings).
    """
    where = f"{config.host}:{config.port}"
    try:
        with _connect(config) as client:
            if config.username:
                client.login(config.username, config.password or "")
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as e:
        raise MailSettingsWrong(
            f"the mail server {where} refused the login of {config.username!r} "
            f"({_reply(e.smtp_code, e.smtp_error)}); check the SMTP username and password"
        ) from e
    except smtplib.SMTPNotSupportedError as e:
        raise MailSettingsWrong(
            f"the mail server {where} does not support {e}; "
            "check the SMTP security setting (none, starttls or tls) and the port"
        ) from e
    except smtplib.SMTPRecipientsRefused as e:
        raise _refused(e.recipients, where) from e
    except smtplib.SMTPResponseException as e:
        raise _answer(e.smtp_code, e.smtp_error, where) from e
    except ssl.SSLCertVerificationError as e:
        raise MailSettingsWrong(
            f"the certificate of the mail server {where} is not trusted ({e.verify_message}); "
            "check the SMTP host name, or set the CA file of an internal mail server"
        ) from e
    except ssl.SSLError as e:
        if e.reason not in _TLS_MISMATCH:
            raise MailServerUnavailable(
                f"the TLS connection to the mail server {where} failed ({e}); "
                "the acknowledgement is sent again later; check the server if this persists"
            ) from e
        raise MailSettingsWrong(
            f"the mail server {where} does not speak TLS the way the settings say ({e.reason}); "
            "check the SMTP security setting (tls for port 465, starttls for 587) and the port"
        ) from e
    except (smtplib.SMTPException, OSError) as e:
        # Connection refused, timeouts, DNS failures, TLS handshakes, dropped connections.
        raise MailServerUnavailable(
            f"the mail server {where} cannot be reached ({type(e).__name__}: {e}); "
            "the acknowledgement is sent again later; check the server if this persists"
        ) from e
    if refused:
        # Some recipients accepted, others not: the message went, but not to everyone.
        raise _refused(refused, where)
    log.info("sent %s via %s", message.get("Message-ID", "(no Message-ID)"), where)


def _connect(config: SmtpConfig) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=config.cafile)
    if config.security == "tls":
        return smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=context)
    client = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    if config.security == "starttls":
        try:
            client.starttls(context=context)
        except BaseException:
            client.close()
            raise
    return client


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}"


def _answer(code: int, text: bytes | str, where: str) -> MailroomError:
    """A 4xx answer is the server's 'try later'; anything else is a refusal."""
    if 400 <= code < 500:
        return MailServerUnavailable(
            f"the mail server {where} asked to try later ({_reply(code, text)}); "
            "the acknowledgement is sent again later"
        )
    return MailRejected(
        f"the mail server {where} refused the message ({_reply(code, text)}); "
        "check the recipient's address, or send the acknowledgement as a paper letter"
    )


def _refused(recipients: dict[str, tuple[int, bytes]], where: str) -> MailroomError:
    """Refused recipients: transient only when every refusal is a 4xx."""
    answers = "; ".join(_reply(code, text) for code, text in recipients.values())
    if all(400 <= code < 500 for code, _ in recipients.values()):
        return MailServerUnavailable(
            f"the mail server {where} asked to try the recipient later ({answers}); "
            "the acknowledgement is sent again later"
        )
    return MailRejected(
        f"the mail server {where} refused the recipient ({answers}); "
        "check the sender's address, or send the acknowledgement as a paper letter"
    )
