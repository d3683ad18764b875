"""The draw engine: pure functions over plain dataclasses, no Flask and no database.

Given the teams' records so far and a seed, each round type returns pairings (rooms) with
flags that explain what the engine did, so organizers can see why a draw paired whom.
"""
