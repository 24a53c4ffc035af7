"""Turn an .eml file into documents: its PDF/image attachments and, when it carries
the message, its body.

Parsed with the standard ``email`` package (``policy.default``). Attachment
names are kept only as labels for people to read; they never decide where a
file is written.
"""

from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path

from mailroom.errors import CorruptInput
from mailroom.intake.detect import DOCUMENT_TYPES, TEXT, sniff
from mailroom.intake.records import Channel, IntakePart

#: A body with fewer words than this next to attachments is a covering note.
COVERING_NOTE_WORDS = 40


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML body, with line breaks at block ends."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table", "ul"})
    _HIDDEN = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.chunks.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML document, whitespace tidied."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (
        re.sub(r"[ \t\r\xa0]+", " ", line).strip() for line in "".join(parser.chunks).split("\n")
    )
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def display_name(filename: str | None, index: int) -> str:
    """A safe label for an attachment: its base name without control characters."""
    if not filename:
        return f"attachment-{index}"
    base = re.split(r"[\\/]", filename)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip(" .")
    return base[:200] or f"attachment-{index}"


def body_text(msg: EmailMessage) -> str:
    """The message text: the plain part, else the HTML part as clean text."""
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = body.get_content()
    if body.get_content_type() == "text/html":
        return html_to_text(content)
    return content.strip()


def _header_block(msg: EmailMessage) -> str:
    fields = (("Van", "From"), ("Aan", "To"), ("Datum", "Date"), ("Onderwerp", "Subject"))
    return "\n".join(f"{nl}: {msg[h]}" for nl, h in fields if msg[h])


def parse_email(source: Path, data: bytes) -> list[IntakePart]:
    """The documents in one email: attachments first in message order, then the body."""
    msg = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(msg, EmailMessage) or not (msg["From"] or msg["Subject"] or msg["To"]):
        raise CorruptInput("this is not an email: it has no From, To or Subject header")
    parts: list[IntakePart] = []
    for index, att in enumerate(msg.iter_attachments(), start=1):
        payload = att.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload:
            continue
        media_type = sniff(payload[:2048])
        if media_type in DOCUMENT_TYPES:
            parts.append(
                IntakePart(
                    source,
                    Channel.email,
                    media_type,
                    payload,
                    display_name(att.get_filename(), index),
                )
            )
    text = body_text(msg)
    if not parts or len(text.split()) >= COVERING_NOTE_WORDS:
        document = f"{_header_block(msg)}\n\n{text}".strip()
        parts.append(IntakePart(source, Channel.email, TEXT, document.encode("utf-8"), "body"))
    return parts
