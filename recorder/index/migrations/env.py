"""Alembic environment: the recorder hands over an open connection (see db.migrate)."""

from alembic import context

from recorder.index.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only ALTER through table copies
)
with context.begin_transaction():
    context.run_migrations()
