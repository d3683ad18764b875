"""The basic demo (``flask demo``): a small world to click through, one module per area.
Every step is idempotent, so running the demo again changes nothing."""

from collections.abc import Callable

from .accounts import DEMO_PASSWORD, DemoAccounts, seed_demo_accounts
from .debates import seed_demo_tournament
from .events import create_demo_event
from .gamification import give_demo_points
from .quizzes import assign_demo_quiz, load_curriculum

__all__ = ["DEMO_PASSWORD", "DemoAccounts", "seed_basic"]


def seed_basic(say: Callable[[str], None]) -> DemoAccounts:
    """Create (or find) the basic demo; ``say`` tells the person running it what there is."""
    accounts = seed_demo_accounts()
    say(load_curriculum())
    for message in (
        assign_demo_quiz(accounts),
        give_demo_points(accounts),
        create_demo_event(accounts),
    ):
        if message:
            say(message)
    if seed_demo_tournament(accounts.logins["organizer"], [accounts.logins["student"]]):
        say("A debate tournament with round 1 played (Debates → Integrity Cup)")
    say(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for role, login in accounts.logins.items():
        say(f"  {role:<10} {login}")
    say(f"Class {accounts.class_name} join code: {accounts.join_code}")
    return accounts
