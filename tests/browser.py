"""Driving the map page in a real headless Chromium, for the end-to-end tests and the benchmark.

Debian's ``chromium`` package is used through Playwright's ``executable_path``; Playwright's own
browser downloads are never needed. Every request that is not a local file is aborted and
recorded, so a page that tries to reach the network is caught.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
]
SETTLE_TIMEOUT_MS = 120_000


def chromium_path() -> Path | None:
    """Debian's Chromium (or the one named by ``ESS_GRAPH_CHROMIUM``), if installed."""
    named = os.environ.get("ESS_GRAPH_CHROMIUM")
    candidates = [named] if named else ["/usr/bin/chromium", shutil.which("chromium") or ""]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def missing_browser_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install 'ess-graph[test]')"
    if chromium_path() is None:
        where = os.environ.get("ESS_GRAPH_CHROMIUM") or "/usr/bin/chromium"
        return f"Chromium is not installed at {where} (apt-get install chromium)"
    return None


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium browser, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class OpenedMap:
    """A map page loaded with the network blocked, once its layout has settled."""

    page: object
    blocked: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)

    def errors(self) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text in self.console if kind in ("error", "pageerror", "warning")]


def open_map(browser, path: Path, viewport: tuple[int, int] = (1400, 900)) -> OpenedMap:
    """Load the page at ``path``, aborting every non-file request, and wait until it has settled."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    opened = OpenedMap(page)

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith("file:"):
            request_route.continue_()
        else:
            opened.blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: opened.console.append((message.type, message.text)))
    page.on("pageerror", lambda error: opened.console.append(("pageerror", str(error))))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("networkidle")
    page.wait_for_function("window.essMap && window.essMap.state.settled", timeout=SETTLE_TIMEOUT_MS)
    return opened
