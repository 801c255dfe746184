"""Asking any SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso, QLever) over HTTP.

A store on one machine serves one user; a SPARQL server serves a CRESS and its partners. The
client here speaks the SPARQL 1.1 Protocol with the standard library alone: the query goes as
an HTML form in a POST (no length limit, nothing in server logs' URLs), the answer comes back
as SPARQL JSON results and is turned into rdflib terms, like every other engine's. Values are
bound by a ``VALUES`` block built from terms (:mod:`ess_graph.sparql.binding`), never by pasting
text into the query.

Every request has a time limit for the whole of it, from connecting to the last byte of the
answer (a server that trickles its answer byte by byte is stopped as surely as one that hangs),
and a size limit on the answer, so that a query answering ten million rows cannot fill the
memory. The request runs in a worker thread while the caller waits for it with the time left,
which Ctrl-C interrupts at once; the worker, left behind, stops at its next chunk of the answer
(or, if the server sends nothing more, when its socket's timeout expires). The answer is read in
chunks, then its rows are decoded one by one from the text: the memory needed is about twice the
answer's size (its bytes, then its text), never all its rows besides. Measured on 1.3 million rows
(a 334 MiB answer, the size limit raised): 728 MiB streamed, 1.5 GB gathered by ``select``, against
2.7 GB when ``json.loads`` built the whole document. An endpoint that cannot be reached, refuses a query, does
not answer in time, answers too much or answers something else is an
:class:`~ess_graph.errors.EndpointError`.
"""

import http.client
import json
import math
import queue
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ..errors import EndpointError, EssGraphError, InvalidValue, first_line
from ..sparql.binding import Bindings, bind_values
from .engine import Row, Rows, SelectResult, Term
from .limits import check_timeout

RESULTS_JSON = "application/sparql-results+json"
_VIRTUOSO_ASK = "__ASK_RETVAL"
_VIRTUOSO_INCOMPLETE = "S1TAT"
"""The ``X-SQL-State`` of a Virtuoso answer cut short by the server's own time limit: the rows
found so far (a count too low, rows missing), sent as a complete answer with status 200."""
DEFAULT_TIMEOUT = 60.0
"""Seconds a request may take, answer included; a country-wide aggregate on a busy server may need more."""
DEFAULT_MAX_BYTES = 256 * 2**20
"""The largest answer read (256 MiB): about a million rows of three columns."""
CHUNK = 64 * 2**10


def check_endpoint_url(url: str, field: str = "url") -> None:
    """Refuse, before any request, an endpoint address that is not a web address: ``urllib`` would
    otherwise read ``file://`` URLs. The :class:`~ess_graph.errors.InvalidValue` is about
    ``field``, the argument that gave the address.

    >>> check_endpoint_url("file:///etc/passwd", "endpoint")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: endpoint: 'file:///etc/passwd' is not an http:// or https:// address
    >>> check_endpoint_url("http://a/sparql 1")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: url: 'http://a/sparql 1' holds a space or a control character (a space is %20)
    """
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise InvalidValue(f"'{url}' is not an http:// or https:// address", field=field)
    if any(char.isspace() or not char.isprintable() for char in url):
        raise InvalidValue(f"'{url}' holds a space or a control character (a space is %20)", field=field)


class EndpointEngine:
    """Read-only SELECT and ASK queries on a SPARQL endpoint, with values bound to variables.

    Whatever goes wrong between here and the server is an :class:`~ess_graph.errors.EndpointError`
    naming the endpoint, so that a program can tell it from a bad query or a bad value. A request
    takes at most ``timeout`` seconds (a query's own ``timeout`` replaces it; ``math.inf``: no
    limit) and reads at most ``max_bytes`` of answer.

    >>> EndpointEngine("http://127.0.0.1:9/sparql", timeout=2).ask("ASK {}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ess_graph.errors.EndpointError: http://127.0.0.1:9/sparql: cannot reach the endpoint (...)

    >>> engine = EndpointEngine("http://localhost:7878/query", timeout=5, max_bytes=2**20)
    >>> engine.name, engine.url, engine.timeout, engine.max_bytes
    ('endpoint', 'http://localhost:7878/query', 5.0, 1048576)
    >>> EndpointEngine("ess-store/")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: url: 'ess-store/' is not an http:// or https:// address
    """

    name = "endpoint"

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES):
        check_endpoint_url(url)
        limit = check_timeout(timeout)
        if limit is None:
            raise InvalidValue("None is not a number of seconds; an endpoint needs a time limit "
                               "(math.inf: none)", field="timeout")
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
            raise InvalidValue(f"{max_bytes!r} is not a positive number of bytes", field="max_bytes")
        self.url = url
        self.timeout = limit
        self.max_bytes = max_bytes

    def select(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> SelectResult:
        return self.select_rows(query, bindings, timeout=timeout).result()

    def select_rows(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> Rows:
        """The rows of a SELECT, decoded one by one from the answer's text.

        >>> EndpointEngine("http://127.0.0.1:9/sparql").select_rows("SELECT * {}", timeout=-1)
        Traceback (most recent call last):
        ...
        ess_graph.errors.InvalidValue: timeout: -1 is not a positive number of seconds (None or math.inf: no limit)
        """
        answer = _Answer(self.url, self._post(bind_values(query, bindings), timeout))
        if answer.bindings_at is None:
            raise EndpointError(f"{self.url}: expected the rows of a SELECT query, got another kind of answer")
        head = answer.head if isinstance(answer.head, dict) else {}
        variables = head.get("vars", ())
        if not isinstance(variables, list) or not all(isinstance(name, str) for name in variables):
            raise EndpointError(f"{self.url}: the answer is not SPARQL JSON results")
        return Rows(variables, answer.rows(tuple(variables)))

    def ask(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> bool:
        answer = _Answer(self.url, self._post(bind_values(query, bindings), timeout))
        if isinstance(answer.boolean, bool):
            return answer.boolean
        head = answer.head if isinstance(answer.head, dict) else {}
        if answer.bindings_at is not None and head.get("vars") == [_VIRTUOSO_ASK]:
            # Virtuoso 7 answers an ASK in JSON as a SELECT of one variable: one row for true, none for false
            return any(value is not None and value.toPython() in (1, True) for value, in answer.rows((_VIRTUOSO_ASK,)))
        raise EndpointError(f"{self.url}: expected the answer of an ASK query, got another kind of answer")

    def _post(self, query: str, timeout: float | None) -> str:
        """The text the endpoint answers ``query`` with, read whole within the time limit; any
        failure is an EndpointError."""
        limit = self.timeout if timeout is None else check_timeout(timeout)
        assert limit is not None
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode({"query": query}).encode("utf-8"), method="POST",
            headers={"Accept": RESULTS_JSON, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
        download = _Download(self.url, request, limit, self.max_bytes)
        worker = threading.Thread(target=download.run, name=f"ess-graph request to {self.url}", daemon=True)
        worker.start()
        try:
            outcome = download.outcome.get(timeout=None if math.isinf(limit) else limit)
        except queue.Empty:
            raise EndpointError(f"{self.url}: {download.lateness()} within {limit:g} s") from None
        finally:
            download.stop.set()  # the worker, if still reading, stops at its next chunk
        if isinstance(outcome, EssGraphError):
            raise outcome
        try:
            return outcome.decode("utf-8")
        except UnicodeDecodeError:
            raise EndpointError(f"{self.url}: the answer is not SPARQL JSON results") from None


class _Download:
    """One request, run by a worker thread: the answer's bytes, or the EndpointError saying why
    not, in ``outcome``."""

    def __init__(self, url: str, request: urllib.request.Request, timeout: float, max_bytes: int):
        self.url, self.request, self.timeout, self.max_bytes = url, request, timeout, max_bytes
        self.outcome: queue.SimpleQueue[bytes | EssGraphError] = queue.SimpleQueue()
        self.stop = threading.Event()
        self.received = 0

    def run(self) -> None:
        try:
            self.outcome.put(self._read())
        except EssGraphError as exc:
            self.outcome.put(exc)
        except urllib.error.HTTPError as exc:
            detail = first_line(exc.read(CHUNK).decode("utf-8", "replace")) or exc.reason
            self.outcome.put(EndpointError(f"{self.url} refused the query (HTTP {exc.code}): {detail}"))
        except urllib.error.URLError as exc:
            self.outcome.put(EndpointError(f"{self.url}: cannot reach the endpoint ({exc.reason})"))
        except TimeoutError:
            self.outcome.put(EndpointError(f"{self.url}: {self.lateness()} within {self.timeout:g} s"))
        except (OSError, ValueError, http.client.HTTPException) as exc:  # a connection cut half-way, a bad response
            self.outcome.put(EndpointError(f"{self.url}: the answer broke off ({first_line(exc)})"))

    def _read(self) -> bytes:
        deadline = time.monotonic() + self.timeout
        wait = None if math.isinf(self.timeout) else self.timeout
        with urllib.request.urlopen(self.request, timeout=wait) as response:
            if response.headers.get("X-SQL-State") == _VIRTUOSO_INCOMPLETE:
                raise EndpointError(f"{self.url}: the server stopped the query at its own time limit and sent only "
                                    "the rows found so far; raise that limit (Virtuoso: MaxQueryExecutionTime)")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise EndpointError(self._too_large(f"{int(declared):,} bytes"))
            body = bytearray()
            while not self.stop.is_set():
                chunk = response.read1(CHUNK)
                if not chunk:
                    return bytes(body)
                body += chunk
                self.received = len(body)
                if len(body) > self.max_bytes:
                    raise EndpointError(self._too_large("more"))
                if time.monotonic() > deadline:
                    raise TimeoutError
        raise EndpointError(f"{self.url}: the request was given up")

    def _too_large(self, size: str) -> str:
        return (f"{self.url}: the answer is larger than {_size(self.max_bytes)} ({size}); ask for fewer rows "
                "(LIMIT) or raise the size limit")

    def lateness(self) -> str:
        """What was late: the answer, or the end of it."""
        return f"no complete answer ({self.received:,} bytes received)" if self.received else "no answer"


def _size(count: int) -> str:
    """``256 MiB``, ``1.5 KiB``, ``700 bytes``."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if count >= scale:
            return f"{count / scale:g} {unit}"
    return f"{count} bytes"


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _Answer:
    """A SPARQL JSON results document, read without building its rows: its ``head``, its
    ``boolean``, and where its bindings start, from which :meth:`rows` decodes them one by one."""

    def __init__(self, url: str, text: str):
        self.url, self.text = url, text
        self.head: Any = None
        self.boolean: Any = None
        self.bindings_at: int | None = None
        try:
            self._scan()
        except (ValueError, IndexError):  # json's errors are ValueErrors
            raise EndpointError(f"{url}: the answer is not SPARQL JSON results") from None

    def _scan(self) -> None:
        scanner = _Scanner(self.text)
        for key in scanner.members():
            if key == "results" and scanner.peek() == "{":
                for inner in scanner.members():
                    if inner == "bindings" and scanner.peek() == "[":
                        self.bindings_at = scanner.at
                        if self.head is not None:
                            return  # the usual order: the rows are read when asked for
                        for _ in scanner.elements():  # the head comes after them: find it first
                            pass
                    else:
                        scanner.value()
            elif key == "head":
                self.head = scanner.value()
            elif key == "boolean":
                self.boolean = scanner.value()
            else:
                scanner.value()
        if scanner.peek():
            raise ValueError("text after the document")

    def rows(self, variables: tuple[str, ...]) -> Iterator[Row]:
        scanner = _Scanner(self.text, self.bindings_at or 0)
        try:
            for solution in scanner.elements():
                yield tuple(_term(solution.get(name)) for name in variables)
        except (AttributeError, TypeError, ValueError, IndexError):  # a JSON answer of another shape
            raise EndpointError(f"{self.url}: the answer is not SPARQL JSON results") from None


class _Scanner:
    """Walks a JSON text value by value, so that an array of a million objects is read one object
    at a time. After :meth:`members` yields a key, the caller reads its value (``value``,
    ``members`` or ``elements``) before asking for the next key."""

    def __init__(self, text: str, at: int = 0):
        self.text, self.at = text, at

    def peek(self) -> str:
        match = _SPACE.match(self.text, self.at)
        assert match is not None  # the pattern matches the empty string
        self.at = match.end()
        return self.text[self.at:self.at + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"expected {char!r} at {self.at}")
        self.at += 1

    def value(self) -> Any:
        self.peek()
        value, self.at = _DECODER.raw_decode(self.text, self.at)
        return value

    def members(self) -> Iterator[str]:
        self.expect("{")
        if self.peek() == "}":
            self.at += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise ValueError(f"expected a key at {self.at}")
            self.expect(":")
            yield key
            self._after("}")
            if self.text[self.at - 1] == "}":
                return

    def elements(self) -> Iterator[Any]:
        self.expect("[")
        if self.peek() == "]":
            self.at += 1
            return
        while True:
            yield self.value()
            self._after("]")
            if self.text[self.at - 1] == "]":
                return

    def _after(self, closing: str) -> None:
        char = self.peek()
        if char not in (",", closing):
            raise ValueError(f"expected ',' or {closing!r} at {self.at}")
        self.at += 1


def _term(binding: dict | None) -> Term | None:
    """A term of the SPARQL 1.1 JSON results format as rdflib writes it."""
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if binding.get("xml:lang"):
            return Literal(value, lang=binding["xml:lang"])
        datatype = binding.get("datatype")
        if datatype is None or datatype == str(XSD.string):  # RDF 1.1 simple literals stay untyped
            return Literal(value)
        return Literal(value, datatype=URIRef(datatype))
    raise EndpointError(f"the endpoint returned a term of unknown type '{kind}'")
