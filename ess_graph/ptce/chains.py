"""Value-chain positions: which link of a local chain an actor could hold, from its sectors and themes.

A PTCE often completes a chain: producers, those who process, those who sell, the clients
(restaurants, canteens, which the schools and the communes that run them stand for) and the
insertion structures that bring the workforce. The table is deliberately small and readable; an
actor matches a position when one of its sectors (NAF sections of ``ontology/schemes/sectors.ttl``)
or themes (``ontology/schemes/themes.ttl``) is listed there, broader concepts included (the actor
profiles already roll them up). Nothing here is about one territory.

>>> chain_positions(frozenset({"food", "sustainable-agriculture"}), frozenset({"agriculture"}))
('production',)
>>> chain_positions(frozenset({"work-integration"}), frozenset({"accommodation-food"}))
('clients', 'workforce')
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChainPosition:
    """One link of a value chain and the sectors or themes that hold it."""

    name: str
    label: str
    sectors: frozenset[str]
    themes: frozenset[str]


CHAIN_POSITIONS: tuple[ChainPosition, ...] = (
    ChainPosition("production", "production (farming, crafts)",
                  frozenset({"agriculture"}), frozenset({"sustainable-agriculture", "crafts"})),
    ChainPosition("processing", "processing (manufacturing, workshops)",
                  frozenset({"industry"}), frozenset()),
    ChainPosition("distribution", "distribution (shops, baskets, short supply chains)",
                  frozenset({"trade"}), frozenset({"short-supply-chains"})),
    ChainPosition("clients", "clients (restaurants, canteens, schools)",
                  frozenset({"accommodation-food", "education"}), frozenset({"education"})),
    ChainPosition("workforce", "workforce (insertion structures)",
                  frozenset(), frozenset({"work-integration"})),
)
"""The chain, upstream first. A short-supply-chain producer holds production only when its
sector says farming: ``short-supply-chains`` alone is selling."""

POSITION_LABELS = {position.name: position.label for position in CHAIN_POSITIONS}


def chain_positions(themes: frozenset[str], sectors: frozenset[str]) -> tuple[str, ...]:
    """The positions an actor with these themes and sectors could hold, upstream first."""
    return tuple(p.name for p in CHAIN_POSITIONS if p.sectors & sectors or p.themes & themes)


def complementary(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two actors would complete each other: each holds a position the other lacks.

    >>> complementary(("production",), ("distribution", "workforce")), complementary(("clients",), ("clients",))
    (True, False)
    """
    return bool(set(a) - set(b)) and bool(set(b) - set(a))
