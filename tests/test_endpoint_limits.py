"""An endpoint's answer has a time limit for the whole request and a size limit.

From the hostile-input issue: the "60 s timeout" was per read, not per request, so a server
trickling its answer could hold a command for ever; and a 10-million-row answer was held in
memory (6 GB). A request now has a deadline, checked while the answer is read in chunks, and an
answer larger than the size limit (256 MiB by default) is refused: an EndpointError, one line.
The pretend server below runs on 127.0.0.1; each of its answers is a bounded loop that also stops
when the client hangs up.
"""

import http.server
import json
import os
import signal
import threading
import time

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from ess_graph.cli import main
from ess_graph.errors import EndpointError, InvalidValue
from ess_graph.sources.endpoint import DEFAULT_MAX_BYTES, EndpointEngine

from .local_http import serving_locally

ROW = {"s": {"type": "uri", "value": "https://w3id.org/ess-graph/id/galilee"},
       "name": {"type": "literal", "value": "Galilée", "xml:lang": "fr"}}
REVERSED = json.dumps({"results": {"bindings": [ROW, {"s": ROW["s"]}]}, "head": {"vars": ["s", "name"]}}).encode()


class HostileEndpoint(http.server.BaseHTTPRequestHandler):
    """Answers as a hostile or broken server would, by path."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            if self.path == "/trickle":  # a byte every 50 ms, for 20 s at most
                self._head()
                for _ in range(400):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.05)
            elif self.path == "/huge":  # 1 MiB at a time, 64 MiB at most
                self._head()
                self.wfile.write(b'{"head": {"vars": ["s"]}, "results": {"bindings": [')
                row = json.dumps({"s": ROW["s"]}).encode() + b","
                chunk = row * (2**20 // len(row))
                for _ in range(64):
                    self.wfile.write(chunk)
            elif self.path == "/declared":  # says 10 GiB are coming
                self._head(length=10 * 2**30)
                self.wfile.write(b'{"head": ')
            elif self.path == "/reversed":  # valid, the head after the rows
                self._head(length=len(REVERSED))
                self.wfile.write(REVERSED)
        except OSError:  # the client hung up: stop
            pass

    def _head(self, length=None):
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile():
    with serving_locally(HostileEndpoint) as url:
        yield url


def request_threads():
    return [thread for thread in threading.enumerate() if thread.name.startswith("ess-graph request to ")]


def wait_for_no_request_thread(seconds=3.0):
    deadline = time.monotonic() + seconds
    while request_threads() and time.monotonic() < deadline:
        time.sleep(0.05)
    return request_threads()


def test_a_trickling_answer_is_stopped_at_the_deadline_of_the_whole_request(hostile):
    engine = EndpointEngine(hostile + "/trickle", timeout=1)
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"^http://127\.0\.0\.1:\d+/trickle: no complete answer \([\d,]+ bytes "
                                            r"received\) within 1 s$"):
        engine.select("SELECT * WHERE { ?s ?p ?o }")
    assert 0.9 < time.monotonic() - started < 3  # each byte came within the old per-read timeout
    assert wait_for_no_request_thread() == []  # the request's worker stopped at its next chunk


def test_an_answer_larger_than_the_size_limit_is_refused_before_it_fills_the_memory(hostile):
    engine = EndpointEngine(hostile + "/huge", timeout=20, max_bytes=4 * 2**20)
    with pytest.raises(EndpointError) as caught:
        engine.select("SELECT * WHERE { ?s ?p ?o }")
    assert str(caught.value) == (f"{hostile}/huge: the answer is larger than 4 MiB (more); ask for fewer rows "
                                 "(LIMIT) or raise the size limit")
    assert wait_for_no_request_thread() == []


def test_an_answer_declared_larger_than_the_limit_is_refused_without_reading_it(hostile):
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"/declared: the answer is larger than 256 MiB \(10,737,418,240 bytes\)"):
        EndpointEngine(hostile + "/declared", timeout=20).ask("ASK {}")
    assert time.monotonic() - started < 5
    assert DEFAULT_MAX_BYTES == 256 * 2**20


def test_rows_are_read_whatever_the_order_of_the_head_and_the_results(hostile):
    with EndpointEngine(hostile + "/reversed", timeout=10).select_rows("SELECT * WHERE { ?s ?p ?o }") as rows:
        assert rows.variables == ("s", "name")
        assert list(rows) == [(URIRef(ROW["s"]["value"]), Literal("Galilée", lang="fr")),
                              (URIRef(ROW["s"]["value"]), None)]


def test_a_query_s_own_time_limit_replaces_the_endpoint_s(hostile):
    engine = EndpointEngine(hostile + "/trickle", timeout=60)
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"within 0\.5 s$"):
        engine.ask("ASK {}", timeout=0.5)
    assert time.monotonic() - started < 3


def test_ctrl_c_stops_a_request_at_once(hostile):
    engine = EndpointEngine(hostile + "/trickle", timeout=float("inf"))
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        engine.select("SELECT * WHERE { ?s ?p ?o }")
    assert time.monotonic() - started < 1.5
    assert wait_for_no_request_thread() == []


def test_limits_that_are_not_positive_numbers_are_refused():
    with pytest.raises(InvalidValue, match=r"^max_bytes: 0 is not a positive number of bytes$"):
        EndpointEngine("http://127.0.0.1:9/sparql", max_bytes=0)
    with pytest.raises(InvalidValue, match=r"^timeout: -5 is not a positive number of seconds"):
        EndpointEngine("http://127.0.0.1:9/sparql", timeout=-5)


@pytest.mark.parametrize(("path", "options", "message"), [
    ("/huge", ["--max-answer", "2"], "/huge: the answer is larger than 2 MiB (more); ask for fewer rows (LIMIT)"),
    ("/trickle", ["--timeout", "1"], "/trickle: no complete answer ("),
])
def test_the_command_line_tells_an_endpoint_s_limits_in_one_line(hostile, path, options, message):
    result = CliRunner().invoke(main, ["--endpoint", hostile + path, "sparql", "SELECT * WHERE { ?s ?p ?o }",
                                       *options])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ess-graph: error: {hostile}{path}")
    assert message in lines[0]
