"""Debate tournaments: formats, draws, adjudicators, e-ballots, standings and breaks."""
