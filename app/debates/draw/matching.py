"""Maximum matching in a general graph (Edmonds' blossom algorithm), grown from a given one.

The two-team draw pairs teams: a perfect matching of the graph whose edges are the pairs
allowed (no repeat, no same institution, sides that fit). It starts from a pairing that is
already almost right (the bracket's fold) and only the few teams left without an allowed
partner need it, so :func:`augment` takes the matching so far and, for each unmatched
vertex, searches for an augmenting path (breadth first, contracting odd cycles, the
textbook O(V^3) form) and flips it. Berge: a matching is maximum exactly when no augmenting
path exists, and a vertex from which none exists never gets one after other augmentations,
so one search per unmatched vertex gives a maximum matching of the graph. A search that
fails leaves a tree (its root, the vertices it reached and their partners) that no later
augmenting path can pass through, so those vertices are pruned from the later searches:
with many unavoidable conflicts (one school holding most of the teams) the failures then
cost one sweep of the graph, not one each.

Two things a library matcher (networkx's ``max_weight_matching``) does not offer, and why
this one is written here: it starts from the caller's matching instead of from nothing, so
teams the repair does not need keep their rooms; and ``neighbours(v)`` lists v's allowed
partners in the caller's order of preference (the bracket position nearest the ideal one),
so the breadth-first search finds short, local paths first. Measured on the benchmark's
tournaments, networkx took 55 ms to match one 160-team bracket and 1.6 s for 512 teams; the
whole 512-team draw with this module takes a few milliseconds (bench/RESULTS.md).
"""

from collections.abc import Callable, Iterable, Sequence

Neighbours = Callable[[int], Iterable[int]]


def augment(
    size: int, match: list[int], roots: Sequence[int], neighbours: Neighbours
) -> list[list[int]]:
    """Grows ``match`` (``match[v]`` is v's partner or -1; changed in place) to a maximum
    matching of the graph given by ``neighbours`` over vertices ``0..size-1``, searching from
    each unmatched vertex of ``roots`` in order. Every matched pair must be an edge. Returns
    the vertices of each augmenting path flipped, so callers can say who moved and why."""
    paths = []
    dead = [False] * size

    def alive(v: int) -> Iterable[int]:
        return (u for u in neighbours(v) if not dead[u])

    for root in roots:
        if match[root] != -1:
            continue
        path, tree = _augmenting_path(size, match, root, alive)
        if path:
            paths.append(path)
        else:  # a failed search's tree is out of every later augmenting path: prune it
            for v in tree:
                dead[v] = True
    return paths


def _augmenting_path(
    size: int, match: list[int], root: int, neighbours: Neighbours
) -> tuple[list[int], list[int]]:
    """(the flipped path, []) from `root`, or ([], the vertices of the failed search tree)."""
    parent = [-1] * size
    base = list(range(size))
    used = [False] * size
    used[root] = True
    queue = [root]
    head = 0

    def lowest_common_ancestor(a: int, b: int) -> int:
        seen = [False] * size
        while True:
            a = base[a]
            seen[a] = True
            if match[a] == -1:
                break
            a = parent[match[a]]
        while True:
            b = base[b]
            if seen[b]:
                return b
            b = parent[match[b]]

    def mark(v: int, stem: int, child: int, blossom: list[bool]) -> None:
        while base[v] != stem:
            blossom[base[v]] = blossom[base[match[v]]] = True
            parent[v] = child
            child = match[v]
            v = parent[match[v]]

    while head < len(queue):
        v = queue[head]
        head += 1
        for to in neighbours(v):
            if base[v] == base[to] or match[v] == to:
                continue
            if to == root or (match[to] != -1 and parent[match[to]] != -1):
                stem = lowest_common_ancestor(v, to)
                blossom = [False] * size
                mark(v, stem, to, blossom)
                mark(to, stem, v, blossom)
                for i in range(size):
                    if blossom[base[i]]:
                        base[i] = stem
                        if not used[i]:
                            used[i] = True
                            queue.append(i)
            elif parent[to] == -1:
                parent[to] = v
                if match[to] == -1:
                    return _flip(match, to, parent), []
                used[match[to]] = True
                queue.append(match[to])
    return [], [v for v in range(size) if used[v] or parent[v] != -1]


def _flip(match: list[int], end: int, parent: list[int]) -> list[int]:
    path = []
    v = end
    while v != -1:
        previous = parent[v]
        following = match[previous]
        match[v], match[previous] = previous, v
        path += [v, previous]
        v = following
    return path
