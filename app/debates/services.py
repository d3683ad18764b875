"""Every write of tournaments except draws (draw_services.py) and ballots (ballots.py): setup,
rounds and motions, releases (results pay points through the ledger) and the finish.

Each use case validates first and commits once; a refusal raises FieldError (a form field)
or DebateError before anything is written.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
import yaml

from app.accounts.models import Institution, User
from app.core.access import Role, covers_region
from app.core.errors import FieldError
from app.core.transactions import use_case
from app.events.models import Audience, EventKind
from app.events.services import EventDetails, add_event
from app.extensions import db
from app.gamification.models import PointSource
from app.gamification.rules import rule
from app.gamification.services import award
from app.i18n import _, ngettext

from . import feedback, links, queries
from .errors import DebateError
from .formats import load_formats
from .models import (
    DRAW_PRIORITY_LABELS,
    ODD_TEAMS_LABELS,
    Adjudicator,
    Debate,
    DrawType,
    Motion,
    Round,
    Speaker,
    Team,
    Tournament,
    Venue,
)
from .standings import Metric

MOTIONS_FILE = Path(__file__).with_name("motions.yaml")


@dataclass(frozen=True)
class TournamentDetails:
    name: str
    format_key: str
    region_id: int
    institution_id: int | None
    leagues: tuple[str, ...]  # () or some of "kk", "ru"
    metrics: tuple[Metric, ...]
    break_size: int
    institution_cap: int | None
    draw_priority: str = "conflicts"
    # The tournament day, an event with check-in; None: no event.
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str = ""


@use_case
def create_tournament(author: User, details: TournamentDetails, now: datetime) -> Tournament:
    _validate(details)
    tournament = Tournament(
        name=details.name.strip(),
        format_key=details.format_key,
        region_id=details.region_id,
        institution_id=details.institution_id,
        leagues=list(details.leagues),
        metrics=[str(metric) for metric in details.metrics],
        break_size=details.break_size,
        institution_cap=details.institution_cap,
        draw_priority=details.draw_priority,
        ballot_secret=links.new_secret(),
        created_by_id=author.id,
        created_at=now,
    )
    if details.starts_at is not None and details.ends_at is not None:
        tournament.event = add_event(author, _event_details(author, details), now)
    db.session.add(tournament)
    db.session.commit()
    return tournament


def _validate(details: TournamentDetails) -> None:
    if details.format_key not in load_formats():
        raise FieldError("format_key", _("Choose a format."))
    if details.draw_priority not in DRAW_PRIORITY_LABELS:
        raise FieldError("draw_priority", _("Choose what the draw puts first."))
    if not details.metrics or len(set(details.metrics)) != len(details.metrics):
        raise FieldError("metrics", _("Choose each tie-breaker at most once."))
    if details.institution_id is not None:
        institution = db.session.get(Institution, details.institution_id)
        if institution is None or institution.region_id != details.region_id:
            raise FieldError("institution_id", _("Choose an institution of the region."))
    if (details.starts_at is None) != (details.ends_at is None):
        raise FieldError("ends_at", _("Give both the start and the end of the tournament day."))


def _event_details(author: User, details: TournamentDetails) -> EventDetails:
    """The tournament day takes its creator's scope, never wider than they could create by
    hand: the region for staff covering it; for a teacher, their own institution (and the
    tournament's), then each team's institution as it is entered (``add_team``)."""
    name = details.name.strip()
    if covers_region(author, details.region_id):
        audience, institution_ids = Audience.REGION, ()
    else:
        audience = Audience.INSTITUTIONS
        institution_ids = tuple({author.institution_id, details.institution_id} - {None})
    return EventDetails(
        kind=EventKind.DEBATE_DAY,
        title={"kk": name, "ru": name, "en": name},
        description={},
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        place=details.place,
        online_url="",
        region_id=details.region_id,
        institution_id=details.institution_id,
        audience=audience,
        class_ids=(),
        institution_ids=institution_ids,
        registration_required=False,
        capacity=None,
        points=rule(PointSource.EVENT_CHECKIN).points,
    )


@use_case
def add_team(
    tournament: Tournament,
    name: str,
    institution_id: int | None,
    league: str,
    student_logins: list[str],
    guest_names: list[str],
) -> Team:
    _check_open(tournament)
    name = name.strip()
    if any(team.name.casefold() == name.casefold() for team in tournament.teams):
        raise FieldError("name", _("A team of this tournament already has this name."))
    if league not in tournament.league_codes:
        raise FieldError("league", _("Choose one of the tournament's leagues."))
    students = _students(tournament, student_logins)
    guests = [guest.strip() for guest in guest_names if guest.strip()]
    if len(students) + len(guests) < len(tournament.format.roles):
        raise FieldError(
            "guests",
            ngettext(
                "A team needs at least %(num)d speaker.",
                "A team needs at least %(num)d speakers.",
                len(tournament.format.roles),
            ),
        )
    team = Team(name=name, institution_id=institution_id, league=league)
    team.speakers = [Speaker(user_id=s.id) for s in students]
    team.speakers += [Speaker(guest_name=guest) for guest in guests]
    tournament.teams.append(team)
    _invite_to_the_day(tournament, institution_id)
    db.session.commit()
    return team


def _invite_to_the_day(tournament: Tournament, institution_id: int | None) -> None:
    """A tournament day open to institutions also opens to each entered team's school."""
    event = tournament.event
    if event is None or event.audience != Audience.INSTITUTIONS or institution_id is None:
        return
    if institution_id not in {institution.id for institution in event.institutions}:
        event.institutions.append(db.session.get(Institution, institution_id))


def _students(tournament: Tournament, logins: list[str]) -> list[User]:
    wanted = {login.strip().lower() for login in logins if login.strip()}
    students = list(db.session.scalars(sa.select(User).where(User.login.in_(wanted))))
    found = {student.login for student in students}
    if found != wanted or not all(s.has_role(Role.STUDENT) for s in students):
        missing = ", ".join(sorted(wanted - found)) or ", ".join(sorted(wanted))
        raise FieldError("students", _("No student account: %(logins)s.", logins=missing))
    taken = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Speaker)
        .join(Team)
        .where(Team.tournament_id == tournament.id, Speaker.user_id.in_(s.id for s in students))
    )
    if taken:
        raise FieldError("students", _("A student may speak for one team of a tournament only."))
    return students


def user_by_login(login: str) -> User | None:
    login = login.strip().lower()
    return db.session.scalar(sa.select(User).where(User.login == login)) if login else None


def adjudicator_account(login: str | None) -> int | None:
    """The account an adjudicator's login names (None for a judge without one)."""
    if not (login or "").strip():
        return None
    user = user_by_login(login)
    if user is None:
        raise FieldError("login", _("There is no account with this login."))
    return user.id


@use_case
def add_adjudicator(
    tournament: Tournament,
    name: str,
    institution_id: int | None,
    rating: float,
    user_id: int | None,
    team_conflicts: list[int],
    institution_conflicts: list[int],
) -> Adjudicator:
    _check_open(tournament)
    if not 0 <= rating <= 10:
        raise FieldError("rating", _("A rating goes from 0 to 10."))
    own_teams = {team.id: team for team in tournament.teams}
    adjudicator = Adjudicator(
        name=name.strip(), institution_id=institution_id, rating=rating, user_id=user_id
    )
    adjudicator.conflict_teams = [own_teams[i] for i in team_conflicts if i in own_teams]
    adjudicator.conflict_institutions = list(
        db.session.scalars(sa.select(Institution).where(Institution.id.in_(institution_conflicts)))
    )
    tournament.adjudicators.append(adjudicator)
    db.session.commit()
    return adjudicator


@use_case
def add_venue(tournament: Tournament, name: str, priority: int) -> Venue:
    _check_open(tournament)
    name = name.strip()
    if any(venue.name.casefold() == name.casefold() for venue in tournament.venues):
        raise FieldError("name", _("This venue is on the list already."))
    venue = Venue(name=name, priority=priority)
    tournament.venues.append(venue)
    db.session.commit()
    return venue


@use_case
def add_round(
    tournament: Tournament,
    draw_type: DrawType,
    motion_id: int | None,
    motion_release_at: datetime | None,
) -> Round:
    _check_open(tournament)
    eliminations = any(r.draw_type == DrawType.ELIMINATION for r in tournament.rounds)
    if eliminations and draw_type != DrawType.ELIMINATION:
        raise FieldError("draw_type", str(DebateError("preliminary_after_break").message))
    round_ = Round(
        number=len(tournament.rounds) + 1,
        draw_type=draw_type,
        motion_id=motion_id,
        motion_release_at=motion_release_at,
    )
    tournament.rounds.append(round_)
    db.session.commit()
    return round_


@use_case
def set_motion(round_: Round, motion_id: int | None, release_at: datetime | None) -> None:
    _check_open(round_.tournament)
    round_.motion_id = motion_id
    round_.motion_release_at = release_at
    db.session.commit()


def _check_open(tournament: Tournament) -> None:
    if tournament.finished_at is not None:
        raise DebateError("finished")


# --- releases -------------------------------------------------------------------------------

TOURNAMENT_RELEASES = ("standings_released", "speakers_released", "break_released")


@use_case
def release_draw(round_: Round, released: bool) -> None:
    if released and not round_.debates:
        raise DebateError("not_drawn")
    round_.draw_released = released
    db.session.commit()


@use_case
def release_results(round_: Round, released: bool) -> None:
    """Publishing a round's results pays its speakers (participation) and winners through
    the ledger; every debate must be confirmed first. Payments are keyed by the debate,
    so releasing again never pays twice."""
    debates = queries.round_debates(round_)
    if released:
        if not debates:
            raise DebateError("not_drawn")
        pending = queries.unconfirmed(debates)
        if pending:
            raise DebateError("unconfirmed_results", rooms=", ".join(str(d.label) for d in pending))
        for debate in debates:
            _pay(round_, debate)
    round_.results_released = released
    db.session.commit()


def _pay(round_: Round, debate: Debate) -> None:
    reason = f"{round_.tournament.name}, {round_.number}"
    winning = 1 if round_.tournament.format.ranking == "winner" else 3
    spoke = {speech.speaker_id for speech in debate.speeches}
    for side in debate.sides:
        for speaker in side.team.speakers:
            if speaker.user_id is None or speaker.id not in spoke:
                continue
            key = f"debate:{debate.id}"
            award(speaker.user_id, PointSource.DEBATE_PARTICIPATION, key, reason)
            if side.points == winning:
                award(speaker.user_id, PointSource.DEBATE_WIN, key, reason)


@use_case
def release(tournament: Tournament, what: str, released: bool) -> None:
    if what not in TOURNAMENT_RELEASES:
        raise ValueError(what)
    setattr(tournament, what, released)
    db.session.commit()


@use_case
def finish(tournament: Tournament, now: datetime) -> list[Speaker]:
    """Close the tournament and name each league's best speaker(s), paid through the ledger."""
    _check_open(tournament)
    best = []
    for league in tournament.league_codes:
        rows = queries.speaker_table(tournament, league)
        best += [row.speaker for row in rows if row.standing.rank == 1]
    for speaker in best:
        if speaker.user_id is not None:
            award(
                speaker.user_id,
                PointSource.DEBATE_BEST_SPEAKER,
                f"tournament:{tournament.id}",
                tournament.name,
            )
    tournament.finished_at = now
    db.session.commit()
    return best


# --- the motion library -----------------------------------------------------------------------


def import_motions(path: Path = MOTIONS_FILE) -> int:
    """Add the file's motions to the library, or update those with the same key."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    existing = {motion.key: motion for motion in db.session.scalars(sa.select(Motion))}
    for entry in entries:
        motion = existing.get(entry["key"]) or Motion(key=entry["key"])
        motion.topic = entry.get("topic", "")
        motion.text = dict(entry["motion"])
        motion.info_slide = dict(entry.get("info_slide") or {})
        db.session.add(motion)
    db.session.commit()
    return len(entries)


# --- the tab room's settings: registration, check-ins, odd counts ----------------------------


@use_case
def set_tab_settings(
    tournament: Tournament,
    registration_open: bool,
    check_ins: bool,
    odd_teams: str,
    questions: list[str] | None = None,
) -> None:
    """Registration, check-ins, odd counts and (if given) the feedback questions, together."""
    _check_open(tournament)
    if odd_teams not in ODD_TEAMS_LABELS:
        raise FieldError("odd_teams", _("Choose what the draw does with an odd number of teams."))
    if questions is not None:
        tournament.feedback_questions = feedback.clean_questions(questions)
    tournament.registration_open = registration_open
    tournament.check_ins = check_ins
    tournament.odd_teams = odd_teams
    db.session.commit()


@use_case
def set_swing(team: Team, swing: bool) -> None:
    """A swing team fills a room for an odd count (``odd_teams == "swing"``) and never ranks."""
    _check_open(team.tournament)
    team.swing = swing
    db.session.commit()
