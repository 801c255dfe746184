"""Take the README's screenshot of the Calaisis map (docs/calaisis-map.png) in headless Chromium.

    PYTHONPATH=. python docs/make_screenshot.py
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ess_graph import load_graph, to_networkx  # noqa: E402
from ess_graph.mapping import map_network, write_map  # noqa: E402
from tests.browser import chromium, missing_browser_reason, open_map  # noqa: E402

SCREENSHOT = ROOT / "docs" / "calaisis-map.png"


def main() -> None:
    reason = missing_browser_reason()
    if reason:
        sys.exit(f"cannot take the screenshot: {reason}")
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        page_file = write_map(map_network(to_networkx(load_graph())), Path(folder) / "calaisis.html")
        opened = open_map(browser, page_file, viewport=(1600, 1000))
        opened.page.wait_for_timeout(600)  # the loading veil fades out in 0.3 s
        opened.page.screenshot(path=str(SCREENSHOT))
    print(f"wrote {SCREENSHOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
