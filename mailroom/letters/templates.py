"""The Jinja2 templates of the letters: per case type, with a fallback and municipal overrides.

A letter for case type ``bezwaar`` is ``ack_bezwaar.html.j2`` when there is one,
else ``ack_default.html.j2``; the email body likewise ``email_bezwaar.txt.j2`` /
``email_default.txt.j2``. A municipality's own folder is searched before the
packaged templates, so it can replace one letter, or the shared layout
(``_letter.html.j2``, ``_email.txt.j2``), without copying the rest.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from mailroom.core.errors import ConfigError

from .dates import dutch_date

#: Case-type codes as the catalogue writes them; anything else never reaches a file name.
_CODE = re.compile(r"[a-z0-9_]{1,64}")


class LetterTemplateError(ConfigError):
    """A template folder lacks a template the letters need, or a template is broken."""


def one_line(text: object) -> str:
    """Untrusted text on one line: any run of whitespace (newlines too) becomes one space."""
    return " ".join(str(text).split())


def _environment(loader: jinja2.BaseLoader, *, html: bool) -> jinja2.Environment:
    # StrictUndefined: a misspelt field in a municipality's template fails the
    # render instead of silently leaving a hole in a legal letter.
    env = jinja2.Environment(
        loader=loader,
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["datum"] = dutch_date
    env.filters["one_line"] = one_line
    return env


class Templates:
    """The letter and email templates: a municipality's folder first, then the packaged ones."""

    def __init__(self, folder: Path | None = None) -> None:
        loaders: list[jinja2.BaseLoader] = []
        if folder is not None:
            if not folder.is_dir():
                raise LetterTemplateError(
                    f"template folder {folder} does not exist; create it or remove the setting"
                )
            loaders.append(jinja2.FileSystemLoader(folder))
        loaders.append(jinja2.PackageLoader("mailroom.letters", "templates"))
        loader = jinja2.ChoiceLoader(loaders)
        self.folder = folder
        self._html = _environment(loader, html=True)
        self._text = _environment(loader, html=False)

    def letter(self, case_type: str) -> jinja2.Template:
        """The HTML template of the paper letter for a case type (or the default one)."""
        return self._select(self._html, "ack", case_type, "html.j2")

    def email(self, case_type: str) -> jinja2.Template:
        """The plain-text template of the email body for a case type (or the default one)."""
        return self._select(self._text, "email", case_type, "txt.j2")

    def _select(
        self, env: jinja2.Environment, prefix: str, case_type: str, suffix: str
    ) -> jinja2.Template:
        names = [f"{prefix}_default.{suffix}"]
        if _CODE.fullmatch(case_type):
            names.insert(0, f"{prefix}_{case_type}.{suffix}")
        try:
            return env.select_template(names)
        except jinja2.TemplateError as e:
            raise LetterTemplateError(f"template {names[0]} cannot be used: {e}") from e
