"""The metrics' arithmetic: rates, velocity and conversions from their counts."""

from bot.common.money import Money
from bot.digests.metrics import Metrics, Step, _qualified, _steps, velocity
from storage.models import Stage


def stage(position, key, kind="open", active=True):
    return Stage(id=position, team_id="T", key=key, name=key.title(), position=position,
                 probability=10, kind=kind, active=active)


STAGES = [stage(1, "prospect"), stage(2, "qualified"), stage(3, "proposal"),
          stage(4, "old", active=False), stage(5, "won", "won")]


def test_rates_are_none_when_there_is_nothing_to_divide():
    assert (Metrics().win_rate, Metrics().qualification_rate) == (None, None)
    m = Metrics(won=3, lost=1, created=4, qualified=1)
    assert (m.win_rate, m.qualification_rate) == (0.75, 0.25)
    assert (Step("A", "B", 4, 1).rate, Step("A", "B", 0, 0).rate) == (0.25, None)


def test_velocity_is_open_deals_times_win_rate_times_size_per_cycle_day():
    # 10 open x 1/2 won x $1,000 average / 20 days = $250 a day
    assert velocity(10, 1, 1, Money(200_000, "USD"), 2, 20.0) == Money(25_000, "USD")
    assert velocity(10, 0, 0, Money(200_000, "USD"), 2, 20.0) is None
    assert velocity(10, 1, 1, None, 0, 20.0) is None
    assert velocity(10, 1, 1, Money(200_000, "USD"), 2, None) is None


def test_conversions_between_active_open_stages_from_the_furthest_positions():
    furthest = [(1, 0, 5), (2, 1, 3), (3, 0, 2), (6, 0, 1), (None, 1, 2)]  # 6 is a win
    steps = _steps(STAGES, furthest)
    assert [(s.from_name, s.to_name, s.reached_from, s.reached_to) for s in steps] == [
        ("Prospect", "Qualified", 11, 6),
        ("Qualified", "Proposal", 6, 3),
    ]
    # at or past `qualified` (6), or an SQL verdict without reaching it (2 of the None row)
    assert _qualified(STAGES, furthest) == 8
