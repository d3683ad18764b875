"""Every dashboard figure on the small town of conftest.py, whose counts are known."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.core.time import ALMATY, utcnow
from app.dashboard import queries, summary
from app.dashboard.models import DailyFigure, SummaryState
from app.dashboard.periods import school_year_period
from app.dashboard.summary import Metric
from app.gamification.models import PointSource
from app.gamification.periods import school_year
from app.gamification.rules import rules
from app.gamification.services import award


def today():
    return utcnow().astimezone(ALMATY).date()


@pytest.fixture
def figures(town):
    """Summarized up to yesterday, as after the nightly refresh."""
    return summary.Summary(summary.refresh(today()), utcnow())


@pytest.fixture
def live_only(town):
    """Nothing summarized: every figure counted from the areas' rows."""
    return summary.Summary(through=date(2000, 1, 1), now=utcnow())


def headline(result, region_id, period):
    return {f.key: (f.value, f.previous) for f in queries.headline(result, region_id, period)}


def test_headline_figures_of_a_region_with_the_month_before(town, figures, region):
    assert headline(figures, region.id, town.this_month) == {
        "active_students": (2, 3),
        "points": (600, 300),
        "integrity_hours": (1, 1),
        "events": (1, 2),
        "check_ins": (1, 3),
        "live_games": (0, 1),
        "debates": (0, 1),
    }


def test_national_figures_add_up_every_region(town, figures):
    assert headline(figures, None, town.last_month) == {
        "active_students": (4, 0),
        "points": (400, 0),
        "integrity_hours": (2, 0),
        "events": (3, 0),
        "check_ins": (4, 0),
        "live_games": (1, 0),
        "debates": (1, 0),
    }


def test_the_comparison_says_how_much_and_by_what_share(town, figures, region):
    active = queries.headline(figures, region.id, town.this_month)[0]
    assert (active.key, active.change, active.change_percent) == ("active_students", -1, -33)
    nothing_before = queries.headline(figures, None, town.last_month)[0]
    assert nothing_before.change_percent is None


def test_summary_and_live_counts_agree(town, figures, live_only, region):
    """The summary only moves where figures are counted from, never what they say."""
    for period in (town.this_month, town.last_month):
        for region_id in (None, region.id):
            assert headline(figures, region_id, period) == headline(live_only, region_id, period)
            assert queries.learning(figures, region_id, period) == queries.learning(
                live_only, region_id, period
            )
            assert queries.funnel(figures, region_id, period) == queries.funnel(
                live_only, region_id, period
            )


def test_refresh_summarizes_closed_days_once(town, db, region, other_region):
    through = summary.refresh(today())
    assert through == today() - timedelta(days=1)
    rows = db.session.scalar(sa.select(sa.func.count()).select_from(DailyFigure))
    assert rows > 0
    assert summary.refresh(today()) == through
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DailyFigure)) == rows
    check_ins = db.session.scalar(
        sa.select(sa.func.sum(DailyFigure.value)).where(DailyFigure.metric == Metric.CHECK_INS)
    )
    assert check_ins == 4  # last month's; today's check-in is counted live
    answer_days = db.session.scalars(
        sa.select(DailyFigure.day).where(DailyFigure.metric == Metric.ANSWERS).distinct()
    ).all()
    assert answer_days == [town.last_month.first_day]  # the closed month, rolled up
    per_region = db.session.execute(
        sa.select(DailyFigure.day, DailyFigure.region_id, DailyFigure.value).where(
            DailyFigure.metric == "check_ins@region"
        )
    ).all()
    tenth = town.last_month_moment.astimezone(ALMATY).date()
    assert sorted(per_region) == sorted([(tenth, region.id, 3), (tenth, other_region.id, 1)])
    assert db.session.get(SummaryState, 1).through == through


def test_rebuild_starts_again_and_says_the_same(town, db, region):
    first = summary.current(today(), utcnow())
    before = headline(first, region.id, town.last_month)
    summary.rebuild(today())
    again = summary.Summary(db.session.get(SummaryState, 1).through, utcnow())
    assert headline(again, region.id, town.last_month) == before


def test_over_time_by_week_of_a_month(town, figures, region):
    weeks = queries.over_time(figures, region.id, town.last_month)
    assert all(row.is_week for row in weeks)
    assert sum(row.figures["check_ins"] for row in weeks) == 3
    assert sum(row.figures["integrity_hours"] for row in weeks) == 1
    tenth = town.last_month_moment.astimezone(ALMATY).date()
    [busy] = [row for row in weeks if row.figures["check_ins"]]
    assert busy.first_day <= tenth < busy.first_day + timedelta(days=7)
    assert busy.figures["active_students"] == 3  # the ledger's weekly totals


def test_over_time_by_month_of_a_school_year(town, figures, region):
    year = school_year_period(school_year(town.last_month.first_day))
    months = queries.over_time(figures, region.id, year)
    assert len(months) == 12 and not any(row.is_week for row in months)
    by_month = {row.first_day: row for row in months}
    last = by_month[town.last_month.first_day]
    assert last.figures == {
        "active_students": 3,
        "integrity_hours": 1,
        "check_ins": 3,
        "live_games": 1,
        "debates": 1,
    }
    assert sum(row.figures["check_ins"] for row in months) in (
        3,
        4,
    )  # 4 when this month is in it too


def test_institutions_table(town, figures, region):
    rows = {
        row.name: row for row in queries.institutions_table(figures, region.id, town.last_month)
    }
    assert set(rows) == {"School No. 1", "School No. 2"}
    one, two = rows["School No. 1"], rows["School No. 2"]
    assert (one.active_students, one.points, one.check_ins, one.integrity_hours) == (2, 200, 2, 1)
    assert (one.events, one.live_games, one.points_per_student) == (1, 1, 100.0)
    assert (two.active_students, two.points, two.check_ins, two.events) == (1, 100, 1, 1)
    ranked = queries.sorted_rows(list(rows.values()), "check_ins")
    assert [row.name for row in ranked] == ["School No. 1", "School No. 2"]
    assert [r.name for r in queries.sorted_rows(list(rows.values()), "name")] == sorted(rows)


def test_regions_table(town, figures, region, other_region):
    rows = {row.id: row for row in queries.regions_table(figures, town.last_month)}
    assert len(rows) == 20
    astana, shymkent = rows[region.id], rows[other_region.id]
    assert (astana.active_students, astana.points, astana.check_ins, astana.debates) == (
        3,
        300,
        3,
        1,
    )
    assert (shymkent.active_students, shymkent.points, shymkent.check_ins) == (1, 100, 1)
    assert (shymkent.integrity_hours, shymkent.events, shymkent.debates) == (1, 1, 0)


def test_learning_by_topic_and_the_hardest_questions(town, figures, region, in_language):
    with in_language("en"):
        result = queries.learning(figures, region.id, town.last_month)
    [topic] = result.topics
    assert (topic.topic, topic.result.answers, topic.result.correct) == ("corruption-basics", 10, 5)
    assert topic.result.percent == 50
    first, second = town.questions
    assert [(q.question_id, q.result.wrong_percent) for q in result.hardest] == [
        (first.id, 80),
        (second.id, 20),
    ]
    assert queries.learning(figures, region.id, town.this_month).topics == []


def test_the_funnel_of_last_month(town, figures, region):
    steps = queries.funnel(figures, region.id, town.last_month)
    assert [(s.key, s.count, s.conversion) for s in steps] == [
        ("registered", 4, None),
        ("active", 3, 75),
        ("attended", 3, 100),
        ("eligible", 1, 33),
        ("applied", 1, 100),
        ("accepted", 1, 100),
        ("volunteering", 1, 100),
    ]


def test_the_funnel_of_this_month(town, figures, region):
    steps = queries.funnel(figures, region.id, town.this_month)
    assert [(s.key, s.count) for s in steps] == [
        ("registered", 4),
        ("active", 2),
        ("attended", 1),
        ("eligible", 1),
        ("applied", 1),
        ("accepted", 1),
        ("volunteering", 1),
    ]


def test_the_funnel_counts_no_one_from_another_region(town, figures, other_region):
    steps = {s.key: s.count for s in queries.funnel(figures, other_region.id, town.last_month)}
    assert steps == {
        "registered": 1,
        "active": 1,
        "attended": 1,
        "eligible": 0,
        "applied": 0,
        "accepted": 0,
        "volunteering": 0,
    }


def test_volunteering_in_the_period(town, region):
    now = queries.volunteering(region.id, town.this_month)
    assert now.active_volunteers == 1
    assert sum(now.confirmed_by_kind.values()) == 1
    assert now.reported_savings_tenge == 1_500_000
    before = queries.volunteering(region.id, town.last_month)
    assert (sum(before.confirmed_by_kind.values()), before.reported_savings_tenge) == (0, 0)


def test_a_teachers_classes(town, in_language):
    year = town.this_month  # any range that holds last month's answers would do
    start, end = town.last_month.start, town.this_month.end
    rows = {row.klass.name: row for row in queries.class_rows(town.teacher, year.key, start, end)}
    assert (rows["9А"].students, rows["9А"].active, rows["9А"].active_percent) == (2, 1, 50)
    assert (rows["9Б"].students, rows["9Б"].active) == (1, 0)
    [topic] = rows["9А"].topics  # aruzhan and bekzat: 8 answers, 4 right
    assert (topic.result.answers, topic.result.correct) == (8, 4)
    assert rows["9В"].topics == []


def test_attendees_are_counted_once_per_period(town, figures, live_only, region):
    """Aruzhan came last month and this month: once in a school year holding both."""
    year = school_year_period(school_year(town.this_month.first_day))
    both_in_it = town.last_month.first_day >= year.first_day
    for result in (figures, live_only):
        steps = {s.key: s.count for s in queries.funnel(result, region.id, year)}
        assert steps["attended"] == (3 if both_in_it else 1)


def test_per_student_ranking_puts_too_small_places_last(monkeypatch):
    monkeypatch.setattr(queries, "board_rules", lambda: replace(rules(), min_active_for_average=2))
    tiny = queries.GroupRow(1, "Tiny school", active_students=1, points=500)
    big = queries.GroupRow(2, "Big school", active_students=10, points=1000)
    assert [r.name for r in queries.sorted_rows([tiny, big], "points_per_student")] == [
        "Big school",
        "Tiny school",
    ]
    assert [r.name for r in queries.sorted_rows([tiny, big], "points")] == [
        "Big school",
        "Tiny school",
    ]
    assert [r.name for r in queries.sorted_rows([tiny, big], "active_students")][0] == "Big school"


def test_eligibility_is_counted_once_a_day(town, figures, make, region, db):
    assert figures.eligible(region.id) == 1  # aruzhan
    newcomer = make.user(Role.STUDENT, institution=town.schools["two"])
    award(newcomer.id, PointSource.CORRECTION, "bonus", "test bonus", amount=500)
    for number in (1, 2):
        award(newcomer.id, PointSource.EVENT_CHECKIN, f"event:x{number}", "an event", amount=0)
    db.session.commit()
    assert summary.current(today(), utcnow()).eligible(region.id) == 1  # not recounted today
    tomorrow = today() + timedelta(days=1)
    summary.refresh(tomorrow)  # tonight's run
    counted = summary.current(tomorrow, utcnow())
    assert (counted.eligible(region.id), counted.eligible(None)) == (2, 2)


def test_a_page_catches_up_a_week_at_a_time_and_says_the_same(town, live_only, region):
    first = summary.current(today(), utcnow())
    if first.through < today() - timedelta(days=1):  # the town starts weeks back
        assert summary.current(today(), utcnow()).through == first.through + timedelta(days=7)
    for period in (town.this_month, town.last_month):
        assert headline(first, region.id, period) == headline(live_only, region.id, period)
        assert queries.funnel(first, region.id, period) == queries.funnel(
            live_only, region.id, period
        )
    assert summary.refresh(today()) == today() - timedelta(days=1)  # the nightly run: all
