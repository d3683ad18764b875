"""The basic demo's points: the demo classmates lead the class board."""

import sqlalchemy as sa

from app.accounts.models import User
from app.extensions import db
from app.gamification.models import PointSource
from app.gamification.services import award

from .accounts import DemoAccounts


def give_demo_points(accounts: DemoAccounts) -> None:
    """Points for the demo classmates, so the leaderboards have a top to look up to. Paid
    through the ledger like any other points: running the demo again pays nothing twice."""
    for place, login in enumerate(accounts.classmate_logins):
        user_id = db.session.scalar(sa.select(User.id).where(User.login == login))
        key, reason = "demo-warm-up", "demo data: a warm-up quiz"
        award(user_id, PointSource.QUIZ_COMPLETION, key, reason)
        award(user_id, PointSource.QUIZ_CORRECT_ANSWER, key, reason, count=10 - 2 * place)
    db.session.commit()
