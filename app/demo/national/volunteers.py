"""The national demo's volunteering: applications from the more engaged students, moved
along the review pipeline with a legal history, and active volunteers' activities, paid
through the ledger once an organizer confirms them."""

from datetime import date, timedelta
from itertools import accumulate

from flask import current_app

from app.volunteers import eligibility

from .chance import choose
from .names import CITIES, KK_FEMALE, KK_SURNAMES, RU_FEMALE
from .world import Student, World

MOTIVATIONS = (
    "Хочу, чтобы деньги на ремонт дорог в нашем городе тратились честно.",
    "Қаланың ойын алаңдарының сапасын тексергім келеді.",
    "I want to help my classmates understand how to report corruption.",
    "Мечтаю стать юристом и помогать людям бесплатными консультациями.",
    "Адалдық сағаттарын кіші сыныптарға өткізгім келеді.",
)
SKILLS = ("Фото и видео", "Сурет салу, дизайн", "Public speaking", "Знание законодательства",
          "Ағылшын тілі", "Excel, таблицы", "")  # fmt: skip
AVAILABILITY = ("Сенбі күндері", "После уроков", "Weekends", "Каникулы", "Сабақтан кейін")
PLACES = ("көше", "ул.", "микрорайон", "саябақ", "парк")
FINDINGS = (
    "Асфальт уложен тоньше, чем указано в смете; акт передан в департамент.",
    "Ойын алаңының жабдықтары сертификатсыз орнатылған.",
    "The procurement notice was published for one day only.",
    "Нарушений не выявлено.",
    "Саябақтағы жарықтандыру шамдарының саны жобаға сәйкес емес.",
)

VOLUNTEER_OUTCOMES = (
    ("awaiting_consent", 0.05),
    ("submitted", 0.1),
    ("in_review", 0.08),
    ("interview", 0.07),
    ("accepted", 0.08),
    ("active", 0.39),
    ("declined", 0.13),
    ("withdrawn", 0.1),
)
# each outcome's moves after the first status (withdrawn: perhaps after a review began)
PATHS = {
    "submitted": [],
    "awaiting_consent": [],
    "in_review": ["in_review"],
    "interview": ["in_review", "interview"],
    "accepted": ["in_review", "interview", "accepted"],
    "active": ["in_review", "interview", "accepted", "active"],
    "declined": ["in_review", "declined"],
}
DIRECTIONS = (("public_control", 0.45), ("research_education", 0.3), ("pro_bono", 0.1),
              ("corporate", 0.15))  # fmt: skip
ACTIVITY_KINDS = (("monitoring_visit", 0.6), ("legal_consultation", 0.2),
                  ("education_session", 0.2))  # fmt: skip
MONITORED = ("road_repair", "playground", "park", "social_facility", "procurement", "other")
TABLES = (
    ("volunteer_applications", ("id", "user_id", "region_id", "direction", "status",
                                "recommended", "motivation", "skills", "availability",
                                "phone", "email", "consent_policy_version",
                                "consent_at", "is_minor", "guardian_name",
                                "guardian_contact", "guardian_confirmed_by_id",
                                "guardian_confirmed_at", "created_at", "updated_at",
                                "erased_at")),
    ("volunteer_status_changes", ("id", "application_id", "from_status", "to_status",
                                  "by_id", "note", "at")),
    ("volunteer_activities", ("id", "user_id", "region_id", "kind", "object_type",
                              "held_on", "place", "findings", "savings_tenge",
                              "status", "reviewed_by_id", "reviewed_at",
                              "review_note", "created_at")),
)  # fmt: skip


def tables(world: World) -> None:
    world.volunteer_rows = {name: world.writer.table(name, columns) for name, columns in TABLES}


def plan(world: World) -> None:
    """Applications from students of 14 or more, the more engaged more likely, each some
    weeks after they joined."""
    rng, cal, scale = world.rng, world.calendar, world.scale
    today = cal.today.year
    candidates = [s for s in world.students.values() if today - s.birth_year >= 14]
    if not candidates:
        return
    wanted = min(scale.volunteer_applications, len(candidates))
    weights = list(accumulate(s.engagement for s in candidates))
    chosen: dict[int, Student] = {}
    for _ in range(20 * wanted):
        if len(chosen) >= wanted:
            break
        student = rng.choices(candidates, cum_weights=weights)[0]
        chosen[student.id] = student
    last = len(cal.days) - 2
    for student in chosen.values():
        first = cal.index(cal.almaty_date(student.joined)) + 45
        if first <= last:
            day = cal.weighted_day(rng, first, last)
            world.day_tasks[day].append((rng.uniform(15, 21), application, (student,)))


def application(world: World, index: int, day: date, hour: float, student: Student) -> None:
    """One application with its history to now; an active volunteer's activities follow."""
    at = world.calendar.at(day, hour)
    if at >= world.now:
        return
    code = world.regions[student.klass.institution.region][1]
    ledger = world.ledger
    facts = eligibility.Facts(
        points=ledger.all_time_points(student.id), events=ledger.event_count(student.id),
        badges=ledger.badges_of(student.id),
    )  # fmt: skip
    recommended = eligibility.is_eligible(eligibility.rules_for(code), facts)
    steps, guardian = _history(world, student, at)
    application_id = _write_application(world, student, at, steps, guardian, recommended)
    for from_status, to_status, by, note, when in steps:
        world.volunteer_rows["volunteer_status_changes"].append(
            (world.next_id("volunteer_status_changes"), application_id, from_status, to_status,
             by, note, when)
        )  # fmt: skip
    if steps[-1][1] == "active":
        _activities(world, student, became_active=steps[-1][4])


def _history(world: World, student: Student, at):
    """The moves of the application up to now: (from, to, by, note, when), and the
    teacher's confirmation of a guardian's consent (by, when) for a minor, if given."""
    rng, cal = world.rng, world.calendar
    user, teacher = student.id, student.klass.teachers[0]
    organizer = world.organizers[student.klass.institution.region]
    minor = at.year - student.birth_year < 18
    steps = [(None, "awaiting_consent" if minor else "submitted", user, "", at)]
    outcome = choose(rng, VOLUNTEER_OUTCOMES)

    def step(to, by, note=""):
        moment = steps[-1][4]
        moment = cal.at(
            cal.almaty_date(moment + timedelta(days=rng.uniform(1, 12))), rng.uniform(10, 17.5)
        )
        steps.append((steps[-1][1], to, by, note, moment))

    guardian = None
    if minor and outcome != "awaiting_consent":
        step("submitted", teacher, "Guardian's consent confirmed")
        guardian = (teacher, steps[-1][4])
    # drawn for every application, so that a seed keeps giving the same data
    reviewed_first = rng.randint(0, 1)
    if outcome == "withdrawn":
        path = ["in_review"][:reviewed_first] + ["withdrawn"]
    else:
        path = list(PATHS[outcome])
    if outcome in ("accepted", "active") and rng.random() < 0.3:
        path.remove("interview")
    for status in path:
        step(status, user if status == "withdrawn" else organizer,
             rng.choice(("", "", "Собеседование в пятницу в 15:00", "Welcome!")) if status == "interview" else "")  # fmt: skip
    steps = [s for s in steps if s[4] < world.now]
    if guardian and guardian[1] >= world.now:
        guardian = None
    return steps, guardian


def _write_application(world: World, student: Student, at, steps, guardian, recommended) -> int:
    rng, user = world.rng, student.id
    region_id = world.regions[student.klass.institution.region][0]
    minor = at.year - student.birth_year < 18
    application_id = world.next_id("volunteer_applications")
    direction = choose(rng, DIRECTIONS)
    login = world.logins[user]
    world.volunteer_rows["volunteer_applications"].append(
        (application_id, user, region_id, direction, steps[-1][1], recommended,
         rng.choice(MOTIVATIONS), rng.choice(SKILLS), rng.choice(AVAILABILITY),
         f"+7 7{rng.randint(0, 9)}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
         f"{login}@mail.kz" if rng.random() < 0.6 else "",
         current_app.config["VOLUNTEER_CONSENT_POLICY"], at, minor,
         f"Родитель: {rng.choice(KK_FEMALE + RU_FEMALE)} {rng.choice(KK_SURNAMES)[1]}" if minor else "",
         f"+7 701 {rng.randint(100, 999)} {rng.randint(1000, 9999)}" if minor else "",
         guardian[0] if guardian else None, guardian[1] if guardian else None,
         at, steps[-1][4], None),
    )  # fmt: skip
    return application_id


def _activities(world: World, student: Student, became_active) -> None:
    rng, cal = world.rng, world.calendar
    first_day = cal.index(cal.almaty_date(became_active)) + 2
    last_day = len(cal.days) - 2
    for _ in range(rng.randint(1, 6)):
        if first_day > last_day:
            break
        _activity(world, student, cal.days[cal.weighted_day(rng, first_day, last_day)])


def _activity(world: World, student: Student, held: date) -> None:
    """A monitoring visit (perhaps with savings), consultation or session, logged that
    evening and reviewed within days; a confirmed one is paid on the day of its review."""
    rng, cal, user = world.rng, world.calendar, student.id
    region_id, code = world.regions[student.klass.institution.region]
    kind = choose(rng, ACTIVITY_KINDS)
    target = choose(rng, [(o, 1 / 6) for o in MONITORED])
    target = target if kind == "monitoring_visit" else None
    savings = None
    if kind == "monitoring_visit" and rng.random() < 0.5:
        savings = min(int(rng.lognormvariate(14.5, 1.4)), 5_000_000_000)
    logged = cal.at(held, rng.uniform(18, 22))
    reviewed = cal.at(
        cal.almaty_date(logged + timedelta(days=rng.uniform(1, 10))), rng.uniform(10, 17.5)
    )
    status, reviewer, note = "pending", None, ""
    if reviewed < world.now:
        status = "confirmed" if rng.random() < 0.88 else "rejected"
        reviewer = world.organizers[student.klass.institution.region]
        note = rng.choice(("", "", "Фото приложены, спасибо!", "Акт направлен в департамент"))
    else:
        reviewed = None
    activity_id = world.next_id("volunteer_activities")
    street = f"{rng.choice(CITIES.get(code, [(code, code)]))[0]}, {rng.choice(PLACES)} {rng.randint(1, 120)}"
    world.volunteer_rows["volunteer_activities"].append(
        (activity_id, user, region_id, kind, target, held, street, rng.choice(FINDINGS),
         savings, status, reviewer, reviewed, note, logged),
    )  # fmt: skip
    if status == "confirmed":
        reason = f"volunteer activity {kind} on {held.isoformat()}"
        world.day_tasks[cal.index(cal.almaty_date(reviewed))].append(
            (0.0, pay_activity, (reviewed, user, f"activity:{activity_id}", reason))
        )


def pay_activity(world: World, index, day, hour, at, user, key, reason) -> None:
    """A day task: the confirmed activity's points, on the day of its review."""
    world.ledger.pay(at, user, "volunteer_activity", key, reason)
