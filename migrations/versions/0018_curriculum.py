"""curriculum 2.0: a quiz's stages (college, university) and its teacher's guide

Revision ID: 0018_curriculum
Revises: 0017_interop
Create Date: 2026-12-07 13:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0018_curriculum"
down_revision = "0017_interop"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("quizzes") as batch_op:
        batch_op.add_column(
            sa.Column("stages", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(sa.Column("teacher_guide", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("quizzes") as batch_op:
        batch_op.drop_column("teacher_guide")
        batch_op.drop_column("stages")
