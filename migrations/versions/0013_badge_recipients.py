"""badge awards: a random recipient identity of each award's own (Open Badges), in place of
the login hashed with a public salt

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 03:00:00

"""

import hashlib
import secrets
import uuid

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("badge_awards") as batch_op:
        batch_op.add_column(sa.Column("recipient_identity", sa.String(64), nullable=True))
    # Every award issued so far published sha256(login + salt) with its salt: a guessable
    # login was enough to find its holder. Each gets a random identity and a new hash (the
    # same shape as app.gamification.openbadges.recipient; copied here so that this
    # migration keeps working whatever that module becomes).
    awards = sa.table(
        "badge_awards",
        sa.column("id", sa.Integer()),
        sa.column("recipient_identity", sa.String()),
        sa.column("recipient_type", sa.String()),
        sa.column("recipient_hash", sa.String()),
        sa.column("salt", sa.String()),
    )
    bind = op.get_bind()
    for (award_id,) in bind.execute(sa.select(awards.c.id)).all():
        identity, salt = f"urn:uuid:{uuid.uuid4()}", secrets.token_hex(8)
        digest = hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()
        bind.execute(
            awards.update()
            .where(awards.c.id == award_id)
            .values(
                recipient_identity=identity,
                recipient_type="id",
                recipient_hash=f"sha256${digest}",
                salt=salt,
            )
        )
    with op.batch_alter_table("badge_awards") as batch_op:
        batch_op.alter_column("recipient_identity", existing_type=sa.String(64), nullable=False)


def downgrade():
    with op.batch_alter_table("badge_awards") as batch_op:
        batch_op.drop_column("recipient_identity")
