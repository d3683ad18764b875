"""Benchmark: the time the draw engine takes to draw one round, at tournament sizes.

For each size in --sizes (teams; default 64, 256, 512), the teams get institutions (one school
per --teams-per-school teams on average, chosen at random, so same-school conflicts come up)
and --prior rounds (default 5) are simulated with random results to build realistic records:
points, speaks, who met whom, sides, pull-ups and byes. Then the next round's draw is timed
--repeats times (time.perf_counter, in this process, after one untimed call) and reported as
the median and the max in ms, with the number of teams carrying each flag in that draw.
(With random results and no pull-ups to start them, two-team brackets stay even, so these
draws seldom need pull-ups; their cost is small either way. The property tests cover them.)

- Two-team (app.debates.draw.two_team, 3-vs-3 / 2-vs-2): round 1 a random draw, then
  power-paired rounds (fold, top pull-up, conflict avoidance on); the winner of a room gains
  a point and each team 200-240 speaks; a bye counts as a win. Timed: `power_paired_draw`,
  and `random_draw` on the same records (a random draw later in a tournament is the harder
  case for its repair).
- British Parliamentary (app.debates.draw.bp, written separately): every round
  `bp.power_paired_draw(teams, seed)`, rooms of four (OG, OO, CG, CO); a room's teams get
  3/2/1/0 points in a random order and 140-170 speaks; `sides` counts each position. The
  module is imported only here; when it is missing (or fails) BP is skipped with a note.

Targets (from the issue): 512 teams, two-team power-paired under 0.5 s; BP under 1 s; issue
26: the 512-team draw under 50 ms.

**Tournaments** (``--tournaments``, issue 26): for each size (default 32, 64, 128, 512) and
each of ``--seeds`` seeds, six rounds are drawn and played with random results (two-team:
round 1 random, then power-paired; BP: power-paired throughout, a first round being one
bracket), and every draw is measured with `app.debates.draw.quality.measure` and timed once.
Per tournament (mean over seeds): repeats, same-institution pairs, pulled-up teams and their
bracket distance, side (BP: position) cost, all summed over the six rounds; the teams whose
sides (positions) are two or more apart after round 4 and after round 6; the median and max
time of one draw. With ``--baseline REF`` the same tournaments are also drawn by the engine as
it was at git revision REF (its two_team.py and bp.py read with ``git show``), so the two can
be compared within one run. "now, sides first" is the two-team draw with the tournament
setting ``priority="sides"`` (sides before brackets).

    .venv/bin/python bench/draw.py
    .venv/bin/python bench/draw.py --sizes 64 256 512 1024 --repeats 11
    .venv/bin/python bench/draw.py --tournaments --seeds 10 --baseline 6a9d8de --table

It prints one JSON object to stdout; progress goes to stderr. Pure Python, no database.
"""

import argparse
import functools
import importlib
import json
import platform
import random
import statistics
import sys
import time
import types
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.debates.draw import bp as bp_engine  # noqa: E402
from app.debates.draw import quality, two_team  # noqa: E402
from app.debates.draw.types import Flag, Room, TeamRecord  # noqa: E402

TARGETS_S = {"two_team_512": 0.5, "bp_512": 1.0}
BP_POINTS = (3, 2, 1, 0)

Draw = Callable[[list[TeamRecord], int], list[Room]]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def new_teams(size: int, positions: int, teams_per_school: float, rng: random.Random):
    """`size` fresh records with random schools and `positions` zeroed side counts."""
    schools = max(1, round(size / teams_per_school))
    return {
        i: TeamRecord(id=i, institution=rng.randrange(schools), sides=(0,) * positions)
        for i in range(size)
    }


def play(records: dict[int, TeamRecord], rooms: list[Room], rng: random.Random) -> None:
    """Random results for any room size: the room's teams finish in a random order; in a room
    of two the winner gets 1 point, in a room of four 3/2/1/0. A bye counts as a win."""
    for room in rooms:
        if len(room.teams) == 1:
            (i,) = room.teams
            records[i] = replace(records[i], points=records[i].points + 1, byes=records[i].byes + 1)
            continue
        order = list(room.teams)
        rng.shuffle(order)
        points = (1, 0) if len(order) == 2 else BP_POINTS
        speaks = (200, 240) if len(order) == 2 else (140, 170)
        for position, team_id in enumerate(room.teams):
            record = records[team_id]
            sides = list(record.sides)
            sides[position] += 1
            records[team_id] = replace(
                record,
                points=record.points + points[order.index(team_id)],
                speaks=record.speaks + rng.randint(*speaks),
                met=record.met | (set(room.teams) - {team_id}),
                sides=tuple(sides),
                pullups=record.pullups + (Flag.PULLED_UP in room.flags.get(team_id, ())),
            )


def time_draw(draw: Draw, teams: list[TeamRecord], seed: int, repeats: int) -> dict:
    """Median and max of `repeats` timed calls (after one untimed one), with its flags."""
    rooms = draw(teams, seed)
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        draw(teams, seed)
        seconds.append(time.perf_counter() - started)
    flags = Counter(str(flag) for room in rooms for fs in room.flags.values() for flag in fs)
    return {
        "median_ms": round(statistics.median(seconds) * 1000, 2),
        "max_ms": round(max(seconds) * 1000, 2),
        "rooms": len(rooms),
        "flags": dict(sorted(flags.items())),
    }


def simulate(size: int, positions: int, rounds: list[Draw], options, rng) -> list[TeamRecord]:
    """Records after playing `rounds` (one draw function per round) with random results."""
    records = new_teams(size, positions, options.teams_per_school, rng)
    for number, draw in enumerate(rounds, start=1):
        play(records, draw(list(records.values()), options.seed + number), rng)
    return list(records.values())


def bench_two_team(size: int, options) -> dict:
    rng = random.Random(f"{options.seed}-two-{size}")  # noqa: S311 - load pattern
    rounds = [two_team.random_draw] + [two_team.power_paired_draw] * (options.prior - 1)
    teams = simulate(size, 2, rounds, options, rng)
    seed = options.seed + options.prior + 1
    return {
        "power_paired": time_draw(two_team.power_paired_draw, teams, seed, options.repeats),
        "random": time_draw(two_team.random_draw, teams, seed, options.repeats),
    }


def load_bp():
    """The BP module, or a note saying why it is skipped."""
    try:
        bp = importlib.import_module("app.debates.draw.bp")
    except Exception as error:  # a module being written elsewhere: report, do not crash
        return None, f"app.debates.draw.bp not importable: {type(error).__name__}: {error}"
    if not callable(getattr(bp, "power_paired_draw", None)):
        return None, "app.debates.draw.bp has no power_paired_draw(teams, seed)"
    return bp, None


def bench_bp(bp, size: int, options) -> dict:
    rng = random.Random(f"{options.seed}-bp-{size}")  # noqa: S311 - load pattern
    try:
        teams = simulate(size, 4, [bp.power_paired_draw] * options.prior, options, rng)
        seed = options.seed + options.prior + 1
        return {"power_paired": time_draw(bp.power_paired_draw, teams, seed, options.repeats)}
    except Exception as error:  # the other module's failure is a finding, not a crash
        return {"error": f"{type(error).__name__}: {error}"}


def verdict(results: dict, key: str, fmt: str) -> dict | None:
    entry = results.get(fmt, {}).get("512", {}).get("power_paired")
    if not entry or "median_ms" not in entry:
        return None
    limit = TARGETS_S[key]
    return {
        "target_s": limit,
        "max_s": round(entry["max_ms"] / 1000, 4),
        "met": entry["max_ms"] / 1000 < limit,
    }


# --- six-round tournaments, quality beside time (issue 26) -----------------------------------


def baseline_engines(ref: str):
    """(two-team module, BP module) as they were at git revision `ref`."""
    import subprocess

    modules = []
    for name in ("two_team", "bp"):
        source = subprocess.run(  # noqa: S603 - fixed arguments, a revision the user names
            ["git", "show", f"{ref}:app/debates/draw/{name}.py"],  # noqa: S607
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        module = types.ModuleType(f"baseline_{name}")
        exec(compile(source, f"{ref}:{name}.py", "exec"), module.__dict__)  # noqa: S102
        modules.append(module)
    return modules


def tournament(size: int, positions: int, engine, seed: int, options) -> dict:
    """Six rounds; quality summed over rounds, sides apart after rounds 4 and 6, times."""
    rng = random.Random(f"{seed}-{positions}-{size}")  # noqa: S311 - load pattern
    records = new_teams(size, positions, options.teams_per_school, rng)
    totals = Counter()
    seconds = []
    apart = {}
    for number in range(1, options.rounds + 1):
        if positions == 2:
            draw = engine.random_draw if number == 1 else engine.power_paired_draw
        else:
            draw = engine.power_paired_draw
        teams = list(records.values())
        started = time.perf_counter()
        rooms = draw(teams, seed * 100 + number)
        seconds.append(time.perf_counter() - started)
        measured = quality.measure(teams, rooms).as_dict()
        totals.update({k: v for k, v in measured.items() if k not in ("rooms", "sides_apart")})
        play(records, rooms, rng)
        apart[number] = measured["sides_apart"]
    return {
        **totals,
        "apart_after_4": apart.get(4, 0),
        "apart_after_last": apart[options.rounds],
        "median_ms": statistics.median(seconds) * 1000,
        "max_ms": max(seconds) * 1000,
    }


def bench_tournaments(options) -> dict:
    sides_first = types.SimpleNamespace(
        random_draw=two_team.random_draw,
        power_paired_draw=functools.partial(two_team.power_paired_draw, priority="sides"),
    )
    engines = {"now": (two_team, bp_engine), "now, sides first": (sides_first, None)}
    if options.baseline:
        engines[options.baseline] = tuple(baseline_engines(options.baseline))
    result: dict = {}
    for size in options.sizes:
        for label, (two, four) in engines.items():
            for fmt, positions, engine in (("two_team", 2, two), ("bp", 4, four)):
                if engine is None:
                    continue
                log(f"tournaments: {fmt}, {size} teams, engine {label}")
                runs = [
                    tournament(size, positions, engine, options.seed + k, options)
                    for k in range(options.seeds)
                ]
                keys = runs[0].keys()
                mean = {k: round(statistics.mean(run[k] for run in runs), 2) for k in keys}
                mean["max_ms"] = round(max(run["max_ms"] for run in runs), 2)
                result.setdefault(fmt, {}).setdefault(str(size), {})[label] = mean
    return result


def markdown(result: dict) -> str:
    head = (
        "| format | teams | engine | repeats | same school | pulled up (distance) "
        "| side cost | 2+ apart after R4 / R6 | draw median / max |"
    )
    lines = [head, "|" + "---|" * 9]
    for fmt, sizes in result.items():
        for size, engines in sizes.items():
            for label, m in engines.items():
                lines.append(
                    f"| {fmt} | {size} | {label} | {m['repeats']} | {m['same_institution']} "
                    f"| {m['pulled_up']} ({m['bracket_distance']}) | {m['side_cost']} "
                    f"| {m['apart_after_4']} / {m['apart_after_last']} "
                    f"| {m['median_ms']:.2f} / {m['max_ms']:.2f} ms |"
                )
    return "\n".join(lines)


def parse_options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[64, 256, 512])
    parser.add_argument("--prior", type=int, default=5, help="rounds played before the timed one")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--teams-per-school", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-bp", action="store_true")
    parser.add_argument("--tournaments", action="store_true", help="six-round quality table")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--baseline", help="git revision whose engine to compare with")
    parser.add_argument("--table", action="store_true", help="also print a markdown table")
    options = parser.parse_args(argv)
    if options.tournaments and options.sizes == [64, 256, 512]:
        options.sizes = [32, 64, 128, 512]
    if options.prior < 1:
        parser.error("--prior must be at least 1")
    return options


def main() -> None:
    options = parse_options()
    if options.tournaments:
        result = bench_tournaments(options)
        print(json.dumps(result, indent=2))
        if options.table:
            print(markdown(result))
        return
    result: dict = {
        "python": platform.python_version(),
        "sizes": options.sizes,
        "prior_rounds": options.prior,
        "repeats": options.repeats,
        "teams_per_school": options.teams_per_school,
        "seed": options.seed,
        "two_team": {},
        "bp": {},
    }
    for size in options.sizes:
        log(f"two-team, {size} teams")
        result["two_team"][str(size)] = bench_two_team(size, options)
    bp, note = (None, "skipped with --skip-bp") if options.skip_bp else load_bp()
    if bp is None:
        result["bp"] = {"skipped": note}
    else:
        for size in options.sizes:
            log(f"BP, {size} teams")
            result["bp"][str(size)] = bench_bp(bp, size, options)
    result["targets"] = {
        "two_team_512_power_paired": verdict(result, "two_team_512", "two_team"),
        "bp_512_power_paired": verdict(result, "bp_512", "bp"),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
