"""Shared fixtures."""

import pytest

from ess_graph import load_graph, to_networkx


@pytest.fixture(scope="session")
def calaisis_network():
    return to_networkx(load_graph())
