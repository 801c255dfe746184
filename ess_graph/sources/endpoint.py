"""Asking any SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso, QLever) over HTTP.

A store on one machine serves one user; a SPARQL server serves a CRESS and its partners. The
client here speaks the SPARQL 1.1 Protocol with the standard library alone: the query goes as
an HTML form in a POST (no length limit, nothing in server logs' URLs), the answer comes back
as SPARQL JSON results and is turned into rdflib terms, like every other engine's. Values are
bound by a ``VALUES`` block built from terms (:mod:`ess_graph.sparql.binding`), never by pasting
text into the query. Every request has a timeout, so a server that hangs cannot hang a command.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ..errors import EssGraphError
from ..sparql.binding import Bindings, bind_values
from .engine import SelectResult, Term

RESULTS_JSON = "application/sparql-results+json"
DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for an answer; a country-wide aggregate on a busy server may need more."""


class EndpointEngine:
    """Read-only SELECT and ASK queries on a SPARQL endpoint, with values bound to variables."""

    name = "endpoint"

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT):
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("http", "https"):
            raise EssGraphError(f"--endpoint: '{url}' is not an http:// or https:// address")
        self.url = url
        self.timeout = timeout

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        answer = self._post(bind_values(query, bindings))
        if "results" not in answer:
            raise EssGraphError(f"{self.url}: expected the rows of a SELECT query, got another kind of answer")
        variables = tuple(answer.get("head", {}).get("vars", ()))
        rows = tuple(tuple(_term(solution.get(name)) for name in variables)
                     for solution in answer["results"].get("bindings", ()))
        return SelectResult(variables, rows)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        answer = self._post(bind_values(query, bindings))
        if not isinstance(answer.get("boolean"), bool):
            raise EssGraphError(f"{self.url}: expected the answer of an ASK query, got another kind of answer")
        return bool(answer["boolean"])

    def _post(self, query: str) -> Any:
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode({"query": query}).encode("utf-8"), method="POST",
            headers={"Accept": RESULTS_JSON, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            detail = _first_line(exc.read().decode("utf-8", "replace")) or exc.reason
            raise EssGraphError(f"{self.url} refused the query (HTTP {exc.code}): {detail}") from None
        except urllib.error.URLError as exc:
            raise EssGraphError(f"{self.url}: cannot reach the endpoint ({exc.reason})") from None
        except TimeoutError:
            raise EssGraphError(f"{self.url}: no answer within {self.timeout:g} s") from None
        try:
            return json.loads(body)
        except ValueError:
            raise EssGraphError(f"{self.url}: the answer is not SPARQL JSON results") from None


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
    raise EssGraphError(f"the endpoint returned a term of unknown type '{kind}'")


def _first_line(text: str) -> str:
    text = text.strip()
    return text.splitlines()[0] if text else ""
