"""question kinds own their fields: questions.body replaces options and answer; images,
case studies, and the order each player (attempt) and each live game shows choices in

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 07:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

EMPTY_OBJECT, EMPTY_LIST = sa.text("'{}'"), sa.text("'[]'")


def _questions(*columns):
    return sa.table("questions", sa.column("id", sa.Integer()), *columns)


def upgrade():
    with op.batch_alter_table("questions") as batch_op:
        batch_op.add_column(sa.Column("body", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("image", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("case_key", sa.String(80), nullable=True))
    # The kind's fields as a quiz file writes them (the shape of app/quizzes/kinds/choice.py,
    # copied here so that this migration keeps working whatever that module becomes).
    questions = _questions(
        sa.column("type", sa.String()),
        sa.column("options", sa.JSON()),
        sa.column("answer", sa.Boolean()),
        sa.column("body", sa.JSON()),
    )
    bind = op.get_bind()
    for row in bind.execute(sa.select(questions)).all():
        if row.type == "true_false":
            body = {"answer": bool(row.answer)}
        else:
            body = {
                "options": [
                    {**option, "correct": bool(option.get("correct"))}
                    for option in row.options or []
                ]
            }
        bind.execute(questions.update().where(questions.c.id == row.id).values(body=body))
    with op.batch_alter_table("questions") as batch_op:
        batch_op.alter_column("body", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("options")
        batch_op.drop_column("answer")
    with op.batch_alter_table("quiz_versions") as batch_op:
        batch_op.add_column(
            sa.Column("cases", sa.JSON(), nullable=False, server_default=EMPTY_LIST)
        )
    with op.batch_alter_table("attempts") as batch_op:
        batch_op.add_column(
            sa.Column("orders", sa.JSON(), nullable=False, server_default=EMPTY_OBJECT)
        )
    with op.batch_alter_table("live_games") as batch_op:
        batch_op.add_column(
            sa.Column("orders", sa.JSON(), nullable=False, server_default=EMPTY_OBJECT)
        )


def downgrade():
    with op.batch_alter_table("live_games") as batch_op:
        batch_op.drop_column("orders")
    with op.batch_alter_table("attempts") as batch_op:
        batch_op.drop_column("orders")
    with op.batch_alter_table("quiz_versions") as batch_op:
        batch_op.drop_column("cases")
    with op.batch_alter_table("questions") as batch_op:
        batch_op.add_column(sa.Column("options", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("answer", sa.Boolean(), nullable=True))
    questions = _questions(
        sa.column("type", sa.String()),
        sa.column("options", sa.JSON()),
        sa.column("answer", sa.Boolean()),
        sa.column("body", sa.JSON()),
    )
    bind = op.get_bind()
    for row in bind.execute(sa.select(questions)).all():
        body = row.body or {}
        bind.execute(
            questions.update()
            .where(questions.c.id == row.id)
            .values(options=body.get("options", []), answer=body.get("answer"))
        )
    with op.batch_alter_table("questions") as batch_op:
        batch_op.drop_column("case_key")
        batch_op.drop_column("image")
        batch_op.drop_column("body")
