"""Spotting potential PTCE (pôles territoriaux de coopération économique, art. 9 of law 2014-856).

    >>> from ess_graph import load_graph
    >>> from ess_graph.ptce import find_ptce_candidates, PTCEParameters
    >>> analysis = find_ptce_candidates(load_graph(), PTCEParameters(seed=1))
    >>> best = analysis.candidate(1)
    >>> [g.name for g in best.gates if not g.met]       # the failing legal gates, if any
    []

Modules: :mod:`.parameters` (every weight and threshold), :mod:`.projection` (the weighted
cooperation network), :mod:`.generation` (candidate groups), :mod:`.gates` (the legal checklist),
:mod:`.scoring`, :mod:`.advice` (missing roles, suggestions, caveats), :mod:`.report` (table, card,
JSON), :mod:`.rdf` (saving candidates), :mod:`.overlay` (colouring them on the map).
"""

from .analysis import Candidate, PTCEAnalysis, candidate_iri, find_ptce_candidates
from .parameters import PTCEParameters, load_parameters, parameter_help
from .projection import CooperationNetwork, cooperation_network

__all__ = [
    "Candidate", "CooperationNetwork", "PTCEAnalysis", "PTCEParameters", "candidate_iri",
    "cooperation_network", "find_ptce_candidates", "load_parameters", "parameter_help",
]
