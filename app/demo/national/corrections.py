"""The national demo's corrections: organizers' points for what happened off the platform,
and the odd payment returned, as ledger rows with a reason."""

from datetime import date

from .world import Student, World

CORRECTIONS = (
    (150, "Regional olympiad on integrity: attendance from the paper list"),
    (100, "Helped run an Integrity Hour for younger students"),
    (200, "Essay published in the regional newspaper"),
    (50, "Check-in missed: the phone had no connection"),
    (-50, "Points from a duplicate check-in returned"),
)


def plan(world: World) -> None:
    rng, cal = world.rng, world.calendar
    students = list(world.students.values())
    last = len(cal.days) - 1
    for _ in range(world.scale.corrections if students else 0):
        student = rng.choice(students)
        first = cal.index(cal.almaty_date(student.joined)) + 7
        if first <= last:
            day = cal.weighted_day(rng, first, last)
            world.day_tasks[day].append((rng.uniform(10, 17), correction, (student,)))


def correction(world: World, index: int, day: date, hour: float, student: Student) -> None:
    """One organizer's correction; a deduction only from someone with points to spare."""
    at = world.calendar.at(day, hour)
    if at >= world.now or at <= student.joined:
        return
    amount, reason = world.rng.choice(CORRECTIONS)
    if amount < 0 and world.ledger.all_time_points(student.id) < 500:
        amount, reason = CORRECTIONS[0]
    key = f"{at:%Y%m%d%H%M%S}-{world.rng.getrandbits(32):08x}"
    organizer = world.organizers[student.klass.institution.region]
    world.ledger.pay(at, student.id, "correction", key, reason, amount=amount, by_id=organizer)
