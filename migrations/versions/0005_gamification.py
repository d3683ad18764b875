"""gamification: maintained point totals, daily caps, weekly activity, badge awards

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 00:20:05.257945

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "institution_totals",
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("active_students", sa.Integer(), nullable=False),
        sa.Column("reached_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_institution_totals_institution_id_institutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("institution_id", "period", name=op.f("pk_institution_totals")),
    )
    with op.batch_alter_table("institution_totals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_institution_totals_period"), ["period"], unique=False)

    op.create_table(
        "activity_weeks",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_activity_weeks_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "week_start", name=op.f("pk_activity_weeks")),
    )
    op.create_table(
        "badge_awards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("badge_id", sa.String(length=40), nullable=False),
        sa.Column("awarded_at", sa.DateTime(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("recipient_type", sa.String(length=16), nullable=False),
        sa.Column("recipient_hash", sa.String(length=80), nullable=False),
        sa.Column("salt", sa.String(length=32), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.Column("revocation_reason", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["revoked_by_id"],
            ["users.id"],
            name=op.f("fk_badge_awards_revoked_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_badge_awards_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_badge_awards")),
        sa.UniqueConstraint("public_id", name=op.f("uq_badge_awards_public_id")),
        sa.UniqueConstraint("user_id", "badge_id", name=op.f("uq_badge_awards_user_id_badge_id")),
    )
    op.create_table(
        "daily_points",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "source_kind",
            sa.Enum(
                "quiz_completion",
                "quiz_correct_answer",
                "quiz_perfect_score",
                "live_participation",
                "live_placement",
                "event_checkin",
                "debate_participation",
                "debate_win",
                "debate_best_speaker",
                "volunteer_activity",
                "correction",
                name="pointsource",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_daily_points_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "source_kind", "day", name=op.f("pk_daily_points")),
    )
    op.create_table(
        "point_totals",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("reached_at", sa.DateTime(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_point_totals_institution_id_institutions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_point_totals_region_id_regions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_point_totals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "period", name=op.f("pk_point_totals")),
    )
    # Boards read these top-down: points descending, then who reached the score first.
    for name, scope in (
        ("ix_point_totals_region_board", ["region_id"]),
        ("ix_point_totals_institution_board", ["institution_id"]),
        ("ix_point_totals_national_board", []),
    ):
        op.create_index(
            name,
            "point_totals",
            ["period", *scope, "listed", sa.text("points DESC"), "reached_at"],
        )
    with op.batch_alter_table("point_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("capped_from", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("awarded_by_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_point_entries_user_created", ["user_id", "created_at"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_point_entries_awarded_by_id_users"),
            "users",
            ["awarded_by_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("show_on_boards", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("show_on_boards")

    with op.batch_alter_table("point_entries", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_point_entries_awarded_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_index("ix_point_entries_user_created")
        batch_op.drop_column("awarded_by_id")
        batch_op.drop_column("capped_from")

    for name in (
        "ix_point_totals_region_board",
        "ix_point_totals_institution_board",
        "ix_point_totals_national_board",
    ):
        op.drop_index(name, table_name="point_totals")
    op.drop_table("point_totals")
    op.drop_table("daily_points")
    op.drop_table("badge_awards")
    op.drop_table("activity_weeks")
    with op.batch_alter_table("institution_totals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_institution_totals_period"))

    op.drop_table("institution_totals")
