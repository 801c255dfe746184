"""Asking any SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso, QLever) over HTTP.

A store on one machine serves one user; a SPARQL server serves a CRESS and its partners. The
client here speaks the SPARQL 1.1 Protocol with the standard library alone: the query goes as
an HTML form in a POST (no length limit, nothing in server logs' URLs), the answer comes back
as SPARQL JSON results and is turned into rdflib terms, like every other engine's. Values are
bound by a ``VALUES`` block built from terms (:mod:`ess_graph.sparql.binding`), never by pasting
text into the query. Every request has a timeout, so a server that hangs cannot hang a command.
An endpoint that cannot be reached, refuses a query, does not answer in time or answers
something else is an :class:`~ess_graph.errors.EndpointError`.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ..errors import EndpointError, InvalidValue, first_line
from ..sparql.binding import Bindings, bind_values
from .engine import SelectResult, Term

RESULTS_JSON = "application/sparql-results+json"
DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for an answer; a country-wide aggregate on a busy server may need more."""


def check_endpoint_url(url: str, field: str = "url") -> None:
    """Refuse, before any request, an endpoint address that is not a web address: ``urllib`` would
    otherwise read ``file://`` URLs. The :class:`~ess_graph.errors.InvalidValue` is about
    ``field``, the argument that gave the address.

    >>> check_endpoint_url("file:///etc/passwd", "endpoint")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: endpoint: 'file:///etc/passwd' is not an http:// or https:// address
    """
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise InvalidValue(f"'{url}' is not an http:// or https:// address", field=field)


class EndpointEngine:
    """Read-only SELECT and ASK queries on a SPARQL endpoint, with values bound to variables.

    Whatever goes wrong between here and the server is an :class:`~ess_graph.errors.EndpointError`
    naming the endpoint, so that a program can tell it from a bad query or a bad value.

    >>> EndpointEngine("http://127.0.0.1:9/sparql", timeout=2).ask("ASK {}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ess_graph.errors.EndpointError: http://127.0.0.1:9/sparql: cannot reach the endpoint (...)

    >>> engine = EndpointEngine("http://localhost:7878/query", timeout=5)
    >>> engine.name, engine.url, engine.timeout
    ('endpoint', 'http://localhost:7878/query', 5)
    >>> EndpointEngine("ess-store/")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: url: 'ess-store/' is not an http:// or https:// address
    """

    name = "endpoint"

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT):
        check_endpoint_url(url)
        self.url = url
        self.timeout = timeout

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        answer = self._post(bind_values(query, bindings))
        if "results" not in answer:
            raise EndpointError(f"{self.url}: expected the rows of a SELECT query, got another kind of answer")
        try:
            variables = tuple(answer.get("head", {}).get("vars", ()))
            rows = tuple(tuple(_term(solution.get(name)) for name in variables)
                         for solution in answer["results"].get("bindings", ()))
        except (AttributeError, TypeError):  # a JSON answer of another shape
            raise EndpointError(f"{self.url}: the answer is not SPARQL JSON results") from None
        return SelectResult(variables, rows)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        answer = self._post(bind_values(query, bindings))
        if not isinstance(answer.get("boolean"), bool):
            raise EndpointError(f"{self.url}: expected the answer of an ASK query, got another kind of answer")
        return bool(answer["boolean"])

    def _post(self, query: str) -> Any:
        """The JSON object the endpoint answers ``query`` with; any failure is an EndpointError."""
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode({"query": query}).encode("utf-8"), method="POST",
            headers={"Accept": RESULTS_JSON, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            detail = first_line(exc.read().decode("utf-8", "replace")) or exc.reason
            raise EndpointError(f"{self.url} refused the query (HTTP {exc.code}): {detail}") from None
        except urllib.error.URLError as exc:
            raise EndpointError(f"{self.url}: cannot reach the endpoint ({exc.reason})") from None
        except TimeoutError:
            raise EndpointError(f"{self.url}: no answer within {self.timeout:g} s") from None
        try:
            answer = json.loads(body)
        except ValueError:
            raise EndpointError(f"{self.url}: the answer is not SPARQL JSON results") from None
        if not isinstance(answer, dict):
            raise EndpointError(f"{self.url}: the answer is not SPARQL JSON results")
        return answer


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
