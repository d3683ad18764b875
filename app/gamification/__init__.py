"""Gamification: the points ledger every area pays into, levels, badges, streaks, boards.

``create_app`` installs the listener that keeps board columns in step with accounts
(``scopes.keep_board_columns_in_step``).
"""
