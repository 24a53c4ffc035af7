"""mailroom: digital intake of municipal post.

Scanned letters and email go through intake → OCR → classify → match → route;
see :mod:`mailroom.pipeline` for the stages in order and :mod:`mailroom.api`
for the functions the CLI, the daemon and the tests call.
"""

__version__ = "0.1.0"
