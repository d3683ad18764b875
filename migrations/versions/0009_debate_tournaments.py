"""debate tournaments: teams, speakers, adjudicators with conflicts, venues, the motion library,
rounds, debates, panels, ballots and confirmed speeches

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 06:28:08.365636

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "debate_motions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("text", sa.JSON(), nullable=False),
        sa.Column("info_slide", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_motions")),
        sa.UniqueConstraint("key", name=op.f("uq_debate_motions_key")),
    )
    op.create_table(
        "debate_tournaments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("format_key", sa.String(length=40), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("leagues", sa.JSON(), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        sa.Column("break_size", sa.Integer(), nullable=False),
        sa.Column("institution_cap", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("ballot_secret", sa.String(length=64), nullable=False),
        sa.Column("standings_released", sa.Boolean(), nullable=False),
        sa.Column("speakers_released", sa.Boolean(), nullable=False),
        sa.Column("break_released", sa.Boolean(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_debate_tournaments_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_debate_tournaments_event_id_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_debate_tournaments_institution_id_institutions"),
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_debate_tournaments_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_tournaments")),
    )
    with op.batch_alter_table("debate_tournaments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_debate_tournaments_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_debate_tournaments_region_id"), ["region_id"], unique=False
        )

    op.create_table(
        "debate_adjudicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tournament_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("rating", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_debate_adjudicators_institution_id_institutions"),
        ),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["debate_tournaments.id"],
            name=op.f("fk_debate_adjudicators_tournament_id_debate_tournaments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_debate_adjudicators_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_adjudicators")),
    )
    with op.batch_alter_table("debate_adjudicators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_debate_adjudicators_tournament_id"), ["tournament_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_debate_adjudicators_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "debate_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tournament_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "draw_type",
            sa.Enum(
                "random",
                "power_paired",
                "elimination",
                name="drawtype",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("motion_id", sa.Integer(), nullable=True),
        sa.Column("motion_release_at", sa.DateTime(), nullable=True),
        sa.Column("draw_released", sa.Boolean(), nullable=False),
        sa.Column("results_released", sa.Boolean(), nullable=False),
        sa.Column("drawn_at", sa.DateTime(), nullable=True),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["motion_id"],
            ["debate_motions.id"],
            name=op.f("fk_debate_rounds_motion_id_debate_motions"),
        ),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["debate_tournaments.id"],
            name=op.f("fk_debate_rounds_tournament_id_debate_tournaments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_rounds")),
        sa.UniqueConstraint(
            "tournament_id", "number", name=op.f("uq_debate_rounds_tournament_id_number")
        ),
    )
    with op.batch_alter_table("debate_rounds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_debate_rounds_tournament_id"), ["tournament_id"], unique=False
        )

    op.create_table(
        "debate_teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tournament_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("league", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_debate_teams_institution_id_institutions"),
        ),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["debate_tournaments.id"],
            name=op.f("fk_debate_teams_tournament_id_debate_tournaments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_teams")),
        sa.UniqueConstraint(
            "tournament_id", "name", name=op.f("uq_debate_teams_tournament_id_name")
        ),
    )
    with op.batch_alter_table("debate_teams", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_debate_teams_tournament_id"), ["tournament_id"], unique=False
        )

    op.create_table(
        "debate_venues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tournament_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["debate_tournaments.id"],
            name=op.f("fk_debate_venues_tournament_id_debate_tournaments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_venues")),
        sa.UniqueConstraint(
            "tournament_id", "name", name=op.f("uq_debate_venues_tournament_id_name")
        ),
    )
    with op.batch_alter_table("debate_venues", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_debate_venues_tournament_id"), ["tournament_id"], unique=False
        )

    op.create_table(
        "debate_adjudicator_institution_conflicts",
        sa.Column("adjudicator_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["adjudicator_id"],
            ["debate_adjudicators.id"],
            name=op.f(
                "fk_debate_adjudicator_institution_conflicts_adjudicator_id_debate_adjudicators"
            ),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_debate_adjudicator_institution_conflicts_institution_id_institutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "adjudicator_id",
            "institution_id",
            name=op.f("pk_debate_adjudicator_institution_conflicts"),
        ),
    )
    op.create_table(
        "debate_adjudicator_team_conflicts",
        sa.Column("adjudicator_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["adjudicator_id"],
            ["debate_adjudicators.id"],
            name=op.f("fk_debate_adjudicator_team_conflicts_adjudicator_id_debate_adjudicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["debate_teams.id"],
            name=op.f("fk_debate_adjudicator_team_conflicts_team_id_debate_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "adjudicator_id", "team_id", name=op.f("pk_debate_adjudicator_team_conflicts")
        ),
    )
    op.create_table(
        "debate_debates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("league", sa.String(length=2), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=True),
        sa.Column("bracket", sa.Double(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["confirmed_by_id"],
            ["users.id"],
            name=op.f("fk_debate_debates_confirmed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["debate_rounds.id"],
            name=op.f("fk_debate_debates_round_id_debate_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["venue_id"],
            ["debate_venues.id"],
            name=op.f("fk_debate_debates_venue_id_debate_venues"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_debates")),
    )
    with op.batch_alter_table("debate_debates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_debate_debates_round_id"), ["round_id"], unique=False)

    op.create_table(
        "debate_speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("guest_name", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["debate_teams.id"],
            name=op.f("fk_debate_speakers_team_id_debate_teams"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_debate_speakers_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_speakers")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_debate_speakers_team_id_user_id")),
    )
    with op.batch_alter_table("debate_speakers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_debate_speakers_team_id"), ["team_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_debate_speakers_user_id"), ["user_id"], unique=False)

    op.create_table(
        "debate_ballots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("debate_id", sa.Integer(), nullable=False),
        sa.Column("adjudicator_id", sa.Integer(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["adjudicator_id"],
            ["debate_adjudicators.id"],
            name=op.f("fk_debate_ballots_adjudicator_id_debate_adjudicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["debate_id"],
            ["debate_debates.id"],
            name=op.f("fk_debate_ballots_debate_id_debate_debates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_id"],
            ["users.id"],
            name=op.f("fk_debate_ballots_entered_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_ballots")),
    )
    with op.batch_alter_table("debate_ballots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_debate_ballots_debate_id"), ["debate_id"], unique=False
        )

    op.create_table(
        "debate_debate_teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("debate_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=True),
        sa.Column("speaks", sa.Double(), nullable=True),
        sa.Column("margin", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["debate_id"],
            ["debate_debates.id"],
            name=op.f("fk_debate_debate_teams_debate_id_debate_debates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["debate_rounds.id"],
            name=op.f("fk_debate_debate_teams_round_id_debate_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["debate_teams.id"],
            name=op.f("fk_debate_debate_teams_team_id_debate_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_debate_teams")),
        sa.UniqueConstraint(
            "debate_id", "position", name=op.f("uq_debate_debate_teams_debate_id_position")
        ),
        sa.UniqueConstraint(
            "round_id", "team_id", name=op.f("uq_debate_debate_teams_round_id_team_id")
        ),
    )
    with op.batch_alter_table("debate_debate_teams", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_debate_debate_teams_debate_id"), ["debate_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_debate_debate_teams_team_id"), ["team_id"], unique=False
        )

    op.create_table(
        "debate_panel_seats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("debate_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("adjudicator_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum("chair", "panelist", name="panelrole", native_enum=False, length=32),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["adjudicator_id"],
            ["debate_adjudicators.id"],
            name=op.f("fk_debate_panel_seats_adjudicator_id_debate_adjudicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["debate_id"],
            ["debate_debates.id"],
            name=op.f("fk_debate_panel_seats_debate_id_debate_debates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["debate_rounds.id"],
            name=op.f("fk_debate_panel_seats_round_id_debate_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_panel_seats")),
        sa.UniqueConstraint(
            "round_id", "adjudicator_id", name=op.f("uq_debate_panel_seats_round_id_adjudicator_id")
        ),
    )
    with op.batch_alter_table("debate_panel_seats", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_debate_panel_seats_adjudicator_id"), ["adjudicator_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_debate_panel_seats_debate_id"), ["debate_id"], unique=False
        )

    op.create_table(
        "debate_speeches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("debate_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("reply", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["debate_id"],
            ["debate_debates.id"],
            name=op.f("fk_debate_speeches_debate_id_debate_debates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["debate_speakers.id"],
            name=op.f("fk_debate_speeches_speaker_id_debate_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debate_speeches")),
        sa.UniqueConstraint(
            "debate_id",
            "speaker_id",
            "reply",
            name=op.f("uq_debate_speeches_debate_id_speaker_id_reply"),
        ),
    )
    with op.batch_alter_table("debate_speeches", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_debate_speeches_debate_id"), ["debate_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_debate_speeches_speaker_id"), ["speaker_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("debate_speeches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_speeches_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_debate_speeches_debate_id"))

    op.drop_table("debate_speeches")
    with op.batch_alter_table("debate_panel_seats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_panel_seats_debate_id"))
        batch_op.drop_index(batch_op.f("ix_debate_panel_seats_adjudicator_id"))

    op.drop_table("debate_panel_seats")
    with op.batch_alter_table("debate_debate_teams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_debate_teams_team_id"))
        batch_op.drop_index(batch_op.f("ix_debate_debate_teams_debate_id"))

    op.drop_table("debate_debate_teams")
    with op.batch_alter_table("debate_ballots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_ballots_debate_id"))

    op.drop_table("debate_ballots")
    with op.batch_alter_table("debate_speakers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_speakers_user_id"))
        batch_op.drop_index(batch_op.f("ix_debate_speakers_team_id"))

    op.drop_table("debate_speakers")
    with op.batch_alter_table("debate_debates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_debates_round_id"))

    op.drop_table("debate_debates")
    op.drop_table("debate_adjudicator_team_conflicts")
    op.drop_table("debate_adjudicator_institution_conflicts")
    with op.batch_alter_table("debate_venues", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_venues_tournament_id"))

    op.drop_table("debate_venues")
    with op.batch_alter_table("debate_teams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_teams_tournament_id"))

    op.drop_table("debate_teams")
    with op.batch_alter_table("debate_rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_rounds_tournament_id"))

    op.drop_table("debate_rounds")
    with op.batch_alter_table("debate_adjudicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_adjudicators_user_id"))
        batch_op.drop_index(batch_op.f("ix_debate_adjudicators_tournament_id"))

    op.drop_table("debate_adjudicators")
    with op.batch_alter_table("debate_tournaments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_tournaments_region_id"))
        batch_op.drop_index(batch_op.f("ix_debate_tournaments_created_by_id"))

    op.drop_table("debate_tournaments")
    op.drop_table("debate_motions")
