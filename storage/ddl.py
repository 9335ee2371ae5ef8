"""SQL run exactly as written, for the schema's triggers and functions (storage/
last_activity.py, search_schema.py, workspace_stamp.py)."""


def run(conn, sql: str) -> None:
    """Run SQL with no parameters: its `%`, `:` and `$` are the database's, not placeholders."""
    conn.exec_driver_sql(sql, execution_options={"no_parameters": True})


def listed(words: tuple[str, ...]) -> str:
    """Fixed words as an SQL list for IN, `('won', 'lost')`: for the triggers' own SQL, where
    no parameter can be bound (the words are the code's constants, never user text)."""
    return "(" + ", ".join(f"'{w}'" for w in words) + ")"
