"""Every demo in one package, driven by one command (``flask demo``, ``cli.py``).

- ``basic/``: one account per role, a class, the curriculum quizzes with an assignment,
  a few points, an Integrity Hour under way and a debate tournament; safe to run again.
- ``national/``: fifteen months of a country's use for the dashboards (``--scale national``),
  written in bulk; it pays through the ledger's own arithmetic (``gamification.payments``).

Like ``app/cli.py``, this package puts the areas together, so it may import every area
(``tests/core/test_import_contract.py``); no area imports it.
"""

from flask import current_app


class DemoError(RuntimeError):
    """A demo cannot run here (production, already seeded, no regions, broken content)."""


def refuse_in_production() -> None:
    if not current_app.config["DEMO_ALLOWED"]:
        raise DemoError("Demo accounts have known passwords; refusing in production.")
