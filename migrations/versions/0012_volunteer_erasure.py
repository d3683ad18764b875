"""volunteers: an erased application or activity keeps no link to its person; an export's
log lists the applications it contained

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 02:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    for table in ("volunteer_applications", "volunteer_activities"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("user_id", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("volunteer_contact_access") as batch_op:
        batch_op.add_column(sa.Column("application_ids", sa.JSON(), nullable=True))
    # Applications erased before this version: let go of their person too.
    applications = sa.table(
        "volunteer_applications", sa.column("user_id"), sa.column("erased_at", sa.DateTime())
    )
    op.execute(
        applications.update().where(applications.c.erased_at.is_not(None)).values(user_id=None)
    )


def downgrade():
    with op.batch_alter_table("volunteer_contact_access") as batch_op:
        batch_op.drop_column("application_ids")
    # Erased rows have no person to point back to: they cannot return to NOT NULL.
    for table in ("volunteer_applications", "volunteer_activities"):
        op.execute(sa.text(f"DELETE FROM {table} WHERE user_id IS NULL"))  # noqa: S608 - fixed names
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
