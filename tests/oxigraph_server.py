"""A real ``oxigraph serve-read-only`` on a free loopback port, for the tests that need a SPARQL
endpoint: the ``oxigraph`` command of the test extra, looked for beside the running Python first
(``.venv/bin/oxigraph`` when the tests run as ``.venv/bin/python -m pytest``), then on the PATH.
Without it the tests skip and say why, except under CI (``CI=true``), where they fail."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest


def oxigraph_command() -> str | None:
    beside_python = str(Path(sys.executable).parent)
    return shutil.which("oxigraph", path=os.pathsep.join([beside_python, os.environ.get("PATH", "")]))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve stopped: {process.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"oxigraph serve did not answer within {seconds} s")


def skip_or_fail(reason: str) -> NoReturn:
    """Skip the test saying why a server it needs is missing; under CI (``CI=true``), fail it."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@contextmanager
def serving(store_directory: Path, *, union: bool = False) -> Iterator[str]:
    """The query URL of a read-only server of ``store_directory`` (whose store must be closed);
    with ``union``, its default graph is the union of the store's graphs, as a store of sources needs."""
    command = oxigraph_command()
    if command is None:
        skip_or_fail("the oxigraph server is not installed (pip install oxigraph, in the test extra)")
    port = free_port()
    union_flag = ["--union-default-graph"] if union else []
    process = subprocess.Popen([command, "serve-read-only", "--location", str(store_directory),
                                "--bind", f"127.0.0.1:{port}", *union_flag],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
