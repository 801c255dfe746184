"""What more than one importer needs: reading tables and checking their cells, collecting problems,
provenance, identity, the vocabulary's concepts, streaming and writing triples. Nothing here
imports an importer."""
