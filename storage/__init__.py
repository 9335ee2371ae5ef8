"""Storage: SQLModel tables, the engine and unit of work, every query, and Alembic migrations."""
