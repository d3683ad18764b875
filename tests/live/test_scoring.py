"""The pure scoring rules: the speed formula, the streak bonus, shared ranks, team averages."""

from hypothesis import given
from hypothesis import strategies as st

from app.live.scoring import (
    Scoring,
    average,
    base_points,
    competition_ranks,
    score_answer,
    speed_points,
    streak_bonus,
)

LIMIT = 20_000


def test_the_speed_formula_at_its_ends_and_middle():
    assert speed_points(0, LIMIT, 1000) == 1000
    assert speed_points(LIMIT // 2, LIMIT, 1000) == 750
    assert speed_points(LIMIT, LIMIT, 1000) == 500
    assert speed_points(LIMIT * 3, LIMIT, 1000) == 500  # late answers clamp to T


@given(st.integers(0, LIMIT), st.integers(0, LIMIT), st.sampled_from([500, 1000, 2000]))
def test_a_faster_right_answer_never_earns_less(first, second, base):
    faster, slower = sorted((first, second))
    assert speed_points(faster, LIMIT, base) >= speed_points(slower, LIMIT, base)
    assert base // 2 <= speed_points(slower, LIMIT, base) <= base


@given(st.integers(0, 50))
def test_the_streak_bonus_grows_by_100_and_stops_at_500(streak_before):
    assert streak_bonus(streak_before, Scoring()) == min(100 * streak_before, 500)


def test_wrong_answers_and_polls():
    rules = Scoring()
    assert score_answer(False, 0, LIMIT, 4, rules).points == 0
    assert score_answer(False, 0, LIMIT, 4, rules).streak == 0
    poll = score_answer(None, 0, LIMIT, 4, rules)
    assert (poll.points, poll.bonus, poll.streak) == (0, 0, 4)


def test_scoring_can_be_switched_to_flat_points_without_streaks():
    rules = Scoring(base=2000, speed=False, streak=False)
    assert base_points(True, LIMIT, LIMIT, rules) == 2000
    assert score_answer(True, LIMIT, LIMIT, 3, rules).points == 2000
    assert Scoring.from_dict(rules.to_dict()) == rules


@given(st.lists(st.integers(0, 5000), max_size=30))
def test_ranks_share_places_and_skip_after_ties(scores):
    ordered = sorted(scores, reverse=True)
    ranks = competition_ranks(ordered)
    for index, (score, rank) in enumerate(zip(ordered, ranks, strict=True)):
        assert rank == 1 + sum(1 for other in ordered if other > score)
        assert rank <= index + 1


def test_a_team_scores_the_average_of_its_members():
    assert average([1000, 500, 0]) == 500
    assert average([]) == 0
