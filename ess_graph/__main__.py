"""``python -m ess_graph`` runs the ``ess-graph`` command."""

from .cli import main

main()
