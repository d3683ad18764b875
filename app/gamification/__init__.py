"""Gamification: the points ledger every area pays into (levels, badges and streaks follow)."""
