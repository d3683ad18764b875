"""accounts: regions (with the 20 regions of Kazakhstan), institutions, classes, users, roles

Revision ID: 0001
Revises:
Create Date: 2026-11-24 22:25:18.658485

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "regions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("oblast", "city", name="regionkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("name", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regions")),
        sa.UniqueConstraint("code", name=op.f("uq_regions_code")),
    )
    op.create_table(
        "institutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "school",
                "college",
                "university",
                name="institutionkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_institutions_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institutions")),
        sa.UniqueConstraint("region_id", "name", name=op.f("uq_institutions_region_id_name")),
    )
    with op.batch_alter_table("institutions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_institutions_region_id"), ["region_id"], unique=False)

    op.create_table(
        "classes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("join_code", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_classes_institution_id_institutions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_classes")),
        sa.UniqueConstraint("institution_id", "name", name=op.f("uq_classes_institution_id_name")),
        sa.UniqueConstraint("join_code", name=op.f("uq_classes_join_code")),
    )
    with op.batch_alter_table("classes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_classes_institution_id"), ["institution_id"], unique=False
        )

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("display_name", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.String(length=150), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("locale", sa.String(length=5), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("session_token", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_users_institution_id_institutions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("login", name=op.f("uq_users_login")),
    )
    op.create_table(
        "class_students",
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_class_students_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_class_students_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("class_id", "user_id", name=op.f("pk_class_students")),
    )
    op.create_table(
        "class_teachers",
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_class_teachers_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_class_teachers_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("class_id", "user_id", name=op.f("pk_class_teachers")),
    )
    op.create_table(
        "role_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "student",
                "teacher",
                "organizer",
                "admin",
                name="role",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["users.id"], name=op.f("fk_role_grants_approved_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_role_grants_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_role_grants_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_grants")),
        sa.UniqueConstraint("user_id", "role", name=op.f("uq_role_grants_user_id_role")),
    )
    op.create_table(
        "teacher_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_by_id", sa.Integer(), nullable=True),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_teacher_invitations_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_teacher_invitations_institution_id_institutions"),
        ),
        sa.ForeignKeyConstraint(
            ["used_by_id"], ["users.id"], name=op.f("fk_teacher_invitations_used_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teacher_invitations")),
        sa.UniqueConstraint("token", name=op.f("uq_teacher_invitations_token")),
    )
    seed_regions()


# The 17 oblasts and 3 cities of republican significance; names as the official
# kk and ru forms, en as commonly transliterated.
REGIONS = [
    ("abai", "oblast", "Абай облысы", "область Абай", "Abai Region"),
    ("akmola", "oblast", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    ("aktobe", "oblast", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    ("almaty-region", "oblast", "Алматы облысы", "Алматинская область", "Almaty Region"),
    ("atyrau", "oblast", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    (
        "east-kazakhstan",
        "oblast",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
    ),
    ("jambyl", "oblast", "Жамбыл облысы", "Жамбылская область", "Jambyl Region"),
    ("jetisu", "oblast", "Жетісу облысы", "область Жетісу", "Jetisu Region"),
    ("karaganda", "oblast", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    ("kostanay", "oblast", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
    ("kyzylorda", "oblast", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    ("mangystau", "oblast", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    (
        "north-kazakhstan",
        "oblast",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
    ),
    ("pavlodar", "oblast", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    ("turkistan", "oblast", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    ("ulytau", "oblast", "Ұлытау облысы", "область Ұлытау", "Ulytau Region"),
    (
        "west-kazakhstan",
        "oblast",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
    ),
    ("astana", "city", "Астана", "Астана", "Astana"),
    ("almaty", "city", "Алматы", "Алматы", "Almaty"),
    ("shymkent", "city", "Шымкент", "Шымкент", "Shymkent"),
]


def seed_regions():
    regions = sa.table(
        "regions",
        sa.column("code", sa.String),
        sa.column("kind", sa.String),
        sa.column("name", sa.JSON),
    )
    op.bulk_insert(
        regions,
        [
            {"code": code, "kind": kind, "name": {"kk": kk, "ru": ru, "en": en}}
            for code, kind, kk, ru, en in REGIONS
        ],
    )


def downgrade():
    op.drop_table("teacher_invitations")
    op.drop_table("role_grants")
    op.drop_table("class_teachers")
    op.drop_table("class_students")
    op.drop_table("users")
    with op.batch_alter_table("classes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_classes_institution_id"))

    op.drop_table("classes")
    with op.batch_alter_table("institutions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_institutions_region_id"))

    op.drop_table("institutions")
    op.drop_table("regions")
