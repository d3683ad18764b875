"""dashboards: summary of figures per day, indexes for counting by time (sign-ups,
check-ins, answers, live games, debates)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 19:57:28.645733

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dashboard_summary_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("through", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_summary_state")),
    )
    op.create_table(
        "dashboard_daily_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=24), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.Integer(), nullable=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_dashboard_daily_figures_institution_id_institutions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_dashboard_daily_figures_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_daily_figures")),
    )
    with op.batch_alter_table("dashboard_daily_figures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dashboard_daily_figures_metric_day", ["metric", "day"], unique=False
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_created_at"), ["created_at"], unique=False)

    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answers_answered_at"), ["answered_at"], unique=False)

    with op.batch_alter_table("debate_debates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_debate_debates_confirmed_at"), ["confirmed_at"], unique=False
        )

    with op.batch_alter_table("event_check_ins", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_check_ins_recorded_at"), ["recorded_at"], unique=False
        )

    with op.batch_alter_table("live_games", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_live_games_finished_at"), ["finished_at"], unique=False
        )


def downgrade():

    with op.batch_alter_table("live_games", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_games_finished_at"))

    with op.batch_alter_table("event_check_ins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_check_ins_recorded_at"))

    with op.batch_alter_table("debate_debates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debate_debates_confirmed_at"))

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_created_at"))

    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answers_answered_at"))

    with op.batch_alter_table("dashboard_daily_figures", schema=None) as batch_op:
        batch_op.drop_index("ix_dashboard_daily_figures_metric_day")

    op.drop_table("dashboard_daily_figures")
    op.drop_table("dashboard_summary_state")
