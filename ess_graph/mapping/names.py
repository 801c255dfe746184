"""Finding the node a person means when they type a name on the command line.

People type "galilee" for "Galilée" or "Pas de Calais" for "Département du Pas-de-Calais", so
names are compared without accents, case or punctuation. An IRI (full or prefixed, like
``essd:calais``) or the last segment of one always wins; otherwise a unique exact label, then a
unique partial label is accepted. Anything else is a one-line error that lists the candidates,
so the user can retype a name that resolves.
"""

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping

import networkx as nx

from ..errors import EssGraphError
from ..namespaces import PREFIXES
from ..terms import local_name, prefixed

MAX_CANDIDATES = 8


def normalise(text: str) -> str:
    """Lower case, without accents, punctuation collapsed to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.split(r"[\W_]+", bare)).strip()


def resolve_node(
    network: nx.Graph,
    name: str,
    *,
    what: str = "node",
    accept: Callable[[Mapping], bool] = lambda attrs: True,
    option: str = "",
) -> str:
    """The IRI of the one node of ``network`` that ``name`` designates among those ``accept`` lets in.

    ``what`` names the sought thing in messages ("actor", "territory"); ``option`` (e.g.
    ``--focus``) prefixes them, so that the user knows which value to fix.
    """
    candidates = {node: attrs for node, attrs in network.nodes(data=True) if accept(attrs)}
    return resolve_name(candidates, name, what=what, option=option)


def resolve_name(candidates: Mapping[str, Mapping], name: str, *, what: str = "node", option: str = "") -> str:
    """The one key of ``candidates`` (IRI -> attributes with a ``label``) that ``name`` designates."""
    prefix = f"{option}: " if option else ""
    iri = _expand(name.strip())
    if iri in candidates:
        return iri
    wanted = normalise(name)
    if not wanted:
        raise EssGraphError(f"{prefix}an empty name designates no {what}")
    for matches in (
        [n for n, a in candidates.items() if normalise(a.get("label", "")) == wanted],
        [n for n in candidates if normalise(local_name(n)) == wanted],
        [n for n, a in candidates.items() if f" {wanted} " in f" {normalise(a.get('label', ''))} "],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise EssGraphError(f"{prefix}'{name}' matches {len(matches)} {what}s: {_listing(candidates, matches)}; "
                                "give the full name or the IRI")
    close = _close_matches(candidates, wanted)
    hint = f" (did you mean {_listing(candidates, close)}?)" if close else ""
    raise EssGraphError(f"{prefix}no {what} named '{name}'{hint}")


def _expand(name: str) -> str:
    prefix, colon, rest = name.partition(":")
    if colon and prefix in PREFIXES and not rest.startswith("//"):
        return str(PREFIXES[prefix]) + rest
    return name


def _close_matches(candidates: Mapping[str, Mapping], wanted: str) -> list[str]:
    by_label: dict[str, list[str]] = {}
    for node, attrs in candidates.items():
        by_label.setdefault(normalise(attrs.get("label", "")), []).append(node)
    labels = difflib.get_close_matches(wanted, list(by_label), n=MAX_CANDIDATES, cutoff=0.6)
    return [node for label in labels for node in by_label[label]][:MAX_CANDIDATES]


def _listing(candidates: Mapping[str, Mapping], nodes: list[str]) -> str:
    ordered = sorted(nodes, key=lambda n: (normalise(candidates[n].get("label", "")), n))
    shown = [f"{candidates[n].get('label', '')} ({prefixed(n)})" for n in ordered[:MAX_CANDIDATES]]
    more = len(ordered) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
