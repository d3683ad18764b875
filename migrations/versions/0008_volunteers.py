"""volunteers: applications with consent, their history, activities, contact-access log; notifications

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 04:29:24.350928

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("link", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notifications_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index("ix_notifications_user_unread", ["user_id", "read_at"], unique=False)

    op.create_table(
        "volunteer_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "monitoring_visit",
                "legal_consultation",
                "education_session",
                name="activitykind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "object_type",
            sa.Enum(
                "road_repair",
                "playground",
                "park",
                "social_facility",
                "procurement",
                "other",
                name="monitoredobject",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("savings_tenge", sa.BigInteger(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "confirmed",
                "rejected",
                name="activitystatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("review_note", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "savings_tenge IS NULL OR savings_tenge >= 0",
            name=op.f("ck_volunteer_activities_savings"),
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_volunteer_activities_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["users.id"],
            name=op.f("fk_volunteer_activities_reviewed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_volunteer_activities_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_activities")),
    )
    with op.batch_alter_table("volunteer_activities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteer_activities_region_id"), ["region_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_volunteer_activities_status"), ["status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_volunteer_activities_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "volunteer_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column(
            "direction",
            sa.Enum(
                "public_control",
                "research_education",
                "pro_bono",
                "corporate",
                name="direction",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "awaiting_consent",
                "submitted",
                "in_review",
                "interview",
                "accepted",
                "declined",
                "withdrawn",
                "active",
                name="status",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("recommended", sa.Boolean(), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("availability", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("consent_policy_version", sa.String(length=20), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=False),
        sa.Column("is_minor", sa.Boolean(), nullable=False),
        sa.Column("guardian_name", sa.String(length=150), nullable=False),
        sa.Column("guardian_contact", sa.String(length=254), nullable=False),
        sa.Column("guardian_confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("guardian_confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["guardian_confirmed_by_id"],
            ["users.id"],
            name=op.f("fk_volunteer_applications_guardian_confirmed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_volunteer_applications_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_volunteer_applications_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_applications")),
    )
    with op.batch_alter_table("volunteer_applications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteer_applications_region_id"), ["region_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_volunteer_applications_status"), ["status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_volunteer_applications_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "volunteer_contact_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["volunteer_applications.id"],
            name=op.f("fk_volunteer_contact_access_application_id_volunteer_applications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_volunteer_contact_access_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_contact_access")),
    )
    op.create_table(
        "volunteer_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "awaiting_consent",
                "submitted",
                "in_review",
                "interview",
                "accepted",
                "declined",
                "withdrawn",
                "active",
                name="status",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "awaiting_consent",
                "submitted",
                "in_review",
                "interview",
                "accepted",
                "declined",
                "withdrawn",
                "active",
                name="status",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["volunteer_applications.id"],
            name=op.f("fk_volunteer_status_changes_application_id_volunteer_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["by_id"],
            ["users.id"],
            name=op.f("fk_volunteer_status_changes_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_status_changes")),
    )
    with op.batch_alter_table("volunteer_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteer_status_changes_application_id"),
            ["application_id"],
            unique=False,
        )


def downgrade():

    with op.batch_alter_table("volunteer_status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_status_changes_application_id"))

    op.drop_table("volunteer_status_changes")
    op.drop_table("volunteer_contact_access")
    with op.batch_alter_table("volunteer_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_applications_user_id"))
        batch_op.drop_index(batch_op.f("ix_volunteer_applications_status"))
        batch_op.drop_index(batch_op.f("ix_volunteer_applications_region_id"))

    op.drop_table("volunteer_applications")
    with op.batch_alter_table("volunteer_activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_activities_user_id"))
        batch_op.drop_index(batch_op.f("ix_volunteer_activities_status"))
        batch_op.drop_index(batch_op.f("ix_volunteer_activities_region_id"))

    op.drop_table("volunteer_activities")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_user_unread")

    op.drop_table("notifications")
