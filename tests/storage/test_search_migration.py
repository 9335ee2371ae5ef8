"""Migration 0016 indexes the data already there, goes down and up again; the fold agrees."""

import pytest
from sqlalchemy import inspect, text

from bot.search import service as search
from storage import db
from storage.search_text import fold

NOW = "CURRENT_TIMESTAMP"
ROWS = [
    "INSERT INTO workspace (team_id, name, currency, pipeline_template, deal_seq, created_at) "
    f"VALUES ('T1', '', 'USD', 'generic', 1, {NOW})",
    "INSERT INTO stage (team_id, key, name, position, probability, kind, active) "
    "VALUES ('T1', 'prospect', 'Prospect identified', 0, 10, 'open', true)",
    f"INSERT INTO company (team_id, name, name_key, created_at) VALUES ('T1', 'Ärzte GmbH', "
    f"'arzte gmbh', {NOW})",
    "INSERT INTO contact (team_id, company_id, name, email, title, created_at) VALUES ('T1', "
    f"(SELECT id FROM company), 'Ann Lee', 'ann@initech.com', 'CFO', {NOW})",
    "INSERT INTO deal (team_id, number, name, company_id, currency, stage_id, owner_id, "
    "created_by, created_at, updated_at, stage_changed_at, version, next_step) VALUES ('T1', 1, "
    "'Northwind', (SELECT id FROM company), 'USD', (SELECT id FROM stage), 'U1', 'U1', "
    f"{NOW}, {NOW}, {NOW}, 1, 'demo for Hooli')",
    "INSERT INTO activity (team_id, deal_id, actor_id, at, kind, note) VALUES ('T1', "
    f"(SELECT id FROM deal), 'U1', {NOW}, 'note', 'called Umbrella')",
    "INSERT INTO activity (team_id, deal_id, actor_id, at, kind, note, deleted_at) VALUES "
    f"('T1', (SELECT id FROM deal), 'U1', {NOW}, 'reply', 'gone Zebra', {NOW})",
]


@pytest.fixture
def at_0015(empty_database_url):
    engine = db.configure(empty_database_url)
    db.upgrade()
    db.downgrade("0015")
    with engine.begin() as conn:
        for sql in ROWS:
            conn.execute(text(sql))
    yield engine
    engine.dispose()


def kinds(words: str) -> list[str]:
    with db.read_scope() as s:
        return [f.match.kind for f in search.find(session=s, team_id="T1", text=words).hits]


def test_0016_indexes_existing_data_and_goes_down_and_up(at_0015):
    assert "searchdoc" not in inspect(at_0015).get_table_names()
    db.upgrade()
    assert kinds("northwind") == ["name"] and kinds("arzte") == ["company"]
    assert kinds("initech") == ["contact"] and kinds("hooli") == ["next"]
    assert kinds("umbrella") == ["note"] and kinds("zebra") == []  # a deleted reply is not
    assert kinds("nobody") == []
    db.downgrade("0015")
    assert "searchdoc" not in inspect(at_0015).get_table_names()
    with at_0015.begin() as conn:  # no trigger is left behind to fail a write
        conn.execute(text("UPDATE deal SET name = 'Northwind 2', next_step = NULL"))
    db.upgrade()
    assert kinds("northwind") == ["name"] and kinds("hooli") == []


@pytest.mark.parametrize(
    "raw",
    [
        "Ärzte GmbH",
        "ann@acme.com",
        "Straße ＡＢＣ ﬁne",
        "Ștefan Țară",
        "Άλφα Йод ÉCOLE",
        "O'Brien 50% a_b \\ x",
        "日本語 テスト",
    ],
)
def test_the_database_folds_as_python_does(at_0015, raw):
    db.upgrade()
    with at_0015.connect() as conn:
        assert conn.execute(text("SELECT dealbot_fold(:t)"), {"t": raw}).scalar() == fold(raw)
