"""full-text search over document text, sender, subject and case number

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 17:20:00

SQLite: an FTS5 table ``documents_fts`` (diacritics folded) kept by triggers on
``documents``. PostgreSQL: a ``search`` tsvector column on ``documents`` (Dutch
configuration for the text, 'simple' for names and numbers) kept by a trigger,
with a GIN index. Both are filled for the documents already there.
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# The searchable fields of one document, as SQL over the row ``{row}``.
_SENDER = (
    "coalesce((SELECT sender FROM intake_items WHERE id = {row}.intake_id), '') || ' ' || "
    "coalesce((SELECT name FROM cases WHERE id = {row}.case_id), '')"
)
_SUBJECT = "coalesce((SELECT subject FROM intake_items WHERE id = {row}.intake_id), '')"
_NUMBER = "coalesce((SELECT number FROM cases WHERE id = {row}.case_id), '')"
_TEXT = "coalesce({row}.text, '')"


def _fields(row: str) -> str:
    return ", ".join(f.format(row=row) for f in (_TEXT, _SENDER, _SUBJECT, _NUMBER))


def _sqlite_upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5("
        "body, sender, subject, case_number, tokenize = 'unicode61 remove_diacritics 2')"
    )
    insert = "INSERT INTO documents_fts(rowid, body, sender, subject, case_number) "
    op.execute(
        "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
        f"{insert} VALUES (new.id, {_fields('new')}); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_update AFTER UPDATE OF text, case_id, intake_id "
        "ON documents BEGIN DELETE FROM documents_fts WHERE rowid = old.id; "
        f"{insert} VALUES (new.id, {_fields('new')}); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
        "DELETE FROM documents_fts WHERE rowid = old.id; END"
    )
    op.execute(f"{insert} SELECT d.id, {_fields('d')} FROM documents AS d")


def _postgresql_upgrade() -> None:
    op.execute("ALTER TABLE documents ADD COLUMN search tsvector")
    sender, subject, number, body = (
        f.format(row="NEW") for f in (_SENDER, _SUBJECT, _NUMBER, _TEXT)
    )
    op.execute(
        "CREATE FUNCTION documents_search_update() RETURNS trigger AS $$ BEGIN "
        # A hyphen before digits reads as a minus sign: ZAAK-2026-... must give 2026.
        f"NEW.search := setweight(to_tsvector('simple', translate({number}, '-/', '  ')), 'A') || "
        f"setweight(to_tsvector('simple', {sender}), 'B') || "
        f"setweight(to_tsvector('dutch', {subject}), 'B') || "
        f"setweight(to_tsvector('dutch', {body}), 'D'); "
        "RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    op.execute(
        "CREATE TRIGGER documents_search BEFORE INSERT OR UPDATE OF text, case_id, intake_id "
        "ON documents FOR EACH ROW EXECUTE FUNCTION documents_search_update()"
    )
    op.execute("CREATE INDEX ix_documents_search ON documents USING gin (search)")
    op.execute("UPDATE documents SET text = text")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER documents_search ON documents")
        op.execute("DROP FUNCTION documents_search_update()")
        op.execute("DROP INDEX ix_documents_search")
        op.execute("ALTER TABLE documents DROP COLUMN search")
    else:
        for trigger in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER documents_fts_{trigger}")
        op.execute("DROP TABLE documents_fts")
