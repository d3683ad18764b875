"""The national demo's run: the accounts, a plan of what happens on which day, then the
days one by one in Almaty time, each closed by the ledger before the next begins."""

from itertools import accumulate

from app.extensions import db

from . import accounts, corrections, debates, events, live, quizzes, volunteers
from .chance import allocate
from .ledger import Ledger
from .world import PERMILLE, World


def run(world: World) -> dict[str, int]:
    """Everything, written in bulk; returns the rows written per table."""
    quizzes.load_content(world)
    debates.load_content(world)
    writer = world.writer
    writer.start_bulk_load()
    try:
        accounts.create(world)
        world.ledger = Ledger(writer, world.scope, world.now)
        writer.flush_all()
        world.progress(40)
        _plan(world)
        for area in (events, live, quizzes, debates, volunteers):
            area.tables(world)
        writer.start_streaming()
        _simulate(world)
        world.ledger.finish()
        writer.flush_all()
        writer.stop_streaming()
        world.progress(900)
    except BaseException:
        writer.stop_streaming(abort=True)
        db.session.rollback()
        raise
    finally:
        writer.finish_bulk_load()
    writer.after_load()
    world.progress(PERMILLE)
    written = dict(writer.written)
    written["point_entries (of which live games)"] = world.live_rows
    return written


# --- planning what happens on which day ------------------------------------------------------


def _plan(world: World) -> None:
    cal, scale = world.calendar, world.scale
    days = len(cal.days)
    world.day_quizzes = [[] for _ in range(days)]  # (start, student, quiz index, kind)
    world.day_tasks = [[] for _ in range(days)]  # (hour, task, args)
    activity = _activity(world)
    # hosts: institutions by size, and their teachers
    world.host_weights = list(accumulate(i.size for i in world.institutions))
    world.by_first_join = sorted(
        (i.joined[0], n) for n, i in enumerate(world.institutions) if i.joined
    )
    quizzes.plan(world)
    debates.plan(world)
    upcoming = round(scale.events * 0.005)
    past = max(scale.events - upcoming - len(world.tournaments), 0)
    world.day_events = allocate(past, activity)
    world.upcoming_events = upcoming
    volunteers.plan(world)
    corrections.plan(world)
    # the ledger to aim for by the end of each day: live games fill what the rest leaves
    world.target, running = [], 0.0
    for index in range(days):
        running += activity[index]
        world.target.append(round(scale.ledger_rows * running / world.activity_total))
    world.live_rows = 0


def _activity(world: World) -> list[float]:
    """How busy each day is, given how many students have joined by then."""
    cal = world.calendar
    days = len(cal.days)
    joined = [0] * (days + 1)
    for student in world.students.values():
        joined[max(0, cal.index(cal.almaty_date(student.joined)))] += 1
    activity, population = [], 0
    for index in range(days):
        population += joined[index]
        activity.append(cal.weights[index] * population)
    world.activity = activity
    world.activity_total = sum(activity) or 1.0
    world.activity_done = 0.0
    return activity


# --- the simulation --------------------------------------------------------------------------


def _simulate(world: World) -> None:
    cal, ledger, writer = world.calendar, world.ledger, world.writer
    for index, day in enumerate(cal.days):
        _day(world, index, day)
        ledger.close_day(day, cal.day_bounds(day))
        writer.maybe_flush()
        world.activity_done += world.activity[index]
        world.progress(40 + round(850 * world.activity_done / world.activity_total))
    for _ in range(world.upcoming_events):
        events.event(world, cal.today, upcoming=True)


def _day(world: World, index: int, day) -> None:
    """What happens on one day: its planned tasks, events, quizzes, then live games until
    the ledger reaches the day's target."""
    ledger = world.ledger
    day_events = world.day_events[index]
    for hour, task, args in sorted(world.day_tasks[index], key=lambda item: item[0]):
        if task(world, index, day, hour, *args) is False:
            day_events += 1  # no tournament after all: an ordinary event instead
    least = world.scale.check_ins_per_event[0]
    for _ in range(day_events):
        for attempt in range(20):  # another host while few of the audience have joined
            if events.event(world, day, minimum=least if attempt < 15 else 0):
                break
    for start, student, quiz_index, kind in world.day_quizzes[index]:
        quizzes.attempt(world, start, student, quiz_index, kind)
    wanted = world.target[index] - ledger.rows - len(ledger.pending)
    if wanted > 0:
        world.live_rows += live.live_games(world, day, wanted)
