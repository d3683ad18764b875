"""live games: games, teams, players and answers

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 01:46:58.872638

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "live_games",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pin", sa.String(length=6), nullable=True),
        sa.Column("quiz_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("host_id", sa.Integer(), nullable=True),
        sa.Column("host_language", sa.String(length=2), nullable=False),
        sa.Column(
            "phase",
            sa.Enum(
                "lobby",
                "question",
                "reveal",
                "finished",
                name="gamephase",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_count", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("scoring", sa.JSON(), nullable=False),
        sa.Column(
            "team_mode",
            sa.Enum("none", "class", "host", name="teammode", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("question_started_at", sa.DateTime(), nullable=True),
        sa.Column("question_ends_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["host_id"], ["users.id"], name=op.f("fk_live_games_host_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["quiz_id"],
            ["quizzes.id"],
            name=op.f("fk_live_games_quiz_id_quizzes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["quiz_versions.id"],
            name=op.f("fk_live_games_version_id_quiz_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_games")),
        sa.UniqueConstraint("pin", name=op.f("uq_live_games_pin")),
    )
    with op.batch_alter_table("live_games", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_games_host_id"), ["host_id"], unique=False)

    op.create_table(
        "live_teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("game_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_live_teams_class_id_classes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["game_id"],
            ["live_games.id"],
            name=op.f("fk_live_teams_game_id_live_games"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_teams")),
        sa.UniqueConstraint("game_id", "class_id", name=op.f("uq_live_teams_game_id_class_id")),
    )
    with op.batch_alter_table("live_teams", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_teams_game_id"), ["game_id"], unique=False)

    op.create_table(
        "live_players",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("game_id", sa.Integer(), nullable=False),
        sa.Column("nickname", sa.String(length=20), nullable=False),
        sa.Column("nickname_key", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("streak", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["game_id"],
            ["live_games.id"],
            name=op.f("fk_live_players_game_id_live_games"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["live_teams.id"],
            name=op.f("fk_live_players_team_id_live_teams"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_live_players_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_players")),
        sa.UniqueConstraint(
            "game_id", "nickname_key", name=op.f("uq_live_players_game_id_nickname_key")
        ),
        sa.UniqueConstraint("game_id", "user_id", name=op.f("uq_live_players_game_id_user_id")),
    )
    with op.batch_alter_table("live_players", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_players_game_id"), ["game_id"], unique=False)

    op.create_table(
        "live_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("game_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=True),
        sa.Column("elapsed_ms", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("bonus", sa.Integer(), nullable=False),
        sa.Column("streak_after", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["game_id"],
            ["live_games.id"],
            name=op.f("fk_live_answers_game_id_live_games"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["player_id"],
            ["live_players.id"],
            name=op.f("fk_live_answers_player_id_live_players"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_answers")),
        sa.UniqueConstraint(
            "player_id", "position", name=op.f("uq_live_answers_player_id_position")
        ),
    )
    with op.batch_alter_table("live_answers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_live_answers_game_position", ["game_id", "position"], unique=False
        )


def downgrade():

    with op.batch_alter_table("live_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_live_answers_game_position")

    op.drop_table("live_answers")
    with op.batch_alter_table("live_players", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_players_game_id"))

    op.drop_table("live_players")
    with op.batch_alter_table("live_teams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_teams_game_id"))

    op.drop_table("live_teams")
    with op.batch_alter_table("live_games", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_games_host_id"))

    op.drop_table("live_games")
