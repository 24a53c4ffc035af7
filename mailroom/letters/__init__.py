"""Acknowledgements of receipt: the email reply and the paper letter (PDF/A).

A stage library the application layer calls: it renders what to say
(:class:`~mailroom.letters.records.Acknowledgement`) from Dutch templates into an
email reply or a printable PDF/A letter, and sends an email over SMTP. It keeps
no state and does not know the database; the outbox that retries a send lives
in the application.

Objections and complaints must be acknowledged in writing (Awb 6:14, 9:6) and an
email to the municipality must be acknowledged without delay.

The API (modules imported by name; WeasyPrint is only loaded to render a PDF)::

    templates = Templates(folder)                     # templates.Templates; None: packaged only
    message = render.render_email(ack, reply, municipality, templates)
    smtp.send(message, smtp_config)                   # MailServerUnavailable: retry later
    letter = render.render_pdf(ack, municipality, templates)   # PDF/A-2b bytes
    print_run = render.daily_print([letter, ...])     # one PDF; duplex: letters on fronts
"""

from __future__ import annotations
