"""debate tab room: public registration with contacts, speaker categories (language, junior), swing teams,
check-ins before a round, adjudicator feedback

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 10:00:00

"""

import sqlalchemy as sa
from alembic import op

import app.core.types

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("debate_tournaments") as batch_op:
        batch_op.add_column(
            sa.Column("registration_open", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("check_ins", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("odd_teams", sa.String(10), nullable=False, server_default="bye")
        )
        batch_op.add_column(
            sa.Column("feedback_questions", sa.JSON(), nullable=False, server_default="[]")
        )
    with op.batch_alter_table("debate_teams") as batch_op:
        batch_op.add_column(
            sa.Column("swing", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("contact_name", sa.String(100), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("contact_email", sa.String(254), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("contact_phone", sa.String(40), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("registered_at", app.core.types.UTCDateTime(), nullable=True))
    with op.batch_alter_table("debate_speakers") as batch_op:
        batch_op.add_column(sa.Column("category", sa.String(2), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("junior", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "debate_check_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("adjudicator_id", sa.Integer(), nullable=True),
        sa.Column("checked_in_at", app.core.types.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "(team_id IS NULL) <> (adjudicator_id IS NULL)",
            name=op.f("ck_debate_check_ins_one_checked_in"),
        ),
        sa.ForeignKeyConstraint(["adjudicator_id"], ["debate_adjudicators.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["debate_rounds.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["debate_teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "adjudicator_id"),
        sa.UniqueConstraint("round_id", "team_id"),
    )
    op.create_index("ix_debate_check_ins_round_id", "debate_check_ins", ["round_id"])
    op.create_table(
        "debate_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("debate_id", sa.Integer(), nullable=False),
        sa.Column("adjudicator_id", sa.Integer(), nullable=False),
        sa.Column("from_team_id", sa.Integer(), nullable=True),
        sa.Column("from_adjudicator_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("submitted_at", app.core.types.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "(from_team_id IS NULL) <> (from_adjudicator_id IS NULL)",
            name=op.f("ck_debate_feedback_one_source"),
        ),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_debate_feedback_score_range")),
        sa.ForeignKeyConstraint(["adjudicator_id"], ["debate_adjudicators.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["debate_id"], ["debate_debates.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["from_adjudicator_id"], ["debate_adjudicators.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["from_team_id"], ["debate_teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("debate_id", "adjudicator_id", "from_adjudicator_id"),
        sa.UniqueConstraint("debate_id", "adjudicator_id", "from_team_id"),
    )
    op.create_index("ix_debate_feedback_debate_id", "debate_feedback", ["debate_id"])
    op.create_index("ix_debate_feedback_adjudicator_id", "debate_feedback", ["adjudicator_id"])


def downgrade():
    op.drop_table("debate_feedback")
    op.drop_table("debate_check_ins")
    with op.batch_alter_table("debate_speakers") as batch_op:
        batch_op.drop_column("junior")
        batch_op.drop_column("category")
    with op.batch_alter_table("debate_teams") as batch_op:
        for column in ("registered_at", "contact_phone", "contact_email", "contact_name", "swing"):
            batch_op.drop_column(column)
    with op.batch_alter_table("debate_tournaments") as batch_op:
        for column in ("feedback_questions", "odd_teams", "check_ins", "registration_open"):
            batch_op.drop_column(column)
