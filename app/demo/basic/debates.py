"""The basic demo's tournament: eight school teams, round 1 played and published,
round 2 drawn and released with its ballots still open, so every page has something to show."""

import sqlalchemy as sa

from app.accounts.models import Institution, User
from app.core.time import utcnow
from app.debates import ballots, draw_services, services
from app.debates.models import DrawType, Motion, Tournament
from app.debates.standings import DEFAULT_METRICS
from app.extensions import db

DEMO_NAME = "Адалдық кубогы · Integrity Cup"
TEAM_NAMES = ("Ақиқат", "Әділет", "Болашақ", "Дала", "Жасампаз", "Намыс", "Сарбаз", "Тұмар")
DEMO_MOTIONS = ("gifts-to-teachers", "public-asset-declarations", "whistleblower-rewards")


def seed_demo_tournament(organizer_login: str, student_logins: list[str]) -> Tournament | None:
    """None when the demo tournament exists already (running the demo again adds nothing)."""
    if db.session.scalar(sa.select(Tournament.id).where(Tournament.name == DEMO_NAME)):
        return None
    services.import_motions()
    organizer = db.session.scalar(sa.select(User).where(User.login == organizer_login))
    region_id = organizer.organizer_region_id or organizer.institution.region_id
    details = services.TournamentDetails(
        name=DEMO_NAME,
        format_key="wsdc",
        region_id=region_id,
        institution_id=None,
        leagues=(),
        metrics=DEFAULT_METRICS,
        break_size=4,
        institution_cap=None,
    )
    tournament = services.create_tournament(organizer, details, utcnow())
    schools = db.session.scalars(
        sa.select(Institution).where(Institution.region_id == region_id).limit(4)
    ).all()
    for number, name in enumerate(TEAM_NAMES):
        students = student_logins[:3] if number == 0 else []
        guests = [f"{name} {k}" for k in range(1, 4 - len(students))]
        school = schools[number % len(schools)].id if schools else None
        services.add_team(tournament, name, school, "", students, guests)
    for number, rating in enumerate((9, 8, 7, 6), start=1):
        services.add_adjudicator(tournament, f"Төреші {number}", None, rating, None, [], [])
    for number in range(1, 5):
        services.add_venue(tournament, f"{100 + number}", 5 - number)
    motions = {m.key: m.id for m in db.session.scalars(sa.select(Motion))}
    for number, draw_type in enumerate(
        (DrawType.RANDOM, DrawType.POWER_PAIRED, DrawType.POWER_PAIRED)
    ):
        services.add_round(tournament, draw_type, motions.get(DEMO_MOTIONS[number]), None)
    first, second = tournament.rounds[0], tournament.rounds[1]
    draw_services.generate_draw(first, utcnow())
    for debate in first.debates:
        _decide(debate)
    services.release_draw(first, True)
    services.release_results(first, True)
    services.set_motion(first, first.motion_id, utcnow())
    services.release(tournament, "standings_released", True)
    draw_services.generate_draw(second, utcnow())
    services.release_draw(second, True)
    return tournament


def _decide(debate) -> None:
    """The chair's ballot: the team listed first on the draw wins by a few points."""
    fmt = debate.round.tournament.format
    form = {"winner": "0"}
    for side in debate.sides:
        for role in range(len(fmt.roles)):
            form[f"s-{side.position}-{role}-speaker"] = str(side.team.speakers[role].id)
            form[f"s-{side.position}-{role}-score"] = str(74 - side.position * 2 + role % 2)
        form[f"r-{side.position}-speaker"] = str(side.team.speakers[0].id)
        form[f"r-{side.position}-score"] = "36"
    chair = debate.chair.adjudicator
    ballots.submit(debate, chair, ballots.entry_from_form(fmt, form), utcnow())
    ballots.confirm(debate, utcnow(), chair=chair)
