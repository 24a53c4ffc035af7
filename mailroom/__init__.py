"""mailroom: digital intake of municipal post.

Scanned letters and email go through intake → OCR → classify → match → route;
see :mod:`mailroom.app.pipeline` for the stages in order and :mod:`mailroom.app.api`
for the functions the CLI, the daemon and the tests call.
"""

__version__ = "0.1.0"
