"""The application: the library API the faces call (:mod:`mailroom.app.api`), and what it
does with the stages: the pipeline, taking input in, corrections, team work, the postroom's
views, the audit trail, model versions, the watch daemon and work for the broker's
workers. Imports the stages and the core, never a face."""
