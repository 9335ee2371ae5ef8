"""Issue 15: each process keeps its workspaces and their stages in memory and checks one
number (workspace.settings_stamp) per `/deal new` instead of reading them; a change made
anywhere else (another replica, a migration, an operator's SQL) is still what the next
deal gets, because the database's triggers change the number."""

from sqlalchemy import text

from bot.local.statements import StatementLog
from storage import db
from tests.e2e.helpers import TEAM, card, deal, text_of


def _kept(driver) -> None:
    """Two deals: the first makes the workspace, the second reads it and keeps a copy."""
    for warm in ("Warm up 1k", "Initech 2k"):
        reply = driver.slash(f"new {warm}")
        assert "in Prospect identified" in text_of(reply.message)


def _elsewhere(database_url: str, sql: str) -> None:
    """Run SQL as another process would: its own engine, committed."""
    other = db.make_engine(database_url)
    try:
        with other.begin() as conn:
            conn.execute(text(sql), {"team": TEAM})
    finally:
        other.dispose()


def test_a_stage_renamed_by_another_process_is_where_the_next_deal_starts(
    slack, driver, database_url
):
    _kept(driver)
    _elsewhere(database_url, "UPDATE stage SET name = 'Inbound lead' "
                             "WHERE team_id = :team AND key = 'prospect'")
    reply = driver.slash("new Acme Corp 12k")
    assert "Created #3 Acme Corp" in text_of(reply.message)
    assert "in Inbound lead" in text_of(reply.message)
    assert "Inbound lead" in text_of(card(slack, 3))


def test_a_currency_set_by_another_process_is_the_next_deal_s(slack, driver, database_url):
    _kept(driver)
    _elsewhere(database_url, "UPDATE workspace SET currency = 'EUR' WHERE team_id = :team")
    driver.slash("new Acme Corp 12000")
    assert deal(3).currency == "EUR"
    assert "€" in text_of(card(slack, 3))


def test_a_stage_retired_by_another_process_is_not_used(slack, driver, database_url):
    _kept(driver)
    _elsewhere(database_url, "UPDATE stage SET active = false "
                             "WHERE team_id = :team AND key = 'prospect'")
    reply = driver.slash("new Acme Corp 12k")
    assert "in Lead qualified" in text_of(reply.message)


def test_the_next_deal_reads_one_number_not_the_workspace_and_its_stages(slack, driver):
    _kept(driver)
    with StatementLog(db.engine()) as log:
        driver.slash("new Acme Corp 12k")
    write = log.unit_with("INSERT INTO deal ")
    assert not [s for s in write if "FROM stage" in s or "workspace.currency" in s]
    # its stamp, read alone (on PostgreSQL by the call that holds the pipeline)
    assert sum("workspace.settings_stamp" in s or "hold_settings(" in s for s in write) == 1
