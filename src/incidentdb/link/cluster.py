"""Clustering scored pairs into incidents, with a guard against chaining.

Plain connected components chain: A~B and B~C put A and C together even when they clearly differ (the attack
on one village on the 3rd, a report that mixes it with the next village, the attack on that village on the
4th). Here clusters grow greedily from the strongest pair down, and two clusters merge only when

* neither holds a mention from the same report as the other (one report tells one incident once), and
* at least ``guard`` of all pairs across the two clusters were themselves scored at or above the floor
  (``threshold * guard``): an average-link test, so one strong bridge cannot join two groups.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from incidentdb.link.model import Edge, LinkSettings


class _Clusters:
    def __init__(self, keys: Iterable[str], doc_of: dict[str, str]) -> None:
        self.parent: dict[str, str] = {k: k for k in keys}
        self.members: dict[str, list[str]] = {k: [k] for k in self.parent}
        self.docs: dict[str, set[str]] = {k: {doc_of[k]} for k in self.parent}

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))
        self.docs[a] |= self.docs.pop(b)


def cluster(
    keys: Sequence[str], doc_of: dict[str, str], edges: Sequence[Edge], settings: LinkSettings
) -> list[list[str]]:
    """Groups of mention keys (every key in exactly one group), strongest links first."""
    floor = settings.threshold * settings.guard
    strength: dict[frozenset[str], float] = {}
    for a, b, p in edges:
        if p >= floor:
            strength[frozenset((a, b))] = max(p, strength.get(frozenset((a, b)), 0.0))
    clusters = _Clusters(keys, doc_of)
    for a, b, p in sorted(edges, key=lambda e: (-e[2], e[0], e[1])):
        if p < settings.threshold:
            break
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb or clusters.docs[ra] & clusters.docs[rb]:
            continue
        left, right = clusters.members[ra], clusters.members[rb]
        if len(left) + len(right) > settings.max_cluster:
            continue
        if len(left) * len(right) > 1:
            linked = sum(1 for x in left for y in right if frozenset((x, y)) in strength)
            if linked < settings.guard * len(left) * len(right):
                continue
        clusters.union(ra, rb)
    return sorted((sorted(group) for group in clusters.members.values()), key=lambda g: g[0])
