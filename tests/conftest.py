"""Shared fixtures: the shipped graph is loaded once per test session."""

import pytest
from rdflib import Graph

from ess_graph.loading import load_graph


@pytest.fixture(scope="session")
def calaisis() -> Graph:
    """The vocabulary and the shipped Calaisis graph. Tests must not modify it."""
    return load_graph()
