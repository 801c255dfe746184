"""Shared fixtures: the Calaisis network, and a headless Chromium for the end-to-end tests."""

import os

import pytest

from ess_graph import load_graph, to_networkx

from .browser import chromium, missing_browser_reason


@pytest.fixture(scope="session")
def calaisis_network():
    return to_networkx(load_graph())


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Without it the browser tests skip and say why,
    except under CI (``CI=true``), where a missing browser fails them."""
    reason = missing_browser_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the browser tests cannot run: {reason}")
        pytest.skip(reason)
    with chromium() as opened:
        yield opened
