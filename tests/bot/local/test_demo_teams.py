"""The demo's team steps: two teams set up with `/deal team`, and a manager's team digest."""

from bot.local.demo import install, printer
from bot.local.demo_teams import team_digest_steps
from bot.local.loopback import LocalSlack


def test_team_steps_post_the_managers_team_digest(database_url):
    lines: list[str] = []
    with LocalSlack(database_url, oauth=True) as local:
        local.standin.on_post = printer(local.standin, lines.append, set())
        install(local, local.standin, "U0ANN", lines.append)
        local.driver.slash("new Acme 12k")  # ann's: in no team's digest
        local.driver.slash("digest daily 09:00 UTC")
        for _say, act in team_digest_steps(local.settle):
            act(local.driver, local.standin)
        assert local.standin.directory.contract_failures() == []
    out = "\n".join(lines)
    assert "*Open deals of team East* · 1 deal" in out and "#2 Umbrella" in out
    digest = out[out.rindex("== Pipeline digest ==") :]
    assert "*1 open deal* · $20,000" in digest and "Deals of team *East*" in digest
    assert "*East* (@bob) · 1 open deal · $20,000" in digest and "Acme" not in digest
    assert "*West*" not in digest and "@cat (East) · 1 open deal" in digest
