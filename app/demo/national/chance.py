"""Small helpers of the national demo's dice: weighted choices, splits and counts."""

import math
import random


def choose(rng: random.Random, table):
    """One item of ((item, share), ...)."""
    point, total = rng.random(), 0.0
    for item, share in table:
        total += share
        if point < total:
            return item
    return table[-1][0]


def allocate(total: int, weights: list[float]) -> list[int]:
    """``total`` split over days in proportion to ``weights`` (largest remainders)."""
    whole = sum(weights)
    if not total or not whole:
        return [0] * len(weights)
    exact = [total * weight / whole for weight in weights]
    counts = [int(value) for value in exact]
    remainders = sorted(range(len(weights)), key=lambda i: counts[i] - exact[i])
    for index in remainders[: total - sum(counts)]:
        counts[index] += 1
    return counts


def poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
