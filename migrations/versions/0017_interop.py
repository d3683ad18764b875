"""badge awards: room for a recipient identity that is an https URL (Open Badges wants the
IdentityObject's type to be a property IRI such as url, not id)

Revision ID: 0017_interop
Revises: 0016
Create Date: 2026-12-07 10:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0017_interop"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("badge_awards") as batch_op:
        batch_op.alter_column(
            "recipient_identity", existing_type=sa.String(64), type_=sa.String(300)
        )


def downgrade():
    with op.batch_alter_table("badge_awards") as batch_op:
        batch_op.alter_column(
            "recipient_identity", existing_type=sa.String(300), type_=sa.String(64)
        )
