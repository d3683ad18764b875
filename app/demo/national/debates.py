"""The national demo's debate tournaments: a few per region on Saturdays of the school year,
each a tournament day (an event with check-ins), teams of schools' students, confirmed
ballots for every round, and the points of taking part, winning and the best speaker."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from app.debates import links as debate_links
from app.debates import services as debate_services
from app.debates import standings as debate_standings
from app.debates.formats import load_formats
from app.debates.models import Motion
from app.events import tokens as event_tokens
from app.extensions import db

from .chance import choose
from .names import CITIES
from .world import World

TEAM_WORDS = ("Ақиқат", "Әділет", "Болашақ", "Дала", "Жасампаз", "Намыс", "Сарбаз", "Тұмар",
              "Арыстан", "Бүркіт", "Шаңырақ", "Ұлан", "Самұрық", "Тұлпар", "Жұлдыз", "Көкжиек")  # fmt: skip
FORMATS = (("wsdc", 0.7), ("parliamentary_2v2", 0.15), ("british_parliamentary", 0.15))
TABLES = (
    ("debate_tournaments", ("id", "name", "format_key", "region_id", "institution_id",
                            "leagues", "metrics", "break_size", "institution_cap",
                            "event_id", "ballot_secret", "standings_released",
                            "speakers_released", "break_released", "finished_at",
                            "created_by_id", "created_at")),
    ("debate_teams", ("id", "tournament_id", "name", "institution_id", "league")),
    ("debate_speakers", ("id", "team_id", "user_id", "guest_name")),
    ("debate_adjudicators", ("id", "tournament_id", "name", "user_id", "institution_id",
                             "rating")),
    ("debate_venues", ("id", "tournament_id", "name", "priority")),
    ("debate_rounds", ("id", "tournament_id", "number", "draw_type", "motion_id",
                       "motion_release_at", "draw_released", "results_released",
                       "drawn_at", "seed")),
    ("debate_debates", ("id", "round_id", "sequence", "league", "venue_id", "bracket",
                        "flags", "confirmed_at", "confirmed_by_id")),
    ("debate_panel_seats", ("id", "debate_id", "round_id", "adjudicator_id", "role")),
    ("debate_ballots", ("id", "debate_id", "adjudicator_id", "scores", "entered_by_id",
                        "submitted_at")),
    ("debate_speeches", ("id", "debate_id", "speaker_id", "score", "reply")),
    ("debate_debate_teams", ("id", "debate_id", "round_id", "team_id", "position",
                             "points", "speaks", "margin")),
)  # fmt: skip


def load_content(world: World) -> None:
    """The motion library (imported if missing) and the formats."""
    if db.session.scalar(sa.select(sa.func.count(Motion.id))) == 0:
        debate_services.import_motions()
    world.motions = list(db.session.scalars(sa.select(Motion.id).order_by(Motion.id)))
    world.formats = load_formats()


def tables(world: World) -> None:
    world.debate_rows = {name: world.writer.table(name, columns) for name, columns in TABLES}


def plan(world: World) -> None:
    """A few debate tournaments per region, on Saturdays of the school year."""
    cal, scale = world.calendar, world.scale
    world.tournaments = []
    world.tournament_numbers = dict.fromkeys(range(len(world.regions)), 0)
    saturdays = [
        index
        for index, day in enumerate(cal.days)
        if day.weekday() == 5 and cal.weights[index] > 0.2 and day < cal.today
    ]
    if not saturdays:
        return
    for region_index in range(len(world.regions)):
        for number in range(scale.tournaments_per_region):
            share = (number + 0.5 + world.rng.uniform(-0.3, 0.3)) / scale.tournaments_per_region
            day = saturdays[min(int(share * len(saturdays)), len(saturdays) - 1)]
            world.tournaments.append((region_index, day))
            world.day_tasks[day].append((9.0, tournament, (region_index,)))


@dataclass
class _Tournament:
    id: int
    name: str
    fmt: object
    start: datetime
    end: datetime
    organizer: int
    event_id: int
    title_en: str
    rounds: int
    speakers: dict = field(default_factory=dict)  # team id -> [(speaker id, user id)]
    judges: list = field(default_factory=list)
    venues: list = field(default_factory=list)
    wins: dict = field(default_factory=dict)  # team id -> points so far
    speaks: dict = field(default_factory=dict)  # team id -> speaker points so far
    tab: list = field(default_factory=list)  # debate_standings.Speech of every round


def tournament(world: World, index: int, day: date, hour: float, region_index: int) -> bool:
    """One tournament day; False when the region has too few students for it yet."""
    start = world.calendar.at(day, hour)
    format_key = choose(world.rng, FORMATS)
    fmt = world.formats[format_key]
    squads = _squads(world, region_index, fmt, start)
    if squads is None:
        return False
    held = _write_tournament(world, region_index, format_key, fmt, squads, start, day)
    _teams(world, held, squads)
    _panels_and_rooms(world, held, len(squads) // fmt.teams_per_room)
    motions = world.motions
    motions = world.rng.sample(motions, min(held.rounds, len(motions))) if motions else []
    for number in range(1, held.rounds + 1):
        motion = motions[number - 1] if len(motions) >= number else None
        _round(world, held, number, motion)
    users_of = {speaker: user for team in held.speakers.values() for speaker, user in team}
    for row in debate_standings.speaker_tab(held.tab):
        if row.rank == 1:
            world.ledger.pay(held.end, users_of[row.speaker], "debate_best_speaker",
                             f"tournament:{held.id}", held.name)  # fmt: skip
    return True


def _squads(world: World, region_index: int, fmt, start: datetime) -> list | None:
    """Up to two teams of the format's size from each school of the region, students of 13
    or more; None when there are too few."""
    rng, cal = world.rng, world.calendar
    per_room, roles = fmt.teams_per_room, len(fmt.roles)
    teams_wanted = max(per_room * 2, world.scale.teams_per_tournament // per_room * per_room)
    schools = [i for i in world.by_region[region_index] if i.joined and i.joined[0] < start]
    pools = []
    for school in schools:
        members = [
            u
            for u in world.members([school], start)
            if world.students[u].birth_year <= cal.today.year - 13
        ]
        rng.shuffle(members)
        pools += [members[k : k + roles] for k in range(0, len(members) - roles + 1, roles)][:2]
    rng.shuffle(pools)
    return pools[:teams_wanted] if len(pools) >= teams_wanted else None


def _write_tournament(world: World, region_index, format_key, fmt, squads, start, day):
    """The tournament and its day, an event of the region whose check-ins pay attendance."""
    region_id, code = world.regions[region_index]
    organizer = world.organizers[region_index]
    city = CITIES.get(code, [(code, code)])[0][0]
    season = f"{day.year}" if day.month >= 9 else f"{day.year - 1}–{day.year}"
    world.tournament_numbers[region_index] += 1
    name = f"Адалдық кубогы · {city} · {season} · №{world.tournament_numbers[region_index]}"
    rounds = 4 if len(squads) > fmt.teams_per_room else 1
    end = start + timedelta(minutes=75 * rounds + 40)
    event_id = world.next_id("events")
    created = start - timedelta(days=21)
    title = {
        "kk": f"Дебат турнирі: {name}",
        "ru": f"Турнир по дебатам: {name}",
        "en": f"Debate tournament: {name}",
    }
    host_id = world.students[squads[0][0]].klass.institution.id
    world.events.append(
        (event_id, "debate_day", title, {}, start, end, f"{city}, Дворец школьников", "",
         region_id, host_id, "region", False, None, 100, event_tokens.new_secret(),
         organizer, created, created, created),
    )  # fmt: skip
    tournament_id = world.next_id("debate_tournaments")
    world.debate_rows["debate_tournaments"].append(
        (tournament_id, name, format_key, region_id, None, [],
         [str(metric) for metric in debate_standings.DEFAULT_METRICS], 0, None, event_id,
         debate_links.new_secret(), True, True, False, end, organizer, created),
    )  # fmt: skip
    return _Tournament(tournament_id, name, fmt, start, end, organizer, event_id, title["en"],
                       rounds)  # fmt: skip


def _teams(world: World, held: _Tournament, squads: list) -> None:
    """The teams and their speakers, each checked in on arrival (and paid for it)."""
    rows = world.debate_rows
    for number, squad in enumerate(squads):
        team_id = world.next_id("debate_teams")
        word = TEAM_WORDS[number % len(TEAM_WORDS)]
        repeat = number // len(TEAM_WORDS) + 1
        team_name = word if number < len(TEAM_WORDS) else f"{word} {repeat}"
        school = world.students[squad[0]].klass.institution.id
        rows["debate_teams"].append((team_id, held.id, team_name, school, ""))
        held.wins[team_id], held.speaks[team_id] = 0, 0.0
        held.speakers[team_id] = []
        for user in squad:
            speaker_id = world.next_id("debate_speakers")
            rows["debate_speakers"].append((speaker_id, team_id, user, ""))
            held.speakers[team_id].append((speaker_id, user))
            check = held.start - timedelta(minutes=world.rng.uniform(5, 25))
            world.check_ins.append((world.next_id("event_check_ins"), held.event_id, user,
                                    "scan", check, check, held.organizer))  # fmt: skip
            world.ledger.pay(check, user, "event_checkin", f"event:{held.event_id}",
                             held.title_en, amount=100)  # fmt: skip


def _panels_and_rooms(world: World, held: _Tournament, rooms: int) -> None:
    """A chair per room, and the rooms (the first is the best)."""
    rows = world.debate_rows
    for number in range(rooms):
        judge_id = world.next_id("debate_adjudicators")
        rows["debate_adjudicators"].append(
            (judge_id, held.id, f"Төреші {number + 1}", None, None, float(world.rng.randint(5, 9)))
        )
        held.judges.append(judge_id)
    for number in range(rooms):
        venue_id = world.next_id("debate_venues")
        rows["debate_venues"].append((venue_id, held.id, str(101 + number), rooms - number))
        held.venues.append(venue_id)


def _round(world: World, held: _Tournament, number: int, motion: int | None) -> None:
    """A round drawn (random, then power-paired), every debate decided and released."""
    rng, per_room = world.rng, held.fmt.teams_per_room
    round_start = held.start + timedelta(minutes=75 * (number - 1))
    round_id = world.next_id("debate_rounds")
    draw = "random" if number == 1 else "power_paired"
    world.debate_rows["debate_rounds"].append(
        (round_id, held.id, number, draw, motion, round_start - timedelta(minutes=15),
         True, True, round_start - timedelta(minutes=30), rng.randrange(2**31)),
    )  # fmt: skip
    order = list(held.wins)
    rng.shuffle(order)
    if number > 1:
        order.sort(key=lambda team: (-held.wins[team], -held.speaks[team]))
    for room in range(len(held.venues)):
        sides = order[room * per_room : (room + 1) * per_room]
        rng.shuffle(sides)
        _debate(world, held, round_id, round_start, room, sides, f"{held.name}, {number}")


def _debate(world: World, held: _Tournament, round_id, round_start, room, sides, reason):
    """One room: its chair's confirmed ballot, speeches, results and payments."""
    fmt, rows = held.fmt, world.debate_rows
    confirmed = round_start + timedelta(minutes=60)
    debate_id = world.next_id("debate_debates")
    bracket = float(max(held.wins[team] for team in sides))
    rows["debate_debates"].append(
        (debate_id, round_id, room + 1, "", held.venues[room], bracket, {}, confirmed, None)
    )
    rows["debate_panel_seats"].append(
        (world.next_id("debate_panel_seats"), debate_id, round_id, held.judges[room], "chair")
    )
    ballot, totals, speeches = _ballot(world.rng, fmt, sides, held.speakers)
    result = sorted(range(fmt.teams_per_room), key=lambda position: -totals[position])
    ballot["result"] = result[:1] if fmt.ranking == "winner" else result
    rows["debate_ballots"].append((world.next_id("debate_ballots"), debate_id, held.judges[room],
                                   ballot, None, confirmed - timedelta(minutes=5)))  # fmt: skip
    for speaker_id, score, reply in speeches:
        rows["debate_speeches"].append(
            (world.next_id("debate_speeches"), debate_id, speaker_id, score, reply)
        )
        held.tab.append(debate_standings.Speech(speaker_id, round_id, score, reply=reply))
    released = round_start + timedelta(minutes=70)
    for position, team in enumerate(sides):
        points = _side_result(world, held, debate_id, round_id, position, team, totals, result)
        for _speaker_id, user in held.speakers[team]:
            world.ledger.pay(released, user, "debate_participation", f"debate:{debate_id}", reason)
            if points == (1 if fmt.ranking == "winner" else 3):
                world.ledger.pay(released, user, "debate_win", f"debate:{debate_id}", reason)


def _side_result(world: World, held, debate_id, round_id, position, team, totals, result):
    """A side's points (a win, or 3–0 by rank in BP), speaks and margin; returns the points."""
    fmt = held.fmt
    if fmt.ranking == "winner":
        points = 1 if result[0] == position else 0
        margin = round(totals[position] - totals[1 - position], 2)
    else:
        points, margin = fmt.teams_per_room - 1 - result.index(position), 0.0
    world.debate_rows["debate_debate_teams"].append(
        (world.next_id("debate_debate_teams"), debate_id, round_id, team, position,
         points, round(totals[position], 2), margin),
    )  # fmt: skip
    held.wins[team] += points
    held.speaks[team] += totals[position]
    return points


def _ballot(rng: random.Random, fmt, sides, speakers):
    """A chair's ballot: speeches per position in role order, replies, totals."""
    score_range = fmt.speaker_score
    low, high, step = float(score_range.min), float(score_range.max), float(score_range.step)
    middle = (low + high) / 2
    spread = (high - low) / 6
    ballot = {"speeches": [], "replies": [] if fmt.reply else None}
    totals, speeches = [], []
    for team in sides:
        team_form = rng.gauss(0, spread / 2)
        marks = []
        for speaker_id, _user in speakers[team]:
            score = _on_step(middle + team_form + rng.gauss(0, spread / 2), low, high, step)
            marks.append({"speaker": speaker_id, "score": score})
            speeches.append((speaker_id, float(score), False))
        total = sum(mark["score"] for mark in marks)
        ballot["speeches"].append(marks)
        if fmt.reply:
            score = _reply(rng, fmt.reply, speakers[team], ballot, speeches)
            total += score
        totals.append(total)
    speeches = _untie(rng, ballot, totals, speeches, step, high)
    return ballot, totals, speeches


def _reply(rng: random.Random, reply, team_speakers, ballot, speeches):
    speaker_id = team_speakers[rng.choice(reply.from_roles)][0]
    low, high = float(reply.scores.min), float(reply.scores.max)
    score = _on_step((low + high) / 2 + rng.gauss(0, 1.5), low, high, float(reply.scores.step))
    ballot["replies"].append({"speaker": speaker_id, "score": score})
    speeches.append((speaker_id, float(score), True))
    return score


def _untie(rng: random.Random, ballot, totals, speeches, step, high):
    """No tied totals: nudge a speech by one step until every team's total differs."""
    while len(set(totals)) < len(totals):
        position = rng.randrange(len(totals))
        marks = ballot["speeches"][position]
        role = rng.randrange(len(marks))
        bumped = marks[role]["score"] + (step if marks[role]["score"] + step <= high else -step)
        totals[position] += bumped - marks[role]["score"]
        marks[role]["score"] = bumped
        speeches = [
            (s, float(bumped) if s == marks[role]["speaker"] and not r else v, r)
            for s, v, r in speeches
        ]
    return speeches


def _on_step(value: float, low: float, high: float, step: float):
    value = min(max(value, low), high)
    value = low + round((value - low) / step) * step
    return int(value) if float(step).is_integer() else round(value, 1)
