"""Alembic environment: the schema is SQLModel.metadata; the engine comes from dealbot."""

from alembic import context
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from storage.search_schema import not_search_table

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    """Run migrations on the engine dealbot handed over."""
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            include_name=not_search_table,  # the search index has no model (migration 0016)
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
