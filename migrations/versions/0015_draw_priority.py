"""debate tournaments: what the two-team power draw puts first (conflicts, brackets or sides)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08 09:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("debate_tournaments") as batch_op:
        batch_op.add_column(
            sa.Column("draw_priority", sa.String(20), nullable=False, server_default="conflicts")
        )


def downgrade():
    with op.batch_alter_table("debate_tournaments") as batch_op:
        batch_op.drop_column("draw_priority")
