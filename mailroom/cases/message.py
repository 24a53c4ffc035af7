"""Which part of an email's text is whose: its header lines, the writer's own words, quotes.

A reply carries the message it answers, and that message is usually the
municipality's own: its address, phone number, employees' names and its case
number for the writer. Matching reads the writer's identity only from the
writer's own part and the header, and reads quoted case numbers with suspicion,
so it must know where each identifier stands. The rules are those of the mail
clients people use: ``>`` lines, the "Op ... schreef ...:" line, Outlook's
header block or separator line, a forwarded-message marker. Everything after
the first such marker is quoted (people answer above the quote); ``>`` lines
are quoted wherever they stand (people also answer between the quoted lines).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

__all__ = ["Layout", "Where", "layout"]

#: ``body``: the writer's own words; ``header``: the email's From and Subject (also the
#: header lines that head an email body); ``recipient``: its To and Cc lines; ``quoted``.
Where = Literal["body", "header", "recipient", "quoted"]

# The lines mailroom (and the letters people paste) put above an email body.
_HEADER_LINE_RE = re.compile(
    r"(?i)[ \t]*(?P<field>van|aan|cc|onderwerp|datum|verzonden|from|to|subject|date|sent)"
    r"[ \t]*:[^\n]*(?:\n|$)"
)
_RECIPIENT_FIELDS = frozenset({"aan", "cc", "to"})
_QUOTE_START_RE = re.compile(
    r"""(?imx)^[ \t]*(?:
        -{2,}[ \t]*(?:oorspronkelijk[ \t]+(?:e-mail)?bericht|original[ \t]+message
            |doorgestuurd[ \t]+bericht|forwarded[ \t]+message)[ \t]*-{2,}
      | (?:begin[ \t]+doorgestuurd[ \t]+bericht|begin[ \t]+forwarded[ \t]+message)[ \t]*:
      | (?:op|on)\b[^\n]{0,200}?(?:\n[^\n]{0,120}?)?
            \b(?:schreef|wrote|geschreven)\b[^\n]{0,80}(?:\n[^\n]{0,80})?:[ \t]*$
      | (?:_{8,}[ \t]*\n[ \t]*)?\*?(?:van|from)\*?[ \t]*:\*?[^\n]*\n
            [ \t]*\*?(?:verzonden|sent|datum|date|aan|to)\*?[ \t]*:
    )"""
)
_QUOTED_LINE_RE = re.compile(r"(?m)^[ \t]*>[^\n]*")
_FORWARD_RE = re.compile(r"(?i)doorgestuurd|forwarded")
_AUTHOR_LINE_RE = re.compile(r"(?i)[ \t]*\*?(?:van|from)\*?[ \t]*:")


@dataclass(frozen=True)
class Layout:
    """Where the parts of one text begin and end (character offsets)."""

    #: End of the header lines at the top (0 when there are none).
    header_end: int
    #: The To and Cc lines among them.
    recipients: tuple[tuple[int, int], ...]
    #: Quoted stretches, in order, not overlapping.
    quoted: tuple[tuple[int, int], ...]
    #: The text forwards a message (someone else's, perhaps) rather than answering one.
    forwarded: bool = False

    def where(self, pos: int) -> Where:
        """The part that character ``pos`` stands in; a negative ``pos`` is the header."""
        if pos < 0:
            return "header"
        if pos < self.header_end:
            inside = any(start <= pos < end for start, end in self.recipients)
            return "recipient" if inside else "header"
        i = bisect_right(self.quoted, (pos, float("inf"))) - 1
        return "quoted" if i >= 0 and pos < self.quoted[i][1] else "body"


def layout(text: str, writer: tuple[str, str] = ("", "")) -> Layout:
    """The header lines, the writer's own part and the quoted part of ``text``.

    ``writer`` is the sender's (name, address): a quoted message of the writer's own (an
    earlier email: "onderstaande mail stuurde ik op 3 maart") is the writer's words.
    """
    pos = len(text) - len(text.lstrip())
    header_end = 0
    recipients = []
    while m := _HEADER_LINE_RE.match(text, pos):
        if m["field"].lower() in _RECIPIENT_FIELDS:
            recipients.append((m.start(), m.end()))
        pos = header_end = m.end()
    quoted = [(m.start(), m.end()) for m in _QUOTED_LINE_RE.finditer(text, header_end)]
    forwarded = False
    markers = list(_QUOTE_START_RE.finditer(text, header_end))
    for i, m in enumerate(markers):
        forwarded = forwarded or bool(_FORWARD_RE.search(m[0]))
        marker = (m.start(), _marker_end(text, m.end()))
        if _by_writer(text[marker[0] : marker[1]], writer):
            # The writer's own earlier message, up to the next marker: their words.
            until = markers[i + 1].start() if i + 1 < len(markers) else len(text)
            quoted = [q for q in quoted if not marker[1] <= q[0] < until] + [marker]
            continue
        # A marker with nothing of the writer's above it is a forward without a word of
        # its own: the forwarded text is the writer's message then. A marker followed by
        # ">" lines heads a quote the writer answers below (or between) those lines.
        if not _has_own_words(text, header_end, m.start(), quoted) or _quoted_below(
            text, marker[1]
        ):
            quoted.append(marker)
            continue
        quoted = [q for q in quoted if q[1] <= m.start()] + [(m.start(), len(text))]
        break
    return Layout(header_end, tuple(recipients), tuple(sorted(quoted)), forwarded)


def _by_writer(marker: str, writer: tuple[str, str]) -> bool:
    """Whether a quote marker names the writer as the quoted message's author."""
    name, address = writer
    if not (name or address):
        return False
    # The author's line: "Van: ..." of a header block, else the "... schreef X:" line
    # (not the "Aan:" line, which names the writer in every reply).
    author = next(
        (ln for ln in marker.splitlines() if _AUTHOR_LINE_RE.match(ln)), marker.split("\n")[0]
    ).casefold()
    if address and "@" in author:
        return address.casefold() in author
    return bool(name) and name.casefold() in author


def _marker_end(text: str, pos: int) -> int:
    """The end of a quote marker's line and of the header lines under it."""
    end = text.find("\n", pos)
    pos = len(text) if end < 0 else end + 1
    while m := _HEADER_LINE_RE.match(text, pos):
        pos = m.end()
    return pos


def _quoted_below(text: str, pos: int) -> bool:
    return text[pos:].lstrip().startswith(">")


def _has_own_words(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    own = text[start:end]
    for q_start, q_end in reversed(quoted):
        if start <= q_start < end:
            own = own[: q_start - start] + own[q_end - start :]
    return any(c.isalnum() for c in own)
