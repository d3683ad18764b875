"""users: when a printed slip's one-time password was issued (it expires)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 02:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("slip_issued_at", sa.DateTime(), nullable=True))
    # Slips printed before this version count from the day their account was made.
    users = sa.table(
        "users",
        sa.column("slip_issued_at", sa.DateTime()),
        sa.column("created_at", sa.DateTime()),
        sa.column("must_change_password", sa.Boolean()),
    )
    op.execute(
        users.update()
        .where(users.c.must_change_password == sa.true())
        .values(slip_issued_at=users.c.created_at)
    )


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("slip_issued_at")
