"""Debate tournaments: teams and speakers, adjudicators, venues, motions, rounds, debates
(rooms of a round) and ballots.

Invariants in the database: a team sits once per round and a judge judges once per round
(unique keys on the round), one seat per position in a debate, one motion key in the library.
Ballots are never overwritten: each submission is a new row, and the newest one of each
adjudicator counts, so corrections keep their history.

Longer than most modules (about 530 lines) on purpose: one tournament's tables and their
relationships, read together; split, each half would import the other.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Institution, Region, User
from app.core.time import utcnow
from app.core.types import LabelledEnum, TranslationMap, UTCDateTime, str_enum
from app.events.models import Event
from app.extensions import db
from app.i18n import _l, translate

from .formats import Format, load_formats
from .standings import Metric


class DrawType(LabelledEnum):
    RANDOM = "random", _l("Random")
    POWER_PAIRED = "power_paired", _l("Power-paired")
    ELIMINATION = "elimination", _l("Elimination")


METRIC_LABELS = {
    Metric.POINTS: _l("Wins / team points"),
    Metric.SPEAKS: _l("Total speaker score"),
    Metric.MARGINS: _l("Margins"),
    Metric.DRAW_STRENGTH: _l("Draw strength"),
    Metric.WHO_BEAT_WHOM: _l("Who beat whom"),
}

DRAW_PRIORITY_LABELS = {
    "conflicts": _l("Avoid repeats and same-institution rooms first, even across brackets"),
    "brackets": _l("Keep to brackets first: avoid conflicts only inside a bracket"),
    "sides": _l(
        "Avoid repeats and same-institution rooms first, then balance sides, even across brackets"
    ),
}

# The leagues a tournament may run side by side: a league's teams debate in its language and
# meet only each other. "" is the single league of a tournament without leagues.
LEAGUE_LABELS = {"kk": _l("Kazakh league"), "ru": _l("Russian league")}

# A speaker's language category, given at registration.
SPEAKER_CATEGORY_LABELS = {
    "": _l("Not given"),
    "kk": _l("Kazakh-language"),
    "ru": _l("Russian-language"),
    "en": _l("English-language"),
}

# The separate tabs and breaks a tournament shows: a speaker is in a language's category by
# their language, in "junior" when marked so; a team is in a category when all its speakers
# are (as Tabbycat decides a team's eligibility for a novice or ESL break).
TAB_CATEGORY_LABELS = {
    "kk": _l("Kazakh-language"),
    "ru": _l("Russian-language"),
    "en": _l("English-language"),
    "junior": _l("Junior"),
}

# What the draw does when an odd number of teams is present: one team sits out with a bye
# (it counts as a win), or the tournament's swing team fills the last room (and never ranks).
ODD_TEAMS_LABELS = {
    "bye": _l("A bye: one team sits out and is given the win"),
    "swing": _l("A swing team fills the last room (it never ranks)"),
}


class PanelRole(StrEnum):
    CHAIR = "chair"
    PANELIST = "panelist"


class Tournament(db.Model):
    __tablename__ = "debate_tournaments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(150))
    format_key: Mapped[str] = mapped_column(sa.String(40))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institutions.id"))
    leagues: Mapped[list] = mapped_column(sa.JSON, default=list)  # [] or some of "kk", "ru"
    metrics: Mapped[list] = mapped_column(sa.JSON)  # Metric values, the order of tie-breaks
    break_size: Mapped[int] = mapped_column(default=0)  # teams per league; 0: no break
    institution_cap: Mapped[int | None]  # at most this many teams of one school in the break
    # What the two-team power draw puts first (draw/two_team.py PRIORITIES): "conflicts" (no
    # repeat, no same institution, then brackets, then sides), "brackets" or "sides".
    draw_priority: Mapped[str] = mapped_column(sa.String(20), default="conflicts")
    # The tournament day: check-in and attendance points run through the events area.
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="SET NULL"))
    # Signs the adjudicators' private ballot links (app/debates/links.py); never shown.
    ballot_secret: Mapped[str] = mapped_column(sa.String(64))
    standings_released: Mapped[bool] = mapped_column(default=False)
    speakers_released: Mapped[bool] = mapped_column(default=False)
    break_released: Mapped[bool] = mapped_column(default=False)
    # The public registration form (views/registration.py) takes teams while this is set.
    registration_open: Mapped[bool] = mapped_column(default=False)
    # With check-ins, a round is drawn from the teams (and panels from the judges) present.
    check_ins: Mapped[bool] = mapped_column(default=False)
    odd_teams: Mapped[str] = mapped_column(sa.String(10), default="bye")  # ODD_TEAMS_LABELS
    # The tab room's own questions after the 1-5 score of a judge's feedback form.
    feedback_questions: Mapped[list] = mapped_column(sa.JSON, default=list)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    region: Mapped[Region] = relationship()
    institution: Mapped[Institution | None] = relationship()
    event: Mapped[Event | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    teams: Mapped[list["Team"]] = relationship(
        back_populates="tournament", order_by="Team.name", cascade="all, delete-orphan"
    )
    adjudicators: Mapped[list["Adjudicator"]] = relationship(
        back_populates="tournament", order_by="Adjudicator.name", cascade="all, delete-orphan"
    )
    venues: Mapped[list["Venue"]] = relationship(
        order_by="(Venue.priority.desc(), Venue.name)", cascade="all, delete-orphan"
    )
    rounds: Mapped[list["Round"]] = relationship(
        back_populates="tournament", order_by="Round.number", cascade="all, delete-orphan"
    )

    @property
    def format(self) -> Format:
        return load_formats()[self.format_key]

    @property
    def format_name(self) -> str:
        return translate(self.format.name)

    @property
    def league_codes(self) -> list[str]:
        return list(self.leagues) or [""]

    @property
    def metric_order(self) -> tuple[Metric, ...]:
        return tuple(Metric(value) for value in self.metrics)

    @property
    def preliminary_rounds(self) -> list["Round"]:
        return [r for r in self.rounds if r.draw_type != DrawType.ELIMINATION]


class Team(db.Model):
    __tablename__ = "debate_teams"
    __table_args__ = (sa.UniqueConstraint("tournament_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_tournaments.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(100))
    institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institutions.id"))
    league: Mapped[str] = mapped_column(sa.String(2), default="")
    # A swing team (volunteers) fills a room for an odd count; it never ranks or breaks.
    swing: Mapped[bool] = mapped_column(default=False)
    # Personal data, seen only by the tab room (docs/privacy.md): who to call about the team.
    contact_name: Mapped[str] = mapped_column(sa.String(100), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(40), default="")
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the public form

    tournament: Mapped[Tournament] = relationship(back_populates="teams")
    institution: Mapped[Institution | None] = relationship()
    speakers: Mapped[list["Speaker"]] = relationship(
        back_populates="team", order_by="Speaker.id", cascade="all, delete-orphan"
    )

    def in_category(self, category: str) -> bool:
        return bool(self.speakers) and all(s.in_category(category) for s in self.speakers)


class Speaker(db.Model):
    """A platform student (points and badges reach them) or a guest known by name only."""

    __tablename__ = "debate_speakers"
    __table_args__ = (sa.UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_teams.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    guest_name: Mapped[str] = mapped_column(sa.String(100), default="")
    category: Mapped[str] = mapped_column(sa.String(2), default="")  # SPEAKER_CATEGORY_LABELS
    junior: Mapped[bool] = mapped_column(default=False)  # in the junior tab and break too

    def in_category(self, category: str) -> bool:
        return self.junior if category == "junior" else self.category == category

    team: Mapped[Team] = relationship(back_populates="speakers")
    user: Mapped[User | None] = relationship()

    @property
    def name(self) -> str:
        """The public name: a student's display name (never their full name), or the guest's."""
        return self.user.display_name if self.user else self.guest_name


adjudicator_team_conflicts = sa.Table(
    "debate_adjudicator_team_conflicts",
    db.metadata,
    sa.Column(
        "adjudicator_id",
        sa.ForeignKey("debate_adjudicators.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("team_id", sa.ForeignKey("debate_teams.id", ondelete="CASCADE"), primary_key=True),
)

adjudicator_institution_conflicts = sa.Table(
    "debate_adjudicator_institution_conflicts",
    db.metadata,
    sa.Column(
        "adjudicator_id",
        sa.ForeignKey("debate_adjudicators.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "institution_id", sa.ForeignKey("institutions.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Adjudicator(db.Model):
    __tablename__ = "debate_adjudicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_tournaments.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(100))
    # Optional: a signed-in adjudicator is refused other adjudicators' ballot links.
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institutions.id"))
    rating: Mapped[float] = mapped_column(default=5.0)  # 0-10; stronger panels to top rooms

    tournament: Mapped[Tournament] = relationship(back_populates="adjudicators")
    user: Mapped[User | None] = relationship()
    institution: Mapped[Institution | None] = relationship()
    conflict_teams: Mapped[list[Team]] = relationship(
        secondary=adjudicator_team_conflicts, order_by="Team.name"
    )
    conflict_institutions: Mapped[list[Institution]] = relationship(
        secondary=adjudicator_institution_conflicts, order_by="Institution.name"
    )


class Venue(db.Model):
    __tablename__ = "debate_venues"
    __table_args__ = (sa.UniqueConstraint("tournament_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_tournaments.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(60))
    priority: Mapped[int] = mapped_column(default=0)  # higher: given to the top rooms first


class Motion(db.Model):
    """A motion of the library (shared by every tournament), in kk/ru/en."""

    __tablename__ = "debate_motions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(80), unique=True)
    topic: Mapped[str] = mapped_column(sa.String(40), default="")
    text: Mapped[dict] = mapped_column(TranslationMap)
    info_slide: Mapped[dict] = mapped_column(TranslationMap, default=dict)

    @property
    def display_text(self) -> str:
        return translate(self.text)

    @property
    def display_info_slide(self) -> str:
        return translate(self.info_slide) if self.info_slide else ""


class Round(db.Model):
    __tablename__ = "debate_rounds"
    __table_args__ = (sa.UniqueConstraint("tournament_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_tournaments.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    draw_type: Mapped[DrawType] = mapped_column(str_enum(DrawType))
    motion_id: Mapped[int | None] = mapped_column(sa.ForeignKey("debate_motions.id"))
    # The motion is public (and on the projector) from this moment; None: not scheduled.
    motion_release_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    draw_released: Mapped[bool] = mapped_column(default=False)
    results_released: Mapped[bool] = mapped_column(default=False)
    drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seed: Mapped[int] = mapped_column(default=0)  # the draw's seed, so a draw can be explained

    tournament: Mapped[Tournament] = relationship(back_populates="rounds")
    motion: Mapped[Motion | None] = relationship()
    debates: Mapped[list["Debate"]] = relationship(
        back_populates="round", order_by="Debate.sequence", cascade="all, delete-orphan"
    )

    @property
    def draw_type_label(self) -> str:
        return str(self.draw_type.label)

    def motion_released(self, now: datetime) -> bool:
        return self.motion_release_at is not None and self.motion_release_at <= now


class Debate(db.Model):
    """One room of a round (or a bye: a debate with a single team and no panel)."""

    __tablename__ = "debate_debates"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_rounds.id", ondelete="CASCADE"), index=True
    )
    sequence: Mapped[int]  # the order on the draw: most important room first
    league: Mapped[str] = mapped_column(sa.String(2), default="")
    venue_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("debate_venues.id", ondelete="SET NULL")
    )
    bracket: Mapped[float] = mapped_column(default=0)
    flags: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # team id (str) -> [Flag]
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    confirmed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    round: Mapped[Round] = relationship(back_populates="debates")
    venue: Mapped["Venue | None"] = relationship()
    sides: Mapped[list["DebateTeam"]] = relationship(
        back_populates="debate", order_by="DebateTeam.position", cascade="all, delete-orphan"
    )
    panel: Mapped[list["PanelSeat"]] = relationship(
        back_populates="debate",
        order_by="(PanelSeat.role, PanelSeat.id)",
        cascade="all, delete-orphan",
    )
    ballots: Mapped[list["Ballot"]] = relationship(
        back_populates="debate", order_by="Ballot.id", cascade="all, delete-orphan"
    )
    speeches: Mapped[list["Speech"]] = relationship(cascade="all, delete-orphan")

    @property
    def is_bye(self) -> bool:
        return len(self.sides) == 1

    @property
    def chair(self) -> "PanelSeat | None":
        return next((seat for seat in self.panel if seat.role == PanelRole.CHAIR), None)

    @property
    def label(self) -> str:
        """How the draw names this room: its venue, else its place on the draw."""
        return self.venue.name if self.venue else _l("Room %(number)s", number=self.sequence)


class DebateTeam(db.Model):
    """A team's seat in a debate and, once the ballots are confirmed, its result."""

    __tablename__ = "debate_debate_teams"
    __table_args__ = (
        sa.UniqueConstraint("debate_id", "position"),
        sa.UniqueConstraint("round_id", "team_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    debate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_debates.id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("debate_rounds.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_teams.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]  # index into the format's positions
    points: Mapped[int | None]  # 1/0 (a win) or 3/2/1/0 (BP places); None until confirmed
    speaks: Mapped[float | None]
    margin: Mapped[float | None]

    debate: Mapped[Debate] = relationship(back_populates="sides")
    team: Mapped[Team] = relationship()


class PanelSeat(db.Model):
    __tablename__ = "debate_panel_seats"
    __table_args__ = (sa.UniqueConstraint("round_id", "adjudicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    debate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_debates.id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("debate_rounds.id", ondelete="CASCADE"))
    adjudicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_adjudicators.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[PanelRole] = mapped_column(str_enum(PanelRole))

    debate: Mapped[Debate] = relationship(back_populates="panel")
    adjudicator: Mapped[Adjudicator] = relationship()


class Ballot(db.Model):
    """One submission of one adjudicator's ballot; the newest per adjudicator counts.

    ``scores`` holds {"speeches": [[{"speaker": id, "score": n}, ...] per position],
    "replies": [{"speaker": id, "score": n} per position] or null, "result": [positions]}."""

    __tablename__ = "debate_ballots"

    id: Mapped[int] = mapped_column(primary_key=True)
    debate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_debates.id", ondelete="CASCADE"), index=True
    )
    adjudicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_adjudicators.id", ondelete="CASCADE")
    )
    scores: Mapped[dict] = mapped_column(sa.JSON)
    # Who typed it: None for the adjudicator's own link, else the organizer's account.
    entered_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    debate: Mapped[Debate] = relationship(back_populates="ballots")
    adjudicator: Mapped[Adjudicator] = relationship()
    entered_by: Mapped[User | None] = relationship()

    @property
    def result(self) -> tuple[int, ...]:
        return tuple(self.scores["result"])


class Speech(db.Model):
    """A confirmed speech: the speaker tab reads these (scores averaged over the majority)."""

    __tablename__ = "debate_speeches"
    __table_args__ = (sa.UniqueConstraint("debate_id", "speaker_id", "reply"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    debate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_debates.id", ondelete="CASCADE"), index=True
    )
    speaker_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_speakers.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float]
    reply: Mapped[bool] = mapped_column(default=False)

    speaker: Mapped[Speaker] = relationship()


class CheckIn(db.Model):
    """A team or a judge present for a round (before its draw): one row each, at most."""

    __tablename__ = "debate_check_ins"
    __table_args__ = (
        sa.UniqueConstraint("round_id", "team_id"),
        sa.UniqueConstraint("round_id", "adjudicator_id"),
        sa.CheckConstraint("(team_id IS NULL) <> (adjudicator_id IS NULL)", name="one_checked_in"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_rounds.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("debate_teams.id", ondelete="CASCADE")
    )
    adjudicator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("debate_adjudicators.id", ondelete="CASCADE")
    )
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Feedback(db.Model):
    """A team's or a panellist's rating of a judge after a debate. The judge never sees it;
    who gave it is kept only so that each gives one (the newest replaces it)."""

    __tablename__ = "debate_feedback"
    __table_args__ = (
        sa.UniqueConstraint("debate_id", "adjudicator_id", "from_team_id"),
        sa.UniqueConstraint("debate_id", "adjudicator_id", "from_adjudicator_id"),
        sa.CheckConstraint(
            "(from_team_id IS NULL) <> (from_adjudicator_id IS NULL)", name="one_source"
        ),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    debate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("debate_debates.id", ondelete="CASCADE"), index=True
    )
    adjudicator_id: Mapped[int] = mapped_column(  # the judge rated
        sa.ForeignKey("debate_adjudicators.id", ondelete="CASCADE"), index=True
    )
    from_team_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("debate_teams.id", ondelete="CASCADE")
    )
    from_adjudicator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("debate_adjudicators.id", ondelete="CASCADE")
    )
    score: Mapped[int]
    answers: Mapped[list] = mapped_column(sa.JSON, default=list)  # one text per question
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    debate: Mapped[Debate] = relationship()
    adjudicator: Mapped[Adjudicator] = relationship(foreign_keys=[adjudicator_id])
