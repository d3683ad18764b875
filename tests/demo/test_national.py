"""The national demo data at a small scale: the sizes asked for; the ledger and every
aggregate award maintains equal to what the real award() leaves when it pays the same
achievements one by one; every payment backed by its source row; a second run refused."""

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from app.accounts.models import Institution, RoleGrant, SchoolClass, User, class_students
from app.core.access import Role
from app.core.time import utcnow
from app.debates.models import Debate, DebateTeam, Speaker, Speech, Tournament
from app.demo import DemoError, national
from app.demo.basic.accounts import DEMO_PASSWORD
from app.demo.national import Scale, seed_national
from app.demo.national.ledger import Ledger
from app.demo.national.writer import Writer
from app.events.models import CheckIn, Event, Registration, event_classes, event_institutions
from app.gamification import queries as ledger_queries
from app.gamification import services as ledger_services
from app.gamification.models import (
    ActivityWeek,
    BadgeAward,
    DailyPoints,
    InstitutionTotal,
    PointEntry,
    PointSource,
    PointTotal,
)
from app.gamification.services import award
from app.live.models import LiveAnswer, LiveGame, LivePlayer
from app.quizzes.models import Answer, Attempt, QuizVersion
from app.volunteers.models import Activity, Application, StatusChange

SCALE = Scale.small()
AWARD_SCALE = Scale.small(institutions=5, students=80, events=30, ledger_rows=1_000, corrections=5)


@pytest.fixture
def seeded(db):
    steps = []
    counts = seed_national(SCALE, progress=lambda done, total: steps.append((done, total)))
    return counts, steps


def rows(db, *columns, where=()):
    return db.session.execute(sa.select(*columns).where(*where)).all()


def test_sizes_accounts_progress_and_no_second_run(db, seeded):
    counts, steps = seeded
    count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    assert count(Institution) == SCALE.institutions
    students = rows(db, User, where=[RoleGrant.user_id == User.id, RoleGrant.role == Role.STUDENT])
    assert len(students) == SCALE.students
    assert count(Event) == SCALE.events
    entries = count(PointEntry)
    assert abs(entries - SCALE.ledger_rows) < 0.15 * SCALE.ledger_rows
    assert counts["point_entries"] == entries
    assert count(LiveGame) and count(Attempt) and count(Tournament) and count(Application)
    assert steps[-1] == (1000, 1000) and [d for d, _ in steps] == sorted(d for d, _ in steps)

    # every student is approved, in one class of their institution, born plausibly
    memberships = Counter(user for _class, user in rows(db, *class_students.c))
    for (student,) in students:
        assert student.grant(Role.STUDENT).is_approved and memberships[student.id] == 1
        assert 2000 <= student.birth_year <= 2016 and student.locale in ("kk", "ru", "en")
    klass = db.session.scalar(sa.select(SchoolClass).join(SchoolClass.students).limit(1))
    assert all(member.institution_id == klass.institution_id for member in klass.students)
    assert {s.locale for (s,) in students} == {"kk", "ru", "en"}
    # teachers approved, with classes; the national organizer signs in with the demo password
    for teacher in db.session.scalars(
        sa.select(User)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(RoleGrant.role == Role.TEACHER)
    ):
        assert teacher.has_role(Role.TEACHER) and teacher.teaching
    national = db.session.scalar(sa.select(User).where(User.login == "organizer-kz"))
    assert national.has_role(Role.ORGANIZER) and national.organizer_region_id is None
    assert national.check_password(DEMO_PASSWORD)
    joined = sorted(s.created_at for (s,) in students)
    assert joined[-1] < utcnow() and joined[-1] - joined[0] > timedelta(days=300)
    # the indexes and constraints dropped while loading are back
    inspector = sa.inspect(db.session.connection())
    assert "ix_point_entries_user_created" in {
        i["name"] for i in inspector.get_indexes("point_entries")
    }
    assert "ix_point_totals_national_board" in {
        i["name"] for i in inspector.get_indexes("point_totals")
    }

    # a second run is refused and changes nothing
    before = db.session.scalar(sa.select(sa.func.count(PointEntry.id)))
    with pytest.raises(DemoError, match="exists already"):
        seed_national(SCALE)
    assert db.session.scalar(sa.select(sa.func.count(PointEntry.id))) == before


# --- the generator against award --------------------------------------------------------------

LEDGER_TABLES = (PointEntry, PointTotal, InstitutionTotal, DailyPoints, ActivityWeek, BadgeAward)
LEDGER_COLUMNS = ("user_id", "source_kind", "source_key", "amount", "capped_from", "reason",
                  "awarded_by_id", "created_at")  # fmt: skip


def gamification_state(db) -> dict:
    """Everything award maintains, as comparable values (badges by what they say)."""
    ledger = sa.select(*(getattr(PointEntry, c) for c in LEDGER_COLUMNS)).order_by(PointEntry.id)
    return {
        "ledger": db.session.execute(ledger).all(),
        "totals": set(rows(db, *PointTotal.__table__.c)),
        "institutions": set(rows(db, *InstitutionTotal.__table__.c)),
        "daily": set(rows(db, *DailyPoints.__table__.c)),
        "weeks": set(rows(db, *ActivityWeek.__table__.c)),
        "badges": {
            (b.user_id, b.badge_id, tuple(line["narrative"] for line in b.evidence))
            for b in db.session.scalars(sa.select(BadgeAward))
        },
    }


def replay_through_award(db, monkeypatch, ledger: list) -> None:
    """Empty what the generator wrote of gamification, then pay its ledger again, row by row
    in its order, through the real award() under a clock set to each row's time."""
    for model in LEDGER_TABLES:
        db.session.execute(sa.delete(model))
    clock = [None]
    monkeypatch.setattr(ledger_services, "utcnow", lambda: clock[0])
    monkeypatch.setattr(ledger_queries, "utcnow", lambda: clock[0])  # streaks' "this week"
    for row in ledger:
        clock[0] = row.created_at
        offered = row.amount if row.capped_from is None else row.capped_from
        paid = award(row.user_id, row.source_kind, row.source_key, row.reason,
                     amount=offered, by_id=row.awarded_by_id)  # fmt: skip
        assert paid
    db.session.commit()


def test_the_generator_leaves_what_award_would(db, monkeypatch):
    seed_national(AWARD_SCALE)
    generated = gamification_state(db)
    ledger = generated["ledger"]
    assert len(ledger) > 500 and len(generated["weeks"]) > AWARD_SCALE.students
    # badges of counts, points and streaks, which award checks on every payment
    assert {"first-quiz", "streak-4", "volunteer-ready"} <= {b for _u, b, _e in generated["badges"]}
    replay_through_award(db, monkeypatch, ledger)
    replayed = gamification_state(db)
    for name, value in generated.items():
        assert replayed[name] == value, name


def test_payments_are_backed_by_their_sources(db, seeded):
    ledger = {
        (e.user_id, e.source_kind, e.source_key): e
        for e in db.session.scalars(sa.select(PointEntry))
    }
    assert len(ledger) == db.session.scalar(sa.select(sa.func.count(PointEntry.id)))
    by_source = Counter(kind for _user, kind, _key in ledger)

    # check-ins: one ledger row each, paid at the check-in, for people of the event's audience
    events = {e.id: e for e in db.session.scalars(sa.select(Event))}
    check_ins = db.session.scalars(sa.select(CheckIn)).all()
    pairs = Counter((c.event_id, c.user_id) for c in check_ins)
    assert max(pairs.values()) == 1
    assert by_source[PointSource.EVENT_CHECKIN] == len(check_ins)
    classes_of = defaultdict(set)
    for event_id, class_id in rows(db, *event_classes.c):
        classes_of[event_id].add(class_id)
    institutions_of = defaultdict(set)
    for event_id, institution_id in rows(db, *event_institutions.c):
        institutions_of[event_id].add(institution_id)
    member_of = dict((user, klass) for klass, user in rows(db, *class_students.c))
    users = {u.id: u for u in db.session.scalars(sa.select(User))}
    regions = dict(rows(db, Institution.id, Institution.region_id))
    sizes = Counter(c.event_id for c in check_ins)
    for check_in in check_ins:
        event = events[check_in.event_id]
        entry = ledger[(check_in.user_id, PointSource.EVENT_CHECKIN, f"event:{event.id}")]
        assert entry.created_at == check_in.recorded_at and entry.reason == event.title["en"]
        assert (entry.capped_from or entry.amount) == event.points
        assert event.starts_at - timedelta(minutes=30) <= check_in.checked_in_at <= event.ends_at
        student = users[check_in.user_id]
        if event.audience == "classes":
            assert member_of[student.id] in classes_of[event.id]
        elif event.audience == "institutions":
            assert student.institution_id in institutions_of[event.id]
        else:
            assert regions[student.institution_id] == event.region_id
        if event.registration_required and check_in.method in ("qr", "code"):
            assert db.session.scalar(
                sa.select(Registration.status).filter_by(event_id=event.id, user_id=student.id)
            ) == "confirmed"  # fmt: skip
    assert max(sizes.values()) <= 60 and sum(sizes.values()) / len(sizes) >= 8
    for event in events.values():
        assert event.institution_id is not None and event.region_id == regions[event.institution_id]
        if event.audience == "institutions":
            assert event.institution_id in institutions_of[event.id]
    kinds = Counter(e.kind for e in events.values())
    assert kinds.most_common(1)[0][0] == "integrity_hour"

    # live games: participation for every signed-in player who answered, podiums by score
    players = db.session.scalars(sa.select(LivePlayer)).all()
    answered = {player for (player,) in rows(db, LiveAnswer.player_id)}
    paid = {(u, k) for u, s, k in ledger if s == PointSource.LIVE_PARTICIPATION}
    assert paid == {(p.user_id, str(p.game_id)) for p in players if p.user_id and p.id in answered}
    answer_points = dict(
        db.session.execute(
            sa.select(LiveAnswer.player_id, sa.func.sum(LiveAnswer.points)).group_by(
                LiveAnswer.player_id
            )
        ).all()
    )
    scores = defaultdict(dict)
    for player in players:
        assert player.score == answer_points.get(player.id, 0)
        scores[player.game_id][player.id] = player.score
    firsts = {
        k
        for u, s, k in ledger
        if s == PointSource.LIVE_PLACEMENT and "place 1 in" in ledger[(u, s, k)].reason
    }
    assert firsts and firsts <= {str(game) for game in scores}

    # quizzes: the first finished attempt pays, with its right answers; retakes pay nothing
    versions = dict(rows(db, QuizVersion.id, QuizVersion.quiz_id))
    first = {}
    for attempt in db.session.scalars(
        sa.select(Attempt).where(Attempt.finished_at.is_not(None)).order_by(Attempt.finished_at)
    ):
        first.setdefault((attempt.user_id, versions[attempt.version_id]), attempt)
        # every question of the version answered (the curriculum's quizzes differ in length)
        assert len(attempt.answers) == len(attempt.version.questions)
        assert attempt.score == sum(a.points for a in attempt.answers)
    completions = {(u, int(k)) for u, s, k in ledger if s == PointSource.QUIZ_COMPLETION}
    assert completions == set(first)
    for (user, quiz), attempt in first.items():
        entry = ledger[(user, PointSource.QUIZ_COMPLETION, str(quiz))]
        assert entry.created_at == attempt.finished_at
        right = attempt.right_count
        correct = ledger.get((user, PointSource.QUIZ_CORRECT_ANSWER, str(quiz)))
        assert (correct.capped_from or correct.amount) == 10 * right if right else correct is None
        perfect = (user, PointSource.QUIZ_PERFECT_SCORE, str(quiz)) in ledger
        assert perfect == (right == len(attempt.scored_answers))
    # some questions are often wrong, others mostly right
    rates = defaultdict(list)
    for question, correct in rows(
        db, Answer.question_id, Answer.is_correct, where=[Answer.is_correct.is_not(None)]
    ):
        rates[question].append(correct)
    shares = sorted(sum(v) / len(v) for v in rates.values() if len(v) >= 20)
    assert shares[0] < 0.55 and shares[-1] > 0.85
    assert db.session.scalar(
        sa.select(sa.func.count(Attempt.id)).where(Attempt.assignment_id.is_not(None))
    )

    # debates: speakers of every published debate paid, winners once more
    speakers = dict(rows(db, Speaker.id, Speaker.user_id))
    spoke = {(speakers[s], f"debate:{d}") for d, s in rows(db, Speech.debate_id, Speech.speaker_id)}
    assert spoke == {(u, k) for u, s, k in ledger if s == PointSource.DEBATE_PARTICIPATION}
    for side in db.session.scalars(sa.select(DebateTeam)):
        debate = db.session.get(Debate, side.debate_id)
        assert debate.confirmed_at is not None and side.points is not None
    assert by_source[PointSource.DEBATE_BEST_SPEAKER] >= 1

    # volunteering: legal histories; confirmed activities paid, others not
    for application in db.session.scalars(sa.select(Application)):
        history = db.session.scalars(
            sa.select(StatusChange)
            .filter_by(application_id=application.id)
            .order_by(StatusChange.at)
        ).all()
        assert history[0].from_status is None and history[-1].to_status == application.status
        for before, after in zip(history, history[1:], strict=False):
            assert after.from_status == before.to_status
    statuses = set(rows(db, Activity.status))
    assert ("confirmed",) in statuses
    for activity in db.session.scalars(sa.select(Activity)):
        paid_for = (
            activity.user_id,
            PointSource.VOLUNTEER_ACTIVITY,
            f"activity:{activity.id}",
        ) in ledger
        assert paid_for == (activity.status == "confirmed")


def test_live_games_past_the_answer_window_keep_players_and_podiums(db):
    seed_national(Scale.small(live_answer_weeks=0, events=10, volunteer_applications=0))
    assert db.session.scalar(sa.select(sa.func.count(LiveAnswer.id))) == 0
    players = db.session.scalars(sa.select(LivePlayer)).all()
    assert players
    paid = {
        (entry.user_id, entry.source_key): entry.reason
        for entry in db.session.scalars(
            sa.select(PointEntry).where(
                PointEntry.source_kind.in_(
                    [PointSource.LIVE_PARTICIPATION, PointSource.LIVE_PLACEMENT]
                )
            )
        )
    }
    best = defaultdict(int)
    for player in players:
        best[player.game_id] = max(best[player.game_id], player.score)
    for player in players:
        if player.user_id is None:
            continue
        key = (player.user_id, str(player.game_id))
        assert key in paid  # everyone who played to the end (answering sometimes) is paid
    for (user, game), reason in paid.items():
        if reason.startswith("place 1 in"):
            [player] = [p for p in players if p.user_id == user and str(p.game_id) == game]
            assert player.score == best[player.game_id]


def test_refuses_in_production(app, db):
    app.config["DEMO_ALLOWED"] = False
    try:
        with pytest.raises(DemoError, match="production"):
            seed_national(SCALE)
    finally:
        app.config["DEMO_ALLOWED"] = True
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_cli_runs_the_basic_demo_then_the_national_one(app, db, monkeypatch):
    monkeypatch.setattr(national, "Scale", Scale.small)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "--scale", "national"])
    assert result.exit_code == 0, result.output
    assert "organizer-kz" in result.output
    logins = set(db.session.scalars(sa.select(User.login)))
    assert {"organizer", "student", "organizer-kz"} <= logins
    again = runner.invoke(args=["demo", "--scale", "national"])
    assert again.exit_code != 0 and "exists already" in again.output


def test_the_generators_ledger_pays_caps_corrections_and_streaks_as_award_does(
    db, make, region, monkeypatch
):
    """The corners the national data seldom reaches (a cap paying part, then nothing; a
    deduction; streaks broken and resumed; a month and a school year ending), paid by the
    generator's ledger and by award."""
    school = make.institution(region)
    students = [make.user(institution=school).id, make.user(institution=school).id]
    db.session.commit()
    scope = {user: (school.id, region.id, True) for user in students}
    writer = Writer()
    ledger = Ledger(writer, scope, utcnow())
    first = date(2026, 8, 27)  # a Thursday: the month and the school year end within days
    for offset in (0, 1, 5, 12, 13, 27, 34):
        day = first + timedelta(days=offset)
        at = datetime.combine(day, time(6), tzinfo=UTC)  # 11:00 in Almaty
        for number, user in enumerate(students[: 1 + offset % 2]):
            for event in range(4):  # 100 each against a daily cap of 300
                key = f"event:{offset}-{event}"
                ledger.pay(at + timedelta(minutes=event), user, "event_checkin", key, "an event")
            ledger.pay(at, user, "quiz_completion", f"{offset}", "a quiz")
            ledger.pay(at, user, "quiz_correct_answer", f"{offset}", "a quiz", count=60)
            if offset == 13:
                ledger.pay(at, user, "correction", f"fix-{number}", "a duplicate", amount=-150)
        ledger.close_day(day, (at - timedelta(hours=11), at + timedelta(hours=13)))
    ledger.finish()
    writer.flush_all()
    generated = gamification_state(db)
    assert any(row.capped_from and 0 < row.amount < row.capped_from for row in generated["ledger"])
    assert any(row.capped_from and row.amount == 0 for row in generated["ledger"])
    assert "streak-4" not in {b for _u, b, _e in generated["badges"]}  # the gaps broke it
    replay_through_award(db, monkeypatch, generated["ledger"])
    replayed = gamification_state(db)
    for name, value in generated.items():
        assert replayed[name] == value, name
