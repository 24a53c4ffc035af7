"""The visible text of an HTML email body, laid out in lines as a reader sees it."""

from __future__ import annotations

import re
from contextlib import suppress
from copy import copy
from html.parser import HTMLParser

import lxml.html
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_engine import Inscriptis
from inscriptis.model.config import ParserConfig
from lxml.etree import ParserError

__all__ = ["html_to_text"]

# The strict profile lays text out as a browser does; the relaxed one pads inline elements
# with spaces ("kenteken is KX-123-B .").
_CSS = CSS_PROFILES["strict"]
_END_TAGS_RE = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
# Zero-width and soft-hyphen characters split words (a "stoep\u00adtegel" no longer reads as
# one) and mail clients sprinkle them (Apple's U+FEFF, preheader padding).
_INVISIBLE_RE = re.compile("[\u00ad\u034f\u200b\u2060\ufeff]")


def _html_config() -> ParserConfig:
    # inscriptis hangs each document's canvas on the profile's body element: a copy per
    # call, or two threads converting at once write into each other's text.
    css = {**_CSS, "body": copy(_CSS["body"])}
    # Links and images: their text only.
    return ParserConfig(css=css, display_links=False, display_images=False)


def html_to_text(html: str) -> str:
    """Visible text of an HTML document, laid out in lines as a reader sees it.

    inscriptis renders it (paragraphs, line breaks, table rows on one line, list items,
    no CSS, scripts or ``display:none`` text); see benchmarks/html_text.py for why this
    library. Whitespace is tidied: spaces collapsed per line, at most one blank line.
    """
    # HTML5 puts what follows </body> or </html> into the body, and mail gateways append
    # their disclaimers there; libxml2 drops it. Without the end tags nothing is lost.
    markup = _END_TAGS_RE.sub("", html)
    # Bytes with the encoding given: the email package has decoded the part already, and
    # lxml refuses a str that still declares an encoding (<?xml ... encoding=...?>).
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except ParserError:  # nothing but whitespace and comments
        return ""
    text = None
    # libxml2 silently drops what is nested deeper than its limit (2048 levels with
    # huge_tree, 256 without), and inscriptis recurses per level: hostile or broken
    # mail. Such a body keeps its words, without the layout.
    if not any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        with suppress(RecursionError):
            text = Inscriptis(tree, _html_config()).get_text()
    if text is None:
        text = _words_only(markup)
    text = _INVISIBLE_RE.sub("", text)
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _Words(HTMLParser):
    """The text of HTML outside scripts and styles, streamed: no tree, so no depth limit."""

    _SKIPPED = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skipping += tag in self._SKIPPED
        self.chunks.append(" ")  # <td>a</td><td>b</td> is two words

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skipping = max(0, self._skipping - 1)

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.chunks.append(data)


def _words_only(markup: str) -> str:
    """The words of HTML without its layout, for what lxml and inscriptis cannot take."""
    parser = _Words()
    parser.feed(markup)
    parser.close()
    return "".join(parser.chunks)
