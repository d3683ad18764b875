"""Standings, the speaker tab and the break: ties resolved by each metric in turn."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.debates.standings import (
    DebateResult,
    Metric,
    Speech,
    break_teams,
    speaker_tab,
    standings,
)


def debate(round_, winner, loser, winner_speaks=150.0, loser_speaks=148.0) -> list[DebateResult]:
    """A two-team debate: both teams' results."""
    margin = winner_speaks - loser_speaks
    return [
        DebateResult(round_, winner, (loser,), 1, winner_speaks, margin),
        DebateResult(round_, loser, (winner,), 0, loser_speaks, -margin),
    ]


def order(table) -> list[tuple[int, int]]:
    return [(row.team, row.rank) for row in table]


def test_points_first():
    results = debate(1, 1, 2) + debate(1, 3, 4) + debate(2, 1, 3) + debate(2, 2, 4)
    table = standings(results)
    assert [row.team for row in table][:1] == [1]
    assert order(table)[-1] == (4, 4)


def test_a_points_tie_is_resolved_by_speaks():
    results = debate(1, 1, 2, 160, 150) + debate(1, 3, 4, 151, 150)
    # 1 and 3 both won; 1 spoke better
    assert order(standings(results))[:2] == [(1, 1), (3, 2)]


def test_then_by_margins():
    results = debate(1, 1, 2, 150, 149) + debate(1, 3, 4, 150, 140)
    # same points, same speaks (150); 3 won by more
    table = standings(results, (Metric.POINTS, Metric.SPEAKS, Metric.MARGINS))
    assert order(table)[:2] == [(3, 1), (1, 2)]


def test_then_who_beat_whom_between_two_teams_that_met():
    # equal speaks everywhere (split decisions): 1 and 3 end on one win each, 1 beat 3
    results = (
        debate(1, 1, 3, 150, 150)
        + debate(1, 2, 4, 150, 150)
        + debate(2, 3, 4, 150, 150)
        + debate(2, 2, 1, 150, 150)
    )
    metrics = (Metric.POINTS, Metric.SPEAKS, Metric.MARGINS, Metric.WHO_BEAT_WHOM)
    assert order(standings(results, metrics)) == [(2, 1), (1, 2), (3, 3), (4, 4)]
    without = (Metric.POINTS, Metric.SPEAKS, Metric.MARGINS)
    assert order(standings(results, without)) == [(2, 1), (1, 2), (3, 2), (4, 4)]


def test_who_beat_whom_leaves_a_three_way_tie_alone():
    results = debate(1, 1, 2, 150, 150) + debate(2, 2, 3, 150, 150) + debate(3, 3, 1, 150, 150)
    table = standings(results, (Metric.POINTS, Metric.SPEAKS, Metric.WHO_BEAT_WHOM))
    assert order(table) == [(1, 1), (2, 1), (3, 1)]
    assert all(row.tied for row in table)


def test_draw_strength_counts_the_opponents_points():
    results = debate(1, 1, 2) + debate(1, 3, 4) + debate(2, 1, 3) + debate(2, 4, 2)
    table = standings(results, (Metric.POINTS, Metric.DRAW_STRENGTH))
    values = {row.team: row.values[Metric.DRAW_STRENGTH] for row in table}
    # 3 met 4 (1 win) and 1 (2 wins): 3; 4 met 3 (1) and 2 (0): 1
    assert values[3] == 3 and values[4] == 1
    ranks = dict(order(table))
    assert ranks[3] < ranks[4]  # both one win; 3 met stronger teams


def test_full_ties_share_a_rank_and_the_next_rank_skips():
    results = debate(1, 1, 2, 150, 150) + debate(1, 3, 4, 150, 150)
    assert order(standings(results, (Metric.POINTS, Metric.SPEAKS))) == [
        (1, 1),
        (3, 1),
        (2, 3),
        (4, 3),
    ]


def test_bp_rooms_give_team_points_and_head_to_head():
    room = (1, 2, 3, 4)
    points = {1: 3, 2: 2, 3: 1, 4: 0}
    results = [
        DebateResult(1, team, tuple(t for t in room if t != team), points[team], 150.0)
        for team in room
    ]
    table = standings(results, (Metric.POINTS,))
    assert [row.team for row in table] == [1, 2, 3, 4]


@given(
    st.lists(
        st.tuples(st.integers(0, 7), st.integers(0, 7), st.integers(60, 80), st.integers(60, 80)),
        max_size=30,
    )
)
def test_ranks_are_consistent_with_the_first_metric(rows):
    results = []
    for number, (a, b, speaks_a, speaks_b) in enumerate(rows):
        if a != b:
            results += debate(number, a, b, float(speaks_a), float(speaks_b))
    table = standings(results)
    points = [row.values[Metric.POINTS] for row in table]
    assert points == sorted(points, reverse=True)
    ranks = [row.rank for row in table]
    assert ranks == sorted(ranks) and (not ranks or ranks[0] == 1)
    assert len({row.team for row in table}) == len(table)


def test_speaker_tab_leaves_replies_out_and_shares_ranks():
    speeches = [
        Speech(10, 1, 75),
        Speech(10, 2, 76),
        Speech(10, 2, 38, reply=True),
        Speech(11, 1, 76),
        Speech(11, 2, 75),
        Speech(12, 1, 70),
    ]
    tab = speaker_tab(speeches)
    assert [(s.speaker, s.rank, s.total) for s in tab] == [(10, 1, 151), (11, 1, 151), (12, 3, 70)]
    assert [s.speaker for s in speaker_tab(speeches, min_speeches=2)] == [10, 11]


def test_the_break_takes_the_top_and_respects_an_institution_cap():
    results = []
    for number, (winner, loser) in enumerate([(1, 5), (2, 6), (3, 7), (4, 8), (1, 2), (3, 4)]):
        results += debate(number, winner, loser, 150 + winner, 140)
    table = standings(results)
    schools = {1: 100, 2: 100, 3: 100, 4: 200, 5: 300, 6: 300, 7: 400, 8: 400}
    assert break_teams(table, 4, schools).teams == tuple(row.team for row in table[:4])
    capped = break_teams(table, 4, schools, institution_cap=2)
    assert len(capped.teams) == 4
    assert sum(1 for team in capped.teams if schools[team] == 100) == 2
    assert capped.capped and schools[capped.capped[0]] == 100


@pytest.mark.parametrize("size", [0, 1, 3])
def test_the_break_is_never_larger_than_asked(size):
    results = debate(1, 1, 2) + debate(1, 3, 4)
    assert len(break_teams(standings(results), size, {}).teams) == min(size, 4)
