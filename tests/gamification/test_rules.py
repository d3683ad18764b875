"""rules.yaml and badges.yaml: read and checked once; every source and badge is complete."""

from pathlib import Path

import pytest
import yaml

from app.gamification.badges import BADGES_FILE, BadgesError, all_badges, parse_badges
from app.gamification.models import PointSource
from app.gamification.rules import (
    RULES_FILE,
    RulesError,
    level_progress,
    parse_rules,
    placement_points,
    rules,
)

STATIC = Path(__file__).resolve().parents[2] / "static"


def test_the_repositorys_rules_cover_every_source_and_levels_in_three_languages():
    loaded = rules()
    assert set(loaded.sources) == set(PointSource)
    assert loaded.levels[0].points == 0
    assert all(set(level.name) == {"kk", "ru", "en"} for level in loaded.levels)


def test_level_progress_at_the_boundaries():
    first, second = rules().levels[0], rules().levels[1]
    assert level_progress(0).level == first
    assert level_progress(0).percent == 0
    just_below = level_progress(second.points - 1)
    assert (just_below.level, just_below.points_to_next) == (first, 1)
    assert level_progress(second.points).level == second
    top = level_progress(10**9)
    assert (top.next, top.percent, top.points_to_next) == (None, 100, 0)


def test_podium_places_come_from_the_rules():
    places = rules().sources[PointSource.LIVE_PLACEMENT].places
    assert [placement_points(n) for n in range(1, len(places) + 2)] == [*places, 0]


def _rules_data() -> dict:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sources"].pop("event_checkin"), "missing ['event_checkin']"),
        (lambda d: d["sources"].update(bonus={"points": 5}), "unknown ['bonus']"),
        (lambda d: d["sources"]["quiz_completion"].update(points=-5), "quiz_completion.points"),
        (lambda d: d["sources"]["quiz_completion"].update(daily=5), "unknown setting"),
        (lambda d: d["levels"][1].update(points=0), "more points than the one before"),
        (lambda d: d["levels"][2]["name"].pop("kk"), "needs kk, ru and en"),
    ],
)
def test_a_broken_rules_file_is_refused_with_the_entry_named(change, message):
    data = _rules_data()
    change(data)
    with pytest.raises(RulesError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_rules(data)


def test_every_badge_has_an_image_under_static():
    for badge in all_badges():
        assert (STATIC / badge.image).is_file(), badge.id


def _badges_data() -> list:
    return yaml.safe_load(BADGES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d[0].update(criteria={"count": {"sources": ["nope"], "at_least": 1}}), "nope"),
        (lambda d: d[0].update(criteria={"points": 0}), "1 or more"),
        (lambda d: d[0].update(criteria={"points": 5, "streak": 2}), "exactly one"),
        (lambda d: d[0].update(criteria={"since": 5}), "unknown criterion"),
        (lambda d: d[0]["name"].pop("ru"), "needs kk, ru and en"),
        (lambda d: d[1].update(id=d[0]["id"]), "unique"),
    ],
)
def test_a_broken_badges_file_is_refused(change, message):
    data = _badges_data()
    change(data)
    with pytest.raises(BadgesError, match=message):
        parse_badges(data)
